/**
 * SQL inside migration files: string literals passed to `execute`/`RunSQL`/`queryRunner.query`/`knex.raw`/
 * `DB::statement`/`op.execute` and friends, and schema DSL calls (`drop_table :users`, `op.drop_column(…)`,
 * `Schema::dropIfExists('x')`, `migrations.DeleteModel(…)`, Liquibase `<dropTable>`) rewritten as the SQL they run.
 * Each snippet keeps the file position of its first character, so findings point at the right line and column.
 */
import * as path from 'node:path';
import { DYNAMIC_NAME } from './dynamic';

export interface Snippet {
  sql: string;
  /** 1-based position in the file of the snippet's first character (the call, for DSL rewrites). */
  line: number;
  column: number;
  /** For DSL rewrites: the source code the SQL stands for, shown instead of the SQL. */
  code?: string;
}

export type Language = 'sql' | 'ruby' | 'python' | 'js' | 'php' | 'elixir' | 'liquibase';

export function languageOf(file: string, text?: string): Language | undefined {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.sql') return 'sql';
  if (ext === '.rb') return 'ruby';
  if (ext === '.py') return 'python';
  if (['.js', '.ts', '.mjs', '.cjs', '.mts', '.cts'].includes(ext) && !file.endsWith('.d.ts')) return 'js';
  if (ext === '.php') return 'php';
  if (ext === '.exs' || ext === '.ex') return 'elixir';
  if (['.xml', '.yaml', '.yml', '.json'].includes(ext) && (text === undefined || /databaseChangeLog/.test(text))) return 'liquibase';
  return undefined;
}

class Positions {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  at(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }
  lineText(text: string, offset: number): string {
    const { line } = this.at(offset);
    const start = this.starts[line - 1]!;
    const end = text.indexOf('\n', start);
    return text.slice(start, end < 0 ? text.length : end).trim();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// String literals of the host languages

interface Literal {
  value: string;
  /** Offset of the first content character. */
  contentStart: number;
  /** Offset just past the literal (for heredocs: past the closing tag line). */
  end: number;
  /** A heredoc: its body lies on the lines after the call, so the call's arguments end with it. */
  heredoc?: boolean;
}

function unescape(s: string): string {
  return s.replace(/\\(u\{?[0-9a-fA-F]+\}?|x[0-9a-fA-F]{2}|.)/gs, (_, e: string) => {
    if (e === 'n') return '\n';
    if (e === 't') return '\t';
    if (e === 'r') return '\r';
    if (e[0] === 'u' || e[0] === 'x') return String.fromCodePoint(parseInt(e.replace(/[ux{}]/g, ''), 16));
    return e;
  });
}

/** Replaces interpolations (`${x}`, `#{x}`, `{x}` in f-strings, `{$x}`/`$x` in PHP) by the dynamic placeholder. */
function interpolate(s: string, style: 'js' | 'ruby' | 'python' | 'php' | 'elixir'): string {
  if (style === 'js') return s.replace(/\$\{[^}]*\}/g, DYNAMIC_NAME);
  if (style === 'ruby' || style === 'elixir') return s.replace(/#\{[^}]*\}/g, DYNAMIC_NAME);
  if (style === 'python') return s.replace(/\{[^{}]*\}/g, DYNAMIC_NAME);
  return s.replace(/\{\$[^}]*\}|\$[A-Za-z_]\w*(->\w+|\[[^\]]*\])*/g, DYNAMIC_NAME);
}

