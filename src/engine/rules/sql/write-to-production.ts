import { defineSqlRule } from '../../rule';
import { readStatementTarget } from '../../sql/risk';

/** Statements that change data, schema or permissions. Reads, plans, session settings and transactions do not. */
const WRITES = /^(INSERT|UPSERT|UPDATE|DELETE|MERGE|REPLACE|CREATE|ALTER|DROP|TRUNCATE|GRANT|REVOKE|DENY|RENAME|COPY|CALL|EXEC|EXECUTE|DO|LOAD|IMPORT|COMMENT|REFRESH|REINDEX|CLUSTER|VACUUM|UNDROP|REASSIGN)\b/;

export default defineSqlRule({
  meta: {
    id: 'sql/write-to-production',
    decision: 'ask',
    severity: 'medium',
    description: 'Any statement that changes data, schema or permissions on a database with a production signal (prod host or name, managed cloud database, NODE_ENV=production, sslmode=require). Reads stay allowed.',
    message: '{{verb}} changes a production database',
    safer: 'Run it against a development or staging copy first, or through a reviewed migration.',
  },
  check(stmt, ctx) {
    if (!WRITES.test(stmt.verb)) return;
    if (stmt.verb === 'COPY' && !/ FROM /.test(stmt.normalized)) return; // COPY … TO only reads
    const where = readStatementTarget(stmt, ctx);
    if (where.kind !== 'production') return;
    ctx.report({ target: stmt.objects[0], data: { verb: stmt.verb }, signals: where.signals });
  },
  tests: {
    pause: [
      { input: { kind: 'sql', sql: "INSERT INTO audit (msg) VALUES ('x')", target: 'postgres://app@db.prod.example.com:5432/app' } },
      { input: { kind: 'sql', sql: 'UPDATE users SET plan = 2 WHERE id = 7', target: 'app-db.cluster-xyz.eu-west-1.rds.amazonaws.com' } },
      { input: { kind: 'sql', sql: 'CREATE INDEX idx_a ON t (a)', target: 'postgresql://u@ep-x.neon.tech/main?sslmode=require' } },
      { input: { kind: 'sql', sql: 'DELETE FROM sessions WHERE id = 1', env: { NODE_ENV: 'production' } } },
      { input: { kind: 'sql', sql: 'ALTER TABLE users ADD COLUMN age int', target: 'mysql://root@shop-primary.internal/shop', dialect: 'mysql' } },
      { input: { kind: 'sql', sql: 'USE shop_production; INSERT INTO t VALUES (1);', dialect: 'mysql' } },
    ],
    pass: [
      { input: { kind: 'sql', sql: 'SELECT * FROM users WHERE id = 7', target: 'postgres://app@db.prod.example.com/app' } },
      { input: { kind: 'sql', sql: 'EXPLAIN SELECT 1', target: 'postgres://app@db.prod.example.com/app' } },
      { input: { kind: 'sql', sql: 'SHOW TABLES', target: 'mysql://root@shop-primary.internal/shop', dialect: 'mysql' } },
      { input: { kind: 'sql', sql: "INSERT INTO audit (msg) VALUES ('x')", target: 'postgres://localhost/app' } },
      "INSERT INTO audit (msg) VALUES ('x')",
      { input: { kind: 'sql', sql: 'CREATE TABLE t (id int)', target: 'postgres://10.1.2.3/app' }, note: 'a remote host alone is not a production signal for ordinary writes' },
    ],
  },
});
