import { defineSqlRule } from '../../rule';
import { findTop } from '../../sql/shape';
import { isScratchTable, reportRisk } from '../../sql/risk';

/** Columns whose blanket overwrite is worse than most: credentials, identity, roles, money. */
const SENSITIVE = /^(password\w*|passwd|pass_hash|hashed_password|encrypted_password|email\w*|role\w*|is_admin|admin|is_superuser|balance\w*|amount|price|status|owner_id|user_id|tenant_id|api_key\w*|token\w*)$/i;

export default defineSqlRule({
  meta: {
    id: 'sql/update-without-where',
    decision: 'block',
    severity: 'high',
    description: 'UPDATE with no WHERE clause, or with one that is always true, overwrites a column in every row; the old values are gone.',
    message: 'UPDATE overwrites every row of {{target}} ({{why}})',
    safer: 'Add a WHERE clause that names the rows (`WHERE id = …`), and check the count with a SELECT first.',
  },
  check(stmt, ctx) {
    if (stmt.verb !== 'UPDATE' || !stmt.rows || stmt.rows.scope === 'restricted') return;
    const name = stmt.objects[0] ?? 'the table';
    if (isScratchTable(stmt, name)) return;
    const signals: string[] = [];
    const set = findTop(stmt.tokens, 1, 'SET');
    const columns = stmt.tokens.slice(set + 1).filter((t, k, all) => all[k + 1]?.raw === '=' && (t.type === 'word' || t.type === 'ident'));
    const sensitive = columns.map((c) => c.value).filter((c) => SENSITIVE.test(c));
    if (sensitive.length) signals.push(`overwrites ${sensitive.join(', ')} for everyone`);
    reportRisk(stmt, ctx, 'block', { target: name, data: { why: stmt.rows.reason }, message: 'UPDATE overwrites every row of {{target}} ({{why}})', signals });
  },
  tests: {
    pause: [
      'UPDATE users SET is_admin = true',
      'UPDATE users SET password = \'x\';',
      'update accounts set balance = 0',
      'UPDATE users SET email = NULL WHERE 1=1',
      'UPDATE users SET role = \'admin\' WHERE true',
      'UPDATE users SET active = 0 WHERE id = id',
      'UPDATE users SET active = 0 WHERE name = \'bob\' OR 1=1',
      'UPDATE users SET active = 0 WHERE NOT false',
      'UPDATE users SET plan = \'free\' FROM plans p',
      { input: { kind: 'sql', sql: 'UPDATE `users` SET `status` = 0', dialect: 'mysql' } },
      { input: { kind: 'sql', sql: 'UPDATE users SET status = 0 LIMIT 10', dialect: 'mysql' } },
      { input: { kind: 'sql', sql: 'UPDATE users SET verified = 1', dialect: 'sqlite' } },
      { input: { kind: 'sql', sql: 'UPDATE dbo.Users SET IsActive = 0', dialect: 'mssql' } },
      'WITH x AS (UPDATE users SET plan = \'free\' RETURNING id) SELECT count(*) FROM x',
      { input: { kind: 'sql', sql: 'UPDATE users SET plan = 1', target: 'postgres://127.0.0.1/shop' }, decision: 'ask' },
    ],
    pass: [
      'UPDATE users SET is_admin = true WHERE id = 7',
      'UPDATE users SET name = ? WHERE id = ?',
      'UPDATE users SET plan = $1 WHERE tenant_id = $2 AND id = $3',
      'UPDATE users SET active = 0 WHERE 1=1 AND id = 3',
      'UPDATE orders o SET status = \'shipped\' FROM shipments s WHERE s.order_id = o.id',
      { input: { kind: 'sql', sql: 'UPDATE users u JOIN bans b ON b.user_id = u.id SET u.active = 0', dialect: 'mysql' } },
      { input: { kind: 'sql', sql: "UPDATE users SET last_seen = datetime('now') WHERE id = 5", dialect: 'sqlite' } },
      'UPDATE tmp_users SET flag = 1',
      "SELECT 'UPDATE users SET x = 1'",
      { input: { kind: 'sql', sql: 'UPDATE users SET plan = 1', target: 'postgres://localhost/app_test' } },
    ],
  },
});
