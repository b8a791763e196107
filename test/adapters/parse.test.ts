/** Adapters turn each agent's tool calls into the engine actions the rules see. */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { evaluate } from '../../src/engine/evaluate';
import { adapters } from '../../src/adapters';
import { PayloadError } from '../../src/adapters/types';
import type { Action, FileAction } from '../../src/engine/types';
import { fixture } from './run';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'br-adapters-'));
const existing = path.join(dir, 'app.ts');
fs.writeFileSync(existing, 'const port = 3000;\n');
const big = path.join(dir, 'big.sql');
fs.writeFileSync(big, 'x'.repeat(1024 * 1024 + 1));

function parse(agent: string, payload: unknown): Action[] {
  return adapters[agent]!.parse(payload).actions;
}

function claude(tool: string, input: unknown): Action[] {
  return parse('claude', { hook_event_name: 'PreToolUse', cwd: dir, tool_name: tool, tool_input: input });
}

describe('file tools', () => {
  it('Write to an existing file carries the old content read from disk', () => {
    assert.deepEqual(claude('Write', { file_path: existing, content: 'x' }), [
      { kind: 'file', op: 'write', path: existing, oldContent: 'const port = 3000;\n', newContent: 'x', cwd: dir },
    ]);
  });

  it('Write to a new file is a create; files of 1 MB or more are not read', () => {
    const [created] = claude('Write', { file_path: path.join(dir, 'new.ts'), content: 'y' }) as FileAction[];
    assert.equal(created!.op, 'create');
    assert.equal(created!.oldContent, undefined);
    const [large] = claude('Write', { file_path: big, content: '' }) as FileAction[];
    assert.equal(large!.op, 'write');
    assert.equal(large!.oldContent, undefined);
  });

  it('Edit and MultiEdit become edits with the replaced text', () => {
    assert.deepEqual(claude('Edit', { file_path: existing, old_string: '3000', new_string: '3001', replace_all: false }), [
      { kind: 'file', op: 'edit', path: existing, oldContent: 'const port = 3000;\n', oldText: '3000', newContent: '3001', cwd: dir },
    ]);
    const multi = claude('MultiEdit', { file_path: existing, edits: [{ old_string: 'a', new_string: 'b' }, { old_string: 'c', new_string: 'd' }] });
    assert.deepEqual(multi.map((a) => (a as FileAction).oldText), ['a', 'c']);
  });

  it('NotebookEdit is an edit of the notebook', () => {
    const [a] = claude('NotebookEdit', { notebook_path: path.join(dir, 'n.ipynb'), new_source: 'print(1)', cell_id: 'c1' }) as FileAction[];
    assert.equal(a!.op, 'edit');
    assert.equal(a!.newContent, 'print(1)');
  });

  it('Codex apply_patch: added, updated, moved and deleted files', () => {
    const patch = [
      '*** Begin Patch',
      '*** Add File: notes.md',
      '+hello',
      '*** Update File: app.ts',
      '*** Move to: server.ts',
      '@@',
      '-const port = 3000;',
      '+const port = 3001;',
      '*** Delete File: old.ts',
      '*** End Patch',
    ].join('\n');
    const actions = parse('codex', { hook_event_name: 'PreToolUse', cwd: dir, tool_name: 'apply_patch', tool_input: { command: patch } }) as FileAction[];
    assert.deepEqual(actions.map((a) => [a.op, path.basename(a.path), a.newPath && path.basename(a.newPath)]), [
      ['create', 'notes.md', undefined],
      ['rename', 'app.ts', 'server.ts'],
      ['delete', 'old.ts', undefined],
    ]);
    assert.equal(actions[0]!.newContent, 'hello');
    assert.equal(actions[1]!.oldText, 'const port = 3000;');
    assert.equal(actions[1]!.newContent, 'const port = 3001;');
    assert.equal(actions[1]!.oldContent, 'const port = 3000;\n');
  });

  it('Cline replace_in_file: SEARCH/REPLACE blocks, paths relative to the workspace root', () => {
    const payload = JSON.parse(fixture('cline', 'harmless')) as { workspaceRoots: string[] };
    payload.workspaceRoots = [dir];
    fs.mkdirSync(path.join(dir, 'src'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'src/app.ts'), 'const port = 3000;\n');
    const [a] = parse('cline', payload) as FileAction[];
    assert.deepEqual([a!.op, a!.path, a!.oldText, a!.newContent, a!.oldContent], ['edit', path.join(dir, 'src/app.ts'), 'const port = 3000;', 'const port = 3001;', 'const port = 3000;\n']);
    // the older marker style
    const old = parse('cline', { hookName: 'PreToolUse', workspaceRoots: [dir], preToolUse: { toolName: 'replace_in_file', parameters: { path: 'src/app.ts', diff: '<<<<<<< SEARCH\na\n=======\nb\n>>>>>>> REPLACE' } } });
    assert.deepEqual(old.map((x) => [(x as FileAction).oldText, (x as FileAction).newContent]), [['a', 'b']]);
  });

  it('Copilot CLI create/edit and VS Code multi-replace', () => {
    const [c] = parse('copilot', { cwd: dir, toolName: 'create', toolArgs: { path: 'a.txt', file_text: 'hi' } }) as FileAction[];
    assert.deepEqual([c!.op, c!.path, c!.newContent], ['create', path.join(dir, 'a.txt'), 'hi']);
    const [e] = parse('copilot', { cwd: dir, toolName: 'edit', toolArgs: { path: existing, old_str: '3000', new_str: '1' } }) as FileAction[];
    assert.deepEqual([e!.op, e!.oldText, e!.newContent], ['edit', '3000', '1']);
    const reps = parse('copilot', {
      cwd: dir, hookEventName: 'PreToolUse', tool_name: 'multi_replace_string_in_file',
      tool_input: { replacements: [{ filePath: existing, oldString: 'a', newString: 'b' }] },
    });
    assert.equal(reps.length, 1);
  });
});

