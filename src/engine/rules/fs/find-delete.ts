import { defineCommandRule } from '../../rule';
import type { Decision } from '../../types';
import type { SimpleCommand } from '../../shell/types';
import type { RuleContext } from '../../rule';
import { classifyTarget, describeWidth } from './_paths';
import type { Width } from './_paths';
import { feedingFind, findDeletions, findOutputFilter, findRoots } from './_find';
import type { FindFilter } from './_find';
import { hasFlag, positionals, subcommand } from '../../shell/words';

/** Decision for a bulk delete under a root of this width when nothing narrows which files go. */
const UNFILTERED: Record<Width['kind'], Decision> = {
  root: 'block', home: 'block', system: 'block', 'workspace-root': 'block', 'workspace-ancestor': 'block', 'git-dir': 'block',
  'unset-variable': 'block', 'home-child': 'block', unknown: 'ask', 'outside-workspace': 'ask', 'workspace-top': 'ask', narrow: 'allow',
};

/** Name patterns of files that are always safe to sweep, even from / (`find / -name '*.pyc' -delete`). */
const JUNK = /^(\*?\.pyc|\*\.py[co]|__pycache__|\.DS_Store|\*~|\*\.swp|\*\.swo|\*\.tmp|\*\.orig|\*\.rej|\*\.bak|Thumbs\.db|\.pytest_cache|node_modules|\*\.o|\*\.class|\.mypy_cache|\._\*)$/;

/** Name patterns that pick out files which cannot be regenerated: databases, env files, state, keys. */
const PRECIOUS = /(\.(db|db3|sqlite|sqlite3|duckdb|tfstate|pem|key|p12|pfx|kdbx)(\*|\.backup)?|^\.env.*|\.env|^id_(rsa|dsa|ecdsa|ed25519)\*?)$/i;
const NOT_PRECIOUS = /(^|[_.-])(test|tests|spec)[_.-]|\.(example|sample|template)$/i;
/** Roots where sweeping those up is as bad as deleting everything. */
const WIDE_FOR_PRECIOUS = new Set<Width['kind']>(['root', 'home', 'system', 'home-child', 'workspace-ancestor', 'unset-variable']);

/** Programs that only filter a listing on its way to `xargs rm` (`grep -v` keeps it broad; `grep x` narrows it). */
const PASS_THROUGH = new Set(['grep', 'egrep', 'fgrep', 'rg', 'sort', 'uniq', 'sed', 'awk', 'cut', 'tr', 'cat', 'tac', 'tail', 'head']);

/** A listing of every file in a folder or repository feeding `xargs rm`; undefined when it is narrowed or unknown. */
function broadListing(cmd: SimpleCommand): { what: string; source: string; decision: Decision } | undefined {
  let p = cmd.stdin?.kind === 'pipe' ? cmd.stdin.producer : undefined;
  for (let hops = 0; p && PASS_THROUGH.has(p.name) && hops < 8; hops++) {
    if ((p.name === 'grep' || p.name === 'egrep' || p.name === 'fgrep' || p.name === 'rg') && !hasFlag(p.args, 'v', '--invert-match')) return undefined;
    if (p.name === 'sed' || p.name === 'awk' || p.name === 'head') return undefined; // may well pick a few lines
    p = p.stdin?.kind === 'pipe' ? p.stdin.producer : undefined;
  }
  if (!p) return undefined;
  if (p.name === 'ls') {
    const named = positionals(p.args).filter((x) => x !== '.' && x !== './');
    return named.length ? undefined : { what: 'every file in the folder', source: 'ls', decision: 'ask' };
  }
  if (p.name === 'git') {
    const git = subcommand(p.args, ['-C', '-c', '--git-dir', '--work-tree']);
    if (git.name !== 'ls-files') return undefined;
    const a = git.rest;
    if (hasFlag(a, 'd', '--deleted') || hasFlag(a, 'u', '--unmerged') || hasFlag(a, 'k', '--killed')) return undefined;
    const others = hasFlag(a, 'o', '--others');
    // With `-i` (ignored) the untracked files it lists are build output; still the whole tree.
    if (positionals(a, ['-x', '--exclude', '-X', '--exclude-from', '--exclude-per-directory', '--format', '--with-tree']).length) return undefined;
    if (others) return { what: 'every untracked file (they are not in git, so they cannot be restored)', source: 'git ls-files --others', decision: 'block' };
    return { what: hasFlag(a, 'm', '--modified') ? 'every modified file' : 'every tracked file, with their uncommitted changes', source: 'git ls-files', decision: 'ask' };
  }
  return undefined;
}

