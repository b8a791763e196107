import { defineCommandRule } from '../../rule';
import type { Decision } from '../../types';
import { hasFlag, positionals } from '../../shell/words';
import { classifyTarget, describeWidth, REGENERABLE } from './_paths';
import type { Width } from './_paths';

const VALUE = [
  '-e', '--rsh', '--exclude', '--include', '--filter', '-f', '--exclude-from', '--include-from', '--files-from', '--rsync-path',
  '--log-file', '--password-file', '--port', '--timeout', '--bwlimit', '--chmod', '--chown', '--backup-dir', '--suffix', '-T',
  '--temp-dir', '--partial-dir', '--compare-dest', '--link-dest', '--copy-dest', '--max-size', '--min-size', '-M', '--remote-option',
  '--out-format', '--info', '--debug', '--iconv', '--usermap', '--groupmap', '-B', '--block-size', '--modify-window', '--contimeout',
  '--max-delete', '--log-file-format', '--skip-compress', '--checksum-choice', '--compress-choice', '--sockopts',
];
const DELETE = ['--delete', '--delete-before', '--delete-during', '--delete-delay', '--delete-after', '--delete-excluded', '--del', '--delete-missing-args'];

const LOCAL: Record<Width['kind'], Decision> = {
  root: 'block', home: 'block', system: 'block', 'workspace-root': 'block', 'workspace-ancestor': 'block', 'git-dir': 'block',
  'unset-variable': 'block', 'home-child': 'block', unknown: 'ask', 'outside-workspace': 'ask', 'workspace-top': 'ask', narrow: 'allow',
};

/** `host:path`, `user@host:path`, `rsync://…` (but not `C:\…`). */
function remoteOf(arg: string): { host: string; path: string } | undefined {
  const url = /^rsync:\/\/([^/]+)(\/.*)?$/.exec(arg);
  if (url) return { host: url[1]!, path: url[2] ?? '/' };
  const m = /^([^/:]+):(.*)$/.exec(arg);
  return m && m[1]!.length > 1 ? { host: m[1]!.replace(/^.*@/, ''), path: m[2]! } : undefined;
}

/** Build output: a folder tools regenerate, which a deploy mirrors to a server. */
function isBuildOutput(src: string): boolean {
  const last = src.replace(/\/+\.?$/, '').split('/').pop() ?? '';
  return REGENERABLE.has(last) || /^(public|_site|site|www|html|static|export|release)$/.test(last);
}

export default defineCommandRule({
  meta: {
    id: 'fs/rsync-delete',
    commands: ['rsync'],
    decision: 'block',
    severity: 'high',
    description: '`rsync --delete` makes the destination an exact mirror: everything in it that the source lacks is deleted, so a wrong destination (home, /, a backup or data folder) or an empty source wipes it.',
    message: 'Deletes everything in {{target}} ({{what}}) that is not in {{source}}',
    safer: 'Run it with `--dry-run` (`-n`) first and read the "deleting" lines, or add `--backup --backup-dir=...`.',
  },
  check(cmd, ctx) {
    const a = cmd.args;
    if (!hasFlag(a, undefined, ...DELETE)) return;
    if (hasFlag(a, 'n', '--dry-run', '--list-only') || hasFlag(a, 'b', '--backup')) return;
    const pos = positionals(a, VALUE);
    if (pos.length < 2) return;
    const dest = pos[pos.length - 1]!;
    const sources = pos.slice(0, -1);
    const source = sources.join(' ');
    const cwd = cmd.cwd ?? ctx.cwd;
    const remote = remoteOf(dest);
    let decision: Decision;
    let what: string;
    if (remote) {
      const p = remote.path.replace(/\/+$/, '');
      if (p === '' || p === '~' || p === '/' || p === '.' || /^\/(home|root|etc|usr|var)$/.test(p) || /^\$\w+$/.test(p)) {
        decision = 'block';
        what = `a wide folder on ${remote.host}`;
      } else {
        // Deploying build output to a web root is what --delete is for; anything else goes to an unknown machine.
        decision = sources.every(isBuildOutput) && /(www|html|site|public|static|web|srv|app|deploy|releases?)/i.test(p) ? 'allow' : 'ask';
        what = `a folder on ${remote.host}`;
      }
    } else {
      const info = classifyTarget(dest, cwd, ctx.home, ctx.workspaceRoot);
      decision = LOCAL[info.width.kind];
      what = describeWidth(info.width);
      if (decision === 'ask' && /(backup|backups|bak|data|archive|snapshots?|photos|documents)/i.test(info.resolved ?? dest)) decision = 'block';
    }
    // An unset source variable mirrors nothing (or /) over the destination.
    if (sources.some((s) => /^\$\{?\w+\}?\/?$/.test(s)) && decision !== 'block') decision = remote || decision === 'ask' ? 'block' : 'ask';
    if (decision === 'allow') return;
    ctx.report({ target: dest, data: { what, source }, decision });
  },
  tests: {
    pause: [
      'rsync -a --delete src/ ~/',
      'rsync -av --delete ./ /',
      'rsync -a --delete empty/ /home/dev/',
      'rsync -a --delete-after dist/ /backup/',
      'rsync -a --delete /data/new/ /mnt/backups/daily/',
      'rsync -av --delete template/ .',
      'rsync -a --delete "$SRC/" "$DEST/"',
      'rsync -a --delete ./ user@host:~',
      'rsync -a --delete-excluded src/ ~/Documents',
      'sudo rsync -aHAX --delete / /mnt/root/',
      { input: 'rsync -avz --delete ./ deploy@app.example.com:/srv/app/', decision: 'ask', note: 'the whole project to another machine' },
      { input: 'rsync -a --delete vendor/ lib/', decision: 'ask' },
    ],
    pass: [
      'rsync -av --delete dist/ host:/var/www/site/',
      'rsync -avz --delete build/ deploy@web1:/var/www/html/',
      'rsync -avn --delete src/ ~/',
      'rsync -a --dry-run --delete ./ /backup/',
      'rsync -av src/ backup/',
      'rsync -a --delete node_modules/ /tmp/nm-copy/',
      'rsync -a --delete assets/ dist/assets/',
      'rsync -avz ./ user@host:/srv/app/',
      'rsync -a --delete --backup --backup-dir=../old src/ mirror/',
    ],
  },
});
