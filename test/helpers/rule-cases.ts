/**
 * Turns a rule's case table into engine calls. Every case runs through the whole engine (parsing, unwrapping,
 * every rule), so a `pass` case proves the look-alike stays quiet, not just that one rule ignores it.
 */
import * as path from 'node:path';
import type { Action } from '../../src/engine/types';
import type { Rule, RuleCase } from '../../src/engine/rule';
import type { WorkspaceReader } from '../../src/engine/context/workspace';
import { memoryReader } from '../../src/engine/context/workspace';

export const TEST_HOME = '/home/dev';
export const TEST_WORKSPACE = '/home/dev/project';

export function normaliseCase(c: RuleCase | string): RuleCase {
  return typeof c === 'string' ? { input: c } : c;
}

export function caseAction(rule: Rule, c: RuleCase): Action {
  const cwd = c.cwd ?? TEST_WORKSPACE;
  if (typeof c.input !== 'string') return { cwd, ...c.input, ...(c.env ? { env: { ...c.input.env, ...c.env } } : {}) };
  if (rule.kind === 'sql') return { kind: 'sql', sql: c.input, cwd, env: c.env };
  if (rule.kind === 'command') return { kind: 'shell', command: c.input, cwd, env: c.env };
  throw new Error(`${rule.meta.id}: a ${rule.kind} rule needs Action objects as cases, got a string`);
}

export function caseLabel(c: RuleCase): string {
  const text = typeof c.input === 'string' ? c.input : JSON.stringify(c.input);
  return text.length > 100 ? text.slice(0, 97) + '...' : text;
}

/** The workspace files a case declares, in memory (paths relative to the case's folder); undefined reads the disk. */
export function caseReader(c: RuleCase): WorkspaceReader | undefined {
  if (!c.files) return undefined;
  const cwd = c.cwd ?? TEST_WORKSPACE;
  return memoryReader(Object.fromEntries(Object.entries(c.files).map(([f, text]) => [path.posix.resolve(cwd, f), text])));
}
