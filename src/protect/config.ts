/**
 * The pure part of "Protect this workspace": (agent, existing file text, hook program) → new file text,
 * and its inverse. Nothing here reads or writes files, so the real-agent tests can run exactly this code.
 *
 * - Merges: other people's hooks, other settings, comments and formatting stay byte for byte.
 * - Idempotent: protecting a protected file returns the same text.
 * - Updates in place: an entry of ours that differs (another CLI path after an update, older timeouts) is
 *   replaced where it is; duplicates of ours are dropped.
 * - Removal takes out exactly our entries (found by the command, whatever its path), and the containers
 *   that only held them; a file left with nothing but its scaffold (`{}`, `{"version": 1}`) is deleted.
 *
 * Editor-free.
 */
import { isDeepStrictEqual } from 'node:util';
import { CLINE_MARKER, SPECS, currentEnvironment, type AgentId, type Environment, type JsonSpec } from './agents';
import type { HookProgram } from './command';
import { appendToArray, arrayAt, isTrivialDocument, removeFromArray, replaceArrayElement } from './jsonc';

export interface ProtectResult {
  /** The new text; equal to the input when nothing had to change. */
  text: string;
  changed: boolean;
  /** The entries written (for the preview): where and what. */
  added: { path: readonly string[]; value: unknown }[];
}

export interface UnprotectResult {
  /** The new text, or undefined: delete the file. */
  text: string | undefined;
  changed: boolean;
  /** How many of our entries were taken out. */
  removed: number;
}

export type ProtectionStatus = 'absent' | 'current' | 'outdated';

function newDocument(spec: JsonSpec): string {
  return `${JSON.stringify(spec.scaffold, null, 2)}\n`;
}

/** Adds (or brings up to date) the Blast Radius hook entries of `agent` in a config file's text. */
export function protectConfig(agent: AgentId, existing: string | undefined, program: HookProgram, env: Environment = currentEnvironment()): ProtectResult {
  const spec = SPECS[agent];
  if (spec.format === 'script') {
    const text = spec.script(program, env);
    if (existing !== undefined && existing !== text && !existing.includes(CLINE_MARKER)) {
      throw new Error(`${spec.label}: a PreToolUse hook of someone else's is already there; Blast Radius does not replace it`);
    }
    return { text, changed: existing !== text, added: existing === text ? [] : [{ path: [], value: text }] };
  }
  const what = spec.file('workspace', '', env).replace(/^[\\/]/, '');
  let text = existing === undefined || existing.trim() === '' ? newDocument(spec) : existing;
  const added: ProtectResult['added'] = [];
  for (const entry of spec.entries(program, env)) {
    const current = arrayAt(text, entry.path, what);
    const ours = current.map((v, i) => ({ v, i })).filter(({ v }) => spec.isOurs(v));
    if (ours.length === 0) {
      text = appendToArray(text, entry.path, entry.value, what);
      added.push(entry);
      continue;
    }
    const first = ours[0]!;
    if (!isDeepStrictEqual(first.v, entry.value)) {
      text = replaceArrayElement(text, entry.path, first.i, entry.value, what);
      added.push(entry);
    }
    if (ours.length > 1) {
      // Later copies of ours go; the first (now current) one stays.
      let seen = false;
      text = removeFromArray(text, entry.path, (v) => {
        if (!spec.isOurs(v)) return false;
        if (!seen && isDeepStrictEqual(v, entry.value)) {
          seen = true;
          return false;
        }
        return true;
      }, what);
    }
  }
  const changed = text !== (existing ?? '');
  return { text: changed ? text : existing ?? text, changed, added };
}

/** Takes the Blast Radius entries of `agent` out of a config file's text. */
export function unprotectConfig(agent: AgentId, existing: string | undefined): UnprotectResult {
  if (existing === undefined) return { text: undefined, changed: false, removed: 0 };
  const spec = SPECS[agent];
  if (spec.format === 'script') {
    return existing.includes(CLINE_MARKER)
      ? { text: undefined, changed: true, removed: 1 }
      : { text: existing, changed: false, removed: 0 };
  }
  const what = spec.file('workspace', '', currentEnvironment()).replace(/^[\\/]/, '');
  let text = existing;
  let removed = 0;
  for (const p of spec.paths) {
    removed += arrayAt(text, p, what).filter((v) => spec.isOurs(v)).length;
    text = removeFromArray(text, p, (v) => spec.isOurs(v), what);
  }
  if (removed === 0) return { text: existing, changed: false, removed };
  if (isTrivialDocument(text, Object.keys(spec.scaffold))) return { text: undefined, changed: true, removed };
  return { text, changed: true, removed };
}

/** Whether a config file has our entries, and whether they are exactly what `protectConfig` would write now. */
export function protectionStatus(agent: AgentId, existing: string | undefined, program: HookProgram, env: Environment = currentEnvironment()): ProtectionStatus {
  if (existing === undefined) return 'absent';
  const spec = SPECS[agent];
  if (spec.format === 'script') {
    if (!existing.includes(CLINE_MARKER)) return 'absent';
    return existing === spec.script(program, env) ? 'current' : 'outdated';
  }
  let anyOurs = false;
  try {
    for (const p of spec.paths) anyOurs ||= arrayAt(existing, p).some((v) => spec.isOurs(v));
    if (!anyOurs) return 'absent';
    return protectConfig(agent, existing, program, env).changed ? 'outdated' : 'current';
  } catch {
    return 'absent'; // unreadable: not ours to judge
  }
}
