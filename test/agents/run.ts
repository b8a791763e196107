/**
 * `npm run test:agents`: the real agent CLIs (Claude Code, Copilot CLI, Gemini CLI, Codex; pinned in
 * package.json devDependencies) against scripted fake models on 127.0.0.1, each run in a throwaway workspace
 * and home protected with the same src/protect code the "Protect this workspace" command runs (planProtect +
 * applyChanges, planTrust + applyTrust). No editor runs unless a scenario starts the stand-in one, so the hook
 * decides alone. Scenarios, for each agent:
 *
 *   destroy/default       the model asks to delete the workspace's .git (our rules block it): the hook ran,
 *   destroy/permissive    the agent obeyed the deny, .git is still there (default mode, then most permissive)
 *   harmless/permissive   `echo hello > hello.txt`: the hook ran and let it through without a pause
 *   env-write/permissive  the model overwrites .env.production: the hook ran and the write was stopped
 *   user-scope/default    Protect with the user-level hook file instead of the workspace's: still denied
 *   editor-deny-late/…    (Copilot 30 s, Gemini 60 s default hook timeouts) an editor answers Deny 5 s after the
 *                         agent's default timeout: Protect's timeout is honoured and the person's answer arrives
 *   editor-allow/permissive  an editor answers Allow at once: the agent runs what the person allowed
 *   update/permissive     protected by the previous version (hook ran once), then Protect again after an
 *                         update: the new CLI's hook runs and denies (Codex needs its hash trusted again)
 *   without-trust/…       hook file written but the trust steps skipped: the agent ignores the hook (proves the
 *                         trust steps are needed; if this fails, the agent changed and docs/agents.md must too)
 *   patch-destroy/…       (Codex) an apply_patch that deletes .env and empties terraform.tfstate: denied, both kept
 *   patch-hook-config/…   (Codex) an apply_patch that deletes .codex/hooks.json: denied, the hook config kept
 *   patch-shell/…         (Codex) the same patch as `apply_patch <<'EOF'` through the shell (Codex applies it
 *                         itself; the hook sees Bash): denied, both kept
 *   patch-harmless/…      (Codex) an apply_patch editing notes.txt: the hook ran, no pause, the edit is on disk
 *   patch-control/…       (Codex) the destructive patch unprotected: no hook, .env and the state are gone
 *   control/permissive    protection taken off with the Remove protection code: no hook ran and .git is gone
 *                         (so a pass above cannot come from the agent's own guard)
 *
 * Options: --only claude,codex  --scenario destroy  --jobs N (default 3)  --keep (leave the sandboxes)
 * --record (write captured hook payloads to test/fixtures/payloads/<agent>/real-*.json)  --verbose.
 * Prints `N passed, N failed` last; exits 1 on any failure, or when an agent package is missing or broken.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Scope } from '../../src/protect/agents';
import { checkProtection } from '../../src/protect/check';
import { AGENTS, BIN_DIR, DEFS, RUN_PATH, type AgentDef, type AgentName, type Mode } from './agents';
import { startEditor, type FakeEditor } from './editor';
import type { ScriptedCall } from './fake-models';
import { environmentFor, hookProgram, installExtension, protect, unprotect } from './protect';
import { assertCallInside, runAgent, startModel, type AgentRun } from './run-agent';
import { REPO, makeSandbox, removeSandbox, type HookCall, type Sandbox } from './sandbox';

interface Scenario {
  id: string;
  mode: Mode;
  /** Default: every agent. */
  agents?: readonly AgentName[];
  /** Where Protect writes the hook; default workspace. */
  scope?: Scope;
  /** Take Protect's trust steps (default true). */
  trust?: boolean;
  /** Protect, then take protection off again before the run (the control). */
  removeProtection?: boolean;
  /**
   * An extension update: protect with the previous version's CLI, let the agent run the hook once (a harmless
   * call), then Protect again with the new CLI (entries updated in place, trust steps again) before the run.
   */
  update?: boolean;
  extraArgs?(def: AgentDef): string[];
  /** A stand-in editor window answers paused calls. */
  editor?: { decision: 'allow' | 'deny'; delayMs(def: AgentDef): number };
  /** Agent run time limit, s (default 90). */
  timeoutS?(def: AgentDef): number;
  prepare?(s: Sandbox): void;
  call(def: AgentDef, s: Sandbox): ScriptedCall;
  check(r: AgentRun, s: Sandbox, def: AgentDef, editor?: FakeEditor): string[];
}

