/**
 * Messages between the activity panel's webview and the extension. Both sides compile against these types;
 * the extension checks every incoming message with `parseFromWebview`, because the webview is a trust
 * boundary. Methods are `noun/verb`. Editor-free and DOM-free.
 */
import type { ActivityEntry, ActivityFilter, Decision, DecisionFilter, Outcome } from './types';

/** What one row of the timeline shows; the full entry is fetched on selection. */
export interface Row {
  /** Store reference: where to read the full entry. */
  ref: string;
  id: string;
  t: number;
  agent: string;
  source: ActivityEntry['source'];
  kind: ActivityEntry['kind'];
  summary: string;
  target?: string;
  decision: Decision;
  outcome: Outcome;
  /** The first rule id, and how many more. */
  rule?: string;
  moreRules?: number;
  exitCode?: number;
  warned?: boolean;
}

/** Summary text in a row is cut here; the details pane shows everything. */
const ROW_TEXT = 400;

export function toRow(entry: ActivityEntry, ref: string): Row {
  const cut = (s: string | undefined): string | undefined => (s !== undefined && s.length > ROW_TEXT ? `${s.slice(0, ROW_TEXT)}…` : s);
  return {
    ref, id: entry.id, t: entry.t, agent: entry.agent, source: entry.source, kind: entry.kind,
    summary: cut(entry.summary) ?? '', target: cut(entry.target), decision: entry.decision, outcome: entry.outcome,
    rule: entry.ruleIds[0], moreRules: entry.ruleIds.length > 1 ? entry.ruleIds.length - 1 : undefined,
    exitCode: entry.terminal?.exitCode, warned: entry.warned,
  };
}

export interface PanelState {
  observeOnly: boolean;
  /** Agents seen so far (for the agent filter). */
  agents: string[];
  /** Entries older than this are hidden by "Clear view"; unset when nothing was cleared. */
  clearedAt?: number;
}

export type ToWebview =
  /** The result of a new query: replaces the list. `generation` ties later pages to it. */
  | { type: 'log/reset'; generation: number; rows: Row[]; done: boolean; state: PanelState }
  /** The next page of the current query (older entries). */
  | { type: 'log/page'; generation: number; rows: Row[]; done: boolean }
  /** New entries that match the current query, newest first. */
  | { type: 'log/append'; generation: number; rows: Row[] }
  | { type: 'entry/details'; ref: string; entry: ActivityEntry | null }
  | { type: 'state'; state: PanelState }
  /** A line for the status area (export done, errors). */
  | { type: 'notice'; text: string };

export type ExportFormat = 'jsonl' | 'csv';

export type FromWebview =
  /** The view loaded; `filter` is the one it had before it was hidden (a query starts with it). */
  | { type: 'ready'; filter?: ActivityFilter }
  /** A new query; the extension answers with `log/reset`. */
  | { type: 'log/query'; filter: ActivityFilter }
  /** The next older page of query `generation`. */
  | { type: 'log/more'; generation: number }
  | { type: 'entry/get'; ref: string }
  | { type: 'entry/copy'; ref: string; what: 'action' | 'json' }
  | { type: 'entry/openFile'; ref: string }
  | { type: 'entry/openDiff'; ref: string }
  | { type: 'log/export'; format: ExportFormat }
  /** Hide everything up to now (the store keeps it). */
  | { type: 'log/clear' }
  | { type: 'log/unclear' };

const DECISION_FILTERS: readonly DecisionFilter[] = ['allow', 'ask', 'block', 'paused', 'denied', 'would-have-paused', 'warned'];

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isRef = (v: unknown): v is string => typeof v === 'string' && v.length < 200;
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function parseFilter(v: unknown): ActivityFilter | undefined {
  if (!isObj(v)) return undefined;
  const f: ActivityFilter = {};
  if (v.agents !== undefined) {
    if (!Array.isArray(v.agents) || v.agents.length > 50 || !v.agents.every((a) => typeof a === 'string' && a.length < 100)) return undefined;
    f.agents = v.agents as string[];
  }
  if (v.decision !== undefined) {
    if (!DECISION_FILTERS.includes(v.decision as DecisionFilter)) return undefined;
    f.decision = v.decision as DecisionFilter;
  }
  if (v.text !== undefined) {
    if (typeof v.text !== 'string' || v.text.length > 1000) return undefined;
    if (v.text) f.text = v.text;
  }
  if (v.from !== undefined) {
    if (!isTime(v.from)) return undefined;
    f.from = v.from;
  }
  if (v.to !== undefined) {
    if (!isTime(v.to)) return undefined;
    f.to = v.to;
  }
  return f;
}

/** The message if it is well-formed, else undefined (and the extension ignores it). */
export function parseFromWebview(m: unknown): FromWebview | undefined {
  if (!isObj(m) || typeof m.type !== 'string') return undefined;
  switch (m.type) {
    case 'ready': {
      if (m.filter === undefined) return { type: 'ready' };
      const filter = parseFilter(m.filter);
      return filter ? { type: 'ready', filter } : { type: 'ready' };
    }
    case 'log/clear':
    case 'log/unclear':
      return { type: m.type };
    case 'log/query': {
      const filter = parseFilter(m.filter);
      return filter ? { type: 'log/query', filter } : undefined;
    }
    case 'log/more':
      return typeof m.generation === 'number' ? { type: 'log/more', generation: m.generation } : undefined;
    case 'entry/get':
    case 'entry/openFile':
    case 'entry/openDiff':
      return isRef(m.ref) ? { type: m.type, ref: m.ref } : undefined;
    case 'entry/copy':
      return isRef(m.ref) && (m.what === 'action' || m.what === 'json') ? { type: 'entry/copy', ref: m.ref, what: m.what } : undefined;
    case 'log/export':
      return m.format === 'jsonl' || m.format === 'csv' ? { type: 'log/export', format: m.format } : undefined;
    default:
      return undefined;
  }
}

export { parseFilter };
