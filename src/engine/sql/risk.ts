/**
 * How much a destructive SQL statement matters depends on where it runs (catalog §0): production → block;
 * unknown (no target, a remote host) → treated as production; a local development database → ask; an explicit
 * test or throw-away database (`*_test`, `:memory:`, `test.db`, `RAILS_ENV=test`) → allow. This module reads the
 * target from the action's connection string, the environment and `USE`/`\c` in the script.
 */
import type { Decision } from '../types';
import type { Report, RuleContext } from '../rule';
import { classifyHost, hostOf } from '../context/production';
import type { SqlStatement } from './types';
import { DYNAMIC_NAME } from './dynamic';

export type TargetKind = 'production' | 'remote' | 'test' | 'dev' | 'unknown';

export interface TargetReading {
  kind: TargetKind;
  /** Plain-words reasons for the kind, for the finding's `signals`. */
  signals: string[];
}

const LOOPBACK = /^(localhost|127(\.\d+){3}|::1|\[::1\]|0\.0\.0\.0|host\.docker\.internal)$/i;
const TEST_NAME = /(^|[_\-./])(test|tests|testing|ci|e2e|spec)(db)?($|[_\-.\d])|^test/i;
const PROD_NAME = /(^|[^a-z0-9])(prod|production|prd|live)([^a-z0-9]|$)/i;
const DB_FILE = /\.(db|sqlite3?|db3|s3db|sl3)$/i;

interface Parts {
  production: string[];
  remote: string[];
  test: string[];
  local: string[];
}

/** True for a database, schema or role name that says it is for tests. */
export function isTestName(name: string): boolean {
  return TEST_NAME.test(name) || name === ':memory:';
}

export function isProductionName(name: string): boolean {
  return PROD_NAME.test(name);
}

function host(h: string, into: Parts): void {
  const name = h.replace(/:\d+$/, '');
  if (LOOPBACK.test(name)) {
    into.local.push(`host ${name} is this machine`);
    return;
  }
  const tmp = { production: [] as string[], test: [] as string[] };
  classifyHost(name, tmp);
  for (const s of tmp.production) (/remote machine$/.test(s) ? into.remote : into.production).push(s);
}

function databaseName(db: string, into: Parts): void {
  if (isTestName(db)) into.test.push(`database ${db} is a test database`);
  else if (PROD_NAME.test(db)) into.production.push(`database ${db} looks like production`);
}

