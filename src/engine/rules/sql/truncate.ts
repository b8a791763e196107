import { defineSqlRule } from '../../rule';
import { isScratchTable, reportRisk } from '../../sql/risk';

export default defineSqlRule({
  meta: {
    id: 'sql/truncate',
    decision: 'block',
    severity: 'high',
    description: 'TRUNCATE empties a table without logging rows, so they cannot be recovered one by one; CASCADE empties every referencing table too.',
    message: 'TRUNCATE empties {{target}}',
    safer: 'Copy the rows aside first (`CREATE TABLE t_backup AS TABLE t`), or delete a bounded set with a WHERE clause.',
  },
  check(stmt, ctx) {
    if (stmt.verb !== 'TRUNCATE') return;
    const names = stmt.objects.length ? stmt.objects : ['an unnamed table'];
    for (const name of names) {
      if (isScratchTable(stmt, name)) continue;
      const signals: string[] = [];
      if (stmt.options.includes('cascade')) signals.push('CASCADE empties every table that references it');
      reportRisk(stmt, ctx, 'block', { target: name, message: 'TRUNCATE empties {{target}}', signals });
    }
  },
  tests: {
    pause: [
      'TRUNCATE users',
      'TRUNCATE TABLE users;',
      'TRUNCATE TABLE users RESTART IDENTITY CASCADE',
      'TRUNCATE orders, order_items',
      'truncate table public.events',
      { input: { kind: 'sql', sql: 'TRUNCATE TABLE `audit_log`', dialect: 'mysql' } },
      { input: { kind: 'sql', sql: 'TRUNCATE TABLE dbo.Orders', dialect: 'mssql' } },
      { input: { kind: 'sql', sql: 'TRUNCATE TABLE IF EXISTS raw.events', dialect: 'snowflake' } },
      'BEGIN; TRUNCATE sessions; COMMIT;',
      "DO $$ BEGIN EXECUTE format('TRUNCATE TABLE %I CASCADE', 'users'); END $$",
      { input: { kind: 'sql', sql: 'TRUNCATE users', target: 'postgresql://localhost/shop' }, decision: 'ask' },
      { input: { kind: 'sql', sql: 'TRUNCATE users', target: 'postgres://u@ep-cool-fog-123.us-east-2.aws.neon.tech/neondb' } },
    ],
    pass: [
      'TRUNCATE tmp_import',
      'TRUNCATE TABLE temp_sessions',
      'CREATE TEMPORARY TABLE scratch (id int); TRUNCATE scratch;',
      "SELECT 'TRUNCATE users'",
      'SELECT count(*) FROM users',
      { input: { kind: 'sql', sql: 'TRUNCATE users', target: 'postgres://postgres@localhost:5432/app_test' } },
      { input: { kind: 'sql', sql: 'TRUNCATE TABLE users', target: 'mysql://root@127.0.0.1/shop_ci', dialect: 'mysql' } },
    ],
  },
});
