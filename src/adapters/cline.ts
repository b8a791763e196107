/**
 * Cline `PreToolUse` (an executable named PreToolUse in `.clinerules/hooks/`). Answer `{cancel, errorMessage}`
 * on stdout; Cline reads only that JSON (the exit code is ignored), so exit 0.
 *
 * Two payload generations:
 * - Cline CLI 3.x (real CLI 3.0.65, captured; docs/agents.md): `hookName: "tool_call"`, the raw input in
 *   `tool_call: {id, name, input}`, plus `preToolUse: {toolName, parameters}` where every non-string value is
 *   JSON text (`commands: "[\"ls\"]"`). Tools `run_commands`, `editor`, `apply_patch`, `read_files`, …
 *   A cancel aborts the whole run, not just the call.
 * - The older extension (from its docs): `hookName: "PreToolUse"`, `preToolUse` only, tools
 *   `execute_command`, `write_to_file`, `replace_in_file`, `use_mcp_tool`, …
 * Paths are relative to the first workspace root.
 */
import { quote } from 'shell-quote';
import { asObject, expectEvent, isObject, json, objectOrJson, requireStr, str, summarise, toolCall, type Json } from './common';
import { editAction, writeAction } from './files';
import { PayloadError, type Adapter, type ToolCall } from './types';
import type { Action } from '../engine/types';

/** One `run_commands` entry: a shell line, or `{command, args}` run without a shell. */
function commandLine(entry: unknown): string {
  if (typeof entry === 'string') return entry;
  if (isObject(entry) && typeof entry.command === 'string') {
    const args = Array.isArray(entry.args) ? entry.args.filter((a): a is string => typeof a === 'string') : [];
    return args.length > 0 ? quote([entry.command, ...args]) : entry.command;
  }
  throw new PayloadError('run_commands: a command is neither text nor {command, args}');
}

/** `run_commands` accepts `{commands: [...]}`, `{commands: one}`, `{command}`, `{cmd}`, an array or a string. */
function runCommands(input: unknown, cwd: string | undefined): Action[] {
  let list: unknown;
  if (Array.isArray(input) || typeof input === 'string') list = input;
  else if (isObject(input)) list = input.commands ?? input.cmd ?? (typeof input.command === 'string' && input.args === undefined ? input.command : input);
  if (typeof list === 'string' && list.trimStart().startsWith('[')) {
    try {
      list = JSON.parse(list) as unknown; // `preToolUse.parameters` holds arrays as JSON text
    } catch {
      // a command line that starts with `[`
    }
  }
  const entries = Array.isArray(list) ? list : [list];
  if (entries.length === 0) throw new PayloadError('run_commands: no commands');
  return entries.map((e) => ({ kind: 'shell', command: commandLine(e), cwd }));
}

/** Cline 3's `editor`: `{path, old_text?, new_text, insert_line?}`; no old_text and no insert_line creates the file. */
function editor(input: Json, cwd: string | undefined): Action[] {
  const file = requireStr(input, 'editor', 'path');
  const oldText = str(input, 'old_text');
  const newText = str(input, 'new_text');
  if (oldText !== undefined || input.insert_line !== undefined) return [editAction(file, oldText, newText, cwd)];
  return [writeAction(file, newText, cwd)];
}

export const cline: Adapter = {
  agent: 'cline',
  canAsk: false,
  waitSeconds: 25, // Cline 3 kills a tool_call hook after 120 s
  parse(payload) {
    const p = asObject(payload, 'Cline hook payload');
    expectEvent(p, 'hookName', 'PreToolUse', 'tool_call');
    const roots = Array.isArray(p.workspaceRoots) ? p.workspaceRoots.filter((r): r is string => typeof r === 'string') : [];
    const cwd = roots[0];
    const raw = isObject(p.tool_call) ? p.tool_call : undefined;
    const call = raw ?? asObject(p.preToolUse, 'preToolUse');
    const tool = raw ? requireStr(raw, 'tool_call', 'name') : requireStr(call, 'preToolUse', 'toolName');
    // The raw input first: `preToolUse.parameters` flattens it to strings.
    const input: unknown = raw ? raw.input : objectOrJson(call.parameters, 'parameters');
    if (tool === 'run_commands') {
      const actions = runCommands(input, cwd);
      return { tool, actions, cwd, workspaceRoot: cwd, summary: summarise(tool, actions) } satisfies ToolCall;
    }
    const params = objectOrJson(input, 'parameters');
    if (tool === 'editor') {
      const actions = editor(params, cwd);
      return { tool, actions, cwd, workspaceRoot: cwd, summary: summarise(tool, actions) };
    }
    if (tool === 'read_files' && Array.isArray(params.files)) {
      // Reading puts the content into the transcript: judged like `cat`, as for the other agents' read tools.
      const actions: Action[] = params.files.map((f) => ({ kind: 'shell', command: `cat ${quote([requireStr(asObject(f, 'read_files entry'), 'read_files', 'path')])}`, cwd }));
      return { tool, actions, cwd, workspaceRoot: cwd, summary: summarise(tool, actions) };
    }
    if (tool === 'use_mcp_tool') {
      let args: Json;
      try {
        args = objectOrJson(params.arguments, 'arguments');
      } catch {
        args = { arguments: params.arguments }; // not JSON: keep the raw text for the engine
      }
      const name = requireStr(params, tool, 'tool_name');
      return toolCall(name, args, cwd, { tool, workspaceRoot: cwd }, str(params, 'server_name') ?? 'unknown');
    }
    return toolCall(tool, params, cwd, { workspaceRoot: cwd });
  },
  render(answer) {
    if (answer.decision === 'allow') return { exitCode: 0, stdout: json({ cancel: false }), stderr: '' };
    return { exitCode: 0, stdout: json({ cancel: true, errorMessage: answer.reason }), stderr: '' };
  },
};
