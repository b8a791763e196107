/**
 * Workspace signals: the default database of ORM commands from .env files and tool configs, the kube context, the
 * Terraform workspace, the git branch; lazy, cached with an mtime check, injectable, and wired into ctx.signals().
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeShell } from '../../src/engine/shell/analyze';
import { evaluate } from '../../src/engine/evaluate';
import type { Decision, Verdict } from '../../src/engine/types';
import { tierOf } from '../../src/engine/context/production';
import {
  cachedFile, databaseDefault, envFileChain, gitBranch, kubeContext, memoryReader, parseDotenv, terraformWorkspace,
  workspaceSignals, yamlSections,
} from '../../src/engine/context/workspace';

const ROOT = '/ws/app';
const HOME = '/home/dev';

function signalsOf(command: string, files: Record<string, string>, env: Record<string, string> = {}) {
  const cmd = analyzeShell(command, { cwd: ROOT, home: HOME }).commands.at(-1)!;
  return workspaceSignals(cmd, { root: ROOT, cwd: ROOT, home: HOME, env, reader: memoryReader(files) });
}

function run(command: string, files: Record<string, string>, env: Record<string, string> = {}): Verdict {
  return evaluate({ kind: 'shell', command, cwd: ROOT }, { env, home: HOME, workspaceRoot: ROOT, reader: memoryReader(files) });
}

function decisionOf(command: string, files: Record<string, string>, env: Record<string, string> = {}): Decision {
  return run(command, files, env).decision;
}

describe('dotenv parsing', () => {
  it('reads KEY=value, export, quotes and comments', () => {
    const vars = parseDotenv('# c\nexport A=1\nB="two words" # c\nC=\'x#y\'\nD=plain # trailing\n  E = spaced\n');
    assert.deepEqual([...vars], [['A', '1'], ['B', 'two words'], ['C', 'x#y'], ['D', 'plain'], ['E', 'spaced']]);
  });
  it('orders env files the dotenv-flow way', () => {
    assert.deepEqual(envFileChain('development'), ['.env.development.local', '.env.local', '.env.development', '.env']);
    assert.deepEqual(envFileChain('test'), ['.env.test.local', '.env.test', '.env']);
  });
});

describe('default database of ORM commands', () => {
  it('a remote DATABASE_URL in .env is production', () => {
    const s = signalsOf('npx prisma migrate reset --force', { [`${ROOT}/.env`]: 'DATABASE_URL=postgresql://app:pw@db.prod.internal:5432/app\n' });
    assert.equal(tierOf(s), 'production');
    assert.match(s.production[0]!, /^DATABASE_URL in \.env: host db\.prod\.internal looks like production$/);
  });
  it('a loopback DATABASE_URL is development, a *_test one is test', () => {
    assert.equal(tierOf(signalsOf('npx prisma migrate reset', { [`${ROOT}/.env`]: 'DATABASE_URL=postgresql://postgres@localhost:5432/app' })), 'local');
    assert.equal(tierOf(signalsOf('npx prisma migrate reset', { [`${ROOT}/.env`]: 'DATABASE_URL=postgresql://postgres@localhost:5432/app_test' })), 'test');
  });
  it('.env.local wins over .env for tools that read the dotenv-flow chain', () => {
    const files = { [`${ROOT}/.env`]: 'DATABASE_URL=postgres://u@db.prod.internal/app', [`${ROOT}/.env.local`]: 'DATABASE_URL=postgres://localhost/app' };
    assert.equal(tierOf(signalsOf('npx knex migrate:rollback', files)), 'local');
  });
  it('follows prisma/schema.prisma to the variable it names, or its literal URL', () => {
    const files = {
      [`${ROOT}/prisma/schema.prisma`]: 'datasource db {\n  provider = "postgresql"\n  url = env("PRIMARY_DB")\n}\n',
      [`${ROOT}/.env`]: 'DATABASE_URL=postgres://localhost/app\nPRIMARY_DB=postgres://u@10.2.3.4/app\n',
    };
    assert.equal(tierOf(signalsOf('npx prisma migrate reset', files)), 'production');
    const literal = { [`${ROOT}/prisma/schema.prisma`]: 'datasource db {\n  provider = "sqlite"\n  url = "file:./dev.db"\n}\n' };
    assert.equal(tierOf(signalsOf('npx prisma migrate reset', literal)), 'local');
  });
  it('reads config/database.yml for Rails, with anchors and ERB', () => {
    const yml = [
      'default: &default', '  adapter: postgresql', '  host: <%= ENV.fetch("DB_HOST") { "localhost" } %>', '',
      'development:', '  <<: *default', '  database: shop_development', '',
      'test:', '  <<: *default', '  database: shop_test', '',
      'production:', '  <<: *default', '  url: <%= ENV["DATABASE_URL"] %>',
    ].join('\n');
    const files = { [`${ROOT}/config/database.yml`]: yml };
    assert.deepEqual(yamlSections(yml).get('development')?.get('database'), 'shop_development');
    assert.equal(tierOf(signalsOf('bin/rails db:reset', files)), 'local');
    assert.equal(tierOf(signalsOf('RAILS_ENV=test bin/rails db:reset', files)), 'test');
    assert.equal(tierOf(signalsOf('bin/rails db:reset', files, { DB_HOST: 'db.internal' })), 'production');
  });
  it('reads Laravel .env (APP_ENV, DB_HOST, sqlite)', () => {
    assert.equal(tierOf(signalsOf('php artisan migrate:fresh', { [`${ROOT}/.env`]: 'APP_ENV=local\nDB_HOST=127.0.0.1\nDB_DATABASE=shop' })), 'local');
    assert.equal(tierOf(signalsOf('php artisan migrate:fresh', { [`${ROOT}/.env`]: 'APP_ENV=production\nDB_HOST=127.0.0.1' })), 'production');
    assert.equal(tierOf(signalsOf('php artisan migrate:fresh', { [`${ROOT}/.env`]: 'DB_CONNECTION=sqlite\nDB_DATABASE=/tmp/test.sqlite' })), 'test');
  });
  it('reads Ecto config/<env>.exs', () => {
    const files = { [`${ROOT}/config/dev.exs`]: 'config :shop, Shop.Repo,\n  username: "postgres",\n  hostname: "localhost",\n  database: "shop_dev"\n' };
    assert.equal(tierOf(signalsOf('mix ecto.reset', files)), 'local');
  });
  it('reads sequelize config/config.json, alembic.ini, flyway.conf, appsettings and Convex deployments', () => {
    assert.equal(tierOf(signalsOf('npx sequelize-cli db:drop', { [`${ROOT}/config/config.json`]: '{"development":{"host":"db.internal","database":"shop"}}' })), 'production');
    assert.equal(tierOf(signalsOf('alembic downgrade base', { [`${ROOT}/alembic.ini`]: '[alembic]\nsqlalchemy.url = postgresql://u@localhost/app\n' })), 'local');
    assert.equal(tierOf(signalsOf('flyway clean', { [`${ROOT}/flyway.conf`]: 'flyway.url=jdbc:postgresql://prod-db:5432/app\n' })), 'production');
    assert.equal(tierOf(signalsOf('dotnet ef database drop', { [`${ROOT}/appsettings.Development.json`]: '{"ConnectionStrings":{"Default":"Server=localhost;Database=Shop"}}' })), 'local');
    assert.equal(tierOf(signalsOf('npx convex import --replace x.jsonl', { [`${ROOT}/.env.local`]: 'CONVEX_DEPLOYMENT=prod:happy-otter-1' })), 'production');
  });
  it('does not read the workspace when the command names its own database', () => {
    const reader = memoryReader({ [`${ROOT}/.env`]: 'DATABASE_URL=postgres://u@db.prod.internal/app' });
    const cmd = analyzeShell('DATABASE_URL=postgres://localhost/app_test npx prisma migrate reset', { cwd: ROOT, home: HOME }).commands[0]!;
    const s = workspaceSignals(cmd, { root: ROOT, cwd: ROOT, home: HOME, env: {}, reader });
    assert.equal(s.production.length + s.test.length, 0);
    assert.equal(reader.reads, 0);
  });
  it('an exported DATABASE_URL wins over .env (the tools do not override it)', () => {
    assert.equal(databaseDefault('prisma', ROOT, { DATABASE_URL: 'postgres://localhost/x' }, memoryReader({ [`${ROOT}/.env`]: 'DATABASE_URL=postgres://u@db.internal/app' })), undefined);
  });
});

describe('kube context, terraform workspace, git branch', () => {
  it('reads the current kube context from $KUBECONFIG or ~/.kube/config', () => {
    const files = { [`${HOME}/.kube/config`]: 'apiVersion: v1\ncurrent-context: prod-eu-1\ncontexts: []\n', '/k/dev': 'current-context: kind-dev\n' };
    assert.equal(kubeContext({}, HOME, memoryReader(files)), 'prod-eu-1');
    assert.equal(kubeContext({ KUBECONFIG: '/k/dev' }, HOME, memoryReader(files)), 'kind-dev');
    assert.equal(tierOf(signalsOf('kubectl delete ns shop', files)), 'production');
    assert.equal(tierOf(signalsOf('kubectl --context kind-dev delete ns shop', files)), 'unknown');
    assert.equal(tierOf(signalsOf('kubectl delete ns shop', files, { KUBECONFIG: '/k/dev' })), 'local');
  });
  it('reads the terraform workspace', () => {
    const files = { [`${ROOT}/.terraform/environment`]: 'prod\n' };
    assert.equal(terraformWorkspace(ROOT, memoryReader(files)), 'prod');
    assert.equal(tierOf(signalsOf('terraform destroy', files)), 'production');
    assert.equal(tierOf(signalsOf('terraform destroy', { [`${ROOT}/.terraform/environment`]: 'default' })), 'unknown');
  });
  it('reads the git branch, following a worktree .git file', () => {
    assert.equal(gitBranch(ROOT, memoryReader({ [`${ROOT}/.git/HEAD`]: 'ref: refs/heads/feature/x\n' })), 'feature/x');
    assert.equal(gitBranch(ROOT, memoryReader({ [`${ROOT}/.git`]: 'gitdir: ../.git/worktrees/app\n', '/ws/.git/worktrees/app/HEAD': 'ref: refs/heads/production\n' })), 'production');
    assert.equal(tierOf(signalsOf('git push --force', { [`${ROOT}/.git/HEAD`]: 'ref: refs/heads/production\n' })), 'production');
  });
  it('reads nothing for commands outside those domains', () => {
    const reader = memoryReader({ [`${ROOT}/.env`]: 'DATABASE_URL=postgres://u@db.prod.internal/app' });
    const cmd = analyzeShell('ls -la', { cwd: ROOT, home: HOME }).commands[0]!;
    workspaceSignals(cmd, { root: ROOT, cwd: ROOT, home: HOME, env: {}, reader });
    assert.equal(reader.reads, 0);
  });
});

describe('caching', () => {
  it('parses a file once and re-reads it when its mtime changes', () => {
    const file = `${ROOT}/.env`;
    const reader = memoryReader({ [file]: 'A=1' });
    let parses = 0;
    const parse = (t: string): string => (parses++, t);
    assert.equal(cachedFile(reader, file, 'probe', parse), 'A=1');
    assert.equal(cachedFile(reader, file, 'probe', parse), 'A=1');
    assert.equal(parses, 1);
    reader.files[file] = 'A=22';
    assert.equal(cachedFile(reader, file, 'probe', parse), 'A=22'); // size changed
    reader.touch(file);
    cachedFile(reader, file, 'probe', parse);
    assert.equal(parses, 3);
  });
  it('does not read files larger than 1 MB', () => {
    const file = `${ROOT}/.env`;
    assert.equal(cachedFile(memoryReader({ [file]: 'x'.repeat(1024 * 1024 + 1) }), file, 'probe', (t) => t), undefined);
  });
  it('evaluate() reads the workspace only when a rule asks for signals', () => {
    const reader = memoryReader({ [`${ROOT}/.env`]: 'DATABASE_URL=postgres://u@db.prod.internal/app' });
    evaluate({ kind: 'shell', command: 'npx prisma generate && npm test && ls', cwd: ROOT }, { env: {}, home: HOME, workspaceRoot: ROOT, reader });
    assert.equal(reader.reads, 0);
    evaluate({ kind: 'shell', command: 'npx prisma migrate reset --force', cwd: ROOT }, { env: {}, home: HOME, workspaceRoot: ROOT, reader });
    assert.ok(reader.reads > 0);
  });
});

describe('the same destructive command against test, development and production', () => {
  const env = (url: string): Record<string, string> => ({ [`${ROOT}/.env`]: `DATABASE_URL=${url}\n` });
  const cases: [string, string[]][] = [
    ['npx prisma migrate reset --force', ['prisma']],
    ['bin/rails db:reset', ['rails']],
    ['npx knex migrate:rollback --all', ['knex']],
    ['python manage.py flush --noinput', ['django']],
  ];
  for (const [command] of cases) {
    it(`${command}: allow on a test database, ask on a development one, block on production`, () => {
      assert.equal(decisionOf(command, env('postgres://localhost:5432/app_test')), 'allow');
      assert.equal(decisionOf(command, env('postgres://localhost:5432/app')), 'ask');
      const prod = run(command, env('postgres://app@db.prod.internal:5432/app'));
      assert.equal(prod.decision, 'block');
      const finding = prod.findings.find((f) => f.decision === 'block')!;
      assert.ok(finding.signals?.some((s) => s.includes('db.prod.internal') && s.includes('.env')), JSON.stringify(finding.signals));
    });
  }
  it('with no workspace information the target is unknown, which counts as production', () => {
    const v = run('npx prisma migrate reset --force', {});
    assert.equal(v.decision, 'block');
    assert.ok(v.findings[0]!.signals!.some((s) => /not named/.test(s)));
  });
  it('the ask lists the development signal', () => {
    const v = run('bin/rails db:drop', env('postgres://localhost/shop'));
    assert.equal(v.decision, 'ask');
    assert.ok(v.findings[0]!.signals!.some((s) => /localhost is this machine/.test(s)), JSON.stringify(v.findings[0]!.signals));
  });
});
