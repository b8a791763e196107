/**
 * The editor side of the local channel: a `net` server on a Unix socket in a private folder (a named pipe
 * on Windows), a random token that every request must carry, and the window's entry in the per-user
 * registry. The extension creates one per window; `onRequest` is where the prompt goes.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { LineReader, type ChannelRequest, type ChannelResponse, type WireRequest, type WireResponse } from './protocol';
import { removeWindowEntry, writeWindowEntry } from './registry';

export { registryDir } from './registry';

export interface ChannelServerOptions {
  /** Answer one paused call. `signal` fires when the hook gave up waiting (or went away). */
  onRequest(req: ChannelRequest, signal: AbortSignal): Promise<ChannelResponse>;
  /** An allowed call, for the activity log. Must not throw or block. */
  onNotify?(req: ChannelRequest): void;
  workspaceFolders: readonly string[];
  /** Home folder holding the registry (tests). */
  home?: string;
  /** Folder in which the private socket folder is made; default `$XDG_RUNTIME_DIR` or the temp folder. */
  runtimeDir?: string;
  /** Write the registry entry (default true). */
  register?: boolean;
}

/** A client has this long to send its request line. */
const REQUEST_READ_MS = 10_000;

export class ChannelServer {
  readonly token = crypto.randomBytes(32).toString('hex');
  private server: net.Server | undefined;
  private socketDir: string | undefined;
  private path_: string | undefined;
  private folders: string[];
  private readonly startedAt = new Date().toISOString();
  private readonly open = new Set<net.Socket>();

  constructor(private readonly options: ChannelServerOptions) {
    this.folders = [...options.workspaceFolders];
  }

  /** The socket path (or pipe name) once started. */
  get socketPath(): string {
    if (!this.path_) throw new Error('ChannelServer is not started');
    return this.path_;
  }

  async start(): Promise<void> {
    if (this.server) return;
    let where: string;
    if (process.platform === 'win32') {
      where = `\\\\.\\pipe\\blast-radius-${crypto.randomBytes(12).toString('hex')}`;
    } else {
      const base = this.options.runtimeDir ?? runtimeBase();
      this.socketDir = fs.mkdtempSync(path.join(base, 'blast-radius-')); // created 0700
      where = path.join(this.socketDir, 'channel.sock');
    }
    const server = net.createServer((socket) => this.handle(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(where, () => {
        server.off('error', reject);
        resolve();
      });
    });
    if (process.platform !== 'win32') fs.chmodSync(where, 0o600);
    this.server = server;
    this.path_ = where;
    this.writeEntry();
  }

  /** Call when the window's folders change, so hooks find the right window. */
  setWorkspaceFolders(folders: readonly string[]): void {
    this.folders = [...folders];
    if (this.server) this.writeEntry();
  }

  dispose(): void {
    if (this.options.register !== false) removeWindowEntry(process.pid, this.options.home);
    for (const s of this.open) s.destroy();
    this.server?.close();
    this.server = undefined;
    if (this.socketDir) fs.rmSync(this.socketDir, { recursive: true, force: true });
    this.socketDir = undefined;
  }

  private writeEntry(): void {
    if (this.options.register === false) return;
    writeWindowEntry(
      { socket: this.socketPath, token: this.token, pid: process.pid, workspaceFolders: this.folders, startedAt: this.startedAt },
      this.options.home,
    );
  }

  private handle(socket: net.Socket): void {
    this.open.add(socket);
    const reader = new LineReader();
    const aborter = new AbortController();
    let received = false;
    socket.setTimeout(REQUEST_READ_MS, () => socket.destroy());
    socket.on('close', () => {
      this.open.delete(socket);
      aborter.abort();
    });
    socket.on('error', () => socket.destroy());
    const reply = (msg: WireResponse): void => {
      if (!socket.destroyed) socket.end(`${JSON.stringify(msg)}\n`);
    };
    const ack: WireResponse = { ack: true };
    socket.on('data', (chunk: Buffer) => {
      if (received) return;
      let line: string | undefined;
      try {
        line = reader.push(chunk)[0];
      } catch {
        socket.destroy();
        return;
      }
      if (line === undefined) return;
      received = true;
      socket.setTimeout(0); // from here on the person takes as long as the hook waits

      let wire: WireRequest;
      try {
        wire = JSON.parse(line) as WireRequest;
      } catch {
        reply({ ok: false, error: 'bad request' });
        return;
      }
      if (!this.tokenMatches(wire?.token)) {
        reply({ ok: false, error: 'unauthorized' });
        return;
      }
      if (typeof wire.request !== 'object' || wire.request === null) {
        reply({ ok: false, error: 'bad request' });
        return;
      }
      if (wire.type === 'notify') {
        socket.end();
        try {
          this.options.onNotify?.(wire.request);
        } catch {
          // the log is best-effort
        }
        return;
      }
      socket.write(`${JSON.stringify(ack)}\n`);
      this.options.onRequest(wire.request, aborter.signal).then(
        (response) => reply({ ok: true, response }),
        (e: unknown) => reply({ ok: false, error: e instanceof Error ? e.message : String(e) }),
      );
    });
  }

  private tokenMatches(token: unknown): boolean {
    if (typeof token !== 'string') return false;
    const a = Buffer.from(token);
    const b = Buffer.from(this.token);
    return a.length === b.length && crypto.timingSafeEqual(a, b);
  }
}

function runtimeBase(): string {
  const xdg = process.env.XDG_RUNTIME_DIR;
  if (xdg) {
    try {
      fs.accessSync(xdg, fs.constants.W_OK);
      return xdg;
    } catch {
      // fall through
    }
  }
  return os.tmpdir();
}
