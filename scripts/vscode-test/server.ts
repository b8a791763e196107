/**
 * The real VS Code both the tests (test/vscode/run.ts) and the demo (scripts/demo.ts) start: code-server
 * 4.100.3 (VS Code 1.100.3) from .vscode-test/cs (scripts/vscode-test/install.sh), bound to 127.0.0.1 only,
 * `auth: none`, with throwaway user-data and extensions folders, Blast Radius installed from the .vsix.
 *
 * code-server is started detached (setsid), so it and everything it spawns (ptyHost, fileWatcher,
 * extension hosts, terminal shells) share one process group: stop() signals the group, SIGTERM then SIGKILL.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const CODE_SERVER = process.env.CODE_SERVER ?? path.join(ROOT, '.vscode-test/cs/node_modules/.bin/code-server');
export const EXTENSION_ID = 'blast-radius.blast-radius';
export const VSIX = path.join(ROOT, 'blast-radius.vsix');

export function sh(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}${r.stderr}`);
}

/** A port the OS reports free on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** Whether something can listen on 127.0.0.1:port right now. */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** `npm run package`: production bundles + blast-radius.vsix at the repository root. */
export function packageVsix(): void {
  sh('npm', ['run', 'package', '--silent']);
}

/** Installs the .vsix into the given folders and returns the installed extension's folder. */
export function installVsix(userDataDir: string, extensionsDir: string, vsix = VSIX): string {
  sh(CODE_SERVER, ['--config', '/dev/null', '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix]);
  const dir = fs.readdirSync(extensionsDir).find((d) => d.startsWith(EXTENSION_ID + '-'));
  if (!dir) throw new Error(`${EXTENSION_ID} not found in ${extensionsDir} after --install-extension`);
  return path.join(extensionsDir, dir);
}

export interface ServerOptions {
  port: number;
  /** holds config.yaml and server.log */
  runDir: string;
  userDataDir: string;
  extensionsDir: string;
  /** copied to <user-data>/User/settings.json before the start */
  settingsFile: string;
  /** environment of code-server; the extension host and its terminals inherit it */
  env: NodeJS.ProcessEnv;
  /** folder opened when the URL names none */
  folder?: string;
}

export interface CodeServer {
  pid: number;
  child: ChildProcess;
  baseUrl: string;
  log: string;
  /** SIGTERM to the process group, SIGKILL after 8 s */
  stop(): Promise<void>;
  /** SIGKILL to the process group at once (for process 'exit' handlers, which cannot wait) */
  kill(): void;
}

/** /healthz answers {"status":"expired"} until a client connects: any 200 means up. */
async function waitUntilUp(child: ChildProcess, baseUrl: string, log: string, timeout = 30_000): Promise<void> {
  const end = Date.now() + timeout;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`code-server exited (${child.exitCode ?? child.signalCode}); see ${log}`);
    if (await fetch(`${baseUrl}/healthz`).then((r) => r.ok, () => false)) return;
    if (Date.now() > end) throw new Error(`code-server did not answer ${baseUrl}/healthz within ${timeout / 1000} s; see ${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function startCodeServer(o: ServerOptions): Promise<CodeServer> {
  fs.mkdirSync(path.join(o.userDataDir, 'User'), { recursive: true });
  fs.copyFileSync(o.settingsFile, path.join(o.userDataDir, 'User/settings.json'));
  const config = path.join(o.runDir, 'config.yaml');
  fs.writeFileSync(config, 'auth: none\n');
  const log = path.join(o.runDir, 'server.log');
  const out = fs.openSync(log, 'a');
  // detached => setsid(): code-server, its ptyHost/fileWatcher/extension hosts share one process group.
  const child = spawn(CODE_SERVER, ['--config', config, '--bind-addr', `127.0.0.1:${o.port}`, '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--user-data-dir', o.userDataDir, '--extensions-dir', o.extensionsDir, ...(o.folder ? [o.folder] : [])],
  { env: o.env, detached: true, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  const pid = child.pid!;
  const baseUrl = `http://127.0.0.1:${o.port}`;
  const alive = (): boolean => { try { process.kill(-pid, 0); return true; } catch { return false; } };
  let stopping: Promise<void> | undefined;
  const server: CodeServer = {
    pid,
    child,
    baseUrl,
    log,
    stop() {
      stopping ??= (async () => {
        try { process.kill(-pid, 'SIGTERM'); } catch { return; }
        const end = Date.now() + 8000;
        while (alive() && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
        if (alive()) try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ }
      })();
      return stopping;
    },
    kill() { try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ } },
  };
  try {
    await waitUntilUp(child, baseUrl, log);
  } catch (e) {
    await server.stop();
    throw e;
  }
  return server;
}
