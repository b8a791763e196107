import { defineCommandRule } from '../../rule';
import { hasFlag, optionValue } from '../../shell/words';
import { classifyFile } from './_classify';
import { fileWrites, type WriteHow } from './_writes';

const VERB: Record<WriteHow, string> = {
  delete: 'Deletes',
  'move-away': 'Moves away',
  overwrite: 'Replaces',
  append: 'Appends to',
  'in-place': 'Edits in place',
  truncate: 'Empties',
  restore: 'Resets',
};

/** A command that changes editor settings and mentions approvals or the guard: the edit is about loosening. */
const ABOUT_APPROVALS = /autoapprove|auto_approve|allowlist|allow_list|yolo|bypass|blastradius|blast-radius|usehooks|hook/i;
const EDITORS = new Set(['code', 'code-insiders', 'codium', 'cursor', 'windsurf', 'code-server', 'code-oss']);
const OURS = /^blast-radius\.blast-radius$|^blast-radius$/i;

export default defineCommandRule({
  meta: {
    id: 'files/tamper-shell',
    decision: 'block',
    severity: 'critical',
    description:
      "A shell command edits, replaces, moves or deletes the guard's own configuration (`.blastradius.json`, agents' hook settings, " +
      "Blast Radius's per-person settings and approvals), edits agent approval settings in `.vscode/settings.json`, or uninstalls or " +
      'disables the Blast Radius extension.',
    message: '{{verb}} {{target}} ({{what}}) with {{tool}}',
    safer: 'Ask the person to change the guard settings themselves; an agent must not loosen its own guard.',
  },
  check(cmd, ctx) {
    if (EDITORS.has(cmd.name)) {
      for (const flag of ['--uninstall-extension', '--disable-extension']) {
        const ext = optionValue(cmd.args, flag);
        if (ext && OURS.test(ext)) ctx.report({ target: ext, message: 'Turns the Blast Radius extension off ({{flag}})', data: { flag } });
      }
      if (hasFlag(cmd.args, undefined, '--disable-extensions')) ctx.report({ target: 'all extensions', message: 'Starts the editor with every extension, Blast Radius included, turned off' });
      return;
    }
    const cwd = cmd.cwd ?? ctx.cwd;
    const seen = new Set<string>();
    for (const w of fileWrites(cmd)) {
      const p = classifyFile(w.path, { cwd, workspaceRoot: ctx.workspaceRoot, home: ctx.home, protect: ctx.protect });
      if (!p || p.cls !== 'guard' || seen.has(p.abs + w.how)) continue;
      seen.add(p.abs + w.how);
      // Editor settings hold much more than approvals: a change that does not mention them only asks.
      const input = cmd.stdin?.kind === 'pipe' ? cmd.stdin.producer.text : cmd.stdin && 'text' in cmd.stdin ? cmd.stdin.text : '';
      const decision = p.guard === 'editor-settings' && !ABOUT_APPROVALS.test(`${cmd.text}\n${input}`) ? 'ask' : 'block';
      ctx.report({ target: p.shown, decision, data: { verb: VERB[w.how], what: p.what, tool: w.tool } });
    }
  },
  tests: {
    pause: [
      "sed -i '/blast-radius/d' .claude/settings.json",
      'echo "{}" > .claude/settings.json',
      'rm .github/hooks/blast-radius.json',
      'mv .cursor/hooks.json .cursor/hooks.json.off',
      'rm .blastradius.json',
      'cp /tmp/open.json .blastradius.json',
      'git checkout -- .claude/settings.local.json',
      'echo \'approval_policy = "never"\' >> .codex/config.toml',
      'rm -f .clinerules/hooks/PreToolUse',
      'jq \'.["chat.tools.autoApprove"] = true\' .vscode/settings.json | sponge .vscode/settings.json',
      'rm ~/.blast-radius/approved-rules.json',
      'code --uninstall-extension blast-radius.blast-radius',
      { input: "sed -i 's/\"editor.tabSize\": 2/\"editor.tabSize\": 4/' .vscode/settings.json", decision: 'ask' },
    ],
    pass: [
      'cat .claude/settings.json',
      'jq . .blastradius.json',
      'git add .claude/settings.json .blastradius.json',
      'git diff .vscode/settings.json',
      'code --install-extension ms-python.python',
      'cp .claude/settings.json /tmp/settings-backup.json',
      'code --uninstall-extension ms-python.python',
    ],
  },
});
