/**
 * Snapshots of protected files, editor-free: the last known content of each file, and older versions, kept in
 * a folder of the extension's own storage (never the workspace).
 *
 * Layout: `<dir>/index.json` (every version's metadata) and `<dir>/blobs/<sha256>` (content, stored once however
 * many versions share it). Writes go to a temporary file first and are renamed into place, so a crash leaves
 * the previous index intact.
 *
 * Limits: a file larger than `maxFileBytes` is not stored (the caller is told); each file keeps at most
 * `maxVersionsPerFile` versions; when the blobs together exceed `maxTotalBytes`, versions are pruned oldest
 * first, but the newest version of each file goes last: older versions of every file are removed before any
 * file's last known content, and then the oldest last-known contents first.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface SnapshotLimits {
  maxFileBytes: number;
  maxTotalBytes: number;
  maxVersionsPerFile: number;
}

export const DEFAULT_LIMITS: SnapshotLimits = { maxFileBytes: 1024 * 1024, maxTotalBytes: 50 * 1024 * 1024, maxVersionsPerFile: 20 };

export interface SnapshotMeta {
  /** Unique, sortable by time: `<epoch ms>-<counter>-<hash prefix>`. */
  id: string;
  /** Absolute path of the file. */
  path: string;
  /** sha256 of the content (hex). */
  hash: string;
  size: number;
  /** File mode bits (for keys: 0600 must come back as 0600). */
  mode?: number;
  /** Epoch ms. */
  t: number;
  /** Why it was taken: `start-up`, `saved in the editor`, `accepted change`, `kept after an outside change`… */
  reason: string;
}

export type SaveResult =
  | { saved: SnapshotMeta }
  | { unchanged: SnapshotMeta }
  | { tooLarge: number };

interface Index {
  v: 1;
  versions: SnapshotMeta[];
}

export function sha256(content: Buffer | string): string {
  return crypto.createHash('sha256').update(content).digest('hex');
}

export class SnapshotStore {
  private index: Index;
  private counter = 0;
  private lastT = 0;

  constructor(readonly dir: string, private limits: SnapshotLimits = DEFAULT_LIMITS) {
    fs.mkdirSync(path.join(dir, 'blobs'), { recursive: true, mode: 0o700 });
    this.index = this.load();
    for (const m of this.index.versions) this.lastT = Math.max(this.lastT, m.t);
  }

  setLimits(limits: SnapshotLimits): void {
    this.limits = limits;
    this.prune();
  }

  getLimits(): SnapshotLimits {
    return { ...this.limits };
  }

  private indexFile(): string {
    return path.join(this.dir, 'index.json');
  }

  private blobFile(hash: string): string {
    return path.join(this.dir, 'blobs', hash);
  }

  private load(): Index {
    try {
      const parsed = JSON.parse(fs.readFileSync(this.indexFile(), 'utf8')) as Index;
      if (parsed && parsed.v === 1 && Array.isArray(parsed.versions)) {
        // Versions whose blob is gone (removed by hand) are forgotten.
        return { v: 1, versions: parsed.versions.filter((m) => fs.existsSync(this.blobFile(m.hash))) };
      }
    } catch {
      // No index yet, or unreadable: start empty (blobs without an index are removed by the next prune).
    }
    return { v: 1, versions: [] };
  }

  private persist(): void {
    const tmp = `${this.indexFile()}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(this.index), { mode: 0o600 });
    fs.renameSync(tmp, this.indexFile());
  }

  /** Stores `content` as the newest version of `file`, unless it equals the newest version already kept. */
  save(file: string, content: Buffer | string, reason: string, mode?: number): SaveResult {
    const buf = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    if (buf.length > this.limits.maxFileBytes) return { tooLarge: buf.length };
    const hash = sha256(buf);
    const latest = this.latest(file);
    if (latest && latest.hash === hash) return { unchanged: latest };
    const blob = this.blobFile(hash);
    if (!fs.existsSync(blob)) {
      const tmp = `${blob}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, buf, { mode: 0o600 });
      fs.renameSync(tmp, blob);
    }
    // Strictly increasing, so versions taken within one millisecond still sort.
    const t = Math.max(Date.now(), this.lastT + 1);
    this.lastT = t;
    const meta: SnapshotMeta = { id: `${t}-${(this.counter++).toString(36)}-${hash.slice(0, 10)}`, path: file, hash, size: buf.length, t, reason, ...(mode !== undefined ? { mode } : {}) };
    this.index.versions.push(meta);
    this.prune(false);
    this.persist();
    return { saved: meta };
  }

  /** Newest version kept for `file`. */
  latest(file: string): SnapshotMeta | undefined {
    let best: SnapshotMeta | undefined;
    for (const m of this.index.versions) if (m.path === file && (!best || m.t >= best.t)) best = m;
    return best;
  }

  /** Every version kept for `file`, newest first. */
  versions(file: string): SnapshotMeta[] {
    return this.index.versions.filter((m) => m.path === file).sort((a, b) => b.t - a.t);
  }

  get(id: string): SnapshotMeta | undefined {
    return this.index.versions.find((m) => m.id === id);
  }

  read(id: string): Buffer | undefined {
    const m = this.get(id);
    if (!m) return undefined;
    try {
      return fs.readFileSync(this.blobFile(m.hash));
    } catch {
      return undefined;
    }
  }

  /** Every path with at least one version. */
  paths(): string[] {
    return [...new Set(this.index.versions.map((m) => m.path))];
  }

  /** Bytes of the blobs in use (each stored once). */
  totalBytes(): number {
    const seen = new Map<string, number>();
    for (const m of this.index.versions) seen.set(m.hash, m.size);
    let n = 0;
    for (const s of seen.values()) n += s;
    return n;
  }

  /** Applies the limits; removes blobs no version uses. */
  prune(persist = true): void {
    const { maxVersionsPerFile, maxTotalBytes } = this.limits;
    // Per file: keep the newest maxVersionsPerFile.
    const byPath = new Map<string, SnapshotMeta[]>();
    for (const m of this.index.versions) byPath.set(m.path, [...(byPath.get(m.path) ?? []), m]);
    let keep: SnapshotMeta[] = [];
    for (const list of byPath.values()) keep.push(...list.sort((a, b) => b.t - a.t).slice(0, Math.max(1, maxVersionsPerFile)));
    // In total: oldest first, a file's newest version after every older version.
    if (sizeOf(keep) > maxTotalBytes) {
      const newest = new Set([...byPath.values()].map((list) => list[0]!.id));
      const order = [...keep].sort((a, b) => Number(newest.has(a.id)) - Number(newest.has(b.id)) || a.t - b.t);
      const dropped = new Set<string>();
      for (const m of order) {
        if (sizeOf(keep.filter((k) => !dropped.has(k.id))) <= maxTotalBytes) break;
        dropped.add(m.id);
      }
      keep = keep.filter((k) => !dropped.has(k.id));
    }
    this.index.versions = keep.sort((a, b) => a.t - b.t);
    const used = new Set(keep.map((m) => m.hash));
    try {
      for (const f of fs.readdirSync(path.join(this.dir, 'blobs'))) {
        if (!used.has(f) && !f.endsWith('.tmp')) fs.rmSync(path.join(this.dir, 'blobs', f), { force: true });
      }
    } catch {
      // A blob that cannot be removed now is removed next time.
    }
    if (persist) this.persist();
  }
}

function sizeOf(list: readonly SnapshotMeta[]): number {
  const seen = new Map<string, number>();
  for (const m of list) seen.set(m.hash, m.size);
  let n = 0;
  for (const s of seen.values()) n += s;
  return n;
}
