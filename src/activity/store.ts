/**
 * The activity store: append-only JSON Lines in one folder, editor-free.
 *
 * Layout. Every writer (one per editor window: each window has its own extension host process) appends to
 * its own segment files, `<start>_<writer id>_<seq>.jsonl`, opened with O_APPEND. No two processes ever
 * write the same file, so concurrent windows cannot interleave or tear each other's lines, and no lock is
 * needed. Readers merge the segments newest-first by the entries' times.
 *
 * Durability. Each entry is one `write()` of one complete line. Once `append` returns, the line is in the
 * kernel and survives a crash or reload of the extension host, the window or the editor. `fsync` policy
 * (default `batched`): entries with a non-allow decision (the audit trail that matters) are flushed to disk
 * at once; others within `fsyncDelayMs`, so a burst of file events costs one flush, not thousands. Only a
 * power cut or kernel crash inside that window can lose allow-level entries.
 *
 * Crashes. A line cut short by a crash can only be the last line of a segment (a writer never reopens a
 * segment, and a short write makes it start a new one). Readers skip lines that do not parse.
 *
 * Rotation and retention. A segment is closed at `maxFileBytes`; when the folder grows past
 * `maxTotalBytes`, the segments written least recently are deleted. A writer whose segment was deleted
 * under it (by another window's retention) notices (nlink 0) and starts a new one.
 *
 * Secrets are masked (mask.ts) before anything is written.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { maskDeep } from './mask';
import type { ActivityEntry, ActivityFilter, NewEntry } from './types';
import { matchesFilter } from './types';

export const SEGMENT_RE = /^(\d{8}T\d{9}Z)_([a-z0-9-]{1,40})_(\d{4,})\.jsonl$/;

export type FsyncPolicy = 'always' | 'batched' | 'never';

export interface WriterOptions {
  dir: string;
  /** Close a segment when it would grow past this (default 8 MiB). */
  maxFileBytes?: number;
  /** Delete the least recently written segments past this total (default 256 MiB; 0 = keep everything). */
  maxTotalBytes?: number;
  fsync?: FsyncPolicy;
  /** `batched`: the longest an allow-level entry waits for its flush (default 1000 ms). */
  fsyncDelayMs?: number;
  now?: () => number;
  /** Failures that must not throw into the caller (background flush, retention). */
  onError?: (e: unknown) => void;
}

/** Longest string kept in an entry field, after masking; longer text is cut and marked. */
const MAX_FIELD_CHARS = 16 * 1024;
/** Text is cut to this before masking (masking megabytes of file content would stall the editor). */
const MAX_MASK_CHARS = 256 * 1024;

function stampOf(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:.]/g, ''); // 20261124T113600123Z: sorts by time
}

function limitStrings<T>(value: T, max: number): T {
  if (typeof value === 'string') return (value.length > max ? `${value.slice(0, max)}… [${value.length - max} more characters]` : value) as T;
  if (Array.isArray(value)) return value.map((v) => limitStrings(v, max)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (v !== undefined) out[k] = limitStrings(v, max);
    return out as T;
  }
  return value;
}

/** Masks secrets and bounds the size of every string of an entry. */
export function sanitize<T>(value: T): T {
  return limitStrings(maskDeep(limitStrings(value, MAX_MASK_CHARS)), MAX_FIELD_CHARS);
}

