/**
 * Pieces every adapter shares: reading loosely typed payload fields, and turning a tool name plus its
 * input into engine actions. Agents disagree on field names (`file_path`, `filePath`, `path`), so the
 * readers accept the known aliases.
 */
import * as path from 'node:path';
import { quote } from 'shell-quote';
import type { Action, ShellDialect } from '../engine/types';
import { editAction, resolvePath, writeAction } from './files';
import { parsePatch } from './patch';
import { PayloadError, type Answer, type HookOutput, type ToolCall } from './types';

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asObject(value: unknown, what: string): Json {
  if (!isObject(value)) throw new PayloadError(`${what} is not a JSON object`);
  return value;
}

/** An object, or a JSON string holding one (Copilot `toolArgs`, Cursor MCP `tool_input`). */
export function objectOrJson(value: unknown, what: string): Json {
  if (typeof value === 'string') {
    try {
      return asObject(JSON.parse(value), what);
    } catch (e) {
      if (e instanceof PayloadError) throw e;
      throw new PayloadError(`${what} is a string that is not JSON`);
    }
  }
  if (value === undefined || value === null) return {};
  return asObject(value, what);
}

/** The first of `keys` that holds a string. */
export function str(o: Json, ...keys: string[]): string | undefined {
  for (const k of keys) {
    const v = o[k];
    if (typeof v === 'string') return v;
  }
  return undefined;
}

export function requireStr(o: Json, what: string, ...keys: string[]): string {
  const v = str(o, ...keys);
  if (v === undefined || v === '') throw new PayloadError(`${what}: missing ${keys.join(' / ')}`);
  return v;
}

/** Tool names whose calls only read or talk: allowed at once, without analysis. Lower case. */
const READ_ONLY = new Set([
  // Claude Code, Cursor preToolUse
  'read', 'glob', 'grep', 'ls', 'websearch', 'webfetch', 'todowrite', 'task', 'agent', 'askuserquestion',
  'exitplanmode', 'notebookread', 'bashoutput', 'listmcpresourcestool', 'readmcpresourcetool', 'skill',
  // Gemini CLI
  'read_file', 'read_many_files', 'list_directory', 'search_file_content', 'google_web_search', 'web_fetch',
  'save_memory', 'write_todos',
  // Copilot CLI
  'view', 'ask_user', 'report_intent', 'update_todo', 'think', 'read_bash', 'list_bash',
  // VS Code Copilot (Local harness)
  'file_search', 'grep_search', 'semantic_search', 'list_dir', 'get_errors', 'fetch_webpage',
  'get_terminal_output', 'get_changed_files', 'test_failure', 'manage_todo_list', 'list_code_usages',
  'search_workspace_symbols',
  // Cline
  'list_files', 'search_files', 'list_code_definition_names', 'ask_followup_question', 'attempt_completion',
  'plan_mode_respond', 'new_task', 'load_mcp_documentation', 'access_mcp_resource', 'focus_chain',
]);

/** Read-only tools that read one file's content into the transcript. */
const READS_A_FILE = new Set(['read', 'read_file', 'view', 'notebookread', 'readfile']);

export function isReadOnly(tool: string): boolean {
  return READ_ONLY.has(tool.toLowerCase());
}

/** `mcp__server__tool` (Claude, Codex, Gemini matchers) → server and tool. */
export function splitMcpName(name: string): { server: string; tool: string } | undefined {
  const m = /^mcp__(.+?)__(.+)$/.exec(name);
  return m ? { server: m[1]!, tool: m[2]! } : undefined;
}

/** A command given as argv (`["bash","-lc","…"]`) becomes one command line. */
function commandText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v): v is string => typeof v === 'string')) {
    if (value.length === 3 && /^(ba|z|)sh$/.test(path.basename(value[0]!)) && /^-l?c$/.test(value[1]!)) return value[2];
    return quote(value);
  }
  return undefined;
}

