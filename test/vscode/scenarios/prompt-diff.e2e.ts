/**
 * A paused file edit in a real VS Code: the prompt names the file and the size of the change, Show Diff
 * opens the file as it is beside the content the agent proposes, the question moves to a notification
 * next to the diff, and the answer given there reaches the hook. The file on disk is never touched.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Scenario } from '../harness';
import { callHook, waitForChannel } from './agent';

const ROOT = path.resolve(__dirname, '../../..');
const CONTENT = '{\n  "db": "prod-db.internal",\n  "replicas": 3\n}\n';

export default {
  name: 'pause prompt for a file edit: Show Diff opens now ↔ proposed, and the answer beside it reaches the hook',
  timeout: 90_000,
  async run(h) {
    await waitForChannel(h);
    const file = path.join(h.workspace, 'config', 'production.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, CONTENT);

    const call = callHook(h, { tool: 'Edit', input: { file_path: file, old_string: '"replicas": 3', new_string: '"replicas": 0', replace_all: false } });
    await h.waitForModal();
    const text = await h.modalText();
    assert.match(text, /Allow Claude Code to edit production\.json\?/);
    assert.ok(text.includes(`File: ${file}`), text);
    assert.match(text, /Change: \+1 −1 lines \(the file has 4 lines\)/);
    assert.match(text, /Rule files\/protected-edit/);
    assert.match(text, /Show Diff opens the proposed content/);
    await h.clickModalButton('Show Diff');

    const diff = h.page.locator('.monaco-diff-editor').first();
    await diff.waitFor({ timeout: 15_000 });
    await h.page.locator('.tab', { hasText: 'production.json (Claude Code: now ↔ proposed)' }).waitFor({ timeout: 10_000 });
    const modified = (await diff.locator('.editor.modified .view-lines').innerText()).replace(/\u00a0/g, ' ');
    const original = (await diff.locator('.editor.original .view-lines').innerText()).replace(/\u00a0/g, ' ');
    assert.match(modified, /"replicas": 0/);
    assert.match(original, /"replicas": 3/);
    const toast = h.page.locator('.notification-toast', { hasText: 'Allow Claude Code to edit production.json?' });
    await toast.waitFor({ timeout: 10_000 });
    const shot = await h.screenshot('diff');
    fs.mkdirSync(path.join(ROOT, 'media/screenshots'), { recursive: true });
    if (process.env.BLAST_RADIUS_UPDATE_SCREENSHOTS === '1') fs.copyFileSync(shot, path.join(ROOT, 'media/screenshots/prompt-diff.png'));
    await toast.getByRole('button', { name: 'Deny' }).click();

    const r = await call;
    assert.equal(r.code, 2, JSON.stringify(r));
    assert.equal(r.decision, 'deny');
    assert.equal(fs.readFileSync(file, 'utf8'), CONTENT);
  },
} satisfies Scenario;
