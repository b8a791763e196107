import { defineCommandRule } from '../../rule';
import type { Cli } from '../cloud/_cli';
import { judgeCli } from '../cloud/_cli';

const stage = (args: readonly string[]): string | undefined => {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--stage' || a === '-s' || a === '--env' || a === '--environment' || a === '-e') return args[i + 1];
    if (/^--(stage|env|environment)=/.test(a)) return a.slice(a.indexOf('=') + 1);
  }
  return undefined;
};

/** Frameworks that deploy stacks, and the commands that tear them down. */
const TOOLS: Record<string, Cli> = {
  cdk: {
    valueOptions: ['--profile', '-c', '--context', '-a', '--app', '--role-arn', '-o', '--output', '--exclusively'],
    confirm: ['--force', '-f'],
    safer: 'Run `cdk diff` first, make sure stateful resources have `RemovalPolicy.RETAIN` and a snapshot, and destroy one named stack.',
    ops: [
      { sub: 'destroy', what: 'deletes the CloudFormation stacks {{target}} and the resources in them', target: (inv) => (inv.has('--all') ? 'every stack in the app' : inv.rest.join(' ') || 'the app\'s stacks'), escalate: (inv) => [inv.has('--all') && '--all destroys every stack'] },
    ],
  },
  sam: {
    valueOptions: ['--stack-name', '--region', '--profile', '--config-env', '--config-file', '--s3-bucket', '--s3-prefix'],
    confirm: ['--no-prompts'],
    ops: [{ sub: 'delete', what: 'deletes the stack {{target}} and its resources', target: (inv) => inv.value('--stack-name') ?? 'the configured stack' }],
  },
  serverless: {
    valueOptions: ['--stage', '-s', '--region', '-r', '--aws-profile', '--config', '-c', '--param', '--app', '--org'],
    confirm: ['--force'],
    ops: [{ sub: 'remove', what: 'removes the service and every resource it deployed (stage {{target}})', target: (inv) => stage(inv.args) ?? 'the default stage' }],
  },
  sst: {
    valueOptions: ['--stage', '--region', '--profile'],
    ops: [{ sub: 'remove', what: 'removes every resource of stage {{target}}', target: (inv) => stage(inv.args) ?? 'your personal stage' }],
  },
  copilot: {
    valueOptions: ['-n', '--name', '-a', '--app', '-e', '--env'],
    confirm: ['--yes'],
    ops: [
      { sub: 'app delete', what: 'deletes the application {{target}} with every environment and service', target: (inv) => inv.value('-n', '--name') ?? 'the application' },
      { sub: 'env delete', what: 'deletes the environment {{target}}', target: (inv) => inv.value('-n', '--name') ?? 'an environment' },
      { sub: 'svc|job delete', what: 'deletes the service {{target}}', target: (inv) => inv.value('-n', '--name') ?? 'a service' },
    ],
  },
  amplify: {
    valueOptions: ['--app-id'],
    confirm: ['--yes', '-y', '--force'],
    ops: [
      { sub: 'delete', what: 'deletes the Amplify project and all its cloud resources', target: () => 'the Amplify project' },
      { sub: 'env remove', what: 'deletes the Amplify environment {{target}} and its resources' },
    ],
  },
  eb: {
    valueOptions: ['--region', '--profile', '-r'],
    confirm: ['--force'],
    ops: [{ sub: 'terminate', what: 'terminates the Elastic Beanstalk environment {{target}}', target: (inv) => (inv.has('--all') ? 'every environment and the application' : inv.rest[0] ?? 'the current environment'), escalate: (inv) => [inv.has('--all') && '--all deletes the application too'] }],
  },
  cdktf: {
    valueOptions: ['--app', '-a', '--output', '-o', '--var', '--var-file', '--parallelism'],
    confirm: ['--auto-approve'],
    safer: 'Run `cdktf diff` first and destroy one named non-production stack.',
    ops: [{ sub: 'destroy', what: 'destroys the Terraform resources of the stacks {{target}}', target: (inv) => inv.rest.join(' ') || 'the app\'s stacks' }],
  },
  zappa: { valueOptions: [], confirm: ['--yes', '-y'], ops: [{ sub: 'undeploy', what: 'removes the deployed stage {{target}}' }] },
  chalice: { valueOptions: ['--stage', '--profile'], ops: [{ sub: 'delete', what: 'deletes the deployed app (stage {{target}})', target: (inv) => stage(inv.args) ?? 'dev' }] },
  arc: { valueOptions: [], confirm: ['--force'], ops: [{ sub: 'destroy', what: 'destroys the Architect app {{target}}', target: (inv) => inv.value('--app', '--name') ?? 'the app' }] },
  wrangler: {
    valueOptions: ['--name', '--env', '-e', '--config', '-c'],
    confirm: ['--force', '-y', '--skip-confirmation'],
    ops: [
      { sub: 'delete', what: 'deletes the Worker {{target}}', target: (inv) => inv.value('--name') ?? inv.rest[0] ?? 'the configured Worker' },
      { sub: 'd1 delete', what: 'deletes the D1 database {{target}} and its data', decision: 'block' },
      { sub: 'r2 bucket delete', what: 'deletes the R2 bucket {{target}}', decision: 'block' },
      { sub: 'kv namespace delete || kv:namespace delete', what: 'deletes a KV namespace and every key in it', target: (inv) => inv.value('--namespace-id', '--binding') ?? inv.rest[0] ?? 'a namespace', decision: 'block' },
      { sub: 'kv bulk delete || kv:bulk delete', what: 'deletes many KV keys', target: (inv) => inv.rest[0] },
      { sub: 'queues delete', what: 'deletes the queue {{target}}' },
      { sub: 'vectorize delete', what: 'deletes the Vectorize index {{target}} and its vectors', decision: 'block' },
      { sub: 'pages project delete', what: 'deletes the Pages project {{target}}' },
    ],
  },
};
TOOLS.sls = TOOLS.serverless!;
TOOLS['aws-cdk'] = TOOLS.cdk!; // `npx aws-cdk destroy`

