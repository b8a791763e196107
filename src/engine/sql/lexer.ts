/**
 * A small SQL lexer shared by the statement splitter and the keyword scanner. It knows just enough of each
 * dialect's quoting to find statement boundaries and keywords reliably: '…' strings (with '' and, in MySQL,
 * backslash escapes), E'…'/N'…'/X'…' prefixes, "…" and `…` identifiers, [brackets] in T-SQL, $tag$…$tag$
 * bodies, --, # (MySQL family) and nested /* *\/ comments, MySQL's executable /*! … *\/ comments (their
 * content runs, so it is lexed as code), psql/sqlite meta-commands, `DELIMITER`, and T-SQL `GO` lines.
 */

export type TokenType =
  | 'word' // keyword or bare identifier; `up` holds it upper-cased
  | 'ident' // quoted identifier; `value` is the name without quotes
  | 'string' // string literal (also $$-bodies); `value` is the unescaped content
  | 'number'
  | 'param' // $1, ?, :name, @var, @@var
  | 'op' // punctuation and operators
  | 'meta' // a whole psql/sqlite/mysql client command line (`\c db`, `.read f`, `source f`)
  | 'sep' // statement separator (`;`, a custom DELIMITER, a `GO` line)
  | 'comment';

export interface Token {
  type: TokenType;
  /** Source text of the token. */
  raw: string;
  /** Unquoted/unescaped value (identifiers, strings, meta commands); the raw text otherwise. */
  value: string;
  /** Upper-cased raw text, for keyword comparisons. */
  up: string;
  /** Offset of the token's first character in the lexed text. */
  start: number;
  end: number;
  /** Parenthesis depth at the token (a `(` has the depth outside it). */
  depth: number;
  /** For strings: the offset where the content starts (after the opening quote or $tag$). */
  contentStart?: number;
  /** For strings: written with $tag$ quoting. */
  dollar?: boolean;
}

export interface LexOptions {
  /** Normalised dialect name, or undefined when unknown (then the lexer is permissive). */
  dialect?: string;
}

const MYSQL_FAMILY = new Set(['mysql', 'mariadb']);
const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/;
const STATEMENT_WORDS_FOR_BLOCKS = new Set(['TRIGGER', 'PROCEDURE', 'FUNCTION', 'EVENT']);
const NOT_BLOCK_BEGIN = new Set(['TRANSACTION', 'WORK', 'TRAN', 'DEFERRED', 'IMMEDIATE', 'EXCLUSIVE', 'ISOLATION', 'READ']);
const END_KEEPS_DEPTH = new Set(['IF', 'LOOP', 'WHILE', 'REPEAT', 'FOR']);

function token(type: TokenType, src: string, start: number, end: number, depth: number, value?: string): Token {
  const raw = src.slice(start, end);
  return { type, raw, value: value ?? raw, up: raw.toUpperCase(), start, end, depth };
}

