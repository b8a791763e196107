/**
 * The file-system side of Protect / Remove protection: which agents a workspace and the person use, the
 * list of file changes for a set of agents (computed with config.ts, nothing written), and applying such
 * a list. The VS Code commands show the list before applying it. Editor-free.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AGENT_IDS, SPECS, currentEnvironment, type AgentId, type Environment, type Scope } from './agents';
import type { HookProgram } from './command';
import { protectConfig, protectionStatus, unprotectConfig, type ProtectionStatus } from './config';

export interface Detection {
  agent: AgentId;
  /** Why we think it is used: `.claude/ in the workspace`, `~/.gemini`. Empty: not detected. */
  reasons: string[];
  /** The workspace has one of the agent's config folders (the first-run suggestion keys on these). */
  inWorkspace: boolean;
}

function exists(p: string): boolean {
  try {
    fs.statSync(p);
    return true;
  } catch {
    return false;
  }
}

export function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

function tilde(p: string, home: string): string {
  return p === home || p.startsWith(home + path.sep) ? `~${p.slice(home.length)}` : p;
}

/** Which agents the workspace (config folders) and the person (their home folders) use. */
export function detectAgents(root: string, e: Environment = currentEnvironment()): Detection[] {
  return AGENT_IDS.map((agent) => {
    const spec = SPECS[agent];
    const reasons: string[] = [];
    for (const m of spec.markers) if (exists(path.join(root, m))) reasons.push(`${m}/ in the workspace`);
    const inWorkspace = reasons.length > 0;
    for (const m of spec.userMarkers(e)) if (exists(m)) reasons.push(tilde(m, e.home));
    return { agent, reasons, inWorkspace };
  });
}

export interface FileChange {
  agent: AgentId;
  scope: Scope;
  file: string;
  /** Text now; undefined when the file does not exist. */
  before: string | undefined;
  /** Text to write; undefined: delete the file. */
  after: string | undefined;
  /** The entries added (protect) — for the preview. */
  added: { path: readonly string[]; value: unknown }[];
  /** Entries taken out (remove). */
  removed: number;
  /** Write it executable (Cline's hook script). */
  executable: boolean;
}

export interface PlanProblem {
  agent: AgentId;
  file: string;
  message: string;
}

/** The changes that protect `agents` in `root` (scope workspace) or for the person (scope user). */
export function planProtect(agents: readonly AgentId[], root: string, program: HookProgram, scope: Scope = 'workspace', e: Environment = currentEnvironment()): { changes: FileChange[]; problems: PlanProblem[] } {
  const changes: FileChange[] = [];
  const problems: PlanProblem[] = [];
  for (const agent of agents) {
    const spec = SPECS[agent];
    const file = spec.file(scope, root, e);
    try {
      const before = readText(file);
      const r = protectConfig(agent, before, program, e);
      if (r.changed) changes.push({ agent, scope, file, before, after: r.text, added: r.added, removed: 0, executable: spec.format === 'script' });
    } catch (err) {
      problems.push({ agent, file, message: (err as Error).message });
    }
  }
  return { changes, problems };
}

/** The changes that take every Blast Radius entry out of `root` (scope workspace) or the person's files. */
export function planRemove(root: string, scope: Scope = 'workspace', agents: readonly AgentId[] = AGENT_IDS, e: Environment = currentEnvironment()): { changes: FileChange[]; problems: PlanProblem[] } {
  const changes: FileChange[] = [];
  const problems: PlanProblem[] = [];
  for (const agent of agents) {
    const spec = SPECS[agent];
    const file = spec.file(scope, root, e);
    try {
      const before = readText(file);
      const r = unprotectConfig(agent, before);
      if (r.changed) changes.push({ agent, scope, file, before, after: r.text, added: [], removed: r.removed, executable: false });
    } catch (err) {
      problems.push({ agent, file, message: (err as Error).message });
    }
  }
  return { changes, problems };
}

/** Per agent: whether `root` (or the person's files) has our hooks, and whether they are up to date. */
export function statusOf(root: string, program: HookProgram, scope: Scope = 'workspace', e: Environment = currentEnvironment()): Record<AgentId, ProtectionStatus> {
  const out = {} as Record<AgentId, ProtectionStatus>;
  for (const agent of AGENT_IDS) {
    let text: string | undefined;
    try {
      text = readText(SPECS[agent].file(scope, root, e));
    } catch {
      text = undefined;
    }
    out[agent] = protectionStatus(agent, text, program, e);
  }
  return out;
}

