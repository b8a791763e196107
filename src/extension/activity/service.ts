/**
 * The window's activity log: this window's writer, a reader over every window's segments, a live feed of
 * new entries (this window's at once, other windows' by polling the folder), today's counts for the status
 * bar, and the recent hook calls the terminal observer needs to tell hooked commands from unhooked ones.
 */
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { outboxPath, takeOutbox } from '../../activity/outbox';
import type { ChannelRequest, ChannelResponse } from '../../channel/protocol';
import { hookEntry, type HookResult } from '../../activity/entries';
import { ActivityReader, ActivityWriter, type Cursor, type FsyncPolicy, type StoredEntry } from '../../activity/store';
import { BLOCKED_OUTCOMES, PAUSED_OUTCOMES, type ActivityEntry, type NewEntry } from '../../activity/types';

export interface ServiceOptions {
  dir: string;
  log: vscode.LogOutputChannel;
  maxFileBytes: number;
  maxTotalBytes: number;
  fsync: FsyncPolicy;
  workspace: () => string | undefined;
  observeOnly: () => boolean;
  /** Home folder whose outbox (hook calls no window heard about) this window moves into the store. */
  home?: string;
}

export interface TodayCounts {
  /** Paused for a person (answered in any way). */
  paused: number;
  blocked: number;
  /** Observe-only: what would have been paused or blocked. */
  wouldHavePaused: number;
  /** Destructive commands seen in a terminal without a hook. */
  warned: number;
}

/** How long a hook call's command counts as "seen by a hook" for the terminal observer. */
const HOOK_MEMORY_MS = 10 * 60_000;
/** Other windows' entries are picked up this often while anything listens. */
const TAIL_MS = 1500;
/** Batches another window claimed but never finished (it closed mid-import) are looked for this often. */
const STALE_OUTBOX_SCAN_MS = 60_000;

export function normalizeCommand(s: string): string {
  return s.trim().replace(/\s+/g, ' ');
}

