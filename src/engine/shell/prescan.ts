/**
 * A quote-aware pass over raw shell text that fixes what shell-quote gets wrong or cannot see
 * (parser-notes.md §2.3): it cuts out heredoc bodies (S4), command and process substitutions and
 * backticks (S5, S6), turns unquoted newlines into separators (S3), drops real comments and escapes
 * mid-word `#` (S2), and notices unbalanced quotes (S11). What it cuts out is replaced by placeholder
 * words and kept aside, so the caller can analyse it as code of its own.
 */

export interface Substitution {
  /** `$(…)`, backticks and `<(…)`/`>(…)` run their body; `$((…))` is arithmetic and runs nothing. */
  kind: 'command' | 'process';
  body: string;
  /** The original text (`$(rm -rf x)`), for messages. */
  source: string;
}

export interface Heredoc {
  body: string;
  /** A quoted tag (`<<'EOF'`) keeps `$` literal; an unquoted one expands substitutions in the body. */
  literal: boolean;
}

export interface Prescan {
  /** Text for shell-quote: placeholders instead of substitutions and heredocs, `;` instead of newlines. */
  text: string;
  substitutions: Substitution[];
  heredocs: Heredoc[];
  problems: string[];
  /** Number of the first placeholder (`$__BRS<firstIndex>__` is substitutions[0]). */
  firstIndex: number;
}

/** Placeholders: `$__BRS<n>__` reads as an unresolved variable; `__BRH<n>__` names a heredoc body. */
export const SUBST_PLACEHOLDER = /\$__BRS(\d+)__/g;
export const HEREDOC_PLACEHOLDER = /^__BRH(\d+)__$/;

const WORD_BREAK = new Set([' ', '\t', '\n', ';', '&', '|', '(', ')', '<', '>']);

/** Index just past the `)` that closes a `(` opened before `start`, honouring quotes and nesting; -1 if none. */
function closingParen(text: string, start: number): number {
  let depth = 1;
  let quote: '"' | "'" | undefined;
  for (let i = start; i < text.length; i++) {
    const c = text[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      continue;
    }
    if (c === '\\') {
      i++;
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = undefined;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return -1;
}

function closingBacktick(text: string, start: number): number {
  for (let i = start; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '`') return i + 1;
  }
  return -1;
}

/** Reads a heredoc tag after `<<` / `<<-`: returns the tag, whether it was quoted, and where it ends. */
function readHeredocTag(text: string, at: number): { tag: string; literal: boolean; end: number } | undefined {
  let i = at;
  while (text[i] === ' ' || text[i] === '\t') i++;
  const m = /^(?:'([^'\n]+)'|"([^"\n]+)"|\\?([A-Za-z0-9_.\-]+))/.exec(text.slice(i));
  if (!m) return undefined;
  const tag = m[1] ?? m[2] ?? m[3]!;
  return { tag, literal: m[1] !== undefined || m[2] !== undefined || m[0].startsWith('\\'), end: i + m[0].length };
}

/**
 * `firstIndex` numbers the placeholders from there: one analysis keeps a single list of substitutions, so a
 * placeholder that reaches a nested script (`bash -c "… $(pwd) …"`) still names the right one.
 */
