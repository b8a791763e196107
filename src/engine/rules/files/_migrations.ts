/**
 * SQL and migration files as the file guard sees them: which files they are, the destructive statements a
 * write adds (through the SQL engineer's `scanText`, which extracts SQL from Rails/Django/Knex/TypeORM/
 * Sequelize/Alembic/Laravel/Ecto/Liquibase migrations and lets a migration drop what it creates), and the
 * rollback (`down`/`downgrade`) of a migration.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isCandidate, scanText, type ScanFinding } from '../../sql/scan';
import { languageOf } from '../../sql/extract';

/** SQL findings that do not make a written migration destructive: backfills, and checks about where SQL runs. */
const NOT_DESTRUCTIVE = new Set([
  'engine/unanalysable',
  'sql/update-without-where',
  'sql/write-to-production',
  'sql/explain-analyze-write',
  'sql/safety-switch-write',
]);

/** A .sql file anywhere, or a code/changelog file in a migrations folder. */
export function isMigrationOrSql(file: string): boolean {
  return isCandidate(file, false);
}

/** For `x.down.sql`, `down.sql` and Flyway's `U3__x.sql`: the tables the matching `up` file creates. */
export function createdByCounterpart(file: string): string[] {
  const base = path.basename(file);
  const dir = path.dirname(file);
  let up: string | undefined;
  try {
    if (/\.down\.sql$/i.test(base)) up = path.join(dir, base.replace(/\.down\.sql$/i, '.up.sql'));
    else if (/^down\.sql$/i.test(base)) up = path.join(dir, 'up.sql');
    else if (/^U(\d[\w.]*)__/.test(base)) {
      const version = /^U(\d[\w.]*)__/.exec(base)![1];
      up = fs.readdirSync(dir).map((f) => path.join(dir, f)).find((f) => path.basename(f).startsWith(`V${version}__`));
    }
    if (!up || !fs.existsSync(up)) return [];
    const text = fs.readFileSync(up, 'utf8');
    return [...text.matchAll(/\bCREATE\s+(?:TEMP(?:ORARY)?\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?([`"[]?[\w.]+[`"\]]?)/gi)].map((m) => m[1]!.replace(/[`"[\]]/g, ''));
  } catch {
    return [];
  }
}

function key(f: ScanFinding): string {
  return `${f.ruleId}\0${f.excerpt.replace(/\s+/g, ' ').trim().toLowerCase()}`;
}

function destructive(file: string, text: string, created: string[]): ScanFinding[] {
  try {
    return scanText(file, text, {}, created).filter((f) => f.decision !== 'allow' && !NOT_DESTRUCTIVE.has(f.ruleId));
  } catch {
    return [];
  }
}

/** Destructive statements in `after` that `before` did not have (as a multiset: a second DROP of the same table counts). */
export function addedDestructive(file: string, before: string | undefined, after: string): ScanFinding[] {
  const created = languageOf(file) === 'sql' ? createdByCounterpart(file) : [];
  const old = new Map<string, number>();
  for (const f of before ? destructive(file, before, created) : []) old.set(key(f), (old.get(key(f)) ?? 0) + 1);
  const out: ScanFinding[] = [];
  for (const f of destructive(file, after, created)) {
    const k = key(f);
    const n = old.get(k) ?? 0;
    if (n > 0) old.set(k, n - 1);
    else out.push(f);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Rollbacks

/** Bodies that do nothing or refuse to roll back. */
const EMPTY_BODY = /^(pass|return;?|end|\{\s*\}|raise\s+(ActiveRecord::)?IrreversibleMigration.*|raise\s+NotImplementedError.*|throw\s+new\s+Error\(.*\);?|return\s+Promise\.resolve\(\);?|\/\/.*|#.*|\s)*$/is;

function stripComments(body: string): string {
  return body
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*(\/\/|#).*$/gm, '')
    .replace(/^\s*"""[\s\S]*?"""\s*$/gm, '')
    .trim();
}

/** Text of a brace-delimited body starting at the first `{` at or after `from` (strings are not special-cased). */
function braceBody(text: string, from: number): string | undefined {
  const open = text.indexOf('{', from);
  if (open < 0) return undefined;
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return text.slice(open + 1, i);
  }
  return text.slice(open + 1);
}

/** Lines indented deeper than the `def` line (Python). */
function indentedBody(text: string, from: number): string {
  const lineStart = text.lastIndexOf('\n', from) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0].length;
  const rest = text.slice(text.indexOf('\n', from) + 1).split('\n');
  const body: string[] = [];
  for (const line of rest) {
    if (line.trim() === '') {
      body.push(line);
      continue;
    }
    if (/^[ \t]*/.exec(line)![0].length <= indent) break;
    body.push(line);
  }
  return body.join('\n');
}

/** From `def down` to the `end` at the same indentation (Ruby, Elixir). */
function endBody(text: string, from: number): string {
  const lineStart = text.lastIndexOf('\n', from) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  const rest = text.slice(text.indexOf('\n', from) + 1);
  const end = new RegExp(`^${indent}end\\b`, 'm').exec(rest);
  return end ? rest.slice(0, end.index) : rest;
}

/**
 * The rollback method's body, or undefined when the file has none. Empty string for a rollback that does
 * nothing or refuses (`pass`, `raise IrreversibleMigration`).
 */
export function rollbackBody(file: string, text: string): string | undefined {
  const lang = languageOf(file, text);
  let body: string | undefined;
  let m: RegExpExecArray | null;
  if (lang === 'python') {
    if ((m = /^[ \t]*def\s+downgrade\s*\([^)]*\)[^:]*:/m.exec(text))) body = indentedBody(text, m.index);
  } else if (lang === 'ruby' || lang === 'elixir') {
    if ((m = /^[ \t]*def\s+(down|self\.down)\b/m.exec(text))) body = endBody(text, m.index);
  } else if (lang === 'js' || lang === 'php') {
    m = /(?:exports\.down\s*=|\bdown\s*:|(?:async\s+)?function\s+down\s*\(|(?:public|async|static|\s)\s*down\s*\([^)]*\)\s*(?::\s*[\w<>[\]|\s]+)?\s*\{|export\s+(?:async\s+)?function\s+down\b|export\s+const\s+down\s*=)/.exec(text);
    if (m) {
      const after = text.slice(m.index + m[0].length);
      const arrow = /^[^{;]*?=>\s*(?!\{)/.exec(after);
      if (arrow) {
        // `down: (knex) => knex.schema.dropTable('x'),` — an expression body, up to the end of the statement.
        const rest = after.slice(arrow[0].length);
        const endAt = rest.search(/[,;]\s*(\n|$)|\n\s*[}\n]/);
        body = endAt > 0 ? rest.slice(0, endAt) : rest;
      } else body = braceBody(text, m[0].endsWith('{') ? m.index + m[0].length - 1 : m.index + m[0].length);
    }
  } else return undefined;
  if (body === undefined) return undefined;
  const stripped = stripComments(body);
  return EMPTY_BODY.test(stripped) ? '' : stripped;
}

/** Whether a code migration can roll back without a down method (Rails `change`, Django operations). */
export function reversibleWithoutDown(file: string, text: string): boolean {
  const lang = languageOf(file, text);
  if (lang === 'ruby') return /^[ \t]*def\s+change\b/m.test(text);
  if (lang === 'elixir') return /^[ \t]*def\s+change\b/m.test(text);
  if (lang === 'python') return /\bclass\s+Migration\s*\(\s*migrations\.Migration\s*\)/.test(text);
  return false;
}
