/**
 * The activity log's vocabulary: one entry per observed action and its outcome. Editor-free; shared by the
 * store, the extension and (as types only) the webview.
 */
import type { Decision, Severity } from '../engine/types';

export type { Decision } from '../engine/types';

/** Where an entry was observed. */
export type ActivitySource = 'hook' | 'terminal' | 'file';

/**
 * What happened to the action.
 * - hook calls: `allowed` (nothing to pause), `allowed-once` / `allowed-session` / `denied` / `timed-out`
 *   (paused and answered), `blocked`, `let-through` (a block a person let through deliberately),
 *   `would-have-paused` (observe-only mode), `handed-to-agent` (the question went to the agent's own prompt);
 * - terminal commands: `ran` (observed after the fact; the exit code is in `terminal.exitCode`);
 * - file events: `created` / `changed` / `deleted`.
 */
export type Outcome =
  | 'allowed'
  | 'allowed-once'
  | 'allowed-session'
  | 'denied'
  | 'timed-out'
  | 'blocked'
  | 'let-through'
  | 'would-have-paused'
  | 'handed-to-agent'
  | 'ran'
  | 'created'
  | 'changed'
  | 'deleted';

export const OUTCOMES: readonly Outcome[] = [
  'allowed', 'allowed-once', 'allowed-session', 'denied', 'timed-out', 'blocked', 'let-through',
  'would-have-paused', 'handed-to-agent', 'ran', 'created', 'changed', 'deleted',
];

/** Outcomes of an action that was paused for a person (or would have been). */
export const PAUSED_OUTCOMES: readonly Outcome[] = ['allowed-once', 'allowed-session', 'denied', 'timed-out', 'handed-to-agent'];
export const BLOCKED_OUTCOMES: readonly Outcome[] = ['blocked', 'let-through'];

/** A finding as the log keeps it (the engine's Finding, minus nothing; masked before writing). */
export interface EntryFinding {
  ruleId: string;
  decision: Decision;
  severity: Severity;
  message: string;
  target?: string;
  signals?: string[];
  safer?: string;
  excerpt?: string;
}

export interface ActivityEntry {
  /** Time the outcome was known, epoch ms. Always serialised first (the reader finds it without parsing). */
  t: number;
  /** Unique: `<writer id>-<sequence>`. */
  id: string;
  v: 1;
  source: ActivitySource;
  /** `claude`, `copilot`, … for hook calls; `terminal` / `workspace` when no agent is known. */
  agent: string;
  /** The engine's action kind, or `file` for file events. */
  kind: 'shell' | 'sql' | 'http' | 'mcp' | 'file';
  /** One line: `Bash: rm -rf build`, `rm -rf build`, `created src/a.ts`. */
  summary: string;
  /** The full action text: command line, SQL, method + URL, tool input, file path. */
  detail?: string;
  /** What the action hits (a path, a table, a branch, a host), when known. */
  target?: string;
  /** The engine's verdict. */
  decision: Decision;
  outcome: Outcome;
  ruleIds: string[];
  findings: EntryFinding[];
  /** Production signals behind the verdict, in plain words. */
  signals: string[];
  /** The verdict's reason or the answer's reason. */
  reason?: string;
  /** `user`, `session-rule`, `timeout`, `policy`, `observe-only`… */
  answeredBy?: string;
  answeredAt?: number;
  cwd?: string;
  /** The workspace folder(s) of the window that recorded the entry. */
  workspace?: string;
  terminal?: {
    name: string;
    exitCode?: number;
    /** Shell integration's confidence in the command line: low / medium / high. */
    confidence?: string;
    /** A hook saw (and answered) the same command before it ran. */
    hooked?: boolean;
  };
  file?: {
    op: 'created' | 'changed' | 'deleted';
    path: string;
    /** Reference to a snapshot of the content before the change (filled by the snapshot feature). */
    snapshot?: string;
    /** Reference to a diff, for changes where both sides are kept. */
    diff?: string;
  };
  /** A warning was shown: a command that would have paused ran without any hook seeing it. */
  warned?: boolean;
}

/** A new entry before the store gives it a time and an id. */
export type NewEntry = Omit<ActivityEntry, 't' | 'id' | 'v'> & { t?: number };

/** Decision filter values offered by the panel (one of them, or all when unset). */
export type DecisionFilter = Decision | 'paused' | 'denied' | 'would-have-paused' | 'warned';

export interface ActivityFilter {
  /** Exact agent names (`claude`, `terminal`, …); any when empty. */
  agents?: string[];
  decision?: DecisionFilter;
  /** Case-insensitive substring of summary, detail, target, cwd, agent, rule ids, reason. */
  text?: string;
  /** Inclusive bounds, epoch ms. */
  from?: number;
  to?: number;
}

export function matchesFilter(e: ActivityEntry, f: ActivityFilter | undefined): boolean {
  if (!f) return true;
  if (f.from !== undefined && e.t < f.from) return false;
  if (f.to !== undefined && e.t > f.to) return false;
  if (f.agents && f.agents.length > 0 && !f.agents.includes(e.agent)) return false;
  if (f.decision && !matchesDecision(e, f.decision)) return false;
  if (f.text) {
    const needle = f.text.toLowerCase();
    const hay = [e.summary, e.detail, e.target, e.cwd, e.agent, e.reason, e.outcome, e.terminal?.name, e.file?.path, ...e.ruleIds];
    if (!hay.some((s) => s !== undefined && s.toLowerCase().includes(needle))) return false;
  }
  return true;
}

function matchesDecision(e: ActivityEntry, d: DecisionFilter): boolean {
  switch (d) {
    case 'paused':
      return e.decision !== 'allow';
    case 'denied':
      return e.outcome === 'denied' || e.outcome === 'timed-out' || e.outcome === 'blocked';
    case 'would-have-paused':
      return e.outcome === 'would-have-paused';
    case 'warned':
      return e.warned === true;
    default:
      return e.decision === d;
  }
}
