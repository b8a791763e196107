/**
 * GitHub Copilot: one hook file (`.github/hooks/*.json`) is run by two harnesses with different payloads.
 * - Copilot CLI / Agent Host (`preToolUse`): `{toolName, toolArgs}` (toolArgs may be a JSON string),
 *   answered with top-level `permissionDecision` / `permissionDecisionReason`.
 * - VS Code Local harness, and `PreToolUse` configured in PascalCase: `{tool_name, tool_input}`,
 *   answered with Claude-style `hookSpecificOutput`.
 * A deny also exits 2, which both treat as a deny.
 */
import { asObject, denyExit, json, objectOrJson, renderHookSpecific, str, toolCall, type Json } from './common';
import { PayloadError, type Adapter, type Answer, type HookOutput } from './types';

function renderCli(answer: Answer): HookOutput {
  if (answer.decision === 'allow' && !answer.explicit) return { exitCode: 0, stdout: '', stderr: '' };
  const out = json({ permissionDecision: answer.decision, permissionDecisionReason: answer.reason });
  return answer.decision === 'deny' ? denyExit(out, answer.reason) : { exitCode: 0, stdout: out, stderr: '' };
}

function vscodeMcp(tool: string): { server: string; tool: string } | undefined {
  // VS Code names MCP tools `mcp_<server>_<tool>`; server names with `_` are split at the first one.
  const m = /^mcp_([^_]+)_(.+)$/.exec(tool);
  return m ? { server: m[1]!, tool: m[2]! } : undefined;
}

export const copilot: Adapter = {
  agent: 'copilot',
  canAsk: true,
  waitSeconds: 25, // default hook timeout 30 s
  parse(payload) {
    const p: Json = asObject(payload, 'Copilot hook payload');
    const cwd = str(p, 'cwd');
    if (typeof p.toolName === 'string') {
      return toolCall(p.toolName, objectOrJson(p.toolArgs, 'toolArgs'), cwd, { variant: 'cli' });
    }
    if (typeof p.tool_name === 'string') {
      const event = str(p, 'hookEventName', 'hook_event_name');
      if (event !== undefined && event.toLowerCase() !== 'pretooluse') throw new PayloadError(`unsupported hook event ${JSON.stringify(event)}`);
      const input = objectOrJson(p.tool_input, 'tool_input');
      const mcp = vscodeMcp(p.tool_name);
      if (mcp) return toolCall(mcp.tool, input, cwd, { tool: p.tool_name, variant: 'vscode' }, mcp.server);
      return toolCall(p.tool_name, input, cwd, { variant: 'vscode' });
    }
    throw new PayloadError('Copilot hook payload has neither toolName nor tool_name');
  },
  render(answer, call) {
    if (call?.variant === 'cli') return renderCli(answer);
    if (call?.variant === 'vscode') return renderHookSpecific(answer);
    // Unknown shape (only ever a deny): both answer forms, and exit 2, which both harnesses obey.
    const both = {
      permissionDecision: 'deny',
      permissionDecisionReason: answer.reason,
      hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: answer.reason },
    };
    return denyExit(json(both), answer.reason);
  },
};
