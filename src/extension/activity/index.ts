/**
 * The activity log feature: store, panel, status bar item, observe-only mode, terminal and file observers.
 * `registerActivity(context, log)` starts it (one line in extension.ts) and returns the API the hook
 * channel and the Protect command use; `getActivity()` returns the same object from anywhere.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChannelRequest, ChannelResponse } from '../../channel/protocol';
import type { HookResult } from '../../activity/entries';
import { exportEntries } from '../../activity/export';
import { parseFilter } from '../../activity/protocol';
import type { FsyncPolicy } from '../../activity/store';
import type { ActivityEntry, ActivityFilter, NewEntry } from '../../activity/types';
import { isObserveOnly, toggleObserveOnly } from './observeOnly';
import { ActivityViewProvider, VIEW_ID } from './panel';
import { ActivityService, type TodayCounts } from './service';
import { ActivityStatusBar, detectHookedAgents, type ProtectionState } from './statusBar';
import { TerminalObserver, type OptionsFor } from './terminal';
import { getRuleFiles } from '../ruleFiles';
import { FileObserver } from './files';
import { getSnapshots } from '../snapshots';

export { isObserveOnly } from './observeOnly';
export type { ProtectionState } from './statusBar';

export const CommandId = {
  showActivity: 'blastRadius.showActivity',
  toggleObserveOnly: 'blastRadius.toggleObserveOnly',
  exportActivity: 'blastRadius.exportActivity',
  clearActivityView: 'blastRadius.clearActivityView',
  /** Not in the palette: store location and counts, for tests and diagnostics. */
  activityInfo: 'blastRadius.activityInfo',
} as const;

export interface ActivityApi {
  /** Records any entry (masked and stamped by the store). Never throws. */
  record(entry: NewEntry): ActivityEntry | undefined;
  /**
   * Records a hook call the channel received: `response` is the person's answer for paused calls (none for
   * allowed ones). Pass `result` when the outcome is known more precisely than the answer says.
   */
  recordHookCall(req: ChannelRequest, response?: ChannelResponse, opts?: { result?: HookResult; answeredAt?: number }): ActivityEntry | undefined;
  /** Observe-only mode: evaluate and record, never pause. */
  isObserveOnly(): boolean;
  /** The agents whose hooks are installed (the Protect command calls this); undefined = detect from configs. */
  setProtectedAgents(agents: readonly string[] | undefined): void;
  readonly protectionState: ProtectionState;
  readonly todayCounts: TodayCounts;
  /** Folder of the JSON Lines segments. */
  readonly storeDir: string;
  /** Evaluation options for terminal commands (the rule-file feature passes its own). */
  setEvaluateOptions(optionsFor: OptionsFor): void;
  readonly onDidRecord: vscode.Event<ActivityEntry[]>;
}

/** Right side of the diff of a deleted file. */
const EMPTY_SCHEME = 'blast-radius-empty';

let current: ActivityApi | undefined;

export function getActivity(): ActivityApi | undefined {
  return current;
}

interface ExportArgs {
  path?: string;
  format?: 'jsonl' | 'csv';
  filter?: ActivityFilter;
}

/** The activity folder: the extension's global storage (all windows, all workspaces; entries carry the workspace). */
function storeDirFor(context: vscode.ExtensionContext): string {
  const override = process.env.BLAST_RADIUS_ACTIVITY_DIR;
  if (override) return override;
  if (context.globalStorageUri.scheme === 'file') return path.join(context.globalStorageUri.fsPath, 'activity');
  return path.join(os.homedir(), '.blast-radius', 'activity');
}