function file(path: string, into: Parts): void {
  if (path === ':memory:' || path === '') into.test.push('an in-memory database');
  else if (/^\/tmp\/|^\/var\/tmp\//.test(path) || isTestName(path.split('/').pop()!.replace(DB_FILE, ''))) into.test.push(`${path} is a test or temporary database file`);
  else if (PROD_NAME.test(path)) into.production.push(`${path} looks like a production database file`);
  else into.local.push(`${path} is a database file on this machine`);
}

/** Reads a connection string, DSN, file path or bare host. */
export function readTarget(target: string, into: Parts): void {
  const t = target.trim().replace(/^jdbc:/i, '');
  if (/:memory:/i.test(t)) return void into.test.push('an in-memory database');
  if (/sslmode=(require|verify-ca|verify-full)/i.test(t)) into.production.push('sslmode=require');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(t)?.[1]?.toLowerCase();
  if (scheme && /^(sqlite\d?|file|libsql)$/.test(scheme) && !/^libsql:\/\/[^/]/.test(t)) {
    return file(t.replace(/^[a-z0-9+.-]+:(\/\/)?/i, '').replace(/\?.*$/, ''), into);
  }
  if (t.includes('://')) {
    const h = hostOf(t);
    if (h) host(h, into);
    else into.local.push('a local socket');
    const db = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*\/([^?#/]+)/i.exec(t)?.[1];
    if (db) databaseName(decodeURIComponent(db), into);
    return;
  }
  if (/[=;]/.test(t)) {
    // libpq `host=… dbname=…` or ADO.NET `Server=…;Database=…`.
    const kv = (re: RegExp): string | undefined => re.exec(t)?.[1];
    const h = kv(/(?:^|[\s;])(?:host|server|data source|addr|address)\s*=\s*([^\s;]+)/i);
    if (h) host(h.replace(/^tcp:/i, '').replace(/,\d+$/, ''), into);
    const db = kv(/(?:^|[\s;])(?:dbname|database|initial catalog)\s*=\s*([^\s;]+)/i);
    if (db) databaseName(db, into);
    return;
  }
  if (t.includes('/') || DB_FILE.test(t)) return file(t, into);
  host(t, into);
}

/** Where the statement runs, from strongest signal to weakest. */
export function readStatementTarget(stmt: SqlStatement, ctx: RuleContext): TargetReading {
  const parts: Parts = { production: [], remote: [], test: [], local: [] };
  const fromCtx = ctx.signals();
  // An unknown remote host from the environment counts as production for destructive statements, but it is not an
  // explicit production signal (which would pause every ordinary write too).
  for (const s of fromCtx.production) (/remote machine$/.test(s) ? parts.remote : parts.production).push(s);
  // Only explicit environment names count as test here (`NODE_ENV=test`); loopback hosts are "dev", not "test".
  parts.test.push(...fromCtx.test.filter((s) => /^[A-Z_]+=\S+/.test(s)));
  if (stmt.target) readTarget(stmt.target, parts);
  else {
    const env = ctx.env;
    const url = env.DATABASE_URL ?? env.POSTGRES_URL ?? env.MYSQL_URL;
    if (url) readTarget(url, parts);
    else if (env.PGHOST) host(env.PGHOST, parts);
    const db = env.PGDATABASE ?? env.MYSQL_DATABASE;
    if (db) databaseName(db, parts);
  }
  if (stmt.database) databaseName(stmt.database, parts);
  const unique = (xs: string[]): string[] => [...new Set(xs)];
  if (parts.production.length) return { kind: 'production', signals: unique(parts.production) };
  if (parts.test.length) return { kind: 'test', signals: unique(parts.test) };
  if (parts.remote.length) return { kind: 'remote', signals: unique(parts.remote.map((s) => `${s} (treated as production)`)) };
  if (parts.local.length) return { kind: 'dev', signals: unique(parts.local) };
  return { kind: 'unknown', signals: ['target database not known (treated as production)'] };
}

/** The decision for a destructive finding whose default is `base`, given where it runs. */
export function decisionFor(kind: TargetKind, base: Decision): Decision {
  switch (kind) {
    case 'production':
      return 'block';
    case 'test':
      return 'allow';
    case 'dev':
      return base === 'allow' ? 'allow' : 'ask';
    default:
      return base;
  }
}

/**
 * Reports a destructive finding scaled to the target; stays silent on explicit test targets. The message gets the
 * way the statement was reached (`run by DO block`) when it is nested.
 */
export function reportRisk(stmt: SqlStatement, ctx: RuleContext, base: Decision, report: Report & { message: string }): void {
  const where = readStatementTarget(stmt, ctx);
  const decision = decisionFor(where.kind, base);
  if (decision === 'allow') return;
  ctx.report({
    ...report,
    target: report.target === undefined ? undefined : displayName(report.target),
    message: stmt.via ? `${report.message} (run by ${stmt.via})` : report.message,
    decision,
    signals: [...(report.signals ?? []), ...where.signals],
  });
}

/** Object names for messages: the dynamic placeholder reads as what it is. */
export function displayName(name: string): string {
  if (name.includes(DYNAMIC_NAME)) return 'a name computed at run time';
  if (name === '?') return 'every table (one at a time)';
  return name;
}

/** Scratch objects that are fine to drop or empty: temporary, `#tmp`, `tmp_*`/`temp_*`, or created by the same script. */
export function isScratchTable(stmt: SqlStatement, name: string): boolean {
  if (stmt.options.includes('temporary')) return true;
  const base = name.split('.').pop()!.toLowerCase();
  if (base.startsWith('#') || /^pg_temp/.test(name.toLowerCase())) return true;
  if (/^(tmp|temp)_|_(tmp|temp)$|^(tmp|temp)$/.test(base)) return true;
  return stmt.temporaryEarlier.has(base) || stmt.createdEarlier.has(base);
}
