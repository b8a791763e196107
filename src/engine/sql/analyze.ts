/**
 * analyzeSql(text) → statements for the SQL rules, plus the parts nobody could account for.
 *
 * The keyword scanner reads every statement (verb, objects, options, which rows a DELETE/UPDATE touches); the
 * parser is consulted only for statements that change data or schema, to fold WHERE clauses and to attach an AST.
 * Scripts keep state from statement to statement: safety switches turned off, tables created earlier, the
 * database selected, variables holding SQL text. Dynamic SQL (DO bodies, EXECUTE, PREPARE, EXEC, data-modifying
 * CTEs, EXPLAIN ANALYZE) is analysed as nested statements marked with `via`.
 */
import type { Token } from './lexer';
import { lex } from './lexer';
import { LineMap, textWithoutComments } from './split';
import { findTop, isWord, readName, readRows, readShape, skipParens } from './shape';
import type { RowScope } from './shape';
import { dynamicText } from './dynamic';
import { dialectChain, normaliseDialect, parseStatement } from './parser';
import type { ParserDialect } from './parser';
import { isTautology, isTautologyText } from './where';
import type { SqlAnalysis, SqlStatement } from './types';

export type { SqlAnalysis, SqlStatement } from './types';

export interface AnalyzeOptions {
  /** Connection string or host the SQL goes to; copied onto every statement for the rules. */
  target?: string;
  /** Where the text starts in a larger file (SQL inside a migration), so positions come out in file terms. */
  origin?: { line: number; column: number };
  /** Tables created before this text, by earlier parts of the same migration. */
  createdTables?: Iterable<string>;
  /** Columns (`table.column`) added before this text, likewise. */
  createdColumns?: Iterable<string>;
}

const MAX_DEPTH = 5;

/** Verbs worth a parse: they change data or schema, and the AST adds certainty (or WHERE semantics). */
const PARSE_TYPES: Record<string, string> = {
  DELETE: 'delete', UPDATE: 'update', 'DROP TABLE': 'drop', 'DROP VIEW': 'drop', 'DROP DATABASE': 'drop',
  'DROP SCHEMA': 'drop', TRUNCATE: 'truncate', 'ALTER TABLE': 'alter',
};

/** Read-only SQL Server procedures that are fine to EXEC. */
const HARMLESS_PROCS = /^(sys\.)?(sp_help\w*|sp_who2?|sp_columns|sp_tables|sp_spaceused|sp_databases|sp_lock|sp_stored_procedures|sp_describe_\w+|sp_server_info|sp_statistics|sp_pkeys|sp_fkeys|sp_monitor|sp_depends)$/i;

/** Procedural statements inside PL/pgSQL, T-SQL and MySQL routine bodies that run no SQL of their own. */
const PROCEDURAL = new Set(['RAISE', 'RETURN', 'NULL', 'EXIT', 'CONTINUE', 'ASSERT', 'GET', 'OPEN', 'FETCH', 'CLOSE', 'MOVE', 'LEAVE', 'ITERATE', 'SIGNAL', 'RESIGNAL', 'PRINT', 'BREAK', 'GOTO']);
const META_HARMLESS = /^(\\(restrict|unrestrict|d\S*|l\+?|list|x|timing|q|quit|conninfo|echo|qecho|set|unset|pset|a|t|H|f|encoding|copy|g|gx|gset|watch|h|help|\?|prompt|p|r|reset|s|z|sf|sv|ef|ev|cd|if|elif|else|endif|errverbose|setenv|getenv|C|T|dconfig)|\.(tables|schema|indexes|indices|headers|mode|quit|exit|help|dump|databases|timer|width|nullvalue|separator|show|explain|print|echo|changes|eqp|stats|bail|fullschema|lint|dbinfo|limit|once|output|excel|timeout|trace|vfsinfo|parameter|log|expert|open|backup|save|clone|sha3sum|recover|progress|binary|crnl|connection)|delimiter)$/i;
const META_CONNECT = /^\\(c|connect)$/i;

interface ScriptState {
  switchesOff: string[];
  created: ReadonlySet<string>;
  columns: ReadonlySet<string>;
  temporary: ReadonlySet<string>;
  database?: string;
  vars: Map<string, string>;
  prepared: Set<string>;
}