/** Cline `replace_in_file` diff: SEARCH/REPLACE blocks (old `<<<<<<<`/`>>>>>>>` and new `-------`/`+++++++` markers). */
function searchReplaceBlocks(diff: string): { search: string; replace: string }[] {
  const blocks: { search: string; replace: string }[] = [];
  let mode: 'none' | 'search' | 'replace' = 'none';
  let search: string[] = [];
  let replace: string[] = [];
  for (const line of diff.split(/\r?\n/)) {
    if (/^(<{3,}|-{3,}) ?SEARCH>?\s*$/.test(line)) {
      mode = 'search';
      search = [];
      replace = [];
    } else if (mode === 'search' && /^={3,}\s*$/.test(line)) mode = 'replace';
    else if (mode === 'replace' && /^(>{3,}|\+{3,}) ?REPLACE<?\s*$/.test(line)) {
      blocks.push({ search: search.join('\n'), replace: replace.join('\n') });
      mode = 'none';
    } else if (mode === 'search') search.push(line);
    else if (mode === 'replace') replace.push(line);
  }
  return blocks;
}

/**
 * The shared mapping from a tool name and its input to actions. Adapters call it after reading their own
 * envelope; they handle agent-only tool names first. Unknown tools go to the engine as MCP-like actions,
 * so a rule can still stop an unfamiliar `delete_database` tool.
 */
export function actionsFor(tool: string, input: Json, cwd: string | undefined, server?: string): Action[] {
  if (server !== undefined) return [{ kind: 'mcp', server, tool, input, cwd }];
  const mcpName = splitMcpName(tool);
  if (mcpName) return [{ kind: 'mcp', ...mcpName, input, cwd }];
  // Reading a file puts its content into the agent's transcript: judge it as `cat <file>` so the secrets rules
  // see `.env`, keys and credential files (catalog §8); ordinary files stay a fast allow.
  const readPath = READS_A_FILE.has(tool.toLowerCase()) ? str(input, 'file_path', 'filePath', 'path', 'absolute_path', 'notebook_path') : undefined;
  if (readPath !== undefined) return [{ kind: 'shell', command: `cat ${quote([readPath])}`, cwd }];
  if (isReadOnly(tool)) return [];

  const name = tool.toLowerCase();
  const filePath = str(input, 'file_path', 'filePath', 'path', 'absolute_path', 'notebook_path', 'target_file');

  // apply_patch arrives under several names (Codex reports it as apply_patch, Edit or Write).
  const patch = str(input, 'command', 'input', 'patch');
  if (patch !== undefined && /^\s*\*\*\* Begin Patch/.test(patch)) return parsePatch(patch, cwd);

  switch (name) {
    case 'bash':
    case 'shell':
    case 'run_shell_command':
    case 'run_in_terminal':
    case 'run_command':
    case 'execute_command':
    case 'exec_command':
    case 'local_shell':
    case 'powershell': {
      const command = commandText(input.command ?? input.cmd ?? input.command_line);
      if (command === undefined) throw new PayloadError(`${tool}: missing command`);
      const dir = str(input, 'dir_path', 'directory', 'workdir', 'cwd');
      const shell: { shell?: ShellDialect } = name === 'powershell' ? { shell: 'powershell' } : {};
      return [{ kind: 'shell', command, ...shell, cwd: dir ? resolvePath(dir, cwd) : cwd }];
    }
    case 'write':
    case 'write_file':
    case 'create':
    case 'create_file':
    case 'write_to_file':
      if (!filePath) throw new PayloadError(`${tool}: missing file path`);
      return [writeAction(filePath, str(input, 'content', 'file_text', 'contents', 'text'), cwd)];
    case 'edit':
    case 'replace':
    case 'str_replace':
    case 'edit_file':
    case 'replace_string_in_file':
    case 'search_replace':
      if (!filePath) throw new PayloadError(`${tool}: missing file path`);
      return [editAction(filePath, str(input, 'old_string', 'oldString', 'old_str'), str(input, 'new_string', 'newString', 'new_str', 'code_edit'), cwd)];
    case 'insert_edit_into_file':
      if (!filePath) throw new PayloadError(`${tool}: missing file path`);
      return [editAction(filePath, undefined, str(input, 'code'), cwd)];
    case 'notebookedit':
    case 'edit_notebook_file':
      if (!filePath) throw new PayloadError(`${tool}: missing notebook path`);
      return [editAction(filePath, undefined, str(input, 'new_source', 'newCode') ?? '', cwd)];
    case 'multiedit': {
      if (!filePath || !Array.isArray(input.edits)) throw new PayloadError(`${tool}: missing file path or edits`);
      return input.edits.map((e) => {
        const edit = asObject(e, `${tool} edit`);
        return editAction(filePath, str(edit, 'old_string'), str(edit, 'new_string'), cwd);
      });
    }
    case 'multi_replace_string_in_file': {
      if (!Array.isArray(input.replacements)) throw new PayloadError(`${tool}: missing replacements`);
      return input.replacements.map((r) => {
        const rep = asObject(r, `${tool} replacement`);
        return editAction(requireStr(rep, tool, 'filePath', 'file_path'), str(rep, 'oldString'), str(rep, 'newString'), cwd);
      });
    }
    case 'replace_in_file': {
      if (!filePath) throw new PayloadError(`${tool}: missing file path`);
      const blocks = searchReplaceBlocks(str(input, 'diff') ?? '');
      if (blocks.length === 0) return [editAction(filePath, undefined, str(input, 'diff'), cwd)];
      return blocks.map((b) => editAction(filePath, b.search, b.replace, cwd));
    }
    case 'delete':
    case 'delete_file':
    case 'remove_file':
      if (!filePath) throw new PayloadError(`${tool}: missing file path`);
      return [{ kind: 'file', op: 'delete', path: resolvePath(filePath, cwd), cwd }];
    default:
      return [{ kind: 'mcp', tool, input, cwd }];
  }
}

