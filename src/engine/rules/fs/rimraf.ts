import { defineCommandRule } from '../../rule';
import type { Decision } from '../../types';
import { positionals } from '../../shell/words';
import { classifyTarget, describeWidth } from './_paths';
import type { Width } from './_paths';

/** Same judgement as fs/rm-recursive: these tools always delete recursively and never ask. */
const DECISION: Record<Width['kind'], Decision> = {
  root: 'block', home: 'block', system: 'block', 'workspace-root': 'block', 'workspace-ancestor': 'block', 'git-dir': 'block',
  'unset-variable': 'block', 'home-child': 'block', unknown: 'ask', 'outside-workspace': 'ask', 'workspace-top': 'ask', narrow: 'allow',
};

export default defineCommandRule({
  meta: {
    id: 'fs/rimraf',
    commands: ['rimraf', 'del-cli', 'rmtrash-force', 'trash-empty'],
    decision: 'block',
    severity: 'critical',
    description: 'Node\'s `rimraf` (and `del-cli`) is `rm -rf` under another name, common in npm scripts and `npx` one-liners: a wide target is deleted recursively without a prompt.',
    message: 'Recursively deletes {{target}} ({{what}}) with `{{name}}`',
    safer: 'Name the exact build or cache folder (`rimraf dist`).',
  },
  check(cmd, ctx) {
    if (cmd.name === 'trash-empty') {
      ctx.report({ target: 'the trash', data: { what: 'files already deleted once, kept for recovery', name: cmd.name }, decision: 'ask' });
      return;
    }
    const targets = positionals(cmd.args, ['--glob', '-G', '--preserve-root']).filter((t) => t !== '{}');
    for (const target of targets) {
      const info = classifyTarget(target, cmd.cwd ?? ctx.cwd, ctx.home, ctx.workspaceRoot);
      const decision = DECISION[info.width.kind];
      if (decision === 'allow') continue;
      ctx.report({ target: info.resolved ?? target, data: { what: describeWidth(info.width), name: cmd.name }, decision });
    }
  },
  tests: {
    pause: [
      'npx rimraf ~',
      'rimraf /',
      'npx rimraf .',
      'pnpm dlx rimraf "$OUT_DIR"',
      'npx del-cli ~/ --force',
      { input: 'npx rimraf src', decision: 'ask' },
    ],
    pass: [
      'npx rimraf dist',
      'rimraf node_modules build coverage',
      'npx rimraf ./.next',
      'npm install -D rimraf',
    ],
  },
});
