/**
 * Which files a shell command writes, and how: the files a `rm`, `mv`, `cp`, `sed -i`, redirect, `tee`,
 * `truncate`, `git checkout -- f`… would delete, replace or change. Used by the file guard's command rules.
 *
 * `fs` marks the writes the fs pack already judges for important files (databases, env files, state, keys in
 * ~/.ssh, /etc): `rm` (fs/rm-important), clobbering (fs/clobber-important) and `mv` over a file
 * (fs/move-over). The file guard leaves those to the fs pack so one change is not reported twice with two
 * decisions.
 */
import * as path from 'node:path';
import type { SimpleCommand } from '../../shell/types';
import { hasFlag, optionValue, positionals, subcommand } from '../../shell/words';

export type WriteHow = 'delete' | 'move-away' | 'overwrite' | 'append' | 'in-place' | 'truncate' | 'restore';

export interface FileWrite {
  /** The path as written in the command. */
  path: string;
  how: WriteHow;
  /** For messages: "`rm`", "`sed -i`", "`>` redirect". */
  tool: string;
  /** Which fs-pack rule already judges this write when the file is an important one. */
  fs?: 'rm' | 'clobber' | 'mv-dest';
}

const DEVICE = /^\/dev\//;

function isFileWord(p: string | undefined): p is string {
  return !!p && !DEVICE.test(p) && p !== '-';
}

function join(dir: string, file: string): string {
  return dir.endsWith('/') ? dir + path.posix.basename(file) : `${dir}/${path.posix.basename(file)}`;
}

function redirects(cmd: SimpleCommand, out: FileWrite[]): void {
  for (const r of cmd.redirects) {
    if (r.fd === 0 || !isFileWord(r.target)) continue;
    if (r.op === '>' || r.op === '>|' || r.op === '&>' || (r.op === '>&' && !/^(\d+|-)$/.test(r.target))) {
      out.push({ path: r.target, how: 'overwrite', tool: `\`${r.op}\` redirect`, fs: 'clobber' });
    } else if (r.op === '>>' || r.op === '&>>') {
      out.push({ path: r.target, how: 'append', tool: `\`${r.op}\` redirect` });
    }
  }
}

/** cp/install/mv destinations: one file, or a folder receiving each source. */
function destinations(sources: readonly string[], dest: string, targetDir: boolean): string[] {
  if (targetDir || sources.length > 1 || dest.endsWith('/') || dest === '.' || dest === '..') return sources.map((s) => join(dest, s));
  return [dest];
}

function copyLike(cmd: SimpleCommand, out: FileWrite[], tool: string): void {
  const a = cmd.args;
  if (hasFlag(a, 'n', '--no-clobber', '--update=none', '--help') || hasFlag(a, 'i', '--interactive')) return;
  const withValue = ['-t', '--target-directory', '-S', '--suffix', '-m', '--mode', '-o', '--owner', '-g', '--group'];
  const pos = positionals(a, withValue);
  const dir = optionValue(a, '-t', '--target-directory');
  const dest = dir ?? pos[pos.length - 1];
  const sources = dir !== undefined ? pos : pos.slice(0, -1);
  if (!dest || sources.length === 0 || hasFlag(a, 'd', '--directory')) return;
  // `cp /dev/null f` empties f: the fs pack's clobber rule judges that for important files.
  const fromNull = sources.length === 1 && sources[0] === '/dev/null';
  for (const d of destinations(sources, dest, dir !== undefined)) {
    if (isFileWord(d)) out.push({ path: d, how: fromNull ? 'truncate' : 'overwrite', tool, ...(fromNull ? { fs: 'clobber' as const } : {}) });
  }
}

function move(cmd: SimpleCommand, out: FileWrite[]): void {
  const a = cmd.args;
  if (hasFlag(a, undefined, '--help', '--version')) return;
  const noClobber = hasFlag(a, 'n', '--no-clobber') || hasFlag(a, 'i', '--interactive') || hasFlag(a, 'b', '--backup', '--update=none');
  const pos = positionals(a, ['-t', '--target-directory', '-S', '--suffix']);
  const dir = optionValue(a, '-t', '--target-directory');
  const dest = dir ?? pos[pos.length - 1];
  const sources = dir !== undefined ? pos : pos.slice(0, -1);
  if (!dest || sources.length === 0) return;
  for (const s of sources) if (isFileWord(s)) out.push({ path: s, how: 'move-away', tool: '`mv`' });
  if (noClobber || DEVICE.test(dest)) return;
  const single = dir === undefined && sources.length === 1 && !dest.endsWith('/');
  for (const d of destinations(sources, dest, dir !== undefined)) out.push({ path: d, how: 'overwrite', tool: '`mv`', ...(single ? { fs: 'mv-dest' as const } : {}) });
}

