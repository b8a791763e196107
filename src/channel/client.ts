/**
 * The hook side of the local channel: find the editor window for an action, ask it, and wait no longer
 * than a deadline that ends before the agent's own hook timeout (an agent that times a hook out lets the
 * tool run). Editor-free: no `vscode` here.
 */
import * as net from 'node:net';
import * as os from 'node:os';
import {
  ENV_SOCKET,
  ENV_TOKEN,
  LineReader,
  type ChannelRequest,
  type ChannelResponse,
  type WireRequest,
  type WireResponse,
} from './protocol';
import { liveWindows, windowsFor } from './registry';

export interface ClientOptions {
  env: NodeJS.ProcessEnv;
  /** Folder the action runs in; picks the window. */
  cwd?: string;
  /** Home folder holding the registry; default from env HOME / USERPROFILE. */
  home?: string;
}

interface Target {
  socket: string;
  token: string;
}

/** A window must accept the connection and acknowledge the request within this; otherwise it counts as absent. */
const ACK_MS = 2_000;

/** Where to ask, best first: the window that launched this terminal, then windows owning cwd. */
export function findTargets(options: ClientOptions): Target[] {
  const targets: Target[] = [];
  const socket = options.env[ENV_SOCKET];
  const token = options.env[ENV_TOKEN];
  if (socket && token) targets.push({ socket, token });
  const home = options.home ?? options.env.HOME ?? options.env.USERPROFILE ?? os.homedir();
  for (const w of windowsFor(options.cwd, liveWindows(home))) {
    if (!targets.some((t) => t.socket === w.socket)) targets.push({ socket: w.socket, token: w.token });
  }
  return targets;
}

type Attempt = { kind: 'answer'; response: ChannelResponse } | { kind: 'timeout' } | { kind: 'unreachable' };

function attempt(target: Target, request: ChannelRequest, deadline: number): Promise<Attempt> {
  return new Promise((resolve) => {
    let done = false;
    const socket = net.connect(target.socket);
    const finish = (result: Attempt): void => {
      if (done) return;
      done = true;
      clearTimeout(ackTimer);
      clearTimeout(deadlineTimer);
      socket.destroy();
      resolve(result);
    };
    const untilDeadline = Math.max(0, deadline - Date.now());
    const ackTimer = setTimeout(() => finish({ kind: 'unreachable' }), Math.min(ACK_MS, untilDeadline));
    const deadlineTimer = setTimeout(() => finish({ kind: 'timeout' }), untilDeadline);
    const reader = new LineReader();
    socket.on('connect', () => {
      const wire: WireRequest = { type: 'ask', token: target.token, request };
      socket.write(`${JSON.stringify(wire)}\n`);
    });
    socket.on('data', (chunk: Buffer) => {
      try {
        for (const line of reader.push(chunk)) {
          const msg = JSON.parse(line) as WireResponse;
          if ('ack' in msg) {
            clearTimeout(ackTimer);
            continue;
          }
          const r = msg.ok ? msg.response : undefined;
          if (r && (r.decision === 'allow' || r.decision === 'deny' || r.decision === 'ask')) {
            finish({ kind: 'answer', response: { decision: r.decision, reason: String(r.reason ?? ''), answeredBy: String(r.answeredBy ?? 'editor') } });
          } else finish({ kind: 'unreachable' });
        }
      } catch {
        finish({ kind: 'unreachable' });
      }
    });
    socket.on('error', () => finish({ kind: 'unreachable' }));
    socket.on('close', () => finish({ kind: 'unreachable' }));
  });
}

/**
 * Asks the editor. Returns the answer; a deny when the wait ran out; undefined when no window could be
 * reached (none registered, refused, wrong token, broken): the caller then decides alone.
 */
export async function askEditor(request: ChannelRequest, waitMs: number, options: ClientOptions): Promise<ChannelResponse | undefined> {
  const deadline = Date.now() + waitMs;
  for (const target of findTargets(options)) {
    if (Date.now() >= deadline) break;
    const result = await attempt(target, request, deadline);
    if (result.kind === 'answer') return result.response;
    if (result.kind === 'timeout') {
      return {
        decision: 'deny',
        reason: `No answer in the editor within ${Math.round(waitMs / 1000)} s, so it was denied.`,
        answeredBy: 'timeout',
      };
    }
  }
  return undefined;
}

/**
 * Tells the editor about an allowed call, for its activity log. Fire-and-forget: resolves once the message
 * is handed over or after `timeoutMs`, whichever comes first, and never throws. Resolves true when a window
 * took the connection (the message is then its to log), false when none was there to take it.
 */
export function notifyEditor(request: ChannelRequest, options: ClientOptions, timeoutMs = 50): Promise<boolean> {
  return new Promise((resolve) => {
    let target: Target | undefined;
    try {
      target = findTargets(options)[0];
    } catch {
      target = undefined;
    }
    if (!target) {
      resolve(false);
      return;
    }
    let connected = false;
    const socket = net.connect(target.socket);
    const timer = setTimeout(() => socket.destroy(), timeoutMs);
    socket.on('connect', () => {
      connected = true;
      const wire: WireRequest = { type: 'notify', token: target.token, request };
      socket.end(`${JSON.stringify(wire)}\n`);
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(connected);
    });
  });
}
