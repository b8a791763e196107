import { defineCommandRule } from '../../rule';
import { positionals } from '../../shell/words';
import { gitFlag, isThrowawayRepo, parseGit } from './_git';

export default defineCommandRule({
  meta: {
    id: 'git/reset-hard',
    commands: ['git'],
    decision: 'block',
    severity: 'high',
    description: '`git reset --hard` (and `--merge`) throws away uncommitted changes, and moving back (`HEAD~n`, `origin/main`) drops commits; `--keep` only moves the branch.',
    message: 'Discards uncommitted changes{{back}} with `git reset {{mode}}`',
    safer: 'Save the work first (`git stash push -u -m backup` or a WIP commit on a branch), then reset.',
  },
  check(cmd, ctx) {
    const git = parseGit(cmd, cmd.cwd ?? ctx.cwd);
    if (git.sub !== 'reset') return;
    if (isThrowawayRepo(git.cwd, ctx.workspaceRoot)) return; // a scratch clone under /tmp
    const mode = ['--hard', '--merge', '--keep'].find((m) => gitFlag(git.args, undefined, m));
    if (!mode) return; // --soft, --mixed and `git reset HEAD <file>` keep the working tree
    const ref = positionals(git.args).find((p) => p !== '--');
    const back = ref !== undefined && ref !== 'HEAD' && ref !== '@';
    ctx.report({
      target: ref ?? 'HEAD',
      data: { mode, back: back ? ` and moves the branch to ${ref}` : '' },
      decision: mode === '--keep' ? 'ask' : 'block',
      message: mode === '--keep' ? `Moves the branch to ${ref ?? 'HEAD'} with \`git reset --keep\` (commits after it are only in the reflog)` : undefined,
    });
  },
  tests: {
    pause: [
      'git reset --hard',
      'git reset --hard HEAD',
      'git reset --hard HEAD~3',
      'git reset --hard origin/main',
      'git fetch origin && git reset --hard origin/main',
      'git -C ../api reset --hard',
      '/usr/bin/git reset --hard @{u}',
      'git -c core.pager=cat reset --hard HEAD^',
      'cd backend && git reset --hard',
      'git reset --merge',
      'git reset -q --hard',
      "bash -c 'git stash && git reset --hard HEAD~1'",
      'ssh build-box "cd /srv/app && git reset --hard origin/main"',
      { input: 'git reset --keep HEAD~1', decision: 'ask' },
      { input: 'git reset --hard origin/main', cwd: '/tmp/project', note: 'the workspace itself is never a throwaway clone, even in /tmp' },
      { input: 'cd "$(mktemp -d -p ~/work)" && git reset --hard', note: 'mktemp outside the temp folder' },
    ],
    pass: [
      'git reset',
      'git reset --soft HEAD~1',
      'git reset HEAD src/app.ts',
      'git reset -- package-lock.json',
      'git reset --mixed HEAD~1',
      'git reset -p',
      'git log --oneline -5',
      'git commit -m "revert: undo the reset --hard from yesterday"',
      'echo "git reset --hard"',
      'git reset --help',
      'cd /tmp && git clone https://github.com/acme/lib.git && cd lib && git reset --hard HEAD~1',
      'cd "$(mktemp -d)" && git clone https://github.com/acme/lib.git . && git reset --hard v1.2.0',
      'git -C /tmp/upstream-check reset --hard origin/main',
    ],
  },
});
