/**
 * Guards the harness itself (and shows how to use it): terminal, modal and webview helpers against
 * VS Code's own UI, so a broken selector shows up here rather than in a product scenario.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Scenario } from '../harness';

export default {
  name: 'harness helpers drive the terminal, a modal and a webview',
  async run(h) {
    assert.ok(fs.existsSync(h.cliPath), `installed CLI missing: ${h.cliPath}`);
    await h.statusBarItem(/Layout/).waitFor();

    await h.openTerminal();
    await h.typeInTerminal('echo "$BLAST_RADIUS_TEST_LOG_DIR" > logdir.txt; echo done-$((6*7))');
    await h.waitFor(async () => (await h.terminalText()).includes('done-42'), 10_000, 'terminal output');
    assert.equal(fs.readFileSync(path.join(h.workspace, 'logdir.txt'), 'utf8').trim(), h.logDir);

    // Deleting from the Explorer asks in a modal; Cancel keeps the file.
    await h.page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'README.md' }).click();
    await h.page.keyboard.press('Delete');
    assert.match(await h.modalText(), /permanently delete 'README\.md'/);
    await h.clickModalButton('Cancel');
    assert.ok(fs.existsSync(path.join(h.workspace, 'README.md')));

    await h.openFile('README.md');
    await h.runCommand('Markdown: Open Preview to the Side');
    await h.webview().locator('h1', { hasText: 'Fixture workspace' }).waitFor({ timeout: 20_000 });
    await h.screenshot('webview');
  },
} satisfies Scenario;
