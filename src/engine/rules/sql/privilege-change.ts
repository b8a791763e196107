import { defineSqlRule } from '../../rule';
import type { Decision } from '../../types';
import { isTestName, readStatementTarget, reportRisk } from '../../sql/risk';

/** Roles that amount to owning the server or reading/writing every table and file. */
const POWER_ROLES = /\b(RDS_SUPERUSER|AZURE_PG_ADMIN|CLOUDSQLSUPERUSER|ALLOYDBSUPERUSER|PG_WRITE_ALL_DATA|PG_READ_SERVER_FILES|PG_WRITE_SERVER_FILES|PG_EXECUTE_SERVER_PROGRAM|POSTGRES|SYSADMIN|DB_OWNER|SECURITYADMIN|ACCOUNTADMIN|ROOT)\b/;
/** Privileges that reach beyond data: server administration, files, granting to others. */
const POWER_PRIVS = /^GRANT (.*\b)?(SUPER|FILE|PROCESS|SHUTDOWN|CREATE USER|GRANT OPTION)\b.* ON /;

interface Hit {
  base: Decision;
  what: string;
}

function grantHit(n: string): Hit | undefined {
  const on = / ON (.*?) TO /.exec(n)?.[1] ?? '';
  const all = /^GRANT ALL\b/.test(n);
  if (/ TO (.*, ?)?PUBLIC\b/.test(n)) return { base: 'block', what: 'grants to PUBLIC, that is to every role' };
  if (POWER_PRIVS.test(n)) return { base: 'block', what: 'grants server-level privileges' };
  if (/^GRANT [\w, "]+ TO /.test(n) && !/ ON /.test(n) && POWER_ROLES.test(n.split(' TO ')[0]!)) return { base: 'block', what: 'grants a superuser-level role' };
  if (all && /^\*\.\*|^\*$/.test(on)) return { base: 'block', what: 'grants every privilege on every database' };
  if (/'%'|"%"|@'%'|@%/.test(n)) return { base: all ? 'block' : 'ask', what: "grants to a user who may connect from any host ('%')" };
  if (all && /^(DATABASE|SCHEMA|ALL TABLES|ALL SEQUENCES|ALL FUNCTIONS|\w+\.\*)/.test(on)) return { base: 'block', what: `grants every privilege on ${on.toLowerCase()}` };
  if (all) return { base: 'ask', what: `grants every privilege on ${on.toLowerCase() || 'an object'}` };
  if (/ WITH (GRANT|ADMIN) OPTION/.test(n)) return { base: 'ask', what: 'lets the grantee grant it on to others' };
  return undefined;
}

function hit(verb: string, n: string): Hit | undefined {
  switch (verb) {
    case 'GRANT':
      return grantHit(n);
    case 'ALTER DEFAULT PRIVILEGES':
      return / TO (.*, ?)?PUBLIC\b/.test(n) || / GRANT ALL\b/.test(n) ? { base: 'ask', what: 'changes the privileges every future object gets' } : undefined;
    case 'REVOKE':
      // Revoking from PUBLIC is hardening; revoking everything from a role locks that role (often the app) out.
      if (/ FROM (.*, ?)?PUBLIC\b/.test(n)) return undefined;
      return /^REVOKE ALL\b/.test(n) ? { base: 'block', what: 'revokes every privilege (the app may lose access)' } : undefined;
    case 'ALTER USER':
    case 'ALTER ROLE':
    case 'CREATE USER':
    case 'CREATE ROLE':
      if (/\b(SUPERUSER|BYPASSRLS)\b/.test(n.replace(/\bNO(SUPERUSER|BYPASSRLS)\b/g, ''))) return { base: 'block', what: 'gives a role superuser or row-level-security bypass' };
      return undefined;
    case 'ALTER SERVER ROLE':
      return / ADD MEMBER /.test(n) && POWER_ROLES.test(n) ? { base: 'block', what: 'adds a member to an administrator role' } : undefined;
    case 'ALTER TABLE':
      if (/ (DISABLE|NO FORCE) ROW LEVEL SECURITY\b/.test(n)) return { base: 'block', what: 'turns off row-level security (every row becomes visible)' };
      return undefined;
    case 'DROP POLICY':
      return { base: 'ask', what: 'removes a row-level security policy' };
    default:
      return undefined;
  }
}

export default defineSqlRule({
  meta: {
    id: 'sql/privilege-change',
    decision: 'block',
    severity: 'high',
    description: 'Security posture changes: GRANT ALL or grants to PUBLIC or any host, superuser/BYPASSRLS roles, disabling row-level security, REVOKE ALL, and dropping users or roles.',
    message: '{{verb}} {{what}}',
    safer: 'Grant the narrow privileges the role needs (`GRANT SELECT ON schema.table TO role`) to a named role, and review it with the database owner.',
  },
  check(stmt, ctx) {
    if (/^DROP (USER|ROLE|LOGIN|GROUP)$/.test(stmt.verb)) {
      const production = readStatementTarget(stmt, ctx).kind === 'production';
      for (const name of stmt.objects.length ? stmt.objects : ['?']) {
        if (isTestName(name) && !production) continue;
        reportRisk(stmt, ctx, 'block', { target: name, data: { verb: stmt.verb, what: 'removes a login' }, message: '{{verb}} {{target}} removes a login (whatever uses it stops working)' });
      }
      return;
    }
    // T-SQL role membership: ALTER SERVER ROLE sysadmin ADD MEMBER x, ALTER ROLE db_owner ADD MEMBER x.
    const addMember = (stmt.verb === 'ALTER SERVER' || stmt.verb === 'ALTER ROLE') && / ADD MEMBER /.test(stmt.normalized);
    const verb = addMember ? 'ALTER SERVER ROLE' : stmt.verb;
    const h = hit(verb, stmt.normalized);
    if (!h) return;
    reportRisk(stmt, ctx, h.base, { target: stmt.objects[0], data: { verb: stmt.verb, what: h.what }, message: '{{verb}} {{what}}' });
  },
  tests: {
    pause: [
      { input: { kind: 'sql', sql: "GRANT ALL PRIVILEGES ON *.* TO 'app'@'%'", dialect: 'mysql' } },
      { input: { kind: 'sql', sql: "GRANT ALL ON *.* TO 'admin'@'localhost' WITH GRANT OPTION", dialect: 'mysql' } },
      'GRANT ALL ON ALL TABLES IN SCHEMA public TO PUBLIC',
      'GRANT SELECT ON users TO PUBLIC',
      'GRANT ALL PRIVILEGES ON DATABASE shop TO app',
      { input: { kind: 'sql', sql: "GRANT SELECT, INSERT ON shop.* TO 'app'@'%'", dialect: 'mysql' }, decision: 'ask' },
      { input: { kind: 'sql', sql: "GRANT SUPER ON *.* TO 'bob'@'localhost'", dialect: 'mysql' } },
      'GRANT rds_superuser TO app_user',
      { input: 'GRANT ALL ON TABLE orders TO reporting', decision: 'ask' },
      'ALTER USER app WITH SUPERUSER',
      'ALTER ROLE app_user BYPASSRLS',
      'CREATE ROLE ops WITH LOGIN SUPERUSER PASSWORD \'x\'',
      'ALTER TABLE documents DISABLE ROW LEVEL SECURITY',
      'ALTER TABLE documents NO FORCE ROW LEVEL SECURITY',
      'DROP USER bob',
      { input: { kind: 'sql', sql: "DROP USER 'app'@'%'", dialect: 'mysql' } },
      'DROP ROLE IF EXISTS app_readonly',
      'REVOKE ALL ON users FROM app',
      'REVOKE ALL PRIVILEGES ON DATABASE shop FROM app_user',
      { input: 'DROP POLICY tenant_isolation ON documents', decision: 'ask' },
      { input: { kind: 'sql', sql: 'ALTER SERVER ROLE sysadmin ADD MEMBER app_login', dialect: 'mssql' } },
      { input: { kind: 'sql', sql: 'GRANT ALL ON DATABASE shop TO app', target: 'postgres://localhost/shop' }, decision: 'ask' },
    ],
    pass: [
      'GRANT SELECT ON reporting.sales TO analyst',
      { input: { kind: 'sql', sql: "GRANT SELECT ON reporting.* TO 'analyst'@'10.0.0.5'", dialect: 'mysql' } },
      'GRANT USAGE ON SCHEMA api TO web_anon',
      'GRANT app_readonly TO alice',
      'REVOKE CREATE ON SCHEMA public FROM PUBLIC',
      'REVOKE ALL ON SCHEMA public FROM PUBLIC',
      'REVOKE INSERT ON audit_log FROM app',
      'ALTER USER app WITH PASSWORD \'s3cret\'',
      'ALTER ROLE app NOSUPERUSER NOBYPASSRLS',
      'ALTER TABLE documents ENABLE ROW LEVEL SECURITY',
      { input: { kind: 'sql', sql: 'SHOW GRANTS FOR CURRENT_USER', dialect: 'mysql' } },
      'DROP ROLE IF EXISTS ci_test',
      { input: { kind: 'sql', sql: 'DROP USER bob', target: 'postgres://localhost/app_test' } },
    ],
  },
});
