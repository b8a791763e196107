/**
 * `blast-radius check`: one command line (exit 0 allow, 2 ask, 3 block, 1 error) or JSON Lines in `--batch`.
 */
import * as readline from 'node:readline';
import * as path from 'node:path';
import type { Action, Decision, ShellDialect, Verdict } from '../engine/types';
import { evaluate } from '../engine/evaluate';
import type { EvaluateOptions } from '../engine/evaluate';
import { configOptionsFor } from './config';
import type { Io } from './io';

export const EXIT: Record<Decision, number> = { allow: 0, ask: 2, block: 3 };

export interface CheckFlags {
  cwd: string;
  json: boolean;
  batch: boolean;
  shell?: ShellDialect;
  trustRules: boolean;
  command?: string;
}

/** Options for evaluate() for an action in `cwd`: the workspace root and the rule files that apply there. */
export type OptionsFor = (cwd: string) => EvaluateOptions;

let quietRuleFiles: OptionsFor | undefined;
/** Rule files without approvals-bypass and without messages (hooks); `main` passes its own for `check`. */
export const defaultOptionsFor: OptionsFor = (cwd) => (quietRuleFiles ??= configOptionsFor({ env: process.env }))(cwd);

function formatHuman(verdict: Verdict, command: string): string {
  if (verdict.decision === 'allow' && verdict.findings.length === 0) return `allow: ${command}`;
  const lines = [`${verdict.decision}: ${command}`];
  for (const f of verdict.findings) {
    lines.push(`  [${f.decision}] ${f.ruleId}: ${f.message}`);
    if (f.excerpt && f.excerpt !== command) lines.push(`      in: ${f.excerpt}`);
    if (f.signals?.length) lines.push(`      signals: ${f.signals.join('; ')}`);
    if (f.safer) lines.push(`      safer: ${f.safer}`);
  }
  return lines.join('\n');
}

export function verdictJson(verdict: Verdict): { decision: Decision; rules: string[]; reason: string; findings: Verdict['findings'] } {
  return { decision: verdict.decision, rules: [...new Set(verdict.findings.map((f) => f.ruleId))], reason: verdict.reason, findings: verdict.findings };
}

export async function runCheck(flags: CheckFlags, io: Io, optionsFor: OptionsFor = defaultOptionsFor): Promise<number> {
  if (flags.batch) return runBatch(flags, io, optionsFor);
  if (flags.command === undefined || flags.command.trim() === '') {
    io.stderr.write('blast-radius check: no command given. Usage: blast-radius check [--cwd DIR] [--json] -- <command>\n');
    return 1;
  }
  const cwd = path.resolve(flags.cwd);
  const verdict = evaluate({ kind: 'shell', command: flags.command, cwd, shell: flags.shell }, optionsFor(cwd));
  io.stdout.write((flags.json ? JSON.stringify(verdictJson(verdict)) : formatHuman(verdict, flags.command)) + '\n');
  return EXIT[verdict.decision];
}

const SHELLS = new Set(['bash', 'powershell', 'cmd']);

/** Parses one batch line into an action, or throws with a message that says what is wrong. */
export function batchAction(line: string, defaultCwd: string): Action {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    throw new Error(`not valid JSON (${(err as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('expected a JSON object');
  const o = value as Record<string, unknown>;
  const cwd = o.cwd === undefined ? defaultCwd : o.cwd;
  if (typeof cwd !== 'string') throw new Error('"cwd" must be a string');
  if (typeof o.command === 'string') {
    if (o.env !== undefined && (typeof o.env !== 'object' || o.env === null || Object.values(o.env).some((v) => typeof v !== 'string'))) {
      throw new Error('"env" must be an object of strings');
    }
    if (o.shell !== undefined && !SHELLS.has(o.shell as string)) throw new Error('"shell" must be "bash", "powershell" or "cmd"');
    return { kind: 'shell', command: o.command, cwd: path.resolve(defaultCwd, cwd), env: o.env as Record<string, string> | undefined, shell: o.shell as ShellDialect | undefined };
  }
  if (typeof o.sql === 'string') {
    if (o.dialect !== undefined && typeof o.dialect !== 'string') throw new Error('"dialect" must be a string');
    return { kind: 'sql', sql: o.sql, dialect: o.dialect as string | undefined, cwd: path.resolve(defaultCwd, cwd) };
  }
  throw new Error('expected a "command" or "sql" string');
}

async function runBatch(flags: CheckFlags, io: Io, optionsFor: OptionsFor): Promise<number> {
  const rl = readline.createInterface({ input: io.stdin, crlfDelay: Infinity });
  const defaultCwd = path.resolve(flags.cwd);
  let lineNo = 0;
  for await (const line of rl) {
    lineNo++;
    let out: object;
    try {
      const action = batchAction(line, defaultCwd);
      const { decision, rules, reason } = verdictJson(evaluate(action, optionsFor(action.cwd ?? defaultCwd)));
      out = { decision, rules, reason };
    } catch (err) {
      out = { error: `line ${lineNo}: ${(err as Error).message}` };
    }
    if (!io.stdout.write(JSON.stringify(out) + '\n')) await new Promise((r) => io.stdout.once('drain', r));
  }
  return 0;
}
