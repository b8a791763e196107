/**
 * The protection commands: Protect This Workspace, Remove Protection, Check Protection, Align Copilot
 * Approvals, and the first-run suggestion. The file work is src/protect (editor-free, also run by the
 * real-agent tests); this module picks, previews, asks and reports.
 *
 * - Protect: pick agents (workspace and, optionally, user level) → a read-only preview of every file change
 *   and trust step → one confirmation → write, then take the trust steps. Running it again changes nothing.
 * - Remove protection takes out exactly the Blast Radius entries (files Protect created are deleted, and the
 *   folders it created when they are empty again). Trust given to a folder stays (docs/agents.md).
 * - Check Protection: per agent, will its hook run (configured, reachable, trusted), with a Fix button.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { liveWindows, windowsFor } from '../../channel/registry';
import { AGENT_IDS, SPECS, currentEnvironment, type AgentId, type Environment, type Scope } from '../../protect/agents';
import type { HookProgram } from '../../protect/command';
import { checkProtection, remedies, type AgentReport, type CheckItem } from '../../protect/check';
import { checkReportText, type ExtraSection } from '../../protect/checkReport';
import { APPROVALS_CAVEAT, alignCopilotApprovals } from '../../protect/copilotApprovals';
import {
  applyChanges, checkProgram, detectAgents, findOnPath, planProtect, planRemove, readText, removeEmptyDirs, statusOf,
  type FileChange, type PlanProblem,
} from '../../protect/plan';
import { displayPath, previewText } from '../../protect/preview';
import { applyTrust, planTrust, type TrustStep } from '../../protect/steps';
import { plain } from '../../prompt/text';
import { getActivity } from '../activity';
import type { Gate } from '../gate';

export const CommandId = {
  protectWorkspace: 'blastRadius.protectWorkspace',
  removeProtection: 'blastRadius.removeProtection',
  checkProtection: 'blastRadius.checkProtection',
  alignCopilotApprovals: 'blastRadius.alignCopilotApprovals',
} as const;

const PREVIEW_SCHEME = 'blast-radius-preview';
const CREATED_DIRS_KEY = 'blastRadius.protect.createdDirs';
const NO_SUGGEST_KEY = 'blastRadius.protect.noSuggestion';

/** Arguments the commands accept (Check Protection's Fix button, tests): skip the agent pick. */
export interface ProtectArgs {
  agents?: AgentId[];
  userAgents?: AgentId[];
  /** Extra trust steps to take (Check Protection's fixes). */
  trust?: TrustStep[];
  folder?: string;
}

export interface ProtectOutcome {
  written: string[];
  deleted: string[];
  trusted: string[];
  errors: PlanProblem[];
  /** Nothing needed to change. */
  unchanged?: boolean;
}

