import * as path from 'node:path';
import { defineCommandRule } from '../../rule';
import type { Decision } from '../../types';
import { asksFirst, hasFlag, optionValue, positionals, resolvePath } from '../../shell/words';
import { importantFile } from './_important';
import { psCopyArgs } from './_paths';
import type { ImportantKind } from './_important';

const WITH_VALUE = ['-t', '--target-directory', '-S', '--suffix', '-m', '--mode', '-o', '--owner', '-g', '--group', '--preserve', '--no-preserve', '--sparse', '--reflink', '--backup', '--strip-program', '-Z', '--context'];
const PROD = /(^|[^a-z0-9])(prod|production|prd|live|main|primary)([^a-z0-9]|$)/i;
const BACKUP_NAME = /(\.bak|\.backup|\.old|\.orig|\.save|~|\.\d{8,})$/i;

/**
 * Kinds this rule judges. Env files are left to files/protected-shell, which looks whether the file exists:
 * `cp .env.example .env` sets a project up when there is no `.env` yet, and only replacing one loses secrets.
 */
const JUDGED = new Set<ImportantKind>(['database', 'state', 'ssh', 'system', 'user-config']);
/** Kinds where copying into a folder replaces the file of the same name in it (`cp hosts /etc/`, `cp id_rsa ~/.ssh/`). */
const INTO_FOLDER = new Set<ImportantKind>(['ssh', 'system', 'user-config']);
const FOLDERS_IN_HOME = /^(\.ssh|\.aws|\.kube|\.docker|\.gnupg|\.config\/gh)$/;

