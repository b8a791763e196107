/**
 * The safety gate of one editor window: the local channel that agent hooks ask (`ChannelServer`), the
 * answers (prompt for `ask`, deny at once for `block`, allow in observe-only mode), and the record of each
 * decision (`onDidDecide`, for the activity log).
 *
 * - Every decision goes to the activity log (`getActivity().recordHookCall`) and to `onDidDecide`.
 * - Terminals: `BLAST_RADIUS_SOCKET` / `BLAST_RADIUS_TOKEN` go into integrated terminals started from now on
 *   (not persisted: the socket is new in every window session). Agents started elsewhere find the window
 *   through the per-user registry by their working folder.
 * - "Allow for this session": the same action (actionKey) from the same agent, in memory for this window.
 * - Blocked actions: the agent is told no at once. The person may let that exact action through once by
 *   typing the target's name (notification → input box); the next identical call from the same agent
 *   within 10 minutes is then allowed, once. The deny the agent got says so.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HookResult } from '../../activity/entries';
import { ChannelServer } from '../../channel/server';
import { ENV_SOCKET, ENV_TOKEN, type ChannelRequest, type ChannelResponse } from '../../channel/protocol';
import { LET_THROUGH_MS, LetThrough, SessionAllows, actionKey, confirmationName } from '../../prompt/policy';
import { agentLabel, blockedReason, buildBlockedNotice, plain } from '../../prompt/text';
import { getRuleFiles } from '../ruleFiles';
import { getActivity, isObserveOnly } from '../activity';
import { getSnapshots } from '../snapshots';
import type { Outcome } from '../../activity/types';

/** Outcomes after which the agent goes on to make its change. */
const LET_THROUGH_OUTCOMES = new Set<Outcome>(['allowed', 'allowed-once', 'allowed-session', 'let-through', 'would-have-paused']);
import { ProposedContent } from './proposed';
import { Prompter, type PromptAnswer } from './prompter';

/** One decision of this window's gate: the request, the answer sent to the hook, and how it ended. */
export interface GateDecision {
  request: ChannelRequest;
  /** Undefined for allowed calls the hook only reported (`notify`). */
  response?: ChannelResponse;
  /** Outcome and who answered (`user`, `timeout`, `session-allow`, `observe-only`, `policy`, `user-typed-name`). */
  result: HookResult;
}

const decided = new vscode.EventEmitter<GateDecision>();
/**
 * Every decision of the gate, allowed calls included, after it was handed to the activity log
 * (`getActivity().recordHookCall`). For other listeners (tests, future features).
 */
export const onDidDecide: vscode.Event<GateDecision> = decided.event;

export const PROMPT_TIMEOUT_SETTING = 'promptTimeoutSeconds';
const LET_THROUGH_MINUTES = LET_THROUGH_MS / 60_000;

/**
 * The prompt timeout: the person's own setting wins (any scope where it is set), otherwise the nearest team
 * rule file's `promptTimeoutSeconds` for the action's folder, otherwise the setting's default.
 */
function promptTimeoutFor(req: ChannelRequest): number | undefined {
  const config = vscode.workspace.getConfiguration('blastRadius');
  const i = config.inspect<number>(PROMPT_TIMEOUT_SETTING);
  const own = i?.workspaceFolderValue ?? i?.workspaceValue ?? i?.globalValue;
  if (own !== undefined) return own;
  const cwd = req.cwd ?? req.action.cwd;
  try {
    const fromRules = cwd ? getRuleFiles()?.configFor(cwd).promptTimeoutSeconds : undefined;
    if (fromRules) return fromRules;
  } catch {
    // a rule file that cannot be read changes nothing here
  }
  return config.get<number>(PROMPT_TIMEOUT_SETTING);
}

function fileFolders(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
}

/** The shape the rest of the gate relies on; anything else is answered with a deny. */
function wellFormed(req: ChannelRequest): boolean {
  return typeof req === 'object' && req !== null && typeof req.id === 'string' && typeof req.agent === 'string'
    && typeof req.action === 'object' && req.action !== null && typeof (req.action as { kind?: unknown }).kind === 'string'
    && typeof req.verdict === 'object' && req.verdict !== null && ['allow', 'ask', 'block'].includes(req.verdict.decision)
    && Array.isArray(req.verdict.findings) && typeof req.payloadSummary === 'string';
}

export class Gate implements vscode.Disposable {
  readonly server: ChannelServer;
  readonly session = new SessionAllows();
  readonly letThrough = new LetThrough();
  private readonly proposed = new ProposedContent();
  private readonly prompter: Prompter;
  private readonly disposables: vscode.Disposable[] = [];
  private started = false;
  private startError: string | undefined;

