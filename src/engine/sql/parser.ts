/**
 * node-sql-parser behind a narrow door: dialect names normalised (parser-notes P13), the three common dialects
 * bundled and loaded on first use, the others required lazily by path, a short fallback chain (P4), and every
 * result validated so a shapeless AST (P1) counts as "not parsed" rather than "harmless".
 */

/** Dialect names node-sql-parser accepts. */
export const PARSER_DIALECTS = [
  'athena', 'bigquery', 'db2', 'flinksql', 'hive', 'mariadb', 'mysql', 'noql', 'postgresql', 'redshift', 'snowflake',
  'sqlite', 'transactsql', 'trino',
] as const;
export type ParserDialect = (typeof PARSER_DIALECTS)[number];

const ALIASES: Record<string, ParserDialect> = {
  postgres: 'postgresql', postgresql: 'postgresql', pg: 'postgresql', psql: 'postgresql', pgsql: 'postgresql',
  neon: 'postgresql', supabase: 'postgresql', cockroach: 'postgresql', cockroachdb: 'postgresql', timescale: 'postgresql',
  timescaledb: 'postgresql', yugabyte: 'postgresql', yugabytedb: 'postgresql', 'aurora-postgresql': 'postgresql',
  alloydb: 'postgresql', greenplum: 'postgresql', vertica: 'postgresql', duckdb: 'postgresql',
  mssql: 'transactsql', sqlserver: 'transactsql', 'sql-server': 'transactsql', 'azure-sql': 'transactsql',
  azuresql: 'transactsql', tsql: 'transactsql', 't-sql': 'transactsql', transactsql: 'transactsql', synapse: 'transactsql',
  mysql: 'mysql', mysql2: 'mysql', planetscale: 'mysql', tidb: 'mysql', 'aurora-mysql': 'mysql', vitess: 'mysql',
  singlestore: 'mysql', memsql: 'mysql', mariadb: 'mariadb',
  sqlite: 'sqlite', sqlite3: 'sqlite', libsql: 'sqlite', turso: 'sqlite', d1: 'sqlite', 'better-sqlite3': 'sqlite',
  bigquery: 'bigquery', bq: 'bigquery', snowflake: 'snowflake', redshift: 'redshift', db2: 'db2', hive: 'hive',
  spark: 'hive', sparksql: 'hive', databricks: 'hive', athena: 'athena', trino: 'trino', presto: 'trino',
  flink: 'flinksql', flinksql: 'flinksql', noql: 'noql',
};

/** Maps a user- or tool-supplied dialect name to node-sql-parser's, or undefined when it is not one we know. */
export function normaliseDialect(name: string | undefined): ParserDialect | undefined {
  if (!name) return undefined;
  const key = name.trim().toLowerCase().replace(/[\s_]+/g, '-');
  return ALIASES[key] ?? ALIASES[key.replace(/-/g, '')];
}

interface ParserInstance {
  astify(sql: string, opt: { database: string }): unknown;
}
type ParserModule = { Parser: new () => ParserInstance };

const parsers = new Map<ParserDialect, ParserInstance | null>();

// The three common dialects are required by literal path so esbuild bundles them; each build is evaluated only on
// first use, so analysing SQL costs nothing until a statement needs parsing.
function loadModule(dialect: ParserDialect): ParserModule {
  switch (dialect) {
    case 'postgresql':
      return require('node-sql-parser/build/postgresql') as ParserModule;
    case 'mysql':
      return require('node-sql-parser/build/mysql') as ParserModule;
    case 'sqlite':
      return require('node-sql-parser/build/sqlite') as ParserModule;
    default:
      // A template path is left alone by esbuild: the other 11 builds (2 MB) stay out of the bundle and load from
      // node_modules when present (the CLI installed from npm); in the packaged extension they are simply absent.
      return require(`node-sql-parser/build/${dialect}`) as ParserModule;
  }
}

export function parserFor(dialect: ParserDialect): ParserInstance | undefined {
  let p = parsers.get(dialect);
  if (p === undefined) {
    try {
      p = new (loadModule(dialect).Parser)();
    } catch {
      p = null;
    }
    parsers.set(dialect, p);
  }
  return p ?? undefined;
}

/** The dialects to try for a statement, most specific first (P4): the target's, then postgresql, then mysql. */
export function dialectChain(dialect: ParserDialect | undefined): ParserDialect[] {
  const chain: ParserDialect[] = [];
  if (dialect) chain.push(dialect);
  for (const d of ['postgresql', 'mysql'] as const) if (!chain.includes(d)) chain.push(d);
  return chain;
}

/** Statement types node-sql-parser produces that we accept as a real reading (P1). */
const AST_TYPES = new Set([
  'select', 'insert', 'replace', 'update', 'delete', 'drop', 'truncate', 'alter', 'create', 'rename', 'grant',
  'revoke', 'use', 'set', 'transaction', 'show', 'desc', 'explain', 'lock', 'unlock', 'call', 'declare', 'exec',
  'load_data', 'analyze', 'attach', 'comment', 'deallocate', 'execute', 'prepare', 'proc', 'if', 'go',
]);

/** Flattens node-sql-parser's result: one object, an array, or `{ast, go_next}` chains (P7). */
export function toStatementArray(result: unknown): unknown[] {
  const out: unknown[] = [];
  const visit = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(visit);
    else if (x && typeof x === 'object' && 'ast' in x && !('type' in x)) {
      visit((x as { ast: unknown }).ast);
      if ('go_next' in x) visit((x as { go_next: unknown }).go_next);
    } else if (x !== null && x !== undefined) out.push(x);
  };
  visit(result);
  return out;
}

export function astType(ast: unknown): string | undefined {
  const t = (ast as { type?: unknown } | null)?.type;
  return typeof t === 'string' ? t.toLowerCase() : undefined;
}

export interface ParseResult {
  ast: unknown;
  dialect: ParserDialect;
}

/**
 * Parses one statement through the fallback chain. Returns the first reading that is exactly one statement of an
 * accepted type (and, when given, of the expected type); undefined when no dialect produced one.
 */
export function parseStatement(text: string, chain: readonly ParserDialect[], expectType?: string): ParseResult | undefined {
  for (const dialect of chain) {
    const parser = parserFor(dialect);
    if (!parser) continue;
    let result: unknown;
    try {
      result = parser.astify(text, { database: dialect });
    } catch {
      continue;
    }
    const stmts = toStatementArray(result);
    if (stmts.length !== 1) continue;
    const type = astType(stmts[0]);
    if (!type || !AST_TYPES.has(type)) continue;
    if (expectType && type !== expectType) continue;
    return { ast: stmts[0], dialect };
  }
  return undefined;
}
