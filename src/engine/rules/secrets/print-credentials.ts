import { defineCommandRule } from '../../rule';
import type { SimpleCommand } from '../../shell/types';
import { flagValue, hasAny, words } from '../cloud/_cli';
import { isSecretVar, outputIsCaptured } from './_secrets';

interface Printer {
  /** Subcommand words (`auth print-access-token`); `a|b` alternatives, `x/*` a prefix. */
  sub: string;
  what: string;
  when?(args: readonly string[], rest: string[]): boolean;
}

const o = (args: readonly string[], ...f: string[]): boolean => hasAny(args, ...f);
const output = (args: readonly string[]): string | undefined => flagValue(args, '-o', '--output');

const PRINTERS: Record<string, { value: string[]; list: Printer[] }> = {
  aws: {
    value: ['--profile', '--region', '--output', '--query', '--endpoint-url', '--secret-id', '--name', '--names', '--path', '--version-stage', '--duration-seconds', '--role-arn', '--role-session-name', '--serial-number', '--token-code', '--user-name'],
    list: [
      { sub: 'configure get', what: 'the AWS secret key', when: (_a, rest) => rest.some((r) => /secret|session_token/i.test(r)) },
      { sub: 'configure export-credentials', what: 'AWS credentials' },
      { sub: 'sts get-session-token|assume-role|assume-role-with-web-identity|assume-role-with-saml|get-federation-token', what: 'temporary AWS credentials' },
      { sub: 'secretsmanager get-secret-value|batch-get-secret-value', what: 'a secret from AWS Secrets Manager' },
      { sub: 'ssm get-parameter|get-parameters|get-parameters-by-path|get-parameter-history', what: 'decrypted SSM parameters', when: (a) => o(a, '--with-decryption') },
      { sub: 'iam create-access-key', what: 'a new AWS secret access key' },
      { sub: 'ecr get-login-password|get-authorization-token', what: 'a registry password' },
      { sub: 'codeartifact get-authorization-token', what: 'a registry token' },
      { sub: 'rds generate-db-auth-token', what: 'a database auth token' },
      { sub: 'kms decrypt', what: 'decrypted data' },
    ],
  },
  gcloud: {
    value: ['--project', '--format', '--account', '--impersonate-service-account', '--secret', '--configuration', '--audiences', '--scopes'],
    list: [
      { sub: 'auth print-access-token|print-identity-token', what: 'a Google Cloud access token' },
      { sub: 'auth application-default print-access-token', what: 'a Google Cloud access token' },
      { sub: 'config config-helper', what: 'a Google Cloud access token' },
      { sub: 'secrets versions access', what: 'a secret from Secret Manager' },
      { sub: 'iam service-accounts keys create', what: 'a new service-account key', when: (_a, rest) => rest.some((r) => /^(-|\/dev\/stdout)$/.test(r)) },
      { sub: 'sql generate-login-token', what: 'a database login token' },
    ],
  },
  az: {
    value: ['--subscription', '--resource', '--resource-type', '--scope', '--tenant', '--output', '-o', '--query', '--name', '-n', '--vault-name', '--resource-group', '-g'],
    list: [
      { sub: 'account get-access-token', what: 'an Azure access token' },
      { sub: 'keyvault secret show|download', what: 'a Key Vault secret', when: (a) => !o(a, '--file', '-f') || flagValue(a, '--file', '-f') === '/dev/stdout' },
      { sub: 'ad sp create-for-rbac', what: 'a new service principal password' },
      { sub: 'ad sp|app credential reset', what: 'a new credential' },
      { sub: 'storage account keys list', what: 'storage account keys' },
      { sub: 'storage account show-connection-string', what: 'a storage connection string' },
      { sub: 'cosmosdb keys list', what: 'Cosmos DB keys' },
      { sub: 'redis list-keys', what: 'Redis access keys' },
      { sub: 'acr credential show', what: 'registry passwords' },
      { sub: 'aks get-credentials', what: 'cluster credentials', when: (a) => flagValue(a, '--file', '-f') === '-' },
    ],
  },
  gh: {
    value: ['-R', '--repo', '-h', '--hostname'],
    list: [
      { sub: 'auth token', what: 'your GitHub token' },
      { sub: 'auth status', what: 'your GitHub token', when: (a) => o(a, '--show-token', '-t') },
    ],
  },
  glab: { value: ['-h', '--hostname'], list: [{ sub: 'auth status', what: 'your GitLab token', when: (a) => o(a, '--show-token', '-t') }] },
  kubectl: {
    value: ['-n', '--namespace', '--context', '--kubeconfig', '-l', '--selector', '--cluster', '--user', '--field-selector', '--sort-by', '--template', '-o', '--output'],
    list: [
      { sub: 'get secret|secrets|secret/*|secrets/*', what: 'Kubernetes secret values', when: (a) => /^(ya?ml|json|jsonpath.*|go-template.*|template.*|custom-columns.*)$/.test(output(a) ?? '') },
      { sub: 'config view', what: 'cluster credentials', when: (a) => o(a, '--raw', '--flatten') },
      { sub: 'create token', what: 'a service-account token' },
    ],
  },
  heroku: {
    value: ['-a', '--app', '-r', '--remote', '-s', '--shell'],
    list: [
      { sub: 'config|config:get', what: 'app config vars (database URLs, API keys)', when: (_a, rest) => rest.length === 0 || rest.some((r) => isSecretVar(r)) },
      { sub: 'auth:token', what: 'your Heroku API token' },
      { sub: 'pg:credentials:url|pg:credentials', what: 'database credentials' },
    ],
  },
  vercel: { value: ['--scope', '-S', '--token', '-t', '--environment', '--git-branch'], list: [{ sub: 'env pull', what: 'environment variables', when: (_a, rest) => rest.some((r) => /^\/dev\/(stdout|stderr|tty)$|^-$/.test(r)) }] },
  netlify: { value: ['--context', '--scope', '--filter'], list: [{ sub: 'env:get', what: 'an environment variable', when: (_a, rest) => rest.some(isSecretVar) }, { sub: 'env:list', what: 'environment variables', when: (a) => o(a, '--plain', '--json') }] },
  railway: { value: ['-s', '--service', '-e', '--environment'], list: [{ sub: 'variables|vars|variable', what: 'service variables', when: (_a, rest) => rest.length === 0 || rest[0] === 'list' }] },
  fly: { value: ['-a', '--app'], list: [{ sub: 'auth token', what: 'your Fly.io token' }, { sub: 'tokens create', what: 'a new Fly.io token' }] },
  flyctl: { value: ['-a', '--app'], list: [{ sub: 'auth token', what: 'your Fly.io token' }, { sub: 'tokens create', what: 'a new Fly.io token' }] },
  security: { value: ['-a', '-s', '-l', '-c', '-D', '-r', '-G', '-j'], list: [{ sub: 'find-generic-password|find-internet-password', what: 'a keychain password', when: (a) => o(a, '-w', '-g') }, { sub: 'dump-keychain', what: 'the keychain', when: (a) => o(a, '-d') }] },
  op: { value: ['--vault', '--account', '--fields', '--format', '--field'], list: [{ sub: 'read', what: 'a 1Password secret' }, { sub: 'item get', what: 'a 1Password item', when: (a) => o(a, '--reveal', '--fields', '--field', '--otp') || flagValue(a, '--format') === 'json' }, { sub: 'inject', what: 'secrets filled into a template', when: (a) => !o(a, '-o', '--out-file') }] },
  vault: { value: ['-field', '-format', '-mount', '-address', '-namespace'], list: [{ sub: 'kv get', what: 'a Vault secret' }, { sub: 'read', what: 'a Vault secret', when: (_a, rest) => rest.some((r) => /secret|kv|database\/creds|aws\/creds/.test(r)) }, { sub: 'token create', what: 'a new Vault token' }, { sub: 'print token', what: 'your Vault token' }] },
  doppler: { value: ['-p', '--project', '-c', '--config', '--format'], list: [{ sub: 'secrets', what: 'Doppler secrets', when: (a, rest) => rest.length === 0 || rest[0] === 'get' || (rest[0] === 'download' && o(a, '--no-file')) }] },
  infisical: { value: ['--env', '--path', '--projectId', '--format'], list: [{ sub: 'secrets', what: 'Infisical secrets', when: (_a, rest) => rest.length === 0 || rest[0] === 'get' }, { sub: 'export', what: 'Infisical secrets', when: (a) => !o(a, '--output-file') }] },
  sops: { value: ['--output', '--extract', '--input-type', '--output-type'], list: [{ sub: '*', what: 'decrypted secrets', when: (a) => o(a, '-d', '--decrypt') && !o(a, '--output', '-i', '--in-place') }] },
  'ansible-vault': { value: ['--vault-id', '--vault-password-file', '--output'], list: [{ sub: 'view', what: 'decrypted vault contents' }, { sub: 'decrypt', what: 'decrypted vault contents', when: (a) => flagValue(a, '--output') === '-' }] },
  pass: { value: [], list: [{ sub: 'show', what: 'a password-store secret', when: (a) => !o(a, '-c', '--clip') }] },
  gpg: { value: ['-o', '--output', '-r', '--recipient', '-u', '--local-user'], list: [{ sub: '*', what: 'decrypted data', when: (a) => o(a, '-d', '--decrypt') && !o(a, '-o', '--output') }, { sub: '*', what: 'a private key', when: (a) => o(a, '--export-secret-keys', '--export-secret-subkeys') && !o(a, '-o', '--output') }] },
  firebase: { value: ['--project', '-P'], list: [{ sub: 'functions:config:get', what: 'function config (API keys)' }, { sub: 'login:ci', what: 'a new CI token' }, { sub: 'functions:secrets:access', what: 'a function secret' }] },
  stripe: { value: ['--project-name', '-p'], list: [{ sub: 'config', what: 'your Stripe keys', when: (a) => o(a, '--list') }] },
  npm: { value: [], list: [{ sub: 'token create', what: 'a new npm token' }, { sub: 'config get|get', what: 'your registry token', when: (_a, rest) => rest.some((r) => /_auth|token/i.test(r)) }] },
  git: { value: ['-C', '-c'], list: [{ sub: 'credential fill', what: 'a stored git password' }, { sub: 'config', what: 'a stored credential', when: (_a, rest) => rest.length === 1 && /(token|password|extraheader|\.pat$)/i.test(rest[0]!) }] },
  wrangler: { value: [], list: [{ sub: 'secret get', what: 'a Worker secret' }] },
};