export default defineCommandRule({
  meta: {
    id: 'fs/copy-over',
    commands: ['cp', 'install', 'ginstall', 'copy-item', 'cpi'],
    decision: 'block',
    severity: 'high',
    description: 'A copy that replaces a file which cannot be regenerated: `cp`/`install` over an existing database, Terraform state, SSH key, /etc configuration or shell and tool configuration (both replace it silently). Env files are judged by files/protected-shell.',
    message: 'Replaces {{target}} ({{what}}) with a copy of {{source}}; the old contents are lost',
    safer: 'Keep the current file: `cp -n` (never overwrite) or `cp --backup=numbered`, or copy to a new name and swap once checked.',
  },
  check(cmd, ctx) {
    let a = cmd.args;
    if (cmd.name === 'copy-item' || cmd.name === 'cpi') {
      if (cmd.shell === 'bash') return;
      a = psCopyArgs(a).args; // Copy-Item replaces an existing file without asking
      cmd = { ...cmd, args: a };
    }
    if (hasFlag(a, undefined, '--help', '--version')) return;
    if (hasFlag(a, 'n', '--no-clobber', '--update=none') || asksFirst(cmd, ['i'], false) || hasFlag(a, 'b', '--backup')) return;
    if (cmd.name !== 'cp' && hasFlag(a, 'd', '--directory')) return; // `install -d` creates folders
    const cwd = cmd.cwd ?? ctx.cwd;
    const pos = positionals(a, WITH_VALUE);
    const dir = optionValue(a, '-t', '--target-directory');
    const dest = dir ?? pos[pos.length - 1];
    const sources = dir !== undefined ? pos : pos.slice(0, -1);
    if (dest === undefined || sources.length === 0) return;
    // `cp /dev/null f` empties f: fs/clobber-important judges it (`install /dev/null f` is judged here).
    if (cmd.name === 'cp' && sources.length === 1 && sources[0] === '/dev/null') return;
    const report = (target: string, what: string, source: string, decision: Decision = 'block'): void =>
      ctx.report({ target, decision, data: { what, source }, signals: cmd.remote ? [`runs on ${cmd.remote}`] : undefined });

    const seen = new Set<string>();
    // The destination named as a file.
    if (dir === undefined && sources.length === 1 && !dest.endsWith('/') && !BACKUP_NAME.test(dest)) {
      const file = importantFile(dest, cwd, ctx);
      const same = resolvePath(sources[0]!, cwd, ctx.home) === resolvePath(dest, cwd, ctx.home);
      if (file && JUDGED.has(file.kind) && !same) {
        // A development database of the project is sometimes reset from a seed on purpose (as fs/rm-important asks).
        const destAbs = resolvePath(dest, cwd, ctx.home);
        const inProject = destAbs !== undefined && ctx.workspaceRoot !== undefined && destAbs.startsWith(ctx.workspaceRoot + '/');
        const devDb = file.kind === 'database' && inProject && !PROD.test(dest) && !cmd.remote;
        report(file.path, file.what, sources[0]!, devDb ? 'ask' : 'block');
        seen.add(file.path);
      }
    }
    // The destination is a folder: each source lands there under its own name. A single destination without a
    // trailing `/` is taken for a folder when it is one of the well-known ones (`/etc`, `/etc/ssh`, `~`, `~/.ssh`).
    const destPath = resolvePath(dest, cwd, ctx.home);
    const knownFolder = destPath !== undefined && (/^\/etc(\/[^/.]+)?$/.test(destPath) || destPath === ctx.home || (destPath.startsWith(ctx.home + '/') && FOLDERS_IN_HOME.test(destPath.slice(ctx.home.length + 1))));
    const folder = dir !== undefined || sources.length > 1 || dest.endsWith('/') || knownFolder;
    for (const src of folder ? sources : []) {
      if (src.endsWith('/')) continue;
      const into = path.posix.join(dest, path.posix.basename(src));
      const file = importantFile(into, cwd, ctx);
      if (!file || !INTO_FOLDER.has(file.kind) || seen.has(file.path)) continue;
      if (resolvePath(src, cwd, ctx.home) === resolvePath(into, cwd, ctx.home)) continue;
      report(file.path, file.what, src);
      seen.add(file.path);
    }
  },
  tests: {
    pause: [
      'cp backup.db prod.db',
      'yes | cp -i new.db prod.db',
      'cp -f fixtures/seed.sqlite3 db/production.sqlite3',
      { input: 'cp /tmp/app.sqlite3 data/app.sqlite3', decision: 'ask', note: 'a development database of the project' },
      { input: 'cp db/seed.sqlite3 db/development.sqlite3', decision: 'ask' },
      'cp seed.db /var/lib/app/app.db',
      'cp state.json terraform.tfstate',
      'cp terraform.tfstate.backup terraform.tfstate',
      'cp new_key ~/.ssh/id_ed25519',
      'cp id_rsa ~/.ssh/',
      'install -m 600 deploy_key ~/.ssh/id_rsa',
      'sudo cp hosts /etc/',
      'sudo cp sshd_config /etc/ssh',
      'cp .gitconfig ~',
      'sudo cp nginx.conf /etc/nginx/nginx.conf',
      'sudo install -m 644 app.conf /etc/nginx/sites-available/default',
      'sudo cp sshd.service /etc/systemd/system/sshd.service',
      'cp dotfiles/.bashrc ~/.bashrc',
      'cp -t ~/.ssh config',
      'ssh app1 "cp /tmp/restore.db /var/lib/app/app.db"',
      { input: 'cp "$(ls -t backups/*.db | head -1)" app.db', decision: 'ask' },
      'bash -c "cp seed.db main.db"',
      'install /dev/null ~/.bashrc',
      'Copy-Item C:\\backup\\state.json terraform.tfstate',
      'Copy-Item -Path seed.db -Destination prod.db -Force',
    ],
    pass: [
      'cp .env.example .env',
      'cp .env.example .env.sample',
      'cp -n backup.db prod.db',
      'cp --backup=numbered backup.db prod.db',
      'cp -b new.db prod.db',
      'cp -i new.db prod.db',
      'cp prod.db prod.db.bak',
      'cp app.db backups/',
      'cp app.db /tmp/app-copy.db',
      'cp fixtures/seed.db test.db',
      'cp src/config.ts src/config.ts.bak',
      'cp -r templates/base src/pages/new-page',
      'cp ~/.ssh/id_ed25519.pub keys/',
      'sudo cp app.conf /etc/nginx/sites-available/app.conf',
      'sudo cp deploy/nginx/app.conf /etc/nginx/sites-available/app',
      'sudo install -D -m 644 deploy/myapp.service /etc/systemd/system/myapp.service',
      'sudo cp deploy/worker.timer /etc/systemd/system/',
      'sudo cp docker.list /etc/apt/sources.list.d/docker.list',
      'install -d -m 755 /etc/myapp',
      'cp /dev/null app.log',
      'cp --help',
      'Copy-Item .\\dist\\app.js -Destination C:\\deploy\\app.js',
      'Copy-Item -Path prod.db -Destination prod.db.bak',
    ],
  },
});
