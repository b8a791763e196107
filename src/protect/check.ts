/**
 * "Check Protection": per agent, whether its Blast Radius hook will actually run in a workspace — configured
 * (our entry is in the workspace's or the person's file, as Protect writes it now), reachable (the node and
 * CLI the command names exist and run) and trusted (what the agent needs besides the file: steps.ts) — and,
 * for every gap, the fix. Each check here mirrors a failure the real agents showed (test/agents,
 * docs/agents.md): a hook the agent skips silently is the failure this command exists to catch.
 *
 * Editor-free: the extension shows the result (Blast Radius: Check Protection) and offers the remedies, which
 * are Protect again (planProtect) and the trust steps (applyTrust).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseShell } from 'shell-quote';
import { AGENT_IDS, SPECS, type AgentId, type Environment, type Scope } from './agents';
import { isOurCommand, type HookProgram } from './command';
import { protectionStatus, type ProtectionStatus } from './config';
import { arrayAt, nodeValue, parseRoot } from './jsonc';
import { checkProgram, findOnPath, readText } from './plan';
import { codexHooksFor, copilotConfigFile, isCopilotTrusted, planTrust, type TrustOptions, type TrustStep } from './steps';
import { codexHome, geminiTrustFile, isCodexProjectTrusted, isGeminiTrusted, type CodexHook } from './trust';

export type CheckState = 'ok' | 'gap' | 'unknown';

export interface CheckItem {
  state: CheckState;
  /** What was checked, as a sentence about this machine: "Gemini CLI trusts /w/app". */
  what: string;
  /** For a gap or unknown: what to do, in words. */
  fix?: string;
  /** What Blast Radius can do about it: run Protect again (for a scope), and/or take these trust steps. */
  remedy?: { protect?: Scope; trust?: TrustStep[] };
}

export interface Placement {
  scope: Scope;
  file: string;
  /** `current`: exactly what Protect writes now; `outdated`: ours but different; `present`: ours (no program to compare with). */
  status: Exclude<ProtectionStatus, 'absent'> | 'present';
  items: CheckItem[];
  /** undefined when something could not be checked. */
  willRun: boolean | undefined;
}

export interface AgentReport {
  agent: AgentId;
  label: string;
  /** Hook files that hold a Blast Radius entry. None: not protected. */
  placements: Placement[];
  /** Checks about the agent as a whole (hooks turned off, …). */
  items: CheckItem[];
  willRun: boolean | undefined;
  /** One line: "will run (workspace)", "will NOT run: …", "not protected". */
  summary: string;
}

export interface CheckOptions extends TrustOptions {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  agents?: readonly AgentId[];
  /** The hook program this extension would write now; tells current from outdated entries. */
  program?: HookProgram;
}

/** Agents whose loading rules were proved against the real CLI (test/agents). */
export const VERIFIED_AGENTS: readonly AgentId[] = ['claude', 'copilot', 'gemini', 'codex'];

const obj = (v: unknown): Record<string, unknown> | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

function readSafe(file: string): string | undefined {
  try {
    return readText(file);
  } catch {
    return undefined;
  }
}

function jsonValue(file: string): Record<string, unknown> | undefined {
  const text = readSafe(file);
  if (text === undefined) return undefined;
  try {
    return obj(nodeValue(parseRoot(text, path.basename(file))));
  } catch {
    return undefined;
  }
}

/** The command lines of our entries in a hook file. */
export function ourCommands(agent: AgentId, text: string): string[] {
  const spec = SPECS[agent];
  if (spec.format === 'script') {
    const line = text.split(/\r?\n/).find((l) => isOurCommand(l.replace(/^exec\s+/, '').replace(/^\$input \|\s*/, '')));
    return line ? [line.replace(/^exec\s+/, '').replace(/^\$input \|\s*/, '')] : [];
  }
  const out: string[] = [];
  for (const p of spec.paths) {
    let values: unknown[] = [];
    try {
      values = arrayAt(text, p);
    } catch {
      values = [];
    }
    for (const v of values) {
      const handlers = Array.isArray(obj(v)?.hooks) ? (obj(v)!.hooks as unknown[]) : [v];
      for (const h of handlers) {
        for (const key of ['command', 'bash']) {
          const c = obj(h)?.[key];
          if (isOurCommand(c) && !out.includes(c as string)) out.push(c as string);
        }
      }
    }
  }
  return out;
}

/** node and CLI of a command Protect wrote (`"<node>" "<cli>" hook <agent> …`), or the bare `blast-radius` form. */
export function programOf(command: string): { node?: string; cli?: string; bare?: string } {
  const words = parseShell(command.replace(/^&\s+/, '')).filter((w): w is string => typeof w === 'string');
  const i = words.indexOf('hook');
  if (i === 1) return { bare: words[0] };
  if (i >= 2) return { node: words[i - 2], cli: words[i - 1] };
  return {};
}