export function registerActivity(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): ActivityApi {
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('blastRadius.activity');
  const dir = storeDirFor(context);
  const folders = (): string[] => (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
  const service = new ActivityService({
    dir,
    log,
    maxFileBytes: Math.max(0.0625, config().get<number>('maxFileSizeMB', 8)) * 1024 * 1024,
    maxTotalBytes: Math.max(0, config().get<number>('maxTotalSizeMB', 256)) * 1024 * 1024,
    fsync: config().get<FsyncPolicy>('fsync', 'batched'),
    workspace: () => folders().join(path.delimiter) || undefined,
    observeOnly: isObserveOnly,
    home: os.homedir(),
  });
  context.subscriptions.push(service);
  log.info(`Activity log: ${dir} (this window writes ${service.writer.writerId})`);
  const testDir = process.env.BLAST_RADIUS_TEST_LOG_DIR;
  if (testDir) {
    try {
      fs.writeFileSync(path.join(testDir, 'activity-store.json'), JSON.stringify({ dir, writerId: service.writer.writerId }));
    } catch {
      // test aid only
    }
  }

  const status = new ActivityStatusBar(CommandId.showActivity);
  context.subscriptions.push(status);
  status.setObserveOnly(isObserveOnly());
  const detect = (): void => status.setDetectedAgents(detectHookedAgents(folders()));
  detect();
  service.onDidChangeCounts((c) => status.setCounts(c), undefined, context.subscriptions);

  const openFile = async (entry: ActivityEntry): Promise<void> => {
    const p = entry.file?.path ?? entry.target;
    if (!p || !path.isAbsolute(p)) throw new Error('This entry has no file to open.');
    await vscode.window.showTextDocument(vscode.Uri.file(p), { preview: true });
  };
  const openDiff = async (entry: ActivityEntry): Promise<void> => {
    const p = entry.file?.path;
    if (!p) throw new Error('Only file changes have a diff.');
    const right = entry.file?.op === 'deleted' ? vscode.Uri.from({ scheme: EMPTY_SCHEME, path: p }) : vscode.Uri.file(p);
    // A snapshot taken before the change when there is one (snapshot feature); else the last commit.
    const left = entry.file?.snapshot
      ? vscode.Uri.parse(entry.file.snapshot)
      : vscode.Uri.from({ scheme: 'git', path: p, query: JSON.stringify({ path: p, ref: 'HEAD' }) });
    const title = `${path.basename(p)} (${entry.file?.snapshot ? 'before the change' : 'HEAD'} ↔ ${entry.file?.op === 'deleted' ? 'deleted' : 'now'})`;
    await vscode.commands.executeCommand('vscode.diff', left, right, title);
  };
  context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(EMPTY_SCHEME, { provideTextDocumentContent: () => '' }));

  const doExport = async (format: 'jsonl' | 'csv', filter: ActivityFilter, target?: string): Promise<string | undefined> => {
    let file = target;
    if (!file) {
      const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
      const base = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
      const uri = await vscode.window.showSaveDialog({
        defaultUri: vscode.Uri.joinPath(base, `blast-radius-activity-${stamp}.${format}`),
        filters: format === 'csv' ? { CSV: ['csv'] } : { 'JSON Lines': ['jsonl'] },
        saveLabel: 'Export',
        title: 'Export activity log',
      });
      if (!uri) return undefined;
      if (uri.scheme !== 'file') throw new Error('Export needs a file on this machine.');
      file = uri.fsPath;
    }
    const count = await exportEntries(service.reader, filter, format, file);
    log.info(`Activity log: exported ${count} entries to ${file}`);
    return file;
  };

  const panel = new ActivityViewProvider(context.extensionUri, {
    service, log, memento: context.workspaceState, observeOnly: isObserveOnly,
    exportEntries: (format, filter) => doExport(format, filter).catch((e: unknown) => {
      void vscode.window.showErrorMessage(`Blast Radius: export failed: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }),
    openFile, openDiff,
  });
  context.subscriptions.push(panel, vscode.window.registerWebviewViewProvider(VIEW_ID, panel));

  // Terminal commands are judged with the same team rule files as hook calls (when that feature runs).
  let optionsFor: OptionsFor = (cwd) => {
    const folder = cwd ? vscode.workspace.getWorkspaceFolder(vscode.Uri.file(cwd)) : vscode.workspace.workspaceFolders?.[0];
    const dir = cwd ?? folder?.uri.fsPath;
    const effective = dir ? getRuleFiles()?.configFor(dir) : undefined;
    if (effective) return { config: effective.config, workspaceRoot: effective.workspaceRoot };
    return folder ? { workspaceRoot: folder.uri.fsPath } : {};
  };
  context.subscriptions.push(new TerminalObserver({
    service, log, optionsFor: (cwd) => optionsFor(cwd),
    warningsEnabled: () => config().get<boolean>('terminalWarnings', true),
    showActivityCommand: CommandId.showActivity,
  }));
  if (config().get<boolean>('watchFiles', true)) {
    context.subscriptions.push(new FileObserver({
      service, log,
      ignoreDirs: [dir, context.globalStorageUri.fsPath, ...(context.storageUri ? [context.storageUri.fsPath] : [])],
      ignoreGlobs: () => config().get<string[]>('ignoreFiles', []),
    }));
  }
  // Hook configs changing (the Protect command, or by hand) can change the number of hooked agents. File
  // watchers report a new folder but not always the files created in it at once, so also look now and then.
  service.onDidAppend((batch) => {
    if (batch.some((s) => s.entry.source === 'file' && /[\\/]\.(?:claude|github|cursor|gemini|codex|windsurf|clinerules)(?:[\\/]|$)/.test(s.entry.target ?? ''))) detect();
  }, undefined, context.subscriptions);
  const detectTimer = setInterval(detect, 15_000);
  context.subscriptions.push({ dispose: () => clearInterval(detectTimer) });

  context.subscriptions.push(
    vscode.commands.registerCommand(CommandId.showActivity, () => vscode.commands.executeCommand(`${VIEW_ID}.focus`)),
    vscode.commands.registerCommand(CommandId.toggleObserveOnly, async () => {
      const on = await toggleObserveOnly();
      void vscode.window.showInformationMessage(on
        ? 'Blast Radius: observe-only mode is on. Nothing will be paused; actions are logged as "would have paused".'
        : 'Blast Radius: observe-only mode is off. Destructive actions are paused again.');
    }),
    vscode.commands.registerCommand(CommandId.exportActivity, async (args?: ExportArgs) => {
      const format = args?.format === 'csv' ? 'csv' : args?.format === 'jsonl' ? 'jsonl' : undefined;
      const picked = format ?? (await vscode.window.showQuickPick(['jsonl', 'csv'], { title: 'Export format' }));
      if (picked !== 'jsonl' && picked !== 'csv') return undefined;
      const chosen: 'jsonl' | 'csv' = picked;
      const filter = panel.effectiveFilter(args?.filter !== undefined ? parseFilter(args.filter) ?? {} : undefined);
      return doExport(chosen, filter, args?.path);
    }),
    vscode.commands.registerCommand(CommandId.clearActivityView, () => panel.clearView()),
    vscode.commands.registerCommand(CommandId.activityInfo, () => ({
      dir, writerId: service.writer.writerId, counts: service.todayCounts, state: status.state, agents: status.agents,
      firstPageMs: panel.lastFirstPageMs,
    })),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('blastRadius.observeOnly')) {
        status.setObserveOnly(isObserveOnly());
        panel.refreshState();
        log.info(`Observe-only mode ${isObserveOnly() ? 'on' : 'off'}`);
      }
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => detect()),
  );

  // Snapshot detections (a protected file changed or deleted outside any hook) go into the log with a link
  // to their snapshot; registerSnapshots runs before this in extension.ts.
  const snapshots = getSnapshots();
  snapshots?.setRecorder((entry) => void service.record(entry));
  if (snapshots) context.subscriptions.push({ dispose: () => snapshots.setRecorder(undefined) });

  const recorded = new vscode.EventEmitter<ActivityEntry[]>();
  context.subscriptions.push(recorded);
  service.onDidAppend((batch) => recorded.fire(batch.map((s) => s.entry)), undefined, context.subscriptions);

  const api: ActivityApi = {
    record: (entry) => service.record(entry)?.entry,
    recordHookCall: (req, response, opts) => service.recordHookCall(req, response, opts),
    isObserveOnly,
    setProtectedAgents: (agents) => status.setAgents(agents),
    get protectionState() {
      return status.state;
    },
    get todayCounts() {
      return service.todayCounts;
    },
    storeDir: dir,
    setEvaluateOptions: (fn) => {
      optionsFor = fn;
    },
    onDidRecord: recorded.event,
  };
  current = api;
  context.subscriptions.push({ dispose: () => { if (current === api) current = undefined; } });
  return api;
}
