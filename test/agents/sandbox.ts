/**
 * Throwaway workspaces and homes for real agent runs. Real agents really run the commands the fake model
 * asks for, so every path here is built from a fresh `mkdtemp` folder under the system temp folder, checked
 * to lie inside it, and never inside the repository.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '../..');

export interface Sandbox {
  /** The mkdtemp folder; everything below lives in it. */
  root: string;
  /** The agent's cwd: a git repository with one commit. */
  ws: string;
  /** HOME for the agent (and for the hook it runs). */
  home: string;
  /** The folder the fake model asks the agent to destroy: the workspace's `.git` (rules block it). */
  victim: string;
  /** One JSON line per hook call (BLAST_RADIUS_HOOK_LOG). */
  hookLog: string;
}

/** Throws unless `p` is strictly inside `root` (after resolving `..`) and outside the repository. */
export function assertInside(root: string, p: string): string {
  const r = path.resolve(root);
  const q = path.resolve(p);
  const tmp = fs.realpathSync(os.tmpdir());
  if (!r.startsWith(tmp + path.sep)) throw new Error(`refusing: sandbox root ${r} is not under ${tmp}`);
  if (!q.startsWith(r + path.sep)) throw new Error(`refusing: ${q} is not inside the sandbox ${r}`);
  if (q === REPO || q.startsWith(REPO + path.sep) || REPO.startsWith(q + path.sep)) throw new Error(`refusing: ${q} touches the repository`);
  return q;
}

function git(ws: string, ...args: string[]): void {
  const r = spawnSync('git', args, {
    cwd: ws,
    encoding: 'utf8',
    env: { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: ws, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid' },
  });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
}

export function makeSandbox(label: string): Sandbox {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `br-agents-${label}-`)));
  const ws = assertInside(root, path.join(root, 'ws'));
  const home = assertInside(root, path.join(root, 'home'));
  fs.mkdirSync(ws);
  fs.mkdirSync(home);
  fs.mkdirSync(path.join(ws, 'src'));
  fs.writeFileSync(path.join(ws, 'README.md'), '# demo\n');
  fs.writeFileSync(path.join(ws, 'src', 'app.js'), 'console.log("hi");\n');
  git(ws, 'init', '-q', '-b', 'main');
  git(ws, 'add', '.');
  git(ws, 'commit', '-q', '-m', 'init');
  const victim = assertInside(root, path.join(ws, '.git'));
  return { root, ws, home, victim, hookLog: assertInside(root, path.join(root, 'hook-log.jsonl')) };
}

export function removeSandbox(s: Sandbox): void {
  assertInside(s.root, s.ws); // the root is a temp folder of ours
  fs.rmSync(s.root, { recursive: true, force: true });
}

export interface HookCall {
  time: string;
  agent: string;
  /** The CLI file that ran (process.argv[1]). */
  cli: string;
  payload: string | null;
  exitCode: number;
  stdout: string;
  stderr: string;
  ms: number;
}

export function hookCalls(s: Sandbox): HookCall[] {
  let text = '';
  try {
    text = fs.readFileSync(s.hookLog, 'utf8');
  } catch {
    return [];
  }
  return text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as HookCall);
}
