import { defineCommandRule } from '../../rule';
import { positionals } from '../../shell/words';
import { classifyRef, gitFlag, parseGit, shortRef } from './_git';

/** The branch a forced create-or-reset moves: `branch -f <b> [start]`, `checkout -B <b>`, `switch -C <b>`. */
function movedBranch(sub: string | undefined, a: string[]): string | undefined {
  if (sub === 'branch') {
    if (!gitFlag(a, 'f', '--force') || gitFlag(a, 'd', '--delete') || ['D', 'm', 'M', 'c', 'C'].some((x) => gitFlag(a, x))) return undefined;
    const pos = positionals(a, ['-u', '--set-upstream-to', '--track']);
    return pos.length >= 2 ? pos[0] : undefined; // `git branch -f <b>` alone resets it to HEAD, which must exist already
  }
  const flag = sub === 'checkout' ? '-B' : sub === 'switch' ? '-C' : undefined;
  if (!flag) return undefined;
  const i = a.findIndex((x) => x === flag || (sub === 'switch' && x === '--force-create'));
  // Without a start point it (re)creates the branch where HEAD is: the usual way to start a branch over.
  return i === -1 || positionals(a.slice(i + 2), ['--track']).length === 0 ? undefined : a[i + 1];
}

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
    // `git branch -f main x`, `git checkout -B main x`, `git switch -C main x`: a shared branch is moved, and its
    // commits that are nowhere else are left only in the reflog. Re-creating a topic branch this way is routine.
    const moved = movedBranch(git.sub, a);
    if (moved && classifyRef(moved) === 'protected') {
      ctx.report({ target: `branch ${shortRef(moved)}`, decision: 'ask', message: `Moves the shared branch ${shortRef(moved)} by force; commits on it that are nowhere else are left only in the reflog` });
      return;
    }
    if (git.sub === 'branch') {
      const del = gitFlag(a, 'd', '--delete') || gitFlag(a, 'D');
      const forced = gitFlag(a, 'D') || (del && gitFlag(a, 'f', '--force'));
      if (!forced) return;
      const names = positionals(a);
      const target = names.length ? `branch ${names.map(shortRef).join(', ')}` : 'branches that are not known until it runs';
      ctx.report({ target });
    } else if (git.sub === 'tag') {
      // `git tag -d $(git tag -l)`, `git tag -l | xargs git tag -d`: every local tag, including ones never pushed.
      if (!gitFlag(a, 'd', '--delete')) return;
      const names = positionals(a);
      if (names.length === 0 ? cmd.wrappers.includes('xargs') : names.some((n) => n.includes('$'))) {
        ctx.report({ target: 'local tags that are not known until it runs', decision: 'ask', message: 'Deletes {{target}}; tags that were never pushed are gone' });
      }
    } else if (git.sub === 'update-ref') {
      if (!gitFlag(a, 'd')) {
        // `git update-ref refs/heads/main HEAD~10`: moves a shared branch with no checks, like `git branch -f`.
        const [ref, value] = positionals(a, ['-m']);
        if (ref && value && /^refs\/heads\//.test(ref) && classifyRef(ref.slice(11)) === 'protected') {
          ctx.report({ target: `branch ${ref.slice(11)}`, decision: 'ask', message: `Moves the shared branch ${ref.slice(11)} to ${value} directly; commits on it that are nowhere else are left only in the reflog` });
        }
        return;
      }
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
      { input: 'git branch -f main origin/main', decision: 'ask' },
      { input: 'git checkout -B master origin/master', decision: 'ask' },
      { input: 'git switch -C develop HEAD~3', decision: 'ask' },
      { input: 'git tag -d $(git tag -l)', decision: 'ask' },
      { input: 'git tag -l | xargs git tag -d', decision: 'ask' },
      { input: 'git update-ref refs/heads/main HEAD~10', decision: 'ask' },
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
      'git checkout -B feat/parser origin/feat/parser',
      'git switch -C fix/login',
      'git checkout -B release-notes',
      'git checkout -B main',
      'git branch -f feat/x HEAD~2',
      'git checkout -b main',
      'git tag -d v1.0.0-rc1',
      'git tag -l "v1.*"',
      'git update-ref refs/heads/feat/x origin/feat/x',
    ],
  },
});
