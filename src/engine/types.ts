/**
 * The engine's vocabulary: actions in, verdicts out. Nothing here knows about VS Code.
 */

export type Decision = 'allow' | 'ask' | 'block';
export type Severity = 'low' | 'medium' | 'high' | 'critical';
export type ShellDialect = 'bash' | 'powershell' | 'cmd';

/** Which agent (or source) proposed an action; free text so new agents need no engine change. */
export type AgentName = string;

interface ActionBase {
  /** Working folder the action runs in. Relative paths in the action resolve against it. */
  cwd?: string;
  /** Extra environment the action runs with (on top of the process environment). */
  env?: Record<string, string>;
  agent?: AgentName;
}

export interface ShellAction extends ActionBase {
  kind: 'shell';
  command: string;
  /** Unset means: recognise the shell from the text. */
  shell?: ShellDialect;
}

export interface SqlAction extends ActionBase {
  kind: 'sql';
  sql: string;
  dialect?: string;
  /** Connection string or host the SQL goes to, when known. */
  target?: string;
}

export interface HttpAction extends ActionBase {
  kind: 'http';
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface McpAction extends ActionBase {
  kind: 'mcp';
  server?: string;
  tool: string;
  input: unknown;
}

export type FileOperation = 'write' | 'edit' | 'create' | 'delete' | 'rename';

export interface FileAction extends ActionBase {
  kind: 'file';
  op: FileOperation;
  /** Absolute, or relative to cwd. */
  path: string;
  /** For rename: the destination. */
  newPath?: string;
  /** Content before the change, when the caller knows it (read from disk by adapters). */
  oldContent?: string;
  /** Content after the change (write/create), or the replacement text of an edit. */
  newContent?: string;
  /** For edits: the text being replaced. */
  oldText?: string;
  /** How many files the same tool call deletes, when it deletes several (an apply_patch with many `Delete File`s). */
  deletesInCall?: number;
}

export type Action = ShellAction | SqlAction | HttpAction | McpAction | FileAction;

/** One reason behind a verdict. */
export interface Finding {
  ruleId: string;
  decision: Decision;
  severity: Severity;
  message: string;
  /** What would be hit: a path, a table, a branch, a host. */
  target?: string;
  /** Production (or test) signals that moved the decision, in plain words. */
  signals?: string[];
  /** A safer way to get the same job done, when one exists. */
  safer?: string;
  /** The piece of the action the finding is about (one command of a pipeline, one statement). */
  excerpt?: string;
}

export interface Verdict {
  decision: Decision;
  findings: Finding[];
  /** One human sentence summarising why; empty for a plain allow. */
  reason: string;
}

const ORDER: Record<Decision, number> = { allow: 0, ask: 1, block: 2 };

export function stricter(a: Decision, b: Decision): Decision {
  return ORDER[a] >= ORDER[b] ? a : b;
}

export function decisionRank(d: Decision): number {
  return ORDER[d];
}

const SEVERITY_ORDER: Record<Severity, number> = { low: 0, medium: 1, high: 2, critical: 3 };

export function severityRank(s: Severity): number {
  return SEVERITY_ORDER[s];
}