class PreviewDocs implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, this);

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.path) ?? '';
  }

  /** Shows `text` as a read-only Markdown document named `name`. */
  async show(name: string, text: string): Promise<void> {
    const uri = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${name}.md` });
    this.texts.set(uri.path, text);
    this.changed.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: true, preserveFocus: false });
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}

/** Notifications with paths and messages in them: never a link or an icon (see plain()). */
const say = {
  info: (message: string, ...items: string[]): Thenable<string | undefined> => vscode.window.showInformationMessage(plain(message), ...items),
  warn: (message: string, ...items: string[]): Thenable<string | undefined> => vscode.window.showWarningMessage(plain(message), ...items),
  error: (message: string, ...items: string[]): Thenable<string | undefined> => vscode.window.showErrorMessage(plain(message), ...items),
};

function labels(agents: readonly AgentId[]): string {
  const names = [...new Set(agents)].map((a) => SPECS[a].label.replace(/ \(.*\)$/, ''));
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export class Protection implements vscode.Disposable {
  private readonly previews = new PreviewDocs();
  private readonly cli: string;

  constructor(private readonly context: vscode.ExtensionContext, private readonly log: vscode.LogOutputChannel, private readonly gate?: Gate) {
    this.cli = context.asAbsolutePath(path.join('dist', 'cli.js'));
  }

  dispose(): void {
    this.previews.dispose();
  }

  private nodeOverride(): string | undefined {
    return vscode.workspace.getConfiguration('blastRadius').get<string>('hookNodePath') || undefined;
  }

  /** The program hooks run, checked (node runs, the CLI answers); an error message tells the person how to fix it. */
  private checkedProgram(): HookProgram | undefined {
    const r = checkProgram(this.cli, this.nodeOverride());
    if (r.ok && r.program) return r.program;
    void say.error(`Blast Radius cannot write hooks: ${r.message ?? 'node check failed'}`, 'Open Settings').then((pick) => {
      if (pick) void vscode.commands.executeCommand('workbench.action.openSettings', 'blastRadius.hookNodePath');
    });
    return undefined;
  }

  /** The program without running anything (for status checks at start-up). */
  private assumedProgram(): HookProgram {
    const e = currentEnvironment();
    return { node: this.nodeOverride() ?? findOnPath('node', e.env, e.platform) ?? 'node', cli: this.cli };
  }

  private async pickFolder(folder?: string): Promise<string | undefined> {
    if (folder) return folder;
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
    if (folders.length === 0) {
      void say.warn('Blast Radius: open a folder first; agent hooks are written per workspace folder.');
      return undefined;
    }
    if (folders.length === 1) return folders[0]!.uri.fsPath;
    const picked = await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Which workspace folder?' });
    return picked?.uri.fsPath;
  }

  private rememberCreatedDirs(dirs: readonly string[]): void {
    if (dirs.length === 0) return;
    const known = this.context.globalState.get<string[]>(CREATED_DIRS_KEY, []);
    void this.context.globalState.update(CREATED_DIRS_KEY, [...new Set([...known, ...dirs])]);
  }

  private removeCreatedDirs(): string[] {
    const known = this.context.globalState.get<string[]>(CREATED_DIRS_KEY, []);
    const removed = removeEmptyDirs(known);
    void this.context.globalState.update(CREATED_DIRS_KEY, known.filter((d) => fs.existsSync(d)));
    return removed;
  }

  /** Tells the status bar which agents have our hooks now. */
  private updateStatus(root: string, program: HookProgram, e: Environment): void {
    const ws = statusOf(root, program, 'workspace', e);
    const user = statusOf(root, program, 'user', e);
    getActivity()?.setProtectedAgents(AGENT_IDS.filter((a) => ws[a] !== 'absent' || user[a] !== 'absent'));
  }

  private async pickAgents(root: string, program: HookProgram, e: Environment): Promise<{ workspace: AgentId[]; user: AgentId[] } | undefined> {
    type Item = vscode.QuickPickItem & { agent?: AgentId; scope?: Scope };
    const detected = Object.fromEntries(detectAgents(root, e).map((d) => [d.agent, d]));
    const ws = statusOf(root, program, 'workspace', e);
    const user = statusOf(root, program, 'user', e);
    const describe = (status: string, reasons: string[]): string =>
      status === 'current' ? 'protected' : status === 'outdated' ? 'protected, will be updated' : reasons.length > 0 ? `found: ${reasons.join(', ')}` : '';
    const wsItems: Item[] = AGENT_IDS.map((agent) => ({
      agent, scope: 'workspace', label: SPECS[agent].label,
      description: describe(ws[agent], detected[agent]?.reasons ?? []),
      detail: displayPath(SPECS[agent].file('workspace', root, e), root, e.home),
      picked: ws[agent] !== 'absent' || (detected[agent]?.reasons.length ?? 0) > 0,
    }));
    if (!wsItems.some((i) => i.picked)) for (const i of wsItems) if (i.agent === 'claude' || i.agent === 'copilot') i.picked = true;
    const userItems: Item[] = AGENT_IDS.map((agent) => ({
      agent, scope: 'user', label: SPECS[agent].label,
      description: user[agent] === 'absent' ? 'every folder you open with it' : describe(user[agent], []),
      detail: displayPath(SPECS[agent].file('user', root, e), root, e.home),
      picked: user[agent] !== 'absent',
    }));
    const items: Item[] = [
      { label: 'This workspace', kind: vscode.QuickPickItemKind.Separator },
      ...wsItems,
      { label: 'User level (every folder, no folder trust needed)', kind: vscode.QuickPickItemKind.Separator },
      ...userItems,
    ];
    const picked = await vscode.window.showQuickPick(items, {
      canPickMany: true,
      title: 'Blast Radius: Protect This Workspace',
      placeHolder: 'Agents whose hooks should ask Blast Radius first (you will see every change before anything is written)',
      ignoreFocusOut: true,
    });
    if (!picked) return undefined;
    return {
      workspace: picked.filter((i) => i.agent && i.scope === 'workspace').map((i) => i.agent!),
      user: picked.filter((i) => i.agent && i.scope === 'user').map((i) => i.agent!),
    };
  }

  async protect(args: ProtectArgs = {}): Promise<ProtectOutcome | undefined> {
    const root = await this.pickFolder(args.folder);
    if (!root) return undefined;
    const program = this.checkedProgram();
    if (!program) return undefined;
    const e = currentEnvironment();
    let chosen: { workspace: AgentId[]; user: AgentId[] } | undefined;
    if (args.agents || args.userAgents || args.trust) chosen = { workspace: args.agents ?? [], user: args.userAgents ?? [] };
    else chosen = await this.pickAgents(root, program, e);
    if (!chosen) return undefined;
    if (chosen.workspace.length + chosen.user.length === 0 && !args.trust?.length) {
      void say.info('Blast Radius: no agent chosen, nothing written.');
      return undefined;
    }

    const wsPlan = planProtect(chosen.workspace, root, program, 'workspace', e);
    const userPlan = planProtect(chosen.user, root, program, 'user', e);
    const changes = [...wsPlan.changes, ...userPlan.changes];
    const problems = [...wsPlan.problems, ...userPlan.problems];
    const trust: TrustStep[] = [];
    for (const t of [...planTrust(chosen.workspace, root, 'workspace', e), ...planTrust(chosen.user, root, 'user', e), ...(args.trust ?? [])]) {
      if (!trust.some((x) => x.kind === t.kind && x.file === t.file)) trust.push(t);
    }
    // Codex's hash step is always planned (only codex itself knows whether the hash is trusted); alone it
    // changes nothing when it is, so it does not make a preview of its own.
    const visibleTrust = trust.filter((t) => t.kind !== 'codex-hooks' || changes.some((c) => c.agent === 'codex') || trust.some((x) => x.agent === 'codex' && x.kind !== 'codex-hooks'));
    const agents = [...chosen.workspace, ...chosen.user];

    if (changes.length === 0 && visibleTrust.length === 0) {
      const quiet = trust.length > 0 ? await applyTrust(trust, root, e) : { written: [], errors: [] };
      for (const err of [...problems, ...quiet.errors]) this.log.warn(`Protect: ${SPECS[err.agent].label}, ${err.file}: ${err.message}`);
      this.updateStatus(root, program, e);
      const unchangedMsg = `Blast Radius already protects ${labels(agents)} here: nothing to change.`;
      if (problems.length > 0 || quiet.errors.length > 0) {
        void say.warn(`${unchangedMsg} Some steps failed: ${[...problems, ...quiet.errors].map((p) => p.message).join('; ')}`);
      } else {
        void this.offerCheck(unchangedMsg);
      }
      return { written: [], deleted: [], trusted: quiet.written, errors: [...problems, ...quiet.errors], unchanged: true };
    }

    await this.previews.show('Protect This Workspace', previewText({
      title: `Blast Radius: Protect ${root}`,
      intro: 'Nothing is written until you choose **Protect** in the dialog. Other hooks, settings and comments in these files stay as they are; **Blast Radius: Remove Protection** takes out exactly these entries again.',
      root, home: e.home, changes, trust: visibleTrust, problems,
    }));
    const detail = [
      ...changes.map((c) => `${c.before === undefined ? 'New' : 'Change'}: ${displayPath(c.file, root, e.home)} (${SPECS[c.agent].label.replace(/ \(.*\)$/, '')}${c.scope === 'user' ? ', user level' : ''})`),
      ...visibleTrust.map((t) => `Trust: ${t.title}`),
      ...(problems.length > 0 ? ['', ...problems.map((p) => `Not changed: ${displayPath(p.file, root, e.home)}: ${p.message}`)] : []),
      '',
      'The preview shows every line.',
    ].join('\n');
    const ok = await vscode.window.showWarningMessage(`Protect ${path.basename(root)} for ${labels(agents)}?`, { modal: true, detail }, 'Protect');
    if (ok !== 'Protect') return undefined;

    const applied = applyChanges(changes);
    this.rememberCreatedDirs(applied.createdDirs);
    const trusted = trust.length > 0
      ? await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Blast Radius: trust steps…' }, () => applyTrust(trust, root, e))
      : { written: [], errors: [] };
    const errors = [...problems, ...applied.errors, ...trusted.errors];
    for (const f of [...applied.written, ...applied.deleted, ...trusted.written]) this.log.info(`Protect: wrote ${f}`);
    for (const err of errors) this.log.warn(`Protect: ${SPECS[err.agent].label}, ${err.file}: ${err.message}`);
    this.updateStatus(root, program, e);
    const done = `Blast Radius protects ${labels(agents)} in ${path.basename(root)}: ${applied.written.length} file${applied.written.length === 1 ? '' : 's'} written${trusted.written.length > 0 ? `, ${trusted.written.length} trust setting${trusted.written.length === 1 ? '' : 's'}` : ''}.`;
    if (errors.length > 0) {
      void say.warn(`${done} Not done: ${errors.map((p) => `${displayPath(p.file, root, e.home)}: ${p.message}`).join('; ')}`, 'Check Protection').then((pick) => {
        if (pick) void vscode.commands.executeCommand(CommandId.checkProtection);
      });
    } else {
      void this.offerCheck(done);
    }
    return { written: applied.written, deleted: applied.deleted, trusted: trusted.written, errors };
  }

  private async offerCheck(text: string): Promise<void> {
    const pick = await say.info(text, 'Check Protection');
    if (pick) void vscode.commands.executeCommand(CommandId.checkProtection);
  }

  async remove(args: { folder?: string } = {}): Promise<ProtectOutcome | undefined> {
    const root = await this.pickFolder(args.folder);
    if (!root) return undefined;
    const e = currentEnvironment();
    const ws = planRemove(root, 'workspace', AGENT_IDS, e);
    const user = planRemove(root, 'user', AGENT_IDS, e);
    if (ws.changes.length + user.changes.length === 0) {
      void say.info(`Blast Radius: no Blast Radius hooks in ${path.basename(root)} or your user-level agent settings; nothing to remove.`);
      return { written: [], deleted: [], trusted: [], errors: [...ws.problems, ...user.problems], unchanged: true };
    }
    await this.previews.show('Remove Protection', previewText({
      title: `Blast Radius: Remove protection from ${root}`,
      intro: 'Nothing is changed until you confirm. Only Blast Radius\'s own hook entries go; everything else in these files stays byte for byte. User-level files (in your home folder) are changed only if you choose "Remove Here and at User Level".',
      root, home: e.home, changes: [...ws.changes, ...user.changes], problems: [...ws.problems, ...user.problems],
      notes: ['Trust you gave agents for this folder (Gemini trusted folders, Copilot CLI trusted folders, Codex project trust) stays: it is your decision about the folder, not about Blast Radius.'],
    }));
    const buttons: string[] = [];
    if (ws.changes.length > 0) buttons.push('Remove');
    if (user.changes.length > 0) buttons.push(ws.changes.length > 0 ? 'Remove Here and at User Level' : 'Remove at User Level');
    const detail = [...ws.changes, ...user.changes].map((c) => `${c.after === undefined ? 'Delete' : 'Change'}: ${displayPath(c.file, root, e.home)}${c.scope === 'user' ? ' (user level)' : ''}`).join('\n');
    const pick = await vscode.window.showWarningMessage(`Remove Blast Radius hooks from ${path.basename(root)}?`, { modal: true, detail: `${detail}\n\nAgents will no longer ask before destructive actions here.` }, ...buttons);
    if (!pick) return undefined;
    const changes: FileChange[] = pick === 'Remove' ? ws.changes : pick === 'Remove at User Level' ? user.changes : [...ws.changes, ...user.changes];
    const applied = applyChanges(changes);
    const dirs = this.removeCreatedDirs();
    for (const f of [...applied.written, ...applied.deleted, ...dirs]) this.log.info(`Remove protection: ${applied.deleted.includes(f) || dirs.includes(f) ? 'deleted' : 'wrote'} ${f}`);
    const program = this.assumedProgram();
    this.updateStatus(root, program, e);
    const agents = [...new Set(changes.map((c) => c.agent))];
    const text = `Blast Radius no longer protects ${labels(agents)}${pick === 'Remove' ? ` in ${path.basename(root)}` : ''}.`;
    if (applied.errors.length > 0) void say.warn(`${text} Not changed: ${applied.errors.map((p) => `${displayPath(p.file, root, e.home)}: ${p.message}`).join('; ')}`);
    else void say.info(text);
    return { written: applied.written, deleted: applied.deleted, trusted: [], errors: applied.errors };
  }

  /** Checks of the editor side: can a hook started for `root` reach this window, and does VS Code run Copilot's hooks. */
  private editorChecks(root: string): ExtraSection {
    const items: CheckItem[] = [];
    if (this.gate?.running) {
      const mine = windowsFor(root, liveWindows(os.homedir()))[0];
      items.push(mine?.pid === process.pid
        ? { state: 'ok', what: `Hooks started for ${root} reach this window (${this.gate.server.socketPath})` }
        : { state: 'gap', what: `Hooks started for ${root} would ask another window${mine ? ` (process ${mine.pid})` : ''} first`, fix: 'Close the other window on this folder, or answer there.' });
    } else {
      items.push({ state: 'gap', what: `This window's local channel is not running${this.gate?.error ? ` (${this.gate.error})` : ''}: hooks decide alone and deny what needs a person`, fix: 'Reload the window; see the Blast Radius output channel for the error.' });
    }
    return { title: 'This editor window', items };
  }

  /** VS Code's own conditions for Copilot's agent hooks (the editor-free check cannot see them). */
  private copilotEditorItems(): CheckItem[] {
    const items: CheckItem[] = [];
    items.push(vscode.workspace.isTrusted
      ? { state: 'ok', what: 'VS Code trusts this workspace (Copilot agent mode runs workspace hooks only in trusted workspaces)' }
      : { state: 'gap', what: 'This workspace is in Restricted Mode: Copilot agent mode in VS Code skips .github/hooks', fix: 'Trust the workspace (Workspaces: Manage Workspace Trust), or protect Copilot at user level.' });
    const useHooks = vscode.workspace.getConfiguration('chat').get<boolean>('useHooks');
    if (useHooks === false) items.push({ state: 'gap', what: '"chat.useHooks": false turns off Copilot\'s agent hooks in VS Code', fix: 'Set chat.useHooks to true.' });
    return items;
  }

  async check(args: { folder?: string; show?: boolean } = {}): Promise<AgentReport[] | undefined> {
    const root = await this.pickFolder(args.folder);
    if (!root) return undefined;
    const e = currentEnvironment();
    const probe = checkProgram(this.cli, this.nodeOverride());
    const all = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Blast Radius: checking protection…' }, () =>
      checkProtection(root, e.home, { env: e.env, platform: e.platform, ...(probe.program ? { program: probe.program } : {}) }));
    const detected = Object.fromEntries(detectAgents(root, e).map((d) => [d.agent, d.reasons.length > 0]));
    const shown = all.filter((r) => r.placements.length > 0 || detected[r.agent]);
    const copilot = shown.find((r) => r.agent === 'copilot' && r.placements.some((p) => p.scope === 'workspace'));
    if (copilot) {
      const extra = this.copilotEditorItems();
      copilot.items.push(...extra);
      if (extra.some((i) => i.state === 'gap') && copilot.willRun === true && !copilot.placements.some((p) => p.scope === 'user' && p.willRun)) {
        copilot.summary = 'will run in Copilot CLI; VS Code\'s agent mode skips it (see below)';
      }
    }
    const unused = all.filter((r) => !shown.includes(r)).map((r) => r.label.replace(/ \(.*\)$/, ''));
    const extra = [this.editorChecks(root)];
    if (!probe.ok) extra.push({ title: 'Hook program', items: [{ state: 'gap', what: probe.message ?? 'node check failed', fix: 'Install Node.js 20 or newer, or set blastRadius.hookNodePath.' }] });
    if (args.show !== false) await this.previews.show('Check Protection', checkReportText(root, shown, unused, extra));
    const fixes = remedies(shown);
    const gaps = shown.filter((r) => r.willRun !== true);
    if (args.show === false) return all;
    if (fixes.protect.length + fixes.trust.length > 0) {
      const pick = await say.warn(
        `Blast Radius: ${gaps.length} agent${gaps.length === 1 ? '' : 's'} may not run the hook (${labels(gaps.map((g) => g.agent))}). The report lists each gap.`, 'Fix…');
      if (pick) {
        await this.protect({
          folder: root,
          agents: fixes.protect.filter((p) => p.scope === 'workspace').map((p) => p.agent),
          userAgents: fixes.protect.filter((p) => p.scope === 'user').map((p) => p.agent),
          trust: fixes.trust,
        });
      }
    } else if (gaps.length > 0) {
      void say.warn(`Blast Radius: ${gaps.length} agent${gaps.length === 1 ? '' : 's'} may not run the hook; the report says what to do by hand.`);
    } else if (shown.length > 0) {
      void say.info(`Blast Radius: the hooks of ${labels(shown.map((r) => r.agent))} will run.`);
    }
    return all;
  }

  async alignCopilot(args: { folder?: string } = {}): Promise<ProtectOutcome | undefined> {
    const root = await this.pickFolder(args.folder);
    if (!root) return undefined;
    const e = currentEnvironment();
    const file = path.join(root, '.vscode', 'settings.json');
    let before: string | undefined;
    let r: ReturnType<typeof alignCopilotApprovals>;
    try {
      before = readText(file);
      r = alignCopilotApprovals(before);
    } catch (err) {
      void say.error(`Blast Radius: cannot edit ${displayPath(file, root, e.home)}: ${message(err)}`);
      return undefined;
    }
    if (!r.changed) {
      void say.info(`Copilot's approval settings already have every Blast Radius rule. ${APPROVALS_CAVEAT}`);
      return { written: [], deleted: [], trusted: [], errors: [], unchanged: true };
    }
    const change: FileChange = { agent: 'copilot', scope: 'workspace', file, before, after: r.text, added: [], removed: 0, executable: false };
    await this.previews.show('Align Copilot Approvals', previewText({
      title: 'Blast Radius: Align Copilot Approvals',
      intro: `Adds ${r.added.length} entries to chat.tools.terminal.autoApprove (false: Copilot always asks before such a command) and chat.tools.edits.autoApprove (false: edits of these files always need your review). Keys you set yourself stay as they are.`,
      root, home: e.home, changes: [change],
      notes: [`**${APPROVALS_CAVEAT}**`, ...(r.kept.length > 0 ? [`Left as you set them: ${r.kept.join(', ')}.`] : [])],
    }));
    const ok = await vscode.window.showWarningMessage(
      `Make Copilot ask before destructive commands and sensitive edits?`,
      { modal: true, detail: `Writes ${r.added.length} entries to ${displayPath(file, root, e.home)} (see the preview).\n\n${APPROVALS_CAVEAT}` },
      'Write Settings',
    );
    if (ok !== 'Write Settings') return undefined;
    const applied = applyChanges([change]);
    if (applied.errors.length > 0) {
      void say.error(`Blast Radius: ${applied.errors.map((p) => p.message).join('; ')}`);
    } else {
      void say.info(`Copilot now asks before destructive commands and sensitive edits in ${path.basename(root)}. Bypass Approvals and Autopilot still ignore this; the hooks do not.`);
    }
    return { written: applied.written, deleted: [], trusted: [], errors: applied.errors };
  }

  /** Once per window: offer Protect when an agent is set up here but not protected, or Update when our hooks are stale. */
  async suggest(): Promise<void> {
    if (!vscode.workspace.getConfiguration('blastRadius').get<boolean>('suggestProtection', true)) return;
    const folder = (vscode.workspace.workspaceFolders ?? []).find((f) => f.uri.scheme === 'file');
    if (!folder) return;
    const root = folder.uri.fsPath;
    const e = currentEnvironment();
    const program = this.assumedProgram();
    const ws = statusOf(root, program, 'workspace', e);
    const user = statusOf(root, program, 'user', e);
    const outdated = AGENT_IDS.filter((a) => ws[a] === 'outdated' || user[a] === 'outdated');
    if (outdated.length > 0) {
      const pick = await say.warn(
        `Blast Radius hooks for ${labels(outdated)} point at another copy of the extension or of node, so they may not run. Update them?`, 'Update Hooks');
      if (pick) void vscode.commands.executeCommand(CommandId.protectWorkspace);
      return;
    }
    if (this.context.workspaceState.get<boolean>(NO_SUGGEST_KEY)) return;
    const unprotected = detectAgents(root, e).filter((d) => d.inWorkspace && ws[d.agent] === 'absent' && user[d.agent] === 'absent').map((d) => d.agent);
    if (unprotected.length === 0) return;
    const pick = await say.info(
      `${labels(unprotected)} ${unprotected.length === 1 ? 'is' : 'are'} set up in this workspace, but Blast Radius cannot pause ${unprotected.length === 1 ? 'its' : 'their'} destructive actions yet.`,
      'Protect This Workspace', 'Not Now', 'Don\'t Ask Again');
    if (pick === 'Protect This Workspace') void vscode.commands.executeCommand(CommandId.protectWorkspace);
    else if (pick === 'Don\'t Ask Again') void this.context.workspaceState.update(NO_SUGGEST_KEY, true);
  }
}

