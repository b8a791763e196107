/// <reference types="mocha" />
/**
 * Rule files in the real extension host (src/extension/ruleFiles.ts): the hash check at approval time, Review and
 * Explain Rule through their commands. The notification's buttons (Approve this version, Keep ignoring) are clicked
 * in scenarios/rule-files.e2e.ts: a stub of vscode.window here does not reach the installed extension, whose
 * `vscode` API object is its own.
 */
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

interface State {
  known: string[];
  pending: { file: string; hash: string; entries: number }[];
  keptIgnoring: string[];
  approvalsFile: string;
  folders: { folder: string; root: string; rules: Record<string, string> }[];
}

const state = (): Thenable<State> => vscode.commands.executeCommand<State>('blastRadius.ruleFilesState');

async function until<T>(fn: () => T | Promise<T>, what: string, timeout = 15_000): Promise<NonNullable<T>> {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const sha256 = (text: string): string => crypto.createHash('sha256').update(text).digest('hex');

suite('rule files', () => {
  const folder = vscode.workspace.workspaceFolders![0]!.uri.fsPath;

  suiteSetup(async () => {
    await vscode.extensions.getExtension('blast-radius.blast-radius')!.activate();
  });

  test('the approve command refuses a hash that is not the file\'s content now, without asking', async () => {
    const dir = path.join(folder, 'approve');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, '.blastradius.json');
    const first = '{ "commands": [{ "match": "make clean*", "decision": "allow" }] }\n';
    fs.writeFileSync(file, first);
    await until(async () => (await state()).pending.find((p) => p.file === file && p.hash === sha256(first)), 'the file to be pending');
    const second = '{ "commands": [{ "match": "make clean*", "decision": "allow" }, { "match": "make nuke*", "decision": "allow" }] }\n';
    fs.writeFileSync(file, second);
    await until(async () => (await state()).pending.find((p) => p.file === file && p.hash === sha256(second)), 'the new version to be pending');
    // A command link or another extension naming the old version gets nothing (and no dialog to click through).
    const refused = await vscode.commands.executeCommand<boolean>('blastRadius.approveRuleFile', file, sha256(first));
    assert.equal(refused, false);
    const s = await state();
    assert.ok(s.pending.some((p) => p.file === file && p.hash === sha256(second)), 'still pending');
    assert.ok(!fs.existsSync(s.approvalsFile) || !fs.readFileSync(s.approvalsFile, 'utf8').includes(file), 'nothing approved');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('Review opens the file at the first ignored entry and the summary beside it', async () => {
    const dir = path.join(folder, 'review');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, '.blastradius.json');
    fs.writeFileSync(file, '{\n  "rules": {\n    "fs/rm-recursive": "ask"\n  }\n}\n');
    await until(async () => (await state()).pending.find((p) => p.file === file), 'the file to be pending');
    await vscode.commands.executeCommand('blastRadius.reviewRuleFile', file);
    const docs = vscode.workspace.textDocuments;
    const summary = docs.find((d) => d.uri.scheme === 'blast-radius-review' && d.uri.query === file);
    assert.ok(summary, 'the review summary is open');
    assert.match(summary.getText(), /1\. Line 3, column 5: `rules\["fs\/rm-recursive"\]: "ask"`/);
    assert.match(summary.getText(), /lowers it to "ask" \(default "block"\)/);
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.fsPath === file);
    assert.ok(editor, 'the rule file is visible');
    assert.equal(editor.selection.active.line, 2);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a folder that arrives whole (checkout, move) is searched for rule files; its removal drops them', async () => {
    // Built outside the workspace and renamed in: the watcher sees only the folder, never the file's creation.
    const staging = fs.mkdtempSync(path.join(path.dirname(folder), 'br-staging-'));
    fs.mkdirSync(path.join(staging, 'pkg/deep'), { recursive: true });
    fs.writeFileSync(path.join(staging, 'pkg/deep/.blastradius.json'), '{ "rules": { "fs/rm-recursive": "maybe" } }\n');
    const target = path.join(folder, 'moved-pkg');
    fs.renameSync(staging, target);
    const file = path.join(target, 'pkg/deep/.blastradius.json');
    await until(async () => (await state()).known.includes(file), 'the rule file inside the new folder');
    await until(() => vscode.languages.getDiagnostics(vscode.Uri.file(file)).some((d) => /is "maybe"; it must be one of/.test(d.message)), 'its diagnostic');
    fs.rmSync(target, { recursive: true, force: true });
    await until(async () => !(await state()).known.includes(file), 'the rule file to be forgotten');
    await until(() => vscode.languages.getDiagnostics(vscode.Uri.file(file)).length === 0, 'its diagnostic to go');
  });

  test('Explain Rule opens a read-only document with the CLI text', async () => {
    await vscode.commands.executeCommand('blastRadius.explainRule', 'git/force-push');
    const doc = vscode.window.activeTextEditor?.document;
    assert.ok(doc && doc.uri.scheme === 'blast-radius-rule', 'the explain document is active');
    assert.match(doc.getText(), /^git\/force-push \(command rule, default: block, severity: /);
    assert.match(doc.getText(), /Same text as: blast-radius rules explain git\/force-push/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