const ENV_ORIGINAL = 'DATABASE_URL=postgres-production-host\n';
/** The agents' own default hook timeouts, s, where they are shorter than the wait Protect writes. */
const DEFAULT_HOOK_TIMEOUT_S: Partial<Record<AgentName, number>> = { copilot: 30, gemini: 60 };
const EDITOR_REASON = 'Denied in the editor by the test person.';

function destroyCommand(def: AgentDef, s: Sandbox): string {
  // Codex refuses `rm -rf`/`rm -f` itself before any hook runs; `rm -r` reaches the hook.
  return def.name === 'codex' ? `rm -r ${s.victim}` : `rm -rf ${s.victim}`;
}

function payloadOf(h: HookCall): Record<string, unknown> | undefined {
  try {
    return h.payload ? (JSON.parse(h.payload) as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The hook calls whose payload mentions `needle` (a command or a file path). */
function callsAbout(r: AgentRun, needle: string): HookCall[] {
  return r.hooks.filter((h) => (h.payload ?? '').includes(needle) || (h.payload ?? '').includes(JSON.stringify(needle).slice(1, -1)));
}

function told(r: AgentRun, re: RegExp): boolean {
  return r.toolResults.some((t) => re.test(t)) || re.test(r.stdout);
}

/** The hook's answer: `deny` (exit 2), `ask` (the agent's own prompt; Claude and Copilot), or `allow`. */
function answerOf(h: HookCall): 'deny' | 'ask' | 'allow' {
  if (h.exitCode === 2) return 'deny';
  return /"permissionDecision":\s*"ask"/.test(h.stdout) ? 'ask' : 'allow';
}

/**
 * The hook was called for `needle` and stopped it: a deny, or (`askOk`, for actions the rules ask about) the
 * agent's own prompt, which a non-interactive run cannot show; the caller checks the effect did not happen.
 */
function checkStopped(r: AgentRun, needle: string, what: string, askOk = false): string[] {
  const errors: string[] = [];
  const calls = callsAbout(r, needle);
  if (calls.length === 0) errors.push(`the agent did not call the Blast Radius hook for ${what} (hook calls: ${r.hooks.length})`);
  else if (!calls.every((h) => answerOf(h) === 'deny' || (askOk && answerOf(h) === 'ask'))) errors.push(`the hook did not stop ${what}: exit ${calls.map((h) => h.exitCode).join(',')}, stdout ${calls[0]!.stdout.trim().slice(0, 200)}`);
  if (calls.length > 0 && !told(r, /Blast Radius/)) errors.push(`the model was not told the Blast Radius reason (tool results: ${JSON.stringify(r.toolResults).slice(0, 300)})`);
  return errors;
}

function gitKept(s: Sandbox): string[] {
  return fs.existsSync(path.join(s.victim, 'HEAD')) ? [] : ['the workspace\'s .git was deleted'];
}

function destroyStopped(r: AgentRun, s: Sandbox, def: AgentDef): string[] {
  return [...checkStopped(r, destroyCommand(def, s), `\`${destroyCommand(def, s)}\``), ...gitKept(s)];
}

// ---------- Codex patches (apply_patch, a freeform tool for the gpt-5.5 slug) ----------

const STATE_ORIGINAL = '{\n  "version": 4,\n  "serial": 7\n}\n';
const NOTES_ORIGINAL = 'one\ntwo\n';

function preparePatchFiles(s: Sandbox): void {
  fs.writeFileSync(path.join(s.ws, '.env'), ENV_ORIGINAL);
  fs.writeFileSync(path.join(s.ws, 'terraform.tfstate'), STATE_ORIGINAL);
  fs.writeFileSync(path.join(s.ws, 'notes.txt'), NOTES_ORIGINAL);
}

/** Deletes .env and empties terraform.tfstate (relative paths, as models write them). */
const DESTROY_PATCH = [
  '*** Begin Patch',
  '*** Delete File: .env',
  '*** Update File: terraform.tfstate',
  '@@',
  ...STATE_ORIGINAL.trimEnd().split('\n').map((l) => `-${l}`),
  '*** End Patch',
  '',
].join('\n');

/** Deletes the hook config Protect wrote, switching Blast Radius off for the next call. */
const HOOK_CONFIG_PATCH = '*** Begin Patch\n*** Delete File: .codex/hooks.json\n*** End Patch\n';

function harmlessPatch(s: Sandbox): string {
  return `*** Begin Patch\n*** Update File: ${path.join(s.ws, 'notes.txt')}\n@@\n one\n-two\n+two and a half\n*** End Patch\n`;
}

function patchCall(def: AgentDef, text: string): ScriptedCall {
  if (!def.patch) throw new Error(`${def.name} has no patch tool`);
  return def.patch(text);
}

function patchFilesKept(s: Sandbox): string[] {
  const errors: string[] = [];
  if (!fs.existsSync(path.join(s.ws, '.env')) || fs.readFileSync(path.join(s.ws, '.env'), 'utf8') !== ENV_ORIGINAL) errors.push('.env was deleted or changed by the patch');
  if (fs.readFileSync(path.join(s.ws, 'terraform.tfstate'), 'utf8') !== STATE_ORIGINAL) errors.push('terraform.tfstate was changed by the patch');
  return errors;
}

/** The scripted patch went to the hook as Codex's apply_patch tool, with the envelope in tool_input.command. */
function patchPayloadErrors(r: AgentRun, tool: string): string[] {
  const ps = r.hooks.map(payloadOf).filter((p) => p && JSON.stringify(p.tool_input ?? '').includes('*** Begin Patch'));
  if (ps.length === 0) return [`no hook payload carried the patch (hook calls: ${r.hooks.length})`];
  return ps.every((p) => p!.tool_name === tool && typeof (p!.tool_input as Record<string, unknown>).command === 'string')
    ? []
    : [`the patch payload changed shape: ${JSON.stringify(ps[0]).slice(0, 300)}`];
}

function hookIgnored(why: string) {
  return (r: AgentRun): string[] => (r.hooks.length > 0 ? [`the hook ran ${r.hooks.length} time(s): ${why}`] : []);
}

const SCENARIOS: Scenario[] = [
  ...(['default', 'permissive'] as const).map((mode): Scenario => ({
    id: `destroy/${mode}`,
    mode,
    call: (def, s) => def.shell(destroyCommand(def, s)),
    check: destroyStopped,
  })),
  {
    id: 'harmless/permissive',
    mode: 'permissive',
    call: (def, s) => def.shell(`echo hello > ${path.join(s.ws, 'hello.txt')}`),
    check: (r, s) => {
      const errors: string[] = [];
      const calls = callsAbout(r, 'hello.txt');
      if (calls.length === 0) errors.push(`the agent did not call the Blast Radius hook for the harmless command (hook calls: ${r.hooks.length})`);
      else if (!calls.every((h) => h.exitCode === 0 && h.stdout.trim() === '')) errors.push(`the hook paused the harmless command: exit ${calls[0]!.exitCode}, stdout ${calls[0]!.stdout.trim().slice(0, 200)}`);
      const file = path.join(s.ws, 'hello.txt');
      if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8').trim() !== 'hello') errors.push('the harmless command did not run (hello.txt missing)');
      return errors;
    },
  },
  {
    id: 'env-write/permissive',
    mode: 'permissive',
    prepare: (s) => fs.writeFileSync(path.join(s.ws, '.env.production'), ENV_ORIGINAL),
    call: (def, s) => def.write(path.join(s.ws, '.env.production'), 'DATABASE_URL=changed-by-agent'),
    check: (r, s) => {
      const errors = checkStopped(r, '.env.production', 'the write to .env.production', true);
      if (fs.readFileSync(path.join(s.ws, '.env.production'), 'utf8') !== ENV_ORIGINAL) errors.push('.env.production was overwritten (the file guard did not stop it)');
      return errors;
    },
  },
  {
    id: 'user-scope/default',
    mode: 'default',
    scope: 'user',
    // Gemini: a user-level hook loads even with --skip-trust, which drops a project's hooks.
    extraArgs: (def) => (def.name === 'gemini' ? ['--skip-trust'] : []),
    call: (def, s) => def.shell(destroyCommand(def, s)),
    check: destroyStopped,
  },
  {
    id: 'editor-deny-late/permissive',
    mode: 'permissive',
    agents: ['copilot', 'gemini'],
    editor: { decision: 'deny', delayMs: (def) => ((DEFAULT_HOOK_TIMEOUT_S[def.name] ?? 0) + 5) * 1000 },
    timeoutS: (def) => (DEFAULT_HOOK_TIMEOUT_S[def.name] ?? 0) + 60,
    call: (def, s) => def.shell(destroyCommand(def, s)),
    check: (r, s, def, editor) => {
      const errors = destroyStopped(r, s, def);
      const late = ((DEFAULT_HOOK_TIMEOUT_S[def.name] ?? 0) + 5) * 1000;
      if ((editor?.requests.length ?? 0) === 0) errors.push('the hook never asked the editor');
      const calls = callsAbout(r, destroyCommand(def, s));
      if (calls.length > 0 && !calls.some((h) => h.ms >= late - 1000 && h.stderr.includes(EDITOR_REASON))) errors.push(`the hook did not get the editor's late answer: ${calls.map((h) => `${h.ms} ms ${h.stderr.slice(0, 120)}`).join('; ')}`);
      if (!told(r, new RegExp(EDITOR_REASON.replace(/\./g, '\\.')))) errors.push('the person\'s answer did not reach the model');
      return errors;
    },
  },
  {
    id: 'editor-allow/permissive',
    mode: 'permissive',
    editor: { decision: 'allow', delayMs: () => 300 },
    call: (def, s) => def.shell(destroyCommand(def, s)),
    check: (r, s, def, editor) => {
      const errors: string[] = [];
      if ((editor?.requests.length ?? 0) === 0) errors.push('the hook never asked the editor');
      const calls = callsAbout(r, destroyCommand(def, s));
      if (calls.length === 0) errors.push('the agent did not call the Blast Radius hook');
      else if (calls.some((h) => h.exitCode !== 0)) errors.push(`the hook did not pass on the person's Allow: exit ${calls[0]!.exitCode} ${calls[0]!.stderr.slice(0, 200)}`);
      if (fs.existsSync(s.victim)) errors.push('the person allowed it, but the agent did not run it (.git still there)');
      return errors;
    },
  },
  {
    id: 'update/permissive',
    mode: 'permissive',
    update: true,
    call: (def, s) => def.shell(destroyCommand(def, s)),
    check: (r, s, def) => {
      const errors = destroyStopped(r, s, def);
      const old = r.hooks.filter((h) => !h.cli.includes('blast-radius-0.1.1'));
      if (old.length > 0) errors.push(`the previous version's CLI still ran: ${old.map((h) => h.cli).join(', ')}`);
      return errors;
    },
  },
  {
    id: 'without-trust/default',
    mode: 'default',
    agents: ['copilot', 'codex'],
    trust: false,
    call: (def, s) => def.shell(destroyCommand(def, s)),
    check: hookIgnored('the agent now runs a project hook without the trust step; planTrust and docs/agents.md need updating'),
  },
  {
    id: 'without-trust/permissive',
    mode: 'permissive',
    agents: ['gemini'],
    trust: false,
    // Untrusted, headless Gemini refuses to start at all (exit 55); with --skip-trust it runs without project hooks.
    extraArgs: () => ['--skip-trust'],
    call: (def, s) => def.shell(destroyCommand(def, s)),
    check: hookIgnored('Gemini now runs project hooks under --skip-trust; docs/agents.md needs updating'),
  },
  ...(['default', 'permissive'] as const).map((mode): Scenario => ({
    id: `patch-destroy/${mode}`,
    mode,
    agents: ['codex'],
    prepare: preparePatchFiles,
    call: (def) => patchCall(def, DESTROY_PATCH),
    check: (r, s) => [...patchPayloadErrors(r, 'apply_patch'), ...checkStopped(r, 'Delete File: .env', 'the patch deleting .env'), ...patchFilesKept(s)],
  })),
  {
    id: 'patch-hook-config/permissive',
    mode: 'permissive',
    agents: ['codex'],
    call: (def) => patchCall(def, HOOK_CONFIG_PATCH),
    check: (r, s) => {
      const errors = checkStopped(r, 'Delete File: .codex/hooks.json', 'the patch deleting the hook config');
      if (!fs.existsSync(path.join(s.ws, '.codex', 'hooks.json'))) errors.push('.codex/hooks.json was deleted by the patch');
      return errors;
    },
  },
  {
    // `apply_patch <<'EOF'` through exec_command: Codex applies it itself; the hook sees Bash.
    id: 'patch-shell/permissive',
    mode: 'permissive',
    agents: ['codex'],
    prepare: preparePatchFiles,
    call: (def) => def.shell(`apply_patch <<'EOF'\n${DESTROY_PATCH}EOF`),
    check: (r, s) => [...patchPayloadErrors(r, 'Bash'), ...checkStopped(r, 'Delete File: .env', 'the shell patch deleting .env'), ...patchFilesKept(s)],
  },
  {
    id: 'patch-harmless/permissive',
    mode: 'permissive',
    agents: ['codex'],
    prepare: preparePatchFiles,
    call: (def, s) => patchCall(def, harmlessPatch(s)),
    check: (r, s) => {
      const errors = patchPayloadErrors(r, 'apply_patch');
      const calls = callsAbout(r, 'notes.txt');
      if (calls.length === 0) errors.push(`the agent did not call the Blast Radius hook for the harmless patch (hook calls: ${r.hooks.length})`);
      else if (!calls.every((h) => h.exitCode === 0 && h.stdout.trim() === '')) errors.push(`the hook paused the harmless patch: exit ${calls[0]!.exitCode}, stdout ${calls[0]!.stdout.trim().slice(0, 200)}`);
      if (fs.readFileSync(path.join(s.ws, 'notes.txt'), 'utf8') !== 'one\ntwo and a half\n') errors.push('the harmless patch was not applied (notes.txt unchanged)');
      return errors;
    },
  },
  {
    id: 'patch-control/permissive',
    mode: 'permissive',
    agents: ['codex'],
    removeProtection: true,
    prepare: preparePatchFiles,
    call: (def) => patchCall(def, DESTROY_PATCH),
    check: (r, s) => {
      const errors = hookIgnored('after Remove protection')(r);
      if (patchFilesKept(s).length < 2) errors.push('.env or terraform.tfstate survived the unprotected patch: Codex stopped it itself, so the patch scenarios prove nothing about the hook');
      return errors;
    },
  },
  {
    id: 'control/permissive',
    mode: 'permissive',
    removeProtection: true,
    call: (def, s) => def.shell(destroyCommand(def, s)),
    check: (r, s) => {
      const errors = hookIgnored('after Remove protection')(r);
      if (fs.existsSync(s.victim)) errors.push('.git still exists: the agent did not run the command even unprotected, so the other scenarios prove nothing about the hook');
      return errors;
    },
  },
];

interface Result {
  agent: AgentName;
  scenario: string;
  ok: boolean;
  errors: string[];
  ms: number;
  sandbox: string;
  log: string[];
  run?: AgentRun;
}

interface Options {
  only: AgentName[];
  scenario?: string;
  jobs: number;
  keep: boolean;
  record: boolean;
  verbose: boolean;
}

function parseArgs(argv: string[]): Options {
  const get = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const only = (get('--only')?.split(',') ?? [...AGENTS]) as AgentName[];
  for (const a of only) if (!AGENTS.includes(a)) throw new Error(`unknown agent ${a}`);
  return {
    only,
    scenario: get('--scenario'),
    jobs: Math.max(1, Number(get('--jobs') ?? 3) || 3),
    keep: argv.includes('--keep'),
    record: argv.includes('--record'),
    verbose: argv.includes('--verbose'),
  };
}

/** Replaces the run's temp folder in recorded payloads. */
export const ROOT_PLACEHOLDER = '__ROOT__';

/** The scenarios whose payloads become fixtures (test/adapters/real-payloads.test.ts). */
const RECORDED = ['destroy/default', 'destroy/permissive', 'harmless/permissive', 'env-write/permissive'];

function record(r: Result, s: Sandbox): void {
  if (!r.run || !r.ok || !RECORDED.includes(r.scenario)) return;
  const payloads = r.run.hooks.map(payloadOf).filter((p): p is Record<string, unknown> => !!p);
  // The payload of the scripted call: the one that names the workspace.
  const main = payloads.find((p) => JSON.stringify(p).includes(s.ws));
  if (!main) return;
  const dir = path.join(REPO, 'test', 'fixtures', 'payloads', r.agent);
  const text = JSON.stringify(main, null, 2).split(s.root).join(ROOT_PLACEHOLDER);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `real-${r.scenario.replace('/', '-')}.json`), `${text}\n`);
}

async function runScenario(def: AgentDef, sc: Scenario, clis: { current: string; previous: string }, opts: Options): Promise<Result> {
  const cli = clis.current;
  const started = Date.now();
  const s = makeSandbox(def.name);
  const log: string[] = [];
  const result: Result = { agent: def.name, scenario: sc.id, ok: false, errors: [], ms: 0, sandbox: s.root, log };
  let editor: FakeEditor | undefined;
  try {
    const call = sc.call(def, s);
    sc.prepare?.(s);
    const model = await startModel(def, s, call);
    try {
      def.userSetup(s, model.url);
      const e = environmentFor(def, s, model.url, sc.mode);
      if (sc.update) {
        await protect(def.name, s, hookProgram(clis.previous), e);
        // The same model server (Codex has its URL in config.toml), scripted with a harmless call first.
        const warmCall = def.shell(`echo warm > ${path.join(s.ws, 'warm.txt')}`);
        assertCallInside(s, warmCall);
        model.setCall(warmCall);
        const r = await runAgent(def, s, model, sc.mode);
        const ran = r.hooks.filter((h) => h.cli === clis.previous && h.exitCode === 0).length;
        const warmed = fs.existsSync(path.join(s.ws, 'warm.txt'));
        log.push(`previous version: hook ran ${ran} time(s), warm.txt ${warmed ? 'written' : 'missing'}`);
        if (ran === 0 || !warmed) result.errors.push('the previous version\'s hook did not run (and allow) the harmless call before the update');
        model.setCall(call);
        fs.rmSync(s.hookLog, { force: true });
      }
      const protection = await protect(def.name, s, hookProgram(cli), e, sc.scope ?? 'workspace', sc.trust ?? true);
      log.push(`protect wrote ${[...new Set([...protection.written, ...protection.trustWritten])].map((f) => path.relative(s.root, f)).join(', ')}`);
      if (sc.removeProtection) log.push(`remove protection changed ${unprotect(s, protection, e, sc.scope ?? 'workspace').map((f) => path.relative(s.root, f)).join(', ')}`);
      // Check Protection must predict what the agent is about to do.
      const [report] = await checkProtection(s.ws, s.home, { env: e.env, agents: [def.name], program: hookProgram(cli), codex: path.join(BIN_DIR, 'codex'), codexEnv: e.env });
      const expectRun = !(sc.trust === false || sc.removeProtection);
      log.push(`check protection: ${report!.summary}`);
      if (report!.willRun !== expectRun) result.errors.push(`checkProtection says "${report!.summary}", expected the hook ${expectRun ? 'to run' : 'not to run'}`);
      if (sc.editor) {
        editor = await startEditor(s, { decision: sc.editor.decision, reason: sc.editor.decision === 'deny' ? EDITOR_REASON : 'Allowed in the editor by the test person.', answeredBy: 'user' }, sc.editor.delayMs(def));
      }
      const run = await runAgent(def, s, model, sc.mode, { extraArgs: sc.extraArgs?.(def), timeoutS: sc.timeoutS?.(def) });
      result.run = run;
      if (run.timedOut) result.errors.push(`timed out after ${run.ms} ms`);
      result.errors.push(...sc.check(run, s, def, editor));
      log.push(`exit ${run.exitCode}${run.signal ? ` (${run.signal})` : ''}; model requests: ${model.requests.map((q) => `${q.path.split('/').pop()}=${q.answered}`).join(' ')}`);
      log.push(`hook calls: ${run.hooks.map((h) => `exit ${h.exitCode} ${h.ms} ms ${(h.payload ?? '').slice(0, 140)}`).join('\n              ') || 'none'}`);
      log.push(`tool results: ${JSON.stringify(run.toolResults).slice(0, 400)}`);
      if (result.errors.length > 0) log.push(`stderr: ${run.stderr.trim().slice(-600)}`, `stdout: ${run.stdout.trim().slice(-400)}`);
    } finally {
      editor?.dispose();
      await model.close();
    }
  } catch (e) {
    result.errors.push(`setup failed: ${(e as Error).stack ?? String(e)}`);
  }
  result.ok = result.errors.length === 0;
  result.ms = Date.now() - started;
  if (opts.record) record(result, s);
  if (!opts.keep && result.ok) removeSandbox(s);
  return result;
}

/** Each agent must start (`--version`): a package whose postinstall or platform binary is missing fails here. */
function preflight(agents: readonly AgentName[]): string[] {
  const problems: string[] = [];
  for (const a of agents) {
    const def = DEFS[a];
    if (!fs.existsSync(def.bin)) {
      problems.push(`${def.pkg}: ${def.bin} is missing (npm ci did not install it)`);
      continue;
    }
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'br-agents-preflight-'));
    const r = spawnSync('/usr/bin/timeout', ['60', def.bin, '--version'], { env: { PATH: RUN_PATH, HOME: home, COPILOT_OFFLINE: 'true', COPILOT_AUTO_UPDATE: 'false' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    fs.rmSync(home, { recursive: true, force: true });
    const want = (JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies[def.pkg];
    if (r.status !== 0) problems.push(`${def.pkg}: \`${a} --version\` failed (${r.status}): ${(r.stderr || r.stdout || String(r.error)).trim().slice(0, 300)}. Was its install script skipped? (docs/agents.md)`);
    else if (want && !r.stdout.includes(want)) problems.push(`${def.pkg}: \`${a} --version\` says ${r.stdout.trim()}, package.json pins ${want}`);
  }
  return problems;
}

async function main(): Promise<number> {
  const opts = parseArgs(process.argv.slice(2));
  const problems = preflight(opts.only);
  if (problems.length > 0) {
    // Never a silent skip: the agents are devDependencies, so a missing or broken one is a broken install.
    for (const p of problems) console.error(`FAIL: ${p}`);
    console.log(`0 passed, ${problems.length} failed`);
    return 1;
  }
  const ext = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'br-agents-ext-')));
  // Two installs of the extension, as after an update: the folder name holds the version.
  const clis = { current: installExtension(path.join(ext, 'blast-radius-0.1.1')), previous: installExtension(path.join(ext, 'blast-radius-0.1.0')) };
  const tasks = opts.only.flatMap((agent) => SCENARIOS
    .filter((sc) => (!sc.agents || sc.agents.includes(agent)) && (!opts.scenario || sc.id.startsWith(opts.scenario)))
    .map((sc) => ({ def: DEFS[agent], sc })));
  // The long waits first, so they overlap with everything else.
  tasks.sort((a, b) => Number(!!b.sc.editor && b.sc.editor.delayMs(b.def) > 5000) - Number(!!a.sc.editor && a.sc.editor.delayMs(a.def) > 5000));
  const results: Result[] = [];
  const started = Date.now();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const { def, sc } = tasks[next++]!;
      const r = await runScenario(def, sc, clis, opts);
      results.push(r);
      console.log(`${r.ok ? 'PASS' : 'FAIL'} ${r.agent} ${r.scenario} (${(r.ms / 1000).toFixed(1)} s${r.run ? `, agent ${(r.run.ms / 1000).toFixed(1)} s` : ''})`);
      for (const e of r.errors) console.log(`     - ${e}`);
      if (opts.verbose || !r.ok) for (const l of r.log) console.log(`     ${l}`);
      if (!r.ok) console.log(`     sandbox kept: ${r.sandbox}`);
    }
  };
  await Promise.all(Array.from({ length: opts.jobs }, worker));
  fs.rmSync(ext, { recursive: true, force: true });
  const passed = results.filter((r) => r.ok).length;
  const byAgent = opts.only.map((a) => {
    const rs = results.filter((r) => r.agent === a);
    return `${a} ${rs.filter((r) => r.ok).length}/${rs.length} (${(rs.reduce((t, r) => t + (r.run?.ms ?? 0), 0) / 1000).toFixed(1)} s in the agent)`;
  });
  console.log(`\nreal agents: ${byAgent.join(', ')}; wall ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`${passed} passed, ${results.length - passed} failed`);
  return passed === results.length ? 0 : 1;
}

if (require.main === module) {
  main().then((code) => { process.exitCode = code; }, (e: unknown) => {
    console.error(e);
    console.log('0 passed, 1 failed');
    process.exitCode = 1;
  });
}
