import { defineCommandRule } from '../../rule';
import type { RuleContext } from '../../rule';
import type { SimpleCommand } from '../../shell/types';
import { readable } from '../../shell/types';
import { envValue, flag, judge, kvTarget, opt, parseArgs, signalsFor } from './_target';
import type { ParsedArgs } from './_target';
import { expandClientCommands, generatedLooksDestructive, readScript, stdinSql } from './_sql';
import type { MetaStyle, SqlText } from './_sql';

/**
 * How one database client takes SQL and a connection. `sql` lists the inline SQL and script-file options in the
 * order the client runs them; `stdin` says whether standard input is a script when no inline SQL was given.
 */
interface Client {
  dialect: string;
  meta: MetaStyle;
  sql: { inline: string[]; files: string[] };
  /** SQL given as positional arguments (sqlite3 FILE "SQL"…). */
  positionalSql?: (p: ParsedArgs) => string[];
  withValue: string[];
  optional?: string[];
  singleDashLong?: boolean;
  /** Invocations that run no SQL at all (listing, help, version). */
  inert?: (p: ParsedArgs) => boolean;
  /** Opened read-only: nothing it runs can change data. */
  readOnly?: (p: ParsedArgs) => boolean;
  target: (p: ParsedArgs, cmd: SimpleCommand, ctx: RuleContext) => string | undefined;
  /** Split an inline value into several scripts (`sqlcmd -i a.sql,b.sql`). */
  splitFiles?: boolean;
}

const HELP = ['--help', '-?', '--version', '-V'];

/**
 * The host a client connects to when it names none and runs elsewhere: the ssh host, or for a container the
 * machine running Docker (this one unless DOCKER_HOST points elsewhere).
 */
function remoteHost(cmd: SimpleCommand, ctx?: RuleContext): string | undefined {
  if (cmd.remote?.startsWith('host ')) return cmd.remote.slice(5).replace(/^.*@/, '');
  if (cmd.remote?.startsWith('container ')) {
    const docker = cmd.env.DOCKER_HOST ?? ctx?.env.DOCKER_HOST;
    if (docker && !/^(unix|npipe):/.test(docker)) return docker.replace(/^[a-z]+:\/\/(?:[^@/]*@)?/i, '').replace(/[:/].*$/, '');
    return 'localhost';
  }
  return undefined;
}

/** A URL, a conninfo string, or a variable that holds one. */
function urlOrConninfo(value: string | undefined): boolean {
  return value !== undefined && (value.includes('://') || /^\s*\w+\s*=/.test(value) || value.includes('$'));
}

const PSQL: Client = {
  dialect: 'postgresql',
  meta: 'psql',
  sql: { inline: ['-c', '--command'], files: ['-f', '--file'] },
  withValue: ['-c', '--command', '-f', '--file', '-d', '--dbname', '-h', '--host', '-p', '--port', '-U', '--username', '-v', '--set', '--variable', '-o', '--output', '-L', '--log-file', '-P', '--pset', '-F', '--field-separator', '-R', '--record-separator', '-T', '--table-attr'],
  inert: (p) => HELP.some((h) => p.flags.has(h)) || ((p.flags.has('-l') || p.flags.has('--list')) && !p.options.has('-c') && !p.options.has('--command')),
  target(p, cmd, ctx) {
    const db = opt(p, '-d', '--dbname') ?? p.positionals[0];
    if (urlOrConninfo(db)) return db;
    return kvTarget({
      host: opt(p, '-h', '--host') ?? envValue(cmd, ctx, 'PGHOST') ?? remoteHost(cmd, ctx),
      port: opt(p, '-p', '--port'),
      dbname: db ?? envValue(cmd, ctx, 'PGDATABASE'),
      user: opt(p, '-U', '--username') ?? p.positionals[1],
    });
  },
};

