/**
 * The trust steps of "Protect this workspace": what an agent needs besides the hook file before it will run
 * the hook, as proved by running the real CLIs (test/agents, docs/agents.md):
 *
 * - Gemini CLI loads a project's `.gemini/settings.json` hooks only in a trusted folder
 *   (`~/.gemini/trustedFolders.json`). User-level hooks load without.
 * - Copilot CLI loads a project's `.github/hooks/*.json` only in a trusted folder (`trustedFolders` in
 *   `$COPILOT_HOME/config.json`). User-level hooks load without.
 * - Codex loads `.codex/hooks.json` only in a trusted project (`[projects."<dir>"] trust_level = "trusted"` in
 *   `$CODEX_HOME/config.toml`), and runs any hook (project or user level) only once its hash is trusted
 *   (`[hooks.state."<key>"] trusted_hash`); the key and hash come from `codex app-server` `hooks/list`, and the
 *   hash changes whenever the entry does, so this step runs again after every change of our entry.
 * - Claude Code needs nothing in `-p` runs; an interactive session holds hooks back until the person accepts
 *   the folder's trust dialog, which they do to use Claude there at all (checkProtection says so).
 *
 * These are trust decisions about the person's own agents: the Protect command lists them in its preview
 * and takes them only with the rest of the plan. Trust steps are not undone by Remove protection: trusting a
 * folder is the person's decision about the folder, not about Blast Radius. Editor-free.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { currentEnvironment, type AgentId, type Environment, type Scope } from './agents';
import { arrayAt, appendToArray, parseRoot } from './jsonc';
import { readText, type PlanProblem } from './plan';
import {
  codexHome, geminiTrustFile, isCodexProjectTrusted, isGeminiTrusted, listCodexHooks, ourCodexHooks, trustCodexHooks, trustCodexProject,
  trustGeminiFolder, type CodexHook,
} from './trust';

export type TrustKind = 'gemini-folder' | 'copilot-folder' | 'codex-project' | 'codex-hooks';

export interface TrustStep {
  agent: AgentId;
  kind: TrustKind;
  /** The file the step edits. */
  file: string;
  /** One line for the preview: what it does, and why. */
  title: string;
}

// ---------- Copilot CLI ----------

export function copilotConfigFile(e: Environment): string {
  return path.join(e.env.COPILOT_HOME || path.join(e.home, '.copilot'), 'config.json');
}

function samePath(a: string, b: string): boolean {
  return path.resolve(a) === path.resolve(b);
}

/** True when `folder` or a folder above it is in Copilot CLI's `trustedFolders`. */
export function isCopilotTrusted(text: string | undefined, folder: string): boolean {
  if (!text) return false;
  let list: unknown[];
  try {
    list = arrayAt(text, ['trustedFolders']);
  } catch {
    return false;
  }
  const f = path.resolve(folder);
  return list.some((t) => typeof t === 'string' && (samePath(t, f) || f.startsWith(path.resolve(t) + path.sep)));
}

/** config.json with `folder` in `trustedFolders`; unchanged when it is trusted already. */
export function trustCopilotFolder(text: string | undefined, folder: string): string {
  const base = text && text.trim() ? text : '{}\n';
  if (isCopilotTrusted(base, folder)) return base;
  parseRoot(base, 'config.json');
  return appendToArray(base, ['trustedFolders'], path.resolve(folder), 'config.json');
}

// ---------- plan and apply ----------

