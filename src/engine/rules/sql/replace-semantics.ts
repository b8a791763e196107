import { defineSqlRule } from '../../rule';
import { findTop } from '../../sql/shape';
import { isScratchTable, reportRisk } from '../../sql/risk';

/** Objects whose OR REPLACE throws data away (a view or function only swaps a definition). */
const DATA_KINDS = /^CREATE OR REPLACE (TABLE|DATABASE|SCHEMA|STAGE|DYNAMIC TABLE|ICEBERG TABLE|HYBRID TABLE|MATERIALIZED VIEW)$/;

export default defineSqlRule({
  meta: {
    id: 'sql/replace-semantics',
    decision: 'block',
    severity: 'high',
    description: 'Statements that silently replace existing data: CREATE OR REPLACE TABLE/DATABASE/SCHEMA, INSERT OVERWRITE, MERGE … THEN DELETE, and REPLACE INTO (which deletes each conflicting row, cascading, before inserting).',
    message: '{{what}} replaces the existing contents of {{target}}',
    safer: 'Use CREATE TABLE IF NOT EXISTS or an INSERT … ON CONFLICT upsert, and back the table up (or clone it) first.',
  },
  check(stmt, ctx) {
    const name = stmt.objects[0] ?? '?';
    if (DATA_KINDS.test(stmt.verb)) {
      if (isScratchTable(stmt, name)) return;
      reportRisk(stmt, ctx, 'block', { target: name, data: { what: stmt.verb }, message: '{{what}} replaces {{target}} and everything in it' });
    } else if (stmt.verb === 'INSERT OVERWRITE') {
      reportRisk(stmt, ctx, 'block', { target: name, data: { what: 'INSERT OVERWRITE' }, message: 'INSERT OVERWRITE deletes the existing rows of {{target}} first' });
    } else if (stmt.verb === 'MERGE' && /\bTHEN DELETE\b/.test(stmt.normalized)) {
      reportRisk(stmt, ctx, 'block', { target: name, data: { what: 'MERGE' }, message: 'MERGE deletes rows of {{target}} (WHEN … THEN DELETE)' });
    } else if (stmt.verb === 'REPLACE INTO' || stmt.verb === 'INSERT OR REPLACE' || stmt.verb === 'REPLACE') {
      if (isScratchTable(stmt, name)) return;
      // A REPLACE fed by a SELECT rewrites rows in bulk; one with VALUES touches the listed keys only.
      const bulk = findTop(stmt.tokens, 1, 'SELECT', 'TABLE') > 0;
      reportRisk(stmt, ctx, bulk ? 'block' : 'ask', {
        target: name,
        data: { what: stmt.verb },
        message: bulk ? '{{what}} … SELECT deletes and re-inserts matching rows of {{target}} in bulk' : '{{what}} deletes each conflicting row of {{target}} (and what cascades from it) before inserting',
      });
    }
  },
  tests: {
    pause: [
      { input: { kind: 'sql', sql: 'CREATE OR REPLACE TABLE users AS SELECT 1 AS id', dialect: 'snowflake' } },
      'CREATE OR REPLACE TABLE analytics.events (id int, ts timestamp)',
      { input: { kind: 'sql', sql: 'CREATE OR REPLACE TRANSIENT TABLE raw.orders CLONE raw.orders_v2', dialect: 'snowflake' } },
      { input: { kind: 'sql', sql: 'CREATE OR REPLACE DATABASE analytics', dialect: 'snowflake' } },
      { input: { kind: 'sql', sql: 'CREATE OR REPLACE SCHEMA marts', dialect: 'snowflake' } },
      { input: { kind: 'sql', sql: 'INSERT OVERWRITE TABLE sales SELECT * FROM staging_sales', dialect: 'hive' } },
      { input: { kind: 'sql', sql: 'INSERT OVERWRITE INTO sales SELECT * FROM staging_sales', dialect: 'snowflake' } },
      'MERGE INTO customers c USING updates u ON c.id = u.id WHEN MATCHED AND u.deleted THEN DELETE WHEN MATCHED THEN UPDATE SET name = u.name',
      { input: { kind: 'sql', sql: 'MERGE dbo.Target AS t USING dbo.Source AS s ON t.id = s.id WHEN NOT MATCHED BY SOURCE THEN DELETE;', dialect: 'mssql' } },
      { input: { kind: 'sql', sql: 'REPLACE INTO users SELECT * FROM users_import', dialect: 'mysql' } },
      { input: { kind: 'sql', sql: "REPLACE INTO users (id, name) VALUES (1, 'a')", dialect: 'mysql' }, decision: 'ask' },
      { input: { kind: 'sql', sql: "INSERT OR REPLACE INTO settings (k, v) VALUES ('theme', 'dark')", dialect: 'sqlite' }, decision: 'ask' },
    ],
    pass: [
      'CREATE OR REPLACE VIEW active_users AS SELECT * FROM users WHERE active',
      'CREATE OR REPLACE FUNCTION add(a int, b int) RETURNS int AS $$ SELECT a + b $$ LANGUAGE sql',
      "CREATE OR REPLACE PROCEDURE noop() LANGUAGE plpgsql AS $$ BEGIN DELETE FROM users; END $$",
      'CREATE TABLE IF NOT EXISTS users (id int primary key)',
      { input: { kind: 'sql', sql: 'CREATE OR REPLACE TEMPORARY TABLE scratch AS SELECT 1 AS x', dialect: 'snowflake' } },
      'MERGE INTO customers c USING updates u ON c.id = u.id WHEN MATCHED THEN UPDATE SET name = u.name WHEN NOT MATCHED THEN INSERT (id, name) VALUES (u.id, u.name)',
      "INSERT INTO users (id, name) VALUES (1, 'a') ON CONFLICT (id) DO UPDATE SET name = excluded.name",
      { input: { kind: 'sql', sql: "INSERT INTO users (id, name) VALUES (1, 'a') ON DUPLICATE KEY UPDATE name = VALUES(name)", dialect: 'mysql' } },
      { input: { kind: 'sql', sql: "SELECT REPLACE(name, 'a', 'b') FROM users", dialect: 'mysql' } },
    ],
  },
});
