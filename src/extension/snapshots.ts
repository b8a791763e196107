/**
 * Snapshots and recovery of protected files (issue 8, the editor side).
 *
 * - At start-up, the last known content of every protected file of the workspace (and of the agents' user-level
 *   hook settings) goes into the extension's own storage (src/snapshots/store.ts; never inside the workspace).
 * - A change that is expected becomes the new last known content silently: a save in this editor, an explorer
 *   operation, or a change the guard let through (the hook side calls `expectChange(path)` when a person or the
 *   engine allows a file action, and the Protect command does for the hook configs it writes).
 * - Any other change or deletion of a protected file (a script, a terminal, an agent without hooks, git) is
 *   reported at once: a notification with Compare (VS Code's diff between the snapshot and the file), Restore
 *   (one click puts the snapshot back) and Keep (the new content becomes the last known one). For the guard's own
 *   configuration the notification says whether the change weakens protection.
 * - Each detection is recorded in the activity log with a link to its snapshot (`file.snapshot` is a
 *   `blast-radius-snapshot:` URI the activity panel opens in a diff), through the recorder the activity feature
 *   sets with `setRecorder`, and fired as `onDidDetect`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as crypto from 'node:crypto';
import * as vscode from 'vscode';
import { fileEntry } from '../activity/entries';
import type { NewEntry } from '../activity/types';
import { RuleFiles } from '../engine/config';
import { judgeGuardChange } from '../engine/rules/files/_tamper';
import { HOME_GUARD_FILES, protectionOf, searchGlob, type Protection } from '../snapshots/protected';
import { DEFAULT_LIMITS, sha256, SnapshotStore, type SnapshotLimits, type SnapshotMeta } from '../snapshots/store';

export const SNAPSHOT_SCHEME = 'blast-radius-snapshot';

export const SnapshotCommand = {
  restore: 'blastRadius.restoreProtectedFile',
  compare: 'blastRadius.compareProtectedFile',
  /** Not in the palette: store location and counts, for tests and diagnostics. */
  info: 'blastRadius.snapshotInfo',
} as const;

/** How long after a save, an explorer operation or an allowed hook call a change of that path is expected. */
const EDITOR_EXPECT_MS = 5_000;
const HOOK_EXPECT_MS = 120_000;
/** File events of one write arrive in bursts. */
const DEBOUNCE_MS = 300;
const MAX_START_FILES = 10_000;

export interface SnapshotEvent {
  op: 'changed' | 'deleted';
  path: string;
  /** The last known content, when there is one. */
  snapshot?: SnapshotMeta;
  /** `blast-radius-snapshot:` URI of that content (for a diff). */
  snapshotUri?: string;
  /** For the guard's own files: how the change weakens protection. */
  weakens?: string[];
}

export interface SnapshotsApi {
  /** A change of `file` is coming through the guard (an allowed hook call): take it as the new last known content. */
  expectChange(file: string, source?: string): void;
  /** Where detections are recorded (the activity log's `record`). */
  setRecorder(record: ((entry: NewEntry) => void) | undefined): void;
  snapshotUri(meta: SnapshotMeta): vscode.Uri;
  readonly onDidDetect: vscode.Event<SnapshotEvent>;
  readonly store: SnapshotStore | undefined;
  /** Settles when the start-up snapshot is done. */
  readonly ready: Promise<void>;
}

let current: SnapshotsApi | undefined;

/** The running snapshot feature, for the hook side and the activity log. */
export function getSnapshots(): SnapshotsApi | undefined {
  return current;
}

function limitsFromSettings(): SnapshotLimits {
  const c = vscode.workspace.getConfiguration('blastRadius.snapshots');
  const num = (key: string, fallback: number, min: number): number => {
    const v = c.get<number>(key);
    return typeof v === 'number' && Number.isFinite(v) && v >= min ? v : fallback;
  };
  return {
    maxFileBytes: Math.round(num('maxFileSizeKB', DEFAULT_LIMITS.maxFileBytes / 1024, 1) * 1024),
    maxTotalBytes: Math.round(num('maxTotalSizeMB', DEFAULT_LIMITS.maxTotalBytes / (1024 * 1024), 1) * 1024 * 1024),
    maxVersionsPerFile: Math.floor(num('maxVersionsPerFile', DEFAULT_LIMITS.maxVersionsPerFile, 1)),
  };
}

