/**
 * Windsurf (Devin) Cascade hooks: `pre_run_command`, `pre_write_code`, `pre_read_code`,
 * `pre_mcp_tool_use`. No JSON answer exists: exit 2 blocks and stderr is the reason; exit 0 lets it run.
 */
import { asObject, objectOrJson, requireStr, str, summarise, toolCall } from './common';
import { editAction } from './files';
import { PayloadError, type Adapter } from './types';

export const windsurf: Adapter = {
  agent: 'windsurf',
  canAsk: false,
  waitSeconds: 25, // no documented timeout
  parse(payload) {
    const p = asObject(payload, 'Windsurf hook payload');
    const event = requireStr(p, 'Windsurf hook payload', 'agent_action_name');
    const info = asObject(p.tool_info, 'tool_info');
    const cwd = str(info, 'cwd');
    switch (event) {
      case 'pre_run_command':
        return toolCall('run_command', { command: requireStr(info, event, 'command_line', 'command') }, cwd);
      case 'pre_write_code': {
        const file = requireStr(info, event, 'file_path');
        const edits = Array.isArray(info.edits) ? info.edits : [];
        const actions = edits.length === 0
          ? [editAction(file, undefined, undefined, cwd)]
          : edits.map((e) => {
            const edit = asObject(e, 'edit');
            return editAction(file, str(edit, 'old_string'), str(edit, 'new_string'), cwd);
          });
        return { tool: 'write_code', actions, cwd, summary: summarise('write_code', actions) };
      }
      case 'pre_read_code':
        return { tool: 'read_code', actions: [], cwd, summary: `read_code: ${str(info, 'file_path') ?? ''}` };
      case 'pre_mcp_tool_use': {
        const server = str(info, 'mcp_server_name', 'server_name') ?? 'unknown';
        const tool = requireStr(info, event, 'mcp_tool_name', 'tool_name');
        return toolCall(tool, objectOrJson(info.mcp_tool_arguments ?? info.arguments, 'mcp_tool_arguments'), cwd, {}, server);
      }
      default:
        throw new PayloadError(`unsupported hook event ${JSON.stringify(event)}`);
    }
  },
  render(answer) {
    if (answer.decision === 'allow') return { exitCode: 0, stdout: '', stderr: '' };
    return { exitCode: 2, stdout: '', stderr: `${answer.reason}\n` };
  },
};
