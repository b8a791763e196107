import { defineCommandRule } from '../../rule';
import { hasFlag, positionals, subcommand } from '../../shell/words';
import { BULK_DELETE_MIN } from './bulk-delete';

const WHOLE_TREE = new Set(['.', './', ':/', '*', ':/*']);

export default defineCommandRule({
  meta: {
    id: 'files/bulk-git-rm',
    commands: ['git'],
    decision: 'ask',
    severity: 'medium',
    description: `\`git rm\` of ${BULK_DELETE_MIN} or more paths at once, or \`git rm -r\` of the whole tree, deletes them from disk (forced recursive removals of large folders are git/rm-tracked's).`,
    message: 'Deletes {{target}} from disk and from git',
    safer: 'Use `git rm --cached` to stop tracking without deleting, or delete in small, reviewed steps.',
  },
  check(cmd, ctx) {
    const { name, rest } = subcommand(cmd.args, ['-C', '-c', '--git-dir', '--work-tree', '--namespace']);
    if (name !== 'rm') return;
    if (hasFlag(rest, undefined, '--cached', '--dry-run', '--help') || hasFlag(rest, 'n')) return;
    const recursive = hasFlag(rest, 'r');
    if (recursive && hasFlag(rest, 'f', '--force')) return; // git/rm-tracked judges forced recursive removals
    const paths = positionals(rest, ['--pathspec-from-file']);
    if (paths.length >= BULK_DELETE_MIN) ctx.report({ target: `${paths.length} paths (${paths.slice(0, 3).join(', ')}, …)` });
    else if (recursive && paths.some((p) => WHOLE_TREE.has(p))) ctx.report({ target: 'the whole tree' });
  },
  tests: {
    pause: [
      'git rm src/a.ts src/b.ts src/c.ts src/d.ts src/e.ts src/f.ts src/g.ts src/h.ts src/i.ts src/j.ts',
      'git rm -r .',
      'git rm -r -- :/',
    ],
    pass: [
      'git rm src/old.ts',
      'git rm -r src/legacy',
      'git rm -r --cached .',
      'git rm a b c d e f g h i j --cached',
    ],
  },
});