/** Lexes a whole script into tokens, including comments and separators. Never throws. */
export function lex(src: string, opts: LexOptions = {}): Token[] {
  const dialect = opts.dialect;
  const mysqlish = dialect === undefined || MYSQL_FAMILY.has(dialect);
  const backslashEscapes = dialect !== undefined && MYSQL_FAMILY.has(dialect);
  const brackets = dialect === 'transactsql';
  const out: Token[] = [];
  let i = 0;
  let depth = 0;
  let delimiter = ';';
  let atStatementStart = true;
  let execComment = 0; // open MySQL /*! … */ comments whose content is code
  // BEGIN…END nesting inside CREATE TRIGGER/PROCEDURE/FUNCTION bodies written without $$ quoting.
  let routine = false;
  let blockDepth = 0;
  let wordsInStatement = 0;

  const push = (t: Token): void => {
    out.push(t);
    if (t.type === 'comment') return;
    if (t.type === 'sep') {
      atStatementStart = true;
      depth = 0;
      routine = false;
      blockDepth = 0;
      wordsInStatement = 0;
      return;
    }
    atStatementStart = false;
  };

  const lineEnd = (from: number): number => {
    const nl = src.indexOf('\n', from);
    return nl < 0 ? src.length : nl;
  };
  const atLineStart = (pos: number): boolean => {
    for (let k = pos - 1; k >= 0; k--) {
      const c = src[k]!;
      if (c === '\n') return true;
      if (c !== ' ' && c !== '\t' && c !== '\r') return false;
    }
    return true;
  };

  while (i < src.length) {
    const c = src[i]!;
    const next = src[i + 1];

    if (c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === '\f' || c === '\v') {
      i++;
      continue;
    }

    // A custom delimiter (set by the mysql client's DELIMITER command) wins over everything outside quotes.
    if (delimiter !== ';' && src.startsWith(delimiter, i)) {
      push(token('sep', src, i, i + delimiter.length, depth));
      i += delimiter.length;
      continue;
    }

    if (atStatementStart) {
      const rest = src.slice(i, lineEnd(i));
      // Client commands that end at the end of the line, not at a `;`.
      const delim = /^delimiter[ \t]+(\S+)/i.exec(rest);
      if (delim) {
        delimiter = delim[1]!;
        const end = lineEnd(i);
        push(token('meta', src, i, end, 0, rest.trim()));
        push(token('sep', src, end, end, 0));
        i = end;
        continue;
      }
      if ((c === '\\' && /[a-zA-Z!?.]/.test(next ?? '')) || (c === '.' && /[a-z]/.test(next ?? '') && atLineStart(i)) ||
        (mysqlish && /^(source|\\\.)[ \t]/i.test(rest))) {
        const end = lineEnd(i);
        // psql allows `\cmd args \\ SQL` on one line; the rest after `\\` is SQL again, which we keep simple by
        // treating the whole line as the meta command (it is reported as unknown unless harmless).
        push(token('meta', src, i, end, 0, rest.trim().replace(/;$/, '')));
        push(token('sep', src, end, end, 0));
        i = end;
        continue;
      }
    }

    // T-SQL batch separator: `GO` (optionally with a count) alone on its line.
    if ((c === 'G' || c === 'g') && atLineStart(i)) {
      const m = /^go(?:[ \t]+\d+)?[ \t]*;?[ \t]*(?=\r?\n|$)/i.exec(src.slice(i, lineEnd(i) + 1));
      if (m) {
        push(token('sep', src, i, i + m[0].length, depth));
        i += m[0].length;
        continue;
      }
    }

    // Comments.
    if (c === '-' && next === '-') {
      const end = lineEnd(i);
      push(token('comment', src, i, end, depth));
      i = end;
      continue;
    }
    // `#` starts a comment in MySQL (and node-sql-parser's sqlite); mid-line `#name` with no dialect is read as
    // a T-SQL temporary table name instead, because `DROP TABLE #tmp` is far more common than `x#comment`.
    const hashName = dialect === 'transactsql' || (dialect === undefined && next !== undefined && WORD_START.test(next) && !atLineStart(i));
    if (c === '#' && !hashName && (mysqlish || dialect === 'sqlite' || atLineStart(i))) {
      const end = lineEnd(i);
      push(token('comment', src, i, end, depth));
      i = end;
      continue;
    }
    if (c === '/' && next === '*') {
      if (src[i + 2] === '!' || (src[i + 2] === 'M' && src[i + 3] === '!')) {
        // MySQL executes the content of /*! … */ (and /*M! … */ in MariaDB): lex it as code.
        const m = /^\/\*M?!\d*/.exec(src.slice(i, i + 12))!;
        push(token('comment', src, i, i + m[0].length, depth));
        i += m[0].length;
        execComment++;
        continue;
      }
      let level = 0;
      let j = i;
      while (j < src.length) {
        if (src[j] === '/' && src[j + 1] === '*') {
          level++;
          j += 2;
        } else if (src[j] === '*' && src[j + 1] === '/') {
          level--;
          j += 2;
          // MySQL does not nest comments; PostgreSQL does. Nesting is the safer reading only for pg.
          if (level === 0 || MYSQL_FAMILY.has(dialect ?? '')) break;
        } else j++;
      }
      push(token('comment', src, i, Math.min(j, src.length), depth));
      i = j;
      continue;
    }
    if (c === '*' && next === '/' && execComment > 0) {
      execComment--;
      push(token('comment', src, i, i + 2, depth));
      i += 2;
      continue;
    }

    // Strings, with optional prefixes: E'…' (backslash escapes), N'…', X'…', B'…', U&'…', _utf8'…'.
    const prefix = /^(?:[EeNnXxBbRr]|U&|_[A-Za-z0-9]+)'/.exec(src.slice(i, i + 12));
    if (c === "'" || prefix) {
      const quoteAt = c === "'" ? i : i + prefix![0].length - 1;
      const escapes = backslashEscapes || (prefix !== null && /^[Ee]/.test(prefix[0]));
      let j = quoteAt + 1;
      let value = '';
      while (j < src.length) {
        const ch = src[j]!;
        if (ch === '\\' && escapes && j + 1 < src.length) {
          const e = src[j + 1]!;
          value += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e === '0' ? '\0' : e;
          j += 2;
          continue;
        }
        if (ch === "'") {
          if (src[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += ch;
        j++;
      }
      const t = token('string', src, i, Math.min(j + 1, src.length), depth, value);
      t.contentStart = quoteAt + 1;
      push(t);
      i = j + 1;
      continue;
    }

    // Dollar-quoted bodies: $$…$$ or $tag$…$tag$ (PostgreSQL; also Snowflake's $$).
    if (c === '$') {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(src.slice(i, i + 64));
      if (m) {
        const tag = m[0];
        const close = src.indexOf(tag, i + tag.length);
        const end = close < 0 ? src.length : close + tag.length;
        const t = token('string', src, i, end, depth, src.slice(i + tag.length, close < 0 ? src.length : close));
        t.contentStart = i + tag.length;
        t.dollar = true;
        push(t);
        i = end;
        continue;
      }
      const p = /^\$\d+/.exec(src.slice(i, i + 12));
      if (p) {
        push(token('param', src, i, i + p[0].length, depth));
        i += p[0].length;
        continue;
      }
    }

    // Quoted identifiers.
    if (c === '"' || c === '`' || (c === '[' && brackets)) {
      const close = c === '[' ? ']' : c;
      let j = i + 1;
      let value = '';
      while (j < src.length) {
        if (src[j] === close) {
          if (src[j + 1] === close) {
            value += close;
            j += 2;
            continue;
          }
          break;
        }
        value += src[j];
        j++;
      }
      push(token('ident', src, i, Math.min(j + 1, src.length), depth, value));
      i = j + 1;
      continue;
    }

    if (c === ';' && delimiter === ';') {
      if (routine && blockDepth > 0) {
        push(token('op', src, i, i + 1, depth));
      } else push(token('sep', src, i, i + 1, depth));
      i++;
      continue;
    }

    if (WORD_START.test(c) || (c === '#' && hashName)) {
      let j = i + 1;
      while (j < src.length && WORD_PART.test(src[j]!)) j++;
      const t = token('word', src, i, j, depth);
      wordsInStatement++;
      if (wordsInStatement <= 8 && STATEMENT_WORDS_FOR_BLOCKS.has(t.up) && firstWordIs(out, 'CREATE')) routine = true;
      if (routine) {
        if (t.up === 'BEGIN' || t.up === 'CASE') {
          if (!(t.up === 'BEGIN' && NOT_BLOCK_BEGIN.has(peekWord(src, j)))) blockDepth++;
        } else if (t.up === 'END' && !END_KEEPS_DEPTH.has(peekWord(src, j))) blockDepth = Math.max(0, blockDepth - 1);
      }
      push(t);
      i = j;
      continue;
    }

    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(next ?? ''))) {
      const m = /^(?:0x[0-9a-f]+|\d*\.?\d+(?:e[+-]?\d+)?)/i.exec(src.slice(i, i + 64))!;
      push(token('number', src, i, i + m[0].length, depth));
      i += m[0].length;
      continue;
    }

    if (c === '?' && !/[|&-]/.test(next ?? '')) {
      push(token('param', src, i, i + 1, depth));
      i++;
      continue;
    }
    if ((c === ':' && next !== undefined && WORD_START.test(next) && src[i - 1] !== ':') || c === '@') {
      // :name placeholders, @var and @@var; a bare @ (MySQL 'user'@'host') stays an operator.
      const m = /^(?::|@@?)[A-Za-z_][A-Za-z0-9_.$]*/.exec(src.slice(i, i + 128));
      if (m) {
        push(token('param', src, i, i + m[0].length, depth));
        i += m[0].length;
        continue;
      }
    }

    if (c === '(') {
      push(token('op', src, i, i + 1, depth));
      depth++;
      i++;
      continue;
    }
    if (c === ')') {
      depth = Math.max(0, depth - 1);
      push(token('op', src, i, i + 1, depth));
      i++;
      continue;
    }
    const op = /^(?:::|<>|!=|>=|<=|\|\||<=>|:=|=>|->>|->|[^\sA-Za-z0-9_])/.exec(src.slice(i, i + 3))!;
    push(token('op', src, i, i + op[0].length, depth));
    i += op[0].length;
  }
  return out;
}

function peekWord(src: string, from: number): string {
  const m = /^\s*([A-Za-z_]+)/.exec(src.slice(from, from + 40));
  return m ? m[1]!.toUpperCase() : '';
}

function firstWordIs(tokens: readonly Token[], word: string): boolean {
  for (let k = tokens.length - 1; k >= 0; k--) {
    const t = tokens[k]!;
    if (t.type === 'sep') return false;
    if (t.type === 'comment') continue;
    // Walk back to the statement's first token.
    let first = t;
    for (let m = k; m >= 0; m--) {
      const u = tokens[m]!;
      if (u.type === 'sep') break;
      if (u.type !== 'comment') first = u;
    }
    return first.up === word;
  }
  return false;
}
