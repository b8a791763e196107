/**
 * SQL reaching a database from the shell, end to end: the client rule extracts the SQL and its connection target, the
 * SQL rules judge it against that target (issue 3 done-when), and unknown SQL pauses.
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { evaluate } from '../../src/engine/evaluate';
import type { Decision, Verdict } from '../../src/engine/types';
import { analyzeSql } from '../../src/engine/sql/analyze';
import { memoryReader, nodeReader, type WorkspaceReader } from '../../src/engine/context/workspace';
import { runCheck } from '../../src/cli/check';
import { TEST_HOME, TEST_WORKSPACE } from '../helpers/rule-cases';

/** The SQL analysis is another engineer's; until it lands every SQL statement is unknown. */
const sqlReady = analyzeSql('SELECT 1').unknowns.length === 0;
const needsSql = { skip: sqlReady ? false : 'SQL analysis not available yet' };

function run(command: string, cwd = TEST_WORKSPACE, env: Record<string, string> = {}, reader: WorkspaceReader = memoryReader({})): Verdict {
  return evaluate({ kind: 'shell', command, cwd }, { env, home: TEST_HOME, workspaceRoot: cwd, reader });
}

function expect(command: string, decision: Decision, cwd?: string, reader?: WorkspaceReader): void {
  const v = run(command, cwd, {}, reader);
  assert.equal(v.decision, decision, `${command}\n  → ${v.decision}: ${v.reason}`);
}

describe('done-when (issue 3)', () => {
  it('psql to a production URL deleting every row is blocked, with the signal', needsSql, () => {
    const v = run("psql 'postgres://app:pw@db.prod.internal:5432/app' -c 'DELETE FROM users'");
    assert.equal(v.decision, 'block');
    assert.ok(v.findings.some((f) => f.decision === 'block' && f.signals?.some((s) => s.includes('db.prod.internal'))), JSON.stringify(v.findings));
  });
  it('psql to a local test database deleting one row is allowed', needsSql, () => {
    expect("psql postgres://localhost/app_test -c 'DELETE FROM users WHERE id = 42'", 'allow');
  });
  it('the same statement: allow on a local test database, ask on a development one, block on production', needsSql, () => {
    expect("psql postgres://localhost/app_test -c 'DELETE FROM users'", 'allow');
    expect("psql postgres://localhost/app_dev -c 'DELETE FROM users'", 'ask');
    expect("psql postgres://app@db.prod.internal/app -c 'DELETE FROM users'", 'block');
  });
  it('through the CLI: exit codes 3 and 0', needsSql, async () => {
    const code = async (command: string): Promise<number> => {
      const out = new PassThrough();
      out.resume();
      return runCheck({ cwd: TEST_WORKSPACE, json: true, batch: false, trustRules: false, command } as never, { stdin: new PassThrough(), stdout: out, stderr: out, env: {} }, () => ({ env: {}, home: TEST_HOME, workspaceRoot: TEST_WORKSPACE }));
    };
    assert.equal(await code("psql 'postgres://app:pw@db.prod.internal:5432/app' -c 'DELETE FROM users'"), 3);
    assert.equal(await code("psql postgres://localhost/app_test -c 'DELETE FROM users WHERE id = 42'"), 0);
  });
});

