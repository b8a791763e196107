/// <reference types="mocha" />
/**
 * SQL diagnostics in the real extension host (src/extension/sqlDiagnostics.ts, sqlFindings.ts): what
 * `vscode.languages.getDiagnostics(uri)` holds for migrations and SQL documents (range, severity, message, source,
 * code and its documentation link), the debounced rescan on change, clearing on close and with the setting off,
 * the team rule file's settings, and the pure helpers (link building, ranges).
 * The fixture migrations are test/vscode/fixtures/workspace/db/migrate/*.rb.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { excerptEnd, headingAnchor, ruleDocsTarget, webUrl } from '../../../src/extension/sqlFindings';

const SOURCE = 'Blast Radius';
const DOCS = 'https://github.com/blast-radius/blast-radius/blob/HEAD/docs/rules.md';

async function until<T>(fn: () => T | Promise<T>, what: string, timeout = 15_000): Promise<NonNullable<T>> {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

function codeOf(d: vscode.Diagnostic): { value: string; target: string } | undefined {
  const c = d.code as { value: string | number; target: vscode.Uri } | undefined;
  return c && typeof c === 'object' ? { value: String(c.value), target: c.target.toString(true) } : undefined;
}

const rangeText = (r: vscode.Range): string => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

suite('sql diagnostics', () => {
  const folder = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
  const migration = (name: string): vscode.Uri => vscode.Uri.file(path.join(folder, 'db/migrate', name));

  suiteSetup(async () => {
    await vscode.extensions.getExtension('blast-radius.blast-radius')!.activate();
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a migration with DROP TABLE users: an Error on the statement, with the rule id, message and docs link', async () => {
    const uri = migration('20240101000000_drop_users.rb');
    await vscode.window.showTextDocument(uri);
    const [d, ...rest] = await until(() => ours(uri).length ? ours(uri) : undefined, 'the DROP TABLE diagnostic');
    assert.equal(rest.length, 0, 'one finding');
    assert.equal(d!.message, 'DROP TABLE deletes table users');
    assert.equal(d!.severity, vscode.DiagnosticSeverity.Error, 'block → Error');
    // `    execute "DROP TABLE users;"`: from the D to the end of the statement (the `;` is not part of it).
    assert.equal(rangeText(d!.range), '2:13-2:29');
    assert.deepEqual(codeOf(d!), { value: 'sql/drop-table', target: `${DOCS}#sqldrop-table` });

    // The quick fix explains the rule in the editor.
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d!.range);
    const explain = actions.find((a) => a.title === 'Explain sql/drop-table');
    assert.ok(explain, `an Explain quick fix among ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(explain.command?.command, 'blastRadius.explainRule');
    assert.deepEqual(explain.command?.arguments, ['sql/drop-table']);
    await vscode.commands.executeCommand(explain.command!.command, ...explain.command!.arguments!);
    const shown = await until(() => {
      const doc = vscode.window.activeTextEditor?.document;
      return doc?.uri.scheme === 'blast-radius-rule' ? doc : undefined;
    }, 'the explain document');
    assert.match(shown.getText(), /^sql\/drop-table \(sql rule, default: block/);
  });

  test('a harmless migration gets none; a destructive line typed into it appears after the pause and goes when removed', async () => {
    const uri = migration('20240102000000_add_age_to_accounts.rb');
    const editor = await vscode.window.showTextDocument(uri);
    await sleep(1000); // opened and scanned: nothing to say about add_column and an UPDATE with a WHERE
    assert.deepEqual(ours(uri), []);

    const at = new vscode.Position(3, 0);
    const line = '    execute "TRUNCATE TABLE accounts"\n';
    await editor.edit((b) => b.insert(at, line));
    const [d] = await until(() => ours(uri)[0] && ours(uri), 'the TRUNCATE diagnostic after an edit');
    assert.equal(codeOf(d!)?.value, 'sql/truncate');
    assert.equal(d!.range.start.line, 3);
    assert.equal(codeOf(d!)?.target, `${DOCS}#sqltruncate`);

    await editor.edit((b) => b.delete(new vscode.Range(at, at.translate(1))));
    await until(() => ours(uri).length === 0, 'the diagnostic to go once the line is removed');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  // Closing clears too, but a document opened through the API stays open in the extension host for minutes after
  // its editor closes: scenarios/sql-diagnostics.e2e.ts checks closing from the UI. A language change closes the
  // document and opens it again, in the new language.
  test('a document that stops being SQL loses its diagnostics, and gets them back as SQL again', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'sql', content: 'TRUNCATE TABLE audit_log;\n' });
    await vscode.window.showTextDocument(doc);
    await until(() => ours(doc.uri).length === 1, 'the TRUNCATE diagnostic');
    const plain = await vscode.languages.setTextDocumentLanguage(doc, 'plaintext');
    await until(() => ours(plain.uri).length === 0, 'the diagnostics to be cleared in plain text');
    const sql = await vscode.languages.setTextDocumentLanguage(plain, 'sql');
    await until(() => ours(sql.uri).length === 1, 'the diagnostic back in SQL');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('an untitled document in SQL mode: ask is a Warning, block an Error, each from its own line and column', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'sql', content: 'SELECT 1;\nALTER TABLE users RENAME TO customers;\n  DELETE\n  FROM orders;\n' });
    await vscode.window.showTextDocument(doc);
    const list = await until(() => (ours(doc.uri).length === 2 ? ours(doc.uri) : undefined), 'two diagnostics');
    const byId = new Map(list.map((d) => [codeOf(d)!.value, d]));
    const rename = byId.get('sql/alter-table-drop')!;
    assert.equal(rename.severity, vscode.DiagnosticSeverity.Warning, 'ask → Warning');
    assert.equal(rangeText(rename.range), '1:0-1:37');
    const del = byId.get('sql/delete-without-where')!;
    assert.equal(del.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(del.message, 'DELETE removes every row of orders (has no WHERE clause)');
    // A statement over two lines: the range follows it to its end.
    assert.equal(rangeText(del.range), '2:2-3:13');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('the setting blastRadius.sqlDiagnostics.enabled: false clears, true brings them back', async () => {
    const uri = migration('20240101000000_drop_users.rb');
    await vscode.window.showTextDocument(uri);
    await until(() => ours(uri).length > 0, 'the diagnostic');
    const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('blastRadius.sqlDiagnostics');
    try {
      await config().update('enabled', false, vscode.ConfigurationTarget.Workspace);
      await until(() => ours(uri).length === 0, 'the diagnostics to go with the setting off');
      await config().update('enabled', true, vscode.ConfigurationTarget.Workspace);
      await until(() => ours(uri).length > 0, 'the diagnostics back with the setting on');
    } finally {
      await config().update('enabled', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  test('the team rule file applies: a floor raises the rename to an Error; a down file may drop what its up file creates', async () => {
    const dir = path.join(folder, 'sqlrules');
    fs.mkdirSync(dir, { recursive: true });
    try {
      fs.writeFileSync(path.join(dir, '.blastradius.json'), '{ "rules": { "sql/alter-table-drop": "block" } }\n');
      const file = path.join(dir, 'rename.sql');
      fs.writeFileSync(file, 'ALTER TABLE users RENAME TO customers;\n');
      const uri = vscode.Uri.file(file);
      await vscode.window.showTextDocument(uri);
      const [d] = await until(() => ours(uri)[0] && ours(uri), 'the rename diagnostic');
      assert.equal(codeOf(d!)?.value, 'sql/alter-table-drop');
      assert.equal(d!.severity, vscode.DiagnosticSeverity.Error, 'raised to block by the rule file');

      // As `blast-radius scan` reads them: 1.down.sql drops the table 1.up.sql creates, nothing to say.
      fs.writeFileSync(path.join(dir, '1.up.sql'), 'CREATE TABLE widgets (id int);\n');
      fs.writeFileSync(path.join(dir, '1.down.sql'), 'DROP TABLE widgets;\n');
      fs.writeFileSync(path.join(dir, '2.down.sql'), 'DROP TABLE gadgets;\n');
      const down1 = vscode.Uri.file(path.join(dir, '1.down.sql'));
      const down2 = vscode.Uri.file(path.join(dir, '2.down.sql'));
      await vscode.window.showTextDocument(down2);
      await until(() => ours(down2).length > 0, 'the DROP TABLE gadgets diagnostic (no up file creates it)');
      await vscode.window.showTextDocument(down1);
      await sleep(1000);
      assert.deepEqual(ours(down1), []);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('links: the rule section of docs/rules.md on the forge, else Explain Rule, else the repository', () => {
    const explain = { contributes: { commands: [{ command: 'blastRadius.explainRule' }] } };
    const link = (pkg: object, id = 'sql/drop-table'): string | undefined => ruleDocsTarget(id, pkg)?.toString(true);
    assert.equal(link({ repository: { url: 'git+https://github.com/o/r.git' } }), 'https://github.com/o/r/blob/HEAD/docs/rules.md#sqldrop-table');
    assert.equal(link({ repository: 'git@gitlab.com:o/r.git' }), 'https://gitlab.com/o/r/-/blob/HEAD/docs/rules.md#sqldrop-table');
    assert.equal(link({ repository: 'github:o/r' }), 'https://github.com/o/r/blob/HEAD/docs/rules.md#sqldrop-table');
    assert.equal(link({ homepage: 'https://github.com/o/r#readme' }), 'https://github.com/o/r/blob/HEAD/docs/rules.md#sqldrop-table');
    const cmd = ruleDocsTarget('sql/drop-table', { repository: 'https://git.example.com/o/r', ...explain })!;
    assert.equal(cmd.scheme, 'command');
    assert.equal(cmd.path, 'blastRadius.explainRule');
    assert.deepEqual(JSON.parse(cmd.query), ['sql/drop-table']);
    assert.equal(link({ repository: 'https://git.example.com/o/r.git' }), 'https://git.example.com/o/r');
    assert.equal(link({}), undefined);
    assert.equal(link({ repository: { url: 'https://github.com/o/r' } }, 'engine/unanalysable'), 'https://github.com/o/r/blob/HEAD/docs/rules.md');
    assert.equal(webUrl('git://github.com/o/r.git'), 'https://github.com/o/r');
    assert.equal(webUrl('file:///tmp/x'), undefined);
    assert.equal(headingAnchor('sql/update-without-where'), 'sqlupdate-without-where');
  });

  test('ranges: white space in the excerpt matches any white space; anything else ends at the line', () => {
    assert.equal(excerptEnd('x DELETE\n  FROM   t;', 2, 'DELETE FROM t'), 19);
    assert.equal(excerptEnd('DROP TABLE "a\\nb"', 0, 'DROP TABLE __dynamic__'), undefined);
    assert.equal(excerptEnd('DROP', 0, 'DROP TABLE t'), undefined);
  });
});