/** The trust steps `agents` still need for hooks in `root` (scope workspace) or the person's files (scope user). */
export function planTrust(agents: readonly AgentId[], root: string, scope: Scope = 'workspace', e: Environment = currentEnvironment()): TrustStep[] {
  const steps: TrustStep[] = [];
  const dir = path.resolve(root);
  const read = (f: string): string | undefined => {
    try {
      return readText(f);
    } catch {
      return undefined;
    }
  };
  for (const agent of agents) {
    if (agent === 'gemini' && scope === 'workspace') {
      const file = geminiTrustFile(e.home);
      if (!isGeminiTrusted(read(file), dir)) steps.push({ agent, kind: 'gemini-folder', file, title: `Trust ${dir} in Gemini CLI (it ignores a project's hooks in untrusted folders)` });
    }
    if (agent === 'copilot' && scope === 'workspace') {
      const file = copilotConfigFile(e);
      if (!isCopilotTrusted(read(file), dir)) steps.push({ agent, kind: 'copilot-folder', file, title: `Trust ${dir} in Copilot CLI (it ignores a project's .github/hooks in untrusted folders)` });
    }
    if (agent === 'codex') {
      const file = path.join(codexHome(e.env, e.home), 'config.toml');
      if (scope === 'workspace' && !isCodexProjectTrusted(read(file), dir)) {
        steps.push({ agent, kind: 'codex-project', file, title: `Trust the project ${dir} in Codex (it ignores .codex/hooks.json in untrusted projects)` });
      }
      // Whether the hash is trusted already only `codex app-server` can say: applying checks and writes only what is missing.
      steps.push({ agent, kind: 'codex-hooks', file, title: 'Trust the Blast Radius hook\'s current hash in Codex (it skips hooks whose hash was not reviewed)' });
    }
  }
  return steps;
}

export interface TrustOptions {
  /** The `codex` executable for the hooks/list call; found on PATH when missing. */
  codex?: string;
  /** For `codex app-server`: the environment the person's Codex runs with (CODEX_HOME, HOME). */
  codexEnv?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.blast-radius-${process.pid}.tmp`;
  let mode = 0o644;
  try {
    mode = fs.statSync(file).mode & 0o7777;
  } catch {
    // new file
  }
  fs.writeFileSync(tmp, text, { mode });
  fs.renameSync(tmp, file);
}

/** Our hooks among those Codex lists for `root`, with their current hashes, whether trusted or not. */
export async function codexHooksFor(root: string, e: Environment, options: TrustOptions = {}): Promise<CodexHook[]> {
  const codex = options.codex ?? findExecutable('codex', e);
  if (!codex) throw new Error('`codex` was not found on PATH; its hook cannot be trusted without it (set the path, or trust the hook in Codex with /hooks)');
  const env = options.codexEnv ?? { ...e.env, HOME: e.home };
  const hooks = await listCodexHooks(codex, path.resolve(root), env, options.timeoutMs);
  return ourCodexHooks(hooks, (f) => {
    try {
      return fs.readFileSync(f, 'utf8');
    } catch {
      return undefined;
    }
  });
}

function findExecutable(name: string, e: Environment): string | undefined {
  const dirs = (e.env.PATH ?? '').split(e.platform === 'win32' ? ';' : ':').filter(Boolean);
  const exts = e.platform === 'win32' ? ['.cmd', '.exe', ''] : [''];
  for (const d of dirs) {
    for (const ext of exts) {
      const p = path.join(d, name + ext);
      try {
        if (fs.statSync(p).isFile()) return p;
      } catch {
        // next
      }
    }
  }
  return undefined;
}

/**
 * Takes the steps in order (Codex: the project first, then the hashes, which hooks/list reports only for a
 * trusted project). Each step re-reads its file just before editing it. Returns the files written.
 */
export async function applyTrust(steps: readonly TrustStep[], root: string, e: Environment = currentEnvironment(), options: TrustOptions = {}): Promise<{ written: string[]; errors: PlanProblem[] }> {
  const written: string[] = [];
  const errors: PlanProblem[] = [];
  const dir = path.resolve(root);
  const order: TrustKind[] = ['gemini-folder', 'copilot-folder', 'codex-project', 'codex-hooks'];
  for (const step of [...steps].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind))) {
    try {
      const before = readText(step.file);
      let after: string;
      switch (step.kind) {
        case 'gemini-folder':
          after = trustGeminiFolder(before, dir);
          break;
        case 'copilot-folder':
          after = trustCopilotFolder(before, dir);
          break;
        case 'codex-project':
          after = trustCodexProject(before, dir);
          break;
        case 'codex-hooks': {
          const hooks = (await codexHooksFor(dir, e, options)).filter((h) => h.trustStatus !== 'trusted');
          after = trustCodexHooks(before, hooks);
          break;
        }
      }
      if (after !== (before ?? '')) {
        write(step.file, after);
        written.push(step.file);
      }
    } catch (err) {
      errors.push({ agent: step.agent, file: step.file, message: (err as Error).message });
    }
  }
  return { written, errors };
}
