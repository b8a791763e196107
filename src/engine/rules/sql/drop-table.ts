import { defineSqlRule } from '../../rule';
import type { Decision } from '../../types';
import { isScratchTable, reportRisk } from '../../sql/risk';

/** Object kinds whose DROP loses data (rows, sequence positions, materialized results) or takes a table's definition. */
const DATA = new Set(['TABLE', 'VIEW', 'MATERIALIZED VIEW', 'SEQUENCE', 'DYNAMIC TABLE', 'ICEBERG TABLE', 'HYBRID TABLE', 'STAGE', 'COLLECTION']);
/** Kinds other rules judge, or that lose nothing worth a pause (an index or statistics can be rebuilt). */
const ELSEWHERE = new Set([
  'DATABASE', 'SCHEMA', 'OWNED BY', 'KEYSPACE', 'CATALOG', 'USER', 'ROLE', 'LOGIN', 'GROUP', 'POLICY', 'INDEX', 'STATISTICS',
  'PREPARE', 'CAST', 'OPERATOR', 'COLLATION', 'CONVERSION', 'TEXT SEARCH', 'ACCESS METHOD', 'FULLTEXT', 'SPATIAL', 'UNIQUE',
]);

export default defineSqlRule({
  meta: {
    id: 'sql/drop-table',
    decision: 'block',
    severity: 'high',
    description: 'DROP TABLE (and views, materialized views, sequences, types, functions) deletes the object and, for tables, every row in it; CASCADE takes dependent objects too. Temporary and tmp_/temp_ tables, and tables the same script created, are exempt.',
    message: 'Deletes {{target}}',
    safer: 'Rename it aside (`ALTER TABLE t RENAME TO t_old`) and drop it once nothing breaks, or take a dump of it first.',
  },
  check(stmt, ctx) {
    if (!stmt.verb.startsWith('DROP ')) return;
    const kind = stmt.verb.slice(5);
    if (ELSEWHERE.has(kind) || kind === '') return;
    const cascade = stmt.options.includes('cascade');
    // Functions, triggers, types and the like hold no rows: pause, but do not block, unless CASCADE widens them.
    const base: Decision = DATA.has(kind) || cascade ? 'block' : 'ask';
    const names = stmt.objects.length ? stmt.objects : ['an unnamed object'];
    for (const name of names) {
      if (isScratchTable(stmt, name)) continue;
      const signals = cascade ? ['CASCADE drops every dependent object too'] : [];
      reportRisk(stmt, ctx, base, { target: name, message: `DROP ${kind} deletes ${kind.toLowerCase()} {{target}}`, signals });
    }
  },
  tests: {
    pause: [
      'DROP TABLE users',
      'drop table users;',
      'DROP TABLE IF EXISTS users',
      'DROP TABLE orders, order_items CASCADE',
      { input: { kind: 'sql', sql: 'DROP TABLE `users`', dialect: 'mysql' } },
      { input: { kind: 'sql', sql: 'DROP TABLE IF EXISTS users', dialect: 'sqlite' } },
      { input: { kind: 'sql', sql: 'DROP TABLE [dbo].[Customers]', dialect: 'mssql' } },
      'DROP TABLE tmp_users, users',
      'SELECT 1; DROP TABLE users;',
      '/* cleanup */ DROP TABLE "Users"',
      'DROP VIEW active_users',
      'DROP MATERIALIZED VIEW sales_summary',
      'DROP SEQUENCE users_id_seq',
      'DROP TYPE mood CASCADE',
      { input: 'DROP FUNCTION calc_total(integer)', decision: 'ask' },
      { input: 'DROP TRIGGER audit_users ON users', decision: 'ask' },
      { input: 'DROP EXTENSION postgis', decision: 'ask' },
      'DROP EXTENSION postgis CASCADE',
      "DO $$ BEGIN EXECUTE 'DROP TABLE ' || quote_ident('users'); END $$;",
      "DO $$ DECLARE r record; BEGIN FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP EXECUTE 'DROP TABLE IF EXISTS ' || quote_ident(r.tablename) || ' CASCADE'; END LOOP; END $$;",
      { input: { kind: 'sql', sql: "EXEC sp_MSforeachtable 'DROP TABLE ?'", dialect: 'mssql' } },
      { input: { kind: 'sql', sql: "PREPARE s FROM 'DROP TABLE users'; EXECUTE s;", dialect: 'mysql' } },
      { input: { kind: 'sql', sql: "SET @q = CONCAT('DROP TABLE ', @t); PREPARE s FROM @q; EXECUTE s;", dialect: 'mysql' } },
      { input: { kind: 'sql', sql: "EXEC('DROP TABLE dbo.users')", dialect: 'mssql' } },
      { input: { kind: 'sql', sql: "IF OBJECT_ID('dbo.users', 'U') IS NOT NULL DROP TABLE dbo.users", dialect: 'mssql' } },
      { input: { kind: 'sql', sql: '/*!50000 DROP TABLE users */;', dialect: 'mysql' }, note: 'MySQL runs /*! … */ comments' },
      { input: { kind: 'sql', sql: 'DROP TABLE users', target: 'postgres://app@db.prod.internal/app' } },
      { input: { kind: 'sql', sql: 'DROP TABLE users', target: 'postgres://localhost/myapp_development' }, decision: 'ask' },
      { input: { kind: 'sql', sql: 'DROP TABLE users', target: 'data/app.db', dialect: 'sqlite' }, decision: 'ask', note: 'local database file' },
      { input: { kind: 'sql', sql: 'DROP TABLE users', target: 'prod-db.cluster-abc.us-east-1.rds.amazonaws.com' } },
    ],
    pass: [
      'DROP TABLE IF EXISTS tmp_users',
      'DROP TABLE IF EXISTS temp_import',
      'DROP TABLE tmp_orders',
      { input: { kind: 'sql', sql: 'DROP TEMPORARY TABLE IF EXISTS session_scratch', dialect: 'mysql' } },
      { input: { kind: 'sql', sql: 'DROP TABLE #staging', dialect: 'mssql' } },
      'DROP TABLE #staging',
      'CREATE TEMP TABLE ids AS SELECT id FROM users; DROP TABLE ids;',
      'CREATE TABLE users_new (id int); DROP TABLE users_new;',
      'DROP INDEX IF EXISTS idx_users_email',
      'DROP INDEX CONCURRENTLY idx_users_email',
      "SELECT 'DROP TABLE users' AS hint",
      "INSERT INTO notes (body) VALUES ('DROP TABLE users; -- oops')",
      '-- DROP TABLE users;\nSELECT count(*) FROM users',
      '/* DROP TABLE users */ SELECT 1',
      'EXPLAIN SELECT * FROM users',
      { input: { kind: 'sql', sql: 'DROP TABLE users', target: 'postgres://localhost:5432/myapp_test' } },
      { input: { kind: 'sql', sql: 'DROP TABLE users', target: ':memory:', dialect: 'sqlite' } },
      { input: { kind: 'sql', sql: 'DROP TABLE users', target: 'sqlite:///tmp/scratch.db' } },
      { input: { kind: 'sql', sql: 'DROP TABLE users', env: { NODE_ENV: 'test' } } },
      "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'mood') THEN CREATE TYPE mood AS ENUM ('sad', 'ok'); END IF; END $$;",
    ],
  },
});