describe('shell tools', () => {
  it('every agent\'s shell tool becomes a shell action in its cwd', () => {
    const want = (command: string): Action[] => [{ kind: 'shell', command, cwd: '/home/dev/shop' }];
    assert.deepEqual(parse('claude', JSON.parse(fixture('claude', 'dangerous'))), want('rm -rf /etc'));
    assert.deepEqual(parse('copilot', JSON.parse(fixture('copilot', 'dangerous'))), want('rm -rf /etc'));
    assert.deepEqual(parse('copilot', JSON.parse(fixture('copilot', 'vscode-dangerous'))), want('rm -rf /etc'));
    assert.deepEqual(parse('cursor', JSON.parse(fixture('cursor', 'dangerous'))), want('rm -rf /etc'));
    assert.deepEqual(parse('gemini', JSON.parse(fixture('gemini', 'dangerous'))), want('rm -rf /etc'));
    assert.deepEqual(parse('codex', JSON.parse(fixture('codex', 'dangerous'))), want('rm -r /etc'));
    assert.deepEqual(parse('windsurf', JSON.parse(fixture('windsurf', 'dangerous'))), want('rm -rf /etc'));
    assert.deepEqual(parse('cline', JSON.parse(fixture('cline', 'dangerous'))), want('rm -rf /etc'));
  });

  it('Claude PowerShell is a PowerShell command', () => {
    assert.deepEqual(claude('PowerShell', { command: 'Remove-Item -Recurse C:\\' }), [
      { kind: 'shell', command: 'Remove-Item -Recurse C:\\', shell: 'powershell', cwd: dir },
    ]);
  });

  it('Copilot toolArgs may be a JSON string', () => {
    assert.deepEqual(parse('copilot', JSON.parse(fixture('copilot', 'risky'))), [
      { kind: 'shell', command: 'rm -rf /data/exports/old-reports', cwd: '/home/dev/shop' },
    ]);
  });

  it('Cline 3 run_commands: every input shape it accepts, one shell action per command', () => {
    const cline3 = (input: unknown): Action[] => parse('cline', { hookName: 'tool_call', workspaceRoots: [dir], tool_call: { id: 'c1', name: 'run_commands', input } });
    const sh = (...commands: string[]): Action[] => commands.map((command) => ({ kind: 'shell', command, cwd: dir }));
    assert.deepEqual(cline3({ commands: ['git status', 'npm test'] }), sh('git status', 'npm test'));
    assert.deepEqual(cline3({ commands: [{ command: 'git', args: ['log', '--format=%h %s'] }] }), sh("git log '--format=%h %s'"));
    assert.deepEqual(cline3({ commands: 'make build' }), sh('make build'));
    assert.deepEqual(cline3({ command: 'make build' }), sh('make build'));
    assert.deepEqual(cline3({ command: 'npm', args: ['ci'] }), sh('npm ci'));
    assert.deepEqual(cline3({ cmd: 'ls -la' }), sh('ls -la'));
    assert.deepEqual(cline3(['pwd', 'ls']), sh('pwd', 'ls'));
    assert.deepEqual(cline3('pwd'), sh('pwd'));
    assert.throws(() => cline3({ commands: [] }), PayloadError);
    assert.throws(() => cline3({ commands: [42] }), PayloadError);
    // with no tool_call, preToolUse.parameters holds the array as JSON text
    const flat = parse('cline', { hookName: 'tool_call', workspaceRoots: [dir], preToolUse: { toolName: 'run_commands', parameters: { commands: '["git status"]' } } });
    assert.deepEqual(flat, sh('git status'));
  });

  it('Cline 3 editor: an edit with old_text or insert_line, else it creates the file', () => {
    const cline3 = (input: unknown): FileAction[] => parse('cline', { hookName: 'tool_call', workspaceRoots: [dir], tool_call: { id: 'c1', name: 'editor', input } }) as FileAction[];
    const [e] = cline3({ path: 'app.ts', old_text: '3000', new_text: '3001' });
    assert.deepEqual([e!.op, e!.path, e!.oldText, e!.newContent], ['edit', existing, '3000', '3001']);
    const [i] = cline3({ path: existing, new_text: '// top', insert_line: 0 });
    assert.equal(i!.op, 'edit');
    const [c] = cline3({ path: 'new.txt', new_text: 'hi' });
    assert.deepEqual([c!.op, c!.path, c!.newContent], ['create', path.join(dir, 'new.txt'), 'hi']);
    // read_files is judged like `cat`, as the other agents' read tools are (secrets rules)
    const read = parse('cline', { hookName: 'tool_call', workspaceRoots: [dir], tool_call: { id: 'c1', name: 'read_files', input: { files: [{ path: '.env' }, { path: 'app.ts', start_line: 1 }] } } });
    assert.deepEqual(read, [{ kind: 'shell', command: 'cat .env', cwd: dir }, { kind: 'shell', command: 'cat app.ts', cwd: dir }]);
  });

  it('an argv command (`bash -lc …`) is its script', () => {
    const [a] = parse('codex', { cwd: dir, tool_name: 'Bash', tool_input: { command: ['bash', '-lc', 'rm -r dist'] } });
    assert.equal((a as { command: string }).command, 'rm -r dist');
  });
});