function mysqlLike(dialect: string): Client {
  return {
    dialect,
    meta: 'mysql',
    sql: { inline: ['-e', '--execute', '--init-command'], files: [] },
    withValue: ['-e', '--execute', '-h', '--host', '-P', '--port', '-u', '--user', '-D', '--database', '-S', '--socket', '--defaults-file', '--defaults-extra-file', '--defaults-group-suffix', '--default-character-set', '--init-command', '--login-path', '--ssl-mode', '--ssl-ca', '--ssl-cert', '--ssl-key', '--protocol', '--connect-timeout', '--max-allowed-packet', '--tee', '--pager', '--delimiter', '--bind-address', '--plugin-dir', '--default-auth', '--character-sets-dir', '--net-buffer-length', '--server-public-key-path', '--tls-version'],
    optional: ['-p'],
    inert: (p) => HELP.some((h) => p.flags.has(h)),
    target(p, cmd, ctx) {
      const db = opt(p, '-D', '--database') ?? p.positionals[0];
      return kvTarget({
        host: opt(p, '-h', '--host') ?? envValue(cmd, ctx, 'MYSQL_HOST') ?? remoteHost(cmd, ctx),
        port: opt(p, '-P', '--port'),
        dbname: db,
        user: opt(p, '-u', '--user'),
      });
    },
  };
}

function fileTarget(file: string | undefined): string {
  if (file === undefined || file === '' || file === ':memory:') return ':memory:';
  return `file:${file}`;
}

const SQLITE: Client = {
  dialect: 'sqlite',
  meta: 'sqlite',
  singleDashLong: true,
  sql: { inline: ['-cmd', '--cmd'], files: ['-init', '--init'] },
  positionalSql: (p) => p.positionals.slice(1),
  withValue: ['-cmd', '--cmd', '-init', '--init', '-separator', '--separator', '-nullvalue', '--nullvalue', '-newline', '--newline', '-vfs', '--vfs', '-mmap', '--mmap', '-maxsize', '--maxsize', '-A', '-lookaside', '-pagecache'],
  inert: (p) => ['-version', '--version', '-help', '--help'].some((h) => p.flags.has(h)),
  readOnly: (p) => p.flags.has('-readonly') || p.flags.has('--readonly'),
  target: (p) => fileTarget(p.positionals[0]),
};

const DUCKDB: Client = {
  dialect: 'duckdb',
  meta: 'sqlite',
  singleDashLong: true,
  sql: { inline: ['-cmd', '--cmd', '-c', '-s'], files: ['-init', '--init', '-f'] },
  positionalSql: (p) => p.positionals.slice(1),
  withValue: ['-cmd', '--cmd', '-c', '-s', '-f', '-init', '--init', '-separator', '-nullvalue', '-newline'],
  inert: (p) => ['-version', '--version', '-help', '--help'].some((h) => p.flags.has(h)),
  readOnly: (p) => p.flags.has('-readonly') || p.flags.has('--readonly'),
  target: (p) => fileTarget(p.positionals[0]),
};

const CLICKHOUSE: Client = {
  dialect: 'clickhouse',
  meta: 'none',
  sql: { inline: ['-q', '--query'], files: ['--queries-file'] },
  withValue: ['-q', '--query', '--queries-file', '-h', '--host', '--port', '-d', '--database', '-u', '--user', '--password', '-f', '--format', '--config-file', '-C', '--connection', '--history_file', '--max_threads'],
  inert: (p) => HELP.some((h) => p.flags.has(h)),
  target: (p, cmd, ctx) => kvTarget({ host: opt(p, '-h', '--host') ?? remoteHost(cmd, ctx), port: opt(p, '--port'), dbname: opt(p, '-d', '--database') }),
};

const CQLSH: Client = {
  dialect: 'cql',
  meta: 'none',
  sql: { inline: ['-e', '--execute'], files: ['-f', '--file'] },
  withValue: ['-e', '--execute', '-f', '--file', '-k', '--keyspace', '-u', '--username', '-p', '--password', '--cqlshrc', '--cqlversion', '--protocol-version', '--connect-timeout', '--request-timeout', '--encoding', '-b', '--secure-connect-bundle'],
  inert: (p) => HELP.some((h) => p.flags.has(h)),
  target: (p, cmd, ctx) => kvTarget({ host: p.positionals[0] ?? envValue(cmd, ctx, 'CQLSH_HOST') ?? remoteHost(cmd, ctx), port: p.positionals[1], dbname: opt(p, '-k', '--keyspace') }),
};

