/**
 * `npm run demo`: Blast Radius in a real VS Code in your browser, on a demo project where an agent's
 * replayed actions pause before they do damage.
 *
 *   npm run demo [-- --port 8080]        (or BLAST_RADIUS_DEMO_PORT=…; a taken port falls back to a free one)
 *
 * 1. installs code-server 4.100.3 if missing (scripts/vscode-test/install.sh; apt-installs what it lacks),
 * 2. builds and packages blast-radius.vsix and installs it into a throwaway profile
 *    (.test-output/demo/<timestamp>/: user-data, extensions, home, server.log),
 * 3. copies demo/workspace to a throwaway folder in the temp dir,
 * 4. starts code-server on 127.0.0.1 only, `auth: none`, and prints the URL; it keeps running until
 *    Ctrl-C, which stops code-server's whole process group and removes the workspace copy.
 *
 * The workspace's Claude hook is rewritten as Protect This Workspace would write it for the installed extension.
 * Terminals in that VS Code get `blast-radius` on PATH (a shim to the installed extension's dist/cli.js)
 * and HOME=<run>/home, so nothing the demo does (agent configs, Blast Radius's window registry) lands in
 * your real home folder. The replay (`node .demo/agent-replay.js` in the workspace) never runs a command.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { protectConfig } from '../src/protect/config';
import { findOnPath } from '../src/protect/plan';
import { CODE_SERVER, ROOT, freePort, installVsix, packageVsix, portIsFree, startCodeServer, type CodeServer } from './vscode-test/server';

const DEFAULT_PORT = 8080;
const KEEP_RUNS = 3;

const t0 = Date.now();
const say = (msg: string): void => console.log(`[demo ${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`);

function requestedPort(): number {
  const args = process.argv.slice(2);
  const i = args.findIndex((a) => a === '--port' || a.startsWith('--port='));
  const raw = i < 0 ? process.env.BLAST_RADIUS_DEMO_PORT : args[i]!.includes('=') ? args[i]!.split('=')[1] : args[i + 1];
  if (raw === undefined || raw === '') return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`not a port: ${raw}`);
  return port;
}

const runDir = path.join(ROOT, '.test-output/demo', new Date().toISOString().replace(/[:.]/g, '-'));
const dirs = {
  userData: path.join(runDir, 'user-data'),
  extensions: path.join(runDir, 'extensions'),
  home: path.join(runDir, 'home'),
  bin: path.join(runDir, 'bin'),
};
let workspace: string | undefined;
let server: CodeServer | undefined;
let stopping = false;

function pruneOldRuns(): void {
  const parent = path.dirname(runDir);
  if (!fs.existsSync(parent)) return;
  const runs = fs.readdirSync(parent).sort();
  for (const old of runs.slice(0, Math.max(0, runs.length - (KEEP_RUNS - 1)))) {
    fs.rmSync(path.join(parent, old), { recursive: true, force: true });
  }
}

function removeWorkspace(): void {
  // Only ever the folder this process created under the temp dir.
  if (workspace && path.basename(workspace).startsWith('blast-radius-demo-') && path.dirname(workspace) === fs.realpathSync(os.tmpdir())) {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
  workspace = undefined;
}

async function stop(code: number): Promise<never> {
  stopping = true;
  await server?.stop();
  server = undefined;
  removeWorkspace();
  process.exit(code);
}

async function main(): Promise<void> {
  let port = requestedPort();

  say('installing code-server if missing (scripts/vscode-test/install.sh)');
  const install = spawnSync('bash', [path.join(ROOT, 'scripts/vscode-test/install.sh')], { cwd: ROOT, stdio: 'inherit' });
  if (install.status !== 0) throw new Error('scripts/vscode-test/install.sh failed (see above)');
  if (!fs.existsSync(CODE_SERVER)) throw new Error(`${CODE_SERVER} missing after install.sh`);

  say('building and packaging blast-radius.vsix');
  packageVsix();
  pruneOldRuns();
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  const extension = installVsix(dirs.userData, dirs.extensions);
  const cli = path.join(extension, 'dist/cli.js');
  say(`installed ${path.basename(extension)} from the fresh .vsix`);

  workspace = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), 'blast-radius-demo-'));
  fs.cpSync(path.join(ROOT, 'demo/workspace'), workspace, { recursive: true });
  // `blast-radius` on the terminals' PATH, for trying the CLI by hand.
  fs.writeFileSync(path.join(dirs.bin, 'blast-radius'), `#!/bin/sh\nexec "${process.execPath}" "${cli}" "$@"\n`, { mode: 0o755 });

  if (!(await portIsFree(port))) {
    const taken = port;
    port = await freePort();
    say(`port ${taken} is taken: using ${port} instead`);
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SHELL: '/bin/bash',
    HOME: dirs.home,
    PATH: `${dirs.bin}${path.delimiter}${process.env.PATH ?? ''}`,
    BLAST_RADIUS_CLI: cli,
  };
  // The workspace's Claude hook (`blast-radius hook claude`) becomes exactly what Protect This Workspace writes
  // for this extension (absolute node and CLI paths), so the editor sees the workspace as protected.
  const hookFile = path.join(workspace, '.claude/settings.local.json');
  const node = findOnPath('node', env, process.platform) ?? process.execPath;
  fs.writeFileSync(hookFile, protectConfig('claude', fs.readFileSync(hookFile, 'utf8'), { node, cli },
    { home: dirs.home, env, platform: process.platform }).text);
  server = await startCodeServer({ port, runDir, userDataDir: dirs.userData, extensionsDir: dirs.extensions,
    settingsFile: path.join(ROOT, 'demo/settings.json'), env, folder: workspace });
  server.child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`code-server stopped by itself (${code ?? signal}); its log: ${server?.log}`);
    void stop(1);
  });

  const url = `${server.baseUrl}/?folder=${encodeURIComponent(workspace)}`;
  console.log(`
  Blast Radius demo is running (VS Code 1.100.3 via code-server, bound to 127.0.0.1 only, no password)

    Open:       ${url}
    Then:       Terminal > New Terminal, and run   node .demo/agent-replay.js
                (or Terminal > Run Task… > "Blast Radius demo: replay an agent")
    Workspace:  ${workspace}   (a throwaway copy of demo/workspace)
    Logs:       ${runDir}

  Press Ctrl-C to stop (code-server and everything it started are stopped; the workspace copy is removed).
`);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    console.log(`\n${signal}: stopping the demo…`);
    void stop(0).catch(() => process.exit(1));
  });
}
// Last resort if something exits early: never leave code-server behind.
process.on('exit', () => server?.kill());

main().catch((e: unknown) => {
  console.error(`demo: ${(e as Error).message}`);
  void stop(1);
});
