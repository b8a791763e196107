import { defineCommandRule } from '../../rule';
import type { Decision } from '../../types';
import { asksFirst, hasFlag, positionals } from '../../shell/words';
import { classifyTarget, describeWidth, isCacheDirOutput } from './_paths';
import { readable } from '../../shell/types';
import type { Width } from './_paths';

const DECISION: Record<Width['kind'], Decision> = {
  root: 'block', home: 'block', system: 'block', 'workspace-root': 'block', 'workspace-ancestor': 'block', 'git-dir': 'block',
  'unset-variable': 'block', 'home-child': 'block', unknown: 'ask', 'outside-workspace': 'ask', 'workspace-top': 'ask', narrow: 'allow',
};

export default defineCommandRule({
  meta: {
    id: 'fs/rm-recursive',
    commands: ['rm'],
    decision: 'block',
    severity: 'critical',
    description: 'A recursive delete of a wide or unknown target: /, the home folder, system folders, the project, .git, a path built from a variable that may be empty, or anything outside the project.',
    message: 'Recursively deletes {{target}} ({{what}})',
    safer: 'Name the exact folder that has to go (a build or cache folder), not a parent of it.',
  },
  check(cmd, ctx) {
    if (!hasFlag(cmd.args, 'r', '--recursive') && !hasFlag(cmd.args, 'R')) return;
    if (asksFirst(cmd)) return; // asks before deleting (unless `yes |` answers or a later -f turns it off)
    let targets = positionals(cmd.args);
    if (cmd.wrappers.some((w) => w.startsWith('find '))) targets = targets.filter((t) => t !== '{}'); // fs/find-delete judges find's root
    if (targets.length === 0) {
      if (cmd.wrappers.includes('xargs') && !(cmd.stdin?.kind === 'pipe' && cmd.stdin.producer.name === 'find')) {
        ctx.report({ target: 'the paths another command prints', data: { what: 'targets are not known until it runs' }, decision: 'ask' });
      }
      return;
    }
    const noPreserveRoot = cmd.args.includes('--no-preserve-root');
    for (const target of targets) {
      if (!noPreserveRoot && isCacheDirOutput(readable(target, cmd))) continue; // `rm -rf "$(go env GOCACHE)"`
      const info = classifyTarget(target, cmd.cwd ?? ctx.cwd, ctx.home, ctx.workspaceRoot);
      let decision = noPreserveRoot ? 'block' : DECISION[info.width.kind];
      if (decision === 'allow') continue;
      const signals: string[] = [];
      if (decision === 'ask' && cmd.wrappers.some((w) => w === 'sudo' || w === 'doas')) {
        decision = 'block';
        signals.push('runs as root');
      }
      if (cmd.remote) signals.push(`runs on ${cmd.remote}`);
      const restorable = decision === 'ask' && info.resolved !== undefined;
      ctx.report({
        target: info.resolved ?? target,
        data: { what: describeWidth(info.width) },
        decision,
        signals,
        safer: restorable ? `Move it aside instead (\`mv ${info.resolved} ${info.resolved}.bak\`) and delete it once nothing breaks.` : undefined,
      });
    }
  },
  tests: {
    pause: [
      'rm -rf /',
      'rm -rf --no-preserve-root /',
      'sudo rm -rf /var/lib/postgresql',
      'rm -rf ~',
      'rm -rf ~/',
      'rm -rf $HOME',
      'rm -fr ~/*',
      '/bin/rm -Rf /etc',
      '\\rm -r -f /usr',
      "r''m -rf /opt",
      'rm --recursive --force /home',
      'rm -rf .',
      'rm -rf ./*',
      'rm -rf *',
      { input: 'rm -rf ..', cwd: '/home/dev/project/src' },
      'rm -rf /home/dev/project',
      'rm -rf .git',
      'rm -rf "$DIR"/',
      'rm -rf $X/*',
      'rm -rf ${DIR:-/}',
      'rm -rf tests/ patches/ plan/ ~/',
      'cd / && rm -rf *',
      'rm -rf */',
      'export TARGET=/ && rm -rf "$TARGET"',
      'if [ -d build ]; then D=build; else D=/; fi; rm -rf "$D"',
      'rm -rf "$(go env GOPATH)"',
      'rm -rf ~/.m2',
      'yes | rm -ri ~',
      'rm -rf --interactive=never ~/',
      'rm -i -rf /',
      'busybox rm -rf /',
      'rm -rf .git/objects',
      'rm -rf .git/refs/original',
      { input: 'rm -rf test*', decision: 'ask', note: 'a prefix glob can take tests/ with it' },
      'rm -rf $(git rev-parse --show-toplevel)',
      'bash -c "rm -rf $HOME"',
      "sudo env X=1 bash -c 'rm -rf \"$D\"/'",
      'ssh prod "rm -rf /var/www"',
      'echo done # cleanup\nrm -rf /var/www',
      'echo a#b; rm -rf /',
      'timeout 10 nice -n 5 rm -rf /',
      'rm -rf ~/Documents',
      { input: 'rm -rf src', decision: 'ask' },
      { input: 'rm -rf ../other-project', note: 'a sibling project directly in the home folder' },
      { input: 'rm -rf /data/exports/old', decision: 'ask' },
      { input: 'rm -rf "$BUILD_DIR/cache/x"', decision: 'ask' },
      { input: 'ls | xargs rm -rf', decision: 'ask' },
      { input: 'sudo rm -rf /data/app', note: 'outside the project, as root' },
      { input: 'rm -rf src', cwd: '/tmp/ci/app', decision: 'ask', note: 'a project checked out under /tmp is still the person\'s work' },
      { input: 'rm -rf /tmp/ci/app', cwd: '/tmp/ci/app/lib', note: 'the project itself, from a folder inside it' },
    ],
    pass: [
      'rm -rf node_modules',
      'rm -rf dist build .next coverage',
      'rm -rf node_modules dist build .next coverage',
      'rm -rf /tmp/build-1234',
      'rm -rf "$TMPDIR/scratch"',
      'rm -rf "${DIR:?}/x"',
      'rm -rf src/components/OldWidget',
      'rm -rf __pycache__ .pytest_cache',
      'rm -ri /',
      'rm -f package-lock.json',
      'rm -rf package-lock.json',
      'rm file.txt',
      'echo "rm -rf /"',
      'grep -r "rm -rf" .',
      'git commit -m "rm -rf the old build folder"',
      "echo '$(rm -rf x)'",
      'rm --help',
      'rm -rf ~/.cache/pip',
      'rm -rf /home/dev/project/build',
      'cd /home/dev/project/packages/web && rm -rf dist',
      'rmdir empty-folder',
      'rm -rf build/ dist/ *.egg-info',
      'rm -rf .eggs/ *.egg-info/ pip-wheel-metadata',
      'rm -rf ./*.log',
      'rm -rf "$(go env GOCACHE)"',
      'OUT=dist && rm -rf "$OUT" && mkdir -p "$OUT"',
      'TMP=$(mktemp -d) && git clone -q https://github.com/acme/lib.git "$TMP" && rm -rf "$TMP"',
      'rm -rf "$(npm config get cache)/_cacache"',
      'rm -rf ~/.npm/_cacache ~/.gradle/caches ~/.m2/repository/com/acme',
      'rm -rf ~/Library/Developer/Xcode/DerivedData',
      'rm -rfi ~/old-projects',
      'rm -rf .git/rebase-merge',
      { input: 'rm -rf build /tmp/ci/scratch', cwd: '/tmp/ci/app', note: 'the build output, and a temp folder beside the project' },
    ],
  },
});
