/**
 * Team rule files in the editor (issue 6, part 2). Started from extension.ts with `startRuleFiles(context, log)`.
 *
 * What it does
 * - Watches every `.blastradius.json` of the workspace (and the files they extend, `~/.blast-radius/config.json` and
 *   `~/.blast-radius/approved-rules.json`) and reloads the effective configuration on each change, through the
 *   editor-free `RuleFiles` of src/engine/config (the same code the CLI and hooks run).
 * - Problems panel (DiagnosticCollection "Blast Radius"): errors of a rule file at file:line:column, each saying what
 *   stays in force meanwhile (the file's last good version from this window, else the built-ins and the other
 *   files); a warning notification once per broken file (again only after it was fixed and broke again).
 * - Loosening entries of a file that this person has not approved: a notification "This rule file loosens
 *   protection: …" with Review (the file and a read-only summary beside it) / Approve this version / Keep ignoring,
 *   and a Warning diagnostic on each ignored entry (Information once the person chose Keep ignoring; entries below
 *   the person's own setting are Information too), with quick fixes to approve or review. Approving writes
 *   `~/.blast-radius/approved-rules.json` through the engine's approval store (path + sha256 of the exact content,
 *   checked again against the file on disk at the moment of the click), so the CLI and hooks honour it too.
 * - Commands: "Blast Radius: Show Active Configuration" (blastRadius.showActiveConfiguration) and
 *   "Blast Radius: Explain Rule…" (blastRadius.explainRule, optional argument: a rule id).
 *
 * For other features (the gate's prompt, the activity panel, snapshots): `getRuleFiles()` returns the running
 * `RuleFilesApi` (undefined before activation):
 *   - `configFor(cwd)`: the EffectiveConfig for an action run in `cwd`: `.config` is the EngineConfig to pass to
 *     `evaluate()`, `.promptTimeoutSeconds` the team's/person's prompt timeout, `.files`, `.ignored`, `.diagnostics`.
 *     Always current: files are re-read when their size or mtime changed, so it is safe to call per action.
 *   - `folders`: the EffectiveConfig at the root of each workspace folder, as of the last reload.
 *   - `onDidChange`: fires when a reload finds something changed (a rule file, an extended file, the person's config,
 *     an approval, a Keep ignoring); re-read `configFor`/`folders` then.
 *   - `pending()`: files whose loosening entries wait for this person's approval.
 * The root used for discovery is the git repository containing the folder (as the CLI does); in a workspace folder
 * that is not in a repository, the workspace folder (so its `.blastradius.json` also covers its subfolders).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { approvalsPath, parseRuleFile, RULE_FILE_NAME, RuleFiles, userConfigPath } from '../engine/config';
import type { Diagnostic as ConfigDiagnostic, EffectiveConfig, IgnoredEntry, RuleFileStatus } from '../engine/config';
import { hashContent } from '../engine/config/rule-file';
import { findWorkspaceRoot } from '../engine/context/workspace-root';
import type { Rule } from '../engine/rule';
import { allRules } from '../engine/rules';
import {
  approvalPrompt, badFileNotification, clip, entryRange, listEntries, errorMessage, explainDocument, fileStateText, ignoredMessage,
  pendingFiles, plain, presetsOf, reviewSummary, statusLine, tildify,
  type FileState, type PendingFile,
} from './ruleFilesText';

export type { PendingFile } from './ruleFilesText';

export const RuleFilesCommand = {
  showActive: 'blastRadius.showActiveConfiguration',
  explainRule: 'blastRadius.explainRule',
  /** (file?: string, hash?: string): approve a pending file, after a modal naming its entries (a pick when no file is given). */
  approve: 'blastRadius.approveRuleFile',
  /** (file?: string): open a pending file and its review summary. Not in the palette. */
  review: 'blastRadius.reviewRuleFile',
  /** Not in the palette: the current state as plain data, for tests and diagnostics. */
  state: 'blastRadius.ruleFilesState',
} as const;

export interface FolderConfig {
  folder: string;
  root: string;
  effective: EffectiveConfig;
}

export interface RuleFilesChange {
  /** Paths whose change caused the reload (empty for a full reload). */
  changed: string[];
}

export interface RuleFilesApi {
  configFor(cwd: string): EffectiveConfig;
  readonly folders: readonly FolderConfig[];
  readonly onDidChange: vscode.Event<RuleFilesChange>;
  pending(): PendingFile[];
  /** Approve `file` at content `hash` (refused when the file on disk no longer has that content). */
  approve(file: string, hash: string): Promise<boolean>;
  /** Reload everything now (the watchers do this by themselves). */
  refresh(): Promise<void>;
}