function folders(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
}

function inside(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** The store's folder: the extension's workspace storage, else its global storage per workspace; never in the workspace. */
function storeDir(context: vscode.ExtensionContext): string {
  const override = process.env.BLAST_RADIUS_SNAPSHOT_DIR;
  const key = crypto.createHash('sha256').update(folders().join('\n')).digest('hex').slice(0, 16);
  const candidates = [
    override,
    context.storageUri?.scheme === 'file' ? path.join(context.storageUri.fsPath, 'snapshots') : undefined,
    context.globalStorageUri.scheme === 'file' ? path.join(context.globalStorageUri.fsPath, 'snapshots', key) : undefined,
    path.join(os.homedir(), '.blast-radius', 'snapshots', key),
  ];
  for (const c of candidates) if (c && !folders().some((f) => c === f || inside(c, f))) return c;
  return path.join(os.homedir(), '.blast-radius', 'snapshots', key);
}

/** With BLAST_RADIUS_TEST_LOG_DIR set (the real-VS-Code tests), each snapshot event is one JSON line in snapshots.log there. */
function testLog(event: Record<string, unknown>): void {
  const dir = process.env.BLAST_RADIUS_TEST_LOG_DIR;
  if (!dir) return;
  try {
    fs.appendFileSync(path.join(dir, 'snapshots.log'), JSON.stringify({ t: Date.now(), ...event }) + '\n');
  } catch {
    // Test logging never disturbs the feature.
  }
}

function when(t: number): string {
  return new Date(t).toLocaleString();
}

class Snapshots implements SnapshotsApi {
  store: SnapshotStore | undefined;
  private readonly emitter = new vscode.EventEmitter<SnapshotEvent>();
  readonly onDidDetect = this.emitter.event;
  private recorder: ((entry: NewEntry) => void) | undefined;
  private readonly expected = new Map<string, { until: number; reason: string }>();
  /** Our own restores: path → hash written. */
  private readonly ownWrites = new Map<string, { hash: string | null; until: number }>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly pendingKinds = new Map<string, 'changed' | 'deleted' | 'created'>();
  /** Notifications open per path: a second change of the same file does not open a second one. */
  private readonly open = new Set<string>();
  private readonly tooLargeTold = new Set<string>();
  private readonly home = os.homedir();
  private protectByRoot = new Map<string, readonly string[]>();
  private readonly ruleFiles = new RuleFiles();

  constructor(private readonly context: vscode.ExtensionContext, private readonly log: vscode.LogOutputChannel) {
    try {
      this.store = new SnapshotStore(storeDir(context), limitsFromSettings());
      this.log.info(`Snapshots: stored in ${this.store.dir}`);
    } catch (e) {
      this.log.error(`Snapshots: cannot open the snapshot folder (${(e as Error).message}); protected files are not snapshotted`);
    }
  }

  private startPromise: Promise<void> | undefined;

  get ready(): Promise<void> {
    return this.startPromise ?? Promise.resolve();
  }

  /** Takes the start-up snapshot (once). */
  start(): Promise<void> {
    this.startPromise ??= this.store ? this.startUp().catch((e: unknown) => this.log.error(`Snapshots: start-up failed: ${String(e)}`)) : Promise.resolve();
    return this.startPromise;
  }

  snapshotUri(meta: SnapshotMeta): vscode.Uri {
    return vscode.Uri.from({ scheme: SNAPSHOT_SCHEME, path: meta.path.split(path.sep).join('/'), query: meta.id });
  }

  setRecorder(record: ((entry: NewEntry) => void) | undefined): void {
    this.recorder = record;
  }

  expectChange(file: string, source = 'accepted change'): void {
    this.expected.set(path.resolve(file), { until: Date.now() + HOOK_EXPECT_MS, reason: source });
  }

  private expectFromEditor(uri: vscode.Uri, reason: string): void {
    if (uri.scheme === 'file') this.expected.set(uri.fsPath, { until: Date.now() + EDITOR_EXPECT_MS, reason });
  }

  private rootOf(file: string): string | undefined {
    return folders().find((f) => inside(file, f));
  }

  private protectFor(root: string | undefined): readonly string[] {
    if (!root) return [];
    let p = this.protectByRoot.get(root);
    if (!p) {
      try {
        p = this.ruleFiles.forFolder(root, root).config.protect;
      } catch {
        p = [];
      }
      this.protectByRoot.set(root, p);
    }
    return p;
  }

  private protection(file: string): Protection | undefined {
    const root = this.rootOf(file);
    if (!root && !inside(file, this.home)) return undefined;
    return protectionOf(file, root, this.home, this.protectFor(root));
  }

  /** Reads a file for a snapshot; undefined when it is gone or not a file. */
  private readFile(file: string): { content: Buffer; mode: number } | 'too-large' | undefined {
    try {
      const st = fs.statSync(file);
      if (!st.isFile()) return undefined;
      if (this.store && st.size > this.store.getLimits().maxFileBytes) return 'too-large';
      return { content: fs.readFileSync(file), mode: st.mode & 0o777 };
    } catch {
      return undefined;
    }
  }

  private snapshot(file: string, reason: string): SnapshotMeta | undefined {
    if (!this.store) return undefined;
    const read = this.readFile(file);
    if (read === 'too-large') {
      if (!this.tooLargeTold.has(file)) {
        this.tooLargeTold.add(file);
        this.log.warn(`Snapshots: ${file} is larger than blastRadius.snapshots.maxFileSizeKB; it has no snapshot`);
      }
      return undefined;
    }
    if (!read) return undefined;
    const r = this.store.save(file, read.content, reason, read.mode);
    if ('saved' in r) return r.saved;
    if ('unchanged' in r) return r.unchanged;
    return undefined;
  }

  private async startUp(): Promise<void> {
    const started = Date.now();
    let count = 0;
    for (const root of folders()) {
      const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(root, searchGlob(this.protectFor(root))), '**/{node_modules,.git}/**', MAX_START_FILES);
      for (const uri of uris) {
        if (this.protection(uri.fsPath) && this.snapshot(uri.fsPath, 'start-up')) count++;
      }
    }
    for (const rel of HOME_GUARD_FILES) {
      const file = path.join(this.home, rel);
      if (fs.existsSync(file) && this.protection(file) && this.snapshot(file, 'start-up')) count++;
    }
    this.log.info(`Snapshots: ${count} protected files snapshotted at start-up in ${Date.now() - started} ms (${this.store!.totalBytes()} bytes kept)`);
    testLog({ event: 'start-up', folders: folders(), count });
  }

  watch(): vscode.Disposable[] {
    const disposables: vscode.Disposable[] = [];
    const add = (w: vscode.FileSystemWatcher): void => {
      disposables.push(
        w,
        w.onDidCreate((u) => this.event(u, 'created')),
        w.onDidChange((u) => this.event(u, 'changed')),
        w.onDidDelete((u) => this.event(u, 'deleted')),
      );
    };
    add(vscode.workspace.createFileSystemWatcher('**/*'));
    const homeDirs = new Map<string, string[]>();
    for (const rel of HOME_GUARD_FILES) {
      const file = path.join(this.home, rel);
      homeDirs.set(path.dirname(file), [...(homeDirs.get(path.dirname(file)) ?? []), path.basename(file)]);
    }
    for (const [dir, names] of homeDirs) {
      if (fs.existsSync(dir)) add(vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(dir), `{${names.join(',')}}`)));
    }
    disposables.push(
      vscode.workspace.onWillSaveTextDocument((e) => this.expectFromEditor(e.document.uri, 'saved in the editor')),
      vscode.workspace.onDidSaveTextDocument((d) => this.expectFromEditor(d.uri, 'saved in the editor')),
      vscode.workspace.onWillCreateFiles((e) => e.files.forEach((u) => this.expectFromEditor(u, 'created in the editor'))),
      vscode.workspace.onWillDeleteFiles((e) => e.files.forEach((u) => this.expectFromEditor(u, 'deleted in the editor'))),
      vscode.workspace.onWillRenameFiles((e) => e.files.forEach((f) => {
        this.expectFromEditor(f.oldUri, 'moved in the editor');
        this.expectFromEditor(f.newUri, 'moved in the editor');
      })),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('blastRadius.snapshots')) this.store?.setLimits(limitsFromSettings());
      }),
    );
    // A rule file changed: its protect globs may have too.
    const rules = vscode.workspace.createFileSystemWatcher('**/.blastradius.json');
    const reload = (): void => {
      this.protectByRoot.clear();
      this.ruleFiles.reload();
    };
    disposables.push(rules, rules.onDidChange(reload), rules.onDidCreate(reload), rules.onDidDelete(reload));
    return disposables;
  }

  private event(uri: vscode.Uri, kind: 'created' | 'changed' | 'deleted'): void {
    if (uri.scheme !== 'file' || !this.store) return;
    const file = uri.fsPath;
    if (file.startsWith(this.store.dir + path.sep)) return;
    // created + deleted in one burst: the last word wins, but a delete then create is a change.
    const prev = this.pendingKinds.get(file);
    this.pendingKinds.set(file, prev === 'deleted' && kind === 'created' ? 'changed' : kind);
    const t = this.timers.get(file);
    if (t) clearTimeout(t);
    this.timers.set(file, setTimeout(() => {
      this.timers.delete(file);
      const k = this.pendingKinds.get(file)!;
      this.pendingKinds.delete(file);
      void this.handle(file, k).catch((e: unknown) => this.log.error(`Snapshots: ${file}: ${String(e)}`));
    }, DEBOUNCE_MS));
  }

  /** Files under a folder that appeared at once (watchers report a new folder, not each file in it). */
  private filesUnder(dir: string, out: string[] = [], depth = 0): string[] {
    if (depth > 6 || out.length >= 2000) return out;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return out;
    }
    for (const e of entries) {
      if (e.name === 'node_modules' || e.name === '.git') continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) this.filesUnder(full, out, depth + 1);
      else if (e.isFile()) out.push(full);
    }
    return out;
  }

  private async handle(file: string, kind: 'created' | 'changed' | 'deleted'): Promise<void> {
    if (!this.store) return;
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(file);
    } catch {
      st = undefined;
    }
    if (st?.isDirectory()) {
      // A folder created or moved in: its protected files are new to us.
      for (const f of this.filesUnder(file)) if (this.protection(f)) await this.handle(f, 'created');
      return;
    }
    if (!st && kind === 'deleted') {
      // A folder deleted at once: the protected files we kept under it are gone too.
      const under = this.store.paths().filter((f) => f.startsWith(file + path.sep) && !fs.existsSync(f));
      for (const f of under) await this.handle(f, 'deleted');
    }
    const p = this.protection(file);
    if (!p) return;
    const exists = fs.existsSync(file);
    const op = exists ? (kind === 'deleted' ? 'changed' : kind) : 'deleted';
    // Our own restore coming back as an event.
    const own = this.ownWrites.get(file);
    if (own && own.until > Date.now()) {
      const nowHash = exists ? (() => { const r = this.readFile(file); return r && r !== 'too-large' ? sha256(r.content) : undefined; })() : null;
      if (nowHash === own.hash) return;
    }
    const expected = this.expected.get(file);
    if (expected && expected.until > Date.now()) {
      const meta = op !== 'deleted' ? this.snapshot(file, expected.reason) : undefined;
      this.log.info(`Snapshots: ${p.shown} ${op} (${expected.reason})`);
      testLog({ event: 'snapshot', path: file, reason: expected.reason, id: meta?.id });
      return;
    }
    const latest = this.store.latest(file);
    if (op === 'deleted') {
      if (!latest) {
        this.log.warn(`Snapshots: ${p.shown} was deleted and had no snapshot`);
        return;
      }
      await this.detected(p, 'deleted', latest, undefined);
      return;
    }
    const read = this.readFile(file);
    if (read === 'too-large') {
      this.log.warn(`Snapshots: ${p.shown} changed; it is larger than the snapshot limit, so there is no snapshot to compare or restore`);
      return;
    }
    if (!read) return;
    if (!latest) {
      // A new protected file: nothing was lost. Its first version is kept from now on.
      const meta = this.snapshot(file, 'created');
      this.log.info(`Snapshots: ${p.shown} is new; its first version is kept`);
      testLog({ event: 'snapshot', path: file, reason: 'created', id: meta?.id });
      return;
    }
    if (sha256(read.content) === latest.hash) return;
    await this.detected(p, 'changed', latest, read.content);
  }

  private async detected(p: Protection, op: 'changed' | 'deleted', latest: SnapshotMeta, now: Buffer | undefined): Promise<void> {
    const file = p.abs;
    let weakens: string[] | undefined;
    const uri = this.snapshotUri(latest);
    const root = this.rootOf(file);
    if (p.cls === 'guard' && p.guard) {
      const before = this.store!.read(latest.id)?.toString('utf8');
      const j = judgeGuardChange(p.guard, file, before, now?.toString('utf8'));
      if ('weakens' in j && j.weakens.length > 0) weakens = j.weakens;
      else if ('weakens' in j && op === 'changed') {
        // The guard's settings changed without loosening anything (the Protect command adding hooks, a model
        // setting): logged and recorded, the new content kept, the old one still restorable. No notification.
        this.snapshot(file, 'changed outside the editor; does not weaken protection');
        this.log.info(`Snapshots: ${p.shown} changed outside the editor; it does not weaken protection (the previous version ${latest.id} is kept)`);
        testLog({ event: 'guard-changed', path: file, snapshot: latest.id });
        this.record(p, op, root, uri, `${p.shown} changed outside the editor; it does not weaken protection. The previous version is kept.`, false);
        return;
      }
    }
    const event: SnapshotEvent = { op, path: file, snapshot: latest, snapshotUri: uri.toString(), ...(weakens ? { weakens } : {}) };
    const what = `${p.shown} (${p.what})`;
    const how = op === 'deleted' ? 'was deleted' : 'was changed';
    const why = weakens ? ` This weakens protection: ${weakens.slice(0, 3).join('; ')}.` : '';
    const message = `Blast Radius: ${what} ${how} outside the editor and no agent hook saw it.${why} A snapshot from ${when(latest.t)} is kept.`;
    this.log.warn(`Snapshots: ${p.shown} ${op} outside any hook; snapshot ${latest.id}${weakens ? `; weakens: ${weakens.join('; ')}` : ''}`);
    this.emitter.fire(event);
    testLog({ event: 'detected', op, path: file, snapshot: latest.id, weakens });
    this.record(p, op, root, uri, message.replace(/^Blast Radius: /, ''), true);
    if (this.open.has(file)) return;
    this.open.add(file);
    try {
      await this.ask(p, op, latest, message);
    } finally {
      this.open.delete(file);
    }
  }

  /** One activity-log entry for a detection, linked to the snapshot of the content before it. */
  private record(p: Protection, op: 'changed' | 'deleted', root: string | undefined, snapshot: vscode.Uri, reason: string, warned: boolean): void {
    if (!this.recorder) return;
    const entry = fileEntry({ op, path: p.abs, relative: root ? path.relative(root, p.abs) : p.shown, workspace: root });
    entry.summary = `${op} ${p.shown} outside any hook (snapshot kept)`;
    entry.reason = reason;
    if (warned) entry.warned = true;
    entry.file = { op, path: p.abs, snapshot: snapshot.toString() };
    try {
      this.recorder(entry);
    } catch (e) {
      this.log.error(`Snapshots: could not record the detection: ${String(e)}`);
    }
  }

  private async ask(p: Protection, op: 'changed' | 'deleted', latest: SnapshotMeta, message: string): Promise<void> {
    const keep = op === 'deleted' ? 'Keep Deleted' : 'Keep';
    for (;;) {
      const choice = await vscode.window.showWarningMessage(message, 'Compare', 'Restore', keep);
      if (choice === 'Compare') {
        await this.compare(p.abs, latest);
        continue; // the notification comes back with Restore and Keep
      }
      if (choice === 'Restore') {
        await this.restore(p.abs, latest);
        void vscode.window.showInformationMessage(`Blast Radius: restored ${p.shown} from the snapshot of ${when(latest.t)}.`);
      } else if (choice === keep) {
        if (op === 'changed') this.snapshot(p.abs, 'kept after an outside change');
        testLog({ event: 'kept', op, path: p.abs });
        this.log.info(`Snapshots: ${p.shown}: the person kept the ${op === 'deleted' ? 'deletion' : 'new content'}`);
      }
      return;
    }
  }

  async compare(file: string, meta: SnapshotMeta): Promise<void> {
    const right = fs.existsSync(file) ? vscode.Uri.file(file) : vscode.Uri.from({ scheme: SNAPSHOT_SCHEME, path: meta.path, query: 'empty' });
    const title = `${path.basename(file)} (snapshot ${when(meta.t)} ↔ ${fs.existsSync(file) ? 'now' : 'deleted'})`;
    await vscode.commands.executeCommand('vscode.diff', this.snapshotUri(meta), right, title, { preview: true });
  }

  async restore(file: string, meta: SnapshotMeta): Promise<void> {
    const content = this.store?.read(meta.id);
    if (!content) throw new Error(`the snapshot of ${file} is gone`);
    this.ownWrites.set(file, { hash: meta.hash, until: Date.now() + 10_000 });
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    await fs.promises.writeFile(file, content, meta.mode !== undefined ? { mode: meta.mode } : {});
    if (meta.mode !== undefined) await fs.promises.chmod(file, meta.mode).catch(() => undefined);
    this.log.info(`Snapshots: restored ${file} from ${meta.id}`);
    testLog({ event: 'restored', path: file, id: meta.id });
  }

  /** The person picks a protected file with snapshots (and a version) in a quick pick. */
  async pick(fileArg?: string): Promise<{ file: string; meta: SnapshotMeta } | undefined> {
    if (!this.store) return undefined;
    let file = fileArg;
    if (!file) {
      const items = this.store.paths().sort().map((f) => ({ label: vscode.workspace.asRelativePath(f), description: fs.existsSync(f) ? '' : 'deleted', file: f }));
      const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Protected file' });
      file = picked?.file;
    }
    if (!file) return undefined;
    const versions = this.store.versions(file);
    if (versions.length === 0) return undefined;
    if (versions.length === 1) return { file, meta: versions[0]! };
    const picked = await vscode.window.showQuickPick(
      versions.map((m) => ({ label: when(m.t), description: `${m.reason}, ${m.size} bytes`, meta: m })),
      { placeHolder: `Version of ${path.basename(file)}` },
    );
    return picked ? { file, meta: picked.meta } : undefined;
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.emitter.dispose();
  }
}

