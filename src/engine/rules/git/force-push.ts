import { defineCommandRule } from '../../rule';
import type { Decision } from '../../types';
import type { SimpleCommand } from '../../shell/types';
import { readable } from '../../shell/types';
import { positionals } from '../../shell/words';
import { classifyRef, describeRef, gitFlag, parseGit } from './_git';
import type { RefKind } from './_git';

export const PUSH_VALUE = ['--repo', '-o', '--push-option', '--receive-pack', '--exec'];

/** `$(git branch --show-current)`, `$(git rev-parse --abbrev-ref HEAD)`, `$(git symbolic-ref --short HEAD)`: the current branch. */
const CURRENT_BRANCH = /^(\$\(|`)\s*git\s+(branch\s+--show-current|rev-parse\s+--abbrev-ref\s+(HEAD|@)|symbolic-ref\s+(--short\s+(-q\s+)?|-q\s+--short\s+)HEAD)\s*(\)|`)$/;

/** Destination of a refspec: `src:dst` → dst, `src` → src; undefined for the current branch (`HEAD`). */
function destination(spec: string, cmd: SimpleCommand): string | undefined {
  const s = spec.replace(/^\+/, '');
  const dst = s.includes(':') ? s.slice(s.indexOf(':') + 1) : s;
  if (CURRENT_BRANCH.test(readable(dst, cmd))) return undefined;
  return dst === 'HEAD' || dst === '@' || dst === '' ? undefined : dst;
}

const PLAIN: Record<RefKind, Decision> = { protected: 'block', tag: 'block', unknown: 'block', wildcard: 'block', topic: 'ask' };

export default defineCommandRule({
  meta: {
    id: 'git/force-push',
    commands: ['git'],
    decision: 'block',
    severity: 'critical',
    description: 'A force push rewrites history other people have pulled: `-f`, `--force`, `+branch` refspecs, `--mirror`, `--all --force`, and `--force-with-lease` to a shared branch or an unknown one.',
    message: 'Force-pushes over {{target}}, rewriting history others may have pulled',
    safer: 'Push to a new branch and open a pull request; on your own feature branch use `git push --force-with-lease origin <branch>`.',
  },
  check(cmd, ctx) {
    const git = parseGit(cmd, cmd.cwd ?? ctx.cwd);
    if (git.sub !== 'push') return;
    const a = git.args;
    if (gitFlag(a, 'n', '--dry-run')) return;
    if (gitFlag(a, 'd', '--delete')) return; // git/delete-remote-ref
    if (gitFlag(a, undefined, '--mirror')) {
      ctx.report({ target: 'every ref on the remote (--mirror overwrites and deletes to match this repository)' });
      return;
    }
    const force = gitFlag(a, 'f', '--force');
    const lease = gitFlag(a, undefined, '--force-with-lease', '--force-if-includes');
    const specs = positionals(a, PUSH_VALUE).slice(1).filter((s) => !s.startsWith(':'));
    const forcedSpecs = specs.filter((s) => force || lease || s.startsWith('+'));
    if (!force && !lease && forcedSpecs.length === 0) return;
    if ((force || lease) && gitFlag(a, undefined, '--all', '--branches', '--tags')) {
      ctx.report({ target: gitFlag(a, undefined, '--tags') ? 'every tag on the remote' : 'every branch on the remote' });
      return;
    }
    const plainFor = (spec: string | undefined): boolean => force || (spec?.startsWith('+') ?? false);
    const targets = (force || lease) && specs.length === 0 ? [undefined] : forcedSpecs;
    for (const spec of targets) {
      const dst = spec === undefined ? undefined : destination(spec, cmd);
      let decision: Decision;
      let target: string;
      if (dst === undefined) {
        target = 'the current branch (not known until it runs)';
        decision = plainFor(spec) ? 'block' : 'ask';
      } else {
        const kind = classifyRef(dst);
        target = describeRef(dst, kind);
        decision = plainFor(spec) ? PLAIN[kind] : kind === 'topic' ? 'allow' : 'block';
      }
      if (decision === 'allow') continue;
      ctx.report({ target, decision });
    }
  },
  tests: {
    pause: [
      'git push --force',
      'git push -f origin main',
      'git push origin main --force',
      'git push origin +main',
      'git push origin +HEAD:master',
      'git push -f origin feat/x:main',
      'git push --force-with-lease origin main',
      'git push --force-with-lease=main:abc123 origin main',
      'git push --force-with-lease origin release/2.4',
      'git push -f origin production',
      'git push --mirror',
      'git push --mirror git@github.com:acme/app.git',
      'git push --all --force',
      'git push --tags -f',
      'git push -f origin v1.2.0',
      'git push -uf origin develop',
      'git push -f origin HEAD',
      'git push --force origin "$BRANCH"',
      "git filter-branch --tree-filter 'rm -f secrets.txt' HEAD && git push --force",
      'git rebase -i HEAD~5 && git push -f',
      'git commit --amend --no-edit && git push --force origin main',
      '/usr/local/bin/git -C repo push -f origin trunk',
      'git -c push.default=current push -f',
      'ssh ci "cd /srv/repo && git push -f origin master"',
      { input: 'git push -f origin feat/login', decision: 'ask', note: 'plain force to a topic branch' },
      { input: 'git push origin +fix/typo', decision: 'ask' },
      { input: 'git push --force-with-lease', decision: 'ask', note: 'the current branch is not known' },
      { input: 'git push --force-with-lease origin HEAD', decision: 'ask', note: 'the current branch is not known' },
      { input: 'git push --force-with-lease origin "$(git branch --show-current)"', decision: 'ask', note: 'the current branch, by another name' },
      'git push -f origin $(git rev-parse --abbrev-ref HEAD)',
      { input: 'git push --force-with-lease -u origin', decision: 'ask' },
      'git push --force-with-lease origin develop',
      'git push --force-with-lease origin HEAD:trunk',
      'git push --force-with-lease origin prod-hotfix',
      { input: 'git push --force origin fix/typo-in-readme', decision: 'ask' },
    ],
    pass: [
      'git push',
      'git push origin main',
      'git push -u origin feat/x',
      'git push --set-upstream origin fix/login-redirect',
      'git push --force-with-lease origin feat/parser',
      'git push --force-with-lease -u origin fix/login-redirect',
      'git push --force-with-lease=feat/parser origin feat/parser',
      'git rebase origin/main && git push --force-with-lease origin feat/parser',
      'git push --force-with-lease origin HEAD:refs/heads/feat/parser',
      'git push origin --tags',
      'git push -n -f origin main',
      'git push --dry-run --force origin main',
      'git push -o ci.skip origin feat/docs',
      'git commit -m "do not git push --force to main"',
      'echo "git push -f origin main"',
    ],
  },
});
