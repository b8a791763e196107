import * as path from 'node:path';
import { defineCommandRule } from '../../rule';
import type { Decision } from '../../types';
import { resolvePath } from '../../shell/words';
import { feedingFind, findRoots } from './_find';
import { importantFile } from './_important';
import { classifyTarget, describeWidth } from './_paths';
import type { Width } from './_paths';

interface ModeEffect {
  /** Others (or everyone) may write. */
  worldWritable: boolean;
  /** The owner loses read, or traversal of folders when applied recursively. */
  lockout: boolean;
  /** Group or others may read or write. */
  exposes: boolean;
  /** Only removes permissions from group/others (hardening). */
  tightening: boolean;
}

function modeEffect(mode: string, recursive: boolean): ModeEffect {
  if (/^[0-7]{1,4}$/.test(mode)) {
    const d = mode.padStart(3, '0').slice(-3).split('').map(Number) as [number, number, number];
    return {
      worldWritable: (d[2] & 2) !== 0,
      lockout: d[0] === 0 || (recursive && (d[0] & 1) === 0),
      exposes: d[1] !== 0 || d[2] !== 0,
      tightening: false,
    };
  }
  const effect: ModeEffect = { worldWritable: false, lockout: false, exposes: false, tightening: true };
  for (const clause of mode.split(',')) {
    const m = /^([ugoa]*)(.*)$/.exec(clause)!;
    const who = m[1] || 'a';
    for (const [, op, perms] of m[2]!.matchAll(/([-+=])([rwxXstugo]*)/g)) {
      const others = /[oa]/.test(who);
      const owner = /[ua]/.test(who);
      if (op !== '-' || owner) effect.tightening = false;
      if ((op === '+' || op === '=') && others && perms!.includes('w') && m[1] !== '') effect.worldWritable = true;
      if ((op === '+' || op === '=') && /[goa]/.test(who) && /[rw]/.test(perms!) && m[1] !== '') effect.exposes = true;
      if (owner && ((op === '-' && /[rx]/.test(perms!)) || (op === '=' && !perms!.includes('r')))) effect.lockout = true;
    }
  }
  return effect;
}

const WIDE_KINDS = new Set<Width['kind']>(['root', 'home', 'system', 'workspace-root', 'workspace-ancestor', 'git-dir', 'unset-variable', 'home-child']);
const VALUE_FLAGS = new Set(['--reference', '--from']);

