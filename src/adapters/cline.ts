/**
 * Cline `PreToolUse` (an executable named PreToolUse in `.clinerules/hooks/`). Payload
 * `{hookName, workspaceRoots, preToolUse: {toolName, parameters}}`; paths are relative to the first
 * workspace root. Answer `{cancel, errorMessage}`; Cline documents no exit-code semantics, so exit 0.
 */
import { asObject, expectEvent, json, objectOrJson, requireStr, str, toolCall, type Json } from './common';
import type { Adapter } from './types';

export const cline: Adapter = {
  agent: 'cline',
  canAsk: false,
  waitSeconds: 25, // hook timeout unconfirmed
  parse(payload) {
    const p = asObject(payload, 'Cline hook payload');
    expectEvent(p, 'hookName', 'PreToolUse');
    const call = asObject(p.preToolUse, 'preToolUse');
    const tool = requireStr(call, 'preToolUse', 'toolName');
    const params = objectOrJson(call.parameters, 'parameters');
    const roots = Array.isArray(p.workspaceRoots) ? p.workspaceRoots.filter((r): r is string => typeof r === 'string') : [];
    const cwd = roots[0];
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