function readLiteral(text: string, i: number, lang: Language): Literal | undefined {
  const c = text[i];
  if (lang === 'python') {
    const m = /^([rRbBuUfF]{0,2})('''|"""|'|")/.exec(text.slice(i, i + 5));
    if (!m) return undefined;
    const q = m[2]!;
    const start = i + m[0].length;
    const raw = /r/i.test(m[1]!);
    let j = start;
    while (j < text.length && !text.startsWith(q, j)) {
      if (text[j] === '\\' && !raw) j++;
      if (q.length === 1 && text[j] === '\n') break;
      j++;
    }
    let value = text.slice(start, j);
    if (!raw) value = unescape(value);
    if (/f/i.test(m[1]!)) value = interpolate(value, 'python');
    return { value, contentStart: start, end: j + q.length };
  }
  if (lang === 'ruby' || lang === 'elixir') {
    const heredoc = /^<<([~-]?)(['"]?)([A-Z_][A-Z0-9_]*)\2/.exec(text.slice(i, i + 64));
    if (heredoc && lang === 'ruby') {
      const bodyStart = text.indexOf('\n', i) + 1;
      if (bodyStart <= 0) return undefined;
      const close = new RegExp(`^[ \\t]*${heredoc[3]}[ \\t]*$`, 'm');
      const rest = text.slice(bodyStart);
      const m = close.exec(rest);
      const body = m ? rest.slice(0, m.index) : rest;
      const end = bodyStart + (m ? m.index + m[0].length : rest.length);
      return { value: heredoc[2] === "'" ? body : interpolate(body, 'ruby'), contentStart: bodyStart, end, heredoc: true };
    }
    const pct = /^(%[qQ]?|~[sS])([({[<|"'/])/.exec(text.slice(i, i + 3));
    if (pct) {
      const open = pct[2]!;
      const close = ({ '(': ')', '{': '}', '[': ']', '<': '>' } as Record<string, string>)[open] ?? open;
      let depth = 1;
      let j = i + pct[0].length;
      const start = j;
      while (j < text.length) {
        if (text[j] === '\\') j++;
        else if (text[j] === close && --depth === 0) break;
        else if (text[j] === open && open !== close) depth++;
        j++;
      }
      const body = text.slice(start, j);
      return { value: /[qS]$/.test(pct[1]!) ? body : interpolate(body, lang), contentStart: start, end: j + 1 };
    }
    if (lang === 'elixir' && text.startsWith('"""', i)) {
      const start = text.indexOf('\n', i) + 1;
      const close = text.indexOf('"""', start);
      const body = text.slice(start, close < 0 ? text.length : close);
      return { value: interpolate(body, 'elixir'), contentStart: start, end: close < 0 ? text.length : close + 3 };
    }
  }
  if (lang === 'php') {
    const doc = /^<<<[ \t]*(['"]?)([A-Za-z_]\w*)\1/.exec(text.slice(i, i + 64));
    if (doc) {
      const bodyStart = text.indexOf('\n', i) + 1;
      const rest = text.slice(bodyStart);
      const m = new RegExp(`^[ \\t]*${doc[2]}\\b`, 'm').exec(rest);
      const body = m ? rest.slice(0, m.index) : rest;
      return { value: doc[1] === "'" ? body : interpolate(body, 'php'), contentStart: bodyStart, end: bodyStart + (m ? m.index + m[0].length : rest.length), heredoc: true };
    }
  }
  if (c === "'" || c === '"' || (c === '`' && lang === 'js')) {
    let j = i + 1;
    while (j < text.length && text[j] !== c) {
      if (text[j] === '\\') j++;
      j++;
    }
    const body = text.slice(i + 1, j);
    let value = lang === 'php' && c === "'" ? body.replace(/\\(['\\])/g, '$1') : unescape(body);
    if (c === '`') value = interpolate(value, 'js');
    else if (c === '"' && (lang === 'ruby' || lang === 'php' || lang === 'elixir')) value = interpolate(value, lang);
    return { value, contentStart: i + 1, end: j + 1 };
  }
  return undefined;
}

/**
 * The SQL texts of a call's arguments, from `open` (just after the call head) to the matching `)` — or, for a
 * Ruby/Elixir call without parentheses, to the end of the line. Literals joined by `+`, `.`, `<>` or adjacency are
 * concatenated; other operands become the dynamic placeholder; top-level commas and list items separate texts.
 */
function argumentTexts(text: string, open: number, lang: Language, paren: boolean): { sql: string; at: number }[] {
  const out: { sql: string; at: number }[] = [];
  let depth = paren ? 1 : 0;
  let cur = '';
  let at = -1;
  let joined = false; // a concatenation operator followed the last literal
  let pendingCode = false; // …and then code, whose value is only known at run time
  const flush = (): void => {
    if (pendingCode) cur += ` ${DYNAMIC_NAME}`;
    if (at >= 0 && cur.trim()) out.push({ sql: cur, at });
    cur = '';
    at = -1;
    joined = false;
    pendingCode = false;
  };
  const joiner = lang === 'php' ? /^[.+]/ : lang === 'elixir' ? /^<>/ : /^[+%]|^<</;
  let i = open;
  const lineEnd = text.indexOf('\n', open) < 0 ? text.length : text.indexOf('\n', open);
  while (i < text.length) {
    if (!paren && i >= lineEnd && depth === 0) break;
    const ch = text[i]!;
    const lit = readLiteral(text, i, lang);
    if (lit) {
      if (pendingCode && at >= 0) cur += ` ${DYNAMIC_NAME} `;
      if (at < 0) at = lit.contentStart;
      cur += lit.value;
      joined = false;
      pendingCode = false;
      if (lit.heredoc) break; // the body sits on the following lines; the call ends with it
      i = lit.end;
      continue;
    }
    if (at >= 0 && joiner.test(text.slice(i, i + 2))) joined = true;
    if (ch === '(' || ch === '[' || ch === '{') {
      depth++;
      if (ch === '[') flush();
    } else if (ch === ')' || ch === ']' || ch === '}') {
      depth--;
      if (depth < (paren ? 1 : 0)) break;
      if (ch === ']') flush();
    } else if (ch === ',') {
      flush();
    } else if (/[A-Za-z_$@]/.test(ch)) {
      const word = /^[A-Za-z_$@][\w$@]*/.exec(text.slice(i, i + 64))![0];
      if (joined) pendingCode = true;
      i += word.length;
      continue;
    }
    i++;
  }
  flush();
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Per-language call heads and DSL rewrites

interface DslContext {
  table?: string;
  app: string;
  /** The whole file, for rewrites that look back at an earlier definition. */
  text: string;
}

interface Dsl {
  re: RegExp;
  sql: (m: RegExpExecArray, ctx: DslContext) => string | undefined;
  /** Sets the table that later column-level calls (`t.remove`, `$table->dropColumn`) apply to. */
  setsTable?: boolean;
}

const Q = `['"\`]?`;
const NAME = `:?${Q}([\\w.]+)${Q}`;

const EXEC_HEADS: Record<Exclude<Language, 'sql' | 'liquibase'>, RegExp> = {
  ruby: /\b(?:execute|exec_query|exec_update|exec_delete|exec_insert|select_all|select_value|select_rows)\b[ \t]*(\(?)/g,
  python: /\b(?:op\.execute|RunSQL|\w+\.execute|\w+\.executescript|\w+\.exec_driver_sql)\s*(\()/g,
  js: /(?:\.(?:query|raw|exec|execute|unsafe|prepare|\$executeRaw|\$executeRawUnsafe|\$queryRaw|\$queryRawUnsafe)\s*(\())|(?:\b(?:sql|\$executeRaw|\$queryRaw)(`))/g,
  php: /(?:DB::(?:statement|unprepared|delete|update|insert|select)|->(?:exec|query|statement|unprepared))\s*(\()/g,
  elixir: /\b(?:execute|Repo\.query!?|SQL\.query!?)\b[ \t]*(\(?)/g,
};

const DSL: Record<Exclude<Language, 'sql' | 'liquibase'>, Dsl[]> = {
  ruby: [
    { re: new RegExp(`\\bcreate_table\\s*\\(?\\s*${NAME}([^\\n]*)`, 'g'), sql: (m) => `${/force:\s*(true|:cascade)/.test(m[2]!) ? `DROP TABLE IF EXISTS ${m[1]} CASCADE; ` : ''}CREATE TABLE ${m[1]} ()` },
    { re: new RegExp(`\\bcreate_join_table\\s*\\(?\\s*${NAME}\\s*,\\s*${NAME}`, 'g'), sql: (m) => `CREATE TABLE ${[m[1], m[2]].sort().join('_')} ()` },
    { re: new RegExp(`\\bdrop_table\\s*\\(?\\s*${NAME}`, 'g'), sql: (m) => `DROP TABLE ${m[1]}` },
    { re: new RegExp(`\\badd_(?:column|reference|belongs_to)\\s*\\(?\\s*${NAME}\\s*,\\s*${NAME}`, 'g'), sql: (m) => `ALTER TABLE ${m[1]} ADD COLUMN ${m[2]}` },
    { re: new RegExp(`\\bdrop_join_table\\s*\\(?\\s*${NAME}\\s*,\\s*${NAME}`, 'g'), sql: (m) => `DROP TABLE ${[m[1], m[2]].sort().join('_')}` },
    { re: new RegExp(`\\bremove_column\\s*\\(?\\s*${NAME}\\s*,\\s*${NAME}`, 'g'), sql: (m) => `ALTER TABLE ${m[1]} DROP COLUMN ${m[2]}` },
    { re: new RegExp(`\\bremove_columns\\s*\\(?\\s*${NAME}\\s*,\\s*((?::?${Q}\\w+${Q}\\s*,?\\s*)+)`, 'g'), sql: (m) => dropColumns(m[1]!, m[2]!) },
    { re: new RegExp(`\\bremove_(?:reference|belongs_to)\\s*\\(?\\s*${NAME}\\s*,\\s*${NAME}`, 'g'), sql: (m) => `ALTER TABLE ${m[1]} DROP COLUMN ${m[2]}_id` },
    { re: new RegExp(`\\bremove_foreign_key\\s*\\(?\\s*${NAME}`, 'g'), sql: (m) => `ALTER TABLE ${m[1]} DROP CONSTRAINT fk_${m[1]}` },
    { re: new RegExp(`\\brename_table\\s*\\(?\\s*${NAME}\\s*,\\s*${NAME}`, 'g'), sql: (m) => `ALTER TABLE ${m[1]} RENAME TO ${m[2]}` },
    { re: new RegExp(`\\brename_column\\s*\\(?\\s*${NAME}\\s*,\\s*${NAME}\\s*,\\s*${NAME}`, 'g'), sql: (m) => `ALTER TABLE ${m[1]} RENAME COLUMN ${m[2]} TO ${m[3]}` },
    { re: new RegExp(`\\bchange_table\\s*\\(?\\s*${NAME}`, 'g'), sql: () => undefined, setsTable: true },
    { re: new RegExp(`\\bchange_column\\b\\s*\\(?\\s*${NAME}\\s*,\\s*${NAME}\\s*,\\s*:?['"]?(\\w+)['"]?([^\\n]*)`, 'g'), sql: (m) => alterType(m[1]!, m[2]!, railsType(m[3]!, m[4]!)) },
    { re: /\b\w+\.remove\s*\(?\s*((?::\w+\s*,?\s*)+)/g, sql: (m, c) => (c.table ? dropColumns(c.table, m[1]!) : undefined) },
    { re: /\b([A-Z]\w*(?:::[A-Z]\w*)*)\.(?:delete_all|destroy_all)\b(?!\s*\()/g, sql: (m) => `DELETE FROM ${m[1]}` },
  ],
  python: [
    { re: /\bop\.create_table\s*\(\s*['"](\w+)['"]/g, sql: (m) => `CREATE TABLE ${m[1]} ()` },
    { re: /\bop\.drop_table\s*\(\s*['"](\w+)['"]/g, sql: (m) => `DROP TABLE ${m[1]}` },
    { re: /\bop\.add_column\s*\(\s*['"](\w+)['"]\s*,\s*(?:sa\.)?Column\s*\(\s*['"](\w+)['"]/g, sql: (m) => `ALTER TABLE ${m[1]} ADD COLUMN ${m[2]}` },
    { re: /\b(?:migrations\.)?AddField\s*\(\s*(?:model_name\s*=\s*)?['"](\w+)['"]\s*,\s*(?:name\s*=\s*)?['"](\w+)['"]/g, sql: (m, c) => `ALTER TABLE ${c.app}_${m[1]!.toLowerCase()} ADD COLUMN ${m[2]}` },
    { re: /\bop\.drop_column\s*\(\s*['"](\w+)['"]\s*,\s*['"](\w+)['"]/g, sql: (m) => `ALTER TABLE ${m[1]} DROP COLUMN ${m[2]}` },
    { re: /\bop\.drop_constraint\s*\(\s*['"](\w+)['"]\s*,\s*['"](\w+)['"]/g, sql: (m) => `ALTER TABLE ${m[2]} DROP CONSTRAINT ${m[1]}` },
    { re: /\bop\.rename_table\s*\(\s*['"](\w+)['"]\s*,\s*['"](\w+)['"]/g, sql: (m) => `ALTER TABLE ${m[1]} RENAME TO ${m[2]}` },
    { re: /\b(?:migrations\.)?CreateModel\s*\(\s*(?:name\s*=\s*)?['"](\w+)['"]/g, sql: (m, c) => `CREATE TABLE ${c.app}_${m[1]!.toLowerCase()} ()` },
    { re: /\b(?:migrations\.)?DeleteModel\s*\(\s*(?:name\s*=\s*)?['"](\w+)['"]/g, sql: (m, c) => `DROP TABLE ${c.app}_${m[1]!.toLowerCase()}` },
    { re: /\b(?:migrations\.)?RemoveField\s*\(\s*(?:model_name\s*=\s*)?['"](\w+)['"]\s*,\s*(?:name\s*=\s*)?['"](\w+)['"]/g, sql: (m, c) => `ALTER TABLE ${c.app}_${m[1]!.toLowerCase()} DROP COLUMN ${m[2]}` },
    { re: /\b([A-Z]\w*)\.objects(?:\.all\(\s*\))?\.delete\(\s*\)/g, sql: (m, c) => (/revers|backward|rollback|undo|unapply|down/i.test(enclosingDef(c.text, m.index) ?? '') ? undefined : `DELETE FROM ${c.app}_${m[1]!.toLowerCase()}`) },
    { re: /\b(?:migrations\.)?RenameModel\s*\(\s*(?:old_name\s*=\s*)?['"](\w+)['"]\s*,\s*(?:new_name\s*=\s*)?['"](\w+)['"]/g, sql: (m, c) => `ALTER TABLE ${c.app}_${m[1]!.toLowerCase()} RENAME TO ${c.app}_${m[2]!.toLowerCase()}` },
    { re: /\b(?:migrations\.)?RenameField\s*\(\s*(?:model_name\s*=\s*)?['"](\w+)['"]\s*,\s*(?:old_name\s*=\s*)?['"](\w+)['"]\s*,\s*(?:new_name\s*=\s*)?['"](\w+)['"]/g, sql: (m, c) => `ALTER TABLE ${c.app}_${m[1]!.toLowerCase()} RENAME COLUMN ${m[2]} TO ${m[3]}` },
  ],
  js: [
    { re: /\.createTable\s*\(\s*['"`]([\w.]+)['"`]/g, sql: (m) => `CREATE TABLE ${m[1]} ()` },
    { re: /new\s+Table\s*\(\s*\{\s*name\s*:\s*['"`]([\w.]+)['"`]/g, sql: (m) => `CREATE TABLE ${m[1]} ()` },
    { re: /\.(?:dropTable|dropTableIfExists)\s*\(\s*['"`]([\w.]+)['"`]/g, sql: (m) => `DROP TABLE ${m[1]}` },
    { re: /\.addColumn\s*\(\s*['"`]([\w.]+)['"`]\s*,\s*(?:new\s+TableColumn\s*\(\s*\{\s*name\s*:\s*)?['"`](\w+)['"`]/g, sql: (m) => `ALTER TABLE ${m[1]} ADD COLUMN ${m[2]}` },
    { re: /\.(?:dropColumn|removeColumn)\s*\(\s*['"`]([\w.]+)['"`]\s*,\s*['"`](\w+)['"`]/g, sql: (m) => `ALTER TABLE ${m[1]} DROP COLUMN ${m[2]}` },
    { re: /\.(?:alterTable|table)\s*\(\s*['"`]([\w.]+)['"`]/g, sql: () => undefined, setsTable: true },
    { re: /\b(?!queryRunner\b|queryInterface\b)\w+\.dropColumns?\s*\(\s*((?:['"`]\w+['"`]\s*,?\s*)+)\)/g, sql: (m, c) => (c.table ? dropColumns(c.table, m[1]!) : undefined) },
    { re: /\b\w+\.(string|char|tinyint|smallint)\s*\(\s*['"`](\w+)['"`]\s*(?:,\s*(\d+))?\s*\)[^;\n]*?\.alter\s*\(/g, sql: (m, c) => (c.table ? alterType(c.table, m[2]!, sizedType(m[1]!, m[3])) : undefined) },
    { re: /\.renameTable\s*\(\s*['"`]([\w.]+)['"`]\s*,\s*['"`]([\w.]+)['"`]/g, sql: (m) => `ALTER TABLE ${m[1]} RENAME TO ${m[2]}` },
    { re: /\.(?:clearTable)\s*\(\s*['"`]([\w.]+)['"`]/g, sql: (m) => `TRUNCATE ${m[1]}` },
    { re: /\.bulkDelete\s*\(\s*['"`]([\w.]+)['"`]\s*(?:,\s*(null|undefined|\{\s*\})\s*)?[,)]/g, sql: (m) => `DELETE FROM ${m[1]}` },
    { re: /\bknex\s*\(\s*['"`]([\w.]+)['"`]\s*\)((?:\s*\.\s*\w+\s*\([^)]*\))+)/g, sql: (m) => chainSql(m[1]!, m[2]!, /\.\s*where\w*\s*\(/, /\.\s*(?:del|delete)\s*\(/, /\.\s*truncate\s*\(/) },
    { re: /\.sync\s*\(\s*\{[^}]*\bforce\s*:\s*true/g, sql: () => 'DROP TABLE "every model table" CASCADE' },
  ],
  php: [
    { re: /Schema::create\s*\(\s*['"](\w+)['"]/g, sql: (m) => `CREATE TABLE ${m[1]} ()` },
    { re: /Schema::(?:drop|dropIfExists)\s*\(\s*['"](\w+)['"]/g, sql: (m) => `DROP TABLE ${m[1]}` },
    { re: /Schema::dropAllTables\s*\(/g, sql: () => 'DROP TABLE "every table" CASCADE' },
    { re: /Schema::rename\s*\(\s*['"](\w+)['"]\s*,\s*['"](\w+)['"]/g, sql: (m) => `ALTER TABLE ${m[1]} RENAME TO ${m[2]}` },
    { re: /Schema::table\s*\(\s*['"](\w+)['"]/g, sql: () => undefined, setsTable: true },
    { re: /\$\w+->dropColumn\s*\(\s*\[?((?:\s*['"]\w+['"]\s*,?)+)\]?\s*\)/g, sql: (m, c) => (c.table ? dropColumns(c.table, m[1]!) : undefined) },
    { re: /\$\w+->(?:dropForeign|dropPrimary)\s*\(\s*\[?\s*['"]?(\w*)/g, sql: (m, c) => (c.table ? `ALTER TABLE ${c.table} DROP CONSTRAINT ${m[1] || 'pk'}` : undefined) },
    { re: /\$\w+->(string|char|tinyInteger|smallInteger|unsignedTinyInteger|unsignedSmallInteger)\s*\(\s*['"](\w+)['"]\s*(?:,\s*(\d+))?\s*\)[^;]*?->change\s*\(/g, sql: (m, c) => (c.table ? alterType(c.table, m[2]!, sizedType(m[1]!, m[3])) : undefined) },
    { re: /\$\w+->renameColumn\s*\(\s*['"](\w+)['"]\s*,\s*['"](\w+)['"]/g, sql: (m, c) => (c.table ? `ALTER TABLE ${c.table} RENAME COLUMN ${m[1]} TO ${m[2]}` : undefined) },
    { re: /DB::table\s*\(\s*['"](\w+)['"]\s*\)((?:\s*->\s*\w+\s*\([^)]*\))+)/g, sql: (m) => chainSql(m[1]!, m[2]!, /->\s*where\w*\s*\(/, /->\s*delete\s*\(/, /->\s*truncate\s*\(/) },
  ],
  elixir: [
    { re: /\bcreate(?:_if_not_exists)?\s+table\(\s*:(\w+)/g, sql: (m) => `CREATE TABLE ${m[1]} ()` },
    { re: /\bdrop(?:_if_exists)?\s+table\(\s*:(\w+)/g, sql: (m) => `DROP TABLE ${m[1]}` },
    { re: /\balter\s+table\(\s*:(\w+)/g, sql: () => undefined, setsTable: true },
    { re: /^\s*remove\s+:(\w+)/gm, sql: (m, c) => (c.table ? `ALTER TABLE ${c.table} DROP COLUMN ${m[1]}` : undefined) },
    { re: /\brename\s+table\(\s*:(\w+)\s*\)\s*,\s*to:\s*table\(\s*:(\w+)/g, sql: (m) => `ALTER TABLE ${m[1]} RENAME TO ${m[2]}` },
  ],
};

function alterType(table: string, column: string, type: string): string {
  return `ALTER TABLE ${table} ALTER COLUMN ${column} TYPE ${type}`;
}

/** Laravel and Knex column builders: `string('x', 50)` (255 when no length is given), `smallInteger('n')`. */
function sizedType(builder: string, length: string | undefined): string {
  if (/^(string|char)$/.test(builder)) return `varchar(${length ?? 255})`;
  return /tiny/i.test(builder) ? 'tinyint' : 'smallint';
}

/** Rails `change_column :t, :c, :string, limit: 50` → the SQL type it sets. */
function railsType(type: string, options: string): string {
  const limit = /\blimit:\s*(\d+)/.exec(options)?.[1];
  if (type === 'string') return limit ? `varchar(${limit})` : 'varchar';
  if (type === 'integer' && limit) return Number(limit) <= 1 ? 'tinyint' : Number(limit) === 2 ? 'smallint' : Number(limit) === 3 ? 'mediumint' : 'integer';
  return type;
}

/** The Python function a match sits in (`def backwards(apps, schema_editor):`), by the last top-level def before it. */
function enclosingDef(text: string, offset: number): string | undefined {
  return [...text.slice(0, offset).matchAll(/^def\s+(\w+)/gm)].pop()?.[1];
}

function dropColumns(table: string, list: string): string {
  const cols = [...list.matchAll(/:?['"`]?(\w+)['"`]?/g)].map((m) => m[1]!).filter((c) => c !== 'type');
  return cols.map((c) => `ALTER TABLE ${table} DROP COLUMN ${c}`).join('; ');
}

/** A query-builder chain on one table: a delete or truncate with no where-call touches every row. */
function chainSql(table: string, chain: string, where: RegExp, del: RegExp, truncate: RegExp): string | undefined {
  if (truncate.test(chain)) return `TRUNCATE ${table}`;
  if (del.test(chain)) return where.test(chain) ? `DELETE FROM ${table} WHERE ${DYNAMIC_NAME} = 1` : `DELETE FROM ${table}`;
  return undefined;
}

/** True when `offset` sits in a line comment (or a /* block *\/ for js/php) of the host language. */
function inComment(text: string, offset: number, lang: Language): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const hash = lang === 'ruby' || lang === 'python' || lang === 'elixir';
  const stripped = before.replace(/'[^']*'|"[^"]*"/g, '');
  if (hash && stripped.includes('#')) return true;
  if ((lang === 'js' || lang === 'php') && (stripped.includes('//') || /^\s*\*/.test(before))) return true;
  if (lang === 'js' || lang === 'php') {
    const open = text.lastIndexOf('/*', offset);
    if (open >= 0 && text.lastIndexOf('*/', offset) < open) return true;
  }
  if (lang === 'python') {
    // Inside a docstring: an odd number of triple quotes before us.
    const triples = (text.slice(0, offset).match(/"""|'''/g) ?? []).length;
    if (triples % 2 === 1 && !/RunSQL|execute/.test(before)) return true;
  }
  return false;
}