export function registerSnapshots(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): SnapshotsApi {
  const s = new Snapshots(context, log);
  current = s;
  const enabled = vscode.workspace.getConfiguration('blastRadius.snapshots').get<boolean>('enabled', true);
  context.subscriptions.push(
    s,
    { dispose: () => { if (current === s) current = undefined; } },
    vscode.workspace.registerTextDocumentContentProvider(SNAPSHOT_SCHEME, {
      provideTextDocumentContent: (uri) => (uri.query === 'empty' ? '' : s.store?.read(uri.query)?.toString('utf8') ?? ''),
    }),
    vscode.commands.registerCommand(SnapshotCommand.restore, async (fileArg?: string | vscode.Uri, id?: string) => {
      const file = fileArg instanceof vscode.Uri ? fileArg.fsPath : fileArg;
      const meta = id ? s.store?.get(id) : undefined;
      const target = meta && file ? { file, meta } : await s.pick(file);
      if (!target) return;
      await s.restore(target.file, target.meta);
      void vscode.window.showInformationMessage(`Blast Radius: restored ${vscode.workspace.asRelativePath(target.file)} from the snapshot of ${when(target.meta.t)}.`);
    }),
    vscode.commands.registerCommand(SnapshotCommand.compare, async (fileArg?: string | vscode.Uri, id?: string) => {
      const file = fileArg instanceof vscode.Uri ? fileArg.fsPath : fileArg;
      const meta = id ? s.store?.get(id) : undefined;
      const target = meta && file ? { file, meta } : await s.pick(file);
      if (target) await s.compare(target.file, target.meta);
    }),
    vscode.commands.registerCommand(SnapshotCommand.info, async () => {
      await s.ready;
      return { dir: s.store?.dir, files: s.store?.paths() ?? [], totalBytes: s.store?.totalBytes() ?? 0 };
    }),
  );
  if (enabled) {
    context.subscriptions.push(...s.watch());
    void s.start();
  } else log.info('Snapshots: off (blastRadius.snapshots.enabled is false)');
  return s;
}
