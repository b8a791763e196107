/**
 * Claude Code `PreToolUse` (CLI and the VS Code extension share the settings files). Answers with
 * `hookSpecificOutput.permissionDecision`; a deny also exits 2 with the reason on stderr, which Claude
 * honours on its own. Exit 1 would let the tool run, so the hook never uses it.
 */
import { asObject, expectEvent, objectOrJson, renderHookSpecific, requireStr, str, toolCall } from './common';
import type { Adapter } from './types';

export const claude: Adapter = {
  agent: 'claude',
  canAsk: true,
  waitSeconds: 550, // default hook timeout 600 s
  parse(payload) {
    const p = asObject(payload, 'Claude Code hook payload');
    expectEvent(p, 'hook_event_name', 'PreToolUse');
    const tool = requireStr(p, 'Claude Code hook payload', 'tool_name');
    const cwd = str(p, 'cwd');
    return toolCall(tool, objectOrJson(p.tool_input, 'tool_input'), cwd);
  },
  render: (answer) => renderHookSpecific(answer),
};