function startOfDay(t: number): number {
  const d = new Date(t);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

export class ActivityService implements vscode.Disposable {
  readonly writer: ActivityWriter;
  readonly reader: ActivityReader;
  private readonly appended = new vscode.EventEmitter<StoredEntry[]>();
  /** New entries from any window, oldest first. */
  readonly onDidAppend = this.appended.event;
  private readonly countsChanged = new vscode.EventEmitter<TodayCounts>();
  readonly onDidChangeCounts = this.countsChanged.event;
  private counts: TodayCounts = { paused: 0, blocked: 0, wouldHavePaused: 0, warned: 0 };
  private countsDay = startOfDay(Date.now());
  private tailState: Cursor;
  private tailTimer: NodeJS.Timeout | undefined;
  private tailing = false;
  private readonly recentHooks = new Map<string, { t: number; agent: string }>();
  private readonly recentFiles = new Map<string, { t: number; agent: string }>();
  readonly agentsSeen = new Set<string>();
  private disposed = false;
  private writeFailures = 0;
  private lastStaleScan = 0;

  constructor(private readonly options: ServiceOptions) {
    this.writer = new ActivityWriter({
      dir: options.dir,
      maxFileBytes: options.maxFileBytes,
      maxTotalBytes: options.maxTotalBytes,
      fsync: options.fsync,
      onError: (e) => options.log.warn(`Activity log: ${String(e)}`),
    });
    this.reader = new ActivityReader(options.dir);
    this.tailState = this.reader.snapshot();
    void this.recount();
    this.tailTimer = setInterval(() => void this.pollTail(), TAIL_MS);
  }

  get todayCounts(): TodayCounts {
    return { ...this.counts };
  }

  /** Writes an entry; never throws (a failed write is logged, and the action goes on). */
  record(input: NewEntry): StoredEntry | undefined {
    if (this.disposed) return undefined;
    let stored: StoredEntry;
    try {
      stored = this.writer.append({ workspace: this.options.workspace(), ...input });
    } catch (e) {
      if (this.writeFailures++ < 5) this.options.log.error(`Activity log: could not write to ${this.options.dir}: ${String(e)}`);
      return undefined;
    }
    this.observe([stored]);
    this.appended.fire([stored]);
    return stored;
  }

  /**
   * Records a hook call: the request the channel received and, when it was paused, the person's answer.
   * Without `result`, the outcome follows from the verdict and the answer (see `hookOutcome`); observe-only
   * mode is applied when the verdict was not allow.
   */
  recordHookCall(req: ChannelRequest, response?: ChannelResponse, opts: { result?: HookResult; answeredAt?: number } = {}): ActivityEntry | undefined {
    const entry = hookEntry(req, response, {
      observeOnly: this.options.observeOnly(),
      result: opts.result,
      answeredAt: opts.answeredAt ?? (response ? Date.now() : undefined),
    });
    return this.record(entry)?.entry;
  }

  /** The agent whose hook ran this command recently, if any. */
  hookedCommand(commandLine: string): string | undefined {
    const hit = this.recentHooks.get(normalizeCommand(commandLine));
    return hit && Date.now() - hit.t < HOOK_MEMORY_MS ? hit.agent : undefined;
  }

  /** The agent whose hook wrote this path recently, if any. */
  fileAgent(fsPath: string): string | undefined {
    const hit = this.recentFiles.get(fsPath);
    return hit && Date.now() - hit.t < HOOK_MEMORY_MS ? hit.agent : undefined;
  }

  dispose(): void {
    this.disposed = true;
    if (this.tailTimer) clearInterval(this.tailTimer);
    this.writer.close();
    this.appended.dispose();
    this.countsChanged.dispose();
  }

  private observe(batch: StoredEntry[]): void {
    let changed = false;
    const now = Date.now();
    if (startOfDay(now) !== this.countsDay) {
      this.countsDay = startOfDay(now);
      this.counts = { paused: 0, blocked: 0, wouldHavePaused: 0, warned: 0 };
      changed = true;
    }
    for (const { entry: e } of batch) {
      this.agentsSeen.add(e.agent);
      if (e.source === 'hook') {
        if (e.kind === 'shell' && e.detail) this.recentHooks.set(normalizeCommand(e.detail), { t: e.t, agent: e.agent });
        if (e.kind === 'file' && e.target) this.recentFiles.set(e.target, { t: e.t, agent: e.agent });
      }
      if (e.t >= this.countsDay) changed = this.count(e) || changed;
    }
    if (this.recentHooks.size > 2000) this.prune(this.recentHooks, now);
    if (this.recentFiles.size > 2000) this.prune(this.recentFiles, now);
    if (changed) this.countsChanged.fire(this.todayCounts);
  }

  private prune(map: Map<string, { t: number }>, now: number): void {
    for (const [k, v] of map) if (now - v.t > HOOK_MEMORY_MS) map.delete(k);
  }

  private count(e: ActivityEntry): boolean {
    if (PAUSED_OUTCOMES.includes(e.outcome)) this.counts.paused++;
    else if (BLOCKED_OUTCOMES.includes(e.outcome)) this.counts.blocked++;
    else if (e.outcome === 'would-have-paused') this.counts.wouldHavePaused++;
    else if (e.warned) this.counts.warned++;
    else return false;
    return true;
  }

  /** Today's counts from the store (all windows), once at start-up. Stops at midnight: times never go back. */
  private async recount(): Promise<void> {
    const counts: TodayCounts = { paused: 0, blocked: 0, wouldHavePaused: 0, warned: 0 };
    const from = this.countsDay;
    let cursor: Cursor | undefined = this.tailState;
    try {
      for (;;) {
        const page = await this.reader.page({ cursor, limit: 2000, filter: { from } });
        for (const { entry: e } of page.entries) {
          this.agentsSeen.add(e.agent);
          if (PAUSED_OUTCOMES.includes(e.outcome)) counts.paused++;
          else if (BLOCKED_OUTCOMES.includes(e.outcome)) counts.blocked++;
          else if (e.outcome === 'would-have-paused') counts.wouldHavePaused++;
          else if (e.warned) counts.warned++;
        }
        cursor = page.cursor;
        if (page.done || this.disposed) break;
      }
    } catch (e) {
      this.options.log.warn(`Activity log: could not count today's entries: ${String(e)}`);
      return;
    }
    // Entries recorded while counting were counted by observe(); add the older ones.
    this.counts = {
      paused: this.counts.paused + counts.paused,
      blocked: this.counts.blocked + counts.blocked,
      wouldHavePaused: this.counts.wouldHavePaused + counts.wouldHavePaused,
      warned: this.counts.warned + counts.warned,
    };
    this.countsChanged.fire(this.todayCounts);
  }

  /**
   * Moves the outbox (hook calls decided while no window listened, activity/outbox.ts) into the store, with their
   * own times, through a writer of their own so that this window's segment stays in time order. Other windows,
   * and this one, pick the new segment up like any other. Returns how many entries were moved.
   */
  importOutbox(): number {
    const home = this.options.home;
    if (!home || this.disposed) return 0;
    const now = Date.now();
    if (!fs.existsSync(outboxPath(home)) && now - this.lastStaleScan < STALE_OUTBOX_SCAN_MS) return 0;
    this.lastStaleScan = now;
    const taken = takeOutbox(home, now);
    if (!taken) return 0;
    if (taken.skipped > 0) this.options.log.warn(`Activity log: ${taken.skipped} line(s) of ${outboxPath(home)} were not hook calls and were left out`);
    if (taken.entries.length === 0) {
      taken.finish();
      return 0;
    }
    const writer = new ActivityWriter({ dir: this.options.dir, maxFileBytes: this.options.maxFileBytes, maxTotalBytes: this.options.maxTotalBytes, fsync: 'always' });
    try {
      for (const entry of taken.entries) writer.append(entry);
      writer.close();
      taken.finish();
    } catch (e) {
      writer.close();
      // The claimed batch stays on disk: another window (or this one, after a restart) takes it over later.
      this.options.log.error(`Activity log: could not move the outbox into ${this.options.dir}: ${String(e)}`);
      return 0;
    }
    this.options.log.info(`Activity log: ${taken.entries.length} hook call(s) made while no editor window listened were added`);
    return taken.entries.length;
  }

  private async pollTail(): Promise<void> {
    if (this.tailing || this.disposed) return;
    this.tailing = true;
    try {
      this.importOutbox();
      const { entries, state } = await this.reader.tail(this.tailState, (name) => this.writer.ownsFile(name));
      this.tailState = state;
      if (entries.length > 0 && !this.disposed) {
        this.observe(entries);
        this.appended.fire(entries);
      }
    } catch (e) {
      this.options.log.debug(`Activity log: tail failed: ${String(e)}`);
    } finally {
      this.tailing = false;
    }
  }
}
