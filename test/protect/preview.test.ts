/** The Protect preview text (src/protect/preview.ts) and Align Copilot Approvals (src/protect/copilotApprovals.ts). */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { FileChange } from '../../src/protect/plan';
import { EDITS_SETTING, EDIT_RULES, TERMINAL_RULES, TERMINAL_SETTING, alignCopilotApprovals } from '../../src/protect/copilotApprovals';
import { nodeValue, parseRoot } from '../../src/protect/jsonc';
import { displayPath, previewText } from '../../src/protect/preview';

const root = '/w/shop';
const home = '/home/dev';

describe('protect preview', () => {
  it('lists each file with new/changed/deleted, its agent and scope, the timeout, the exact lines, trust steps and problems', () => {
    const changes: FileChange[] = [
      { agent: 'claude', scope: 'workspace', file: '/w/shop/.claude/settings.local.json', before: '{\n  "env": {}\n}\n', after: '{\n  "env": {},\n  "hooks": {}\n}\n', added: [{ path: ['hooks'], value: {} }], removed: 0, executable: false },
      { agent: 'copilot', scope: 'user', file: '/home/dev/.copilot/hooks/blast-radius.json', before: undefined, after: '{\n  "version": 1\n}\n', added: [{ path: ['hooks'], value: {} }], removed: 0, executable: false },
      { agent: 'gemini', scope: 'workspace', file: '/w/shop/.gemini/settings.json', before: '{"hooks": 1}\n', after: undefined, added: [], removed: 1, executable: false },
    ];
    const text = previewText({
      title: 'Protect /w/shop', intro: 'Nothing is written until you confirm.', root, home, changes,
      trust: [{ agent: 'gemini', kind: 'gemini-folder', file: '/home/dev/.gemini/trustedFolders.json', title: 'Trust /w/shop in Gemini CLI' }],
      problems: [{ agent: 'cline', file: '/w/shop/.clinerules/hooks/PreToolUse', message: 'someone else\'s hook' }],
      notes: ['A note.'],
    });
    assert.match(text, /^# Protect \/w\/shop\n\nNothing is written until you confirm\.\n\n## Files \(3\)/);
    assert.match(text, /### \.claude\/settings\.local\.json \(changed\)\n\nClaude Code, this workspace\. Hook timeout: timeout 600 s/);
    assert.match(text, /```diff\n@@ -1,3 \+1,4 @@\n \{\n-  "env": \{\}\n\+  "env": \{\},\n\+  "hooks": \{\}\n \}\n```/);
    assert.match(text, /### ~\/\.copilot\/hooks\/blast-radius\.json \(new file\)\n\nGitHub Copilot .*, user level: every folder\./);
    assert.match(text, /### \.gemini\/settings\.json \(deleted\)\n\nGemini CLI, this workspace\. Takes out 1 Blast Radius entry\.\n\nThe file holds nothing but Blast Radius entries, so it is deleted\./);
    assert.match(text, /## Trust steps \(1\)[\s\S]*- Trust \/w\/shop in Gemini CLI\. Edits `~\/\.gemini\/trustedFolders\.json`\./);
    assert.match(text, /## Not changed \(1\)\n\n- Cline, `\.clinerules\/hooks\/PreToolUse`: someone else's hook/);
    assert.match(text, /A note\.\n$/);
  });

  it('nothing to change says so; paths outside workspace and home stay absolute', () => {
    assert.match(previewText({ title: 't', intro: 'i', root, home, changes: [] }), /## Files \(0\)\n\nNothing to change\./);
    assert.equal(displayPath('/etc/x', root, home), '/etc/x');
    assert.equal(displayPath('/w/shop/a/b', root, home), 'a/b');
  });
});

describe('align Copilot approvals', () => {
  it('adds every rule to a settings file, keeping its comments and other settings', () => {
    const before = '{\n  // mine\n  "editor.tabSize": 2\n}\n';
    const r = alignCopilotApprovals(before);
    assert.ok(r.changed);
    assert.ok(r.text.includes('// mine'));
    const v = nodeValue(parseRoot(r.text)) as Record<string, Record<string, unknown>>;
    assert.equal(v['editor.tabSize'] as unknown, 2);
    assert.deepEqual(v[TERMINAL_SETTING], TERMINAL_RULES);
    assert.deepEqual(v[EDITS_SETTING], EDIT_RULES);
    assert.equal(r.added.length, Object.keys(TERMINAL_RULES).length + Object.keys(EDIT_RULES).length);
  });

  it('a second run changes nothing; keys the person set stay as they are and are reported', () => {
    const once = alignCopilotApprovals(undefined).text;
    const twice = alignCopilotApprovals(once);
    assert.equal(twice.changed, false);
    assert.equal(twice.text, once);
    const mine = `{\n  "${TERMINAL_SETTING}": { "rm": true },\n  "${EDITS_SETTING}": { "**/.env": false }\n}\n`;
    const r = alignCopilotApprovals(mine);
    const v = nodeValue(parseRoot(r.text)) as Record<string, Record<string, unknown>>;
    assert.equal(v[TERMINAL_SETTING]!.rm, true);
    assert.deepEqual(r.kept, [`${TERMINAL_SETTING}: rm`]);
    assert.ok(!r.added.includes(`${EDITS_SETTING}: **/.env`));
  });

  it('every terminal rule key that is a /regex/ compiles', () => {
    for (const key of Object.keys(TERMINAL_RULES).filter((k) => k.startsWith('/'))) {
      const m = /^\/(.*)\/([a-z]*)$/.exec(key);
      assert.ok(m, key);
      assert.doesNotThrow(() => new RegExp(m[1]!, m[2]));
    }
    assert.ok(new RegExp('^git\\s+push\\b.*\\s(--force|--force-with-lease|-f)\\b').test('git push origin main --force'));
  });
});
