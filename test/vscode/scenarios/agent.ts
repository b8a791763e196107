/**
 * A stand-in for an agent in UI scenarios: it calls the installed extension's hook exactly as Claude Code
 * does (`node <cliPath> hook claude`, a PreToolUse payload on stdin, cwd = the workspace) and, like an agent,
 * carries out the call only when the hook allows it. It never runs a shell: the one action it can carry out
 * is deleting a folder it was given, and only one inside the scenario's throwaway workspace.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Harness } from '../harness';

export interface HookCall {
  code: number | null;
  stdout: string;
  stderr: string;
  /** permissionDecision from the JSON answer; `allow` for an empty answer with exit 0 (no objection). */
  decision: string;
  reason: string;
  ms: number;
}

/** A tool call other than Bash: `{ tool: 'Edit', input: { file_path, old_string, new_string } }`. */
export interface ToolUse {
  tool: string;
  input: Record<string, unknown>;
}

export function claudePayload(cwd: string, call: string | ToolUse): string {
  const { tool, input } = typeof call === 'string' ? { tool: 'Bash', input: { command: call, description: 'clean up' } } : call;
  return JSON.stringify({
    session_id: 'e2e-session', transcript_path: '/dev/null', cwd, permission_mode: 'bypassPermissions',
    hook_event_name: 'PreToolUse', tool_name: tool, tool_input: input, tool_use_id: `toolu_e2e_${Date.now()}`,
  });
}

/** Runs the hook once for a Bash command or another tool call; `args` go after `hook claude` (e.g. --wait-seconds). */
export function callHook(h: Harness, command: string | ToolUse, args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<HookCall> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn('node', [h.cliPath, 'hook', 'claude', ...args], { cwd: h.workspace, env: { ...h.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('error', reject);
    child.on('close', (code) => {
      let decision = code === 0 && stdout.trim() === '' ? 'allow' : 'unknown';
      let reason = '';
      try {
        const out = JSON.parse(stdout) as { hookSpecificOutput?: { permissionDecision?: string; permissionDecisionReason?: string } };
        decision = out.hookSpecificOutput?.permissionDecision ?? decision;
        reason = out.hookSpecificOutput?.permissionDecisionReason ?? '';
      } catch {
        // not JSON: decision from the exit code above
      }
      resolve({ code, stdout, stderr, decision, reason, ms: Date.now() - started });
    });
    child.stdin.end(claudePayload(h.workspace, command));
  });
}

/** What the agent does after the hook answered: only an allowed call runs, and only on a folder inside the workspace. */
export function carryOut(h: Harness, call: HookCall, folder: string): boolean {
  if (call.decision !== 'allow') return false;
  const target = path.resolve(h.workspace, folder);
  const rel = path.relative(h.workspace, target);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel) || !h.workspace.includes('blast-radius-ws-')) {
    throw new Error(`refusing to delete ${target}: not inside the scenario's throwaway workspace`);
  }
  fs.rmSync(target, { recursive: true, force: true });
  return true;
}

/** The window's entry in the per-user registry once the extension's channel is up for this workspace. */
export async function waitForChannel(h: Harness): Promise<{ socket: string; pid: number }> {
  const dir = path.join(h.env.HOME ?? '', '.blast-radius', 'windows');
  return h.waitFor(() => {
    let names: string[] = [];
    try {
      names = fs.readdirSync(dir).filter((n) => n.endsWith('.json'));
    } catch {
      return undefined;
    }
    for (const n of names) {
      try {
        const e = JSON.parse(fs.readFileSync(path.join(dir, n), 'utf8')) as { socket: string; pid: number; workspaceFolders: string[] };
        if (e.workspaceFolders.includes(h.workspace)) return e;
      } catch {
        // being written
      }
    }
    return undefined;
  }, 30_000, `the window's channel for ${h.workspace} in ${dir}`);
}
