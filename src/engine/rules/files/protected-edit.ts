import { defineFileRule } from '../../rule';
import type { Decision, FileAction } from '../../types';
import { classifyFile, type Protection } from './_classify';
import { changeStats, describeChange } from './_content';

const VERB: Record<FileAction['op'], string> = { write: 'Rewrites', edit: 'Edits', create: 'Creates', delete: 'Deletes', rename: 'Moves' };

/** A local env file keeps less than this share of its lines: it was wiped or cut, not edited. */
const LOCAL_ENV_KEEP = 0.5;

/** What an agent's change to a protected file gets (see the table in _classify.ts); undefined = no pause. */
function decide(p: Protection, a: FileAction, asDestination: boolean): Decision | undefined {
  const op = asDestination ? 'write' : a.op;
  switch (p.cls) {
    case 'guard':
      return undefined; // files/tamper-edit judges these
    case 'production-env':
      return op === 'delete' ? 'block' : 'ask';
    case 'production':
    case 'team':
      return 'ask';
    case 'secret':
    case 'state':
      if (op === 'create') return undefined;
      // Moving a file onto a key or state path may create it; only replacing one is certain loss.
      return asDestination ? 'ask' : 'block';
    case 'local-env': {
      if (op === 'delete') return 'ask';
      if (op === 'create' || op === 'rename') return undefined;
      const s = changeStats(a);
      if (s.before === undefined || s.after === undefined || s.before === 0) return undefined;
      return s.after < s.before * LOCAL_ENV_KEEP ? 'ask' : undefined;
    }
  }
}