const SOURCE = 'Blast Radius';
const EXPLAIN_SCHEME = 'blast-radius-rule';
const REVIEW_SCHEME = 'blast-radius-review';
/** globalState: `${file}\0${hash}` of versions the person chose to keep ignoring (newest last). */
const KEEP_IGNORING_KEY = 'blastRadius.ruleFiles.keepIgnoring';
const KEEP_IGNORING_MAX = 200;
/** Saves and checkouts come as bursts of file events. */
const DEBOUNCE_MS = 100;
const MAX_RULE_FILES = 500;
/** New folders: how many created paths one batch looks at, how many entries it reads at most, and which it skips. */
const MAX_CREATED_BATCH = 2000;
const MAX_WALK_ENTRIES = 20_000;
const CREATED_DEBOUNCE_MS = 250;
const SKIP_DIRS = new Set(['node_modules', '.git']);

const REVIEW = 'Review';
const APPROVE = 'Approve this version';
const KEEP = 'Keep ignoring';

let current: RuleFilesApi | undefined;

/**
 * Notifications render `[text](command:…)` as a clickable link: text from a repository (paths, globs, command
 * patterns, keys) must never become one, or a rule file could dress up "Approve" as a link.
 */
const say = {
  warn: (message: string, ...items: string[]): Thenable<string | undefined> => vscode.window.showWarningMessage(plain(message), ...items),
  info: (message: string, ...items: string[]): Thenable<string | undefined> => vscode.window.showInformationMessage(plain(message), ...items),
  error: (message: string, ...items: string[]): Thenable<string | undefined> => vscode.window.showErrorMessage(plain(message), ...items),
};

/** The running rule-files feature (undefined before activation). */
export function getRuleFiles(): RuleFilesApi | undefined {
  return current;
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function fileFolders(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
}

function ruleById(id: string): Rule | undefined {
  return allRules.find((r) => r.meta.id === id);
}

function ruleIdOf(text: string): string | undefined {
  return /rules\["([^"]+)"\]/.exec(text)?.[1];
}

class RuleFilesFeature implements RuleFilesApi, vscode.Disposable {
  private readonly home = os.homedir();
  private readonly ruleFiles = new RuleFiles({ home: this.home });
  private readonly collection = vscode.languages.createDiagnosticCollection('blast-radius');
  private readonly emitter = new vscode.EventEmitter<RuleFilesChange>();
  readonly onDidChange = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly extraWatchers = new Map<string, vscode.Disposable>();
  /** Every `.blastradius.json` found in the workspace folders. */
  private known = new Set<string>();
  private scanned = false;
  /** What the last reload found, to tell real changes from repeated reloads. */
  private signature = '';
  private folderConfigs: FolderConfig[] = [];
  private allIgnored: IgnoredEntry[] = [];
  private statuses = new Map<string, RuleFileStatus>();
  private pendingList: PendingFile[] = [];
  /** Broken files already told about (cleared once the file is good again). */
  private readonly toldBad = new Set<string>();
  /** `${file}\0${hash}` already offered for approval in this window. */
  private readonly prompted = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  /** Paths created recently, searched for rule files inside new folders. */
  private readonly created = new Set<string>();
  private createdTimer: NodeJS.Timeout | undefined;
  private queued = new Set<string>();
  private running: Promise<void> = Promise.resolve();
  private readonly reviewChanged = new vscode.EventEmitter<vscode.Uri>();

  constructor(private readonly context: vscode.ExtensionContext, private readonly log: vscode.LogOutputChannel) {}

  // ---- API ---------------------------------------------------------------------------------------------------

  get folders(): readonly FolderConfig[] {
    return this.folderConfigs;
  }

  rootFor(cwd: string): string {
    const abs = path.resolve(cwd);
    const repo = findWorkspaceRoot(abs);
    if (repo !== abs || fs.existsSync(path.join(abs, '.git'))) return repo;
    // Not in a repository: the workspace folder holding it is the root.
    const folder = fileFolders().filter((f) => isInside(abs, f)).sort((a, b) => b.length - a.length)[0];
    return folder ?? abs;
  }

  configFor(cwd: string): EffectiveConfig {
    return this.ruleFiles.forFolder(cwd, this.rootFor(cwd));
  }

  pending(): PendingFile[] {
    return this.pendingList;
  }

