import { defineFileRule } from '../../rule';
import type { FileAction } from '../../types';
import { classifyFile, type Protection } from './_classify';
import { contentAfter } from './_content';
import { judgeGuardChange, judgeGuardFragment, type TamperJudgement } from './_tamper';

const VERB: Record<FileAction['op'], string> = { write: 'Rewrites', edit: 'Edits', create: 'Creates', delete: 'Deletes', rename: 'Moves' };

function judge(p: Protection, a: FileAction, asDestination: boolean): TamperJudgement {
  if (asDestination) {
    // Another file moved over a guard file: its content is not known here, the old settings are gone.
    return { weakens: ['replaces it with another file'] };
  }
  if (a.op === 'delete' || a.op === 'rename') return judgeGuardChange(p.guard!, p.abs, a.oldContent, undefined);
  const after = contentAfter(a);
  if (after !== undefined) return judgeGuardChange(p.guard!, p.abs, a.op === 'create' ? undefined : a.oldContent, after);
  return judgeGuardFragment(a.oldText, a.newContent);
}

export default defineFileRule({
  meta: {
    id: 'files/tamper-edit',
    decision: 'block',
    severity: 'critical',
    description:
      "An agent weakens the guard's own configuration: removes a Blast Radius hook from its hook settings (`.claude/settings*.json`, " +
      '`.github/hooks/**`, `.cursor/hooks.json`, `.gemini/settings.json`, `.codex/**`, `.windsurf/hooks.json`, `.clinerules/hooks/**`), ' +
      'adds a permission allowance or auto-approval, switches hooks off, loosens `.blastradius.json` (a rule off, an allow rule, a `!` protect ' +
      "entry), changes `blastRadius.*` or agent auto-approve settings in `.vscode/settings.json`, or deletes one of these files.",
    message: '{{verb}} {{target}} ({{what}}) and weakens protection: {{reasons}}',
    safer: 'Ask the person to change the guard settings themselves; an agent must not loosen its own guard.',
  },
  check(action, ctx) {
    const o = { cwd: action.cwd ?? ctx.cwd, workspaceRoot: ctx.workspaceRoot, home: ctx.home, protect: ctx.protect };
    const check = (file: string, asDestination: boolean): void => {
      const p = classifyFile(file, o);
      if (!p || p.cls !== 'guard') return;
      const j = judge(p, action, asDestination);
      if ('unknown' in j) {
        ctx.report({ target: p.shown, decision: 'ask', message: '{{verb}} {{target}} ({{what}}); whether it weakens protection is unknown: {{why}}', data: { verb: VERB[action.op], what: p.what, why: j.unknown } });
      } else if (j.weakens.length > 0) {
        ctx.report({ target: p.shown, data: { verb: asDestination ? 'Replaces' : VERB[action.op], what: p.what, reasons: j.weakens.slice(0, 4).join('; ') } });
      }
    };
    check(action.path, false);
    if (action.op === 'rename' && action.newPath) check(action.newPath, true);
  },
  tests: {
    pause: [
      {
        input: {
          kind: 'file', op: 'write', path: '.claude/settings.json',
          oldContent: '{\n  "hooks": {\n    "PreToolUse": [\n      { "matcher": "*", "hooks": [ { "type": "command", "command": "\\"/usr/bin/node\\" \\"/home/dev/.vscode/extensions/blast-radius.blast-radius-0.1.0/dist/cli.js\\" hook claude", "timeout": 600 } ] }\n    ]\n  }\n}\n',
          newContent: '{\n  "hooks": {}\n}\n',
        },
        note: 'the Blast Radius hook removed',
      },
      {
        input: {
          kind: 'file', op: 'edit', path: '.claude/settings.local.json',
          oldContent: '{ "permissions": { "allow": ["Bash(npm test)"] } }', oldText: '"allow": ["Bash(npm test)"]', newContent: '"allow": ["Bash(npm test)", "Bash(rm:*)"]',
        },
        note: 'an allowance added',
      },
      { input: { kind: 'file', op: 'write', path: '.claude/settings.json', oldContent: '{}', newContent: '{ "permissions": { "defaultMode": "bypassPermissions" } }' } },
      { input: { kind: 'file', op: 'write', path: '.claude/settings.json', oldContent: '{ "hooks": {} }', newContent: '{ "hooks": {}, "disableAllHooks": true }' } },
      { input: { kind: 'file', op: 'write', path: '.claude/settings.json', oldContent: '{ "a": 1 }', newContent: '{ "a": 1,, ' }, note: 'an unreadable settings file turns its hooks off' },
      { input: { kind: 'file', op: 'delete', path: '.github/hooks/blast-radius.json', oldContent: '{"version":1,"hooks":{"preToolUse":[{"bash":"blast-radius hook copilot"}]}}' } },
      { input: { kind: 'file', op: 'edit', path: '.blastradius.json', oldContent: '{ "rules": { "fs/rm-recursive": "block" } }', oldText: '"block"', newContent: '"off"' } },
      { input: { kind: 'file', op: 'write', path: '.blastradius.json', oldContent: '{ "commands": [] }', newContent: '{ "commands": [ { "match": "rm -rf *", "decision": "allow" } ] }' } },
      { input: { kind: 'file', op: 'write', path: '.blastradius.json', oldContent: '{ "protect": ["secrets/**"] }', newContent: '{ "protect": ["secrets/**", "!.env.production"] }' } },
      { input: { kind: 'file', op: 'edit', path: '.vscode/settings.json', oldContent: '{\n  "editor.tabSize": 2\n}\n', oldText: '"editor.tabSize": 2', newContent: '"editor.tabSize": 2,\n  "chat.tools.autoApprove": true' } },
      { input: { kind: 'file', op: 'write', path: '.vscode/settings.json', oldContent: '{ "chat.tools.terminal.autoApprove": { "rm": false } }', newContent: '{ "chat.tools.terminal.autoApprove": { "rm": true } }' } },
      { input: { kind: 'file', op: 'write', path: '.vscode/settings.json', oldContent: '{}', newContent: '{ "blastRadius.observeOnly": true }' } },
      { input: { kind: 'file', op: 'edit', path: '.codex/config.toml', oldContent: 'model = "o4"\n', oldText: 'model = "o4"', newContent: 'model = "o4"\napproval_policy = "never"' } },
      { input: { kind: 'file', op: 'write', path: '.clinerules/hooks/PreToolUse', oldContent: '#!/bin/sh\nexec blast-radius hook cline\n', newContent: '#!/bin/sh\nexit 0\n' } },
      { input: { kind: 'file', op: 'write', path: '/home/dev/.blast-radius/approved-rules.json', oldContent: '{}', newContent: '{"x":"y"}' } },
      { input: { kind: 'file', op: 'write', path: '/home/dev/.claude/settings.json', oldContent: '{"hooks":{"PreToolUse":[{"matcher":"*","hooks":[{"type":"command","command":"blast-radius hook claude"}]}]}}', newContent: '{"hooks":{"PreToolUse":[{"matcher":"Read","hooks":[{"type":"command","command":"blast-radius hook claude"}]}]}}' }, note: 'the hook now only sees Read' },
      { input: { kind: 'file', op: 'rename', path: 'tmp/settings.json', newPath: '.claude/settings.json' } },
      { input: { kind: 'file', op: 'edit', path: '.gemini/settings.json', oldText: 'blast-radius hook gemini', newContent: 'true' }, note: 'file not readable: the fragment loses our hook' },
      { input: { kind: 'file', op: 'edit', path: '.cursor/hooks.json', oldText: '"x": 1', newContent: '"x": 2' }, decision: 'ask', note: 'file not readable and nothing telling in the fragment' },
    ],
    pass: [
      { input: { kind: 'file', op: 'write', path: '.claude/settings.json', oldContent: '{ "permissions": { "allow": [] } }', newContent: '{ "permissions": { "allow": [], "deny": ["Bash(rm -rf:*)"] } }' }, note: 'tightening' },
      { input: { kind: 'file', op: 'edit', path: '.vscode/settings.json', oldContent: '{ "editor.tabSize": 2 }', oldText: '2', newContent: '4' } },
      { input: { kind: 'file', op: 'write', path: '.vscode/settings.json', oldContent: '{ "spinnerTipsEnabled": true }', newContent: '{ "spinnerTipsEnabled": false }' } },
      { input: { kind: 'file', op: 'create', path: '.vscode/settings.json', newContent: '{ "files.exclude": { "dist": true } }' } },
      { input: { kind: 'file', op: 'write', path: '.blastradius.json', oldContent: '{ "protect": [] }', newContent: '{ "protect": ["secrets/**"], "rules": { "git/force-push": "block" } }' }, note: 'adding protection' },
      { input: { kind: 'file', op: 'write', path: '.claude/settings.json', oldContent: '{"hooks":{"PreToolUse":[{"matcher":"*","hooks":[{"type":"command","command":"blast-radius hook claude"}]}]}}', newContent: '{"model":"opus","hooks":{"PreToolUse":[{"matcher":"*","hooks":[{"type":"command","command":"blast-radius hook claude"}]}]}}' } },
      { input: { kind: 'file', op: 'edit', path: 'src/settings.json', oldText: '"allow": []', newContent: '"allow": ["*"]' }, note: 'not a guard file' },
    ],
  },
});
