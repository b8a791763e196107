import { defineSqlRule } from '../../rule';
import type { Decision } from '../../types';
import { reportRisk } from '../../sql/risk';

/** Names and text that suggest the hidden SQL destroys something. */
const DESTRUCTIVE = /drop|delete|truncate|purge|wipe|destroy|reset|clean|remove|erase|nuke|clear|flush|reinit/i;

export default defineSqlRule({
  meta: {
    id: 'sql/dynamic-sql',
    decision: 'ask',
    severity: 'medium',
    description: 'SQL that cannot be read before it runs: EXECUTE of a variable, stored procedures (CALL purge_all(), EXEC dbo.cleanup), prepared statements from elsewhere, DO blocks in other languages, and shell commands run by the database (COPY … PROGRAM, xp_cmdshell). Dynamic SQL whose text can be reconstructed is judged by the other rules instead.',
    message: 'Runs {{hidden}}, which cannot be checked before it runs',
    safer: 'Run the statements the procedure or variable contains directly, so each one can be checked.',
  },
  check(stmt, ctx) {
    if (!stmt.hidden) return;
    const shell = /shell command/.test(stmt.hidden);
    const base: Decision = shell || DESTRUCTIVE.test(stmt.hidden) ? 'block' : 'ask';
    const signals = shell ? ['runs an operating-system command on the database server'] : DESTRUCTIVE.test(stmt.hidden) ? ['its name suggests it deletes data'] : [];
    reportRisk(stmt, ctx, base, { target: stmt.objects[0], data: { hidden: stmt.hidden }, message: 'Runs {{hidden}}, which cannot be checked before it runs', signals });
  },
  tests: {
    pause: [
      { input: 'CALL purge_all()', decision: 'block' },
      'CALL refresh_rollups(2024)',
      { input: { kind: 'sql', sql: 'EXEC dbo.usp_CleanupOrders', dialect: 'mssql' }, decision: 'block' },
      { input: { kind: 'sql', sql: 'EXEC dbo.usp_Rebuild @full = 1', dialect: 'mssql' } },
      { input: { kind: 'sql', sql: 'EXEC sp_executesql @sql', dialect: 'mssql' } },
      { input: { kind: 'sql', sql: "EXEC xp_cmdshell 'del C:\\backups\\*.bak'", dialect: 'mssql' }, decision: 'block' },
      { input: "COPY (SELECT 1) TO PROGRAM 'rm -rf /var/lib/postgresql'", decision: 'block' },
      "DO $$ DECLARE q text; BEGIN SELECT cmd INTO q FROM jobs LIMIT 1; EXECUTE q; END $$",
      { input: { kind: 'sql', sql: 'PREPARE s FROM @stmt; EXECUTE s;', dialect: 'mysql' } },
      { input: 'EXECUTE drop_all_stmt', decision: 'block' },
      "DO LANGUAGE plpython3u $$ plpy.execute('SELECT 1') $$",
    ],
    pass: [
      "DO $$ BEGIN RAISE NOTICE 'hello'; END $$",
      "DO $$ BEGIN EXECUTE 'CREATE INDEX IF NOT EXISTS idx_a ON t (a)'; END $$",
      "PREPARE get_user (int) AS SELECT * FROM users WHERE id = $1; EXECUTE get_user(1);",
      { input: { kind: 'sql', sql: "PREPARE s FROM 'SELECT * FROM users WHERE id = ?'; EXECUTE s USING @id;", dialect: 'mysql' } },
      { input: { kind: 'sql', sql: 'EXEC sp_help \'dbo.Users\'', dialect: 'mssql' } },
      { input: { kind: 'sql', sql: "EXEC sp_executesql N'SELECT * FROM dbo.Users WHERE id = @id', N'@id int', @id = 5", dialect: 'mssql' } },
      "SELECT pg_get_functiondef('purge_all'::regproc)",
      "COPY users TO STDOUT WITH CSV HEADER",
      { input: { kind: 'sql', sql: 'CALL purge_all()', target: 'postgres://localhost/app_test' } },
    ],
  },
});