const SQLCMD: Client = {
  dialect: 'transactsql',
  meta: 'none',
  sql: { inline: ['-Q', '-q'], files: ['-i'] },
  splitFiles: true,
  withValue: ['-Q', '-q', '-i', '-S', '-d', '-U', '-P', '-v', '-o', '-s', '-w', '-h', '-l', '-t', '-a', '-f', '-K', '-H', '-A', '-W', '--server', '--database', '--user-name', '--password'],
  inert: (p) => ['-?', '--help', '--version'].some((h) => p.flags.has(h)),
  target(p, cmd, ctx) {
    const server = opt(p, '-S', '--server') ?? envValue(cmd, ctx, 'SQLCMDSERVER') ?? remoteHost(cmd, ctx);
    const db = opt(p, '-d', '--database') ?? envValue(cmd, ctx, 'SQLCMDDBNAME');
    if (server === undefined && db === undefined) return undefined;
    return [server !== undefined ? `Server=${server}` : undefined, db !== undefined ? `Database=${db}` : undefined].filter(Boolean).join(';');
  },
};

const SNOWSQL: Client = {
  dialect: 'snowflake',
  meta: 'none',
  sql: { inline: ['-q', '--query'], files: ['-f', '--filename'] },
  withValue: ['-a', '--accountname', '-u', '--username', '-d', '--dbname', '-s', '--schemaname', '-w', '--warehouse', '-r', '--rolename', '-q', '--query', '-f', '--filename', '-c', '--connection', '-o', '--option', '-D', '--variable', '--config', '--authenticator', '-h', '--host', '-p', '--port', '--region'],
  inert: (p) => HELP.some((h) => p.flags.has(h)),
  target(p, cmd, ctx) {
    const account = opt(p, '-a', '--accountname') ?? envValue(cmd, ctx, 'SNOWSQL_ACCOUNT') ?? opt(p, '-c', '--connection') ?? 'account';
    return kvTarget({ host: `${account}.snowflakecomputing.com`, dbname: opt(p, '-d', '--dbname') });
  },
};

const USQL: Client = {
  dialect: 'postgresql',
  meta: 'psql',
  sql: { inline: ['-c', '--command'], files: ['-f', '--file'] },
  withValue: ['-c', '--command', '-f', '--file', '-o', '--out', '-v', '--set', '-P', '--pset', '-F', '-R', '-T'],
  inert: (p) => HELP.some((h) => p.flags.has(h)),
  target: (p) => p.positionals[0],
};

const MYCLI_LIKE = (dialect: string, base: Client): Client => ({ ...base, dialect, meta: 'none' });