/** Django app label: the folder holding `migrations/`. */
function djangoApp(file: string): string {
  const parts = file.split(/[\\/]/);
  const i = parts.lastIndexOf('migrations');
  return (i > 0 ? parts[i - 1] : undefined) ?? 'app';
}

function hostSnippets(file: string, text: string, lang: Exclude<Language, 'sql' | 'liquibase'>): Snippet[] {
  const pos = new Positions(text);
  const found: (Snippet & { offset: number })[] = [];
  const heads = new RegExp(EXEC_HEADS[lang].source, EXEC_HEADS[lang].flags);
  for (let m = heads.exec(text); m; m = heads.exec(text)) {
    if (inComment(text, m.index, lang)) continue;
    const backtick = m[2] === '`';
    const open = m.index + m[0].length - (backtick ? 1 : 0);
    const paren = !backtick && m[1] === '(';
    const args = backtick ? [{ sql: readLiteral(text, open, 'js')!.value, at: open + 1 }] : argumentTexts(text, open, lang, paren);
    for (const a of args) found.push({ sql: a.sql, ...pos.at(a.at), offset: a.at });
  }
  // DSL calls, in file order, so a column-level call knows the table of the block it sits in.
  const ctx: DslContext = { app: djangoApp(file), text };
  const dslHits: { offset: number; dsl: Dsl; m: RegExpExecArray }[] = [];
  for (const dsl of DSL[lang]) {
    const re = new RegExp(dsl.re.source, dsl.re.flags);
    for (let m = re.exec(text); m; m = re.exec(text)) dslHits.push({ offset: m.index, dsl, m });
  }
  dslHits.sort((a, b) => a.offset - b.offset);
  for (const { offset, dsl, m } of dslHits) {
    if (inComment(text, offset, lang)) continue;
    if (dsl.setsTable) {
      ctx.table = m[1];
      continue;
    }
    const sql = dsl.sql(m, ctx);
    const at = offset + (m[0].length - m[0].trimStart().length);
    if (sql) found.push({ sql, ...pos.at(at), offset: at, code: pos.lineText(text, at) });
  }
  return found.sort((a, b) => a.offset - b.offset).map(({ offset: _offset, ...s }) => s);
}

