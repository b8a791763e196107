/**
 * `blast-radius hook <agent>`: read the agent's payload, judge it with the engine, and answer in that
 * agent's format. Allowed calls are answered at once (the editor only hears about them, best effort).
 * Paused calls go to the editor window over the local channel; with no editor, the hook decides alone and
 * never lets a paused call through, and keeps the call in the outbox for the next window's activity log.
 * Every failure becomes a deny: a crashing hook would fail open.
 *
 * Debug log: when the environment has BLAST_RADIUS_HOOK_LOG=<file>, each call appends one JSON line to that
 * file: `{time, agent, cli, options, payload (the raw stdin text), exitCode, stdout, stderr, ms}`. The agents pass
 * their environment on to hooks, so this records what a real agent sent and what it was told
 * (test/agents uses it; docs/agents.md). Failing to write it never changes the answer.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import { hookEntry, type HookResult } from '../activity/entries';
import { appendToOutbox } from '../activity/outbox';
import { getAdapter, adapters } from '../adapters';
import type { Adapter, Answer, HookOutput, ToolCall } from '../adapters/types';
import { PayloadError } from '../adapters/types';
import { askEditor, notifyEditor } from '../channel/client';
import { ENV_WAIT_SECONDS, type ChannelRequest, type ChannelResponse } from '../channel/protocol';
import { evaluate, summarise } from '../engine/evaluate';
import { defaultOptionsFor } from './check';
import { homeOf } from './rules';
import { decisionRank, type Action, type Verdict } from '../engine/types';

export interface HookIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

/** Payloads carry whole file contents for writes; beyond this the call is denied as unreadable. */
const MAX_PAYLOAD_BYTES = 8 * 1024 * 1024;
/** Agents write the payload at once; a stdin that stays open this long is a broken call. */
const STDIN_DEADLINE_MS = 5_000;
/** Upper bound for telling the editor about an allowed call. */
const NOTIFY_MS = 50;

export interface HookOptions {
  /**
   * How long to wait for a person in the editor, from the hook's command line (`--wait-seconds`): the
   * configs the Protect command writes raise the agent's hook timeout and say so here. The environment
   * variable BLAST_RADIUS_WAIT_SECONDS still wins.
   */
  waitSeconds?: number;
}

/** Environment variable naming a file that gets one JSON line per hook call (see the header). */
export const ENV_HOOK_LOG = 'BLAST_RADIUS_HOOK_LOG';

export async function runHook(agent: string, io: HookIo, options: HookOptions = {}): Promise<number> {
  const started = Date.now();
  const input: { raw?: string } = {};
  const adapter = getAdapter(agent);
  if (!adapter) {
    const stderr = `Blast Radius: unknown agent "${agent}" (expected ${Object.keys(adapters).join(', ')}); denied.\n`;
    await write(io.stderr, stderr);
    debugLog(io.env, { agent, options, input, out: { exitCode: 2, stdout: '', stderr }, started });
    return 2;
  }
  let out: HookOutput;
  let after: Promise<void> | undefined;
  try {
    ({ out, after } = await decide(adapter, io, options, input));
  } catch (e) {
    out = renderSafely(adapter, { decision: 'deny', reason: `Blast Radius could not check this call (${message(e)}), so it was denied.` });
  }
  await write(io.stdout, out.stdout);
  await write(io.stderr, out.stderr);
  debugLog(io.env, { agent, options, input, out, started });
  await after;
  return out.exitCode;
}

function debugLog(env: NodeJS.ProcessEnv, r: { agent: string; options: HookOptions; input: { raw?: string }; out: HookOutput; started: number }): void {
  const file = env[ENV_HOOK_LOG];
  if (!file) return;
  try {
    const line = {
      time: new Date(r.started).toISOString(),
      agent: r.agent,
      cli: process.argv[1],
      options: r.options,
      payload: r.input.raw ?? null,
      exitCode: r.out.exitCode,
      stdout: r.out.stdout,
      stderr: r.out.stderr,
      ms: Date.now() - r.started,
    };
    fs.appendFileSync(file, `${JSON.stringify(line)}\n`);
  } catch {
    // a debug aid only
  }
}

async function decide(adapter: Adapter, io: HookIo, options: HookOptions, input: { raw?: string }): Promise<{ out: HookOutput; after?: Promise<void> }> {
  let call: ToolCall;
  try {
    input.raw = await readInput(io.stdin);
    call = adapter.parse(JSON.parse(input.raw));
  } catch (e) {
    const what = e instanceof PayloadError || e instanceof SyntaxError ? message(e) : `input error: ${message(e)}`;
    const reason = `Blast Radius could not read this ${adapter.agent} hook call (${what}), so it was denied.`;
    return { out: renderSafely(adapter, { decision: 'deny', reason }) };
  }
  // Reads and other harmless tools: no analysis, no editor.
  if (call.actions.length === 0) return { out: adapter.render({ decision: 'allow', reason: '' }, call) };

  const { action, verdict } = judge(call, adapter.agent, io.env);
  const request: ChannelRequest = {
    id: crypto.randomUUID(),
    agent: adapter.agent,
    action,
    verdict,
    payloadSummary: call.summary,
    cwd: call.cwd,
  };
  const client = { env: io.env, cwd: call.cwd };
  const asked = Date.now();
  if (verdict.decision === 'allow') {
    const after = notifyEditor(request, client, NOTIFY_MS).then((heard) => {
      if (!heard) keepForTheLog(io.env, request, { outcome: 'allowed' }, asked);
    });
    return { out: adapter.render({ decision: 'allow', reason: '' }, call), after };
  }
  const waitMs = waitSeconds(adapter, io.env, options) * 1000;
  const response = await askEditor({ ...request, waitMs }, waitMs, client);
  let answer = response ? fromEditor(response, verdict, call) : alone(verdict, call, adapter);
  if (answer.decision === 'ask' && !adapter.canAsk) answer = { decision: 'deny', reason: `${answer.reason} ${NO_ASK}` };
  if (!response) {
    const outcome = verdict.decision === 'block' ? 'blocked' : answer.decision === 'ask' ? 'handed-to-agent' : 'denied';
    keepForTheLog(io.env, request, { outcome, answeredBy: 'no editor', reason: answer.reason, answeredAt: Date.now() }, asked);
  }
  return { out: adapter.render(answer, call) };
}