/** Picks the client spec, and the arguments that belong to it (`clickhouse client …`, `snow sql …`). */
function clientOf(cmd: SimpleCommand): { client: Client; args: string[]; target?: string } | undefined {
  const a = cmd.args;
  switch (cmd.name) {
    case 'psql':
      return { client: PSQL, args: a };
    case 'mysql':
      return { client: mysqlLike('mysql'), args: a };
    case 'mariadb':
      return { client: mysqlLike('mariadb'), args: a };
    case 'mycli':
      return { client: MYCLI_LIKE('mysql', mysqlLike('mysql')), args: a };
    case 'sqlite3':
    case 'sqlite':
      return { client: SQLITE, args: a };
    case 'litecli':
      return { client: { ...SQLITE, singleDashLong: false, sql: { inline: ['-e', '--execute'], files: [] }, positionalSql: () => [], withValue: ['-e', '--execute', '-D', '--database'] }, args: a };
    case 'duckdb':
      return { client: DUCKDB, args: a };
    case 'clickhouse-client':
      return { client: CLICKHOUSE, args: a };
    case 'clickhouse':
      return a[0] === 'client' ? { client: CLICKHOUSE, args: a.slice(1) } : undefined;
    case 'cqlsh':
      return { client: CQLSH, args: a };
    case 'sqlcmd':
      if (a[0] === 'query') return { client: { ...SQLCMD, positionalSql: (p) => p.positionals.slice(1, 2) }, args: a };
      return { client: SQLCMD, args: a };
    case 'snowsql':
      return { client: SNOWSQL, args: a };
    case 'snow':
      return a[0] === 'sql' ? { client: SNOWSQL, args: a.slice(1) } : undefined;
    case 'usql':
      return { client: USQL, args: a };
    case 'bq': {
      if (a[0] !== 'query') return undefined;
      const rest = a.slice(1);
      return {
        client: {
          dialect: 'bigquery', meta: 'none', sql: { inline: [], files: [] }, withValue: ['--parameter', '--destination_table', '--project_id', '--dataset_id', '--location', '--max_rows', '--format', '--label'],
          positionalSql: (p) => p.positionals.slice(-1), inert: (p) => p.flags.has('--dry_run') || p.flags.has('--dry-run') || p.options.get('--dry_run')?.[0] === 'true',
          target: (p) => kvTarget({ host: 'bigquery.googleapis.com', dbname: opt(p, '--project_id', '--dataset_id') }),
        },
        args: rest,
      };
    }
    case 'wrangler': {
      if (a[0] !== 'd1' || a[1] !== 'execute') return undefined;
      const rest = a.slice(2);
      return {
        client: {
          dialect: 'sqlite', meta: 'none', sql: { inline: ['--command'], files: ['--file'] }, withValue: ['--command', '--file', '--env', '-e', '--config', '-c', '--persist-to', '--database'],
          target(p) {
            const db = p.positionals[0] ?? 'the D1 database';
            if (p.flags.has('--remote')) return kvTarget({ host: `${db}.d1.cloudflare.com`, dbname: db });
            return `file:.wrangler/state/d1/${db}.sqlite`;
          },
        },
        args: rest,
      };
    }
    case 'heroku': {
      if (a[0] !== 'pg:psql') return undefined;
      const p = parseArgs(a.slice(1), ['-a', '--app', '-r', '--remote', '-c', '--command', '-f', '--file', '--credential']);
      const app = opt(p, '-a', '--app') ?? 'the default app';
      return {
        client: { ...PSQL, withValue: ['-a', '--app', '-r', '--remote', '-c', '--command', '-f', '--file', '--credential'], target: () => kvTarget({ host: `${app.replace(/\s+/g, '-')}.herokuapp.com`, dbname: p.positionals[0] }) },
        args: a.slice(1),
      };
    }
    case 'turso':
      if (a[0] !== 'db' || a[1] !== 'shell') return undefined;
      return {
        client: { dialect: 'sqlite', meta: 'sqlite', sql: { inline: [], files: [] }, withValue: ['--location', '--instance'], positionalSql: (p) => p.positionals.slice(1), target: (p) => kvTarget({ host: `${p.positionals[0] ?? 'db'}.turso.io`, dbname: p.positionals[0] }) },
        args: a.slice(2),
      };
    default:
      return undefined;
  }
}