export default defineFileRule({
  meta: {
    id: 'files/protected-edit',
    decision: 'ask',
    severity: 'high',
    description:
      'An agent writes, edits, moves or deletes a protected file: production env files and configuration (deploy manifests, ' +
      'Kubernetes and Helm production values, production Terraform, deploy workflows), private keys and credential files, ' +
      "infrastructure state, and the files your team lists under `protect` in .blastradius.json.",
    message: '{{verb}} {{target}} ({{what}}): {{change}}',
    safer: 'Let the person make this change, or write the proposed content to a new file (e.g. `{{target}}.proposed`) for review. Blast Radius keeps snapshots of protected files in the editor.',
  },
  check(action, ctx) {
    const o = { cwd: action.cwd ?? ctx.cwd, workspaceRoot: ctx.workspaceRoot, home: ctx.home, protect: ctx.protect };
    const source = classifyFile(action.path, o);
    if (source) {
      const decision = decide(source, action, false);
      if (decision) {
        ctx.report({
          target: source.shown,
          decision,
          severity: decision === 'block' ? 'critical' : 'high',
          data: { verb: VERB[action.op], what: source.what, change: describeChange(action) },
        });
      }
    }
    if (action.op === 'rename' && action.newPath) {
      const dest = classifyFile(action.newPath, o);
      const decision = dest ? decide(dest, action, true) : undefined;
      if (dest && decision) {
        ctx.report({
          target: dest.shown,
          decision,
          message: 'Moves {{source}} over {{target}} ({{what}}); whatever {{target}} held is replaced',
          data: { source: source?.shown ?? action.path, what: dest.what },
        });
      }
    }
  },
  tests: {
    pause: [
      { input: { kind: 'file', op: 'edit', path: '.env.production', oldContent: 'API_URL=https://api.example.com\nDB_PASSWORD=s3cret\n', oldText: 'DB_PASSWORD=s3cret', newContent: 'DB_PASSWORD=changeme' } },
      { input: { kind: 'file', op: 'write', path: '/home/dev/project/config/production.yml', oldContent: 'replicas: 3\n', newContent: 'replicas: 0\n' } },
      { input: { kind: 'file', op: 'create', path: '.env.prod', newContent: 'DEBUG=1\n' }, note: 'a new production env file is still production configuration' },
      { input: { kind: 'file', op: 'delete', path: '.env.production', oldContent: 'A=1\n' }, decision: 'block' },
      { input: { kind: 'file', op: 'edit', path: 'k8s/production/deployment.yaml', oldText: 'replicas: 3', newContent: 'replicas: 0' } },
      { input: { kind: 'file', op: 'edit', path: 'deploy/overlays/prod/kustomization.yaml', oldText: 'a', newContent: 'b' } },
      { input: { kind: 'file', op: 'write', path: 'charts/api/values-prod.yaml', oldContent: 'image: v1\n', newContent: 'image: latest\n' } },
      { input: { kind: 'file', op: 'edit', path: 'infra/terraform/envs/prod/main.tf', oldText: 'deletion_protection = true', newContent: 'deletion_protection = false' } },
      { input: { kind: 'file', op: 'edit', path: 'fly.toml', oldText: 'min_machines_running = 2', newContent: 'min_machines_running = 0' } },
      { input: { kind: 'file', op: 'edit', path: '.github/workflows/deploy.yml', oldText: 'environment: production', newContent: '' } },
      { input: { kind: 'file', op: 'edit', path: 'src/Api/appsettings.Production.json', oldText: '"x"', newContent: '"y"' } },
      { input: { kind: 'file', op: 'write', path: 'docker-compose.prod.yml', oldContent: 'services: {}\n', newContent: 'services:\n  db: {}\n' } },
      { input: { kind: 'file', op: 'edit', path: 'config/database.yml', oldText: 'host: db', newContent: 'host: prod-db' } },
      { input: { kind: 'file', op: 'write', path: 'certs/server.key', oldContent: '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n', newContent: '' }, decision: 'block' },
      { input: { kind: 'file', op: 'delete', path: 'terraform.tfstate', oldContent: '{"version":4}' }, decision: 'block' },
      { input: { kind: 'file', op: 'edit', path: 'infra/terraform.tfstate', oldText: '"serial": 7', newContent: '"serial": 8' }, decision: 'block' },
      { input: { kind: 'file', op: 'delete', path: 'config/master.key' }, decision: 'block' },
      { input: { kind: 'file', op: 'write', path: 'keys/service-account-prod.json', oldContent: '{"type":"service_account"}', newContent: '{}' }, decision: 'block' },
      { input: { kind: 'file', op: 'rename', path: '.env.production', newPath: '.env.production.old' }, note: 'moving it away is a change too' },
      { input: { kind: 'file', op: 'rename', path: 'tmp/new.yml', newPath: 'config/production.yml' }, note: 'moved over a production file' },
      { input: { kind: 'file', op: 'write', path: '.env', oldContent: 'A=1\nB=2\nSTRIPE_KEY=sk_live_x\nDB_URL=postgres://u:p@h/db\n', newContent: '' }, note: 'a local env file wiped: the secrets often exist nowhere else' },
      { input: { kind: 'file', op: 'delete', path: '.env.local', oldContent: 'A=1\n' } },
    ],
    pass: [
      { input: { kind: 'file', op: 'edit', path: 'src/app.ts', oldText: 'a', newContent: 'b' } },
      { input: { kind: 'file', op: 'create', path: 'src/new-feature.ts', newContent: 'export const x = 1;\n' } },
      { input: { kind: 'file', op: 'edit', path: '.env.local', oldContent: 'A=1\nB=2\n', oldText: 'B=2', newContent: 'B=3' }, note: 'local env edits are the developer\'s own' },
      { input: { kind: 'file', op: 'write', path: '.env.development', oldContent: 'A=1\n', newContent: 'A=1\nB=2\n' } },
      { input: { kind: 'file', op: 'edit', path: '.env.production.example', oldText: 'A=', newContent: 'A=\nB=' } },
      { input: { kind: 'file', op: 'edit', path: 'k8s/staging/deployment.yaml', oldText: 'replicas: 1', newContent: 'replicas: 2' } },
      { input: { kind: 'file', op: 'edit', path: 'src/product.yml', oldText: 'a', newContent: 'b' }, note: '"product" is not "prod"' },
      { input: { kind: 'file', op: 'edit', path: 'src/production/report.ts', oldText: 'a', newContent: 'b' }, note: 'source code in a folder named production is not configuration' },
      { input: { kind: 'file', op: 'create', path: 'certs/dev.key', newContent: '-----BEGIN PRIVATE KEY-----\n' }, note: 'a new key loses nothing' },
      { input: { kind: 'file', op: 'edit', path: 'README.md', oldText: 'prod', newContent: 'production' } },
      { input: { kind: 'file', op: 'write', path: '/tmp/scratch/.env.production', oldContent: 'A=1\n', newContent: 'A=2\n' }, note: 'a temp folder' },
      { input: { kind: 'file', op: 'rename', path: '.env', newPath: '.env.bak' } },
      { input: { kind: 'file', op: 'edit', path: 'id_rsa.pub', oldText: 'a', newContent: 'b' } },
    ],
  },
});
