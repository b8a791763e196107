/**
 * Payloads the real agent CLIs sent to the Blast Radius hook (captured by `npm run test:agents -- --record`
 * with the versions pinned in package.json; fixtures test/fixtures/payloads/<agent>/real-*.json, the run's
 * temp folder replaced by __ROOT__). A new agent release that changes its payload or tool names should fail
 * here first: re-record, then look at what changed.
 *
 * Each payload is replayed into the hook in-process, with no editor, against a workspace laid out like the
 * run's: the fields the adapter relies on are present, it reads the same action, and the answer is what the
 * real agent obeyed (deny for deleting .git, nothing for `echo hello > hello.txt`, a stop for writing
 * .env.production).
 */
import { after, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { adapters } from '../../src/adapters';
import { FIXTURES, hook } from './run';

const ROOT = '__ROOT__';
const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'br-real-payloads-')));
const ws = path.join(root, 'ws');
fs.mkdirSync(path.join(ws, '.git', 'refs'), { recursive: true });
fs.writeFileSync(path.join(ws, '.git', 'HEAD'), 'ref: refs/heads/main\n');
fs.writeFileSync(path.join(ws, '.env.production'), 'DATABASE_URL=postgres-production-host\n');
/** A home with no editor registered: the hook decides alone. */
const home = path.join(root, 'home');
fs.mkdirSync(home);
after(() => fs.rmSync(root, { recursive: true, force: true }));

function load(agent: string, name: string): { text: string; payload: Record<string, unknown> } {
  const text = fs.readFileSync(path.join(FIXTURES, agent, `real-${name}.json`), 'utf8').split(ROOT).join(root);
  return { text, payload: JSON.parse(text) as Record<string, unknown> };
}

/** The fields each agent's adapter reads, with the values the pinned version sent. */
const SHAPE: Record<string, { keys: string[]; shell: string; write: string; event?: [string, string]; input: string }> = {
  claude: { keys: ['session_id', 'transcript_path', 'cwd', 'permission_mode', 'hook_event_name', 'tool_name', 'tool_input', 'tool_use_id'], shell: 'Bash', write: 'Write', event: ['hook_event_name', 'PreToolUse'], input: 'tool_input' },
  copilot: { keys: ['sessionId', 'timestamp', 'cwd', 'toolName', 'toolArgs'], shell: 'bash', write: 'create', input: 'toolArgs' },
  gemini: { keys: ['session_id', 'transcript_path', 'cwd', 'hook_event_name', 'timestamp', 'tool_name', 'tool_input'], shell: 'run_shell_command', write: 'write_file', event: ['hook_event_name', 'BeforeTool'], input: 'tool_input' },
  codex: { keys: ['session_id', 'turn_id', 'transcript_path', 'cwd', 'hook_event_name', 'model', 'permission_mode', 'tool_name', 'tool_input', 'tool_use_id'], shell: 'Bash', write: 'Bash', event: ['hook_event_name', 'PreToolUse'], input: 'tool_input' },
};

/** What the answer means to that agent: deny (exit 2), ask (its own prompt), or no objection. */
function meaning(agent: string, r: { code: number; stdout: string }): 'deny' | 'ask' | 'allow' {
  if (r.code === 2) {
    const o = JSON.parse(r.stdout) as Record<string, unknown>;
    if (agent === 'gemini') assert.equal(o.decision, 'deny', 'Gemini honours only {decision, reason}');
    else if (agent === 'copilot') assert.equal(o.permissionDecision, 'deny', 'Copilot CLI reads the top-level permissionDecision');
    else assert.equal((o.hookSpecificOutput as Record<string, unknown>).permissionDecision, 'deny');
    return 'deny';
  }
  assert.equal(r.code, 0);
  if (r.stdout === '') return 'allow';
  const o = JSON.parse(r.stdout) as Record<string, unknown>;
  const d = agent === 'copilot' ? o.permissionDecision : (o.hookSpecificOutput as Record<string, unknown> | undefined)?.permissionDecision;
  assert.equal(d, 'ask');
  return 'ask';
}

