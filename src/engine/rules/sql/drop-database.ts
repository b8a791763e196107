import { defineSqlRule } from '../../rule';
import { isProductionName, isTestName, readStatementTarget, reportRisk } from '../../sql/risk';

const KINDS = new Set(['DROP DATABASE', 'DROP SCHEMA', 'DROP OWNED BY', 'DROP KEYSPACE', 'DROP CATALOG']);

export default defineSqlRule({
  meta: {
    id: 'sql/drop-database',
    decision: 'block',
    severity: 'critical',
    description: 'DROP DATABASE, DROP SCHEMA and DROP OWNED BY delete every table, row and object inside, at once and for good.',
    message: 'Deletes database {{target}} and everything in it',
    safer: 'Take a dump first (`pg_dump -Fc`, `mysqldump`), and drop only an explicit test database (`*_test`).',
  },
  check(stmt, ctx) {
    if (!KINDS.has(stmt.verb)) return;
    const names = stmt.objects.length ? stmt.objects : ['an unnamed database'];
    const production = readStatementTarget(stmt, ctx).kind === 'production';
    for (const name of names) {
      if (isTestName(name) && !production) continue;
      const signals: string[] = [];
      if (isProductionName(name)) signals.push(`${name} looks like production`);
      if (stmt.options.includes('cascade')) signals.push('CASCADE drops every dependent object too');
      reportRisk(stmt, ctx, 'block', { target: name, message: `${stmt.verb} deletes ${name} and everything in it`, signals });
    }
  },
  tests: {
    pause: [
      'DROP DATABASE prod',
      'DROP DATABASE IF EXISTS myapp',
      { input: { kind: 'sql', sql: 'DROP DATABASE `shop`;', dialect: 'mysql' } },
      { input: { kind: 'sql', sql: 'DROP SCHEMA public CASCADE;', dialect: 'postgres' } },
      'DROP SCHEMA IF EXISTS billing',
      'DROP OWNED BY app_user',
      { input: { kind: 'sql', sql: 'DROP DATABASE analytics', dialect: 'snowflake' } },
      '-- reset everything\nDROP SCHEMA public CASCADE;\nCREATE SCHEMA public;',
      { input: { kind: 'sql', sql: 'DROP DATABASE app_test', target: 'postgres://admin@db.prod.example.com/app_test' }, note: 'production host wins over a test-looking name' },
      { input: { kind: 'sql', sql: 'DROP DATABASE myapp_dev', target: 'postgres://localhost:5432/postgres' }, decision: 'ask', note: 'local development database' },
      { input: { kind: 'sql', sql: 'DROP DATABASE shop', target: 'mysql://root@10.0.3.7:3306' }, note: 'remote host counts as production' },
    ],
    pass: [
      'DROP DATABASE IF EXISTS myapp_test',
      { input: { kind: 'sql', sql: 'DROP DATABASE IF EXISTS `ci_test`', dialect: 'mysql' } },
      'CREATE SCHEMA billing',
      'CREATE DATABASE myapp',
      'SELECT datname FROM pg_database',
      "SELECT 'DROP DATABASE prod'",
      '-- DROP DATABASE prod\nSELECT 1',
      { input: { kind: 'sql', sql: 'DROP SCHEMA reporting CASCADE', target: 'postgres://localhost/app_test' } },
      { input: { kind: 'sql', sql: 'DROP DATABASE scratch', env: { RAILS_ENV: 'test' } } },
    ],
  },
});