  async approve(file: string, hash: string): Promise<boolean> {
    const where = this.rel(file);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      void say.error(`Blast Radius: cannot read ${where} to approve it: ${(e as Error).message}`);
      return false;
    }
    if (hashContent(text) !== hash) {
      void say.warn(`Blast Radius: ${where} changed since it was shown to you; nothing was approved. Review the new version.`);
      await this.refresh([file]);
      return false;
    }
    try {
      this.ruleFiles.approve(file, hash);
    } catch (e) {
      void say.error(`Blast Radius: could not save the approval of ${where} in ${tildify(approvalsPath(this.home), this.home)}: ${(e as Error).message}`);
      return false;
    }
    this.log.info(`Rule files: approved ${file} (sha256 ${hash})`);
    await this.refresh([file]);
    const applied = this.statuses.get(file)?.loosening ?? 0;
    void say.info(
      `Blast Radius: approved this version of ${where}${applied ? `; its ${applied} loosening ${applied === 1 ? 'entry applies' : 'entries apply'}` : ''} for you, in the editor, the CLI and agent hooks. Any edit of the file needs a new approval.`,
    );
    return true;
  }

  refresh(changed: string[] = []): Promise<void> {
    this.running = this.running.then(() => this.reload(changed)).catch((e: unknown) => this.log.error(`Rule files: reload failed: ${(e as Error).stack ?? String(e)}`));
    return this.running;
  }

  // ---- start-up ----------------------------------------------------------------------------------------------

  start(): void {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${RULE_FILE_NAME}`);
    const onFile = (kind: 'create' | 'change' | 'delete') => (uri: vscode.Uri): void => {
      if (uri.scheme !== 'file') return;
      if (kind === 'create') this.known.add(uri.fsPath);
      if (kind === 'delete') this.known.delete(uri.fsPath);
      this.schedule(uri.fsPath);
    };
    this.disposables.push(
      watcher,
      watcher.onDidCreate(onFile('create')),
      watcher.onDidChange(onFile('change')),
      watcher.onDidDelete(onFile('delete')),
      ...this.watchFolders(),
      this.watchPath(path.join(this.home, '.blast-radius'), '*.json'),
      // Saves reach us even where a watcher is slow or absent (a file outside the workspace).
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (d.uri.scheme === 'file' && this.isWatched(d.uri.fsPath)) this.schedule(d.uri.fsPath);
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        this.scanned = false;
        this.schedule();
      }),
      // Another window or the CLI may have approved a file while this window was in the background.
      vscode.window.onDidChangeWindowState((s) => {
        if (s.focused) this.schedule(approvalsPath(this.home));
      }),
    );
    this.schedule();
  }

  /**
   * Folders created or deleted as a whole (a checkout, a copy, `rm -r`): the file watcher may report only the folder,
   * not the rule files inside it (a file written into a new folder before the watcher watches it is never reported).
   * New folders are searched for rule files (bounded); a deleted folder drops the rule files known inside it.
   */
  private watchFolders(): vscode.Disposable[] {
    const w = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
    const skip = (p: string): boolean => p.split(path.sep).some((seg) => SKIP_DIRS.has(seg));
    return [
      w,
      w.onDidCreate((uri) => {
        if (uri.scheme !== 'file' || path.basename(uri.fsPath) === RULE_FILE_NAME || skip(uri.fsPath)) return;
        if (this.created.size < MAX_CREATED_BATCH) this.created.add(uri.fsPath);
        if (this.createdTimer) clearTimeout(this.createdTimer);
        this.createdTimer = setTimeout(() => this.searchCreated(), CREATED_DEBOUNCE_MS);
      }),
      w.onDidDelete((uri) => {
        if (uri.scheme !== 'file') return;
        for (const f of [...this.known]) {
          if (f !== uri.fsPath && isInside(f, uri.fsPath)) {
            this.known.delete(f);
            this.schedule(f);
          }
        }
      }),
    ];
  }

  private searchCreated(): void {
    this.createdTimer = undefined;
    const paths = [...this.created].sort();
    this.created.clear();
    let budget = MAX_WALK_ENTRIES;
    const walk = (dir: string): void => {
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        if (--budget < 0) return;
        const full = path.join(dir, e.name);
        if (e.isDirectory() && !SKIP_DIRS.has(e.name)) walk(full);
        else if (e.isFile() && e.name === RULE_FILE_NAME && !this.known.has(full)) {
          this.known.add(full);
          this.schedule(full);
        }
      }
    };
    let last: string | undefined;
    for (const p of paths) {
      // Sorted: a folder comes before what is inside it, which its walk covers.
      if (last !== undefined && isInside(p, last)) continue;
      let isDir = false;
      try {
        isDir = fs.statSync(p).isDirectory();
      } catch {
        continue;
      }
      if (!isDir) continue;
      last = p;
      walk(p);
      if (budget < 0) break;
    }
  }

  private watchPath(dir: string, glob: string): vscode.Disposable {
    const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(dir), glob));
    const go = (uri: vscode.Uri): void => this.schedule(uri.fsPath);
    const subs = [w.onDidCreate(go), w.onDidChange(go), w.onDidDelete(go)];
    return { dispose: () => { for (const s of subs) s.dispose(); w.dispose(); } };
  }

  private isWatched(file: string): boolean {
    return path.basename(file) === RULE_FILE_NAME || this.statuses.has(file) || file === userConfigPath(this.home);
  }

  private schedule(changed?: string): void {
    if (changed) this.queued.add(changed);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const list = [...this.queued];
      this.queued.clear();
      void this.refresh(list);
    }, DEBOUNCE_MS);
  }

  private async scan(): Promise<void> {
    const found = await vscode.workspace.findFiles(`**/${RULE_FILE_NAME}`, '**/node_modules/**', MAX_RULE_FILES);
    this.known = new Set(found.filter((u) => u.scheme === 'file').map((u) => u.fsPath));
    this.scanned = true;
  }

  // ---- reload ------------------------------------------------------------------------------------------------

  private async reload(changed: string[]): Promise<void> {
    if (changed.length === 0) this.ruleFiles.reload();
    else for (const c of changed) this.ruleFiles.reload(c);
    if (!this.scanned) await this.scan();

    const folders = fileFolders();
    const cwds = new Set<string>(folders);
    for (const f of this.known) cwds.add(path.dirname(f));

    const diagnostics = new Map<string, ConfigDiagnostic>();
    const ignored = new Map<string, IgnoredEntry>();
    const statuses = new Map<string, RuleFileStatus>();
    const configs: FolderConfig[] = [];
    for (const cwd of cwds) {
      const root = this.rootFor(cwd);
      const eff = this.ruleFiles.forFolder(cwd, root);
      if (folders.includes(cwd)) configs.push({ folder: cwd, root, effective: eff });
      for (const d of eff.diagnostics) diagnostics.set(`${d.file}:${d.line}:${d.column}:${d.message}`, d);
      for (const e of eff.ignored) ignored.set(`${e.file}:${e.line}:${e.column}:${e.entry}`, e);
      for (const s of eff.files) {
        const before = statuses.get(s.path);
        // The same file seen from several folders: the worst state is the true one for the file itself.
        if (!before || (before.state === 'in-force' && s.state !== 'in-force')) statuses.set(s.path, s);
      }
    }
    this.folderConfigs = folders.map((f) => configs.find((c) => c.folder === f)!).filter(Boolean);
    this.allIgnored = [...ignored.values()];
    this.statuses = statuses;
    this.pendingList = pendingFiles(this.allIgnored);

    // Focus changes and watcher echoes reload often; tell the rest of the extension only about real changes.
    const signature = JSON.stringify([
      folders,
      [...statuses.values()].map((x) => [x.path, x.hash, x.state, x.trusted, x.loosening]),
      [...diagnostics.keys()],
      [...ignored.keys()],
      this.keptIgnoring(),
    ]);
    if (signature === this.signature) return;
    this.signature = signature;

    this.publish([...diagnostics.values()]);
    this.updateExtraWatchers();
    this.tellBadFiles([...diagnostics.values()]);
    for (const p of this.pendingList) this.offerApproval(p);
    for (const p of this.pendingList) this.reviewChanged.fire(this.reviewUri(p.file));

    const errors = [...diagnostics.values()].filter((d) => d.severity === 'error').length;
    this.log.info(`Rule files: reloaded${changed.length ? ` (${changed.map((c) => path.basename(c)).join(', ')})` : ''}: ${statuses.size} file(s), ${errors} error(s), ${this.allIgnored.length} ignored entr${this.allIgnored.length === 1 ? 'y' : 'ies'}`);
    this.emitter.fire({ changed });
  }

  private stateOf(file: string): FileState {
    return this.statuses.get(file)?.state;
  }

  private keptIgnoring(): string[] {
    return this.context.globalState.get<string[]>(KEEP_IGNORING_KEY, []);
  }

  private isKeptIgnoring(file: string, hash: string): boolean {
    return this.keptIgnoring().includes(`${file}\0${hash}`);
  }

  private publish(diagnostics: ConfigDiagnostic[]): void {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    const add = (file: string, d: vscode.Diagnostic): void => {
      d.source = SOURCE;
      byFile.set(file, [...(byFile.get(file) ?? []), d]);
    };
    for (const d of diagnostics) {
      const range = new vscode.Range(d.line - 1, d.column - 1, d.endLine - 1, d.endColumn - 1);
      const severity = d.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
      const diag = new vscode.Diagnostic(range, errorMessage(d, this.stateOf(d.file)), severity);
      diag.code = 'rule-file-error';
      add(d.file, diag);
    }
    const texts = new Map<string, string>();
    const textOf = (file: string): string => {
      if (!texts.has(file)) {
        try {
          texts.set(file, fs.readFileSync(file, 'utf8'));
        } catch {
          texts.set(file, '');
        }
      }
      return texts.get(file)!;
    };
    for (const e of this.allIgnored) {
      const r = entryRange(textOf(e.file), e.line, e.column);
      const kept = e.kind === 'needs-approval' && this.isKeptIgnoring(e.file, e.hash);
      const severity = e.kind === 'needs-approval' && !kept ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;
      const diag = new vscode.Diagnostic(new vscode.Range(r.start[0], r.start[1], r.end[0], r.end[1]), ignoredMessage(e, kept), severity);
      diag.code = e.kind;
      add(e.file, diag);
    }
    this.collection.clear();
    for (const [file, list] of byFile) this.collection.set(vscode.Uri.file(file), list);
  }

  /** Watch the files rule files extend (they may sit anywhere in the repository and have any .json name). */
  private updateExtraWatchers(): void {
    const wanted = new Set([...this.statuses.values()].filter((s) => s.role === 'extended').map((s) => s.path));
    for (const [file, w] of this.extraWatchers) {
      if (!wanted.has(file)) {
        w.dispose();
        this.extraWatchers.delete(file);
      }
    }
    for (const file of wanted) {
      if (!this.extraWatchers.has(file)) this.extraWatchers.set(file, this.watchPath(path.dirname(file), path.basename(file)));
    }
  }

  rel(file: string): string {
    const folder = fileFolders().find((f) => isInside(file, f));
    if (folder) {
      const r = path.relative(folder, file);
      return (vscode.workspace.workspaceFolders?.length ?? 0) > 1 ? `${path.basename(folder)}/${r}` : r;
    }
    return tildify(file, this.home);
  }

  private tellBadFiles(diagnostics: ConfigDiagnostic[]): void {
    const bad = new Map<string, ConfigDiagnostic[]>();
    for (const d of diagnostics) if (d.severity === 'error') bad.set(d.file, [...(bad.get(d.file) ?? []), d]);
    for (const file of [...this.toldBad]) if (!bad.has(file)) this.toldBad.delete(file);
    for (const [file, errors] of bad) {
      if (this.toldBad.has(file)) continue;
      this.toldBad.add(file);
      errors.sort((a, b) => a.line - b.line || a.column - b.column);
      const first = errors[0]!;
      void say.warn(badFileNotification(this.rel(file), errors, this.stateOf(file)), 'Open File', 'Show Problems').then(async (choice) => {
        if (choice === 'Open File') await this.openAt(file, first.line, first.column);
        if (choice === 'Show Problems') await vscode.commands.executeCommand('workbench.actions.view.problems');
      });
    }
  }

  // ---- approval ----------------------------------------------------------------------------------------------

  private offerApproval(p: PendingFile): void {
    const key = `${p.file}\0${p.hash}`;
    if (this.prompted.has(key) || this.isKeptIgnoring(p.file, p.hash)) return;
    this.prompted.add(key);
    void this.askApproval(p, true);
  }

  private stillPending(file: string, hash: string): PendingFile | undefined {
    return this.pendingList.find((x) => x.file === file && x.hash === hash);
  }

  private async askApproval(p: PendingFile, withReview: boolean): Promise<void> {
    const buttons = withReview ? [REVIEW, APPROVE, KEEP] : [APPROVE, KEEP];
    const choice = await say.warn(approvalPrompt(this.rel(p.file), p.entries), ...buttons);
    // The file may have changed (or been approved elsewhere) while the notification was open.
    const now = this.stillPending(p.file, p.hash);
    if (!choice) return;
    if (!now) {
      // Changed (its new version gets its own notification), approved elsewhere, or no longer loosening.
      if (choice === APPROVE) void say.warn(`Blast Radius: ${this.rel(p.file)} changed since this notification was shown; nothing was approved.`);
      return;
    }
    if (choice === REVIEW) {
      await this.review(now.file);
      await this.askApproval(now, false);
    } else if (choice === APPROVE) {
      await this.approve(now.file, now.hash);
    } else if (choice === KEEP) {
      await this.keepIgnoring(now);
    }
  }

  private async keepIgnoring(p: PendingFile): Promise<void> {
    const key = `${p.file}\0${p.hash}`;
    const list = [...this.keptIgnoring().filter((k) => k !== key), key].slice(-KEEP_IGNORING_MAX);
    await this.context.globalState.update(KEEP_IGNORING_KEY, list);
    this.log.info(`Rule files: keeps ignoring the loosening entries of ${p.file} (sha256 ${p.hash})`);
    await this.refresh([p.file]);
  }

  reviewUri(file: string): vscode.Uri {
    return vscode.Uri.from({ scheme: REVIEW_SCHEME, path: `/${path.basename(file)} (review).md`, query: file });
  }

  reviewText(uri: vscode.Uri): string {
    const file = uri.query;
    const p = this.pendingList.find((x) => x.file === file);
    if (!p) return `# Review: ${this.rel(file)}\n\nNothing in this file waits for your approval now (it was approved, it no longer loosens protection, or it has errors).\n`;
    return reviewSummary(p, this.rel(p.file), ruleById, tildify(approvalsPath(this.home), this.home));
  }

  async review(file: string): Promise<void> {
    const p = this.pendingList.find((x) => x.file === file);
    const first = p?.entries[0];
    await this.openAt(file, first?.line ?? 1, first?.column ?? 1);
    const doc = await vscode.workspace.openTextDocument(this.reviewUri(file));
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
  }

  private async openAt(file: string, line: number, column: number): Promise<void> {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    const pos = new vscode.Position(Math.max(0, line - 1), Math.max(0, column - 1));
    await vscode.window.showTextDocument(doc, { selection: new vscode.Range(pos, pos), preview: false });
  }

  /**
   * The approve command (quick fix, palette). Commands can also be run by links and other extensions, so this path
   * always asks in our own UI first: a modal naming the entries when a file and hash are given, else a pick.
   */
  async approveCommand(file?: string, hash?: string): Promise<boolean> {
    if (file && hash) {
      const p = this.stillPending(file, hash);
      if (!p) {
        void say.info(`Blast Radius: this version of ${this.rel(file)} does not wait for your approval (already approved, changed since, or nothing in it loosens protection).`);
        return false;
      }
      const n = p.entries.length;
      const ok = await vscode.window.showWarningMessage(
        plain(`Approve this version of ${this.rel(p.file)}?`),
        { modal: true, detail: plain(`${n === 1 ? 'Its loosening entry' : `Its ${n} loosening entries`} will apply for you, in the editor, the CLI and agent hooks:\n${p.entries.map((e) => `• ${clip(e.entry, 120)}`).join('\n')}\n\nAny later edit of the file needs a new approval.`) },
        APPROVE,
      );
      return ok === APPROVE ? this.approve(p.file, p.hash) : false;
    }
    const candidates = this.pendingList.filter((p) => !file || p.file === file);
    if (candidates.length === 0) {
      void say.info('Blast Radius: no rule file waits for your approval.');
      return false;
    }
    const pick = (await vscode.window.showQuickPick(
      candidates.map((p) => ({ label: plain(`Approve this version of ${this.rel(p.file)}`), description: plain(listEntries(p.entries)), p })),
      { title: 'Blast Radius: approve a rule file that loosens protection (for you; the CLI and hooks honour it too)' },
    ))?.p;
    return pick ? this.approve(pick.file, pick.hash) : false;
  }

  // ---- Show Active Configuration -----------------------------------------------------------------------------

  private presetsOfFile(file: string): string[] {
    try {
      const parsed = parseRuleFile(file, fs.readFileSync(file, 'utf8'));
      return presetsOf(parsed.data?.extends.map((e) => e.value) ?? []);
    } catch {
      return [];
    }
  }

  async showActive(): Promise<void> {
    await this.running;
    type Item = vscode.QuickPickItem & { run?: () => unknown };
    const items: Item[] = [];
    const sep = (label: string): void => { items.push({ label, kind: vscode.QuickPickItemKind.Separator }); };
    const folders = this.folderConfigs.length ? this.folderConfigs : fileFolders().map((f) => ({ folder: f, root: this.rootFor(f), effective: this.configFor(f) }));
    const multi = folders.length > 1;
    const titles: string[] = [];
    for (const { folder, effective: eff } of folders) {
      const prefix = multi ? `${path.basename(folder)}: ` : '';
      const repoFiles = eff.files.filter((f) => f.role !== 'user');
      const presets = repoFiles.flatMap((f) => this.presetsOfFile(f.path).map((p) => ({ p, f: f.path })));
      const line = statusLine(eff, presets.map((x) => x.p));
      titles.push(`${prefix}${line}`);
      if (multi) sep(path.basename(folder));
      items.push({ label: `$(shield) ${line}`, detail: `Configuration for actions run in ${this.rel(folder) || tildify(folder, this.home)}` });

      sep(`${prefix}Rule files`);
      if (repoFiles.length === 0) items.push({ label: '$(info) No .blastradius.json applies here', description: 'the built-in rules and your own settings apply' });
      for (const f of repoFiles) {
        const pendingHere = eff.ignored.filter((e) => e.kind === 'needs-approval' && e.file === f.path).length;
        items.push({ label: `$(file-code) ${this.rel(f.path)}`, description: fileStateText(f, pendingHere), detail: f.path, run: () => this.openAt(f.path, 1, 1) });
      }

      sep(`${prefix}Presets`);
      if (presets.length === 0) items.push({ label: '$(layers) recommended', description: 'the built-in default (no file names a preset)' });
      for (const { p, f } of presets) items.push({ label: `$(layers) ${p}`, description: `from ${this.rel(f)}`, run: () => this.openAt(f, 1, 1) });

      const pending = eff.ignored.filter((e) => e.kind === 'needs-approval');
      if (pending.length) {
        sep(`${prefix}Ignored pending your approval`);
        for (const e of pending) {
          items.push({ label: `$(warning) ${e.entry}`, description: `${this.rel(e.file)}:${e.line}:${e.column}`, detail: e.reason, run: () => this.openAt(e.file, e.line, e.column) });
        }
        for (const p of pendingFiles(pending)) {
          items.push({ label: `$(check) Approve this version of ${this.rel(p.file)}`, description: `applies its ${p.entries.length} loosening ${p.entries.length === 1 ? 'entry' : 'entries'} for you (editor, CLI, hooks)`, run: () => this.approve(p.file, p.hash) });
          items.push({ label: `$(eye) Review ${this.rel(p.file)}`, description: 'opens the file and a summary', run: () => this.review(p.file) });
        }
      }
      const below = eff.ignored.filter((e) => e.kind === 'below-your-setting');
      if (below.length) {
        sep(`${prefix}Ignored: your own settings win`);
        for (const e of below) items.push({ label: `$(info) ${e.entry}`, description: `${this.rel(e.file)}:${e.line}:${e.column}`, detail: e.reason, run: () => this.openAt(e.file, e.line, e.column) });
      }

      sep(`${prefix}Your own file`);
      const userFile = userConfigPath(this.home);
      const userStatus = eff.files.find((f) => f.role === 'user' && f.path === userFile);
      if (userStatus) items.push({ label: `$(account) ${tildify(userFile, this.home)}`, description: fileStateText(userStatus, 0), detail: 'Yours only; always trusted; a rule file cannot go below it', run: () => this.openAt(userFile, 1, 1) });
      else items.push({ label: `$(account) ${tildify(userFile, this.home)}`, description: 'not created: pick to create it', detail: 'Your own rules for every repository (same format as .blastradius.json), read by the editor, the CLI and hooks', run: () => this.createUserFile(userFile) });

      sep(`${prefix}In force`);
      const c = eff.config;
      const changed = Object.entries(c.rules).sort(([a], [b]) => a.localeCompare(b));
      items.push({ label: `$(terminal) ${c.commands.length} custom command rule${c.commands.length === 1 ? '' : 's'}`, description: c.commands.map((x) => `${x.decision}: ${x.source}`).join(' · ').slice(0, 200) });
      items.push({ label: `$(lock) ${c.protect.length} protected-file globs`, description: c.protect.join('  ').slice(0, 200) });
      const prod = Object.entries(c.production).filter(([, v]) => v.length).map(([k, v]) => `${k}: ${v.join(', ')}`);
      items.push({ label: `$(cloud) Production names`, description: prod.length ? prod.join(' · ').slice(0, 200) : 'built-in signals only' });
      if (eff.promptTimeoutSeconds) items.push({ label: `$(watch) Prompt timeout ${eff.promptTimeoutSeconds} s`, description: 'from the rule files or your own settings' });
      if (changed.length === 0) items.push({ label: '$(symbol-enum) Every rule at its default', description: '"Blast Radius: Explain Rule…" shows each one', run: () => this.explain() });
      for (const [id, setting] of changed) {
        const rule = ruleById(id);
        items.push({ label: `$(symbol-enum) ${id}: ${setting}`, description: rule ? `default ${rule.meta.decision}` : undefined, run: () => this.explain(id) });
      }
    }
    if (folders.length === 0) items.push({ label: '$(info) Open a folder to see its rule files', description: 'the built-in rules and your own settings apply' });
    // Our own icon first; repository text after it must not bring icons of its own.
    for (const item of items) {
      if (item.kind === vscode.QuickPickItemKind.Separator) continue;
      const icon = /^\$\([\w-]+\) /.exec(item.label)?.[0] ?? '';
      item.label = icon + plain(item.label.slice(icon.length));
      if (item.description) item.description = plain(item.description);
      if (item.detail) item.detail = plain(item.detail);
    }
    const picked = await vscode.window.showQuickPick(items, {
      title: `Blast Radius: active configuration — ${titles.join(' | ') || 'no folder'}`,
      placeHolder: 'Pick a file to open it, an entry to jump to it, a rule to explain it',
      matchOnDescription: true,
      matchOnDetail: true,
    });
    await picked?.run?.();
  }

  private async createUserFile(file: string): Promise<void> {
    const template = '{\n  // Your own Blast Radius rules for every repository: same keys as .blastradius.json.\n  // A repository rule file can tighten them, never loosen them.\n  "rules": {}\n}\n';
    if (!fs.existsSync(file)) {
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      fs.writeFileSync(file, template, { mode: 0o600, flag: 'wx' });
    }
    await this.openAt(file, 4, 13);
    this.schedule(file);
  }

  // ---- Explain Rule ------------------------------------------------------------------------------------------

  explainUri(id: string): vscode.Uri {
    return vscode.Uri.from({ scheme: EXPLAIN_SCHEME, path: `/${id}.txt` });
  }

  explainText(uri: vscode.Uri): string {
    const id = uri.path.replace(/^\//, '').replace(/\.txt$/, '');
    const rule = ruleById(id);
    if (!rule) return `No rule "${id}". "Blast Radius: Explain Rule…" lists every rule.\n`;
    const folder = this.folderConfigs[0];
    return explainDocument(rule, folder?.effective.config.rules[id], folder ? path.basename(folder.folder) : undefined);
  }

  async explain(id?: string): Promise<void> {
    let ruleId = typeof id === 'string' ? id : undefined;
    if (!ruleId) {
      const here = this.folderConfigs[0]?.effective.config.rules ?? {};
      const picked = await vscode.window.showQuickPick(
        [...allRules].sort((a, b) => a.meta.id.localeCompare(b.meta.id)).map((r) => ({
          label: r.meta.id,
          description: `default ${r.meta.decision}${here[r.meta.id] ? ` · set to ${here[r.meta.id]} here` : ''}`,
          detail: r.meta.description,
        })),
        { title: 'Blast Radius: Explain Rule', placeHolder: 'Type a rule id or words from its description', matchOnDescription: true, matchOnDetail: true },
      );
      ruleId = picked?.label;
    }
    if (!ruleId) return;
    if (!ruleById(ruleId)) {
      void say.warn(`Blast Radius: no rule "${ruleId}".`);
      return;
    }
    const doc = await vscode.workspace.openTextDocument(this.explainUri(ruleId));
    await vscode.window.showTextDocument(doc, { preview: true });
  }

  // ---- quick fixes -------------------------------------------------------------------------------------------

  codeActions(document: vscode.TextDocument, diagnostics: readonly vscode.Diagnostic[]): vscode.CodeAction[] {
    const out: vscode.CodeAction[] = [];
    const file = document.uri.fsPath;
    const ours = diagnostics.filter((d) => d.source === SOURCE);
    const pending = this.pendingList.find((p) => p.file === file);
    const forPending = ours.filter((d) => d.code === 'needs-approval');
    if (pending && forPending.length) {
      const approve = new vscode.CodeAction(`Approve this version of ${path.basename(file)} (for you; applies its ${pending.entries.length} loosening ${pending.entries.length === 1 ? 'entry' : 'entries'})`, vscode.CodeActionKind.QuickFix);
      approve.command = { command: RuleFilesCommand.approve, title: approve.title, arguments: [pending.file, pending.hash] };
      approve.diagnostics = forPending;
      const review = new vscode.CodeAction('Review the loosening entries of this file', vscode.CodeActionKind.QuickFix);
      review.command = { command: RuleFilesCommand.review, title: review.title, arguments: [pending.file] };
      review.diagnostics = forPending;
      out.push(approve, review);
    }
    const explained = new Set<string>();
    for (const d of ours) {
      // Ignored entries and value errors name the rule as rules["<id>"] in their message.
      const id = ruleIdOf(d.message);
      if (!id || !ruleById(id) || explained.has(id)) continue;
      explained.add(id);
      const explain = new vscode.CodeAction(`Explain ${id}`, vscode.CodeActionKind.QuickFix);
      explain.command = { command: RuleFilesCommand.explainRule, title: explain.title, arguments: [id] };
      out.push(explain);
    }
    return out;
  }

  // ---- tests -------------------------------------------------------------------------------------------------

  async state(): Promise<unknown> {
    await this.running;
    return {
      known: [...this.known],
      folders: this.folderConfigs.map((f) => ({ folder: f.folder, root: f.root, files: f.effective.files, rules: f.effective.config.rules, promptTimeoutSeconds: f.effective.promptTimeoutSeconds })),
      ignored: this.allIgnored,
      pending: this.pendingList.map((p) => ({ file: p.file, hash: p.hash, entries: p.entries.length })),
      keptIgnoring: this.keptIgnoring(),
      approvalsFile: approvalsPath(this.home),
    };
  }

  register(): vscode.Disposable[] {
    const provider = (render: (uri: vscode.Uri) => string, onDidChange?: vscode.Event<vscode.Uri>): vscode.TextDocumentContentProvider => ({
      provideTextDocumentContent: render,
      onDidChange,
    });
    return [
      vscode.workspace.registerTextDocumentContentProvider(EXPLAIN_SCHEME, provider((u) => this.explainText(u))),
      vscode.workspace.registerTextDocumentContentProvider(REVIEW_SCHEME, provider((u) => this.reviewText(u), this.reviewChanged.event)),
      vscode.commands.registerCommand(RuleFilesCommand.showActive, () => this.showActive()),
      vscode.commands.registerCommand(RuleFilesCommand.explainRule, (id?: unknown) => this.explain(typeof id === 'string' ? id : undefined)),
      vscode.commands.registerCommand(RuleFilesCommand.approve, (file?: unknown, hash?: unknown) =>
        this.approveCommand(typeof file === 'string' ? file : undefined, typeof hash === 'string' ? hash : undefined)),
      vscode.commands.registerCommand(RuleFilesCommand.review, async (file?: unknown) => {
        const target = typeof file === 'string' ? file : this.pendingList[0]?.file;
        if (target) await this.review(target);
        else void say.info('Blast Radius: no rule file waits for your approval.');
      }),
      vscode.commands.registerCommand(RuleFilesCommand.state, () => this.state()),
      vscode.languages.registerCodeActionsProvider({ scheme: 'file', pattern: '**/*.json' }, {
        provideCodeActions: (document, _range, ctx) => this.codeActions(document, ctx.diagnostics),
      }, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    ];
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.createdTimer) clearTimeout(this.createdTimer);
    for (const d of this.disposables) d.dispose();
    for (const w of this.extraWatchers.values()) w.dispose();
    this.collection.dispose();
    this.emitter.dispose();
    this.reviewChanged.dispose();
  }
}

/** Starts the feature; the returned API is also what `getRuleFiles()` gives other features. */
export function startRuleFiles(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): RuleFilesApi {
  const feature = new RuleFilesFeature(context, log);
  current = feature;
  context.subscriptions.push(feature, ...feature.register(), { dispose: () => { if (current === feature) current = undefined; } });
  feature.start();
  return feature;
}
