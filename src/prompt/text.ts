/**
 * The words of the pause prompt: a short question (the modal's message) and the detail under it (the
 * exact action, working folder, target, production signals, rule and reason, safer alternative, and when
 * silence counts as Deny). Also the proposed content of a file action for the diff view. Editor-free.
 */
import * as path from 'node:path';
import type { ChannelRequest } from '../channel/protocol';
import type { Action, FileAction, Finding } from '../engine/types';
import { diffLines } from './diff';

const AGENT_LABELS: Record<string, string> = {
  claude: 'Claude Code',
  copilot: 'GitHub Copilot',
  cursor: 'Cursor',
  gemini: 'Gemini CLI',
  codex: 'Codex',
  windsurf: 'Windsurf',
  cline: 'Cline',
};

/**
 * Text for a notification: VS Code turns `[label](target)` in a notification into a link (a `command:` link
 * runs a command) and `$(name)` into an icon. Agent- and repository-supplied text (commands, paths) must
 * never become either, or a tool call could dress itself up as a button.
 */
export function plain(text: string): string {
  return text.replace(/\]\(/g, '] (').replace(/\$\(/g, '$ (');
}

export function agentLabel(agent: string): string {
  return AGENT_LABELS[agent] ?? (agent ? agent : 'An agent');
}

/** Longest action text shown in the prompt; the rest is counted, not shown. */
const MAX_ACTION_CHARS = 1500;
const MAX_ACTION_LINES = 25;
const MAX_FINDINGS = 4;

export function clip(text: string, maxChars = MAX_ACTION_CHARS, maxLines = MAX_ACTION_LINES): string {
  let out = text;
  const lines = out.split(/\r?\n/);
  let cut = false;
  if (lines.length > maxLines) {
    out = lines.slice(0, maxLines).join('\n');
    cut = true;
  }
  if (out.length > maxChars) {
    out = out.slice(0, maxChars);
    cut = true;
  }
  return cut ? `${out}… (${text.length - out.length} more characters)` : out;
}

export interface PromptText {
  /** The modal's message: one short question. */
  message: string;
  /** Everything else, one fact per line. */
  detail: string;
}

export interface PromptTextOptions {
  /** When silence counts as Deny (epoch ms). */
  deadline?: number;
  /** Formats `deadline` for people; default HH:MM:SS local time. */
  formatTime?: (t: number) => string;
  /** A "Show Diff" button is offered. */
  canShowDiff?: boolean;
}

const defaultTime = (t: number): string => new Date(t).toTimeString().slice(0, 8);

function verb(action: Action): string {
  switch (action.kind) {
    case 'shell':
      return 'run this command';
    case 'sql':
      return 'run this SQL';
    case 'http':
      return 'send this request';
    case 'mcp':
      return 'call this tool';
    case 'file': {
      const name = path.basename(action.path) || action.path;
      const words: Record<FileAction['op'], string> = { write: 'overwrite', edit: 'edit', create: 'create', delete: 'delete', rename: 'rename' };
      return `${words[action.op] ?? action.op} ${name}`;
    }
    default:
      return 'do this';
  }
}

/** The action itself, exactly, as the first lines of the detail. */
export function actionLines(action: Action): string[] {
  switch (action.kind) {
    case 'shell':
      return [clip(action.command)];
    case 'sql':
      return [clip(action.sql), ...(action.target ? [`Database: ${action.target}`] : [])];
    case 'http':
      return [`${action.method.toUpperCase()} ${action.url}`, ...(action.body ? [`Body: ${clip(action.body, 400, 6)}`] : [])];
    case 'mcp': {
      let input: string;
      try {
        input = JSON.stringify(action.input) ?? '';
      } catch {
        input = String(action.input);
      }
      return [`Tool: ${action.server ? `${action.server}/` : ''}${action.tool}`, ...(input && input !== '{}' ? [`Input: ${clip(input, 600, 8)}`] : [])];
    }
    case 'file': {
      const lines = [`${action.op === 'rename' ? 'Rename' : 'File'}: ${action.path}${action.newPath ? ` → ${action.newPath}` : ''}`];
      const summary = fileChangeSummary(action);
      if (summary) lines.push(`Change: ${summary}`);
      return lines;
    }
    default:
      return [JSON.stringify(action)];
  }
}

/** "+3 −10 lines", "new file, 40 lines", "deletes the file (120 lines)"; undefined when unknown. */
export function fileChangeSummary(action: FileAction): string | undefined {
  const count = (s: string | undefined): number => (s ? diffLines('', s).added : 0);
  const plural = (n: number): string => `${n} line${n === 1 ? '' : 's'}`;
  switch (action.op) {
    case 'create':
      return action.newContent !== undefined ? `new file, ${plural(count(action.newContent))}` : 'new file';
    case 'delete':
      return action.oldContent !== undefined ? `deletes the file (${plural(count(action.oldContent))})` : 'deletes the file';
    case 'rename':
      return action.newPath ? `moves it to ${action.newPath}` : undefined;
    default: {
      const p = proposedContent(action);
      if (!p) return undefined;
      const d = diffLines(p.before, p.after);
      const total = action.oldContent !== undefined ? ` (the file has ${plural(count(action.oldContent))})` : '';
      if (d.added === 0 && d.removed === 0) return `no change to the text${total}`;
      return `+${d.added} −${d.removed} lines${total}`;
    }
  }
}

/**
 * The file as it is and as the action would leave it, for the diff view. For an edit whose file content is
 * unknown, just the replaced text and its replacement. Undefined for renames (nothing to compare).
 */
export function proposedContent(action: FileAction): { before: string; after: string; partial: boolean } | undefined {
  switch (action.op) {
    case 'rename':
      return undefined;
    case 'delete':
      return { before: action.oldContent ?? '', after: '', partial: action.oldContent === undefined };
    case 'create':
    case 'write':
      return { before: action.oldContent ?? '', after: action.newContent ?? '', partial: false };
    case 'edit': {
      const oldText = action.oldText ?? '';
      const newText = action.newContent ?? '';
      if (action.oldContent !== undefined && oldText && action.oldContent.includes(oldText)) {
        const i = action.oldContent.indexOf(oldText);
        return { before: action.oldContent, after: action.oldContent.slice(0, i) + newText + action.oldContent.slice(i + oldText.length), partial: false };
      }
      return { before: oldText, after: newText, partial: true };
    }
    default:
      return undefined;
  }
}

function pausedFindings(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.decision !== 'allow');
}