function subMatches(positional: string[], sub: string): string[] | undefined {
  if (sub === '*') return positional;
  const parts = sub.split(' ');
  if (positional.length < parts.length) return undefined;
  for (let i = 0; i < parts.length; i++) {
    const alts = parts[i]!.split('|');
    const w = positional[i]!;
    if (!alts.some((alt) => alt === w || (alt.endsWith('/*') && w.startsWith(alt.slice(0, -1))))) return undefined;
  }
  return positional.slice(parts.length);
}

/** What a command prints that is a credential, or undefined. */
export function credentialPrinter(cmd: SimpleCommand): string | undefined {
  const table = PRINTERS[cmd.name];
  if (!table) return undefined;
  if (cmd.args.some((a) => a === '--help' || (a === '-h' && cmd.name !== 'gh' && cmd.name !== 'glab'))) return undefined;
  const w = words(cmd.args, table.value);
  for (const p of table.list) {
    const rest = subMatches(w, p.sub);
    if (rest === undefined) continue;
    if (p.when && !p.when(cmd.args, rest)) continue;
    return p.what;
  }
  return undefined;
}

export default defineCommandRule({
  meta: {
    id: 'secrets/print-credentials',
    commands: Object.keys(PRINTERS),
    decision: 'ask',
    severity: 'high',
    description: 'Commands whose output is a credential: cloud access tokens, secret-manager values, decrypted parameters, keychain passwords, Kubernetes secrets as YAML, Heroku config vars. Printed, they end up in the agent\'s transcript.',
    message: '`{{target}}` prints {{what}} into the agent\'s transcript',
    safer: 'Use the credential without printing it: pipe it straight into the command that needs it, or put it in a variable with `$(…)`. To check access, use `aws sts get-caller-identity`, `gh auth status` or `kubectl get secrets` (names only).',
  },
  check(cmd, ctx) {
    if (outputIsCaptured(cmd)) return;
    const what = credentialPrinter(cmd);
    if (!what) return;
    const target = [cmd.name, ...cmd.args].join(' ').slice(0, 100);
    ctx.report({ target, data: { what }, signals: [`its output is ${what}`] });
  },
  tests: {
    pause: [
      'gcloud auth print-access-token',
      'gcloud auth application-default print-access-token',
      'aws configure get aws_secret_access_key',
      'aws configure export-credentials --profile dev',
      'aws sts get-session-token',
      'aws secretsmanager get-secret-value --secret-id prod/db',
      'aws ssm get-parameter --name /app/db-password --with-decryption',
      'aws ecr get-login-password --region us-east-1',
      'az account get-access-token',
      'az keyvault secret show --vault-name kv --name db-password',
      'gh auth token',
      'gh auth status --show-token',
      'kubectl get secret db-creds -o yaml',
      'kubectl get secret db-creds -o jsonpath="{.data.password}"',
      'kubectl -n prod get secrets/api-keys -o json',
      'kubectl config view --raw',
      'heroku config',
      'heroku config -a my-app',
      'heroku config:get DATABASE_URL -a my-app',
      'heroku auth:token',
      'vercel env pull /dev/stdout',
      'security find-generic-password -s github -w',
      'op read op://vault/item/password',
      'vault kv get secret/app',
      'doppler secrets download --no-file',
      'doppler secrets',
      'sops -d secrets.enc.yaml',
      'ansible-vault view group_vars/all/vault.yml',
      'kubectl get secret db-creds -o jsonpath="{.data.password}" | base64 -d',
      'ssh admin@prod "aws secretsmanager get-secret-value --secret-id app"',
    ],
    pass: [
      'aws sts get-caller-identity',
      'aws configure list',
      'aws secretsmanager list-secrets',
      'aws ssm get-parameter --name /app/feature-flag',
      'aws ecr get-login-password --region us-east-1 | docker login --username AWS --password-stdin 123.dkr.ecr.us-east-1.amazonaws.com',
      'curl -H "Authorization: Bearer $(gcloud auth print-access-token)" https://storage.googleapis.com/storage/v1/b',
      'TOKEN=$(gh auth token)',
      'gh auth status',
      'kubectl get secrets',
      'kubectl get secret db-creds',
      'kubectl describe secret db-creds',
      'kubectl config view',
      'kubectl config get-contexts',
      'heroku config:get NODE_ENV -a my-app',
      'heroku config:set FEATURE_X=1 -a my-app',
      'vercel env pull .env.local',
      'op item list',
      'vault kv list secret/',
      'doppler run -- npm start',
      'sops -e -i secrets.yaml',
      'gcloud auth list',
      'az account show',
    ],
  },
});