function attr(tag: string, name: string): string | undefined {
  return new RegExp(`\\b${name}\\s*=\\s*["']([^"']*)["']`).exec(tag)?.[1];
}

/** Liquibase changelogs in XML (and the common YAML/JSON spellings of the same change types). */
function liquibaseSnippets(text: string): Snippet[] {
  const pos = new Positions(text);
  const out: (Snippet & { offset: number })[] = [];
  // Rollback blocks undo the changeSet they belong to; what they drop, the changeSet created.
  const masked = text.replace(/<rollback\b[\s\S]*?<\/rollback>|<rollback\b[^>]*\/>/g, (s) => s.replace(/[^\n]/g, ' '));
  const add = (sql: string, offset: number, code?: string): void => void out.push({ sql, ...pos.at(offset), offset, code: code ?? pos.lineText(text, offset) });
  for (const m of masked.matchAll(/<(createTable|dropTable|dropView|dropSequence|dropColumn|dropForeignKeyConstraint|renameTable|renameColumn|delete|update)\b([^>]*?)(\/?)>/g)) {
    const [tag, kind, attrs = '', selfClosing] = m;
    const at = m.index!;
    const table = attr(attrs, 'tableName') ?? attr(attrs, 'baseTableName') ?? attr(attrs, 'oldTableName') ?? '?';
    const body = selfClosing ? '' : masked.slice(at + tag.length, masked.indexOf(`</${kind}>`, at));
    switch (kind) {
      case 'createTable': add(`CREATE TABLE ${table} ()`, at); break;
      case 'dropTable': add(`DROP TABLE ${table}${attr(attrs, 'cascadeConstraints') === 'true' ? ' CASCADE' : ''}`, at); break;
      case 'dropView': add(`DROP VIEW ${attr(attrs, 'viewName') ?? '?'}`, at); break;
      case 'dropSequence': add(`DROP SEQUENCE ${attr(attrs, 'sequenceName') ?? '?'}`, at); break;
      case 'dropColumn': {
        const cols = attr(attrs, 'columnName') ? [attr(attrs, 'columnName')!] : [...body.matchAll(/<column\b[^>]*\bname\s*=\s*["']([^"']+)/g)].map((c) => c[1]!);
        add(cols.map((c) => `ALTER TABLE ${table} DROP COLUMN ${c}`).join('; ') || `ALTER TABLE ${table} DROP COLUMN ?`, at);
        break;
      }
      case 'dropForeignKeyConstraint': add(`ALTER TABLE ${table} DROP CONSTRAINT ${attr(attrs, 'constraintName') ?? '?'}`, at); break;
      case 'renameTable': add(`ALTER TABLE ${table} RENAME TO ${attr(attrs, 'newTableName') ?? '?'}`, at); break;
      case 'renameColumn': add(`ALTER TABLE ${table} RENAME COLUMN ${attr(attrs, 'oldColumnName') ?? '?'} TO ${attr(attrs, 'newColumnName') ?? '?'}`, at); break;
      case 'delete': add(/<where>/.test(body) ? `DELETE FROM ${table} WHERE ${DYNAMIC_NAME} = 1` : `DELETE FROM ${table}`, at); break;
      case 'update': if (!/<where>/.test(body)) add(`UPDATE ${table} SET ${DYNAMIC_NAME} = 1`, at); break;
    }
  }
  for (const m of masked.matchAll(/<sql\b[^>]*>([\s\S]*?)<\/sql>/g)) {
    const inner = m[1]!;
    const cdata = /<!\[CDATA\[([\s\S]*?)\]\]>/.exec(inner);
    const sql = (cdata ? cdata[1]! : inner).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    const at = m.index! + m[0].indexOf(inner) + (cdata ? cdata.index + 9 : 0);
    out.push({ sql, ...pos.at(at), offset: at });
  }
  // YAML / JSON: `- dropTable:` / `"dropTable": {` followed by its tableName, up to the next change.
  for (const m of masked.matchAll(/["']?\b(createTable|dropTable|dropColumn|delete)\b["']?\s*:/g)) {
    const from = m.index! + m[0].length;
    let block = masked.slice(from, from + 400);
    const next = block.search(/\n\s*-\s|["']?\b(?:changeSet|createTable|dropTable|dropColumn|delete|update|sql)\b["']?\s*:/);
    if (next >= 0) block = block.slice(0, next);
    const table = /tableName["']?\s*:\s*["']?([\w.]+)/.exec(block)?.[1];
    if (!table) continue;
    const at = m.index!;
    if (m[1] === 'createTable') add(`CREATE TABLE ${table} ()`, at);
    else if (m[1] === 'dropTable') add(`DROP TABLE ${table}`, at);
    else if (m[1] === 'dropColumn') add(`ALTER TABLE ${table} DROP COLUMN ${/columnName["']?\s*:\s*["']?(\w+)/.exec(block)?.[1] ?? '?'}`, at);
    else add(/\bwhere["']?\s*:/.test(block) ? `DELETE FROM ${table} WHERE ${DYNAMIC_NAME} = 1` : `DELETE FROM ${table}`, at);
  }
  for (const m of masked.matchAll(/^[ \t]*-?[ \t]*["']?sql["']?[ \t]*:[ \t]*(?:[|>][-+]?[ \t]*\n((?:[ \t]+[^\n]*\n?)+)|["']?([^\n]+?)["']?,?[ \t]*$)/gm)) {
    const sql = (m[1] ?? m[2] ?? '').replace(/^[ \t]+/gm, '');
    const at = m.index! + m[0].indexOf((m[1] ?? m[2] ?? '').trimStart().slice(0, 10));
    if (sql.trim()) out.push({ sql, ...pos.at(at), offset: at });
  }
  return out.sort((a, b) => a.offset - b.offset).map(({ offset: _offset, ...s }) => s);
}

/** Every piece of SQL a file would run, in file order. */
export function extractSql(file: string, text: string): Snippet[] {
  const lang = languageOf(file, text);
  if (!lang) return [];
  if (lang === 'sql') return [{ sql: text, line: 1, column: 1 }];
  if (lang === 'liquibase') return liquibaseSnippets(text);
  return hostSnippets(file, text, lang);
}