export default defineCommandRule({
  meta: {
    id: 'fs/permission-sweep',
    commands: ['chmod', 'chown', 'chgrp'],
    decision: 'block',
    severity: 'high',
    description: 'Permission and ownership sweeps: world-writable (`chmod -R 777`) or locked-out (`chmod -R 000`) trees, recursive changes to /, system folders or the home folder, and private SSH keys made readable or writable by others.',
    message: '{{action}} {{target}} ({{what}})',
    safer: 'Change only the files that need it (`chmod +x script.sh`, `chmod 600 key`), and prefer `u+w`/`g+w` over `777`.',
  },
  check(cmd, ctx) {
    const a = cmd.args;
    let recursive = false;
    let mode: string | undefined;
    const owner = cmd.name !== 'chmod';
    const targets: string[] = [];
    for (let i = 0; i < a.length; i++) {
      const w = a[i]!;
      if (w === '-R' || w === '--recursive' || (/^-[A-Za-z]+$/.test(w) && w.includes('R') && !(mode === undefined && !owner && /^-[rwxXst]+$/.test(w)))) recursive = true;
      if (w === '--help' || w === '--version') return;
      if (VALUE_FLAGS.has(w)) {
        i++;
        continue;
      }
      const isModeLike = !owner && mode === undefined && /^-[rwxXst]+$/.test(w);
      if (w.startsWith('-') && w.length > 1 && !isModeLike) continue;
      if (mode === undefined && !a.some((x) => x.startsWith('--reference'))) mode = w;
      else targets.push(w);
    }
    if (mode === undefined) return;
    const find = feedingFind(cmd);
    if (find) {
      recursive = true;
      targets.splice(0, targets.length, ...targets.filter((t) => t !== '{}'), ...findRoots(find.args));
    }
    const cwd = cmd.cwd ?? ctx.cwd;
    const effect = owner ? undefined : modeEffect(mode, recursive);
    for (const target of targets) {
      const resolved = resolvePath(target, cwd, ctx.home);
      const info = classifyTarget(target, cwd, ctx.home, ctx.workspaceRoot);
      const kind = info.width.kind;
      let decision: Decision = 'allow';
      let action = '';
      const inSsh = resolved !== undefined && (resolved === `${ctx.home}/.ssh` || resolved.startsWith(`${ctx.home}/.ssh/`));
      if (owner) {
        if (recursive && (kind === 'root' || kind === 'home' || kind === 'system' || kind === 'unset-variable' || inSsh)) decision = 'block';
        else if (kind === 'root') decision = 'block';
        // Handing the whole project to another named account (`chown -R nobody .`) locks its owner out of it;
        // `$USER`, `$(whoami)` and numeric ids are the usual fix-my-own-files forms.
        else if (recursive && (kind === 'workspace-root' || kind === 'workspace-ancestor' || kind === 'home-child' || kind === 'git-dir') && /^[A-Za-z_][\w.-]*(:[\w.-]*)?$/.test(mode) && mode.split(':')[0] !== path.posix.basename(ctx.home)) decision = 'ask';
        action = `Changes the owner of everything under`;
      } else if (effect) {
        action = effect.worldWritable ? 'Makes world-writable' : effect.lockout ? 'Locks the owner out of' : 'Changes the permissions of everything under';
        const important = importantFile(target, cwd, ctx);
        if (inSsh && !/\.pub$|known_hosts$/.test(target) && (effect.exposes || effect.worldWritable) && !(resolved === `${ctx.home}/.ssh` && !recursive && !effect.worldWritable)) {
          decision = 'block';
          action = 'Exposes private SSH keys to other users in';
        } else if (important && effect.worldWritable) {
          decision = important.kind === 'env' || important.kind === 'database' || important.kind === 'state' ? 'ask' : 'block';
        } else if (kind === 'root' || kind === 'system' || kind === 'home') {
          // Taking permissions away recursively hardens a home folder, but breaks every other account's use of / or /usr.
          if ((recursive && (!effect.tightening || kind !== 'home')) || effect.worldWritable || effect.lockout) decision = 'block';
        } else if (recursive && (effect.worldWritable || effect.lockout)) {
          decision = WIDE_KINDS.has(kind) ? 'block' : kind === 'narrow' ? 'allow' : 'ask';
        }
      }
      if (decision === 'allow') continue;
      ctx.report({ target: resolved ?? target, data: { action, what: inSsh ? 'SSH keys' : describeWidth(info.width) }, decision });
    }
  },
  tests: {
    pause: [
      'chmod -R 777 /',
      'sudo chmod -R 777 /var/www',
      'chmod -R 777 .',
      'chmod -R 777 ~',
      'chmod -R a+rwx /home/dev/project',
      'chmod -R o+w ~/Documents',
      'chmod -R 000 /home/dev',
      'chmod -R 000 .',
      'sudo chmod -R 755 /usr',
      'chmod -R 644 ~',
      'sudo chown -R nobody /',
      'sudo chown -R $USER /usr',
      'chown -R www-data:www-data ~',
      'sudo chown -R root ~/.ssh',
      'chmod 666 ~/.ssh/id_rsa',
      'chmod 644 ~/.ssh/id_ed25519',
      'chmod -R 755 ~/.ssh',
      'chmod 777 /etc/passwd',
      'chmod 777 /',
      'sudo find / -type d -exec chmod 777 {} +',
      'find ~ -type f | xargs chmod 666',
      'chmod -R 777 "$DIR"',
      'ssh web "chmod -R 777 /var/www/html"',
      { input: 'chmod -R 777 storage', decision: 'ask', note: 'a top-level project folder made world-writable' },
      { input: 'chmod 666 db.sqlite3', decision: 'ask' },
      'chmod -R go-rwx /',
      'sudo chmod -R o-rx /usr',
      { input: 'chown -R nobody /home/dev/project', decision: 'ask', note: 'the project handed to another account' },
      { input: 'sudo chown -R root:root .', decision: 'ask' },
    ],
    pass: [
      'chmod +x script.sh',
      'chmod +x ./scripts/*.sh',
      'chmod 600 .env',
      'chmod -R u+w dist/',
      'chmod 755 bin/cli.js',
      'chmod -R 755 .',
      'chmod 700 ~/.ssh',
      'chmod 600 ~/.ssh/id_ed25519',
      'chmod 644 ~/.ssh/id_ed25519.pub',
      'chmod 644 ~/.ssh/known_hosts',
      'chmod -R go-rwx ~',
      'chmod -x src/index.ts',
      'sudo chown -R $(whoami) ~/.npm',
      'sudo chown -R $USER:$USER .',
      'sudo chown -R 1000:1000 ./data',
      'chmod -R 777 /tmp/test-artifacts',
      'chmod -R 777 build',
      'chmod 777 script.sh',
      'chgrp -R developers src/',
      'find . -name "*.sh" -exec chmod +x {} \\;',
      'sudo chown -R "$(id -u):$(id -g)" .',
      'sudo chown -R dev:dev node_modules',
      { input: 'sudo chown -R dev:staff .', note: 'the person\'s own account (the home folder\'s name)' },
      'chmod -R go-w ~/.config',
    ],
  },
});
