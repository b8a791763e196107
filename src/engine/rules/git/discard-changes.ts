import { defineCommandRule } from '../../rule';
import type { Decision } from '../../types';
import { positionals } from '../../shell/words';
import { afterDoubleDash, gitFlag, isThrowawayRepo, isWholeTreeSpec, looksLikeDirSpec, parseGit } from './_git';

const CHECKOUT_VALUE = ['-b', '-B', '--orphan', '--conflict', '--pathspec-from-file'];
const RESTORE_VALUE = ['-s', '--source', '--conflict', '--pathspec-from-file'];

/** Pathspecs named by a checkout: after `--`, or every positional after the first (the tree-ish). */
function checkoutSpecs(args: string[]): string[] {
  const dashed = afterDoubleDash(args);
  if (dashed) return dashed;
  const pos = positionals(args, CHECKOUT_VALUE);
  if (pos.length >= 2) return pos.slice(1);
  return pos.length === 1 && isWholeTreeSpec(pos[0]!) ? pos : [];
}

/** Block for the whole tree, ask for a folder, nothing for single files. */
function judgeSpecs(specs: string[]): { decision: Decision; target: string } | undefined {
  const whole = specs.find(isWholeTreeSpec);
  if (whole !== undefined) return { decision: 'block', target: `${whole} (every file in the working tree)` };
  const dir = specs.find(looksLikeDirSpec);
  if (dir !== undefined) return { decision: dir.endsWith('/') ? 'block' : 'ask', target: `${dir} (every file under it)` };
  return undefined;
}

export default defineCommandRule({
  meta: {
    id: 'git/discard-changes',
    commands: ['git'],
    decision: 'block',
    severity: 'high',
    description: 'Overwrites uncommitted changes in many files at once: `git checkout -- .`, `git checkout -f`, `git restore .`, `git switch --discard-changes`.',
    message: 'Throws away uncommitted changes in {{target}} with `git {{sub}}`',
    safer: 'Keep a copy first (`git stash push -u -m backup`), or restore the single files you mean.',
  },
  check(cmd, ctx) {
    const git = parseGit(cmd, cmd.cwd ?? ctx.cwd);
    const a = git.args;
    if (gitFlag(a, 'p', '--patch')) return; // asks hunk by hunk
    if (isThrowawayRepo(git.cwd, ctx.workspaceRoot)) return; // a scratch clone under /tmp
    let verdict: { decision: Decision; target: string } | undefined;
    if (git.sub === 'checkout') {
      if (gitFlag(a, 'f', '--force')) verdict = { decision: 'block', target: 'the working tree (forced checkout)' };
      else verdict = judgeSpecs(checkoutSpecs(a));
      // During a merge, --ours/--theirs only rewrites the conflicted files.
      if (verdict && gitFlag(a, undefined, '--ours', '--theirs')) verdict = { ...verdict, decision: 'ask' };
    } else if (git.sub === 'restore') {
      const staged = gitFlag(a, 'S', '--staged');
      const worktree = gitFlag(a, 'W', '--worktree');
      if (staged && !worktree) return; // unstages only; the files keep their changes
      verdict = judgeSpecs(afterDoubleDash(a) ?? positionals(a, RESTORE_VALUE));
    } else if (git.sub === 'switch') {
      if (gitFlag(a, 'f', '--force', '--discard-changes')) verdict = { decision: 'block', target: 'the working tree (forced switch)' };
    }
    if (!verdict) return;
    ctx.report({ target: verdict.target, data: { sub: git.sub }, decision: verdict.decision });
  },
  tests: {
    pause: [
      'git checkout -- .',
      'git checkout .',
      'git checkout HEAD -- .',
      'git checkout main -- .',
      'git checkout -f main',
      'git checkout --force feature/login',
      'git checkout -f',
      'git checkout -- :/',
      'git checkout -- src/',
      'git restore .',
      'git restore :/',
      'git restore --worktree --source=HEAD :/',
      'git restore -s HEAD~3 -- .',
      'git restore --staged --worktree .',
      'git restore -- "*"',
      'git switch --discard-changes main',
      'git switch -f develop',
      'git -C services/api checkout -- .',
      "bash -lc 'git checkout . && git clean -fd'",
      { input: 'git checkout -- src', decision: 'ask', note: 'probably a folder' },
      { input: 'git restore lib/components', decision: 'ask' },
      { input: 'git checkout --theirs .', decision: 'ask', note: 'only conflicted files' },
    ],
    pass: [
      'git checkout -- src/app.ts',
      'git checkout src/app.ts',
      'git checkout main',
      'git checkout -b feat/parser',
      'git checkout -b fix/login origin/main',
      'git checkout -',
      'git checkout HEAD~1 -- package.json',
      'git checkout -- Makefile README.md',
      'git restore --staged .',
      'git restore -S src/',
      'git restore src/index.ts',
      'git restore --source=HEAD~2 src/utils/date.ts',
      'git restore -p .',
      'git switch main',
      'git switch -c feat/new-api',
      'git checkout -p',
      'cd /tmp/scratch-clone && git checkout -- .',
      'git -C /tmp/bisect-repo restore .',
    ],
  },
});
