/**
 * One real agent run: a fake model scripted with one tool call, the agent CLI started under `timeout` with
 * only the environment it needs (nothing of ours leaks in), cwd the throwaway workspace, stdin closed.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import type { AgentDef, Mode } from './agents';
import { startFakeModel, type FakeModel, type ScriptedCall } from './fake-models';
import { assertInside, hookCalls, type HookCall, type Sandbox } from './sandbox';

export interface AgentRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  timedOut: boolean;
  hooks: HookCall[];
  /** Tool results the agent sent back to the model. */
  toolResults: string[];
  model: FakeModel;
}

/** Every absolute path-looking word of the scripted call must lie inside the sandbox. */
export function assertCallInside(s: Sandbox, call: ScriptedCall): void {
  const text = JSON.stringify(call.input);
  for (const m of text.matchAll(/(?<![\w.~-])\/[^\s"'<>|;&)]*/g)) assertInside(s.root, m[0]);
}

export async function startModel(def: AgentDef, s: Sandbox, call: ScriptedCall | undefined): Promise<FakeModel> {
  if (call) assertCallInside(s, call);
  return startFakeModel(def.protocol, call);
}

export async function runAgent(def: AgentDef, s: Sandbox, model: FakeModel, mode: Mode, opts: { timeoutS?: number; prompt?: string; extraArgs?: string[] } = {}): Promise<AgentRun> {
  assertInside(s.root, s.ws);
  if (!fs.existsSync(def.bin)) throw new Error(`${def.pkg} is not installed (${def.bin} missing): run npm ci`);
  const timeoutS = opts.timeoutS ?? 90;
  const env = def.env(s, model.url, mode);
  const started = Date.now();
  // `timeout` sends TERM after timeoutS and KILL 5 s later; env is exactly `env` (an `env -i`).
  const child = spawn('/usr/bin/timeout', ['-k', '5', String(timeoutS), def.bin, ...def.args(opts.prompt ?? 'clean up', mode, opts.extraArgs ?? [])], {
    cwd: s.ws,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => {
    child.on('error', (e) => { stderr += String(e); resolve([null, null]); });
    child.on('close', (code, sig) => resolve([code, sig]));
  });
  return {
    exitCode,
    signal,
    stdout,
    stderr,
    ms: Date.now() - started,
    timedOut: exitCode === 124 || exitCode === 137,
    hooks: hookCalls(s),
    toolResults: [...model.toolResults],
    model,
  };
}
