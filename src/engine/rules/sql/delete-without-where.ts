import { defineSqlRule } from '../../rule';
import { isScratchTable, reportRisk } from '../../sql/risk';

export default defineSqlRule({
  meta: {
    id: 'sql/delete-without-where',
    decision: 'block',
    severity: 'high',
    description: 'DELETE with no WHERE clause, or with one that is always true (`1=1`, `true`, `x = x`, `… OR 1=1`), deletes every row. A JOIN condition or a real predicate is a restriction.',
    message: 'DELETE removes every row of {{target}} ({{why}})',
    safer: 'Add a WHERE clause that names the rows (`WHERE id = …`), and run the same predicate as a SELECT count(*) first.',
  },
  check(stmt, ctx) {
    if (stmt.verb !== 'DELETE' || !stmt.rows || stmt.rows.scope === 'restricted') return;
    for (const name of stmt.objects.length ? stmt.objects : ['the table']) {
      if (isScratchTable(stmt, name)) continue;
      reportRisk(stmt, ctx, 'block', { target: name, data: { why: stmt.rows.reason }, message: 'DELETE removes every row of {{target}} ({{why}})' });
    }
  },
  tests: {
    pause: [
      'DELETE FROM users',
      'DELETE FROM users;',
      'delete from "Users"',
      'DELETE FROM users WHERE 1=1',
      'DELETE FROM users WHERE true',
      'DELETE FROM users WHERE 1',
      "DELETE FROM users WHERE 'a'='a'",
      'DELETE FROM users WHERE id = id',
      'DELETE FROM users WHERE email = \'x@y.z\' OR 1=1',
      'DELETE FROM users WHERE NOT false',
      'DELETE FROM users WHERE 2>1',
      'DELETE FROM users WHERE (1 = 1)',
      'DELETE FROM users WHERE id IS NOT NULL',
      "DELETE FROM users WHERE email LIKE '%'",
      'DELETE FROM users WHERE 1 IN (1)',
      'DELETE FROM users -- WHERE id = 5',
      'DELETE FROM users /* WHERE id = 5 */',
      'DELETE FROM users RETURNING *',
      { input: { kind: 'sql', sql: 'DELETE FROM users LIMIT 1000', dialect: 'mysql' } },
      { input: { kind: 'sql', sql: 'DELETE t FROM t', dialect: 'mysql' } },
      { input: { kind: 'sql', sql: 'DELETE FROM users', dialect: 'sqlite' } },
      { input: { kind: 'sql', sql: 'DELETE FROM users', dialect: 'snowflake' }, note: 'snowflake grammar cannot parse DELETE (P3)' },
      { input: { kind: 'sql', sql: 'DELETE dbo.Users', dialect: 'mssql' }, note: 'transactsql returns a shapeless AST (P1)' },
      { input: { kind: 'sql', sql: "EXEC sp_MSforeachtable 'DELETE FROM ?'", dialect: 'sqlserver' } },
      'BEGIN;\nDELETE FROM orders;\nCOMMIT;',
      'WITH gone AS (DELETE FROM sessions RETURNING id) SELECT count(*) FROM gone',
      'SELECT 1;\n\n  DELETE FROM audit_log;',
      "DO $$ BEGIN DELETE FROM users; END $$;",
      { input: { kind: 'sql', sql: 'DELETE FROM users', target: 'postgres://localhost/shop_development' }, decision: 'ask' },
      { input: { kind: 'sql', sql: 'DELETE FROM users WHERE id = id', target: 'mysql://admin@shop-primary.internal/shop' } },
    ],
    pass: [
      'DELETE FROM users WHERE id = 42',
      'DELETE FROM users WHERE id = $1',
      'DELETE FROM users WHERE id = ?',
      'DELETE FROM users WHERE 1=1 AND id = 7',
      "DELETE FROM sessions WHERE created_at < now() - interval '30 days'",
      'DELETE FROM users WHERE tenant_id = $1 AND id = $2',
      'DELETE FROM users WHERE id IN (SELECT user_id FROM bans)',
      'DELETE FROM users WHERE deleted_at IS NOT NULL',
      "DELETE FROM users WHERE email LIKE '%@example.com'",
      'DELETE FROM users WHERE 1 IN (2, 3)',
      'DELETE FROM sessions WHERE id = 5; -- cleanup',
      'DELETE FROM users u USING bans b WHERE b.user_id = u.id',
      { input: { kind: 'sql', sql: 'DELETE u FROM users u JOIN bans b ON b.user_id = u.id', dialect: 'mysql' }, note: 'restricted by the join (P10)' },
      { input: { kind: 'sql', sql: 'DELETE FROM logs WHERE created_at < NOW() - INTERVAL 30 DAY LIMIT 1000', dialect: 'mysql' } },
      { input: { kind: 'sql', sql: "DELETE FROM events WHERE ts < date('now', '-7 days')", dialect: 'sqlite' } },
      'WITH old AS (SELECT id FROM users WHERE last_login < now() - interval \'2 years\') DELETE FROM users WHERE id IN (SELECT id FROM old)',
      'DELETE FROM tmp_import',
      'EXPLAIN DELETE FROM users',
      "SELECT 'DELETE FROM users'",
      { input: { kind: 'sql', sql: 'DELETE FROM users', target: 'postgres://localhost/app_test' } },
      { input: { kind: 'sql', sql: 'DELETE FROM users', target: 'file:./test.db', dialect: 'sqlite' } },
    ],
  },
});
