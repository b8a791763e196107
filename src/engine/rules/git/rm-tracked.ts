import { defineCommandRule } from '../../rule';
import type { Decision } from '../../types';
import { positionals } from '../../shell/words';
import { classifyTarget, describeWidth } from '../fs/_paths';
import type { Width } from '../fs/_paths';
import { gitFlag, isWholeTreeSpec, parseGit } from './_git';

const DECISION: Record<Width['kind'], Decision> = {
  root: 'block', home: 'block', system: 'block', 'workspace-root': 'block', 'workspace-ancestor': 'block', 'git-dir': 'block',
  'unset-variable': 'block', 'home-child': 'block', unknown: 'ask', 'outside-workspace': 'ask', 'workspace-top': 'block', narrow: 'allow',
};

export default defineCommandRule({
  meta: {
    id: 'git/rm-tracked',
    commands: ['git'],
    decision: 'block',
    severity: 'high',
    description: '`git rm -r -f` on the whole tree or a large folder deletes the files from disk, uncommitted edits included (`-f` skips the check that protects them).',
    message: 'Deletes {{target}} ({{what}}) from disk and from git, uncommitted edits included',
    safer: 'Use `git rm -r --cached <path>` to stop tracking without deleting, or remove without `-f` so git refuses when there are local edits.',
  },
  check(cmd, ctx) {
    const git = parseGit(cmd, cmd.cwd ?? ctx.cwd);
    if (git.sub !== 'rm') return;
    const a = git.args;
    if (gitFlag(a, undefined, '--cached') || gitFlag(a, 'n', '--dry-run')) return;
    if (!gitFlag(a, 'f', '--force') || !gitFlag(a, 'r')) return; // without -f git refuses to lose edits
    for (const spec of positionals(a)) {
      // `.` or `:/` is the whole tree of the repository git runs in, wherever that is.
      const info = isWholeTreeSpec(spec)
        ? { width: { kind: 'workspace-root' } as Width, resolved: undefined }
        : classifyTarget(spec, git.cwd, ctx.home, ctx.workspaceRoot);
      const decision = DECISION[info.width.kind];
      if (decision === 'allow') continue;
      ctx.report({ target: info.resolved ?? spec, data: { what: describeWidth(info.width) }, decision });
    }
  },
  tests: {
    pause: [
      'git rm -r -f .',
      'git rm -rf .',
      'git rm -rf src',
      'git rm -rf -- :/',
      'git rm -r --force lib tests',
      'git rm -rf "$DIR"',
      'git -C packages/api rm -rf .',
      { input: 'git rm -rf $(git ls-files -d)', note: 'paths not known until it runs' },
    ],
    pass: [
      'git rm --cached .env',
      'git rm -r --cached .',
      'git rm -r --cached node_modules',
      'git rm src/old.ts',
      'git rm -r src/legacy',
      'git rm -rf dist',
      'git rm -rf src/components/OldWidget',
      'git rm -r -n .',
    ],
  },
});