interface Ctx {
  ws: string;
  e: Environment;
  options: CheckOptions;
  programChecks: Map<string, CheckItem>;
  codexHooks?: Promise<CodexHook[] | Error>;
}

function reachability(command: string, scope: Scope, ctx: Ctx): CheckItem {
  const p = programOf(command);
  const key = JSON.stringify(p);
  const cached = ctx.programChecks.get(key);
  if (cached) return cached.state === 'ok' ? cached : { ...cached, remedy: { protect: scope } };
  let item: CheckItem;
  if (p.bare) {
    const found = path.isAbsolute(p.bare) ? (fs.existsSync(p.bare) ? p.bare : undefined) : findOnPath(p.bare, ctx.e.env, ctx.e.platform);
    item = found
      ? { state: 'ok', what: `The hook command \`${p.bare}\` is found (${found})` }
      : { state: 'gap', what: `The hook command \`${p.bare}\` is not on PATH`, fix: 'Run Protect again: it writes the absolute paths of node and the Blast Radius CLI.' };
  } else if (p.node && p.cli) {
    const r = checkProgram(p.cli, p.node, ctx.e.env, ctx.e.platform);
    item = r.ok
      ? { state: 'ok', what: `The hook runs: ${p.node} (${r.version}) with ${p.cli}` }
      : { state: 'gap', what: `The hook cannot run: ${r.message}`, fix: 'Run Protect again (after an update or a move of node or the extension, the old paths are gone).' };
  } else {
    item = { state: 'gap', what: `The hook command is not one Blast Radius wrote: ${command}`, fix: 'Run Protect again.' };
  }
  ctx.programChecks.set(key, item);
  return item.state === 'ok' ? item : { ...item, remedy: { protect: scope } };
}

function codexList(ctx: Ctx): Promise<CodexHook[] | Error> {
  ctx.codexHooks ??= codexHooksFor(ctx.ws, ctx.e, { ...ctx.options, codexEnv: ctx.options.codexEnv ?? { ...ctx.e.env, HOME: ctx.e.home } }).catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))));
  return ctx.codexHooks;
}

function trustStep(agent: AgentId, kind: TrustStep['kind'], scope: Scope, ctx: Ctx): TrustStep[] {
  return planTrust([agent], ctx.ws, scope, ctx.e).filter((s) => s.kind === kind);
}

/** What the agent needs besides the file, for an entry in `scope`. */
async function trustItems(agent: AgentId, scope: Scope, file: string, ctx: Ctx): Promise<CheckItem[]> {
  const items: CheckItem[] = [];
  const ws = path.resolve(ctx.ws);
  switch (agent) {
    case 'gemini':
      if (scope === 'workspace') {
        const trusted = isGeminiTrusted(readSafe(geminiTrustFile(ctx.e.home)), ws);
        items.push(trusted
          ? { state: 'ok', what: `Gemini CLI trusts ${ws} (so it loads the project's hooks)` }
          : { state: 'gap', what: `Gemini CLI does not trust ${ws}: it ignores .gemini/settings.json hooks there (and a headless run refuses to start, or with --skip-trust runs without them)`, fix: 'Trust the folder in Gemini CLI (Protect does it in ~/.gemini/trustedFolders.json), or protect at user level.', remedy: { trust: trustStep(agent, 'gemini-folder', scope, ctx) } });
      }
      break;
    case 'copilot':
      if (scope === 'workspace') {
        const trusted = isCopilotTrusted(readSafe(copilotConfigFile(ctx.e)), ws);
        items.push(trusted
          ? { state: 'ok', what: `Copilot CLI trusts ${ws} (so it loads .github/hooks)` }
          : { state: 'gap', what: `Copilot CLI does not trust ${ws}: it ignores .github/hooks there unless it runs with COPILOT_ALLOW_ALL=true`, fix: 'Trust the folder in Copilot CLI (Protect adds it to trustedFolders in ~/.copilot/config.json), or protect at user level.', remedy: { trust: trustStep(agent, 'copilot-folder', scope, ctx) } });
      }
      break;
    case 'codex': {
      const config = path.join(codexHome(ctx.e.env, ctx.e.home), 'config.toml');
      const projectTrusted = scope === 'user' || isCodexProjectTrusted(readSafe(config), ws);
      if (scope === 'workspace') {
        items.push(projectTrusted
          ? { state: 'ok', what: `Codex trusts the project ${ws} (so it loads .codex/hooks.json)` }
          : { state: 'gap', what: `Codex does not trust the project ${ws}: it ignores .codex/hooks.json there`, fix: `Trust the project in Codex (Protect adds [projects."${ws}"] trust_level = "trusted" to ${config}).`, remedy: { trust: trustStep(agent, 'codex-project', scope, ctx) } });
      }
      if (!projectTrusted) {
        items.push({ state: 'gap', what: 'Codex runs the hook only once its hash is trusted (checked after the project is trusted)', fix: 'Take the trust steps (Protect asks Codex for the hook\'s hash and trusts it).', remedy: { trust: trustStep(agent, 'codex-hooks', scope, ctx) } });
        break;
      }
      const listed = await codexList(ctx);
      if (listed instanceof Error) {
        items.push({ state: 'unknown', what: `Whether Codex trusts the hook's hash could not be checked: ${listed.message}`, fix: 'Open Codex in the folder and review the hook with /hooks, or make `codex` findable and check again.' });
        break;
      }
      const ours = listed.filter((h) => path.resolve(h.key.replace(/:pre_tool_use:\d+:\d+$/, '')) === path.resolve(file));
      if (ours.length === 0) {
        items.push({ state: 'gap', what: `Codex does not list the Blast Radius hook in ${file}`, fix: 'Run Protect again.', remedy: { protect: scope } });
      } else if (ours.some((h) => h.enabled === false)) {
        items.push({ state: 'gap', what: 'The Blast Radius hook is turned off in Codex', fix: 'Turn it on again in Codex with /hooks.' });
      } else if (ours.some((h) => h.trustStatus !== 'trusted')) {
        items.push({ state: 'gap', what: `Codex has not trusted the hook's current hash (${ours.map((h) => h.trustStatus ?? 'unknown').join(', ')}): it skips the hook silently`, fix: 'Take the trust step (Protect writes [hooks.state."…"] trusted_hash for our hook; after every change of the entry again).', remedy: { trust: trustStep(agent, 'codex-hooks', scope, ctx) } });
      } else {
        items.push({ state: 'ok', what: 'Codex trusts the Blast Radius hook\'s current hash' });
      }
      break;
    }
    default:
      break;
  }
  return items;
}

