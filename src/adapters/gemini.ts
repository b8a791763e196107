/**
 * Gemini CLI `BeforeTool`. Gemini ignores Claude's `hookSpecificOutput` and reads only its own top-level
 * `{decision, reason}`; a deny also exits 2 with the reason on stderr. Gemini has no ask.
 */
import { asObject, denyExit, expectEvent, isObject, json, objectOrJson, requireStr, str, toolCall } from './common';
import type { Adapter } from './types';

export const gemini: Adapter = {
  agent: 'gemini',
  canAsk: false,
  waitSeconds: 55, // default hook timeout 60 000 ms
  parse(payload) {
    const p = asObject(payload, 'Gemini CLI hook payload');
    expectEvent(p, 'hook_event_name', 'BeforeTool');
    const tool = requireStr(p, 'Gemini CLI hook payload', 'tool_name');
    const cwd = str(p, 'cwd');
    const input = objectOrJson(p.tool_input, 'tool_input');
    // MCP tools carry the server in mcp_context; their tool_name may be `server__tool`.
    const mcp = isObject(p.mcp_context) ? p.mcp_context : undefined;
    if (mcp) {
      const server = str(mcp, 'server_name') ?? 'unknown';
      const name = str(mcp, 'tool_name') ?? tool.replace(/^(mcp__)?.*?__/, '');
      return toolCall(name, input, cwd, { tool }, server);
    }
    return toolCall(tool, input, cwd);
  },
  render(answer) {
    if (answer.decision === 'allow') {
      return { exitCode: 0, stdout: answer.explicit ? json({ decision: 'allow', reason: answer.reason }) : '', stderr: '' };
    }
    return denyExit(json({ decision: 'deny', reason: answer.reason }), answer.reason);
  },
};