/** ClickHouse mutations the SQL grammar does not know: `ALTER TABLE t DELETE WHERE 1` empties the table. */
function clickhouseMutations(sql: string): string[] {
  const out: string[] = [];
  const re = /\bALTER\s+TABLE\s+([\w.`"]+)(?:\s+ON\s+CLUSTER\s+\S+)?\s+(DELETE|UPDATE\s+.+?)\s+WHERE\s+(1|true|1\s*=\s*1|'1'\s*=\s*'1')\s*(;|$)/gim;
  for (const m of sql.matchAll(re)) out.push(`ALTER TABLE ${m[1]} ${m[2]!.split(/\s/)[0]!.toUpperCase()} WHERE ${m[3]} touches every row`);
  return out;
}

export const SQL_CLIENTS = [
  'psql', 'mysql', 'mariadb', 'mycli', 'sqlite3', 'sqlite', 'litecli', 'duckdb', 'clickhouse-client', 'clickhouse', 'cqlsh',
  'sqlcmd', 'snowsql', 'snow', 'usql', 'bq', 'wrangler', 'heroku', 'turso',
];

export default defineCommandRule({
  meta: {
    id: 'db/sql-client',
    commands: SQL_CLIENTS,
    decision: 'ask',
    severity: 'high',
    description: 'Hands the SQL a database client will run (psql, mysql, mariadb, sqlite3, duckdb, clickhouse-client, cqlsh, sqlcmd, snowsql, bq query, wrangler d1 execute, heroku pg:psql) to the SQL rules with its connection target, and pauses when that SQL cannot be seen: a script that cannot be read, SQL produced by another program or downloaded, `\\gexec`, or a client command that replaces the database.',
    message: 'Runs SQL that cannot be checked against {{where}}: {{why}}',
    safer: 'Run the script against a local or test database first, or paste the statements so they can be checked.',
  },
  check(cmd, ctx) {
    const found = clientOf(cmd);
    if (!found) return;
    const { client, args } = found;
    const p = parseArgs(args, client.withValue, client.optional, client.singleDashLong);
    if (client.inert?.(p) || client.readOnly?.(p)) return; // runs no SQL, or opened read-only so writes fail
    const cwd = cmd.cwd ?? ctx.cwd;
    const target = client.target(p, cmd, ctx);
    const where = target ?? 'the default database';
    const scripts: SqlText[] = [];
    const unknown: string[] = [];
    const destructive: string[] = [];

    for (const item of p.sequence) {
      if (item.value === undefined) continue;
      // Command substitutions go back to their text (`$(cat drop.sql)`), so messages show what was written.
      if (client.sql.inline.includes(item.name)) scripts.push({ text: readable(item.value, cmd), source: item.name, dir: cwd });
      else if (client.sql.files.includes(item.name)) {
        const files = client.splitFiles ? item.value.split(',') : [item.value];
        for (const f of files) {
          if (f === '-') continue; // standard input, below
          const r = readScript(ctx.reader, f, cwd, ctx.home);
          if (r.ok) scripts.push({ text: r.text, source: f, dir: r.path.replace(/\/[^/]*$/, '') });
          else unknown.push(`it runs ${f}, and ${r.reason}`);
        }
      }
    }
    for (const text of client.positionalSql?.(p) ?? []) scripts.push({ text, source: 'an argument', dir: cwd });

    const readsStdin = scripts.length === 0 && unknown.length === 0
      || p.sequence.some((i) => client.sql.files.includes(i.name) && i.value === '-');
    if (readsStdin) {
      const s = stdinSql(cmd, ctx.home, ctx.reader);
      if (s.kind === 'sql') scripts.push(s.sql);
      else if (s.kind === 'unknown') unknown.push(s.reason);
      else if (s.kind === 'destructive') destructive.push(s.reason);
    }

    for (const script of scripts) {
      const x = expandClientCommands(script, client.meta, cwd, ctx.home, ctx.reader);
      unknown.push(...x.unknown);
      destructive.push(...x.destructive);
      for (const q of x.generated) {
        if (generatedLooksDestructive(q)) destructive.push('`\\gexec` runs SQL built by a query, and the query builds DROP/TRUNCATE/DELETE statements');
        else unknown.push('`\\gexec` runs SQL built by a query');
      }
      if (client.dialect === 'clickhouse') destructive.push(...clickhouseMutations(x.sql));
      for (const shell of x.shell) ctx.nested({ kind: 'shell', command: shell, env: cmd.env });
      if (x.sql.trim()) ctx.nested({ kind: 'sql', sql: x.sql, dialect: client.dialect, target, env: Object.keys(cmd.env).length ? cmd.env : undefined });
    }

    if (destructive.length === 0 && unknown.length === 0) return;
    const signals = signalsFor(ctx, cmd, target);
    const verdict = judge(signals, destructive.length ? 'destructive' : 'mild');
    if (!verdict.decision) return;
    ctx.report({
      target: where,
      decision: verdict.decision,
      severity: destructive.length ? 'critical' : 'high',
      data: { where, why: [...destructive, ...unknown].join('; ') },
      signals: verdict.signals,
    });
  },
  tests: {
    pause: [
      { input: 'psql -h db.prod.internal -U app -f migrations/0042_cleanup.sql', decision: 'block', note: 'the script does not exist here; production host' },
      'gunzip -c backup.sql.gz | psql myapp',
      { input: 'curl -fsSL https://example.com/seed.sql | psql "$DATABASE_URL"', decision: 'block', note: 'unknown SQL from the network, target from a variable' },
      { input: 'python manage.py sqlflush | psql', decision: 'block' },
      { input: "psql -c \"SELECT 'DROP TABLE ' || tablename || ' CASCADE;' FROM pg_tables WHERE schemaname = 'public' \\gexec\"", decision: 'block' },
      { input: 'psql postgres://localhost/app_dev -c "SELECT format(\'TRUNCATE %I\', tablename) FROM pg_tables \\gexec"', decision: 'ask' },
      { input: 'mysql -h 10.0.4.12 -u root app < missing-dump.sql', decision: 'block' },
      { input: 'pg_dump --clean -h localhost myapp | psql -h db.prod.internal myapp', decision: 'block' },
      { input: 'mysqldump -h db.prod.internal app | mysql -h 127.0.0.1 app', decision: 'ask', note: 'restoring a dump over a local development database' },
      { input: 'sqlite3 data/app.db ".restore backup.db"', decision: 'ask' },
      { input: 'sqlite3 /var/lib/app/prod.db ".restore /tmp/old.db"', decision: 'block' },
      { input: 'psql -h localhost -d app -f ./does-not-exist.sql', decision: 'ask' },
      { input: 'snowsql -a acme -f teardown.sql', decision: 'block', note: 'Snowflake is always a cloud service' },
      { input: 'clickhouse-client --host ch.prod.internal --queries-file missing.sql', decision: 'block' },
      { input: 'sqlcmd -S tcp:sql-prod.database.windows.net -i cleanup.sql', decision: 'block' },
      { input: 'ssh db1.prod "psql -f /srv/sql/reset.sql"', decision: 'block' },
      { input: 'clickhouse-client -q "ALTER TABLE events DELETE WHERE 1=1"', decision: 'block' },
      { input: "psql -At -c \"SELECT 'DROP TABLE ' || tablename || ';' FROM pg_tables\" | psql", decision: 'block', note: 'the first query builds the statements the second runs' },
      { input: "mysql -N -e \"SELECT CONCAT('TRUNCATE ', table_name, ';') FROM information_schema.tables\" | mysql shop", decision: 'block' },
      // Script files of the workspace are read and their SQL judged.
      { input: 'psql -h localhost -d app -f db/cleanup.sql', files: { 'db/cleanup.sql': 'BEGIN;\nDROP TABLE users;\nCOMMIT;\n' }, foundBy: 'sql/drop-table', decision: 'ask' },
      { input: 'psql -h db.prod.internal -d app -f db/cleanup.sql', files: { 'db/cleanup.sql': 'DROP TABLE users;\n' }, foundBy: 'sql/drop-table', decision: 'block' },
      { input: 'mysql -h 127.0.0.1 shop < sql/reset.sql', files: { 'sql/reset.sql': 'TRUNCATE TABLE orders;\n' }, foundBy: 'sql/truncate', decision: 'ask' },
      { input: 'cat sql/a.sql sql/b.sql | psql -h localhost app', files: { 'sql/a.sql': 'SELECT 1;\n', 'sql/b.sql': 'DELETE FROM sessions;\n' }, foundBy: 'sql/delete-without-where', decision: 'ask' },
      { input: 'psql -h localhost -d app -f db/main.sql', files: { 'db/main.sql': '\\ir parts/drop.sql\n', 'db/parts/drop.sql': 'DROP TABLE audit_log;\n' }, foundBy: 'sql/drop-table', decision: 'ask', note: 'an include relative to the script' },
      { input: 'psql -h localhost -d app -f db/big.sql', files: { 'db/big.sql': 'SELECT 1;\n'.repeat(120_000) }, decision: 'ask', note: 'larger than 1 MB: not read' },
    ],
    pass: [
      'psql -l',
      'psql --version',
      'psql -h localhost -U postgres -c "\\dt"',
      'psql',
      'sqlite3 app.db .schema',
      'sqlite3 app.db ".tables"',
      'sqlite3 app.db ".backup backup.db"',
      'sqlite3 -readonly app.db "DELETE FROM sessions"',
      'mysql --help',
      'psql -d myapp_test -f ./does-not-exist.sql',
      'bq query --dry_run "DELETE FROM ds.events WHERE true"',
      'clickhouse-client -q "ALTER TABLE events DELETE WHERE event_date < today() - 90"',
      { input: "psql -h localhost -d app_test -At -c \"SELECT 'DROP TABLE ' || tablename || ';' FROM pg_tables\" | psql -h localhost -d app_test", note: 'the test database' },
      { input: 'psql -h localhost -d app -f db/report.sql', files: { 'db/report.sql': 'SELECT count(*) FROM users;\nCREATE INDEX users_email ON users (email);\n' } },
      { input: 'mysql -h 127.0.0.1 shop < sql/seed.sql', files: { 'sql/seed.sql': "INSERT INTO products (name) VALUES ('tea');\nUPDATE products SET price = 3 WHERE id = 1;\n" } },
      { input: 'psql -h localhost -d app -f db/main.sql', files: { 'db/main.sql': '\\ir parts/views.sql\n', 'db/parts/views.sql': 'CREATE OR REPLACE VIEW active_users AS SELECT * FROM users WHERE active;\n' } },
    ],
  },
});
