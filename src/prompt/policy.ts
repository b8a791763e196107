/**
 * The rules around the person's answers, apart from any UI: what counts as "the same action" for
 * "Allow for this session" and for letting a blocked action through, when a prompt times out, and the
 * name a person types to let a blocked action through. Editor-free, so it is unit-tested directly.
 */
import * as crypto from 'node:crypto';
import * as path from 'node:path';
import type { Action, Verdict } from '../engine/types';

/**
 * A fingerprint of (agent, action): equal only for the very same action from the same agent in the same
 * folder. Whitespace runs in commands and SQL are folded; everything else is compared exactly (a file
 * write with other content is another action).
 */
export function actionKey(agent: string, action: Action): string {
  const fold = (s: string): string => s.trim().replace(/\s+/g, ' ');
  let parts: unknown[];
  switch (action.kind) {
    case 'shell':
      parts = ['shell', action.shell ?? '', fold(action.command)];
      break;
    case 'sql':
      parts = ['sql', action.dialect ?? '', action.target ?? '', fold(action.sql)];
      break;
    case 'http':
      parts = ['http', action.method.toUpperCase(), action.url, action.body ?? ''];
      break;
    case 'mcp':
      parts = ['mcp', action.server ?? '', action.tool, stableJson(action.input)];
      break;
    case 'file':
      parts = ['file', action.op, action.path, action.newPath ?? '', action.oldText ?? '', action.newContent ?? ''];
      break;
    default:
      parts = ['unknown', stableJson(action)];
  }
  const env = action.env ? stableJson(action.env) : '';
  return crypto.createHash('sha256').update(JSON.stringify([agent, action.cwd ?? '', env, ...parts])).digest('hex');
}

/** JSON with object keys sorted, so equal inputs give equal text. */
export function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().filter((k) => o[k] !== undefined).map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** "Allow for this session": kept in memory for the window, never written anywhere. */
export class SessionAllows {
  private readonly keys = new Set<string>();

  add(key: string): void {
    this.keys.add(key);
  }

  has(key: string): boolean {
    return this.keys.has(key);
  }

  get size(): number {
    return this.keys.size;
  }

  clear(): void {
    this.keys.clear();
  }
}

/** How long a blocked action the person let through stays armed for the agent's retry. */
export const LET_THROUGH_MS = 10 * 60_000;

/**
 * Blocked actions a person deliberately let through by typing the target's name. The agent already got
 * its deny; the next identical call from the same agent within `ttlMs` is allowed, once.
 */
export class LetThrough {
  private readonly armed = new Map<string, number>();

  constructor(private readonly ttlMs = LET_THROUGH_MS, private readonly now: () => number = Date.now) {}

  arm(key: string): number {
    const until = this.now() + this.ttlMs;
    this.armed.set(key, until);
    return until;
  }

  /** True (and disarmed) when `key` was armed and has not expired. */
  consume(key: string): boolean {
    const until = this.armed.get(key);
    if (until === undefined) return false;
    this.armed.delete(key);
    return until >= this.now();
  }

  isArmed(key: string): boolean {
    const until = this.armed.get(key);
    return until !== undefined && until >= this.now();
  }
}

/** Default for `blastRadius.promptTimeoutSeconds`. */
export const DEFAULT_PROMPT_TIMEOUT_S = 120;

/**
 * When an unanswered prompt counts as Deny, as an absolute time: `promptTimeoutSeconds` after it is shown,
 * but never later than shortly before the hook stops waiting (`waitMs` after the request arrived), so the
 * editor's answer always reaches the agent. The margin is 3 s or a quarter of a short wait.
 */
export function promptDeadline(opts: { arrivedAt: number; shownAt: number; timeoutSeconds: number | undefined; waitMs: number | undefined }): number {
  const seconds = opts.timeoutSeconds !== undefined && Number.isFinite(opts.timeoutSeconds) && opts.timeoutSeconds > 0
    ? opts.timeoutSeconds
    : DEFAULT_PROMPT_TIMEOUT_S;
  let deadline = opts.shownAt + seconds * 1000;
  if (opts.waitMs !== undefined && Number.isFinite(opts.waitMs) && opts.waitMs > 0) {
    const margin = Math.min(3000, opts.waitMs / 4);
    deadline = Math.min(deadline, opts.arrivedAt + opts.waitMs - margin);
  }
  return deadline;
}

/**
 * The word a person types to let a blocked action through: the name of what it hits. For a path, its
 * last part (`/srv/app/data` → `data`); for a phrase like "the shared branch main", its last word; the
 * rule id when the verdict names no target.
 */
export function confirmationName(verdict: Verdict): string {
  const finding = verdict.findings.find((f) => f.decision === 'block' && f.target)
    ?? verdict.findings.find((f) => f.decision !== 'allow' && f.target);
  const target = finding?.target?.trim();
  if (!target) return verdict.findings.find((f) => f.decision !== 'allow')?.ruleId ?? 'allow';
  if (target === '/' || /^[A-Za-z]:[\\/]?$/.test(target)) return target;
  if (/^[a-z]+:\/\//i.test(target)) {
    try {
      return new URL(target).host || target;
    } catch {
      // fall through
    }
  }
  if (/[\\/]/.test(target) && !/\s/.test(target)) {
    const base = path.posix.basename(target.replace(/\\/g, '/').replace(/\/+$/, ''));
    if (base) return base;
  }
  const words = target.split(/\s+/).map((w) => w.replace(/^["'`(]+|["'`),.;:]+$/g, '')).filter(Boolean);
  return words[words.length - 1] ?? target;
}
