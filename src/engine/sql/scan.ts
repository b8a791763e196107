/**
 * `blast-radius scan` core: finds SQL files and the SQL inside migration files, runs the SQL rules on every
 * statement, and returns findings with file, line and column. A migration runs later against an unknown database,
 * so nothing here lowers a decision for a local target; tables the same migration creates may be dropped freely.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Decision, Severity } from '../types';
import type { Report, RuleContext, RuleMeta, SqlRule } from '../rule';
import { sqlRules } from '../rules/sql';
import { analyzeSql } from './analyze';
import { extractSql, languageOf } from './extract';
import { nodeReader } from '../context/workspace';

export interface ScanFinding {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  decision: Decision;
  severity: Severity;
  message: string;
  /** The statement, or the migration code line it stands for. */
  excerpt: string;
  target?: string;
  signals?: string[];
  safer?: string;
}

export interface ScanResult {
  findings: ScanFinding[];
  /** Files that were read and searched for SQL. */
  scanned: string[];
  errors: { file: string; message: string }[];
}

export interface ScanOptions {
  dialect?: string;
  rules?: readonly SqlRule[];
}

export const UNANALYSABLE_ID = 'engine/unanalysable';

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'vendor', 'dist', 'build', 'out', 'target', '.venv', 'venv', '__pycache__', '.next', '.nuxt', 'coverage', '.terraform', '.tox', '.cache', 'bower_components']);
/** Folders whose code files are migrations (or seeds) rather than application code. */
const MIGRATION_PATH = /(^|[\\/])(migrations?|migrate|alembic|versions|changelogs?|liquibase|db[\\/]changelog|seeders|seeds|database[\\/]migrations|priv[\\/]repo[\\/]migrations)([\\/]|$)/i;
/** Rails' db/schema.rb is a snapshot loaded only by db:schema:load (judged by the shell rules), full of `force: :cascade`. */
const NOT_MIGRATIONS = /(^|[\\/])(schema\.rb|structure\.sql)$/;

/** Files a directory walk picks up: every .sql file, and code or changelog files inside migration folders. */
export function isCandidate(file: string, explicit: boolean): boolean {
  const lang = languageOf(file);
  if (!lang && !/\.(xml|ya?ml|json)$/i.test(file)) return false;
  if (lang === 'sql') return true;
  if (explicit) return true;
  return MIGRATION_PATH.test(path.dirname(file)) && !NOT_MIGRATIONS.test(file);
}

function walk(dir: string, out: string[], errors: ScanResult['errors']): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    errors.push({ file: dir, message: (err as Error).message });
    return;
  }
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) walk(full, out, errors);
    } else if (e.isFile() && isCandidate(full, false)) out.push(full);
  }
}

function fill(template: string, data: Record<string, string | number | undefined>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => String(data[key] ?? `<${key}>`));
}

function scanContext(meta: RuleMeta, sink: (r: Report, meta: RuleMeta) => void): RuleContext {
  return {
    cwd: undefined,
    workspaceRoot: undefined,
    home: '',
    env: {},
    report: (r) => sink(r, meta),
    signals: () => ({ production: [], test: [] }),
    reader: nodeReader,
    nested: () => undefined,
  };
}

/** For `foo.down.sql` or Flyway's `U3__x.sql`: the tables its `up` counterpart creates (a rollback drops them). */
export function createdByCounterpart(file: string): string[] {
  const base = path.basename(file);
  const dir = path.dirname(file);
  let up: string | undefined;
  if (/\.down\.sql$/i.test(base)) up = path.join(dir, base.replace(/\.down\.sql$/i, '.up.sql'));
  else if (/^down\.sql$/i.test(base)) up = path.join(dir, 'up.sql');
  else if (/^U(\d[\w.]*)__/.test(base)) {
    const version = /^U(\d[\w.]*)__/.exec(base)![1];
    up = fs.readdirSync(dir).map((f) => path.join(dir, f)).find((f) => path.basename(f).startsWith(`V${version}__`));
  }
  if (!up || !fs.existsSync(up)) return [];
  const text = fs.readFileSync(up, 'utf8');
  return [...text.matchAll(/\bCREATE\s+(?:TEMP(?:ORARY)?\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?([`"[]?[\w.]+[`"\]]?)/gi)].map((m) => m[1]!.replace(/[`"[\]]/g, ''));
}

/** Scans one file's text. `created` seeds the tables an earlier, paired file created. */
export function scanText(file: string, text: string, options: ScanOptions = {}, created: string[] = []): ScanFinding[] {
  const rules = options.rules ?? sqlRules;
  const findings: ScanFinding[] = [];
  let tables = [...created];
  let columns: string[] = [];
  for (const snippet of extractSql(file, text)) {
    const analysis = analyzeSql(snippet.sql, options.dialect, { origin: { line: snippet.line, column: snippet.column }, createdTables: tables, createdColumns: columns });
    for (const u of analysis.unknownsAt ?? []) {
      findings.push({
        file, line: u.line, column: u.column, ruleId: UNANALYSABLE_ID, decision: 'ask', severity: 'medium',
        message: `Could not analyse: ${u.reason}`, excerpt: snippet.code ?? u.reason,
      });
    }
    for (const stmt of analysis.statements) {
      const excerpt = snippet.code ?? stmt.text.replace(/\s+/g, ' ');
      // SQL rewritten from a DSL call (`t.remove :a, :b` → two statements) points at the call itself.
      const at = snippet.code ? { line: snippet.line, column: snippet.column } : { line: stmt.line, column: stmt.column };
      for (const rule of rules) {
        rule.check(stmt, scanContext(rule.meta, (r, meta) => {
          const data = { target: r.target, ...r.data };
          findings.push({
            file, ...at, ruleId: meta.id, decision: r.decision ?? meta.decision,
            severity: r.severity ?? meta.severity, message: fill(r.message ?? meta.message, data), excerpt,
            target: r.target, signals: r.signals, safer: r.safer ?? (meta.safer === undefined ? undefined : fill(meta.safer, data)),
          });
        }));
      }
    }
    tables = analysis.created?.tables ?? tables;
    columns = analysis.created?.columns ?? columns;
  }
  return findings.filter((f) => f.decision !== 'allow');
}

/** Scans files and folders (folders are walked). Findings come sorted by file, line and column. */
export function scanPaths(paths: readonly string[], options: ScanOptions = {}): ScanResult {
  const result: ScanResult = { findings: [], scanned: [], errors: [] };
  const files: string[] = [];
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch (err) {
      result.errors.push({ file: p, message: (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (err as Error).message });
      continue;
    }
    if (stat.isDirectory()) walk(p, files, result.errors);
    else if (isCandidate(p, true)) files.push(p);
  }
  for (const file of [...new Set(files)]) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      result.errors.push({ file, message: (err as Error).message });
      continue;
    }
    result.scanned.push(file);
    result.findings.push(...scanText(file, text, options, languageOf(file) === 'sql' ? createdByCounterpart(file) : []));
  }
  result.findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  return result;
}
