/** src/protect: per-agent hook config edits, merge with other hooks and comments, idempotence, exact removal. */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { parse } from 'jsonc-parser';
import { SPECS, type AgentId, type Environment } from '../../src/protect/agents';
import { hookCommand, isOurCommand, type HookProgram } from '../../src/protect/command';
import { protectConfig, protectionStatus, unprotectConfig } from '../../src/protect/config';
import { appendToArray, removeFromArray } from '../../src/protect/jsonc';

const program: HookProgram = { node: '/usr/bin/node', cli: '/home/dev/.vscode/extensions/blast-radius.blast-radius-0.1.0/dist/cli.js' };
const env: Environment = { home: '/home/dev', env: {}, platform: 'linux' };
const CMD = (agent: string, wait = ' --wait-seconds 550') => `/usr/bin/node /home/dev/.vscode/extensions/blast-radius.blast-radius-0.1.0/dist/cli.js hook ${agent}${wait}`;

const protect = (agent: AgentId, text: string | undefined, p = program) => protectConfig(agent, text, p, env);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (text: string): any => parse(text);

const CLAUDE_EXISTING = `{
  // Team settings: keep this comment
  "permissions": { "allow": ["Bash(npm test)"] }, // and this one
  "hooks": {
    "PreToolUse": [
      { "matcher": "Bash", "hooks": [ { "type": "command", "command": "./scripts/lint-guard.sh" } ] } // theirs
    ],
    "PostToolUse": [ { "matcher": "Write", "hooks": [ { "type": "command", "command": "prettier --write" } ] } ]
  }
}
`;

describe('protect: Claude Code', () => {
  it('adds one PreToolUse group after the existing hooks, keeping comments, other events and formatting', () => {
    const r = protect('claude', CLAUDE_EXISTING);
    assert.equal(r.changed, true);
    assert.ok(r.text.startsWith(CLAUDE_EXISTING.slice(0, CLAUDE_EXISTING.indexOf('} // theirs') + 1)), 'everything before the insertion is unchanged');
    assert.match(r.text, /\/\/ Team settings: keep this comment/);
    assert.match(r.text, /\}, \/\/ theirs\n {6}\{\n {8}"matcher"/);
    const v = json(r.text);
    assert.equal(v.hooks.PreToolUse.length, 2);
    assert.deepEqual(v.hooks.PreToolUse[0], { matcher: 'Bash', hooks: [{ type: 'command', command: './scripts/lint-guard.sh' }] });
    assert.deepEqual(v.hooks.PostToolUse[0].hooks[0].command, 'prettier --write');
    assert.deepEqual(v.hooks.PreToolUse[1], {
      matcher: 'Bash|PowerShell|Edit|Write|MultiEdit|NotebookEdit|mcp__.*',
      hooks: [{ type: 'command', command: CMD('claude'), timeout: 600, statusMessage: 'Blast Radius: waiting for approval in the editor' }],
    });
    assert.deepEqual(v.permissions, { allow: ['Bash(npm test)'] });
  });

  it('is idempotent: protecting twice changes nothing', () => {
    const once = protect('claude', CLAUDE_EXISTING).text;
    const twice = protect('claude', once);
    assert.equal(twice.changed, false);
    assert.equal(twice.text, once);
    assert.deepEqual(twice.added, []);
    assert.equal(protectionStatus('claude', once, program, env), 'current');
  });

  it('removal restores the file byte for byte', () => {
    const once = protect('claude', CLAUDE_EXISTING).text;
    const r = unprotectConfig('claude', once);
    assert.equal(r.removed, 1);
    assert.equal(r.text, CLAUDE_EXISTING);
  });

  it('a file it created is deleted again; a file without hooks gets its hooks property taken out again', () => {
    const created = protect('claude', undefined);
    assert.deepEqual(Object.keys(json(created.text)), ['hooks']);
    assert.equal(unprotectConfig('claude', created.text).text, undefined);
    const plain = '{\n  "model": "opus"\n}\n';
    const added = protect('claude', plain).text;
    assert.equal(unprotectConfig('claude', added).text, plain);
  });

  it('an entry from another version (other CLI path) is updated in place, not duplicated', () => {
    const old = protect('claude', CLAUDE_EXISTING, { node: '/usr/bin/node', cli: '/old/blast-radius.blast-radius-0.0.9/dist/cli.js' }).text;
    assert.equal(protectionStatus('claude', old, program, env), 'outdated');
    const r = protect('claude', old);
    assert.equal(r.changed, true);
    const v = json(r.text);
    assert.equal(v.hooks.PreToolUse.length, 2);
    assert.equal(v.hooks.PreToolUse[1].hooks[0].command, CMD('claude'));
    assert.equal(unprotectConfig('claude', r.text).text, CLAUDE_EXISTING);
  });

  it('duplicates of our entry are dropped', () => {
    const once = protect('claude', CLAUDE_EXISTING).text;
    const dup = appendToArray(once, ['hooks', 'PreToolUse'], json(once).hooks.PreToolUse[1]);
    const r = protect('claude', dup);
    assert.equal(json(r.text).hooks.PreToolUse.length, 2);
    assert.equal(r.text, once);
  });

  it('a file that is not valid JSON is refused, never rewritten', () => {
    assert.throws(() => protect('claude', '{ "hooks": '), /not valid JSON/);
    assert.throws(() => protect('claude', '{ "hooks": [] }'), /is not an object/);
  });
});