describe('SQL extraction from database clients', () => {
  const destructive: string[] = [
    'psql -c "DROP TABLE users"',
    'psql -h db.internal -d app -c "TRUNCATE orders"',
    'psql -Atc "DROP TABLE users"',
    'psql app <<SQL\nDROP TABLE x;\nSQL',
    'echo "DELETE FROM users" | psql app',
    "printf 'DROP TABLE a;\\nDROP TABLE b;\\n' | psql app",
    'cat <<EOF | psql app\nTRUNCATE users;\nEOF',
    'mysql -e "DROP DATABASE shop"',
    'mysql --execute="DELETE FROM orders" shop',
    'mysql shop <<EOF\nDROP TABLE users;\nEOF',
    'mariadb -e "TRUNCATE TABLE carts"',
    'sqlite3 prod.db "DROP TABLE orders"',
    "sqlite3 app.db 'DELETE FROM users' '.tables'",
    'duckdb -c "DROP TABLE events" warehouse.duckdb',
    'clickhouse-client --query "DROP DATABASE analytics"',
    'clickhouse client -q "TRUNCATE TABLE events"',
    'cqlsh -e "DROP KEYSPACE app"',
    'sqlcmd -Q "DROP TABLE dbo.Users"',
    'snowsql -q "DROP TABLE sales"',
    'snow sql -q "TRUNCATE TABLE sales"',
    'bq query --nouse_legacy_sql "DELETE FROM ds.events WHERE true"',
    'usql postgres://db.internal/app -c "DROP TABLE users"',
    'heroku pg:psql -a shop -c "DELETE FROM users"',
    'wrangler d1 execute shop --remote --command "DROP TABLE users"',
    'docker compose exec -T db psql -U postgres -c "DROP TABLE users"',
    'npx prisma db execute --stdin <<SQL\nDROP TABLE users;\nSQL',
    'npx typeorm query "DROP TABLE users"',
    'echo "DROP TABLE auth_user;" | python manage.py dbshell',
    'node -e "prisma.$executeRawUnsafe(\'DROP TABLE users\')"',
    'python3 -c "import sqlite3; sqlite3.connect(\'prod.db\').execute(\'DELETE FROM users\')"',
  ];
  for (const c of destructive) it(`pauses: ${c.replace(/\n/g, '⏎')}`, needsSql, () => assert.notEqual(run(c).decision, 'allow', run(c).reason));

  const harmless: string[] = [
    'psql -c "SELECT 1"',
    'psql -c "\\dt"',
    'psql -l',
    'psql -d app -c "\\d+ users" -c "SELECT count(*) FROM users"',
    'psql app <<SQL\nSELECT * FROM users LIMIT 5;\nSQL',
    'echo "SELECT 1" | psql',
    'mysql -e "SHOW TABLES" shop',
    'sqlite3 app.db .schema',
    'sqlite3 app.db ".tables" ".indexes"',
    'sqlite3 :memory: "CREATE TABLE t(x); DROP TABLE t;"',
    'duckdb -c "SELECT 42"',
    'cqlsh -e "DESCRIBE KEYSPACES"',
    'bq query "SELECT 1"',
    'npx typeorm query "SELECT 1"',
  ];
  for (const c of harmless) it(`allows: ${c.replace(/\n/g, '⏎')}`, needsSql, () => expect(c, 'allow'));

  it('reads a -f script from disk relative to the working folder', needsSql, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'br-db-'));
    try {
      fs.writeFileSync(path.join(dir, 'drop.sql'), 'DROP TABLE users;\n');
      fs.writeFileSync(path.join(dir, 'read.sql'), 'SELECT * FROM users;\n');
      fs.mkdirSync(path.join(dir, 'sql'));
      fs.writeFileSync(path.join(dir, 'sql', 'main.sql'), '\\ir inner.sql\n');
      fs.writeFileSync(path.join(dir, 'sql', 'inner.sql'), 'TRUNCATE orders;\n');
      fs.writeFileSync(path.join(dir, 'big.sql'), `SELECT 1;\n${'-- pad\n'.repeat(200_000)}`);
      expect('psql -d app -f drop.sql', 'block', dir, nodeReader);
      expect('psql -d app -f read.sql', 'allow', dir, nodeReader);
      expect('psql -d app_test -f drop.sql', 'allow', dir, nodeReader);
      expect('psql -d app < drop.sql', 'block', dir, nodeReader);
      expect('cat drop.sql | psql app', 'block', dir, nodeReader);
      expect('psql -d app -f sql/main.sql', 'block', dir, nodeReader);
      expect('sqlite3 app.db ".read drop.sql"', 'ask', dir, nodeReader);
      expect('mysql shop -e "source drop.sql"', 'block', dir, nodeReader);
      expect('psql -h localhost -d app -f big.sql', 'ask', dir, nodeReader); // over 1 MB: not read, so unknown
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('passes client shell escapes to the shell rules', () => {
    const v = run('psql -c "\\! rm -rf /"');
    assert.ok(v.findings.some((f) => f.ruleId === 'fs/rm-recursive'), JSON.stringify(v.findings));
    const w = run('sqlite3 app.db ".shell rm -rf ~"');
    assert.ok(w.findings.some((f) => f.ruleId === 'fs/rm-recursive'), JSON.stringify(w.findings));
  });

  it('connection targets come from flags, URLs, env prefixes and ssh hosts', needsSql, () => {
    expect('psql -h localhost -d app_dev -c "TRUNCATE users"', 'ask');
    expect('PGHOST=localhost PGDATABASE=app_test psql -c "TRUNCATE users"', 'allow');
    expect('PGHOST=db.prod.internal psql -c "TRUNCATE users"', 'block');
    expect('mysql -h 127.0.0.1 shop_test -e "TRUNCATE carts"', 'allow');
    expect('sqlite3 /tmp/scratch.db "DELETE FROM t"', 'allow');
    expect('ssh db1.example.com psql -c "TRUNCATE users"', 'block');
  });
});

describe('package scripts and env-file runners', () => {
  it('follows npm scripts into the database tools they run', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'br-pkg-'));
    try {
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ scripts: { 'db:reset': 'prisma migrate reset --force', 'db:migrate': 'prisma migrate deploy', build: 'tsc' } }));
      fs.writeFileSync(path.join(dir, '.env.production'), 'DATABASE_URL=postgres://app@db.prod.internal/app\n');
      fs.writeFileSync(path.join(dir, '.env.test'), 'DATABASE_URL=postgres://localhost/app_test\n');
      const v = run('npm run db:reset', dir, {}, nodeReader);
      assert.ok(v.findings.some((f) => f.ruleId === 'orm/prisma' && f.decision === 'block'), JSON.stringify(v.findings));
      expect('npm run db:migrate', 'allow', dir, nodeReader);
      expect('npm run build', 'allow', dir, nodeReader);
      expect('pnpm prisma migrate reset --force', 'block', dir, nodeReader);
      const prod = run('dotenv -e .env.production -- npx prisma migrate reset --force', dir, {}, nodeReader);
      assert.equal(prod.decision, 'block');
      assert.ok(prod.findings.some((f) => f.signals?.some((s) => s.includes('db.prod.internal'))), JSON.stringify(prod.findings));
      expect('dotenv -e .env.test -- npx prisma migrate reset --force', 'allow', dir, nodeReader);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('knex seeds', () => {
  it('pauses seed:run when the seed files empty their tables', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'br-knex-'));
    try {
      fs.mkdirSync(path.join(dir, 'seeds'));
      fs.writeFileSync(path.join(dir, 'seeds', '01_users.js'), "exports.seed = async (knex) => { await knex('users').insert([{ id: 1 }]); };\n");
      expect('npx knex seed:run', 'allow', dir, nodeReader);
      fs.writeFileSync(path.join(dir, 'seeds', '02_orders.js'), "exports.seed = async (knex) => { await knex('orders').del(); await knex('orders').insert([]); };\n");
      const v = run('npx knex seed:run', dir, { DATABASE_URL: 'postgres://localhost/shop' }, nodeReader);
      assert.equal(v.decision, 'ask', v.reason);
      expect('npx knex seed:run --specific=01_users.js', 'allow', dir, nodeReader);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
