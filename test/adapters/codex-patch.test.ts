/**
 * Codex patches, in the shapes Codex 0.169.0 really sent to the hook (captured with BLAST_RADIUS_HOOK_LOG in
 * test/agents, model slug gpt-5.5, which is offered apply_patch as a freeform tool):
 *
 * - the apply_patch tool: `tool_name: "apply_patch"`, `tool_input: {command: "<patch envelope>"}`; the paths
 *   are as the model wrote them (relative to `cwd`, or absolute);
 * - a patch run through the shell (`exec_command` with `apply_patch <<'EOF' … EOF`): Codex applies it
 *   itself, and the hook sees `tool_name: "Bash"`, `tool_input: {command: "<the whole heredoc>"}`.
 */
import { after, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { codex, shellPatchActions } from '../../src/adapters/codex';
import type { FileAction } from '../../src/engine/types';
import { hook } from './run';

const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'br-codex-patch-')));
const ws = path.join(root, 'ws');
const home = path.join(root, 'home');
fs.mkdirSync(path.join(ws, 'src'), { recursive: true });
fs.mkdirSync(path.join(ws, '.codex'));
fs.mkdirSync(home);
fs.writeFileSync(path.join(ws, '.env'), 'DATABASE_URL=postgres-production-host\n');
fs.writeFileSync(path.join(ws, 'notes.txt'), 'one\ntwo\n');
fs.writeFileSync(path.join(ws, 'terraform.tfstate'), '{\n  "version": 4,\n  "serial": 7\n}\n');
fs.writeFileSync(path.join(ws, '.codex', 'hooks.json'), '{"hooks":{"PreToolUse":[{"matcher":"Bash|apply_patch","hooks":[{"type":"command","command":"blast-radius hook codex"}]}]}}\n');
after(() => fs.rmSync(root, { recursive: true, force: true }));

/** The envelope Codex sent, with this run's workspace. */
function payload(tool: string, command: string): Record<string, unknown> {
  return {
    session_id: '01a20e75-344a-72f1-9b94-9a5b1ea724ad',
    turn_id: '01a20e75-346b-7d82-a4d3-4fc5281982cb',
    transcript_path: path.join(home, '.codex/sessions/2026/11/24/rollout-2026-11-24T16-48-11-01a20e75-344a-72f1-9b94-9a5b1ea724ad.jsonl'),
    cwd: ws,
    hook_event_name: 'PreToolUse',
    model: 'gpt-5.5',
    permission_mode: 'bypassPermissions',
    tool_name: tool,
    tool_input: { command },
    tool_use_id: 'call_fake_1',
  };
}

const DELETE_ENV = '*** Begin Patch\n*** Delete File: .env\n*** End Patch\n';
const EDIT_NOTES = `*** Begin Patch\n*** Update File: ${ws}/notes.txt\n@@\n one\n-two\n+two and a half\n*** End Patch\n`;
const EMPTY_STATE = '*** Begin Patch\n*** Update File: terraform.tfstate\n@@\n-{\n-  "version": 4,\n-  "serial": 7\n-}\n*** End Patch\n';
const HOOKS_OFF = '*** Begin Patch\n*** Update File: .codex/hooks.json\n@@\n-{"hooks":{"PreToolUse":[{"matcher":"Bash|apply_patch","hooks":[{"type":"command","command":"blast-radius hook codex"}]}]}}\n+{"hooks":{}}\n*** End Patch\n';
const heredoc = (patch: string, prefix = ''): string => `${prefix}apply_patch <<'EOF'\n${patch}EOF\n`;

async function answer(p: Record<string, unknown>): Promise<{ code: number; stdout: string; stderr: string }> {
  return hook('codex', JSON.stringify(p), { HOME: home });
}

describe('Codex apply_patch tool (real payload shape)', () => {
  it('a relative Delete File is a delete of that file in cwd, and deleting .env is denied', async () => {
    const call = codex.parse(payload('apply_patch', DELETE_ENV));
    assert.deepEqual(call.actions.map((a) => [a.kind, (a as FileAction).op, (a as FileAction).path]), [['file', 'delete', path.join(ws, '.env')]]);
    const r = await answer(payload('apply_patch', DELETE_ENV));
    assert.equal(r.code, 2);
    assert.equal(JSON.parse(r.stdout).hookSpecificOutput.permissionDecision, 'deny');
    assert.match(r.stderr, /\.env/);
  });

  it('emptying terraform.tfstate and switching off the hook config are denied', async () => {
    for (const patch of [EMPTY_STATE, HOOKS_OFF]) {
      const r = await answer(payload('apply_patch', patch));
      assert.equal(r.code, 2, `${patch}\n${r.stdout}`);
    }
  });

  it('an ordinary edit (absolute path) is an edit and gets no answer at all', async () => {
    const [a] = codex.parse(payload('apply_patch', EDIT_NOTES)).actions as FileAction[];
    assert.deepEqual([a!.op, a!.path, a!.oldText, a!.newContent], ['edit', path.join(ws, 'notes.txt'), 'two', 'two and a half']);
    const r = await answer(payload('apply_patch', EDIT_NOTES));
    assert.deepEqual({ code: r.code, stdout: r.stdout }, { code: 0, stdout: '' });
  });
});

describe('Codex patch through the shell (`apply_patch <<EOF` arrives as Bash)', () => {
  it('judges the heredoc\'s file sections as well as the shell command', async () => {
    const call = codex.parse(payload('Bash', heredoc(DELETE_ENV)));
    assert.deepEqual(call.actions.map((a) => a.kind), ['shell', 'file']);
    assert.equal((call.actions[1] as FileAction).path, path.join(ws, '.env'));
    const r = await answer(payload('Bash', heredoc(DELETE_ENV)));
    assert.equal(r.code, 2, r.stdout);
    assert.match(r.stderr, /\.env/);
  });

  it('reads Codex\'s `cd <dir> &&` form relative to that folder, and lets an ordinary patch through', async () => {
    const add = '*** Begin Patch\n*** Add File: util.js\n+export const x = 1;\n*** End Patch\n';
    const files = shellPatchActions(heredoc(add, 'cd src && '), ws) as FileAction[];
    assert.deepEqual(files.map((a) => [a.op, a.path]), [['create', path.join(ws, 'src', 'util.js')]]);
    const r = await answer(payload('Bash', heredoc(add, 'cd src && ')));
    assert.deepEqual({ code: r.code, stdout: r.stdout }, { code: 0, stdout: '' });
  });

  it('leaves commands that only mention a patch as plain shell', async () => {
    for (const command of ['grep -rn "*** Begin Patch" docs', 'echo apply_patch "*** Begin Patch"', 'cat apply_patch.md']) {
      const call = codex.parse(payload('Bash', command));
      assert.deepEqual(call.actions.map((a) => a.kind), ['shell'], command);
      const r = await answer(payload('Bash', command));
      assert.equal(r.code, 0, `${command}: ${r.stderr}`);
    }
  });
});