describe('MCP and other tools', () => {
  const issue = { owner: 'acme', repo: 'shop', issue_number: 42 };
  for (const agent of ['claude', 'copilot', 'cursor', 'gemini', 'codex', 'windsurf', 'cline']) {
    it(`${agent}: an MCP call names its server, tool and input`, () => {
      const [a] = parse(agent, JSON.parse(fixture(agent, 'mcp')));
      assert.equal(a!.kind, 'mcp');
      const m = a as Extract<Action, { kind: 'mcp' }>;
      assert.equal(m.tool, 'get_issue');
      assert.deepEqual(m.input, issue);
      assert.equal(m.server, agent === 'cursor' ? 'npx -y @modelcontextprotocol/server-github' : 'github');
    });
  }

  it('a file read is judged as `cat <file>` (the content enters the transcript); other reads are not analysed', () => {
    const commands = (actions: Action[]) => actions.map((a) => (a.kind === 'shell' ? a.command : a.kind));
    assert.deepEqual(commands(claude('Read', { file_path: existing })), [`cat ${existing}`]);
    assert.deepEqual(claude('Grep', { pattern: 'x' }), []);
    assert.deepEqual(commands(parse('gemini', { hook_event_name: 'BeforeTool', tool_name: 'read_file', tool_input: { file_path: existing } })), [`cat ${existing}`]);
    assert.deepEqual(commands(parse('copilot', { toolName: 'view', toolArgs: { path: existing } })), [`cat ${existing}`]);
    const env = claude('Read', { file_path: path.join(dir, '.env') });
    assert.equal(evaluate(env[0]!, { env: {}, home: '/home/dev', workspaceRoot: dir }).decision, 'ask', 'reading .env prints secrets');
    assert.equal(evaluate(claude('Read', { file_path: path.join(dir, '.env.example') })[0]!, { env: {}, home: '/home/dev', workspaceRoot: dir }).decision, 'allow');
  });

  it('an unknown tool still goes to the engine, as an MCP-like action', () => {
    assert.deepEqual(claude('DropDatabase', { name: 'prod' }), [{ kind: 'mcp', tool: 'DropDatabase', input: { name: 'prod' }, cwd: dir }]);
  });

  it('malformed payloads throw PayloadError', () => {
    assert.throws(() => parse('claude', JSON.parse(fixture('claude', 'malformed'))), PayloadError);
    assert.throws(() => claude('Bash', {}), PayloadError);
    assert.throws(() => claude('Write', { content: 'x' }), PayloadError);
    assert.throws(() => parse('copilot', JSON.parse(fixture('copilot', 'malformed'))), PayloadError);
    assert.throws(() => parse('codex', { tool_name: 'apply_patch', tool_input: { command: '*** Begin Patch\n*** End Patch' } }), PayloadError);
    assert.throws(() => parse('windsurf', { agent_action_name: 'post_run_command', tool_info: {} }), PayloadError);
  });
});
