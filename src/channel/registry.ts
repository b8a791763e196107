/**
 * Per-user registry of live editor windows: `~/.blast-radius/windows/<pid>.json` (folder 0700, files
 * 0600), so a hook started outside the editor (for example by the Claude extension's CLI, which does not
 * inherit terminal environment) can find the window that owns its working folder.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { WindowEntry } from './protocol';

export function registryDir(home: string = os.homedir()): string {
  return path.join(home, '.blast-radius', 'windows');
}

export function writeWindowEntry(entry: WindowEntry, home?: string): string {
  const dir = registryDir(home);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  const file = path.join(dir, `${entry.pid}.json`);
  const tmp = `${file}.${process.hrtime.bigint()}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(entry), { mode: 0o600 });
  fs.renameSync(tmp, file);
  return file;
}

export function removeWindowEntry(pid: number, home?: string): void {
  fs.rmSync(path.join(registryDir(home), `${pid}.json`), { force: true });
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isEntry(v: unknown): v is WindowEntry {
  const e = v as WindowEntry;
  return typeof e === 'object' && e !== null && typeof e.socket === 'string' && typeof e.token === 'string'
    && Number.isInteger(e.pid) && Array.isArray(e.workspaceFolders);
}

/** Entries of windows whose process is alive. Entries of dead processes are deleted on the way. */
export function liveWindows(home?: string): WindowEntry[] {
  const dir = registryDir(home);
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => /^\d+\.json$/.test(n));
  } catch {
    return [];
  }
  const live: WindowEntry[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    let entry: unknown;
    try {
      entry = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch {
      continue; // being written, or unreadable: skip, never trust
    }
    if (!isEntry(entry)) continue;
    if (isAlive(entry.pid)) live.push(entry);
    else fs.rmSync(file, { force: true });
  }
  return live;
}

function contains(folder: string, target: string): boolean {
  const fold = (p: string): string => (process.platform === 'win32' ? p.toLowerCase() : p);
  const rel = path.relative(fold(path.resolve(folder)), fold(path.resolve(target)));
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/**
 * The windows to ask about an action in `cwd`, best first: those with a workspace folder containing cwd,
 * deepest folder first. When none contains it and exactly one window is open, that one.
 */
export function windowsFor(cwd: string | undefined, entries: readonly WindowEntry[]): WindowEntry[] {
  if (cwd !== undefined) {
    const scored = entries
      .map((e) => ({ e, depth: Math.max(-1, ...e.workspaceFolders.filter((f) => contains(f, cwd)).map((f) => f.length)) }))
      .filter((s) => s.depth >= 0)
      .sort((a, b) => b.depth - a.depth);
    if (scored.length > 0) return scored.map((s) => s.e);
  }
  return entries.length === 1 ? [...entries] : [];
}
