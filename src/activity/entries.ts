/**
 * Builds activity entries from what each source observed: hook calls (request + answer), terminal
 * commands, file events. Editor-free, so the channel code and tests can use it directly.
 */
import type { Action, Decision, Finding, Verdict } from '../engine/types';
import type { ChannelRequest, ChannelResponse } from '../channel/protocol';
import type { ActivityEntry, EntryFinding, NewEntry, Outcome } from './types';

/** How a hook call ended, when the caller knows it better than the answer says. */
export interface HookResult {
  outcome: Outcome;
  answeredBy?: string;
  answeredAt?: number;
  reason?: string;
}

/**
 * The outcome of a hook call from the engine's verdict and the editor's answer (none for a plain allow).
 * `observeOnly`: nothing was paused, the verdict is recorded as "would have paused".
 */
export function hookOutcome(verdict: Decision, response: ChannelResponse | undefined, observeOnly = false): HookResult {
  if (verdict === 'allow') return { outcome: 'allowed' };
  if (observeOnly) return { outcome: 'would-have-paused', answeredBy: 'observe-only', reason: response?.reason };
  if (!response) return { outcome: verdict === 'block' ? 'blocked' : 'denied', answeredBy: 'policy' };
  const by = response.answeredBy;
  const base = { answeredBy: by, reason: response.reason || undefined };
  switch (response.decision) {
    case 'allow':
      if (verdict === 'block') return { ...base, outcome: 'let-through' };
      return { ...base, outcome: /session/i.test(by) ? 'allowed-session' : 'allowed-once' };
    case 'ask':
      return { ...base, outcome: 'handed-to-agent' };
    default:
      if (/timeout|timed.?out/i.test(by)) return { ...base, outcome: 'timed-out' };
      if (verdict === 'block' && !/^user$/i.test(by)) return { ...base, outcome: 'blocked' };
      return { ...base, outcome: 'denied' };
  }
}

/** One-line description and full text of an action. File contents are never copied into the log. */
export function describeAction(action: Action): { kind: ActivityEntry['kind']; summary: string; detail: string; target?: string } {
  switch (action.kind) {
    case 'shell':
      return { kind: 'shell', summary: firstLine(action.command), detail: action.command };
    case 'sql':
      return { kind: 'sql', summary: firstLine(action.sql), detail: action.sql, target: action.target };
    case 'http': {
      let host: string | undefined;
      try {
        host = new URL(action.url).host;
      } catch {
        host = undefined;
      }
      return { kind: 'http', summary: `${action.method.toUpperCase()} ${action.url}`, detail: `${action.method.toUpperCase()} ${action.url}${action.body ? `\n\n${action.body}` : ''}`, target: host };
    }
    case 'mcp': {
      const name = action.server ? `${action.server}/${action.tool}` : action.tool;
      let input = '';
      try {
        input = JSON.stringify(action.input) ?? '';
      } catch {
        input = String(action.input);
      }
      return { kind: 'mcp', summary: `${name} ${input.slice(0, 200)}`.trim(), detail: `${name}\n${input}`, target: name };
    }
    case 'file': {
      const to = action.newPath ? ` → ${action.newPath}` : '';
      return { kind: 'file', summary: `${action.op} ${action.path}${to}`, detail: `${action.op} ${action.path}${to}`, target: action.path };
    }
  }
}

function firstLine(s: string): string {
  const line = s.split(/\r?\n/, 1)[0] ?? '';
  return line.length < s.length ? `${line} …` : line;
}

export function entryFindings(findings: readonly Finding[]): { findings: EntryFinding[]; ruleIds: string[]; signals: string[] } {
  const out = findings.map((f) => ({
    ruleId: f.ruleId, decision: f.decision, severity: f.severity, message: f.message,
    ...(f.target !== undefined ? { target: f.target } : {}),
    ...(f.signals?.length ? { signals: [...f.signals] } : {}),
    ...(f.safer !== undefined ? { safer: f.safer } : {}),
    ...(f.excerpt !== undefined ? { excerpt: f.excerpt } : {}),
  }));
  return {
    findings: out,
    ruleIds: [...new Set(findings.filter((f) => f.decision !== 'allow').map((f) => f.ruleId))],
    signals: [...new Set(findings.flatMap((f) => f.signals ?? []))],
  };
}

