import { defineCommandRule } from '../../rule';
import { positionals } from '../../shell/words';
import { REGENERABLE } from '../fs/_paths';
import { gitFlag, isThrowawayRepo, parseGit } from './_git';

export default defineCommandRule({
  meta: {
    id: 'git/clean-force',
    commands: ['git'],
    decision: 'block',
    severity: 'high',
    description: '`git clean -f` deletes untracked files, which never existed in git (new code, notes, local databases); with `-x`/`-X` it also deletes ignored files such as `.env`.',
    message: 'Deletes untracked files{{ignored}} with `git clean` (they are not in git, so they cannot be restored)',
    safer: 'Preview with `git clean -n -d` first, or delete the specific build folders by name.',
  },
  check(cmd, ctx) {
    const git = parseGit(cmd, cmd.cwd ?? ctx.cwd);
    if (git.sub !== 'clean') return;
    if (isThrowawayRepo(git.cwd, ctx.workspaceRoot)) return; // a scratch clone under /tmp
    const a = git.args;
    if (gitFlag(a, 'n', '--dry-run') || gitFlag(a, 'i', '--interactive')) return;
    const forced = gitFlag(a, 'f', '--force') || /^false$/i.test(git.config['clean.requireforce'] ?? '');
    if (!forced) return; // git refuses to clean without -f (clean.requireForce defaults to true)
    const specs = positionals(a, ['-e', '--exclude']);
    // `git clean -fdx node_modules/ dist/` only touches regenerable folders.
    if (specs.length && specs.every((s) => REGENERABLE.has(s.replace(/^\.\//, '').replace(/\/+$/, '')))) return;
    const ignored = gitFlag(a, 'x') ? ' and ignored files (.env, local databases)' : gitFlag(a, 'X') ? ' that git ignores (.env, local databases, build output)' : '';
    ctx.report({ target: specs.join(' ') || 'the whole working tree', data: { ignored } });
  },
  tests: {
    pause: [
      'git clean -f',
      'git clean -fd',
      'git clean -fdx',
      'git clean -xdf',
      'git clean -ffdx',
      'git clean -d -f -x',
      'git clean --force -d',
      'git clean -fX',
      'git clean -fd src/',
      'git -C /home/dev/project clean -fdx',
      'git -c clean.requireForce=false clean -dx',
      'git reset --hard && git clean -fd',
      "sh -c 'git clean -fdx'",
    ],
    pass: [
      'git clean -n',
      'git clean -nd',
      'git clean --dry-run -dx',
      'git clean -i',
      'git clean -d',
      'git clean -fdx node_modules/ dist/',
      'git status --short',
      'git clean -n -d && git status',
      'git -C /tmp/lib clean -fdx',
      'cd /tmp/repro-1234 && git clean -ffdx && npm ci',
    ],
  },
});