export interface ApplyResult {
  written: string[];
  deleted: string[];
  /** Folders created for new files (Remove protection deletes them again when they are empty). */
  createdDirs: string[];
}

/**
 * Writes a plan. Each file is checked again just before writing: one that changed since the plan was made
 * is skipped with an error (someone edited it meanwhile), so nothing they wrote is lost.
 */
export function applyChanges(changes: readonly FileChange[]): ApplyResult & { errors: PlanProblem[] } {
  const result: ApplyResult & { errors: PlanProblem[] } = { written: [], deleted: [], createdDirs: [], errors: [] };
  for (const c of changes) {
    try {
      if (readText(c.file) !== c.before) throw new Error('the file changed since the preview; run the command again');
      if (c.after === undefined) {
        fs.rmSync(c.file, { force: true });
        result.deleted.push(c.file);
        continue;
      }
      const created = mkdirs(path.dirname(c.file));
      result.createdDirs.push(...created);
      const tmp = `${c.file}.blast-radius-${process.pid}.tmp`;
      let mode = c.executable ? 0o755 : 0o644;
      try {
        mode = fs.statSync(c.file).mode & 0o7777; // keep the file's own permissions
      } catch {
        // new file
      }
      fs.writeFileSync(tmp, c.after, { mode });
      fs.renameSync(tmp, c.file);
      result.written.push(c.file);
    } catch (err) {
      result.errors.push({ agent: c.agent, file: c.file, message: (err as Error).message });
    }
  }
  return result;
}

/** mkdir -p that reports the folders it made, outermost first. */
function mkdirs(dir: string): string[] {
  const missing: string[] = [];
  for (let d = dir; !exists(d); d = path.dirname(d)) {
    missing.unshift(d);
    if (path.dirname(d) === d) break;
  }
  fs.mkdirSync(dir, { recursive: true });
  return missing;
}

/** Deletes the folders (deepest first) that are empty now; others stay. */
export function removeEmptyDirs(dirs: readonly string[]): string[] {
  const removed: string[] = [];
  for (const d of [...dirs].sort((a, b) => b.length - a.length)) {
    try {
      if (fs.readdirSync(d).length === 0) {
        fs.rmdirSync(d);
        removed.push(d);
      }
    } catch {
      // gone or not empty
    }
  }
  return removed;
}

export interface NodeCheck {
  ok: boolean;
  /** Absolute path of node, when found. */
  node?: string;
  version?: string;
  message?: string;
}

/** Finds `node` on PATH (or uses `override`) and runs the CLI once (`help`) to prove the pair works. */
export function checkProgram(cli: string, override: string | undefined, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): NodeCheck & { program?: HookProgram } {
  if (!exists(cli)) return { ok: false, message: `The bundled CLI ${cli} is missing; reinstall the extension.` };
  const node = override?.trim() ? override.trim() : findOnPath('node', env, platform);
  if (!node) {
    return { ok: false, message: 'No `node` on PATH. Agent hooks run the Blast Radius CLI with Node.js 20 or newer: install Node.js, or set blastRadius.hookNodePath to its absolute path.' };
  }
  const version = spawnSync(node, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  const v = /^v(\d+)\./.exec(version.stdout ?? '');
  if (version.status !== 0 || !v) return { ok: false, node, message: `${node} --version failed: ${(version.stderr || version.error?.message || '').trim()}` };
  if (Number(v[1]) < 18) return { ok: false, node, version: version.stdout.trim(), message: `${node} is ${version.stdout.trim()}; the Blast Radius CLI needs Node.js 20 or newer.` };
  const run = spawnSync(node, [cli, 'help'], { encoding: 'utf8', timeout: 10_000 });
  if (run.status !== 0) return { ok: false, node, message: `${node} ${cli} help failed (${run.status}): ${(run.stderr || run.error?.message || '').trim()}` };
  return { ok: true, node, version: version.stdout.trim(), program: { node, cli } };
}

export function findOnPath(name: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | undefined {
  const dirs = (env.PATH ?? env.Path ?? '').split(platform === 'win32' ? ';' : ':').filter(Boolean);
  const exts = platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const d of dirs) {
    for (const ext of exts) {
      const p = path.join(d, name + ext.toLowerCase());
      try {
        const st = fs.statSync(p);
        // Not realpath'd: a versioned target (Homebrew Cellar, nvm) moves on upgrade, the PATH entry does not.
        if (st.isFile() && (platform === 'win32' || (st.mode & 0o111) !== 0)) return p;
      } catch {
        // next
      }
    }
  }
  return undefined;
}
