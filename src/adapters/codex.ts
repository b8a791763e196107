/**
 * Codex CLI `PreToolUse` (hooks.json). Claude-like payload: shell calls arrive as `Bash` with
 * `tool_input.command`, apply_patch as `tool_name: "apply_patch"` with the raw patch envelope in
 * `tool_input.command` (Codex 0.169.0, the freeform apply_patch tool; test/agents patch scenarios).
 *
 * A patch can also come through the shell: the model runs `apply_patch <<'EOF' … EOF` with exec_command,
 * Codex applies the patch itself, and the hook sees only `Bash` with that command. The shell engine cannot
 * see file edits in a heredoc, so such a patch is parsed too and judged like the apply_patch tool.
 *
 * Codex is stricter than Claude about answers: a bare `permissionDecision: "allow"` (without
 * `updatedInput`) and `"ask"` are rejected as unsupported, and a rejected hook lets the tool run. So an
 * allow prints nothing, and there is no ask: a pause becomes a deny with the reason.
 */
import type { Action } from '../engine/types';
import { asObject, denyExit, expectEvent, json, objectOrJson, requireStr, str, summarise, toolCall } from './common';
import { resolvePath } from './files';
import { parsePatch } from './patch';
import { PayloadError, type Adapter } from './types';

const BEGIN = '*** Begin Patch';
const END = '*** End Patch';

/** The file actions of every patch envelope an `apply_patch`/`applypatch` shell command carries. */
export function shellPatchActions(command: string, cwd: string | undefined): Action[] {
  if (!/(?:^|[\s;&|(])(?:apply_patch|applypatch)\b/.test(command) || !command.includes(BEGIN)) return [];
  // Codex's own form: `cd <dir> && apply_patch <<'EOF'`; the patch's relative paths start there.
  const cd = /^\s*cd\s+(?:'([^']*)'|"([^"]*)"|(\S+))\s*&&/.exec(command);
  const dir = cd ? resolvePath(cd[1] ?? cd[2] ?? cd[3]!, cwd) : cwd;
  const actions: Action[] = [];
  for (let start = command.indexOf(BEGIN); start >= 0; start = command.indexOf(BEGIN, start + BEGIN.length)) {
    const end = command.indexOf(END, start);
    try {
      actions.push(...parsePatch(command.slice(start, end < 0 ? undefined : end + END.length), dir));
    } catch (e) {
      // No file sections: nothing Codex could apply either (the text is only mentioned); the shell is judged.
      if (!(e instanceof PayloadError)) throw e;
    }
  }
  return actions;
}

export const codex: Adapter = {
  agent: 'codex',
  canAsk: false,
  waitSeconds: 550, // default hook timeout 600 s
  parse(payload) {
    const p = asObject(payload, 'Codex hook payload');
    expectEvent(p, 'hook_event_name', 'PreToolUse');
    const tool = requireStr(p, 'Codex hook payload', 'tool_name');
    const cwd = str(p, 'cwd');
    const input = objectOrJson(p.tool_input, 'tool_input');
    const call = toolCall(tool, input, cwd);
    // Codex sends a string; an argv array (`["apply_patch", "<patch>"]`) is read as one line.
    const raw = input.command;
    const command = typeof raw === 'string' ? raw : Array.isArray(raw) ? raw.filter((w) => typeof w === 'string').join(' ') : undefined;
    if (tool.toLowerCase() !== 'bash' || command === undefined) return call;
    const patched = shellPatchActions(command, cwd);
    if (patched.length === 0) return call;
    const actions = [...call.actions, ...patched];
    return { ...call, actions, summary: summarise(tool, actions) };
  },
  render(answer) {
    if (answer.decision === 'allow') return { exitCode: 0, stdout: '', stderr: '' };
    const out = json({
      hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: answer.reason },
    });
    return denyExit(out, answer.reason);
  },
};
