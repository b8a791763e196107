import { defineCommandRule } from '../../rule';
import { positionals } from '../../shell/words';
import { gitFlag, parseGit } from './_git';

export default defineCommandRule({
  meta: {
    id: 'git/worktree-remove',
    commands: ['git'],
    decision: 'block',
    severity: 'high',
    description: '`git worktree remove --force` deletes a linked worktree together with its uncommitted and untracked files; `git worktree prune` forgets worktrees whose folder is missing.',
    message: 'Deletes the worktree {{target}} even though it has uncommitted or untracked changes',
    safer: 'Run `git -C <worktree> status` and commit or stash there, then `git worktree remove` without `--force`.',
  },
  check(cmd, ctx) {
    const git = parseGit(cmd, cmd.cwd ?? ctx.cwd);
    if (git.sub !== 'worktree') return;
    const [action, ...rest] = git.args;
    if (action === 'remove' && gitFlag(rest, 'f', '--force')) {
      ctx.report({ target: positionals(rest)[0] ?? 'a worktree' });
    } else if (action === 'prune' && !gitFlag(rest, 'n', '--dry-run')) {
      ctx.report({
        target: 'worktrees whose folder is missing',
        decision: 'ask',
        message: 'Forgets linked worktrees whose folder is missing (a worktree on an unmounted disk loses its registration)',
      });
    }
  },
  tests: {
    pause: [
      'git worktree remove --force ../feature-wt',
      'git worktree remove -f /tmp/wt-123',
      'git worktree remove --force --force ../locked-wt',
      'git -C /home/dev/project worktree remove -f ../hotfix',
      { input: 'git worktree prune', decision: 'ask' },
    ],
    pass: [
      'git worktree list',
      'git worktree add ../feature-wt -b feat/wt',
      'git worktree remove ../feature-wt',
      'git worktree prune --dry-run',
      'git worktree lock ../wt',
    ],
  },
});
