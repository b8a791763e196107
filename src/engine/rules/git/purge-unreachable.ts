import { defineCommandRule } from '../../rule';
import { optionValue } from '../../shell/words';
import { gitFlag, parseGit } from './_git';

/** Expiry values that remove the safety net at once (`now`, `all`, `0`, `5.minutes.ago`…). */
const IMMEDIATE = /^(now|all|0|\d+\.?(seconds?|minutes?|hours?)(\.ago)?)$/i;

export default defineCommandRule({
  meta: {
    id: 'git/purge-unreachable',
    commands: ['git'],
    decision: 'block',
    severity: 'high',
    description: 'Removes the safety net that makes git mistakes recoverable: `git reflog expire --expire=now`, `git gc --prune=now`, `git prune`.',
    message: 'Permanently removes {{target}} with `git {{sub}}`',
    safer: 'Leave the default grace periods (plain `git gc`); unreachable commits expire on their own after two weeks.',
  },
  check(cmd, ctx) {
    const git = parseGit(cmd, cmd.cwd ?? ctx.cwd);
    const a = git.args;
    const configNow = ['gc.pruneexpire', 'gc.reflogexpire', 'gc.reflogexpireunreachable'].some((k) => IMMEDIATE.test(git.config[k] ?? ''));
    if (git.sub === 'reflog') {
      if (a[0] === 'delete') {
        ctx.report({ target: 'reflog entries', data: { sub: 'reflog delete' }, decision: 'ask' });
        return;
      }
      if (a[0] !== 'expire' || gitFlag(a, 'n', '--dry-run')) return;
      const expire = optionValue(a, '--expire') ?? optionValue(a, '--expire-unreachable');
      if ((expire !== undefined && IMMEDIATE.test(expire)) || configNow) {
        ctx.report({ target: 'the reflog (the record that lets lost commits be recovered)', data: { sub: 'reflog expire' } });
      }
    } else if (git.sub === 'gc') {
      const prune = optionValue(a, '--prune');
      if ((prune !== undefined && IMMEDIATE.test(prune)) || configNow) {
        ctx.report({ target: 'unreachable commits and objects, with no grace period', data: { sub: 'gc' } });
      }
    } else if (git.sub === 'prune') {
      if (gitFlag(a, 'n', '--dry-run')) return;
      const expire = optionValue(a, '--expire');
      if (expire !== undefined && !IMMEDIATE.test(expire)) return;
      ctx.report({ target: 'every unreachable object (lost commits, dropped stashes)', data: { sub: 'prune' } });
    }
  },
  tests: {
    pause: [
      'git reflog expire --expire=now --all',
      'git reflog expire --expire-unreachable=now --all',
      'git reflog expire --all --expire=all',
      'git gc --prune=now',
      'git gc --prune=now --aggressive',
      'git gc --aggressive --prune=all',
      'git prune',
      'git prune --expire=now',
      'git reflog expire --expire=now --all && git gc --prune=now --aggressive',
      'git -c gc.reflogExpire=now -c gc.pruneExpire=now gc',
      "git filter-branch --index-filter 'git rm --cached --ignore-unmatch a.key' HEAD; git reflog expire --expire=now --all; git gc --prune=now",
      { input: 'git reflog delete HEAD@{1}', decision: 'ask' },
    ],
    pass: [
      'git gc',
      'git gc --aggressive',
      'git gc --auto',
      'git reflog',
      'git reflog show main',
      'git prune -n',
      'git prune --dry-run',
      'git remote prune origin',
      'git fetch --prune',
      'git reflog expire --expire=90.days.ago --all',
    ],
  },
});
