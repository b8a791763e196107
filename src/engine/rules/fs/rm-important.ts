import { defineCommandRule } from '../../rule';
import type { Decision } from '../../types';
import { asksFirst, hasFlag, positionals, resolvePath } from '../../shell/words';
import { importantFile } from './_important';
import type { ImportantKind } from './_important';

const PROD = /(^|[^a-z0-9])(prod|production|prd|live|main|primary)([^a-z0-9]|$)/i;

/** Deleting a dev database or a local env file is sometimes meant (to reset), so it asks; the rest blocks. */
const DECISION: Record<ImportantKind, Decision> = { database: 'ask', env: 'ask', state: 'block', system: 'block', ssh: 'block', 'user-config': 'block' };

export default defineCommandRule({
  meta: {
    id: 'fs/rm-important',
    commands: ['rm', 'unlink'],
    decision: 'block',
    severity: 'high',
    description: 'Deletes a file that cannot be regenerated: Terraform state, a database file, an env file with secrets, SSH keys, /etc configuration.',
    message: 'Deletes {{target}} ({{what}}), which cannot be regenerated',
    safer: 'Move it aside instead (`mv {{target}} {{target}}.bak`) and delete the copy once nothing needs it.',
  },
  check(cmd, ctx) {
    if (asksFirst(cmd, ['i']) || hasFlag(cmd.args, undefined, '--help')) return;
    const cwd = cmd.cwd ?? ctx.cwd;
    for (const arg of positionals(cmd.args)) {
      const file = importantFile(arg, cwd, ctx, 'delete');
      if (!file) continue;
      let decision = DECISION[file.kind];
      const resolved = resolvePath(arg, cwd, ctx.home);
      const outside = resolved !== undefined && ctx.workspaceRoot !== undefined && !resolved.startsWith(ctx.workspaceRoot + '/');
      if (file.kind === 'database' && (PROD.test(arg) || outside || resolved === undefined || cmd.remote)) decision = 'block';
      if (file.kind === 'env' && (PROD.test(arg) || cmd.remote)) decision = 'block';
      ctx.report({ target: file.path, data: { what: file.what }, decision });
    }
  },
  tests: {
    pause: [
      'rm terraform.tfstate',
      'yes | rm -i terraform.tfstate',
      'rm -f infra/prod/terraform.tfstate terraform.tfstate.backup',
      'rm -f prod.db',
      'rm /var/lib/app/data.sqlite3',
      'rm -f ~/.ssh/id_rsa',
      'sudo rm /etc/nginx/nginx.conf',
      'rm .env.production',
      'rm -f "$DATA_DIR/app.db"',
      'ssh app1 "rm -f /srv/app/db.sqlite3"',
      'unlink terraform.tfstate',
      { input: 'rm db.sqlite3', decision: 'ask', note: 'a dev database in the project: sometimes deleted on purpose to reset' },
      { input: 'rm -f .env', decision: 'ask' },
      { input: 'rm terraform.tfstate', cwd: '/tmp/ci/app', note: 'a project checked out under /tmp is still the person\'s work' },
    ],
    pass: [
      'sudo rm /etc/nginx/sites-enabled/default',
      'rm -f test.db',
      'rm -f /tmp/app.db',
      'rm .env.example.bak',
      'rm -f src/db.ts',
      'rm -rf .terraform',
      'rm -i prod.db',
      'rm -f tests/fixtures/app_test.sqlite3',
      'rm ~/.ssh/id_ed25519.pub',
      { input: 'rm -f /tmp/other/terraform.tfstate', cwd: '/tmp/ci/app', note: 'beside the project, in the temp folder' },
    ],
  },
});
