import { defineSqlRule } from '../../rule';
import { reportRisk } from '../../sql/risk';

const WRITES = /^(DELETE|UPDATE|INSERT|INSERT OVERWRITE|INSERT OR REPLACE|UPSERT|MERGE|REPLACE|REPLACE INTO|CREATE TABLE|CREATE MATERIALIZED VIEW|REFRESH|SELECT INTO)$/;

export default defineSqlRule({
  meta: {
    id: 'sql/explain-analyze-write',
    decision: 'block',
    severity: 'high',
    description: 'EXPLAIN ANALYZE runs the statement to time it, so EXPLAIN ANALYZE DELETE/UPDATE/INSERT really changes data. Plain EXPLAIN only plans.',
    message: 'EXPLAIN ANALYZE really runs this {{verb}} on {{target}}',
    safer: 'Use plain EXPLAIN, or wrap it: BEGIN; EXPLAIN ANALYZE …; ROLLBACK;',
  },
  check(stmt, ctx) {
    if (stmt.via !== 'EXPLAIN ANALYZE' || !WRITES.test(stmt.verb)) return;
    reportRisk(stmt, ctx, 'block', { target: stmt.objects[0] ?? '?', data: { verb: stmt.verb }, message: 'EXPLAIN ANALYZE really runs this {{verb}} on {{target}}' });
  },
  tests: {
    pause: [
      'EXPLAIN ANALYZE DELETE FROM users WHERE id = 1',
      'EXPLAIN ANALYZE UPDATE users SET plan = 1 WHERE id = 2',
      "EXPLAIN ANALYZE INSERT INTO events (name) VALUES ('x')",
      'EXPLAIN (ANALYZE, BUFFERS) DELETE FROM sessions WHERE expires_at < now()',
      'EXPLAIN (FORMAT JSON, ANALYZE true) UPDATE accounts SET balance = balance - 1 WHERE id = 3',
      'explain analyse delete from users where id = 1',
      'EXPLAIN ANALYZE VERBOSE DELETE FROM logs WHERE id < 100',
      { input: { kind: 'sql', sql: 'EXPLAIN ANALYZE DELETE FROM users WHERE id = 1', target: 'postgres://localhost/shop' }, decision: 'ask' },
    ],
    pass: [
      'EXPLAIN DELETE FROM users WHERE id = 1',
      'EXPLAIN UPDATE users SET plan = 1',
      'EXPLAIN ANALYZE SELECT * FROM users WHERE id = 1',
      'EXPLAIN (ANALYZE false) DELETE FROM users WHERE id = 1',
      'EXPLAIN (ANALYZE off, COSTS) UPDATE users SET a = 1',
      { input: { kind: 'sql', sql: 'EXPLAIN FORMAT=TREE SELECT * FROM users', dialect: 'mysql' } },
      { input: { kind: 'sql', sql: 'EXPLAIN QUERY PLAN DELETE FROM users WHERE id = 1', dialect: 'sqlite' } },
      'ANALYZE users',
      { input: { kind: 'sql', sql: 'EXPLAIN ANALYZE DELETE FROM users WHERE id = 1', target: 'postgres://localhost/app_test' } },
    ],
  },
});