function verdictParts(verdict: Verdict): Pick<NewEntry, 'decision' | 'findings' | 'ruleIds' | 'signals'> & { target?: string } {
  const { findings, ruleIds, signals } = entryFindings(verdict.findings);
  const target = verdict.findings.find((f) => f.decision !== 'allow' && f.target)?.target;
  return { decision: verdict.decision, findings, ruleIds, signals, target };
}

/** A hook call as the channel saw it. `result` defaults to what `hookOutcome` makes of `response`. */
export function hookEntry(
  req: ChannelRequest,
  response?: ChannelResponse,
  opts: { observeOnly?: boolean; result?: HookResult; answeredAt?: number; workspace?: string } = {},
): NewEntry {
  const d = describeAction(req.action);
  const v = verdictParts(req.verdict);
  const result = opts.result ?? hookOutcome(req.verdict.decision, response, opts.observeOnly);
  const answered = result.answeredBy !== undefined;
  return {
    source: 'hook',
    agent: req.agent || 'unknown',
    kind: d.kind,
    summary: req.payloadSummary || d.summary,
    detail: d.detail,
    target: v.target ?? d.target,
    decision: v.decision,
    outcome: result.outcome,
    ruleIds: v.ruleIds,
    findings: v.findings,
    signals: v.signals,
    reason: result.reason ?? (req.verdict.reason || undefined),
    answeredBy: result.answeredBy,
    answeredAt: answered ? result.answeredAt ?? opts.answeredAt : undefined,
    cwd: req.cwd ?? req.action.cwd,
    workspace: opts.workspace,
  };
}

export interface TerminalObservation {
  commandLine: string;
  cwd?: string;
  terminalName: string;
  exitCode?: number;
  confidence?: string;
  verdict: Verdict;
  /** A hook saw the same command first. */
  hooked: boolean;
  warned: boolean;
  workspace?: string;
  /** Who typed it, when known (an agent driving the terminal); `terminal` otherwise. */
  agent?: string;
}

export function terminalEntry(o: TerminalObservation): NewEntry {
  const v = verdictParts(o.verdict);
  return {
    source: 'terminal',
    agent: o.agent ?? 'terminal',
    kind: 'shell',
    summary: firstLine(o.commandLine),
    detail: o.commandLine,
    target: v.target,
    decision: v.decision,
    outcome: 'ran',
    ruleIds: v.ruleIds,
    findings: v.findings,
    signals: v.signals,
    reason: o.verdict.reason || undefined,
    cwd: o.cwd,
    workspace: o.workspace,
    terminal: {
      name: o.terminalName,
      ...(o.exitCode !== undefined ? { exitCode: o.exitCode } : {}),
      ...(o.confidence ? { confidence: o.confidence } : {}),
      hooked: o.hooked,
    },
    ...(o.warned ? { warned: true } : {}),
  };
}

export interface FileObservation {
  op: 'created' | 'changed' | 'deleted';
  path: string;
  /** Path relative to the workspace, for the summary. */
  relative?: string;
  /** The agent whose hook call touched this path shortly before, when known. */
  agent?: string;
  workspace?: string;
  /** Several events folded into one entry ("and 120 more under build/"). */
  count?: number;
}

export function fileEntry(o: FileObservation): NewEntry {
  const shown = o.relative ?? o.path;
  const more = o.count && o.count > 1 ? ` (and ${o.count - 1} more)` : '';
  return {
    source: 'file',
    agent: o.agent ?? 'workspace',
    kind: 'file',
    summary: `${o.op} ${shown}${more}`,
    detail: o.path,
    target: o.path,
    decision: 'allow',
    outcome: o.op,
    ruleIds: [],
    findings: [],
    signals: [],
    workspace: o.workspace,
    file: { op: o.op, path: o.path },
  };
}