function judge(find: SimpleCommand, filter: FindFilter, how: string, ctx: RuleContext): void {
  const args = find.args;
  const cwd = find.cwd ?? ctx.cwd;
  for (const root of findRoots(args)) {
    const info = classifyTarget(root, cwd, ctx.home, ctx.workspaceRoot);
    let decision = UNFILTERED[info.width.kind];
    if (filter === 'name') {
      // A name filter narrows the sweep; only a sweep of the whole system for a non-junk pattern stays suspicious.
      const names = args.filter((_, i) => /^-i?(name|path|wholename|regex)$/.test(args[i - 1] ?? ''));
      const wide = info.width.kind === 'root' || info.width.kind === 'system';
      decision = wide && !names.every((n) => JUNK.test(n.replace(/^\*\//, ''))) ? 'ask' : 'allow';
      // `-name "*.db"`, `-name ".env*"`: the filter selects exactly the files that cannot come back.
      const precious = names.map((n) => n.replace(/^.*\//, '')).filter((n) => PRECIOUS.test(n) && !NOT_PRECIOUS.test(n));
      const forTests = names.some((n) => /(^|[/*_.-])(test|tests|spec|fixtures?|tmp)([/*_.-]|$)/i.test(n));
      if (precious.length && !forTests && info.width.kind !== 'narrow') decision = WIDE_FOR_PRECIOUS.has(info.width.kind) ? 'block' : 'ask';
    } else if (filter === 'age' && decision === 'block' && info.width.kind !== 'root') {
      decision = 'ask'; // retention clean-up (`-mtime +30`): still wide, but not everything
    }
    if (decision === 'allow') continue;
    if (decision === 'ask' && find.wrappers.some((w) => w === 'sudo' || w === 'doas') && filter === 'none') decision = 'block';
    ctx.report({
      target: info.resolved ?? root,
      data: { what: describeWidth(info.width), how, filter: filter === 'none' ? 'every file' : filter === 'age' ? 'every file old or large enough' : 'matching files' },
      decision,
    });
  }
}

export default defineCommandRule({
  meta: {
    id: 'fs/find-delete',
    commands: ['find', 'rm', 'unlink'],
    decision: 'block',
    severity: 'critical',
    description: 'Bulk deletes through `find` (`-delete`, `-exec rm`, `| xargs rm`) under a wide root (/, the home folder, the project) without a name filter.',
    message: 'Deletes {{filter}} under {{target}} ({{what}}) with `find {{how}}`',
    safer: 'Filter by name (`-name \'*.pyc\'`), preview with `-print` first, and start from the folder that has to be cleaned.',
  },
  check(cmd, ctx) {
    if (cmd.name === 'find') {
      for (const d of findDeletions(cmd.args)) judge(cmd, d.filter, d.how, ctx);
      return;
    }
    // `find … | xargs rm`: the deleted paths are what find prints.
    if (!cmd.wrappers.includes('xargs')) return;
    const find = feedingFind(cmd);
    if (find) {
      judge(find, findOutputFilter(find.args), `| xargs ${cmd.name}`, ctx);
      return;
    }
    // `git ls-files | xargs rm`, `ls | grep -v keep | xargs rm`: every file the listing prints goes.
    const listing = broadListing(cmd);
    if (listing) ctx.report({ target: listing.what, decision: listing.decision, message: `Deletes ${listing.what} with \`${listing.source} | xargs ${cmd.name}\`` });
  },
  tests: {
    pause: [
      'find / -delete',
      'find ~ -type f -delete',
      'find . -type f -delete',
      'find . -mindepth 1 -delete',
      'find . ! -name keep.txt -delete',
      "find . -not -name '*.md' -delete",
      'find $HOME -exec rm -rf {} +',
      'find /home/dev -type f -exec rm -f {} \\;',
      'find / -type f | xargs rm -f',
      'find . -type f -print0 | xargs -0 rm',
      'find "$DIR" -delete',
      'find /var -type f -delete',
      "find . -name '*.pyc' -o -type f -delete",
      'sudo find / -mtime +30 -delete',
      'cd / && find . -delete',
      'ssh web1 "find /srv -type f -delete"',
      { input: 'find src -type f -delete', decision: 'ask', note: 'a top-level project folder' },
      { input: 'find /var/log -mtime +7 -delete', decision: 'ask', note: 'retention clean-up of a system folder' },
      { input: "find / -name '*.conf' -delete", decision: 'ask' },
      { input: 'find ../other -type f -delete', cwd: '/home/dev/project/sub', decision: 'ask' },
      'find ~/projects -name "*.db" -delete',
      { input: 'git ls-files | xargs rm -f', decision: 'ask' },
      'git ls-files --others --exclude-standard -z | xargs -0 rm -f',
      { input: 'ls | grep -v keep.txt | xargs rm', decision: 'ask' },
      "find ~ -name '.env*' -exec rm {} +",
      { input: "find . -name '*.sqlite3' -delete", decision: 'ask', note: 'every database file of the project' },
      { input: 'find . -name "*.tfstate*" | xargs rm -f', decision: 'ask' },
    ],
    pass: [
      "find . -name '*.pyc' -delete",
      'find . -name __pycache__ -type d -prune -exec rm -rf {} +',
      'find . -name node_modules -type d -prune -exec rm -rf {} +',
      "find . -name '.DS_Store' -delete",
      "find . -type f -name '*.orig' -exec rm {} \\;",
      'find . -type d -empty -delete',
      "find . \\( -name '*.pyc' -o -name '*.pyo' \\) -delete",
      "find . -name '*.log' | xargs rm -f",
      "find . -name '*.tmp' -print0 | xargs -0 rm -f",
      'find . -type f -print',
      "find . -name '*.ts' | xargs grep -l TODO",
      'find src -name "*.test.ts" | wc -l',
      'find /tmp/build-123 -delete',
      'find build -type f -delete',
      "find / -name '*.pyc' -delete 2>/dev/null",
      'find . -maxdepth 2 -type f -name "*.go" -exec gofmt -l {} +',
      "find . -path ./node_modules -prune -o -name '*.js' -print",
      "find . -name 'test_*.db' -delete",
      'find . -name "*.db" -path "*/test/*" -delete',
      "find /tmp/run-42 -name '*.db' -delete",
      "find build -name '*.sqlite3' -delete",
      "find . -name '*.key.example' -delete",
      'git ls-files -d | xargs rm -f',
      "git ls-files '*.orig' | xargs rm",
      'ls *.tmp | xargs rm',
      "ls | grep '\\.bak$' | xargs rm",
      'cat stale-files.txt | xargs rm -f',
    ],
  },
});