  constructor(private readonly context: vscode.ExtensionContext, private readonly log: vscode.LogOutputChannel) {
    this.server = new ChannelServer({
      workspaceFolders: fileFolders(),
      onRequest: (req, signal) => this.onRequest(req, signal),
      onNotify: (req) => this.record({ request: req, result: { outcome: 'allowed' } }),
    });
    this.prompter = new Prompter({
      proposed: this.proposed,
      log,
      timeoutSeconds: (req) => promptTimeoutFor(req),
      sessionAllows: (key) => this.session.has(key),
    });
    vscode.workspace.onDidChangeWorkspaceFolders(() => this.server.setWorkspaceFolders(fileFolders()), undefined, this.disposables);
  }

  /** The channel is listening (hooks can reach this window). */
  get running(): boolean {
    return this.started;
  }

  get error(): string | undefined {
    return this.startError;
  }

  async start(): Promise<void> {
    try {
      await this.server.start();
    } catch (e) {
      this.startError = e instanceof Error ? e.message : String(e);
      this.log.error(`Blast Radius could not open its local channel: ${this.startError}`);
      void vscode.window.showWarningMessage(
        `Blast Radius could not open its local channel (${this.startError}). Agent hooks cannot ask you in this window; they decide alone and deny what needs a person.`,
      );
      return;
    }
    this.started = true;
    const env = this.context.environmentVariableCollection;
    env.persistent = false;
    env.description = 'Lets agents started in this terminal ask Blast Radius in this window before destructive actions.';
    env.replace(ENV_SOCKET, this.server.socketPath);
    env.replace(ENV_TOKEN, this.server.token);
    this.log.info(`Blast Radius: agent hooks can reach this window at ${this.server.socketPath}`);
  }

  dispose(): void {
    const env = this.context.environmentVariableCollection;
    env.delete(ENV_SOCKET);
    env.delete(ENV_TOKEN);
    this.prompter.dispose();
    this.server.dispose();
    this.proposed.dispose();
    for (const d of this.disposables) d.dispose();
    this.started = false;
  }

  /** One paused call from a hook. Never throws: a failure is a deny. */
  async onRequest(req: ChannelRequest, signal: AbortSignal): Promise<ChannelResponse> {
    const arrivedAt = Date.now();
    if (!wellFormed(req)) {
      this.log.warn('Blast Radius: a hook sent a request it could not read; denied.');
      return { decision: 'deny', reason: 'The editor could not read this request, so it was denied.', answeredBy: 'error' };
    }
    try {
      return await this.decide(req, signal, arrivedAt);
    } catch (e) {
      const reason = `Blast Radius failed in the editor (${e instanceof Error ? e.message : String(e)}), so it was denied.`;
      this.log.error(reason);
      return this.answer(req, { decision: 'deny', reason, answeredBy: 'error' }, { outcome: 'denied', answeredBy: 'error', answeredAt: Date.now(), reason });
    }
  }

  private async decide(req: ChannelRequest, signal: AbortSignal, arrivedAt: number): Promise<ChannelResponse> {
    const decision = req.verdict.decision;
    if (decision === 'allow') {
      return this.answer(req, { decision: 'allow', reason: '', answeredBy: 'policy' }, { outcome: 'allowed' });
    }
    if (isObserveOnly()) {
      const reason = 'Blast Radius is in observe-only mode: it records what it would have paused and lets it run.';
      return this.answer(req, { decision: 'allow', reason, answeredBy: 'observe-only' }, { outcome: 'would-have-paused', answeredBy: 'observe-only', answeredAt: Date.now(), reason });
    }
    const key = actionKey(req.agent, req.action);
    if (decision === 'block') {
      if (this.letThrough.consume(key)) {
        const reason = 'Let through once by the person in the editor (they typed the target\'s name).';
        return this.answer(req, { decision: 'allow', reason, answeredBy: 'user-typed-name' }, { outcome: 'let-through', answeredBy: 'user-typed-name', answeredAt: Date.now(), reason });
      }
      const name = confirmationName(req.verdict);
      const reason = blockedReason(name, LET_THROUGH_MINUTES);
      void this.offerLetThrough(req, key, name);
      return this.answer(req, { decision: 'deny', reason, answeredBy: 'policy' }, { outcome: 'blocked', answeredBy: 'policy', answeredAt: Date.now(), reason: req.verdict.reason || reason });
    }
    if (this.session.has(key)) {
      const reason = 'Allowed: the person allowed this same action for this session.';
      return this.answer(req, { decision: 'allow', reason, answeredBy: 'session-allow' }, { outcome: 'allowed-session', answeredBy: 'session-allow', answeredAt: Date.now(), reason });
    }
    const a = await this.prompter.ask(req, key, signal, arrivedAt);
    return this.fromPrompt(req, key, a);
  }