interface Context {
  src: string;
  comments: readonly Token[];
  lines: LineMap;
  /** Where offset 0 of `src` sits in the outermost text (for nested dynamic SQL). */
  base: { line: number; column: number };
  dialect: ParserDialect | undefined;
  dialectName: string;
  target?: string;
  state: ScriptState;
  out: SqlAnalysis;
  via?: string;
  depth: number;
  /** Inside a PL/pgSQL, T-SQL or MySQL routine body: control-flow words are expected. */
  procedural: boolean;
  constraintsAdded: ReadonlySet<string>;
}

/** Analyses SQL text. Never throws; anything it cannot read goes to `unknowns`, which the engine never allows. */
export function analyzeSql(sql: string, dialect?: string, options: AnalyzeOptions = {}): SqlAnalysis {
  const out: SqlAnalysis = { statements: [], unknowns: [], unknownsAt: [] };
  if (sql.trim() === '') return out;
  const parserDialect = normaliseDialect(dialect);
  const created = new Set([...(options.createdTables ?? [])].map(baseName));
  const columns = new Set([...(options.createdColumns ?? [])].map((c) => c.toLowerCase()));
  const state: ScriptState = { switchesOff: [], created, columns, temporary: new Set(), vars: new Map(), prepared: new Set() };
  // Constraints the script adds anywhere: dropping one to re-create it (as ORMs do) loses nothing.
  const added = new Set([...sql.matchAll(/\bADD\s+CONSTRAINT\s+[`"[]?([\w.]+)/gi)].map((m) => baseName(m[1]!)));
  try {
    analyzeText(sql, options.origin ?? { line: 1, column: 1 }, {
      constraintsAdded: added,
      dialect: parserDialect,
      dialectName: parserDialect ?? 'unknown',
      target: options.target,
      state,
      out,
      depth: 0,
      procedural: false,
    });
  } catch (err) {
    out.unknowns.push(`the SQL analyser failed (${(err as Error).message})`);
  }
  out.created = { tables: [...state.created], columns: [...state.columns] };
  return out;
}

type Shared = Pick<Context, 'dialect' | 'dialectName' | 'target' | 'state' | 'out' | 'depth' | 'procedural' | 'via' | 'constraintsAdded'>;

function analyzeText(src: string, base: { line: number; column: number }, shared: Shared): void {
  const all = lex(src, { dialect: shared.dialect });
  const ctx: Context = { ...shared, src, comments: all.filter((t) => t.type === 'comment'), lines: new LineMap(src), base };
  let piece: Token[] = [];
  for (const t of all) {
    if (t.type === 'sep') {
      if (piece.length) statement(piece, ctx);
      piece = [];
    } else if (t.type !== 'comment') piece.push(t);
  }
  if (piece.length) statement(piece, ctx);
}

function position(ctx: Context, offset: number): { line: number; column: number } {
  const p = ctx.lines.at(offset);
  return p.line === 1 ? { line: ctx.base.line, column: ctx.base.column + p.column - 1 } : { line: ctx.base.line + p.line - 1, column: p.column };
}

function textOf(ctx: Context, tk: readonly Token[]): string {
  return textWithoutComments(ctx.src, ctx.comments, tk[0]!.start, tk[tk.length - 1]!.end);
}

function snippet(text: string): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > 60 ? `${one.slice(0, 57)}...` : one;
}

function unknown(ctx: Context, tk: readonly Token[], why: string): void {
  const at = position(ctx, tk[0]!.start);
  const reason = `${why}: ${snippet(textOf(ctx, tk))}`;
  ctx.out.unknowns.push(`line ${at.line}: ${reason}`);
  ctx.out.unknownsAt?.push({ reason, ...at });
}

/** Analyses the text of a string literal (dynamic SQL) as nested statements. */
function nestedText(ctx: Context, text: string, at: number, via: string, procedural = false): void {
  if (ctx.depth >= MAX_DEPTH) {
    const where = position(ctx, at);
    ctx.out.unknowns.push(`line ${where.line}: dynamic SQL nested too deeply to follow (${via})`);
    ctx.out.unknownsAt?.push({ reason: `dynamic SQL nested too deeply to follow (${via})`, ...where });
    return;
  }
  analyzeText(text, position(ctx, at), { ...ctx, via, depth: ctx.depth + 1, procedural });
}

function nestedTokens(ctx: Context, tk: readonly Token[], via?: string): void {
  if (tk.length === 0) return;
  if (ctx.depth >= MAX_DEPTH) return unknown(ctx, tk, 'nested too deeply to follow');
  statement(tk, { ...ctx, via: via ?? ctx.via, depth: ctx.depth + 1 });
}

/** One statement: peel control flow, split CTEs, read the shape, follow dynamic SQL, then emit. */
function statement(tk: readonly Token[], ctx: Context): void {
  const first = tk[0]!;
  if (first.type === 'meta') return meta(first, tk, ctx);
  if (first.type === 'op' && first.raw === '<<') {
    // A PL/pgSQL label `<<name>>` before a statement.
    const close = tk.findIndex((t) => t.raw === '>>');
    return statement(tk.slice(close + 1), ctx);
  }
  if (first.type !== 'word' && first.raw !== '(') return unknown(ctx, tk, 'does not start with an SQL keyword');
  if (first.type === 'word' && controlFlow(tk, ctx)) return;
  if (isWord(first, 'WITH')) return withStatement(tk, ctx);

  const shape = readShape(tk);
  if (!shape.known) {
    // In routine bodies: `name := expr` assignments and `name type [:= expr]` declarations.
    if (ctx.procedural && (tk[1]?.raw === ':=' || tk[1]?.raw === '=' || tk[1]?.type === 'word')) {
      const assign = tk.findIndex((t) => t.raw === ':=' || t.raw === '=' || isWord(t, 'DEFAULT'));
      const text = assign > 0 ? dynamicText(tk, assign + 1, tk.length, ctx.state.vars) : undefined;
      if (text !== undefined) ctx.state.vars.set(first.raw.toLowerCase(), text);
      return;
    }
    return unknown(ctx, tk, `"${first.raw}" is not a statement the analyser knows`);
  }

  const stmt: SqlStatement = {
    text: textOf(ctx, tk),
    dialect: ctx.dialectName,
    line: 0,
    column: 0,
    verb: shape.verb,
    objects: shape.objects,
    options: shape.options,
    tokens: tk,
    normalized: normalize(tk),
    via: ctx.via,
    switchesOff: ctx.state.switchesOff,
    createdEarlier: ctx.state.created,
    columnsEarlier: ctx.state.columns,
    temporaryEarlier: ctx.state.temporary,
    constraintsAdded: ctx.constraintsAdded,
    database: ctx.state.database,
    target: ctx.target,
  };
  Object.assign(stmt, position(ctx, first.start));

  if (stmt.verb === 'DELETE' || stmt.verb === 'UPDATE') rows(stmt, ctx);
  else if (PARSE_TYPES[stmt.verb]) attachAst(stmt, ctx);

  ctx.out.statements.push(stmt);
  followInner(stmt, ctx);
  updateState(stmt, ctx);
}

/** Control flow around statements (T-SQL IF/BEGIN/ELSE, PL/pgSQL IF…THEN, LOOP, DECLARE). True when handled. */
function controlFlow(tk: readonly Token[], ctx: Context): boolean {
  const w = tk[0]!.up;
  const nextVerb = tk[1]?.type === 'word' ? tk[1].up : '';
  if (w === 'BEGIN' && (ctx.procedural || /^(TRY|CATCH|DISTRIBUTED)$/.test(nextVerb) || (tk.length > 1 && readShape(tk.slice(1)).known && !/^(TRANSACTION|TRAN|WORK|ISOLATION|DEFERRED|IMMEDIATE|EXCLUSIVE|READ)$/.test(nextVerb)))) {
    const skip = /^(TRY|CATCH|ATOMIC)$/.test(nextVerb) ? 2 : 1;
    if (tk.length > skip) statement(tk.slice(skip), ctx);
    return true;
  }
  if (w === 'END' && (ctx.procedural || tk.length > 1)) {
    // END IF / END LOOP / END TRY BEGIN CATCH …: whatever follows the END words is a statement again.
    let j = 1;
    while (j < tk.length && tk[j]!.type === 'word' && /^(IF|LOOP|CASE|WHILE|REPEAT|FOR|TRY|CATCH)$/.test(tk[j]!.up)) j++;
    if (j < tk.length) statement(tk.slice(j), ctx);
    return true;
  }
  if (w === 'ELSE' || w === 'LOOP' || w === 'THEN') {
    if (tk.length > 1) statement(tk.slice(1), ctx);
    return true;
  }
  if (w === 'IF' || w === 'ELSIF' || w === 'ELSEIF' || w === 'WHILE' || w === 'FOR' || w === 'FOREACH' || (ctx.procedural && (w === 'EXCEPTION' || w === 'CASE' || w === 'WHEN'))) {
    // PL/pgSQL: skip to THEN/LOOP. T-SQL: the statement starts at the first top-level verb after the condition.
    const stop = findTop(tk, 1, 'THEN', 'LOOP', 'DO');
    let from = stop >= 0 ? stop + 1 : -1;
    if (from < 0) {
      for (let j = 1; j < tk.length; j++) {
        const t = tk[j]!;
        if (t.depth === tk[0]!.depth && t.type === 'word' && STATEMENT_START.has(t.up) && !isWord(tk[j - 1], 'NOT', 'IS')) {
          from = j;
          break;
        }
      }
    }
    if (from < 0 || from >= tk.length) return true;
    const rest = tk.slice(from);
    const elseAt = findTop(rest, 1, 'ELSE');
    if (elseAt > 0) {
      statement(rest.slice(0, elseAt), ctx);
      statement(rest.slice(elseAt + 1), ctx);
    } else statement(rest, ctx);
    return true;
  }
  if (w === 'DECLARE' || (ctx.procedural && w !== 'SET' && tk[1]?.raw === ':=')) {
    // DECLARE @sql nvarchar(max) = N'…'; DECLARE v text := '…'; v := '…'
    const assign = tk.findIndex((t, k) => k > 0 && (t.raw === ':=' || t.raw === '=' || isWord(t, 'DEFAULT')));
    const name = w === 'DECLARE' ? tk[1] : tk[0];
    if (assign > 0 && name) {
      const text = dynamicText(tk, assign + 1, tk.length, ctx.state.vars);
      if (text !== undefined) ctx.state.vars.set(name.raw.toLowerCase(), text);
    }
    // A DECLARE section may run straight into BEGIN when the body was split on `;`.
    const begin = findTop(tk, 1, 'BEGIN');
    if (ctx.procedural && begin > 0) statement(tk.slice(begin), ctx);
    return true;
  }
  if (ctx.procedural && PROCEDURAL.has(w)) return true;
  if (ctx.procedural && w === 'PERFORM') return true; // a SELECT whose result is discarded
  return false;
}

const STATEMENT_START = new Set(['DROP', 'DELETE', 'UPDATE', 'INSERT', 'TRUNCATE', 'ALTER', 'CREATE', 'EXEC', 'EXECUTE', 'BEGIN', 'SET', 'PRINT', 'SELECT', 'RAISERROR', 'RETURN', 'GRANT', 'REVOKE', 'MERGE', 'DECLARE', 'THROW', 'WITH']);

/** `WITH a AS (…), b AS (…) <main>`: each CTE body is a statement of its own (it may DELETE), then the main one. */
function withStatement(tk: readonly Token[], ctx: Context): void {
  let j = 1;
  if (isWord(tk[j], 'RECURSIVE')) j++;
  for (;;) {
    const n = readName(tk, j);
    if (!n) break;
    j = n.next;
    if (tk[j]?.raw === '(') j = skipParens(tk, j);
    if (!isWord(tk[j], 'AS')) break;
    j++;
    while (isWord(tk[j], 'NOT', 'MATERIALIZED')) j++;
    if (tk[j]?.raw !== '(') break;
    const close = skipParens(tk, j);
    const body = tk.slice(j + 1, close - 1);
    if (body.length && !isWord(body[0], 'SELECT', 'VALUES', 'WITH', 'TABLE')) nestedTokens(ctx, body, 'WITH');
    j = close;
    if (tk[j]?.raw === ',') j++;
    else break;
  }
  const main = tk.slice(j);
  if (main.length === 0) return unknown(ctx, tk, 'a WITH clause without a statement after it');
  statement(main, ctx);
}

function meta(first: Token, tk: readonly Token[], ctx: Context): void {
  const [cmd = '', arg] = first.value.split(/\s+/);
  if (META_CONNECT.test(cmd)) {
    if (arg && !arg.startsWith('-')) ctx.state.database = arg.replace(/^["']|["']$/g, '');
    return;
  }
  if (META_HARMLESS.test(cmd)) return;
  unknown(ctx, tk, `the client command ${cmd} runs a file or program the analyser cannot see`);
}

/** Which rows a DELETE/UPDATE touches: scanner first, then the parser folds the WHERE clause (P5). */
function rows(stmt: SqlStatement, ctx: Context): void {
  const tk = stmt.tokens;
  const reading = readRows(tk, stmt.verb as 'DELETE' | 'UPDATE');
  let scope: RowScope = reading.scope;
  let reason = reading.reason;
  const parsed = parseStatement(stmt.text, dialectChain(ctx.dialect), stmt.verb.toLowerCase());
  if (parsed) {
    stmt.ast = parsed.ast;
    stmt.dialect = parsed.dialect;
  }
  if (reading.where) {
    let tautology: boolean | undefined;
    const where = (parsed?.ast as { where?: unknown } | undefined)?.where;
    if (where) tautology = isTautology(where);
    else {
      const whereText = textOf(ctx, tk.slice(reading.where.from, reading.where.to));
      const probe = parseStatement(`SELECT 1 FROM t WHERE ${whereText}`, dialectChain(ctx.dialect), 'select');
      const probeWhere = (probe?.ast as { where?: unknown } | undefined)?.where;
      tautology = probeWhere ? isTautology(probeWhere) : isTautologyText(whereText);
    }
    if (tautology) {
      scope = 'tautology';
      reason = 'its WHERE clause is true for every row';
    }
  }
  stmt.rows = { scope, reason };
}

function attachAst(stmt: SqlStatement, ctx: Context): void {
  const parsed = parseStatement(stmt.text, dialectChain(ctx.dialect), PARSE_TYPES[stmt.verb]);
  if (parsed) {
    stmt.ast = parsed.ast;
    stmt.dialect = parsed.dialect;
  }
}

/** Statements another statement runs: EXPLAIN ANALYZE, DO bodies, EXECUTE/EXEC/PREPARE text, procedures. */
function followInner(stmt: SqlStatement, ctx: Context): void {
  const tk = stmt.tokens;
  const verb = stmt.verb;
  if (verb === 'EXPLAIN') return explain(tk, ctx);
  if (verb === 'DO') {
    const body = tk.find((t) => t.type === 'string');
    const lang = findTop(tk, 1, 'LANGUAGE');
    const language = lang >= 0 ? (tk[lang + 1]?.value ?? '').toLowerCase() : 'plpgsql';
    if (!body) return; // MySQL `DO expr`: evaluates an expression
    if (language !== 'plpgsql' && language !== 'sql') {
      stmt.hidden = `a DO block in ${language}`;
      return;
    }
    return nestedText(ctx, body.value, body.contentStart ?? body.start, 'DO block', true);
  }
  if (verb === 'EXECUTE IMMEDIATE') return runText(stmt, tk, 2, ctx, 'EXECUTE IMMEDIATE');
  if (verb === 'PREPARE') {
    const name = tk[1]?.raw.toLowerCase() ?? '';
    ctx.state.prepared.add(name);
    // PostgreSQL: PREPARE name [(types)] AS <statement>; MySQL: PREPARE name FROM '<text>' | @var.
    const after = tk[2]?.raw === '(' ? skipParens(tk, 2) : 2;
    if (isWord(tk[after], 'AS')) return nestedTokens(ctx, tk.slice(after + 1), 'PREPARE');
    if (isWord(tk[after], 'FROM')) return runText(stmt, tk, after + 1, ctx, 'PREPARE');
    return;
  }
  if (verb === 'EXEC' || verb === 'EXECUTE') return execute(stmt, tk, ctx);
  if (verb === 'CALL') {
    stmt.hidden = `procedure ${readName(tk, 1)?.name ?? '?'}`;
    return;
  }
  if (verb === 'COPY' && findTop(tk, 1, 'PROGRAM') > 0) stmt.hidden = 'a shell command run by COPY … PROGRAM';
}

function explain(tk: readonly Token[], ctx: Context): void {
  let j = 1;
  let analyze = false;
  if (tk[j]?.raw === '(') {
    const close = skipParens(tk, j);
    const opts = tk.slice(j + 1, close - 1);
    opts.forEach((t, k) => {
      if (isWord(t, 'ANALYZE', 'ANALYSE') && !isWord(opts[k + 1], 'FALSE', 'OFF') && opts[k + 1]?.raw !== '0') analyze = true;
    });
    j = close;
  }
  while (tk[j]?.type === 'word' && /^(ANALYZE|ANALYSE|VERBOSE|EXTENDED|PARTITIONS|QUERY|PLAN|FORMAT|COSTS|BUFFERS)$/.test(tk[j]!.up)) {
    if (/^ANALY[SZ]E$/.test(tk[j]!.up)) analyze = true;
    j++;
    if (tk[j]?.raw === '=') j += 2; // FORMAT=TREE
    else if (isWord(tk[j - 1], 'FORMAT') && tk[j]?.type === 'word') j++;
  }
  // Only EXPLAIN ANALYZE runs the statement (PostgreSQL executes it to time it); plain EXPLAIN only plans.
  if (analyze) nestedTokens(ctx, tk.slice(j), 'EXPLAIN ANALYZE');
}

/** Runs the string expression starting at `from` as SQL, or records that the SQL is hidden. */
function runText(stmt: SqlStatement, tk: readonly Token[], from: number, ctx: Context, via: string): void {
  let to = tk.length;
  const stop = findTop(tk, from, 'USING', 'INTO');
  if (stop > 0) to = stop;
  const text = dynamicText(tk, from, to, ctx.state.vars);
  if (text === undefined) {
    stmt.hidden = `SQL built at run time (${snippet(tk.slice(from, to).map((t) => t.raw).join(' '))})`;
    return;
  }
  const literal = tk.slice(from, to).find((t) => t.type === 'string');
  nestedText(ctx, text, literal?.contentStart ?? tk[from]?.start ?? 0, via, via === 'EXECUTE IMMEDIATE' && Boolean(literal?.dollar));
}

function execute(stmt: SqlStatement, tk: readonly Token[], ctx: Context): void {
  let j = 1;
  // EXEC @rc = proc …
  if (tk[j]?.type === 'param' && tk[j + 1]?.raw === '=') j += 2;
  if (tk[j]?.raw === '(' || tk[j]?.type === 'string' || ctx.procedural) return runText(stmt, tk, j, ctx, stmt.verb);
  const name = readName(tk, j);
  if (!name) return runText(stmt, tk, j, ctx, stmt.verb);
  const proc = name.name.toLowerCase().replace(/^(master\.)?(dbo\.)?/, '');
  if (/^(sp_executesql|sp_msforeach(table|db))$/.test(proc)) {
    // Only the first argument is SQL (`@command1 = '…'` or positional); the rest are parameters.
    let from = name.next;
    if (tk[from]?.type === 'param' && tk[from + 1]?.raw === '=') from += 2;
    const comma = tk.findIndex((t, k) => k > from && t.raw === ',' && t.depth === tk[0]!.depth);
    const via = proc === 'sp_executesql' ? 'sp_executesql' : proc === 'sp_msforeachdb' ? 'sp_MSforeachdb' : 'sp_MSforeachtable';
    return runText(stmt, comma > 0 ? tk.slice(0, comma) : tk, from, ctx, via);
  }
  if (ctx.state.prepared.has(proc)) return; // judged when it was prepared
  if (HARMLESS_PROCS.test(proc)) return;
  stmt.hidden = proc === 'xp_cmdshell' ? 'a shell command run by xp_cmdshell' : `procedure ${name.name}`;
}

function updateState(stmt: SqlStatement, ctx: Context): void {
  const st = ctx.state;
  const n = stmt.normalized;
  if (stmt.verb === 'CREATE TABLE' || stmt.verb === 'CREATE OR REPLACE TABLE') {
    const name = baseName(stmt.objects[0] ?? '');
    if (name) {
      st.created = new Set([...st.created, name]);
      if (stmt.options.includes('temporary') || name.startsWith('#')) st.temporary = new Set([...st.temporary, name]);
    }
  } else if (stmt.verb === 'ALTER TABLE' && stmt.objects[0]) {
    const added = addedColumns(stmt.tokens).map((c) => `${baseName(stmt.objects[0]!)}.${c.toLowerCase()}`);
    if (added.length) st.columns = new Set([...st.columns, ...added]);
  }
  if (stmt.verb === 'USE' && stmt.tokens[1]) {
    st.database = stmt.tokens[1].value;
  } else if (stmt.verb === 'SET' || stmt.verb === 'PRAGMA' || stmt.verb === 'ALTER TABLE') {
    for (const [re, label, on] of SWITCHES) {
      const m = re.exec(n);
      if (!m) continue;
      const off = on.test(m[1] ?? '') === false;
      const without = st.switchesOff.filter((s) => s !== label);
      st.switchesOff = off ? [...without, label] : without;
    }
    // SET @sql = CONCAT('DROP TABLE ', t) keeps the text for a later PREPARE/EXEC.
    const assign = /^SET (@\w+|\w+) (=|:=|TO) /.exec(n);
    if (stmt.verb === 'SET' && assign) {
      const eq = stmt.tokens.findIndex((t) => t.raw === '=' || t.raw === ':=' || isWord(t, 'TO'));
      const text = dynamicText(stmt.tokens, eq + 1, stmt.tokens.length, st.vars);
      if (text !== undefined) st.vars.set(assign[1]!.toLowerCase(), text);
    }
  }
}

/** Columns an ALTER TABLE adds: `ADD [COLUMN] [IF NOT EXISTS] name`, not constraints, indexes or partitions. */
function addedColumns(tk: readonly Token[]): string[] {
  const out: string[] = [];
  tk.forEach((t, k) => {
    if (!isWord(t, 'ADD') || t.depth !== tk[0]!.depth) return;
    let j = k + 1;
    if (isWord(tk[j], 'CONSTRAINT', 'INDEX', 'KEY', 'PRIMARY', 'FOREIGN', 'UNIQUE', 'CHECK', 'PARTITION', 'FULLTEXT', 'SPATIAL', 'EXCLUDE')) return;
    if (isWord(tk[j], 'COLUMN')) j++;
    if (isWord(tk[j], 'IF') && isWord(tk[j + 1], 'NOT')) j += 3;
    const name = tk[j];
    if (name && (name.type === 'word' || name.type === 'ident')) out.push(name.value);
  });
  return out;
}

/** Safety switches: pattern over the normalized text, the label shown to people, and the values meaning "on". */
const SWITCHES: readonly [RegExp, string, RegExp][] = [
  // A value restored from a saved variable (`= @OLD_FOREIGN_KEY_CHECKS`, as mysqldump writes) counts as on.
  [/FOREIGN_KEY_CHECKS\s*(?:=|:=|TO)\s*'?(@*\w+)/i, 'FOREIGN_KEY_CHECKS=0', /^(1|ON|TRUE|DEFAULT|@.*)$/i],
  [/SQL_SAFE_UPDATES\s*(?:=|:=|TO)\s*'?(@*\w+)/i, 'sql_safe_updates=0', /^(1|ON|TRUE|DEFAULT|@.*)$/i],
  [/SESSION_REPLICATION_ROLE\s*(?:=|TO)\s*'?(\w+)/i, 'session_replication_role=replica', /^(ORIGIN|LOCAL|DEFAULT)$/i],
  [/^PRAGMA (?:\w+\.)?FOREIGN_KEYS\s*=\s*'?(\w+)/i, 'PRAGMA foreign_keys=OFF', /^(1|ON|TRUE|YES)$/i],
  [/^ALTER TABLE .* (DISABLE|ENABLE) TRIGGER ALL/i, 'triggers disabled (DISABLE TRIGGER ALL)', /^ENABLE$/i],
  [/^ALTER TABLE .* (NOCHECK|CHECK) CONSTRAINT ALL/i, 'constraints disabled (NOCHECK CONSTRAINT ALL)', /^CHECK$/i],
];

/** Lower-case name without schema and quotes: `public."Users"` → `users`. */
export function baseName(name: string): string {
  const parts = name.split('.');
  return parts[parts.length - 1]!.toLowerCase();
}

/** Tokens joined with single spaces; keywords upper-cased; no spaces around `.` and `@`, none inside parentheses. */
export function normalize(tk: readonly Token[]): string {
  let out = '';
  let prev: Token | undefined;
  for (const t of tk) {
    const text = t.type === 'word' ? t.up : t.raw;
    const glue = prev === undefined || prev.raw === '(' || prev.raw === '.' || prev.raw === '@' || t.raw === ')' || t.raw === ',' || t.raw === '.' || t.raw === '@';
    out += (glue ? '' : ' ') + text;
    prev = t;
  }
  return out;
}
