import { defineCommandRule } from '../../rule';
import type { Decision } from '../../types';
import type { SimpleCommand } from '../../shell/types';
import type { RuleContext } from '../../rule';
import { classifyTarget, describeWidth } from './_paths';
import type { Width } from './_paths';
import { feedingFind, findDeletions, findOutputFilter, findRoots } from './_find';
import type { FindFilter } from './_find';
import * as path from 'node:path';
import { asksFirst, hasFlag, positionals, subcommand } from '../../shell/words';
import { inGeneratedPlace, inProjectSource, sourceSweepExt, substitutedCommand } from './_source';

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
function broadListing(last: SimpleCommand | undefined): { what: string; source: string; decision: Decision } | undefined {
  let p = last;
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
    const specs = positionals(a, ['-x', '--exclude', '-X', '--exclude-from', '--exclude-per-directory', '--format', '--with-tree']);
    const ext = specs.length ? sourceSweepExt(specs[0]!) : undefined;
    if (ext && specs.every((x) => sourceSweepExt(x) && !inGeneratedPlace(x))) return { what: `every tracked .${ext} file`, source: 'git ls-files', decision: 'ask' };
    if (specs.length) return undefined;
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
      // `-name '*.ts'` in the project: every source file of a language, not junk (paths into dist/ or generated/ are).
      const source = names.find((n) => sourceSweepExt(n));
      const toGenerated = args.some((a, i) => /^-i?(path|wholename)$/.test(args[i - 1] ?? '') && !/^(!|-not)$/.test(args[i - 2] ?? '') && inGeneratedPlace(a));
      if (decision === 'allow' && source && !toGenerated && inProjectSource(root, cwd, ctx.home, ctx.workspaceRoot)) {
        ctx.report({ target: info.resolved ?? root, decision: 'ask', message: `Deletes every ${source.replace(/^.*\*/, '*')} file under {{target}} with \`find {{how}}\`: the project's own source`, data: { how } });
        continue;
      }
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

/** `rm src/*.ts`, `rm -f **\/*.go`: a glob for every source file of a language in a project folder. */
function sourceGlobs(cmd: SimpleCommand, cwd: string | undefined, ctx: RuleContext): void {
  if (asksFirst(cmd, ['i']) || hasFlag(cmd.args, undefined, '--help')) return;
  for (const arg of positionals(cmd.args)) {
    if (arg.includes('$') || !sourceSweepExt(arg)) continue;
    const dir = path.posix.dirname(arg.replace(/^["']|["']$/g, ''));
    if (!inProjectSource(dir, cwd, ctx.home, ctx.workspaceRoot)) continue;
    ctx.report({
      target: dir === '.' ? 'the current folder' : dir,
      decision: 'ask',
      message: `Deletes every ${path.posix.basename(arg)} file in {{target}}, the project's own source`,
      safer: `Name the files that have to go, or check the list first with \`ls ${arg}\`.`,
    });
  }
}

/** What deletes the paths a listing command prints (`find`, `git ls-files`, `ls`, with filters in between). */
function judgeListing(last: SimpleCommand, via: string, ctx: RuleContext): void {
  if (last.name === 'find') {
    judge(last, findOutputFilter(last.args), `(its list deleted by ${via})`, ctx);
    return;
  }
  const listing = broadListing(last);
  if (listing) ctx.report({ target: listing.what, decision: listing.decision, message: `Deletes ${listing.what} with \`${listing.source} | ${via}\`` });
}

const FD_WITH_VALUE = new Set(['-e', '--extension', '-t', '--type', '-E', '--exclude', '-d', '--max-depth', '--min-depth', '--exact-depth', '-S', '--size', '--changed-within', '--changed-before', '--owner', '-j', '--threads', '--max-results', '--base-directory', '--search-path', '-c', '--color', '--ignore-file']);

/** `fd [pattern] [path…] -x rm` read as the find it stands for; undefined when fd does not delete. */
function fdAsFind(cmd: SimpleCommand): { find: SimpleCommand; filter: FindFilter; how: string } | undefined {
  const args = cmd.args;
  const execAt = args.findIndex((a) => /^(-x|--exec|-X|--exec-batch)$/.test(a));
  if (execAt < 0) return undefined;
  const prog = (args.slice(execAt + 1).find((w) => !/^(sudo|doas|command)$/.test(w)) ?? '').replace(/^.*\//, '');
  if (!/^(rm|unlink|shred|srm)$/.test(prog)) return undefined;
  const own = args.slice(0, execAt);
  const pos: string[] = [];
  const tests: string[] = [];
  const searchPaths: string[] = [];
  for (let i = 0; i < own.length; i++) {
    const a = own[i]!;
    if (a === '-e' || a === '--extension') tests.push('-name', `*.${(own[++i] ?? '').replace(/^\./, '')}`);
    else if (a.startsWith('--extension=')) tests.push('-name', `*.${a.slice(12).replace(/^\./, '')}`);
    else if (a === '--search-path' || a === '--base-directory') searchPaths.push(own[++i] ?? '.');
    else if (FD_WITH_VALUE.has(a)) i++;
    else if (!a.startsWith('-')) pos.push(a);
  }
  const [pattern, ...rest] = pos;
  const roots = [...rest, ...searchPaths];
  // fd's pattern is a regex over names: `.` or `^` (or none) matches every file.
  if (pattern && !/^(\.|\^|\.\*|\^\.\*)?$/.test(pattern) && !tests.length) tests.push('-regex', pattern);
  const find: SimpleCommand = { ...cmd, name: 'find', args: [...(roots.length ? roots : ['.']), ...tests] };
  return { find, filter: tests.length ? 'name' : 'none', how: `(through ${cmd.name} ${args.slice(execAt).join(' ')})` };
}

export default defineCommandRule({
  meta: {
    id: 'fs/find-delete',
    commands: ['find', 'fd', 'fdfind', 'rm', 'unlink'],
    decision: 'block',
    severity: 'critical',
    description: 'Bulk deletes through `find` or `fd` (`-delete`, `-exec rm`, `| xargs rm`, `rm $(find …)`) under a wide root (/, the home folder, the project) without a name filter, or of every source file of a language (`-name \'*.ts\'`); deletes of everything `git ls-files` or `ls` lists; and `rm src/*.ts`-style globs over the project\'s source (globs over logs, build output or generated code stay quiet).',
    message: 'Deletes {{filter}} under {{target}} ({{what}}) with `find {{how}}`',
    safer: 'Filter by name (`-name \'*.pyc\'`), preview with `-print` first, and start from the folder that has to be cleaned.',
  },
  check(cmd, ctx) {
    if (cmd.name === 'find') {
      for (const d of findDeletions(cmd.args)) judge(cmd, d.filter, d.how, ctx);
      return;
    }
    if (cmd.name === 'fd' || cmd.name === 'fdfind') {
      const fd = fdAsFind(cmd);
      if (fd) judge(fd.find, fd.filter, fd.how, ctx);
      return;
    }
    const cwd = cmd.cwd ?? ctx.cwd;
    if (!cmd.wrappers.includes('xargs')) sourceGlobs(cmd, cwd, ctx);
    // `rm $(git ls-files)`, `rm -f $(find . -name '*.py')`: the deleted paths are what the substitution prints.
    for (const arg of positionals(cmd.args)) {
      const sub = substitutedCommand(arg, cmd, cwd, ctx.home);
      if (sub) judgeListing(sub, `${cmd.name} $(…)`, ctx);
    }
    // `find … | xargs rm`: the deleted paths are what find prints.
    if (!cmd.wrappers.includes('xargs')) return;
    const find = feedingFind(cmd);
    if (find) {
      judge(find, findOutputFilter(find.args), `| xargs ${cmd.name}`, ctx);
      return;
    }
    // `git ls-files | xargs rm`, `ls | grep -v keep | xargs rm`, `xargs rm < <(git ls-files)`: every file the listing prints goes.
    const producer = cmd.stdin?.kind === 'pipe' ? cmd.stdin.producer : cmd.stdin?.kind === 'file' ? substitutedCommand(cmd.stdin.path, cmd, cwd, ctx.home) : undefined;
    if (producer) judgeListing(producer, `xargs ${cmd.name}`, ctx);
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
      { input: 'find . -name "*.py" | xargs rm', decision: 'ask', note: 'every source file of a language' },
      { input: "find src -name '*.ts' -delete", decision: 'ask' },
      { input: "find . -name '*.go' -not -path './vendor/*' -delete", decision: 'ask' },
      { input: "find lib -iname '*.rb' -exec rm {} +", decision: 'ask' },
      { input: "find . -name '*.sql' -path '*migrations*' -delete", decision: 'ask' },
      { input: "find . -name '*.test.ts' -delete", decision: 'ask', note: 'every test of the project' },
      { input: 'rm -f $(git ls-files)', decision: 'ask' },
      { input: 'rm -f `git ls-files`', decision: 'ask' },
      { input: "rm $(git ls-files '*.ts')", decision: 'ask' },
      { input: "rm -f $(find . -name '*.py')", decision: 'ask' },
      'rm -rf $(git ls-files --others)',
      { input: 'rm -f $(ls)', decision: 'ask' },
      { input: 'xargs rm -f < <(git ls-files)', decision: 'ask' },
      'rm -rf $(find ~ -type f)',
      { input: 'fd -e ts -x rm', decision: 'ask' },
      { input: 'fd . src -t f -X rm -f', decision: 'ask' },
      'fd -t f . ~ -x rm',
      { input: 'rm src/*.ts', decision: 'ask', note: 'every TypeScript file of a folder, with uncommitted changes' },
      { input: 'rm -f **/*.go', decision: 'ask' },
      { input: 'rm -f src/**/*.tsx', decision: 'ask' },
      { input: 'rm app/models/*.rb', decision: 'ask' },
      { input: 'rm -f *.py', decision: 'ask' },
      { input: 'rm -f pkg/*/*.go', decision: 'ask' },
      { input: 'rm -rf lib/*.js', decision: 'ask' },
      { input: 'rm -f tests/*_test.go', decision: 'ask' },
      { input: 'cd backend && rm -f api/*.py', decision: 'ask' },
      { input: 'sudo rm -f src/*.c src/*.h', decision: 'ask' },
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
      "find dist -name '*.js' -delete",
      "find . -name '*.js.map' -not -path './node_modules/*' -delete",
      "find . -name '*.generated.ts' -delete",
      "find . -name '*.pb.go' -delete",
      "find . -name '*.ts' -path '*/__generated__/*' -delete",
      "find /tmp/scratch -name '*.py' -delete",
      "find . -name 'test_*.py' | xargs grep -l fixture",
      "rm -f $(find . -name '*.pyc')",
      "rm -f $(git ls-files --deleted)",
      "rm $(ls *.tmp)",
      "wc -l $(git ls-files '*.ts')",
      "rm -f $(git ls-files 'dist/*.js')",
      'fd -e pyc -x rm',
      "fd -e ts -x prettier --check",
      "fd -e go -E vendor",
      'rm *.log',
      'rm -f dist/*.js',
      'rm logs/*.log',
      'rm -f build/*.o',
      'rm -f *.pyc',
      'rm -f src/*.js.map',
      'rm -f src/*.generated.ts',
      'rm -f api/*_pb2.py',
      'rm -f dist/**/*.d.ts',
      'rm -f tmp/*.ts',
      'rm -f /tmp/*.py',
      'rm -f vendor/*.go',
      'rm -i src/*.ts',
      'rm src/utils/old-helper.ts',
      'rm -f test_*.txt',
      'rm -f src/__generated__/*.ts',
      { input: 'rm -f ~/Downloads/*.py', note: 'outside the project' },
    ],
  },
});
