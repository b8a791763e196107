/**
 * The editor's words and shapes for rule files (src/extension/ruleFilesText.ts), on real compositions from
 * loadEffectiveConfig(). The editor wiring itself runs in a real VS Code: test/vscode/scenarios/rule-files.e2e.ts.
 */
import { describe, it, beforeEach, afterEach } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadEffectiveConfig, MemoryApprovalStore, RuleFileCache } from '../../src/engine/config';
import { allRules } from '../../src/engine/rules';
import { explainRule } from '../../src/engine/docs';
import {
  approvalPrompt, badFileNotification, clip, entryRange, errorMessage, explainDocument, fileStateText, ignoredMessage,
  listEntries, pendingFiles, plain, presetsOf, reviewSummary, statusLine, tildify,
} from '../../src/extension/ruleFilesText';

let tmp: string;
let root: string;

function write(rel: string, content: string): string {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'br-editor-'));
  root = path.join(tmp, 'repo');
  fs.mkdirSync(path.join(root, '.git'), { recursive: true });
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

const LOOSENING = `{
  // team rules
  "rules": {
    "git/force-push": "off",
    "fs/rm-recursive": "block"
  },
  "commands": [
    { "match": "make clean*",
      "decision": "allow" }
  ],
  "protect": ["!secrets/dev.key", "config/*.yml"]
}
`;

