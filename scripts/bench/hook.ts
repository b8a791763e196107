/**
 * Hook round trip: `blast-radius hook claude` spawned the way an agent spawns it, with a Claude PreToolUse payload,
 * next to a bare `node -e 0` measured in the same run.
 *  - allowed command, no editor (an empty HOME: no window registered);
 *  - allowed command, an editor window listening (a real ChannelServer in this process; the hook notifies it);
 *  - paused command (`ask`), the editor answering Deny at once.
 * Figures are printed, never asserted.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ChannelServer } from '../../src/channel/server';
import { fmtMs, stats } from '../bench';

const root = path.join(__dirname, '../..');
const cli = path.join(root, 'dist/cli.js');
const RUNS = 20;

function payload(workspace: string, command: string): string {
  return JSON.stringify({
    session_id: 'bench', transcript_path: path.join(workspace, 't.jsonl'), cwd: workspace, permission_mode: 'default',
    hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command, description: 'bench' }, tool_use_id: 'toolu_bench',
  });
}

function timeRun(args: string[], input: string | undefined, env: NodeJS.ProcessEnv, cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { env, cwd, stdio: ['pipe', 'ignore', 'ignore'] });
    child.on('error', reject);
    child.on('exit', () => resolve(Number(process.hrtime.bigint() - t)));
    child.stdin.end(input ?? '');
  });
}

async function series(args: string[], input: string | undefined, env: NodeJS.ProcessEnv, cwd: string): Promise<ReturnType<typeof stats>> {
  await timeRun(args, input, env, cwd); // warm the file cache
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) samples.push(await timeRun(args, input, env, cwd));
  return stats(samples);
}

export async function run(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'br-bench-hook-'));
  const workspace = path.join(tmp, 'project');
  const emptyHome = path.join(tmp, 'home-empty');
  const editorHome = path.join(tmp, 'home-editor');
  for (const d of [workspace, emptyHome, editorHome]) fs.mkdirSync(d, { recursive: true });
  const env = (home: string): NodeJS.ProcessEnv => ({ PATH: process.env.PATH, HOME: home });
  const allowed = payload(workspace, 'git status && npm test');
  const paused = payload(workspace, 'rm -rf /data/exports/old-reports');

  let notified = 0;
  const server = new ChannelServer({
    workspaceFolders: [workspace],
    home: editorHome,
    runtimeDir: tmp,
    onNotify: () => void notified++,
    onRequest: async () => ({ decision: 'deny', reason: 'bench: denied at once', answeredBy: 'user' }),
  });
  await server.start();
  try {
    const bare = await series(['-e', '0'], undefined, env(emptyHome), workspace);
    const alone = await series([cli, 'hook', 'claude'], allowed, env(emptyHome), workspace);
    const withEditor = await series([cli, 'hook', 'claude'], allowed, env(editorHome), workspace);
    const asked = await series([cli, 'hook', 'claude'], paused, env(editorHome), workspace);
    console.log(`Hook round trip, Claude PreToolUse payload (${RUNS} runs each, median / p99)`);
    console.log(`  node -e 0                                    ${fmtMs(bare.median)} / ${fmtMs(bare.p99)}`);
    console.log(`  allowed command, no editor                   ${fmtMs(alone.median)} / ${fmtMs(alone.p99)}   (+${fmtMs(alone.median - bare.median)} over node)`);
    console.log(`  allowed command, editor listening            ${fmtMs(withEditor.median)} / ${fmtMs(withEditor.p99)}   (${notified} notifications received)`);
    console.log(`  paused command, editor answers Deny at once  ${fmtMs(asked.median)} / ${fmtMs(asked.p99)}`);
  } finally {
    server.dispose();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
