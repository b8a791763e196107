import { defineCommandRule } from '../../rule';
import type { RuleContext } from '../../rule';
import type { SimpleCommand } from '../../shell/types';
import type { Cli } from './_cli';
import { hasAny, judgeCli } from './_cli';

const TOOLS: Record<string, Cli> = {
  stripe: {
    valueOptions: ['--api-key', '-p', '--project-name', '-d', '--data', '--stripe-account', '--stripe-version', '-c', '--color'],
    confirm: ['--confirm', '-c'],
    safer: 'Work in test mode (no `--live`), and look the object up first (`stripe customers retrieve cus_…`).',
    ops: [
      { sub: '* delete', what: 'deletes the Stripe object {{target}}', escalate: (inv) => [inv.has('--live') && '--live acts on real customers and money'] },
      { sub: 'delete', what: 'deletes the Stripe object at {{target}}', escalate: (inv) => [inv.has('--live') && '--live acts on real customers and money'] },
      { sub: 'subscriptions cancel || subscription_schedules cancel || payment_intents cancel', what: 'cancels {{target}}', escalate: (inv) => [inv.has('--live') && '--live acts on real customers and money'] },
      { sub: 'refunds create', what: 'refunds real money', when: (inv) => inv.has('--live') },
    ],
  },
  'jenkins-cli': {
    valueOptions: ['-s', '-auth', '-i', '-webSocket', '-http', '-ssh', '-user'],
    safer: 'Disable the job instead (`disable-job`) and keep its history.',
    ops: [
      { sub: 'delete-job|delete-node|delete-view|delete-builds|delete-credentials|delete-credentials-domain', what: 'deletes {{target}} on the Jenkins server' },
      { sub: 'clear-queue', what: 'clears the build queue' },
    ],
  },
  auth0: {
    valueOptions: ['--tenant', '-t', '--json'],
    confirm: ['--force'],
    ops: [{ sub: 'apps|users|roles|rules|actions|apis|orgs|organizations|tenants delete|rm', what: 'deletes {{target}} from the Auth0 tenant', target: (inv) => inv.rest.join(' ') || undefined }],
  },
  algolia: {
    valueOptions: ['--profile', '-p', '--application-id', '--api-key'],
    confirm: ['-y', '--confirm'],
    ops: [
      { sub: 'indices delete|clear', decision: 'block', what: 'deletes every record of the index {{target}}' },
      { sub: 'objects delete || rules delete || synonyms delete', what: 'deletes records from {{target}}' },
    ],
  },
  sanity: {
    valueOptions: ['--project', '--dataset'],
    confirm: ['--force', '-y', '--yes'],
    ops: [
      { sub: 'dataset delete', decision: 'block', what: 'deletes the dataset {{target}} and every document in it' },
      { sub: 'documents delete', what: 'deletes the documents {{target}}' },
    ],
  },
  contentful: { valueOptions: ['--space-id', '--environment-id'], confirm: ['--yes'], ops: [{ sub: 'space delete', decision: 'block', what: 'deletes the space {{target}} and its content', target: (inv) => inv.value('--space-id') }, { sub: 'space environment delete', what: 'deletes the environment {{target}}', target: (inv) => inv.value('--environment-id') }] },
  vault: {
    valueOptions: ['-address', '-namespace', '-mount', '-versions', '-format'],
    safer: 'Read and back up the secrets first (`vault kv get -format=json`), and delete one version rather than the metadata.',
    ops: [
      { sub: 'secrets disable', decision: 'block', what: 'disables the secrets engine {{target}}, deleting every secret in it' },
      { sub: 'kv metadata delete', decision: 'block', what: 'deletes every version of {{target}}' },
      { sub: 'kv destroy', what: 'destroys versions of {{target}} for good' },
      { sub: 'kv delete', what: 'deletes the latest version of {{target}}' },
      { sub: 'delete', what: 'deletes {{target}}' },
      { sub: 'auth disable', what: 'disables the auth method {{target}} (everyone using it is locked out)' },
      { sub: 'lease revoke', what: 'revokes leases under {{target}}', when: (inv) => inv.has('-prefix', '-force') },
    ],
  },
  consul: { valueOptions: ['-http-addr', '-token', '-datacenter'], ops: [{ sub: 'kv delete', what: 'deletes every key under {{target}}', when: (inv) => inv.has('-recurse'), decision: 'block' }, { sub: 'kv delete', what: 'deletes the key {{target}}' }] },
  'sentry-cli': { valueOptions: ['--org', '-o', '--project', '-p', '--auth-token'], ops: [{ sub: 'releases delete', what: 'deletes the release {{target}}' }] },
};

/** `java -jar jenkins-cli.jar -s URL delete-job X` is jenkins-cli. */
function asJenkins(cmd: SimpleCommand): SimpleCommand | undefined {
  const jar = cmd.args.indexOf('-jar');
  if (cmd.name !== 'java' || jar === -1 || !/jenkins-cli[^/]*\.jar$/.test(cmd.args[jar + 1] ?? '')) return undefined;
  return { ...cmd, name: 'jenkins-cli', rawName: 'jenkins-cli', args: cmd.args.slice(jar + 2) };
}

function check(cmd: SimpleCommand, ctx: RuleContext): void {
  const c = asJenkins(cmd) ?? cmd;
  const cli = TOOLS[c.name];
  if (!cli) return;
  if (c.name === 'stripe' && hasAny(c.args, '--help')) return;
  judgeCli(c, ctx, cli, c.name);
}

export default defineCommandRule({
  meta: {
    id: 'cloud/saas',
    commands: [...Object.keys(TOOLS), 'java'],
    decision: 'ask',
    severity: 'high',
    description: 'Deletes in hosted services reached through their CLIs: Stripe objects (`--live` blocks), Jenkins jobs and credentials, Auth0 tenants and users, Algolia indices, Sanity datasets, Contentful spaces, Vault secrets engines and secret metadata, Consul keys.',
    message: '{{what}}',
    safer: 'Look the object up first, work in test mode or a staging tenant, and back up what is deleted.',
  },
  check,
  tests: {
    pause: [
      'stripe customers delete cus_123',
      { input: 'stripe products delete prod_123 --live', decision: 'block' },
      'stripe subscriptions cancel sub_123',
      { input: 'jenkins-cli -s https://ci.example.com delete-job deploy-prod', decision: 'block' },
      'jenkins-cli -s https://ci.example.com delete-job nightly-build',
      'java -jar jenkins-cli.jar -s https://ci.example.com delete-job nightly',
      'auth0 users delete auth0|123',
      { input: 'algolia indices delete products -y', decision: 'block' },
      { input: 'sanity dataset delete production', decision: 'block' },
      { input: 'vault secrets disable secret/', decision: 'block' },
      { input: 'vault kv metadata delete secret/app', decision: 'block' },
      'vault kv delete secret/app',
      { input: 'consul kv delete -recurse app/', decision: 'block' },
    ],
    pass: [
      'stripe listen --forward-to localhost:3000/webhook',
      'stripe customers list --limit 3',
      'stripe trigger payment_intent.succeeded',
      'jenkins-cli -s https://ci.example.com build deploy-staging',
      'java -jar app.jar --delete-temp',
      'auth0 apps list',
      'algolia indices browse products',
      'sanity dataset list',
      'vault kv list secret/',
      'vault secrets list',
      'consul kv get app/config',
    ],
  },
});