/** A call no editor window heard about goes to the outbox, for the next window's activity log (activity/outbox.ts). */
function keepForTheLog(env: NodeJS.ProcessEnv, request: ChannelRequest, result: HookResult, t: number): void {
  appendToOutbox(homeOf(env), { ...hookEntry(request, undefined, { result }), t });
}

/** Every action of the call through the engine; the verdict is the strictest, with all findings. */
function judge(call: ToolCall, agent: string, env: NodeJS.ProcessEnv): { action: Action; verdict: Verdict } {
  let worst: { action: Action; verdict: Verdict } | undefined;
  const findings = [];
  const cwd = call.cwd ?? process.cwd();
  const options = { ...defaultOptionsFor(cwd), env, ...(call.workspaceRoot ? { workspaceRoot: call.workspaceRoot } : {}) };
  for (const a of call.actions) {
    const action = { ...a, agent };
    const verdict = evaluate(action, options);
    findings.push(...verdict.findings);
    if (!worst || decisionRank(verdict.decision) > decisionRank(worst.verdict.decision)) worst = { action, verdict };
  }
  return { action: worst!.action, verdict: { ...summarise(findings), findings } };
}

const NO_ASK = 'This agent has no confirmation prompt Blast Radius can open, so it was denied.';

/** What was stopped, why (rule ids) and the safer way, in words an agent can act on. */
export function explain(verdict: Verdict, call: ToolCall): string {
  const paused = verdict.findings.filter((f) => f.decision !== 'allow');
  const trim = (s: string): string => s.trim().replace(/\.+$/, '');
  const why = trim(verdict.reason) || 'it could not be checked';
  const safer = [...new Set(paused.map((f) => f.safer).filter((s): s is string => !!s).map(trim))];
  return `Blast Radius stopped ${call.summary} because: ${why}.${safer.length > 0 ? ` Safer: ${safer.join('; ')}.` : ''}`;
}

function fromEditor(response: ChannelResponse, verdict: Verdict, call: ToolCall): Answer {
  switch (response.decision) {
    case 'allow':
      return { decision: 'allow', explicit: true, reason: response.reason || `Allowed in the editor (${response.answeredBy}).` };
    case 'ask':
      return { decision: 'ask', reason: `${explain(verdict, call)} ${response.reason}`.trim() };
    default:
      return { decision: 'deny', reason: `${explain(verdict, call)} ${response.reason || 'Denied in the editor.'} Do not retry it as it is.` };
  }
}

/** No editor answered: block is a deny; ask goes to the agent's own prompt, or is a deny where there is none. */
function alone(verdict: Verdict, call: ToolCall, adapter: Adapter): Answer {
  const text = explain(verdict, call);
  if (verdict.decision === 'block') {
    return { decision: 'deny', reason: `${text} This is blocked by policy. If it is really intended, ask the user to run it themselves.` };
  }
  if (adapter.canAsk) return { decision: 'ask', reason: `${text} Approve only if this is intended.` };
  return {
    decision: 'deny',
    reason: `${text} It needs a person's confirmation and no Blast Radius editor window answered, so it was denied. Ask the user to run it, or to approve it with the project open in the editor.`,
  };
}

function waitSeconds(adapter: Adapter, env: NodeJS.ProcessEnv, options: HookOptions): number {
  const fromEnv = Number(env[ENV_WAIT_SECONDS]);
  if (Number.isFinite(fromEnv) && fromEnv > 0) return fromEnv;
  const fromArgs = options.waitSeconds;
  return fromArgs !== undefined && Number.isFinite(fromArgs) && fromArgs > 0 ? fromArgs : adapter.waitSeconds;
}

function renderSafely(adapter: Adapter, answer: Answer): HookOutput {
  try {
    return adapter.render(answer);
  } catch {
    return { exitCode: 2, stdout: '', stderr: `${answer.reason}\n` };
  }
}

function readInput(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (error: Error | undefined): void => {
      clearTimeout(timer);
      stream.removeListener('data', onData);
      stream.removeListener('end', onEnd);
      stream.removeListener('error', finish);
      if (!error) {
        resolve(Buffer.concat(chunks).toString('utf8'));
        return;
      }
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      reject(error);
    };
    const onData = (chunk: Buffer | string): void => {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buf.length;
      if (size > MAX_PAYLOAD_BYTES) finish(new Error(`payload larger than ${MAX_PAYLOAD_BYTES / 1024 / 1024} MB`));
      else chunks.push(buf);
    };
    const onEnd = (): void => finish(undefined);
    const timer = setTimeout(() => finish(new Error(`no complete payload on stdin within ${STDIN_DEADLINE_MS / 1000} s`)), STDIN_DEADLINE_MS);
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', finish);
  });
}

function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (!text) return Promise.resolve();
  return new Promise((resolve) => {
    try {
      stream.write(text, () => resolve());
    } catch {
      resolve();
    }
  });
}

function message(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ').trim();
}