export function prescan(raw: string, firstIndex = 0): Prescan {
  const result: Prescan = { text: '', substitutions: [], heredocs: [], problems: [], firstIndex };
  const pending: { index: number; tag: string; stripTabs: boolean }[] = [];
  let out = '';
  let quote: '"' | "'" | undefined;
  let i = 0;

  const substitute = (kind: Substitution['kind'], body: string, source: string): void => {
    result.substitutions.push({ kind, body, source });
    out += `$__BRS${firstIndex + result.substitutions.length - 1}__`;
  };

  /** At the end of a line that opened heredocs, their bodies follow: consume them. */
  const consumeHeredocs = (from: number): number => {
    let pos = from;
    for (const h of pending.splice(0)) {
      const lines: string[] = [];
      let closed = false;
      while (pos < raw.length) {
        let end = raw.indexOf('\n', pos);
        if (end === -1) end = raw.length;
        let line = raw.slice(pos, end);
        pos = end + 1;
        if (h.stripTabs) line = line.replace(/^\t+/, '');
        if (line === h.tag || line.trimEnd() === h.tag) {
          closed = true;
          break;
        }
        lines.push(line);
      }
      result.heredocs[h.index]!.body = lines.join('\n');
      if (!closed) pos = raw.length; // bash reads to the end too (with a warning)
    }
    return pos;
  };

  while (i < raw.length) {
    const c = raw[i]!;
    if (quote === "'") {
      out += c;
      if (c === "'") quote = undefined;
      i++;
      continue;
    }
    if (c === '\\') {
      if (raw[i + 1] === '\n') {
        i += 2; // line continuation
        continue;
      }
      out += raw.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (c === '$' && raw[i + 1] === '(') {
      if (raw[i + 2] === '(') {
        // Arithmetic expansion: runs nothing, but its value is unknown.
        const end = closingParen(raw, i + 3);
        if (end === -1) break;
        out += '$__ARITH__';
        i = raw[end] === ')' ? end + 1 : end;
        continue;
      }
      const end = closingParen(raw, i + 2);
      if (end === -1) {
        result.problems.push('unclosed $( substitution');
        break;
      }
      substitute('command', raw.slice(i + 2, end - 1), raw.slice(i, end));
      i = end;
      continue;
    }
    if (c === '`') {
      const end = closingBacktick(raw, i + 1);
      if (end === -1) {
        result.problems.push('unclosed backtick substitution');
        break;
      }
      substitute('command', raw.slice(i + 1, end - 1), raw.slice(i, end));
      i = end;
      continue;
    }
    if (quote === '"') {
      out += c;
      if (c === '"') quote = undefined;
      i++;
      continue;
    }
    // Outside quotes from here on.
    if (c === "'" || c === '"') {
      quote = c;
      out += c;
      i++;
      continue;
    }
    if ((c === '<' || c === '>') && raw[i + 1] === '(') {
      const end = closingParen(raw, i + 2);
      if (end === -1) {
        result.problems.push('unclosed process substitution');
        break;
      }
      substitute('process', raw.slice(i + 2, end - 1), raw.slice(i, end));
      i = end;
      continue;
    }
    if (c === '<' && raw[i + 1] === '<' && raw[i + 2] === '<') {
      // A here-string (`<<< "text"`): not a heredoc, so no body follows on the next lines.
      out += '<<<';
      i += 3;
      continue;
    }
    if (c === '<' && raw[i + 1] === '<') {
      const stripTabs = raw[i + 2] === '-';
      const tag = readHeredocTag(raw, i + (stripTabs ? 3 : 2));
      if (tag) {
        result.heredocs.push({ body: '', literal: tag.literal });
        pending.push({ index: result.heredocs.length - 1, tag: tag.tag, stripTabs });
        out += ` <<< __BRH${result.heredocs.length - 1}__ `;
        i = tag.end;
        continue;
      }
    }
    if (c === '#') {
      const prev = out[out.length - 1];
      if (prev === undefined || WORD_BREAK.has(prev)) {
        // A real comment: drop it up to the end of the line.
        const end = raw.indexOf('\n', i);
        i = end === -1 ? raw.length : end;
        continue;
      }
      out += '\\#';
      i++;
      continue;
    }
    if (c === '\n') {
      const before = out.trimEnd();
      const last = before[before.length - 1];
      // A line ending in an operator continues on the next line; otherwise a newline ends a command.
      out += last === undefined || last === '|' || last === '&' || last === ';' || last === '(' ? ' ' : ' ; ';
      i++;
      if (pending.length) i = consumeHeredocs(i);
      continue;
    }
    out += c;
    i++;
  }
  if (quote) result.problems.push(`unbalanced ${quote === '"' ? 'double' : 'single'} quote`);
  if (pending.length) consumeHeredocs(raw.length);
  result.text = out;
  return result;
}