function unique(items: (string | undefined)[]): string[] {
  return [...new Set(items.filter((s): s is string => !!s && !!s.trim()).map((s) => s.trim()))];
}

/** Folder, target, signals, rules, safer way: the lines shared by the prompt and the blocked notice. */
export function contextLines(req: ChannelRequest): string[] {
  const paused = pausedFindings(req.verdict?.findings ?? []);
  const lines: string[] = [];
  const cwd = req.cwd ?? req.action.cwd;
  if (cwd) lines.push(`Working folder: ${cwd}`);
  const targets = unique(paused.map((f) => f.target));
  if (targets.length > 0) lines.push(`Target: ${targets.join('; ')}`);
  const signals = unique(paused.flatMap((f) => f.signals ?? []));
  // Production, local and test signals alike: whatever about the target moved the decision.
  lines.push(`Target signals: ${signals.length > 0 ? signals.join('; ') : 'none found'}`);
  for (const f of paused.slice(0, MAX_FINDINGS)) lines.push(`Rule ${f.ruleId} (${f.severity}): ${f.message}`);
  if (paused.length > MAX_FINDINGS) lines.push(`… and ${paused.length - MAX_FINDINGS} more findings`);
  if (paused.length === 0 && req.verdict?.reason) lines.push(`Reason: ${req.verdict.reason}`);
  const safer = unique(paused.map((f) => f.safer));
  if (safer.length > 0) lines.push(`Safer: ${safer.join(' · ')}`);
  return lines;
}

/** The pause prompt for an `ask` verdict. */
export function buildPrompt(req: ChannelRequest, opts: PromptTextOptions = {}): PromptText {
  const who = agentLabel(req.agent);
  const message = `Allow ${who} to ${verb(req.action)}?`;
  const lines = [...actionLines(req.action), '', ...contextLines(req)];
  if (opts.canShowDiff) lines.push('Show Diff opens the proposed content beside the current file.');
  if (opts.deadline !== undefined) {
    lines.push('', `No answer by ${(opts.formatTime ?? defaultTime)(opts.deadline)} counts as Deny.`);
  }
  return { message, detail: lines.join('\n') };
}

/** The notice for a `block` verdict: already denied; the way to let it through once. */
export function buildBlockedNotice(req: ChannelRequest, name: string, minutes: number): { message: string; detail: string } {
  const who = agentLabel(req.agent);
  const first = actionLines(req.action)[0] ?? '';
  return {
    message: `Blast Radius blocked ${who}: ${clip(first, 160, 1)}`,
    detail: [
      ...actionLines(req.action),
      '',
      ...contextLines(req),
      '',
      `The agent was told no. To let this exact action through once, choose "Let It Through Once…" and type ${JSON.stringify(name)}; `
        + `the next identical call from ${who} within ${minutes} minutes then runs.`,
    ].join('\n'),
  };
}

/** What the agent is told when a block is denied in the editor. */
export function blockedReason(name: string, minutes: number): string {
  return `Blocked by policy. Only a person can let it through, by typing "${name}" in the editor; if they say they did, retry the identical call once within ${minutes} minutes.`;
}
