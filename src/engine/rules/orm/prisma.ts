import { defineCommandRule } from '../../rule';
import { flag, opt, parseArgs } from '../db/_target';
import { readScript, stdinSql } from '../db/_sql';
import { explicitlyProduction, ownEnv, reportOrm } from './_orm';

const VALUE = ['--schema', '--url', '--file', '--name', '-n', '--from-url', '--to-url', '--from-schema-datamodel', '--to-schema-datamodel', '--from-migrations', '--to-migrations', '--shadow-database-url', '--config'];

function dialectOf(url: string | undefined): string {
  if (!url) return 'postgresql';
  if (/^mysql/i.test(url)) return 'mysql';
  if (/^(file|sqlite)/i.test(url)) return 'sqlite';
  if (/^sqlserver/i.test(url)) return 'transactsql';
  return 'postgresql';
}

export default defineCommandRule({
  meta: {
    id: 'orm/prisma',
    commands: ['prisma'],
    decision: 'block',
    severity: 'critical',
    description: 'Prisma commands that wipe or rewrite the database: `migrate reset`, `db push --force-reset`, `db push --accept-data-loss`, `migrate dev` against production, and the SQL of `db execute`. Since Prisma 6.15 these refuse to run for an agent unless PRISMA_USER_CONSENT_FOR_DANGEROUS_AI_ACTION is set, so that variable is itself a production signal. A reset against an explicit test database stays allowed.',
    message: '{{what}} ({{target}})',
    safer: 'Create a migration with `prisma migrate dev --create-only`, review its SQL, and apply it with `prisma migrate deploy`; reset only a test database (`DATABASE_URL=…/app_test`).',
  },
  check(cmd, ctx) {
    const p = parseArgs(cmd.args, VALUE);
    const [group, sub] = p.positionals;
    if (flag(p, '--help', '-h')) return;
    if (group === 'migrate' && sub === 'reset') {
      reportOrm(ctx, cmd, { what: '`prisma migrate reset` drops the database (or every table) and reapplies every migration', weight: 'destructive' });
    } else if (group === 'db' && sub === 'push') {
      if (flag(p, '--force-reset')) reportOrm(ctx, cmd, { what: '`prisma db push --force-reset` drops and recreates the whole schema', weight: 'destructive' });
      else if (flag(p, '--accept-data-loss')) reportOrm(ctx, cmd, { what: '`prisma db push --accept-data-loss` applies schema changes that drop columns or tables without asking', weight: 'destructive' });
      else if (explicitlyProduction(ctx, cmd)) reportOrm(ctx, cmd, { what: '`prisma db push` changes the production schema without a migration', weight: 'mild', cap: 'ask' });
    } else if (group === 'migrate' && sub === 'dev') {
      if (flag(p, '--create-only')) return;
      if (explicitlyProduction(ctx, cmd)) reportOrm(ctx, cmd, { what: '`prisma migrate dev` resets the database when it finds drift, and is meant for development only', weight: 'destructive' });
    } else if (group === 'db' && sub === 'execute') {
      const url = opt(p, '--url');
      const file = opt(p, '--file');
      const cwd = cmd.cwd ?? ctx.cwd;
      let sql: string | undefined;
      let unknown: string | undefined;
      if (file !== undefined) {
        const r = readScript(ctx.reader, file, cwd, ctx.home);
        if (r.ok) sql = r.text;
        else unknown = `it runs ${file}, and ${r.reason}`;
      } else if (flag(p, '--stdin')) {
        const s = stdinSql(cmd, ctx.home, ctx.reader);
        if (s.kind === 'sql') sql = s.sql.text;
        else if (s.kind === 'unknown' || s.kind === 'destructive') unknown = s.reason;
      }
      if (sql !== undefined) ctx.nested({ kind: 'sql', sql, dialect: dialectOf(url), target: url, env: ownEnv(cmd) });
      else if (unknown) reportOrm(ctx, cmd, { what: `\`prisma db execute\` runs SQL that cannot be checked: ${unknown}`, weight: 'mild', target: url });
    }
  },
  tests: {
    pause: [
      'npx prisma migrate reset',
      'npx prisma migrate reset --force',
      'pnpm prisma migrate reset --force --skip-seed',
      'yarn prisma db push --force-reset',
      'npx prisma db push --accept-data-loss',
      'PRISMA_USER_CONSENT_FOR_DANGEROUS_AI_ACTION=yes npx prisma migrate reset --force',
      'DATABASE_URL=postgresql://app:pw@prod-db.cluster-x.us-east-1.rds.amazonaws.com:5432/app npx prisma migrate reset --force',
      { input: 'DATABASE_URL=postgresql://postgres:postgres@localhost:5432/app_dev npx prisma migrate reset --force', decision: 'ask' },
      { input: 'npx prisma migrate reset --force', env: { DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/app' }, decision: 'ask' },
      'NODE_ENV=production npx prisma migrate dev',
      { input: 'NODE_ENV=production npx prisma db push', decision: 'ask' },
      'npx prisma db execute --stdin --url "$DATABASE_URL" < missing.sql',
      { input: 'npx prisma db execute --file ./missing.sql --url postgresql://localhost:5432/app', decision: 'ask' },
      { input: 'npx prisma db execute --file prisma/fix.sql --url postgresql://localhost:5432/app', files: { 'prisma/fix.sql': 'DELETE FROM "User";\n' }, foundBy: 'sql/delete-without-where', decision: 'ask' },
      { input: 'npx prisma db execute --stdin --url postgresql://app@db.prod.internal:5432/app < prisma/fix.sql', files: { 'prisma/fix.sql': 'DROP TABLE "Session";\n' }, foundBy: 'sql/drop-table', decision: 'block' },
      'bunx prisma migrate reset -f',
      'npx --yes prisma@5 migrate reset --force',
      'npx prisma@latest db push --accept-data-loss',
      "npx -c 'prisma migrate reset --force'",
    ],
    pass: [
      'npx prisma migrate deploy',
      'npx prisma migrate dev --name add_users',
      'npx prisma migrate status',
      'npx prisma migrate diff --from-empty --to-schema-datamodel prisma/schema.prisma --script',
      'npx prisma generate',
      'npx prisma db pull',
      'npx prisma studio',
      'npx prisma format',
      'npx prisma validate',
      'DATABASE_URL=file:./test.db npx prisma migrate reset --force',
      'DATABASE_URL="postgresql://postgres@localhost:5432/app_test" npx prisma migrate reset --force',
      'npx prisma db push',
      'NODE_ENV=production npx prisma migrate dev --create-only',
      'npx prisma@5 migrate status',
      "npx -p prisma@5 -c 'prisma migrate status'",
      'npx prisma migrate reset --help',
      { input: 'npx prisma db execute --file prisma/fix.sql --url postgresql://localhost:5432/app', files: { 'prisma/fix.sql': 'UPDATE "User" SET "role" = \'admin\' WHERE "id" = 1;\nCREATE INDEX "User_email_idx" ON "User" ("email");\n' } },
    ],
  },
});