const SUMMARY_MAX = 300;

export function summarise(tool: string, actions: readonly Action[]): string {
  const first = actions[0];
  let what = '';
  if (first) {
    switch (first.kind) {
      case 'shell': what = first.command; break;
      case 'sql': what = first.sql; break;
      case 'http': what = `${first.method} ${first.url}`; break;
      case 'mcp': what = first.server ? `${first.server}/${first.tool}` : first.tool; break;
      case 'file': what = `${first.op} ${first.path}${first.newPath ? ` → ${first.newPath}` : ''}`; break;
    }
    if (actions.length > 1) what += ` (+${actions.length - 1} more)`;
  }
  const line = what ? `${tool}: ${what}` : tool;
  return line.length > SUMMARY_MAX ? `${line.slice(0, SUMMARY_MAX - 1)}…` : line;
}

/** The usual envelope: a tool name and its input object. */
export function toolCall(tool: string, input: Json, cwd: string | undefined, extra: Partial<ToolCall> = {}, server?: string): ToolCall {
  const actions = actionsFor(tool, input, cwd, server);
  return { tool, actions, cwd, summary: summarise(tool, actions), ...extra };
}

/** A deny answer: JSON (when the agent reads it) on stdout, the reason on stderr, exit 2. */
export function denyExit(stdout: string, reason: string): HookOutput {
  return { exitCode: 2, stdout, stderr: `${reason}\n` };
}

export function json(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}

/** Rejects payloads from hook events this adapter does not gate. A missing event name is accepted. */
export function expectEvent(p: Json, key: string, ...events: string[]): string | undefined {
  const event = p[key];
  if (event === undefined) return undefined;
  if (typeof event !== 'string' || !events.some((e) => e.toLowerCase() === event.toLowerCase())) {
    throw new PayloadError(`unsupported hook event ${JSON.stringify(event)} (Blast Radius gates ${events.join(', ')})`);
  }
  return event;
}

/** Claude-style `hookSpecificOutput` answer (Claude Code, VS Code Copilot Local harness). */
export function renderHookSpecific(answer: Answer): HookOutput {
  if (answer.decision === 'allow' && !answer.explicit) return { exitCode: 0, stdout: '', stderr: '' };
  const out = json({
    hookSpecificOutput: {
      hookEventName: 'PreToolUse',
      permissionDecision: answer.decision,
      permissionDecisionReason: answer.reason,
    },
  });
  return answer.decision === 'deny' ? denyExit(out, answer.reason) : { exitCode: 0, stdout: out, stderr: '' };
}