describe('protect: formats and timeouts of each agent', () => {
  it('Gemini: BeforeTool group, timeout in milliseconds, named entry', () => {
    const existing = '{\n  "theme": "GitHub",\n  "security": { "auth": { "selectedType": "gemini-api-key" } }\n}\n';
    const r = protect('gemini', existing);
    const v = json(r.text);
    assert.equal(v.theme, 'GitHub');
    assert.deepEqual(v.hooks.BeforeTool, [{
      matcher: 'run_shell_command|write_file|replace|mcp__.*',
      hooks: [{ type: 'command', name: 'blast-radius', command: CMD('gemini'), timeout: 600000, description: 'Blast Radius: pauses destructive actions for approval in the editor' }],
    }]);
    assert.equal(unprotectConfig('gemini', r.text).text, existing);
  });

  it('Copilot: our own file, version 1, preToolUse with bash, powershell, timeoutSec and timeout; removed as a whole', () => {
    const r = protect('copilot', undefined);
    const v = json(r.text);
    assert.equal(v.version, 1);
    assert.deepEqual(v.hooks.preToolUse, [{
      type: 'command',
      bash: CMD('copilot'),
      powershell: `& '/usr/bin/node' '${program.cli}' hook copilot --wait-seconds 550`,
      timeoutSec: 600,
      timeout: 600,
    }]);
    assert.equal(SPECS.copilot.file('workspace', '/w', env), '/w/.github/hooks/blast-radius.json');
    assert.equal(SPECS.copilot.file('user', '/w', env), '/home/dev/.copilot/hooks/blast-radius.json');
    assert.deepEqual(unprotectConfig('copilot', r.text), { text: undefined, changed: true, removed: 1 });
  });

  it('Cursor: shell, MCP and file-write events, timeout 600 and failClosed; the user\'s own hooks and version stay', () => {
    const existing = '{\n  "version": 1,\n  "hooks": {\n    "afterFileEdit": [{ "command": "./format.sh" }]\n  }\n}\n';
    const r = protect('cursor', existing);
    const v = json(r.text);
    const handler = { type: 'command', command: CMD('cursor'), timeout: 600, failClosed: true };
    assert.deepEqual(v.hooks.beforeShellExecution, [handler]);
    assert.deepEqual(v.hooks.beforeMCPExecution, [handler]);
    assert.deepEqual(v.hooks.preToolUse, [{ ...handler, matcher: 'Write|Delete' }]);
    assert.deepEqual(v.hooks.afterFileEdit, [{ command: './format.sh' }]);
    const back = unprotectConfig('cursor', r.text);
    assert.equal(back.removed, 3);
    assert.equal(back.text, existing);
  });

  it('Codex: Claude-like PreToolUse group in .codex/hooks.json with timeout in seconds', () => {
    const v = json(protect('codex', undefined).text);
    assert.deepEqual(v, { hooks: { PreToolUse: [{ matcher: 'Bash|apply_patch|Edit|Write|mcp__.*', hooks: [{ type: 'command', command: CMD('codex'), timeout: 600 }] }] } });
    assert.equal(SPECS.codex.file('user', '/w', { ...env, env: { CODEX_HOME: '/x/codex' } }), '/x/codex/hooks.json');
  });

  it('Windsurf: pre_run_command, pre_write_code and pre_mcp_tool_use, default wait (no timeout to raise)', () => {
    const v = json(protect('windsurf', undefined).text);
    const h = { command: CMD('windsurf', ''), show_output: true };
    assert.deepEqual(v, { hooks: { pre_run_command: [h], pre_write_code: [h], pre_mcp_tool_use: [h] } });
  });

  it('Cline: an executable PreToolUse script; someone else\'s script is never replaced', () => {
    const r = protect('cline', undefined);
    assert.equal(r.text, `#!/bin/sh\n# Blast Radius hook: written by the Blast Radius extension; "Remove protection" deletes this file.\nexec ${CMD('cline', '')}\n`);
    assert.equal(protect('cline', r.text).changed, false);
    assert.throws(() => protect('cline', '#!/bin/sh\nexit 0\n'), /someone else's/);
    assert.equal(unprotectConfig('cline', r.text).text, undefined);
    assert.deepEqual(unprotectConfig('cline', '#!/bin/sh\nexit 0\n'), { text: '#!/bin/sh\nexit 0\n', changed: false, removed: 0 });
  });

  it('removal without our entries changes nothing', () => {
    for (const agent of ['claude', 'gemini', 'cursor', 'copilot'] as const) {
      assert.deepEqual(unprotectConfig(agent, CLAUDE_EXISTING), { text: CLAUDE_EXISTING, changed: false, removed: 0 });
    }
  });
});

describe('hook command', () => {
  it('quotes paths with spaces for sh and PowerShell, and is recognised whatever its path', () => {
    const p = { node: '/opt/node 20/bin/node', cli: "/Users/o'neil/x/dist/cli.js" };
    assert.equal(hookCommand(p, 'claude', 550), `"/opt/node 20/bin/node" "/Users/o'neil/x/dist/cli.js" hook claude --wait-seconds 550`);
    assert.equal(hookCommand(p, 'copilot', undefined, 'powershell'), `& '/opt/node 20/bin/node' '/Users/o''neil/x/dist/cli.js' hook copilot`);
    assert.equal(hookCommand({ node: '/n', cli: '/a/$HOME/`x`/cli.js' }, 'claude'), '/n "/a/\\$HOME/\\`x\\`/cli.js" hook claude');
    for (const c of [CMD('claude'), hookCommand(p, 'gemini'), hookCommand(p, 'copilot', 1, 'powershell'), 'blast-radius hook claude', 'npx blast-radius hook cursor']) {
      assert.ok(isOurCommand(c), c);
    }
    for (const c of ['./scripts/guard.sh', 'node hook.js claude', 'echo cli.js', undefined, 42]) assert.ok(!isOurCommand(c), String(c));
  });
});

describe('jsonc edits', () => {
  const value = { a: 1 };
  const round = (text: string, path: string[] = ['hooks', 'x']) => {
    const added = appendToArray(text, path, value);
    return { added, back: removeFromArray(added, path, (v) => (v as { a?: number }).a === 1) };
  };

  it('keeps CRLF line endings and tab indentation', () => {
    const crlf = '{\r\n\t"hooks": {\r\n\t\t"x": [\r\n\t\t\t{ "b": 2 }\r\n\t\t]\r\n\t}\r\n}\r\n';
    const r = round(crlf);
    assert.ok(!/[^\r]\n/.test(r.added), 'no bare \\n');
    assert.match(r.added, /\{ "b": 2 \},\r\n\t\t\t\{\r\n\t\t\t\t"a": 1\r\n\t\t\t\}/);
    assert.equal(r.back, crlf);
  });

  it('adds to a one-line array on the same line', () => {
    const text = '{ "hooks": { "x": [ {"b":2} ] } }';
    const r = round(text);
    assert.equal(r.added, '{ "hooks": { "x": [ {"b":2}, {"a":1} ] } }');
    assert.equal(r.back, text);
  });

  it('removes an element in the middle with its own comma', () => {
    const text = '{\n  "hooks": {\n    "x": [\n      { "b": 2 }\n    ]\n  }\n}\n';
    const added = appendToArray(text, ['hooks', 'x'], value);
    const more = appendToArray(added, ['hooks', 'x'], { c: 3 });
    const back = removeFromArray(more, ['hooks', 'x'], (v) => (v as { a?: number }).a === 1);
    assert.deepEqual(json(back).hooks.x, [{ b: 2 }, { c: 3 }]);
    assert.match(back, /\{ "b": 2 \},\n {6}\{\n {8}"c": 3/);
  });

  it('a comment inside an array emptied by removal keeps the array', () => {
    const text = '{\n  "hooks": {\n    "x": [\n      // nothing yet\n    ]\n  }\n}\n';
    const r = round(text);
    assert.match(r.added, /\/\/ nothing yet\n {6}\{/);
    assert.equal(r.back, text);
  });
});
