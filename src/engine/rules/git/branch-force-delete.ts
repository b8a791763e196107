import { defineCommandRule } from '../../rule';
import { positionals } from '../../shell/words';
import { gitFlag, parseGit, shortRef } from './_git';

export default defineCommandRule({
  meta: {
    id: 'git/branch-force-delete',
    commands: ['git'],
    decision: 'block',
    severity: 'high',
    description: 'Force-deletes local branches (`git branch -D`, `--delete --force`, `git update-ref -d`): unmerged commits then survive only in the reflog.',
    message: 'Force-deletes {{target}}; commits that are not merged anywhere else are left only in the reflog',
    safer: 'Use `git branch -d <branch>`, which refuses to delete unmerged work.',
  },
  check(cmd, ctx) {
    const git = parseGit(cmd, cmd.cwd ?? ctx.cwd);
    const a = git.args;
    if (git.sub === 'branch') {
      const del = gitFlag(a, 'd', '--delete') || gitFlag(a, 'D');
      const forced = gitFlag(a, 'D') || (del && gitFlag(a, 'f', '--force'));
      if (!forced) return;
      const names = positionals(a);
      const target = names.length ? `branch ${names.map(shortRef).join(', ')}` : 'branches that are not known until it runs';
      ctx.report({ target });
    } else if (git.sub === 'update-ref') {
      if (!gitFlag(a, 'd')) return;
      const ref = positionals(a, ['-m'])[0];
      ctx.report({ target: ref ?? 'a ref', message: `Deletes the ref ${ref ?? ''} directly, without any merge check`.trimEnd() });
    }
  },
  tests: {
    pause: [
      'git branch -D feature/login',
      'git branch -D main',
      'git branch --delete --force old-work',
      'git branch -d -f spike',
      'git branch -df spike',
      'git update-ref -d refs/heads/feature',
      'git update-ref -d refs/tags/v1.0',
      'git branch | grep -v main | xargs git branch -D',
      'git -C ../lib branch -D wip',
      "for b in $(git branch --format='%(refname:short)'); do git branch -D $b; done",
    ],
    pass: [
      'git branch -d feature/login',
      'git branch --delete merged-fix',
      'git branch',
      'git branch -a',
      'git branch -M main',
      'git branch --merged main',
      'git branch -vv',
      'git update-ref refs/heads/feature HEAD',
      'git branch --merged | grep -v main | xargs git branch -d',
    ],
  },
});
