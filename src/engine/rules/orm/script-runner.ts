import * as path from 'node:path';
import { quote } from 'shell-quote';
import { defineCommandRule } from '../../rule';
import type { RuleContext } from '../../rule';
import type { SimpleCommand } from '../../shell/types';
import { isUnresolved } from '../../shell/types';
import { cachedFile, parseDotenv } from '../../context/workspace';
import type { WorkspaceReader } from '../../context/workspace';
import { resolvePath } from '../../shell/words';
import { judge, signalsFor } from '../db/_target';

/** Programs of the db and orm packs: a package script or `pnpm <bin>` that runs one of them is followed. */
const DB_TOOLS = /(^|[\s;&|(/'"])(prisma|drizzle-kit|rails|rake|manage\.py|django-admin|artisan|knex|sequelize(-cli)?|typeorm(-ts-node-(commonjs|esm))?|mikro-orm|psql|mysql|mariadb|sqlite3|mongosh|mongo|redis-cli|supabase|flyway|liquibase|atlas|goose|dbmate|migrate|hasura|convex|alembic|flask|mix|dropdb|pg_restore|mongorestore|sqlcmd|clickhouse-client|cqlsh|node-pg-migrate|db-migrate|dotenv|env-cmd|drizzle|diesel|sqlx|ace)([\s;&|)'"]|$)/;

/** Script names that say they destroy data. */
const DESTRUCTIVE_NAME = /(^|[:_\-.])(reset|drop|wipe|nuke|purge|fresh|truncate|flush|clean|destroy|teardown)([:_\-.]|$)/i;
const DB_NAME = /(^|[:_\-.])(db|database|prisma|drizzle|schema|migrate|migration|migrations|seed|orm|sql|mongo|redis|supabase)([:_\-.]|$)/i;

const NPM_BUILTINS = new Set([
  'install', 'i', 'ci', 'add', 'remove', 'rm', 'uninstall', 'update', 'up', 'upgrade', 'outdated', 'list', 'ls', 'link', 'unlink',
  'publish', 'pack', 'init', 'create', 'exec', 'dlx', 'x', 'why', 'audit', 'config', 'store', 'env', 'help', 'info', 'view',
  'import', 'rebuild', 'prune', 'dedupe', 'patch', 'patch-commit', 'setup', 'server', 'deploy', 'fetch', 'licenses', 'doctor',
  'root', 'bin', 'cache', 'version', 'login', 'logout', 'whoami', 'owner', 'dist-tag', 'search', 'approve-builds', 'catalog',
  'build', 'install-test', 'pm', 'upgrade-interactive', 'workspace', 'workspaces', 'node', 'plugin', 'set', 'npm', 'constraints',
]);
const LIFECYCLE = new Set(['start', 'test', 'stop', 'restart', 't', 'tst']);

/** The script a package manager runs, or a binary it runs directly: `npm run x`, `pnpm x`, `yarn x`, `bun run x`. */
function scriptOf(cmd: SimpleCommand): { name: string; rest: string[]; viaYarn: boolean } | undefined {
  const a = cmd.args.filter((x, i) => !(x.startsWith('-') && i === 0 && x !== '--'));
  if (cmd.wrappers[cmd.wrappers.length - 1] === 'yarn' && !['npm', 'pnpm', 'yarn', 'bun'].includes(cmd.name)) {
    return { name: cmd.rawName, rest: cmd.args, viaYarn: true };
  }
  switch (cmd.name) {
    case 'npm':
      if ((a[0] === 'run' || a[0] === 'run-script' || a[0] === 'rum' || a[0] === 'urn') && a[1]) return { name: a[1], rest: a.slice(2), viaYarn: false };
      if (a[0] && LIFECYCLE.has(a[0])) return { name: a[0] === 't' || a[0] === 'tst' ? 'test' : a[0], rest: a.slice(1), viaYarn: false };
      return undefined;
    case 'pnpm':
    case 'yarn':
    case 'bun':
      if (a[0] === 'run' && a[1]) return { name: a[1], rest: a.slice(2), viaYarn: false };
      if (cmd.name !== 'bun' && a[0] && !NPM_BUILTINS.has(a[0]) && !a[0].startsWith('-')) return { name: a[0], rest: a.slice(1), viaYarn: false };
      return undefined;
    default:
      return undefined;
  }
}

interface PackageJson {
  scripts?: Record<string, string>;
}

/** The nearest package.json from the working folder up to the workspace root. */
function packageScripts(reader: WorkspaceReader, cwd: string | undefined, root: string | undefined): { file: string; scripts: Record<string, string> } | undefined {
  if (!cwd || isUnresolved(cwd)) return undefined;
  let dir = cwd;
  for (let i = 0; i < 12; i++) {
    const file = path.join(dir, 'package.json');
    const pkg = cachedFile(reader, file, 'package.json', (t): PackageJson | null => {
      try {
        return JSON.parse(t) as PackageJson;
      } catch {
        return null;
      }
    });
    if (pkg) return { file, scripts: pkg.scripts ?? {} };
    if (dir === root || dir === path.dirname(dir)) break;
    dir = path.dirname(dir);
  }
  return undefined;
}

const ENV_RUNNERS = new Set(['dotenv', 'dotenv-cli', 'dotenvx', 'env-cmd']);

/**
 * `dotenv -e .env.production -- prisma migrate reset`, `dotenvx run -f .env.prod -- …`, `env-cmd -f .env.test …`: the inner
 * command runs with the file's variables. Files that cannot be read pass their name on (DOTENV_CONFIG_PATH), so a
 * production-named file still counts.
 */
function envRunner(cmd: SimpleCommand, ctx: RuleContext): void {
  let args = cmd.args;
  if (cmd.name === 'dotenvx') {
    if (args[0] !== 'run') return;
    args = args.slice(1);
  }
  const files: string[] = [];
  const env: Record<string, string> = {};
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (a === '-e' || a === '-f' || a === '--env-file' || a === '--file') {
      files.push(...(args[++i] ?? '').split(','));
      continue;
    }
    if (/^(-e|-f|--env-file|--file)=/.test(a)) {
      files.push(...a.slice(a.indexOf('=') + 1).split(','));
      continue;
    }
    if (a === '-v') {
      const kv = args[++i] ?? '';
      if (kv.includes('=')) env[kv.slice(0, kv.indexOf('='))] = kv.slice(kv.indexOf('=') + 1);
      continue;
    }
    if (a === '-c' || a === '--environments' || a === '-r' || a === '--rc-file' || a === '-p') {
      if (args[i + 1] !== undefined && !args[i + 1]!.startsWith('-')) i++;
      continue;
    }
    if (a.startsWith('-')) continue;
    break; // env-cmd and dotenv accept the command without `--`
  }
  const inner = args.slice(i);
  if (!inner.length) return;
  const cwd = cmd.cwd ?? ctx.cwd;
  if (!files.length && cmd.name !== 'env-cmd') files.push('.env');
  if (!files.length) files.push('.env');
  for (const f of files.reverse()) {
    const abs = resolvePath(f, cwd, ctx.home);
    const vars = abs ? cachedFile(ctx.reader, abs, 'dotenv', parseDotenv) : undefined;
    if (vars) for (const [k, v] of vars) env[k] ??= v;
    else if (f !== '.env') env.DOTENV_CONFIG_PATH = f;
  }
  follow(ctx, { ...cmd, env: { ...env, ...cmd.env } }, quote(inner), cwd ?? '.');
}

function follow(ctx: RuleContext, cmd: SimpleCommand, command: string, cwd: string): void {
  ctx.nested({ kind: 'shell', command, cwd, env: Object.keys(cmd.env).length ? cmd.env : undefined });
}

export default defineCommandRule({
  meta: {
    id: 'orm/script-runner',
    decision: 'ask',
    severity: 'high',
    description: 'Follows package scripts, package-manager binaries and env-file runners into the database tools they run (`npm run db:reset` → `prisma migrate reset --force`, `pnpm prisma …`, `yarn db:drop`, `dotenv -e .env.production -- prisma …` with that file\'s variables); when package.json cannot be read, a script named like a database reset or drop (`db:reset`, `db:drop`, `db:fresh`, `db:wipe`) pauses.',
    message: 'Runs the package script {{target}}, which could not be read; its name says it {{what}}',
    safer: 'Run the underlying command directly so it can be checked, against a local or test database.',
  },
  check(cmd, ctx) {
    if (ENV_RUNNERS.has(cmd.name)) {
      envRunner(cmd, ctx);
      return;
    }
    const found = scriptOf(cmd);
    if (!found) return;
    const cwd = cmd.cwd ?? ctx.cwd;
    const pkg = packageScripts(ctx.reader, cwd, ctx.workspaceRoot);
    const script = pkg?.scripts[found.name];
    const extra = found.rest.length ? ` ${quote(found.rest.filter((x) => x !== '--'))}` : '';
    if (script !== undefined) {
      if (DB_TOOLS.test(script)) follow(ctx, cmd, `${script}${extra}`, pkg ? path.dirname(pkg.file) : cwd ?? '.');
      return;
    }
    // Not a script: a binary of the project (`pnpm prisma migrate reset`, `yarn drizzle-kit push --force`).
    if (cmd.name !== 'npm' && DB_TOOLS.test(found.name) && !found.viaYarn) {
      follow(ctx, cmd, quote([found.name, ...found.rest]), cwd ?? '.');
      return;
    }
    // package.json not readable, and the script is named after the tool it wraps (`"typeorm": "typeorm-ts-node-commonjs"`):
    // `npm run typeorm -- schema:drop` runs that tool with the arguments after `--`.
    if (!pkg && DB_TOOLS.test(found.name) && found.rest[0] === '--') {
      follow(ctx, cmd, quote([found.name, ...found.rest.slice(1)]), cwd ?? '.');
      return;
    }
    if (pkg) return; // package.json read, and no such script: the package manager fails
    if (!DB_NAME.test(found.name) || !DESTRUCTIVE_NAME.test(found.name)) return;
    const verdict = judge(signalsFor(ctx, cmd), 'mild');
    if (!verdict.decision) return;
    ctx.report({ target: found.name, data: { what: 'drops or resets the database' }, decision: verdict.decision, signals: verdict.signals });
  },
  tests: {
    pause: [
      'npm run db:reset',
      { input: 'dotenv -e .env.production -- npm run db:reset', decision: 'block' },
      'yarn db:drop',
      'pnpm run db:fresh',
      'bun run prisma:reset',
      { input: 'NODE_ENV=production npm run db:reset', decision: 'block' },
      'npm run db:wipe -- --force',
      { input: 'npm run typeorm -- schema:drop -d src/data-source.ts', foundBy: 'orm/typeorm', decision: 'block' },
      { input: 'npm run knex -- migrate:rollback --all', foundBy: 'orm/knex', decision: 'block' },
      // package.json is read: an innocent name that runs a reset is followed into the tool.
      { input: 'npm run db:setup', files: { 'package.json': '{ "scripts": { "db:setup": "prisma migrate reset --force" } }' }, foundBy: 'orm/prisma', decision: 'block' },
      { input: 'pnpm db:sync', files: { 'package.json': '{ "scripts": { "db:sync": "drizzle-kit push --force" } }' }, foundBy: 'orm/drizzle-kit', decision: 'block' },
      { input: 'dotenv -e .env.staging -- npx prisma migrate reset --force', files: { '.env.staging': 'DATABASE_URL=postgresql://app:pw@app.cluster-x.eu-west-1.rds.amazonaws.com:5432/app\n' }, foundBy: 'orm/prisma', decision: 'block' },
    ],
    pass: [
      'npm run build',
      'npm run db:migrate',
      'yarn db:generate',
      'pnpm run dev',
      'npm test',
      'NODE_ENV=test npm run db:reset',
      'pnpm install',
      'dotenv -e .env.test -- npm run db:reset',
      'env-cmd -f .env.local npm run dev',
      'npm run typeorm -- migration:run -d src/data-source.ts',
      'npm run prisma -- generate',
      { input: 'npm run db:reset', files: { 'package.json': '{ "scripts": { "db:reset": "node scripts/clear-cache.js" } }' }, note: 'read, and it runs no database tool' },
      { input: 'npm run db:setup', files: { 'package.json': '{ "scripts": { "db:setup": "prisma migrate deploy && prisma db seed" } }' } },
      { input: 'yarn db:drop', files: { 'package.json': '{ "scripts": { "build": "tsc" } }' }, note: 'no such script: yarn fails' },
      { input: 'dotenv -e .env.test -- npx prisma migrate reset --force', files: { '.env.test': 'DATABASE_URL=postgresql://postgres@localhost:5432/app_test\n' } },
    ],
  },
});
