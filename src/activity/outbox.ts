/**
 * Hook calls no editor window heard about: an agent ran while VS Code was closed, or in a folder no window has
 * open. The hook decides alone then, and appends the call here (masked, one JSON line each, O_APPEND so
 * concurrent hooks never tear each other's lines); the next window to start, or a running one within seconds,
 * moves the lines into the activity store. So the log holds what agents did while no editor was open. Editor-free.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { maskDeep } from './mask';
import { OUTCOMES, type NewEntry } from './types';

export const OUTBOX_FILE = 'activity-outbox.jsonl';
/** Past this, allowed calls are no longer kept (paused and blocked ones still are): nobody opened an editor in a long time. */
export const MAX_OUTBOX_BYTES = 16 * 1024 * 1024;
/** A claimed batch whose importer died (a window closed mid-import) is taken over after this. */
const STALE_CLAIM_MS = 5 * 60_000;

export function outboxPath(home: string): string {
  return path.join(home, '.blast-radius', OUTBOX_FILE);
}

/** Appends one hook call; never throws (the hook's answer never depends on its log). */
export function appendToOutbox(home: string, entry: NewEntry & { t: number }): boolean {
  const file = outboxPath(home);
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const size = fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0;
    if (size > MAX_OUTBOX_BYTES && entry.decision === 'allow') return false;
    fs.appendFileSync(file, `${JSON.stringify(maskDeep(entry))}\n`, { mode: 0o600 });
    return true;
  } catch {
    return false;
  }
}

export interface TakenOutbox {
  entries: (NewEntry & { t: number })[];
  /** Lines that were not hook-call entries (cut short, edited by hand). */
  skipped: number;
  /** Deletes the claimed batch: call it once the entries are in the store (until then a crash loses nothing). */
  finish(): void;
}

/**
 * Claims everything in the outbox (a rename, so two windows never import the same batch) and returns it, oldest
 * first; the claimed files are deleted. undefined when there is nothing to take.
 */
export function takeOutbox(home: string, now = Date.now()): TakenOutbox | undefined {
  const file = outboxPath(home);
  const dir = path.dirname(file);
  const claims: string[] = [];
  const claim = `${file}.${process.pid}-${crypto.randomBytes(4).toString('hex')}.taking`;
  try {
    fs.renameSync(file, claim);
    claims.push(claim);
  } catch {
    // nothing new (or another window took it first)
  }
  try {
    for (const name of fs.readdirSync(dir)) {
      if (!name.startsWith(`${OUTBOX_FILE}.`) || !name.endsWith('.taking')) continue;
      const full = path.join(dir, name);
      if (full === claim) continue;
      const mtime = fs.statSync(full, { throwIfNoEntry: false })?.mtimeMs;
      if (mtime === undefined || now - mtime < STALE_CLAIM_MS) continue;
      const mine = `${full.slice(0, -'.taking'.length)}.${process.pid}.taking`;
      try {
        fs.renameSync(full, mine);
        claims.push(mine);
      } catch {
        // another window took it over first
      }
    }
  } catch {
    // no folder: nothing stale
  }
  if (claims.length === 0) return undefined;
  const out: TakenOutbox = {
    entries: [],
    skipped: 0,
    finish: () => {
      for (const c of claims) fs.rmSync(c, { force: true });
    },
  };
  for (const c of claims) {
    let text = '';
    try {
      text = fs.readFileSync(c, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      const entry = parse(line);
      if (entry) out.entries.push(entry);
      else out.skipped++;
    }
  }
  out.entries.sort((a, b) => a.t - b.t);
  return out;
}

const DECISIONS = new Set(['allow', 'ask', 'block']);

function parse(line: string): (NewEntry & { t: number }) | undefined {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null) return undefined;
  const e = v as Record<string, unknown>;
  const ok =
    typeof e.t === 'number' && Number.isFinite(e.t) &&
    e.source === 'hook' &&
    typeof e.agent === 'string' &&
    typeof e.summary === 'string' &&
    typeof e.kind === 'string' &&
    DECISIONS.has(e.decision as string) &&
    OUTCOMES.includes(e.outcome as never) &&
    Array.isArray(e.ruleIds) && Array.isArray(e.findings) && Array.isArray(e.signals);
  return ok ? (e as unknown as NewEntry & { t: number }) : undefined;
}