describe('approval prompt and ignored entries', () => {
  it('lists the loosening entries of one file with its hash, and nothing that tightens', () => {
    const file = write('.blastradius.json', LOOSENING);
    const eff = loadEffectiveConfig({ cwd: root, workspaceRoot: root, approvals: new MemoryApprovalStore() });
    const pending = pendingFiles(eff.ignored);
    assert.equal(pending.length, 1);
    assert.equal(pending[0]!.file, file);
    assert.match(pending[0]!.hash, /^[0-9a-f]{64}$/);
    assert.deepEqual(pending[0]!.entries.map((e) => e.entry), [
      'rules["git/force-push"]: "off"',
      'commands: { "match": "make clean*", "decision": "allow" }',
      'protect: "!secrets/dev.key"',
    ]);
    const text = approvalPrompt('.blastradius.json', pending[0]!.entries);
    assert.match(text, /^This rule file loosens protection: rules\["git\/force-push"\]: "off", commands: \{ "match": "make clean\*", "decision": "allow" \}, protect: "!secrets\/dev\.key" \(\.blastradius\.json\)\. /);
    assert.match(text, /These 3 entries are ignored until you approve this exact version \(for you only/);
    assert.match(text, /CLI and agent hooks honour it too/);
  });

  it('says why an entry is ignored, and what to do', () => {
    write('.blastradius.json', LOOSENING);
    const eff = loadEffectiveConfig({ cwd: root, workspaceRoot: root, approvals: new MemoryApprovalStore() });
    const off = eff.ignored.find((e) => e.entry.startsWith('rules'))!;
    assert.equal(ignoredMessage(off), 'Ignored until you approve this file: rules["git/force-push"]: "off" turns it off (default "block"); loosening applies only after you approve this file. Approve this version of the file (quick fix, or "Blast Radius: Show Active Configuration") to apply it.');
    assert.match(ignoredMessage(off, true), /You chose to keep ignoring this version/);
    const mine = loadEffectiveConfig({ cwd: root, workspaceRoot: root, approvals: new MemoryApprovalStore(), user: [{ name: 'settings', value: { rules: { 'git/force-push': 'block' } } }] });
    const below = mine.ignored.find((e) => e.kind === 'below-your-setting')!;
    assert.match(ignoredMessage(below), /^Ignored: rules\["git\/force-push"\]: "off": your own settings put git\/force-push at "block"/);
    assert.equal(pendingFiles(mine.ignored).flatMap((p) => p.entries).some((e) => e.kind !== 'needs-approval'), false);
  });

  it('repository text cannot become a link or an icon in a notification or a pick', () => {
    assert.equal(plain('protect: "[Approve](command:blastRadius.approveRuleFile)"'), 'protect: "[Approve] (command:blastRadius.approveRuleFile)"');
    assert.equal(plain('$(check) ok'), '$ (check) ok');
  });

  it('clips repository text in notifications to one short line', () => {
    assert.equal(clip('a\n  b'), 'a b');
    assert.equal(clip('x'.repeat(100)).length, 80);
    const entries = Array.from({ length: 5 }, (_, i) => ({ file: 'f', line: i + 1, column: 1, entry: `protect: "!${i}"`, reason: 'r', kind: 'needs-approval' as const, hash: 'h' }));
    assert.equal(listEntries(entries), 'protect: "!0", protect: "!1", protect: "!2" and 2 more');
  });

  it('the review summary names the file, its hash, each entry with its rule and what approving does', () => {
    write('.blastradius.json', LOOSENING);
    const eff = loadEffectiveConfig({ cwd: root, workspaceRoot: root, approvals: new MemoryApprovalStore() });
    const p = pendingFiles(eff.ignored)[0]!;
    const text = reviewSummary(p, '.blastradius.json', (id) => allRules.find((r) => r.meta.id === id), '~/.blast-radius/approved-rules.json');
    assert.match(text, /^# Review: \.blastradius\.json/);
    assert.ok(text.includes(p.hash));
    assert.match(text, /1\. Line 4, column 5: `rules\["git\/force-push"\]: "off"`/);
    assert.match(text, /The rule: .*default block/);
    assert.match(text, /~\/\.blast-radius\/approved-rules\.json/);
    assert.match(text, /Any later edit of the file.*needs a new approval/);
  });
});

describe('entry ranges', () => {
  it('cover the whole property or array element the location points at', () => {
    const file = write('.blastradius.json', LOOSENING);
    const eff = loadEffectiveConfig({ cwd: root, workspaceRoot: root, approvals: new MemoryApprovalStore() });
    const byEntry = (prefix: string) => eff.ignored.find((e) => e.entry.startsWith(prefix))!;
    const r1 = byEntry('rules');
    assert.deepEqual(entryRange(LOOSENING, r1.line, r1.column), { start: [3, 4], end: [3, 27] });
    const c = byEntry('commands');
    assert.deepEqual(entryRange(LOOSENING, c.line, c.column), { start: [7, 4], end: [8, 27] });
    const p = byEntry('protect');
    assert.deepEqual(entryRange(LOOSENING, p.line, p.column), { start: [10, 14], end: [10, 32] });
    assert.equal(fs.readFileSync(file, 'utf8').split('\n')[3]!.slice(4, 27), '"git/force-push": "off"');
  });

  it('fall back to the rest of the line when the text changed under the location', () => {
    assert.deepEqual(entryRange('{\n  "a": 1,\n}', 2, 3), { start: [1, 2], end: [1, 8] });
    assert.deepEqual(entryRange('not json at all', 1, 5), { start: [0, 4], end: [0, 15] });
  });
});

describe('bad files', () => {
  it('each error says what stays in force, and the notification names file:line:column once', () => {
    const cache = new RuleFileCache(allRules.map((r) => r.meta.id));
    const file = write('.blastradius.json', '{ "rules": { "git/force-push": "block" } }');
    const load = () => loadEffectiveConfig({ cwd: root, workspaceRoot: root, approvals: new MemoryApprovalStore(), cache });
    assert.equal(load().diagnostics.length, 0);
    fs.writeFileSync(file, '{\n  "rules": {\n    "git/force-push": "block"\n    "fs/rm-recursive": "maybe"\n  }\n}\n');
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const eff = load();
    const status = eff.files.find((f) => f.path === file)!;
    assert.equal(status.state, 'last-good');
    const d = eff.diagnostics[0]!;
    assert.equal(`${d.line}:${d.column}`, '4:5');
    assert.equal(errorMessage(d, status.state), 'a comma is expected. Until this is fixed, the last good version of this file (read earlier in this window) stays in force.');
    assert.match(errorMessage(d, 'not-in-force'), /this file is not in force: the built-in rules, your own settings and the other rule files apply\.$/);
    const note = badFileNotification('.blastradius.json', eff.diagnostics, status.state);
    assert.match(note, /^Blast Radius: \.blastradius\.json has errors: \.blastradius\.json:4:5: a comma is expected/);
    assert.match(note, /The last good configuration stays in force until it is fixed\.$/);
    assert.match(badFileNotification('x', eff.diagnostics, 'not-in-force'), /This file is not in force/);
    assert.equal(errorMessage({ ...d, severity: 'warning', message: 'w' }, undefined), 'w');
  });
});

describe('active configuration', () => {
  it('status line: files, presets, errors, pending', () => {
    write('.blastradius.json', '{ "extends": "strict", "rules": { "git/force-push": "off" } }');
    const eff = loadEffectiveConfig({ cwd: root, workspaceRoot: root, approvals: new MemoryApprovalStore() });
    assert.equal(statusLine(eff, ['strict']), '1 rule file · preset strict · 1 entry ignored pending approval');
    const none = loadEffectiveConfig({ cwd: tmp, workspaceRoot: tmp, approvals: new MemoryApprovalStore() });
    assert.equal(statusLine(none, []), 'no rule file: built-in rules · preset recommended · nothing pending approval');
    assert.equal(fileStateText(eff.files[0]!, 1), 'rule file · in force · 1 loosening entry ignored pending your approval');
    const approved = new MemoryApprovalStore();
    approved.approve(eff.files[0]!.path, eff.files[0]!.hash);
    const trusted = loadEffectiveConfig({ cwd: root, workspaceRoot: root, approvals: approved });
    assert.equal(fileStateText(trusted.files[0]!, 0), 'rule file · in force · approved by you (1 loosening entry applies)');
    assert.deepEqual(presetsOf(['./base.json', 'strict', 'recommended']), ['strict', 'recommended']);
    assert.equal(tildify('/home/me/.blast-radius/config.json', '/home/me'), '~/.blast-radius/config.json');
    assert.equal(tildify('/etc/x', '/home/me'), '/etc/x');
  });

  it('Explain Rule shows the CLI text and the setting in force here', () => {
    const rule = allRules.find((r) => r.meta.id === 'fs/rm-recursive')!;
    const text = explainDocument(rule, 'block', 'api');
    assert.ok(text.startsWith(explainRule(rule) + '\n'));
    assert.match(text, /In api: set to "block" by the rule files in force\./);
    assert.match(explainDocument(rule, undefined, undefined), /In this workspace: default \("block"\); no rule file changes it\./);
  });
});