export class ActivityWriter {
  /** Unique per writer: pid plus randomness, so a recycled pid never reuses a name. */
  readonly writerId = `${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  private fd: number | undefined;
  private file: string | undefined;
  private size = 0;
  private seq = 0;
  private counter = 0;
  private lastT = 0;
  private flushTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly maxFileBytes: number;
  private readonly maxTotalBytes: number;
  private readonly fsyncPolicy: FsyncPolicy;
  private readonly fsyncDelayMs: number;
  private readonly now: () => number;
  private readonly files = new Set<string>();

  constructor(private readonly options: WriterOptions) {
    this.maxFileBytes = options.maxFileBytes ?? 8 * 1024 * 1024;
    this.maxTotalBytes = options.maxTotalBytes ?? 256 * 1024 * 1024;
    this.fsyncPolicy = options.fsync ?? 'batched';
    this.fsyncDelayMs = options.fsyncDelayMs ?? 1000;
    this.now = options.now ?? Date.now;
  }

  get dir(): string {
    return this.options.dir;
  }

  /** Names of the segments this writer created (the tail of other windows skips them). */
  ownsFile(name: string): boolean {
    return this.files.has(name) || name.includes(`_${this.writerId}_`);
  }

  /**
   * Masks, stamps and writes one entry; returns it as written, with its ref. Throws when the line could not be written
   * (disk full, folder gone); the caller logs that. Times are kept non-decreasing within a writer, which is
   * what lets readers stop early on a time range.
   */
  append(input: NewEntry): StoredEntry {
    if (this.closed) throw new Error('activity writer is closed');
    const t = Math.max(input.t ?? this.now(), this.lastT);
    this.lastT = t;
    const { t: _ignored, ...rest } = input;
    const entry = sanitize({ t, id: `${this.writerId}-${++this.counter}`, v: 1 as const, ...rest }) as ActivityEntry;
    const line = Buffer.from(`${JSON.stringify(entry)}\n`, 'utf8');
    this.ensureSegment(line.length);
    const ref = `${this.file!}:${this.size}`;
    let written = 0;
    try {
      written = fs.writeSync(this.fd!, line);
    } finally {
      if (written !== line.length) this.closeSegment(); // a torn line ends its segment; the next one starts clean
    }
    this.size += written;
    this.afterWrite(entry.decision !== 'allow');
    return { entry, ref };
  }

  /** Flushes pending data to disk and closes the segment. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.closeSegment();
  }

  private afterWrite(important: boolean): void {
    if (this.fsyncPolicy === 'never') return;
    if (this.fsyncPolicy === 'always' || important) {
      this.flushNow();
      return;
    }
    if (!this.flushTimer) {
      this.flushTimer = setTimeout(() => {
        this.flushTimer = undefined;
        this.flushNow();
      }, this.fsyncDelayMs);
      this.flushTimer.unref?.();
    }
  }

  private flushNow(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.fd === undefined) return;
    try {
      fs.fdatasyncSync(this.fd);
    } catch (e) {
      this.options.onError?.(e);
    }
  }

  private ensureSegment(bytes: number): void {
    if (this.fd !== undefined) {
      let gone = false;
      try {
        gone = fs.fstatSync(this.fd).nlink === 0; // deleted by another window's retention
      } catch {
        gone = true;
      }
      if (gone || (this.size > 0 && this.size + bytes > this.maxFileBytes)) this.closeSegment();
    }
    if (this.fd !== undefined) return;
    fs.mkdirSync(this.options.dir, { recursive: true, mode: 0o700 });
    const name = `${stampOf(this.now())}_${this.writerId}_${String(++this.seq).padStart(4, '0')}.jsonl`;
    this.fd = fs.openSync(path.join(this.options.dir, name), 'a', 0o600);
    this.file = name;
    this.size = 0;
    this.files.add(name);
    this.enforceRetention();
  }

  private closeSegment(): void {
    if (this.fd === undefined) return;
    this.flushNow();
    try {
      fs.closeSync(this.fd);
    } catch (e) {
      this.options.onError?.(e);
    }
    this.fd = undefined;
    this.file = undefined;
  }

  /** Deletes the least recently written segments (never the one just opened) past maxTotalBytes. */
  private enforceRetention(): void {
    if (this.maxTotalBytes <= 0) return;
    try {
      const segs = listSegments(this.options.dir)
        .map((name) => ({ name, st: statOrUndefined(path.join(this.options.dir, name)) }))
        .filter((s): s is { name: string; st: fs.Stats } => s.st !== undefined);
      let total = segs.reduce((n, s) => n + s.st.size, 0);
      segs.sort((a, b) => a.st.mtimeMs - b.st.mtimeMs || a.name.localeCompare(b.name));
      for (const s of segs) {
        if (total <= this.maxTotalBytes) break;
        if (s.name === this.file) continue;
        try {
          fs.unlinkSync(path.join(this.options.dir, s.name));
          total -= s.st.size;
        } catch {
          // another window deleted it first, or it is open on Windows
        }
      }
    } catch (e) {
      this.options.onError?.(e);
    }
  }
}

function statOrUndefined(p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p);
  } catch {
    return undefined;
  }
}

export function listSegments(dir: string): string[] {
  try {
    return fs.readdirSync(dir).filter((n) => SEGMENT_RE.test(n)).sort();
  } catch {
    return [];
  }
}

// ---------------------------------------------------------------------------------------------------------
// Reading

/**
 * Where a newest-first scan stands: for each segment, the bytes before `offset` are still unread. Segments
 * missing from a cursor were created after the scan started: they hold only newer entries and are left to
 * the tail. Plain JSON, so it can go to the webview and come back.
 */
export interface Cursor {
  files: Record<string, number>;
}

export interface StoredEntry {
  entry: ActivityEntry;
  /** `<segment>:<byte offset>`: enough to read the entry again (`ActivityReader.get`). */
  ref: string;
}

export interface PageRequest {
  /** Continue after this cursor; a new scan of the current contents when unset. */
  cursor?: Cursor;
  limit: number;
  filter?: ActivityFilter;
  /** Stop after reading about this many bytes even when fewer than `limit` matched (default: no limit). */
  maxScanBytes?: number;
}

export interface Page {
  entries: StoredEntry[];
  cursor: Cursor;
  /** Nothing older is left to read. */
  done: boolean;
  /** Lines that did not parse (a line cut short by a crash). */
  skipped: number;
  scannedBytes: number;
}

const CHUNK = 64 * 1024;

/** Reads the lines of one segment backwards, from `end` towards the start. */
class BackwardLines {
  private buf = Buffer.alloc(0);
  /** File offset of buf[0]. buf holds [bufStart, end). */
  private bufStart: number;
  scanned = 0;

  constructor(private readonly fh: fs.promises.FileHandle, private end: number) {
    this.bufStart = end;
  }

  /** Start of everything not yet returned. */
  get position(): number {
    return this.end;
  }

  /**
   * The previous complete line and its offset from what is buffered; undefined at the start of the file,
   * null when more must be read first (`readMore`). Synchronous, so a scan awaits only for I/O.
   */
  prevBuffered(): { line: Buffer; offset: number } | undefined | null {
    if (this.end <= 0) return undefined;
    // The line ends at end-1 (its newline); look for the newline before it.
    const rel = this.end - 1 - this.bufStart;
    const nl = rel > 0 ? this.buf.lastIndexOf(0x0a, rel - 1) : -1;
    if (nl < 0 && this.bufStart > 0) return null;
    const lineStart = nl >= 0 ? this.bufStart + nl + 1 : 0;
    const line = this.buf.subarray(lineStart - this.bufStart, rel);
    this.end = lineStart;
    this.buf = this.buf.subarray(0, lineStart - this.bufStart);
    return { line, offset: lineStart };
  }

  async readMore(): Promise<void> {
    const from = Math.max(0, this.bufStart - CHUNK);
    const len = this.bufStart - from;
    const chunk = Buffer.alloc(len);
    const { bytesRead } = await this.fh.read(chunk, 0, len, from);
    if (bytesRead !== len) throw new Error('segment shrank while reading');
    this.scanned += len;
    this.buf = this.buf.length ? Buffer.concat([chunk, this.buf]) : chunk;
    this.bufStart = from;
  }
}

/** `t` without parsing the line: writers always put it first (`{"t":1732…,`). */
function timeOf(line: Buffer): number | undefined {
  if (line.length < 7 || line[0] !== 0x7b || line[1] !== 0x22 || line[2] !== 0x74 || line[3] !== 0x22 || line[4] !== 0x3a) return undefined;
  let t = 0;
  let i = 5;
  for (; i < line.length && i < 25; i++) {
    const c = line[i]!;
    if (c < 0x30 || c > 0x39) break;
    t = t * 10 + (c - 0x30);
  }
  return i > 5 && line[i] === 0x2c ? t : undefined;
}

function parseEntry(line: Buffer): ActivityEntry | undefined {
  try {
    const e = JSON.parse(line.toString('utf8')) as ActivityEntry;
    return e && typeof e === 'object' && typeof e.t === 'number' && typeof e.id === 'string' ? e : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Byte strings a line must contain (one of each group) to possibly match the filter: checked before parsing.
 * Only a necessary condition (a finding's "decision" can match too); matchesFilter decides.
 */
function rawPrechecks(filter: ActivityFilter | undefined): Buffer[][] {
  const groups: Buffer[][] = [];
  const field = (k: string, v: string | boolean): Buffer => Buffer.from(`"${k}":${JSON.stringify(v)}`);
  if (filter?.agents?.length) groups.push(filter.agents.map((a) => field('agent', a)));
  const decision = filter?.decision;
  switch (decision) {
    case undefined:
      break;
    case 'paused':
      groups.push([field('decision', 'ask'), field('decision', 'block')]);
      break;
    case 'denied':
      groups.push([field('outcome', 'denied'), field('outcome', 'timed-out'), field('outcome', 'blocked')]);
      break;
    case 'would-have-paused':
      groups.push([field('outcome', 'would-have-paused')]);
      break;
    case 'warned':
      groups.push([field('warned', true)]);
      break;
    default:
      groups.push([field('decision', decision)]);
  }
  return groups;
}

/** Needles that read the same in a raw JSON line: printable ASCII except the characters JSON escapes. */
const RAW_SAFE = /^[\x20\x21\x23-\x5b\x5d-\x7e]+$/;

interface Head {
  name: string;
  lines: BackwardLines;
  fh: fs.promises.FileHandle;
  /** Peeked, not yet consumed. */
  next?: { line: Buffer; offset: number; t: number };
  /** Offset of the oldest consumed line: the cursor for this file. */
  consumedEnd: number;
}

export class ActivityReader {
  constructor(readonly dir: string) {}

  /** Current end of the complete lines of every segment: a starting cursor, or a starting tail state. */
  snapshot(): Cursor {
    const files: Record<string, number> = {};
    for (const name of listSegments(this.dir)) {
      const end = completeEnd(path.join(this.dir, name));
      if (end !== undefined) files[name] = end;
    }
    return { files };
  }

  /** Newest-first page of entries matching the filter, continuing after `cursor`. */
  async page(req: PageRequest): Promise<Page> {
    const cursor = req.cursor ?? this.snapshot();
    const filter = req.filter;
    const needle = filter?.text ? filter.text.toLowerCase() : undefined;
    // Pre-check on the raw line (latin1 keeps ASCII bytes as they are) so most misses skip JSON.parse.
    const rawNeedle = needle && RAW_SAFE.test(needle) ? new RegExp(needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i') : undefined;
    const rawChecks = rawPrechecks(filter);
    const heads: Head[] = [];
    const out: StoredEntry[] = [];
    const nextCursor: Record<string, number> = { ...cursor.files };
    let skipped = 0;
    try {
      for (const [name, end] of Object.entries(cursor.files)) {
        if (!SEGMENT_RE.test(name) || !(end > 0)) continue;
        let fh: fs.promises.FileHandle;
        try {
          fh = await fs.promises.open(path.join(this.dir, name), 'r');
        } catch {
          nextCursor[name] = 0; // deleted by retention: nothing left to read there
          continue;
        }
        heads.push({ name, fh, lines: new BackwardLines(fh, end), consumedEnd: end });
      }
      // Moves a head to its next line; returns a promise only when it has to read from disk.
      const advance = (h: Head): Promise<void> | undefined => {
        for (;;) {
          const l = h.lines.prevBuffered();
          if (l === null) return h.lines.readMore().then(() => advance(h));
          if (l === undefined) {
            h.next = undefined;
            return undefined;
          }
          const t = timeOf(l.line) ?? parseEntry(l.line)?.t;
          if (t === undefined) {
            skipped++;
            h.consumedEnd = l.offset;
            continue;
          }
          h.next = { line: l.line, offset: l.offset, t };
          return undefined;
        }
      };
      for (const h of heads) await advance(h);
      const scanned = (): number => heads.reduce((n, h) => n + h.lines.scanned, 0);
      let live = heads.filter((h) => h.next);
      while (live.length > 0 && out.length < req.limit) {
        if (req.maxScanBytes !== undefined && scanned() >= req.maxScanBytes) break;
        let best = live[0]!;
        for (const h of live) if (h.next!.t > best.next!.t || (h.next!.t === best.next!.t && h.name > best.name)) best = h;
        const { line, offset, t } = best.next!;
        best.consumedEnd = offset;
        if (filter?.from !== undefined && t < filter.from) {
          // Times never decrease within a segment, nor across a writer's segments: nothing older matches.
          best.consumedEnd = 0;
          best.next = undefined;
        } else {
          if (!(filter?.to !== undefined && t > filter.to) && rawChecks.every((any) => any.some((b) => line.includes(b))) && (!rawNeedle || rawNeedle.test(line.toString('latin1')))) {
            const entry = parseEntry(line);
            if (!entry) skipped++;
            else if (matchesFilter(entry, filter)) out.push({ entry, ref: `${best.name}:${offset}` });
          }
          const pending = advance(best);
          if (pending) await pending;
        }
        if (!best.next) live = live.filter((h) => h !== best);
      }
      for (const h of heads) nextCursor[h.name] = h.next ? h.next.offset + h.next.line.length + 1 : h.consumedEnd;
      const done = heads.every((h) => !h.next);
      return { entries: out, cursor: { files: nextCursor }, done, skipped, scannedBytes: scanned() };
    } finally {
      await Promise.all(heads.map((h) => h.fh.close().catch(() => {})));
    }
  }

  /** The entry at `ref` (from a page), or undefined when the reference is bad or the segment is gone. */
  async get(ref: string): Promise<ActivityEntry | undefined> {
    const m = /^([^/\\:]+):(\d{1,15})$/.exec(ref);
    if (!m || !SEGMENT_RE.test(m[1]!)) return undefined;
    let fh: fs.promises.FileHandle | undefined;
    try {
      fh = await fs.promises.open(path.join(this.dir, m[1]!), 'r');
      let pos = Number(m[2]);
      const parts: Buffer[] = [];
      for (;;) {
        const chunk = Buffer.alloc(CHUNK);
        const { bytesRead } = await fh.read(chunk, 0, CHUNK, pos);
        if (bytesRead === 0) return undefined;
        const nl = chunk.subarray(0, bytesRead).indexOf(0x0a);
        if (nl >= 0) {
          parts.push(chunk.subarray(0, nl));
          return parseEntry(Buffer.concat(parts));
        }
        parts.push(chunk.subarray(0, bytesRead));
        pos += bytesRead;
      }
    } catch {
      return undefined;
    } finally {
      await fh?.close().catch(() => {});
    }
  }

  /**
   * Entries appended since `state` (oldest first), and the new state. Reads only complete lines, so a line
   * being written right now is picked up next time. `skip` leaves out segments (the window's own, whose
   * entries it already has).
   */
  async tail(state: Cursor, skip?: (name: string) => boolean, maxBytes = 4 * 1024 * 1024): Promise<{ entries: StoredEntry[]; state: Cursor }> {
    const files: Record<string, number> = {};
    const out: StoredEntry[] = [];
    // A bulk arrival (a copied-in log, a window that wrote a lot while this one slept) is taken in slices,
    // so one poll never holds the extension host for long; the next poll goes on from the new state.
    let budget = maxBytes;
    for (const name of listSegments(this.dir)) {
      const from = state.files[name] ?? 0;
      if (skip?.(name)) {
        files[name] = completeEnd(path.join(this.dir, name)) ?? from;
        continue;
      }
      let fh: fs.promises.FileHandle | undefined;
      try {
        fh = await fs.promises.open(path.join(this.dir, name), 'r');
        const size = (await fh.stat()).size;
        files[name] = from;
        if (size <= from || budget <= 0) continue;
        let want = Math.min(size - from, budget);
        let data = Buffer.alloc(0);
        let last = -1;
        for (;;) {
          const buf = Buffer.alloc(want);
          const { bytesRead } = await fh.read(buf, 0, want, from);
          data = buf.subarray(0, bytesRead);
          last = data.lastIndexOf(0x0a);
          // One line longer than the slice: read on to its end.
          if (last >= 0 || want >= size - from) break;
          want = Math.min(size - from, want * 2);
        }
        budget -= data.length;
        if (last < 0) continue;
        let start = 0;
        while (start <= last) {
          const nl = data.indexOf(0x0a, start);
          const entry = parseEntry(data.subarray(start, nl));
          if (entry) out.push({ entry, ref: `${name}:${from + start}` });
          start = nl + 1;
        }
        files[name] = from + last + 1;
      } catch {
        // deleted between listing and opening
      } finally {
        await fh?.close().catch(() => {});
      }
    }
    out.sort((a, b) => a.entry.t - b.entry.t);
    return { entries: out, state: { files } };
  }

  /** Segment count and bytes, and an estimate of the number of entries (for "about N entries"). */
  stats(): { files: number; bytes: number } {
    let bytes = 0;
    const names = listSegments(this.dir);
    for (const n of names) bytes += statOrUndefined(path.join(this.dir, n))?.size ?? 0;
    return { files: names.length, bytes };
  }
}

/** Offset just after the last newline of a file (a line without one is incomplete or torn). */
function completeEnd(file: string): number | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const size = fs.fstatSync(fd).size;
    let pos = size;
    const buf = Buffer.alloc(4096);
    while (pos > 0) {
      const from = Math.max(0, pos - buf.length);
      const n = fs.readSync(fd, buf, 0, pos - from, from);
      const nl = buf.subarray(0, n).lastIndexOf(0x0a);
      if (nl >= 0) return from + nl + 1;
      pos = from;
    }
    return 0;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