/** Settings that turn the agent's hooks off altogether, whatever the hook file says. */
function agentItems(agent: AgentId, ctx: Ctx): CheckItem[] {
  const ws = ctx.ws;
  const home = ctx.e.home;
  const items: CheckItem[] = [];
  const off = (file: string, setting: string, fix: string): void => {
    items.push({ state: 'gap', what: `${setting} in ${file} turns off every hook of ${SPECS[agent].label}`, fix });
  };
  switch (agent) {
    case 'claude':
      for (const f of [path.join(home, '.claude', 'settings.json'), path.join(ws, '.claude', 'settings.json'), path.join(ws, '.claude', 'settings.local.json')]) {
        if (jsonValue(f)?.disableAllHooks === true) off(f, '"disableAllHooks": true', 'Remove it (or set it to false).');
      }
      for (const f of ['/etc/claude-code/managed-settings.json', '/Library/Application Support/ClaudeCode/managed-settings.json']) {
        const v = jsonValue(f);
        if (v?.disableAllHooks === true) off(f, '"disableAllHooks": true', 'Ask whoever manages this machine\'s Claude Code policy.');
        if (v?.allowManagedHooksOnly === true) items.push({ state: 'gap', what: `"allowManagedHooksOnly": true in ${f}: Claude Code runs only managed hooks`, fix: 'Ask whoever manages this machine\'s Claude Code policy to add the Blast Radius hook to the managed settings.' });
      }
      break;
    case 'gemini':
      for (const f of [path.join(home, '.gemini', 'settings.json'), path.join(ws, '.gemini', 'settings.json')]) {
        const hc = obj(jsonValue(f)?.hooksConfig);
        if (hc?.enabled === false) off(f, '"hooksConfig.enabled": false', 'Remove it (or set it to true).');
        if (Array.isArray(hc?.disabled) && hc.disabled.includes('blast-radius')) items.push({ state: 'gap', what: `"hooksConfig.disabled" in ${f} lists blast-radius`, fix: 'Take "blast-radius" out of hooksConfig.disabled.' });
      }
      break;
    case 'copilot': {
      const files = [copilotConfigFile(ctx.e), path.join(ws, '.github', 'copilot', 'settings.json'), path.join(ws, '.github', 'copilot', 'settings.local.json')];
      try {
        for (const f of fs.readdirSync(path.join(ws, '.github', 'hooks'))) if (f.endsWith('.json')) files.push(path.join(ws, '.github', 'hooks', f));
      } catch {
        // no hooks folder
      }
      for (const f of files) if (jsonValue(f)?.disableAllHooks === true) off(f, '"disableAllHooks": true', 'Remove it (or set it to false).');
      break;
    }
    case 'codex': {
      const file = path.join(codexHome(ctx.e.env, home), 'config.toml');
      let table = '';
      for (const line of (readSafe(file) ?? '').split(/\r?\n/)) {
        const header = /^\s*\[([^\]]+)\]/.exec(line);
        if (header) table = header[1]!.trim();
        else if (table === 'features' && /^\s*(codex_)?hooks\s*=\s*false\b/.test(line)) off(file, `[features] ${line.trim()}`, 'Remove it (hooks are on by default since Codex 0.124).');
      }
      break;
    }
    default:
      break;
  }
  return items;
}

