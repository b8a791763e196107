/**
 * Cursor hooks: `beforeShellExecution`, `beforeMCPExecution`, `beforeReadFile` and `preToolUse`. The
 * answer is the flat `{permission, user_message, agent_message}`, printed every time: with `failClosed`
 * an empty answer blocks. Cursor's `ask` is unreliable (seen acting as a silent deny), so it is not used.
 */
import { asObject, denyExit, expectEvent, json, objectOrJson, requireStr, str, summarise, toolCall } from './common';
import type { Adapter } from './types';

export const cursor: Adapter = {
  agent: 'cursor',
  canAsk: false,
  waitSeconds: 25, // default hook timeout unconfirmed; the Protect command writes a longer one
  parse(payload) {
    const p = asObject(payload, 'Cursor hook payload');
    const event = expectEvent(p, 'hook_event_name', 'beforeShellExecution', 'beforeMCPExecution', 'beforeReadFile', 'preToolUse');
    const roots = Array.isArray(p.workspace_roots) ? p.workspace_roots.filter((r): r is string => typeof r === 'string') : [];
    const workspaceRoot = roots[0];
    const cwd = str(p, 'cwd') || workspaceRoot;
    switch (event?.toLowerCase()) {
      case 'beforeshellexecution':
        return toolCall('Shell', { command: requireStr(p, 'beforeShellExecution', 'command') }, cwd, { workspaceRoot });
      case 'beforemcpexecution': {
        const tool = requireStr(p, 'beforeMCPExecution', 'tool_name');
        let input: unknown;
        try {
          input = objectOrJson(p.tool_input, 'tool_input');
        } catch {
          input = p.tool_input; // not JSON: keep the raw text for the engine
        }
        const server = str(p, 'server_name', 'url', 'command') ?? 'unknown';
        return { tool, actions: [{ kind: 'mcp', server, tool, input, cwd }], cwd, workspaceRoot, summary: `MCP ${server}: ${tool}` };
      }
      case 'beforereadfile':
        return { tool: 'Read', actions: [], cwd, workspaceRoot, summary: `Read: ${str(p, 'file_path') ?? ''}` };
      default: {
        // preToolUse (or no event name): tool types Shell, Read, Write, Grep, Task, MCP:<server>…
        const tool = requireStr(p, 'Cursor hook payload', 'tool_name');
        const input = objectOrJson(p.tool_input, 'tool_input');
        if (tool.startsWith('MCP:')) {
          const server = tool.slice(4);
          const name = str(input, 'tool_name', 'name') ?? tool;
          const actions = [{ kind: 'mcp' as const, server, tool: name, input, cwd }];
          return { tool, actions, cwd, workspaceRoot, summary: summarise(tool, actions) };
        }
        return toolCall(tool, input, cwd, { workspaceRoot });
      }
    }
  },
  render(answer) {
    if (answer.decision === 'allow') {
      return { exitCode: 0, stdout: json(answer.reason ? { permission: 'allow', user_message: answer.reason } : { permission: 'allow' }), stderr: '' };
    }
    return denyExit(json({ permission: 'deny', user_message: answer.reason, agent_message: answer.reason }), answer.reason);
  },
};
