/**
 * The local channel between `blast-radius hook` (client) and the editor window (server). One request per
 * connection, each a single line of JSON; the client sends, the server answers once and closes. Every
 * message carries the window's random token. Editor-free: no `vscode` here.
 */
import type { Action, Verdict } from '../engine/types';

/** What the hook asks the editor about: one tool call, already judged by the engine. */
export interface ChannelRequest {
  id: string;
  agent: string;
  /** The action behind the verdict (the strictest one when a call did several things). */
  action: Action;
  verdict: Verdict;
  /** One line: `Bash: rm -rf build`. */
  payloadSummary: string;
  cwd?: string;
  /**
   * How long the hook waits for this answer, in ms from sending it. The editor answers (Deny on no answer)
   * before that, so the person's prompt never outlives the hook.
   */
  waitMs?: number;
}

/** The person's answer. `ask` hands the question to the agent's own prompt, where it has one. */
export interface ChannelResponse {
  decision: 'allow' | 'deny' | 'ask';
  reason: string;
  /** `user`, `session-rule`, `timeout`… free text for the activity log. */
  answeredBy: string;
}

/** On the wire, client → server. `notify` records an allowed call in the activity log; no answer is sent. */
export interface WireRequest {
  type: 'ask' | 'notify';
  token: string;
  request: ChannelRequest;
}

/**
 * On the wire, server → client (for `ask` only): first an `ack` as soon as the request is accepted, then the
 * answer. A window that does not acknowledge within seconds (a frozen editor) counts as absent.
 */
export type WireResponse = { ack: true } | { ok: true; response: ChannelResponse } | { ok: false; error: string };

/** Largest message either side accepts: a request carries file contents for file actions. */
export const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

/** One live editor window, as written to the per-user registry. */
export interface WindowEntry {
  socket: string;
  token: string;
  pid: number;
  workspaceFolders: string[];
  startedAt: string;
}

/** Environment variables the extension injects into integrated terminals. */
export const ENV_SOCKET = 'BLAST_RADIUS_SOCKET';
export const ENV_TOKEN = 'BLAST_RADIUS_TOKEN';
export const ENV_WAIT_SECONDS = 'BLAST_RADIUS_WAIT_SECONDS';

/** Splits a byte stream into newline-terminated messages. */
export class LineReader {
  private chunks: Buffer[] = [];
  private size = 0;

  /** The lines this chunk completes; throws when a line grows past the limit. */
  push(chunk: Buffer): string[] {
    const lines: string[] = [];
    let start = 0;
    for (let nl = chunk.indexOf(0x0a); nl >= 0; nl = chunk.indexOf(0x0a, start)) {
      this.chunks.push(chunk.subarray(start, nl));
      lines.push(Buffer.concat(this.chunks).toString('utf8'));
      this.chunks = [];
      this.size = 0;
      start = nl + 1;
    }
    if (start < chunk.length) {
      this.chunks.push(chunk.subarray(start));
      this.size += chunk.length - start;
      if (this.size > MAX_MESSAGE_BYTES) throw new Error('message too large');
    }
    return lines;
  }
}