export default defineCommandRule({
  meta: {
    id: 'infra/stack-teardown',
    commands: Object.keys(TOOLS),
    decision: 'ask',
    severity: 'critical',
    description: 'Commands of deployment frameworks that delete what they deployed: `cdk destroy`, `cdktf destroy`, `sam delete`, `serverless remove`, `sst remove`, `copilot app delete`, `amplify delete`, `eb terminate`, `wrangler delete` and Cloudflare D1/R2/KV deletes. `--force`/`--yes`, `--all` or a production stage makes it a block.',
    message: '{{what}}',
    safer: 'Diff first (`cdk diff`, `sls info`), make sure databases and buckets are retained or backed up, and remove one named non-production stage.',
  },
  check(cmd, ctx) {
    const cli = TOOLS[cmd.name];
    if (cli) judgeCli(cmd, ctx, cli, cmd.name);
  },
  tests: {
    pause: [
      'cdk destroy',
      'cdk destroy ApiStack',
      { input: 'cdk destroy --all --force', decision: 'block' },
      { input: 'cdk destroy ProdStack', decision: 'block' },
      { input: 'cdk destroy --profile prod', decision: 'block' },
      'sam delete',
      { input: 'sam delete --stack-name app --no-prompts', decision: 'block' },
      'serverless remove',
      { input: 'serverless remove --stage prod', decision: 'block' },
      { input: 'sls remove -s production', decision: 'block' },
      'npx serverless remove --stage dev',
      'sst remove',
      { input: 'sst remove --stage production', decision: 'block' },
      'copilot app delete',
      { input: 'copilot env delete -n prod --yes', decision: 'block' },
      'amplify delete',
      { input: 'amplify delete --force', decision: 'block' },
      { input: 'eb terminate --all --force', decision: 'block' },
      'eb terminate my-env',
      'wrangler delete',
      { input: 'wrangler d1 delete app-db', decision: 'block' },
      { input: 'npx wrangler r2 bucket delete uploads', decision: 'block' },
      { input: 'npx aws-cdk destroy --all -f', decision: 'block' },
      'cdktf destroy',
      { input: 'cdktf destroy --auto-approve', decision: 'block' },
      { input: 'cdktf destroy prod-stack', decision: 'block' },
    ],
    pass: [
      'cdk diff',
      'npx aws-cdk diff',
      'cdktf plan',
      'cdktf synth',
      'cdktf diff prod-stack',
      'cdktf deploy dev-stack --auto-approve',
      'cdk synth',
      'cdk ls',
      'cdk deploy',
      'cdk bootstrap',
      'sam build',
      'sam validate',
      'sam deploy --guided',
      'serverless deploy --stage dev',
      'sls info',
      'sls logs -f handler',
      'sst dev',
      'copilot svc ls',
      'amplify status',
      'eb status',
      'wrangler dev',
      'wrangler deploy',
      'wrangler deploy --env production',
      'cdk deploy --profile prod',
      'wrangler d1 list',
      'wrangler r2 bucket list',
      'npx wrangler tail',
      'cdk destroy --help',
    ],
  },
});