function combine(states: readonly CheckItem[]): boolean | undefined {
  if (states.some((i) => i.state === 'gap')) return false;
  if (states.some((i) => i.state === 'unknown')) return undefined;
  return true;
}

/**
 * Checks every agent (or `options.agents`) for `workspace`, with `home` as the person's home folder. Reads
 * files and runs `node <cli> help` for each distinct hook program, and `codex app-server` once for Codex.
 */
export async function checkProtection(workspace: string, home: string, options: CheckOptions = {}): Promise<AgentReport[]> {
  const e: Environment = { home, env: options.env ?? process.env, platform: options.platform ?? process.platform };
  const ctx: Ctx = { ws: path.resolve(workspace), e, options, programChecks: new Map() };
  const reports: AgentReport[] = [];
  for (const agent of options.agents ?? AGENT_IDS) {
    const spec = SPECS[agent];
    const placements: Placement[] = [];
    for (const scope of ['workspace', 'user'] as const) {
      const file = spec.file(scope, ctx.ws, e);
      const text = readSafe(file);
      if (text === undefined) continue;
      const commands = ourCommands(agent, text);
      if (commands.length === 0) continue;
      const status = options.program ? protectionStatus(agent, text, options.program, e) : 'present';
      const items: CheckItem[] = [];
      if (status === 'outdated') {
        items.push({ state: 'gap', what: `The Blast Radius entry in ${file} differs from what Protect writes now (another CLI path, or changed timeouts)`, fix: 'Run Protect again to update it.', remedy: { protect: scope } });
      } else {
        items.push({ state: 'ok', what: `Blast Radius hook entry in ${file}` });
      }
      for (const c of commands) items.push(reachability(c, scope, ctx));
      items.push(...(await trustItems(agent, scope, file, ctx)));
      if (!VERIFIED_AGENTS.includes(agent)) items.push({ state: 'unknown', what: `${spec.label}'s loading rules are not verified against the real agent yet` });
      placements.push({ scope, file, status: status as Placement['status'], items, willRun: combine(items) });
    }
    const items = agentItems(agent, ctx);
    let willRun: boolean | undefined;
    let summary: string;
    if (placements.length === 0) {
      willRun = false;
      summary = 'not protected';
      items.unshift({ state: 'gap', what: `No Blast Radius hook for ${spec.label} in this workspace or your user settings`, fix: 'Run Blast Radius: Protect this Workspace.', remedy: { protect: 'workspace' } });
    } else {
      const agentWide = combine(items);
      const runs = placements.map((p) => (agentWide === false ? false : p.willRun === true && agentWide === true ? true : p.willRun === false ? false : undefined));
      willRun = runs.includes(true) ? true : runs.includes(undefined) ? undefined : false;
      const where = placements.filter((_, i) => runs[i] === true).map((p) => p.scope).join(' and ');
      const gaps = [...items, ...placements.flatMap((p) => p.items)].filter((i) => i.state !== 'ok');
      summary = willRun === true
        ? `will run (${where})`
        : willRun === undefined
          ? `may not run: ${gaps.map((g) => g.what).join('; ')}`
          : `will NOT run: ${gaps.filter((g) => g.state === 'gap').map((g) => g.what).join('; ')}`;
    }
    reports.push({ agent, label: spec.label, placements, items, willRun, summary });
  }
  return reports;
}

/** The trust steps that fix the gaps of `reports` (deduplicated), for one "Fix" button. */
export function remedies(reports: readonly AgentReport[]): { protect: { agent: AgentId; scope: Scope }[]; trust: TrustStep[] } {
  const protect: { agent: AgentId; scope: Scope }[] = [];
  const trust: TrustStep[] = [];
  for (const r of reports) {
    for (const item of [...r.items, ...r.placements.flatMap((p) => p.items)]) {
      if (item.state === 'ok' || !item.remedy) continue;
      if (item.remedy.protect && !protect.some((p) => p.agent === r.agent && p.scope === item.remedy!.protect)) protect.push({ agent: r.agent, scope: item.remedy.protect });
      for (const t of item.remedy.trust ?? []) if (!trust.some((x) => x.kind === t.kind && x.file === t.file)) trust.push(t);
    }
  }
  return { protect, trust };
}