/** Files named after a program text (sed script, perl -e code, awk program): the program is not a file. */
function filesAfterProgram(args: readonly string[], programFlags: readonly string[], withValue: readonly string[]): string[] {
  const pos = positionals(args, [...programFlags, ...withValue]);
  const hasProgramFlag = args.some((x) => programFlags.some((f) => x === f || (f.startsWith('--') ? x.startsWith(f + '=') : x.startsWith(f) && x.length > f.length && !x.startsWith('--'))));
  return hasProgramFlag ? pos : pos.slice(1);
}

function sedInPlace(args: readonly string[]): boolean {
  return args.some((x) => x === '--in-place' || x.startsWith('--in-place=') || /^-[A-Za-z]*i/.test(x) && !x.startsWith('--'));
}

function git(cmd: SimpleCommand, out: FileWrite[]): void {
  const { name, rest } = subcommand(cmd.args, ['-C', '-c', '--git-dir', '--work-tree', '--namespace']);
  const afterDashes = (): string[] => {
    const i = rest.indexOf('--');
    return i < 0 ? [] : rest.slice(i + 1);
  };
  switch (name) {
    case 'checkout':
      for (const p of afterDashes()) if (isFileWord(p)) out.push({ path: p, how: 'restore', tool: '`git checkout --`' });
      return;
    case 'restore': {
      if (hasFlag(rest, 'S', '--staged') && !hasFlag(rest, 'W', '--worktree')) return;
      const files = positionals(rest, ['-s', '--source', '--conflict', '--pathspec-from-file']);
      for (const p of files) if (isFileWord(p)) out.push({ path: p, how: 'restore', tool: '`git restore`' });
      return;
    }
    case 'rm':
      if (hasFlag(rest, undefined, '--cached', '--dry-run') || hasFlag(rest, 'n')) return;
      for (const p of positionals(rest, ['--pathspec-from-file'])) if (isFileWord(p)) out.push({ path: p, how: 'delete', tool: '`git rm`' });
      return;
    case 'mv': {
      const pos = positionals(rest);
      if (pos.length < 2) return;
      for (const s of pos.slice(0, -1)) out.push({ path: s, how: 'move-away', tool: '`git mv`' });
      if (hasFlag(rest, 'f', '--force')) for (const d of destinations(pos.slice(0, -1), pos[pos.length - 1]!, false)) out.push({ path: d, how: 'overwrite', tool: '`git mv -f`' });
      return;
    }
  }
}

/** PowerShell's file cmdlets (names are lower-cased by the shell analysis). */
function powershell(cmd: SimpleCommand, out: FileWrite[]): void {
  const a = cmd.args;
  const param = (...names: string[]): string | undefined => {
    for (let i = 0; i < a.length; i++) {
      const x = a[i]!.toLowerCase();
      if (names.includes(x)) return a[i + 1];
      for (const n of names) if (x.startsWith(n + ':')) return a[i]!.slice(n.length + 1);
    }
    return undefined;
  };
  const first = (): string | undefined => a.find((x, i) => !x.startsWith('-') && (i === 0 || !a[i - 1]!.startsWith('-')));
  const target = param('-path', '-literalpath', '-filepath') ?? first();
  switch (cmd.name) {
    case 'remove-item': case 'ri': case 'del': case 'erase':
      if (isFileWord(target)) out.push({ path: target, how: 'delete', tool: '`Remove-Item`' });
      return;
    case 'set-content': case 'out-file': case 'sc':
      if (isFileWord(target) && !a.some((x) => x.toLowerCase() === '-append')) out.push({ path: target, how: 'overwrite', tool: `\`${cmd.rawName}\`` });
      else if (isFileWord(target)) out.push({ path: target, how: 'append', tool: `\`${cmd.rawName}\`` });
      return;
    case 'clear-content': case 'clc':
      if (isFileWord(target)) out.push({ path: target, how: 'truncate', tool: '`Clear-Content`' });
      return;
    case 'add-content': case 'ac':
      if (isFileWord(target)) out.push({ path: target, how: 'append', tool: '`Add-Content`' });
      return;
    case 'copy-item': case 'copy': case 'cpi': {
      const dest = param('-destination') ?? a.filter((x) => !x.startsWith('-'))[1];
      if (isFileWord(dest)) out.push({ path: dest, how: 'overwrite', tool: '`Copy-Item`' });
      return;
    }
    case 'move-item': case 'move': case 'mi': {
      const dest = param('-destination') ?? a.filter((x) => !x.startsWith('-'))[1];
      if (isFileWord(target)) out.push({ path: target, how: 'move-away', tool: '`Move-Item`' });
      if (isFileWord(dest)) out.push({ path: dest, how: 'overwrite', tool: '`Move-Item`' });
      return;
    }
  }
}