for (const agent of Object.keys(SHAPE)) {
  const shape = SHAPE[agent]!;
  describe(`real ${agent} payloads`, () => {
    it('carry the fields the adapter reads, with the tool names the pinned version uses', () => {
      const files = fs.readdirSync(path.join(FIXTURES, agent)).filter((f) => f.startsWith('real-'));
      assert.ok(files.length >= 4, `recorded payloads for ${agent}: ${files.join(', ')}`);
      for (const name of ['destroy-default', 'destroy-permissive', 'harmless-permissive', 'env-write-permissive']) {
        const { payload } = load(agent, name);
        for (const k of shape.keys) assert.ok(k in payload, `${agent} ${name}: field ${k} missing (payload keys: ${Object.keys(payload).join(', ')})`);
        if (shape.event) assert.equal(payload[shape.event[0]], shape.event[1]);
        assert.equal(typeof payload[shape.input], 'object', `${agent} ${name}: ${shape.input} is an object, not a JSON string`);
        assert.equal(payload.cwd, ws);
        const tool = payload.tool_name ?? payload.toolName;
        assert.equal(tool, name.startsWith('env-write') ? shape.write : shape.shell);
      }
    });

    it('deleting the workspace\'s .git is one shell action and is denied, in the default and the most permissive mode', async () => {
      for (const mode of ['default', 'permissive']) {
        const { text, payload } = load(agent, `destroy-${mode}`);
        const call = adapters[agent]!.parse(payload);
        assert.equal(call.actions.length, 1);
        const a = call.actions[0]!;
        assert.equal(a.kind, 'shell');
        assert.match(a.kind === 'shell' ? a.command : '', new RegExp(`^rm -r[f]? ${path.join(ws, '.git').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`));
        if (agent === 'claude') assert.equal(payload.permission_mode, mode === 'permissive' ? 'bypassPermissions' : 'default');
        const r = await hook(agent, text, { HOME: home });
        assert.equal(meaning(agent, r), 'deny', r.stdout);
        assert.match(r.stderr, /fs\/rm-recursive/);
      }
    });

    it('`echo hello > hello.txt` gets no answer at all (no pause)', async () => {
      const { text, payload } = load(agent, 'harmless-permissive');
      const call = adapters[agent]!.parse(payload);
      assert.deepEqual(call.actions.map((a) => a.kind), ['shell']);
      const r = await hook(agent, text, { HOME: home });
      assert.deepEqual({ code: r.code, stdout: r.stdout }, { code: 0, stdout: '' });
    });

    it('writing .env.production is stopped: a deny, or the agent\'s own prompt where it has one', async () => {
      const { text, payload } = load(agent, 'env-write-permissive');
      const call = adapters[agent]!.parse(payload);
      const a = call.actions[0]!;
      if (agent === 'codex') assert.equal(a.kind, 'shell', 'the scripted Codex write goes through the shell (its apply_patch payloads: codex-patch.test.ts)');
      else {
        assert.equal(a.kind, 'file');
        assert.equal(a.kind === 'file' ? a.path : '', path.join(ws, '.env.production'));
      }
      const r = await hook(agent, text, { HOME: home });
      assert.equal(meaning(agent, r), adapters[agent]!.canAsk ? 'ask' : 'deny');
      assert.match(r.stdout, /\.env\.production/);
    });
  });
}

/**
 * Cline CLI 3.0.65, run by hand against a fake OpenAI-compatible model (docs/agents.md, Cline section): a
 * different envelope (`hookName: "tool_call"`, no cwd, the workspace in workspaceRoots) and answer
 * (`{cancel, errorMessage}` on stdout, exit 0), so it is checked here on its own.
 */
describe('real cline payloads', () => {
  const answer = (r: { code: number; stdout: string }): Record<string, unknown> => {
    assert.equal(r.code, 0, 'Cline reads only stdout JSON');
    return JSON.parse(r.stdout) as Record<string, unknown>;
  };

  it('carry the fields the adapter reads, with the tool names Cline 3 uses', () => {
    for (const [name, tool] of [['destroy', 'run_commands'], ['harmless', 'run_commands'], ['env-write-patch', 'apply_patch']]) {
      const { payload } = load('cline', name!);
      assert.equal(payload.hookName, 'tool_call');
      assert.deepEqual(payload.workspaceRoots, [ws]);
      const call = payload.tool_call as Record<string, unknown>;
      assert.equal(call.name, tool);
      assert.equal(typeof call.input, 'object', `${name}: tool_call.input is the raw object`);
      assert.equal((payload.preToolUse as Record<string, unknown>).toolName, tool);
    }
  });

  it('deleting a top-level folder is one shell action and is cancelled', async () => {
    fs.mkdirSync(path.join(ws, 'victim'), { recursive: true });
    const { text, payload } = load('cline', 'destroy');
    const call = adapters.cline!.parse(payload);
    assert.deepEqual(call.actions, [{ kind: 'shell', command: `rm -rf ${path.join(ws, 'victim')}`, cwd: ws }]);
    const o = answer(await hook('cline', text, { HOME: home }));
    assert.equal(o.cancel, true);
    assert.match(String(o.errorMessage), /fs\/rm-recursive/);
  });

  it('`ls` is let through', async () => {
    const { text, payload } = load('cline', 'harmless');
    assert.deepEqual(adapters.cline!.parse(payload).actions, [{ kind: 'shell', command: 'ls', cwd: ws }]);
    assert.deepEqual(answer(await hook('cline', text, { HOME: home })), { cancel: false });
  });

  it('creating .env.production with apply_patch is cancelled', async () => {
    const { text, payload } = load('cline', 'env-write-patch');
    const a = adapters.cline!.parse(payload).actions[0]!;
    assert.equal(a.kind === 'file' ? a.path : '', path.join(ws, '.env.production'));
    const o = answer(await hook('cline', text, { HOME: home }));
    assert.equal(o.cancel, true);
    assert.match(String(o.errorMessage), /\.env\.production/);
  });
});
