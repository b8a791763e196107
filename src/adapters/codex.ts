/**
 * Codex CLI `PreToolUse` (hooks.json). Claude-like payload: shell calls arrive as `Bash` with
 * `tool_input.command`, apply_patch as the raw patch envelope in `tool_input.command`.
 *
 * Codex is stricter than Claude about answers: a bare `permissionDecision: "allow"` (without
 * `updatedInput`) and `"ask"` are rejected as unsupported, and a rejected hook lets the tool run. So an
 * allow prints nothing, and there is no ask: a pause becomes a deny with the reason.
 */
import { asObject, denyExit, expectEvent, json, objectOrJson, requireStr, str, toolCall } from './common';
import type { Adapter } from './types';

export const codex: Adapter = {
  agent: 'codex',
  canAsk: false,
  waitSeconds: 550, // default hook timeout 600 s
  parse(payload) {
    const p = asObject(payload, 'Codex hook payload');
    expectEvent(p, 'hook_event_name', 'PreToolUse');
    const tool = requireStr(p, 'Codex hook payload', 'tool_name');
    const cwd = str(p, 'cwd');
    return toolCall(tool, objectOrJson(p.tool_input, 'tool_input'), cwd);
  },
  render(answer) {
    if (answer.decision === 'allow') return { exitCode: 0, stdout: '', stderr: '' };
    const out = json({
      hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: answer.reason },
    });
    return denyExit(out, answer.reason);
  },
};