  private fromPrompt(req: ChannelRequest, key: string, a: PromptAnswer): ChannelResponse {
    const at = a.answeredAt;
    switch (a.outcome) {
      case 'allow-once': {
        const reason = 'Allowed once by the person in the editor.';
        return this.answer(req, { decision: 'allow', reason, answeredBy: 'user' }, { outcome: 'allowed-once', answeredBy: 'user', answeredAt: at, reason });
      }
      case 'allow-session': {
        this.session.add(key);
        const reason = 'Allowed by the person in the editor, also for the same action again in this session.';
        return this.answer(req, { decision: 'allow', reason, answeredBy: 'user (for this session)' }, { outcome: 'allowed-session', answeredBy: 'user', answeredAt: at, reason });
      }
      case 'session-rule': {
        const reason = 'Allowed: the person allowed this same action for this session.';
        return this.answer(req, { decision: 'allow', reason, answeredBy: 'session-allow' }, { outcome: 'allowed-session', answeredBy: 'session-allow', answeredAt: at, reason });
      }
      case 'deny':
      case 'dismissed': {
        const reason = a.outcome === 'deny' ? 'Denied by the person in the editor.' : 'The person closed the prompt without allowing it, so it was denied.';
        return this.answer(req, { decision: 'deny', reason, answeredBy: 'user' }, { outcome: 'denied', answeredBy: 'user', answeredAt: at, reason });
      }
      case 'timeout':
      case 'aborted': {
        const reason = a.outcome === 'timeout'
          ? `No answer in the editor within ${a.waitedSeconds ?? '?'} s, so it was denied.`
          : 'The agent stopped waiting before the person answered, so it was denied.';
        return this.answer(req, { decision: 'deny', reason, answeredBy: 'timeout' }, { outcome: 'timed-out', answeredBy: 'timeout', answeredAt: at, reason });
      }
      default: {
        const reason = `The prompt could not be shown (${a.error ?? 'unknown error'}), so it was denied.`;
        return this.answer(req, { decision: 'deny', reason, answeredBy: 'error' }, { outcome: 'denied', answeredBy: 'error', answeredAt: at, reason });
      }
    }
  }

  private answer(request: ChannelRequest, response: ChannelResponse, result: HookResult): ChannelResponse {
    this.record({ request, response, result });
    return response;
  }

  private record(d: GateDecision): void {
    const who = d.result.answeredBy ? ` by ${d.result.answeredBy}` : '';
    const line = `${d.request.agent}: ${d.request.payloadSummary} → ${d.result.outcome}${who}`;
    if (d.result.outcome === 'allowed') this.log.debug(line);
    else this.log.info(line);
    // The activity log (registerActivity, earlier in activate()); recordHookCall never throws.
    getActivity()?.recordHookCall(d.request, d.response, { result: d.result, answeredAt: d.result.answeredAt });
    // A file change the guard let through is expected: the snapshot feature must not report it as an outside change.
    const a = d.request.action;
    if (LET_THROUGH_OUTCOMES.has(d.result.outcome) && a.kind === 'file') {
      const base = a.cwd ?? d.request.cwd ?? '';
      for (const p of [a.path, a.newPath]) if (p) getSnapshots()?.expectChange(path.resolve(base, p), `allowed for ${d.request.agent}`);
    }
    try {
      decided.fire(d);
    } catch (e) {
      this.log.warn(`Blast Radius: a decision listener failed: ${String(e)}`);
    }
  }

  /** The notice for a blocked action, and the deliberate way to let it through once. */
  private async offerLetThrough(req: ChannelRequest, key: string, name: string): Promise<void> {
    const notice = buildBlockedNotice(req, name, LET_THROUGH_MINUTES);
    const LET = 'Let It Through Once…';
    const DETAILS = 'Details';
    let pick = await vscode.window.showWarningMessage(plain(notice.message), LET, DETAILS);
    if (pick === DETAILS) {
      pick = await vscode.window.showWarningMessage(notice.message, { modal: true, detail: notice.detail }, LET);
    }
    if (pick !== LET) return;
    const typed = await vscode.window.showInputBox({
      title: `Let ${agentLabel(req.agent)} run this blocked action once`,
      prompt: `Type ${name} to let "${req.payloadSummary}" through once. The next identical call within ${LET_THROUGH_MINUTES} minutes runs.`,
      placeHolder: name,
      ignoreFocusOut: true,
      validateInput: (v) => (v === name || v === '' ? undefined : `Type ${name} exactly, or press Escape to keep it blocked.`),
    });
    if (typed !== name) return;
    this.letThrough.arm(key);
    this.log.info(`${req.agent}: ${req.payloadSummary} → let through once by the person (armed for ${LET_THROUGH_MINUTES} minutes)`);
    void vscode.window.showInformationMessage(
      `The next identical call from ${agentLabel(req.agent)} within ${LET_THROUGH_MINUTES} minutes will run once. Tell the agent to retry it.`,
    );
  }
}

/** Starts this window's gate; one line in activate(). */
export function activateGate(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): Gate {
  const gate = new Gate(context, log);
  context.subscriptions.push(gate);
  void gate.start();
  return gate;
}