/** Every file the command deletes, replaces or changes. */
export function fileWrites(cmd: SimpleCommand): FileWrite[] {
  const out: FileWrite[] = [];
  redirects(cmd, out);
  const a = cmd.args;
  if (cmd.shell === 'powershell') {
    powershell(cmd, out);
    return out;
  }
  switch (cmd.name) {
    case 'rm':
    case 'unlink':
      if (hasFlag(a, undefined, '--help')) break;
      for (const p of positionals(a)) if (isFileWord(p)) out.push({ path: p, how: 'delete', tool: `\`${cmd.name}\``, ...(hasFlag(a, 'i', '--interactive') ? {} : { fs: 'rm' as const }) });
      break;
    case 'mv':
      move(cmd, out);
      break;
    case 'cp':
      copyLike(cmd, out, '`cp`');
      break;
    case 'install':
      copyLike(cmd, out, '`install`');
      break;
    case 'ln':
      if (hasFlag(a, 'f', '--force')) {
        const pos = positionals(a, ['-t', '--target-directory', '-S', '--suffix']);
        if (pos.length >= 2) for (const d of destinations(pos.slice(0, -1), pos[pos.length - 1]!, false)) out.push({ path: d, how: 'overwrite', tool: '`ln -f`' });
      }
      break;
    case 'tee':
      for (const p of positionals(a)) if (isFileWord(p)) out.push(hasFlag(a, 'a', '--append') ? { path: p, how: 'append', tool: '`tee -a`' } : { path: p, how: 'overwrite', tool: '`tee`', fs: 'clobber' });
      break;
    case 'sponge':
      for (const p of positionals(a)) if (isFileWord(p)) out.push({ path: p, how: hasFlag(a, 'a') ? 'append' : 'overwrite', tool: '`sponge`' });
      break;
    case 'truncate': {
      const size = optionValue(a, '-s', '--size');
      const grows = size !== undefined && /^[+>]/.test(size);
      for (const p of positionals(a, ['-s', '--size', '-r', '--reference'])) if (isFileWord(p)) out.push({ path: p, how: 'truncate', tool: '`truncate`', ...(grows ? {} : { fs: 'clobber' as const }) });
      break;
    }
    case 'dd': {
      const of = a.find((x) => x.startsWith('of='));
      if (of && isFileWord(of.slice(3))) out.push({ path: of.slice(3), how: 'overwrite', tool: '`dd of=`', fs: 'clobber' });
      break;
    }
    case 'sed':
    case 'gsed':
      if (sedInPlace(a)) for (const p of filesAfterProgram(a, ['-e', '--expression', '-f', '--file'], ['-l', '--line-length', '-s'])) if (isFileWord(p)) out.push({ path: p, how: 'in-place', tool: '`sed -i`' });
      break;
    case 'perl':
      if (a.some((x) => /^-[pnlaw0-9]*i/.test(x))) {
        for (const p of filesAfterProgram(a, ['-e', '-E'], ['-M', '-m', '-I', '-0', '-l'])) if (isFileWord(p)) out.push({ path: p, how: 'in-place', tool: '`perl -i`' });
      }
      break;
    case 'awk':
    case 'gawk': {
      const i = a.indexOf('-i');
      if (i >= 0 && a[i + 1] === 'inplace') {
        const rest = a.filter((_, j) => j !== i && j !== i + 1);
        for (const p of filesAfterProgram(rest, ['-f', '--file'], ['-v', '--assign', '-F', '--field-separator'])) if (isFileWord(p) && !p.includes('=')) out.push({ path: p, how: 'in-place', tool: '`awk -i inplace`' });
      }
      break;
    }
    case 'yq':
      if (hasFlag(a, 'i', '--inplace')) {
        const { name, rest } = subcommand(a, ['-o', '--output-format', '-p', '--input-format', '--indent']);
        const args = name === 'e' || name === 'eval' || name === 'ea' || name === 'eval-all' ? rest : a;
        for (const p of filesAfterProgram(args, [], ['-o', '--output-format', '-p', '--input-format', '--indent'])) if (isFileWord(p)) out.push({ path: p, how: 'in-place', tool: '`yq -i`' });
      }
      break;
    case 'openssl':
      for (const flag of ['-out', '-keyout']) {
        const v = optionValue(a, flag);
        if (isFileWord(v)) out.push({ path: v, how: 'overwrite', tool: `\`openssl ${flag}\`` });
      }
      break;
    case 'git':
      git(cmd, out);
      break;
  }
  return out;
}