/** Registers the protection commands and schedules the first-run suggestion; one line in activate(). */
export function activateProtection(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, gate?: Gate): Protection {
  const p = new Protection(context, log, gate);
  const guard = <A, R>(name: string, fn: (args: A) => Promise<R>) => async (args: A): Promise<R | undefined> => {
    try {
      return await fn(args);
    } catch (e) {
      log.error(`${name} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      void say.error(`Blast Radius: ${name} failed: ${message(e)}`);
      return undefined;
    }
  };
  context.subscriptions.push(
    p,
    vscode.commands.registerCommand(CommandId.protectWorkspace, guard('Protect This Workspace', (a?: ProtectArgs) => p.protect(a ?? {}))),
    vscode.commands.registerCommand(CommandId.removeProtection, guard('Remove Protection', (a?: { folder?: string }) => p.remove(a ?? {}))),
    vscode.commands.registerCommand(CommandId.checkProtection, guard('Check Protection', (a?: { folder?: string; show?: boolean }) => p.check(a ?? {}))),
    vscode.commands.registerCommand(CommandId.alignCopilotApprovals, guard('Align Copilot Approvals', (a?: { folder?: string }) => p.alignCopilot(a ?? {}))),
  );
  const timer = setTimeout(() => void p.suggest().catch((e: unknown) => log.warn(`Protection suggestion failed: ${message(e)}`)), 3000);
  context.subscriptions.push({ dispose: () => clearTimeout(timer) });
  return p;
}
