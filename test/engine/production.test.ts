/**
 * Production signals (catalog §0 table): env prefixes and exported variables, CLI flags, hosts and URLs, file names,
 * where a command runs, and the test/ephemeral signals that lower the risk.
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeShell } from '../../src/engine/shell/analyze';
import {
  commandSignals, environmentSignals, mergeSignals, productionFile, targetSignals, tierOf,
} from '../../src/engine/context/production';
import type { SignalConfig, Tier } from '../../src/engine/context/production';

function tier(command: string, config?: SignalConfig): Tier {
  const cmd = analyzeShell(command, { cwd: '/home/dev/project', home: '/home/dev' }).commands.at(-1)!;
  return tierOf(commandSignals(cmd, config));
}

describe('production signals: commands', () => {
  const production: string[] = [
    'NODE_ENV=production x', 'RAILS_ENV=production x', 'RACK_ENV=production x', 'APP_ENV=prod x', 'APP_ENV=production x',
    'MIX_ENV=prod x', 'DJANGO_SETTINGS_MODULE=shop.settings.production x', 'FLASK_ENV=production x',
    'ASPNETCORE_ENVIRONMENT=Production x', 'SPRING_PROFILES_ACTIVE=cloud,prod x', 'STAGE=prod x', 'ENV=prod x',
    'TF_WORKSPACE=prod x', 'AWS_PROFILE=prod-admin x', 'AWS_PROFILE=production x', 'KUBECONFIG=~/.kube/prod-config x',
    'PGHOST=db.internal x', 'DATABASE_URL=postgres://u@10.0.0.4/app x', 'PRISMA_USER_CONSENT_FOR_DANGEROUS_AI_ACTION=1 x',
    'DISABLE_DATABASE_ENVIRONMENT_CHECK=1 x',
    'x --prod', 'x --production', 'x --env production', 'x -e production', 'x --stage prod', 'x --context prod-eu',
    'x --kube-context production', 'x -n production', 'x --namespace prod', 'x --profile prod', 'x --project shop-prod',
    'heroku run rails db:migrate --app shop', 'fly deploy -a shop-api', 'x --linked', 'x -w prod', 'x --stack prod',
    'x --environment=production', 'x --settings=shop.settings.prod',
    'x postgres://app@prod-db.internal/app', 'x postgres://u@db.abc.supabase.co/postgres', 'x mysql://u@10.1.2.3/shop',
    'x mongodb+srv://u@cluster0.x.mongodb.net/app', 'x rediss://default@eu1-cat.upstash.io:6379',
    'x postgres://u@my-db.cluster-1.us-east-1.rds.amazonaws.com/app', 'x postgres://u@ep-x.neon.tech/db',
    'x postgres://u@primary.db.internal/app', 'x "postgres://u@localhost/app?sslmode=require"',
    'x --host db.prod.internal', 'x --url=postgres://u@live-db/app',
    'docker compose -f docker-compose.prod.yml down', 'x --env-file .env.production', 'kubectl apply -f k8s/production/',
    'helm upgrade app ./chart -f values-prod.yaml', 'terraform plan -var-file=envs/prod.tfvars',
    'ssh prod-web-1 ls', 'kubectl exec -it api-0 -- ls',
    'rake db:migrate RAILS_ENV=production', 'docker run -e NODE_ENV=production app',
  ];
  for (const c of production) it(`production: ${c}`, () => assert.equal(tier(c), 'production'));

  const test: string[] = [
    'RAILS_ENV=test x', 'NODE_ENV=test x', 'MIX_ENV=test x', 'APP_ENV=testing x', 'x --env test', 'x --env=testing',
    'DJANGO_SETTINGS_MODULE=shop.settings.test x', 'x postgres://localhost/app_test', 'x postgres://127.0.0.1/shop_ci',
    'DATABASE_URL=file:./test.db x', 'DATABASE_URL=sqlite::memory: x', 'x --dry-run', 'x --dryrun', 'x --pretend',
    'x --emulator', 'firebase firestore:delete --all-collections --project demo-shop', 'x --database=testing',
    'dotenv -e .env.test -- x', 'x file:/tmp/scratch.db',
  ];
  for (const c of test) it(`test: ${c}`, () => assert.equal(tier(c), 'test'));

  const local: string[] = [
    'x postgres://localhost/app', 'x postgres://127.0.0.1:5432/app', 'x mysql://root@[::1]/shop', 'PGHOST=localhost x',
    'DATABASE_URL=postgres://host.docker.internal/app x', 'RAILS_ENV=development x', 'NODE_ENV=development x',
    'x --host localhost', 'docker exec db ls', 'x postgresql:///app', 'DATABASE_URL=file:./dev.db x',
  ];
  for (const c of local) it(`local: ${c}`, () => assert.equal(tier(c), 'local'));

  const none: string[] = [
    'ls -la', 'x --env staging', 'x -n 5', 'git commit -m "deploy to production"', 'x --force', 'mysql -e "SELECT * FROM prod.users"',
    'x README.md', 'x src/products/list.ts', 'NODE_ENV=staging x', 'head -n 20 file.txt',
  ];
  for (const c of none) it(`no signal: ${c}`, () => assert.equal(tier(c), 'unknown'));

  it('a production signal beats a test one', () => assert.equal(tier('x postgres://db.prod.internal/app_test'), 'production'));
  it('a test database on localhost is test', () => assert.equal(tier('x postgres://localhost/app_test'), 'test'));
  it('--dry-run=none is not a dry run', () => assert.equal(tier('kubectl delete ns x --dry-run=none'), 'unknown'));
});

describe('production signals: a target selected earlier in the line', () => {
  const production: string[] = [
    'kubectl config use-context prod && x', 'kubectl config use prod-eu; x', 'kubectx prod-eu && x', 'kubens payments-prod && x',
    'kubectl --kubeconfig ~/.kube/config config use-context live-us && x',
    'kubectl config set-context --current --namespace=production && x', 'oc project prod && x',
    'gcloud config set project acme-prod && x', 'gcloud config set core/project acme-prod && x',
    'gcloud config configurations activate prod && x', 'terraform workspace select prod && x',
    'terraform workspace select prod-eu && x', 'tofu workspace new production && x', 'az account set --subscription prod && x',
    'az account set -s acme-production && x', 'pulumi stack select org/app/production && x', 'doctl auth switch --context prod && x',
    'firebase use prod && x', 'kubectx staging && kubectx prod && x',
  ];
  for (const c of production) it(`production: ${c}`, () => assert.equal(tier(c), 'production'));

  const none: string[] = [
    'kubectx && x', 'kubectx - && x', 'kubectx -d prod && x', 'kubectx prod=old-prod-name && x', 'kubectl config get-contexts && x',
    'kubectl config set-context prod --namespace=prod && x', 'gcloud config get-value project && x',
    'terraform workspace list && x', 'terraform workspace show && x', 'az account show && x', 'pulumi stack ls && x',
    'firebase use --add && x', 'echo "kubectx prod" && x',
  ];
  for (const c of none) it(`no signal: ${c}`, () => assert.notEqual(tier(c), 'production'));

  it('a later switch replaces an earlier one', () => assert.equal(tier('terraform workspace select prod && terraform workspace select test && x'), 'test'));
  it('a local context is local', () => assert.equal(tier('kubectx kind-dev && x'), 'unknown'));
});

describe('production signals: environment and targets', () => {
  it('reads exported variables', () => {
    const s = environmentSignals({ NODE_ENV: 'production', HOME: '/home/dev' });
    assert.deepEqual(s.production, ['NODE_ENV=production (in the environment)']);
  });
  it('says which variable a connection came from', () => {
    const s = environmentSignals({ DATABASE_URL: 'postgres://app@db.internal/app' });
    assert.match(s.production[0]!, /^DATABASE_URL \(in the environment\): host db\.internal is a remote machine$/);
  });
  it('skips connection variables when the action names its own target', () => {
    const s = environmentSignals({ DATABASE_URL: 'postgres://app@db.internal/app', RAILS_ENV: 'test' }, { connections: false });
    assert.equal(s.production.length, 0);
    assert.deepEqual(s.test, ['RAILS_ENV=test (in the environment)']);
  });
  it('reads key-value connection strings', () => {
    assert.equal(tierOf(targetSignals('Server=tcp:shop.database.windows.net,1433;Database=shop')), 'production');
    assert.equal(tierOf(targetSignals('Server=localhost;Database=Shop_Test')), 'test');
    assert.equal(tierOf(targetSignals('host=localhost dbname=app')), 'local');
    assert.equal(tierOf(targetSignals('host=db.prod.internal dbname=app')), 'production');
    assert.equal(tierOf(targetSignals('dbname=app')), 'unknown');
    assert.equal(tierOf(targetSignals('Data Source=app.db')), 'local');
  });
  it('reads database files', () => {
    assert.equal(tierOf(targetSignals(':memory:')), 'test');
    assert.equal(tierOf(targetSignals('file:test.db')), 'test');
    assert.equal(tierOf(targetSignals('file:data/app.db')), 'local');
    assert.equal(tierOf(targetSignals('file:/var/lib/app/prod.db')), 'production');
    assert.equal(tierOf(targetSignals('file:storage/production.sqlite3')), 'production');
  });
  it('treats a variable target as unknown, which counts as production', () => {
    assert.equal(tierOf(targetSignals('$DATABASE_URL')), 'production');
  });
  it('honours team-configured production hosts, environment names and files', () => {
    const config: SignalConfig = { hosts: ['db.internal', '*.corp.example'], envNames: ['staging'], files: ['deploy/*.env'] };
    assert.equal(tier('x postgres://u@db.internal/app', config), 'production');
    assert.equal(tier('x --host pg1.corp.example', config), 'production');
    assert.equal(tier('NODE_ENV=staging x', config), 'production');
    assert.equal(tier('x --env-file deploy/eu.env', config), 'production');
  });
  it('merges and de-duplicates', () => {
    const a = { production: ['a'], test: [], local: ['l'] };
    const b = { production: ['a', 'b'], test: ['t'] };
    assert.deepEqual(mergeSignals(a, b), { production: ['a', 'b'], test: ['t'], local: ['l'] });
  });
});

describe('production files', () => {
  const yes = [
    '.env.production', 'apps/web/.env.prod', 'docker-compose.prod.yml', 'deploy/app.prod.yaml', 'charts/api/values-prod.yaml',
    'k8s/production/deployment.yaml', 'overlays/prod/kustomization.yaml', 'terraform/envs/prod/main.tf', 'terraform.tfstate',
    'envs/prod.tfvars', 'config/database.yml', 'config/credentials/production.yml.enc', 'config/master.key',
    'appsettings.Production.json', 'settings/production.py', 'src/main/resources/application-prod.yml', 'Pulumi.prod.yaml',
    'fly.toml', 'vercel.json', '.github/workflows/deploy.yml',
  ];
  for (const f of yes) it(`production: ${f}`, () => assert.ok(productionFile(f)));
  const no = ['.env', '.env.local', '.env.development', 'docker-compose.yml', 'values.yaml', 'k8s/staging/deployment.yaml', 'src/products.ts', 'appsettings.Development.json', '.github/workflows/ci.yml'];
  for (const f of no) it(`not production: ${f}`, () => assert.equal(productionFile(f), undefined));
  it('reads what only the content says', () => {
    assert.ok(productionFile('serverless.yml', 'provider:\n  stage: prod\n'));
    assert.equal(productionFile('serverless.yml', 'provider:\n  stage: dev\n'), undefined);
    assert.ok(productionFile('wrangler.toml', 'name = "api"\n[env.production]\nroute = "x"\n'));
  });
});
