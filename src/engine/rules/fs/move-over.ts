import * as path from 'node:path';
import { defineCommandRule } from '../../rule';
import type { Decision } from '../../types';
import { asksFirst, hasFlag, optionValue, positionals, resolvePath } from '../../shell/words';
import { importantFile } from './_important';
import { classifyTarget, describeWidth, isDisposableTemp, psCopyArgs } from './_paths';

const WIDE = new Set(['root', 'home', 'system', 'workspace-root', 'workspace-ancestor', 'git-dir', 'unset-variable', 'home-child', 'workspace-top']);
const BACKUP_NAME = /(\.bak|\.backup|\.old|\.orig|\.save|~|\.\d{8,})$/i;

export default defineCommandRule({
  meta: {
    id: 'fs/move-over',
    commands: ['mv', 'move-item', 'mi', 'move'],
    decision: 'block',
    severity: 'high',
    description: 'A move that destroys data: into `/dev/null`, over an existing database, env, state or system file (mv replaces it silently), or an important file or folder into a temp folder that is wiped.',
    message: '{{action}}',
    safer: 'Use `mv -n` (never overwrite) or `mv -b` (keep a backup), and move things aside inside the project instead of into /tmp.',
  },
  check(cmd, ctx) {
    let a = cmd.args;
    if (cmd.name !== 'mv') {
      if (cmd.shell === 'bash') return;
      // Move-Item refuses to replace an existing file unless -Force is given; cmd's `move` asks first unless /Y.
      const ps = cmd.name === 'move' ? { args: a.filter((w) => !w.startsWith('/')), force: a.some((w) => /^\/y$/i.test(w)) } : psCopyArgs(a);
      if (!ps.force) return;
      a = ps.args;
      cmd = { ...cmd, args: a };
    }
    if (hasFlag(a, undefined, '--help', '--version')) return;
    const noClobber = hasFlag(a, 'n', '--no-clobber') || asksFirst(cmd, ['i']) || hasFlag(a, 'b', '--backup', '--update=none');
    const cwd = cmd.cwd ?? ctx.cwd;
    const pos = positionals(a, ['-t', '--target-directory', '-S', '--suffix']);
    const dir = optionValue(a, '-t', '--target-directory');
    const dest = dir ?? pos[pos.length - 1];
    const sources = dir !== undefined ? pos : pos.slice(0, -1);
    if (dest === undefined || sources.length === 0) return;
    const report = (decision: Decision, target: string, action: string): void => ctx.report({ target, decision, data: { action } });
    if (/^\/dev\/(null|zero)$/.test(dest)) {
      report('block', sources.join(', '), `Moves ${sources.join(', ')} into ${dest}: the data is gone`);
      return;
    }
    const destPath = resolvePath(dest, cwd, ctx.home);
    // Over an existing file: mv replaces it without asking (only the single-source form can name a file).
    if (!noClobber && dir === undefined && sources.length === 1 && !dest.endsWith('/') && !BACKUP_NAME.test(dest)) {
      const file = importantFile(dest, cwd, ctx);
      const sameName = path.posix.basename(sources[0]!) === path.posix.basename(dest);
      if (file && !(sameName && resolvePath(sources[0]!, cwd, ctx.home) === destPath)) {
        report('block', file.path, `Replaces ${file.path} (${file.what}) with ${sources[0]}; the old contents are lost`);
      }
    }
    // Into a temp folder: gone at the next reboot or clean-up.
    if (destPath && isDisposableTemp(path.posix.join(destPath, 'x'), ctx.workspaceRoot)) {
      for (const src of sources) {
        const file = importantFile(src, cwd, ctx, 'delete');
        const width = classifyTarget(src, cwd, ctx.home, ctx.workspaceRoot);
        if (file) report('block', file.path, `Moves ${file.path} (${file.what}) into ${dest}, which is wiped on reboot`);
        else if (WIDE.has(width.width.kind)) report('ask', width.resolved ?? src, `Moves ${width.resolved ?? src} (${describeWidth(width.width)}) into ${dest}, which is wiped on reboot`);
      }
    }
  },
  tests: {
    pause: [
      'mv data.db /dev/null',
      'mv -f important.txt /dev/null',
      'sudo mv ~/backups /dev/null',
      'mv -f new.db prod.db',
      'yes | mv -i new.db prod.db',
      'mv /tmp/app.sqlite3 data/app.sqlite3',
      'mv .env.example .env',
      'mv -f config.new /etc/nginx/nginx.conf',
      'mv state.json terraform.tfstate',
      'mv terraform.tfstate /tmp/',
      'mv ~/.ssh/id_ed25519.new ~/.ssh/id_ed25519',
      'mv db/production.sqlite3 /tmp/old.sqlite3',
      'ssh app1 "mv /tmp/x.db /var/lib/app/app.db"',
      { input: 'mv src /tmp/src-old', decision: 'ask' },
      { input: 'mv .git /tmp/', decision: 'ask' },
      'Move-Item -Force backup.db prod.db',
      'Move-Item -Path .\\new.tfstate -Destination terraform.tfstate -Force',
      { input: { kind: 'shell', command: 'move /y staging.db prod.db', shell: 'cmd' } },
    ],
    pass: [
      'mv src/old.ts src/new.ts',
      'mv README.txt README.md',
      'mv -n new.db prod.db',
      'mv -b new.db prod.db',
      'git mv src/a.ts src/b.ts',
      'mv .env .env.bak',
      'mv build /tmp/build-old',
      'mv dist/app.js dist/app.min.js',
      'mv package.json.tmp package.json',
      'mv tmp/output.db fixtures/test.db',
      'mv *.png assets/',
      'mv -t src/utils helpers.ts format.ts',
      'mv /tmp/download.tar.gz ~/Downloads/',
      'sudo mv /tmp/app.service /etc/systemd/system/app.service',
      { input: 'Move-Item backup.db prod.db', note: 'without -Force, Move-Item refuses to replace an existing file' },
      'Move-Item -Force src\\old.ts src\\new.ts',
    ],
  },
});
