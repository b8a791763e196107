/**
 * Snapshots of protected files (issue 8) in a real VS Code: a protected file changed or deleted on disk by
 * another process (this test runner, not the editor and not a hook) is reported at once in a notification, and
 * Restore puts the snapshot back. The extension writes its snapshot events to $BLAST_RADIUS_TEST_LOG_DIR/
 * snapshots.log, which the scenarios read to know when a snapshot was taken.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Harness, Scenario } from '../harness';

interface SnapshotLogLine {
  t: number;
  event: string;
  path?: string;
  folders?: string[];
  weakens?: string[];
}

function events(h: Harness, since: number): SnapshotLogLine[] {
  const file = path.join(h.logDir, 'snapshots.log');
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as SnapshotLogLine).filter((e) => e.t >= since);
}

async function startUpDone(h: Harness, since: number): Promise<void> {
  await h.waitFor(() => events(h, since).some((e) => e.event === 'start-up' && e.folders?.includes(h.workspace)), 30_000, 'the start-up snapshot');
}

/** Creates a protected file the way a person or tool would, and waits until the extension keeps its first version. */
async function createProtected(h: Harness, rel: string, content: string): Promise<string> {
  const file = path.join(h.workspace, rel);
  const since = Date.now();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  await h.waitFor(() => events(h, since).some((e) => e.event === 'snapshot' && e.path === file), 20_000, `a snapshot of ${rel}`);
  return file;
}

function toast(h: Harness, text: string | RegExp) {
  return h.page.locator('.notifications-toasts .notification-toast', { hasText: text });
}

const changed: Scenario = {
  name: 'snapshots: a protected file changed by another process is reported and restored from its snapshot',
  timeout: 90_000,
  async run(h) {
    const original = 'replicas: 3\nimage: registry.example.com/api:1.4.2\n';
    const file = path.join(h.workspace, 'config/production.yml');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, original);
    // A new window (a reload) takes the start-up snapshot, which now includes the file.
    const reloaded = Date.now();
    await h.runCommand('Developer: Reload Window');
    await h.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await h.waitFor(() => events(h, reloaded).some((e) => e.event === 'start-up' && e.folders?.includes(h.workspace) && (e as { count?: number }).count! >= 1), 60_000, 'the start-up snapshot after the reload');

    fs.writeFileSync(file, 'replicas: 0\n');
    const note = toast(h, 'config/production.yml');
    await note.waitFor({ timeout: 20_000 });
    assert.match(await note.innerText(), /was changed outside the editor and no agent hook saw it/);

    // Compare opens VS Code's diff of the snapshot and the file; the notification comes back.
    await note.getByRole('button', { name: 'Compare' }).click();
    await h.page.locator('.monaco-diff-editor').first().waitFor({ timeout: 20_000 });
    await h.page.locator('.tab', { hasText: /production\.yml \(snapshot .* ↔ now\)/ }).first().waitFor({ timeout: 10_000 });
    // Both sides rendered: the snapshot (left) still has 3 replicas, the file (right) has 0.
    await h.page.locator('.monaco-diff-editor .editor.original .view-lines', { hasText: 'replicas: 3' }).waitFor({ timeout: 10_000 });
    await h.page.locator('.monaco-diff-editor .editor.modified .view-lines', { hasText: 'replicas: 0' }).waitFor({ timeout: 10_000 });
    await toast(h, 'config/production.yml').waitFor({ timeout: 10_000 });
    await h.screenshot('compare');

    await toast(h, 'config/production.yml').getByRole('button', { name: 'Restore' }).click();
    await h.waitFor(() => fs.readFileSync(file, 'utf8') === original, 10_000, 'the restored content');
    await toast(h, /restored config\/production\.yml/).waitFor({ timeout: 10_000 });
    await h.screenshot('restored');
  },
};

const deleted: Scenario = {
  name: 'snapshots: a deleted protected file comes back',
  timeout: 90_000,
  async run(h) {
    await startUpDone(h, Date.now() - 60_000);
    const original = 'API_URL=https://api.example.com\nDB_PASSWORD=s3cret\n';
    const file = await createProtected(h, '.env.production', original);

    fs.rmSync(file);
    const note = toast(h, '.env.production');
    await note.waitFor({ timeout: 20_000 });
    assert.match(await note.innerText(), /was deleted outside the editor/);
    await note.getByRole('button', { name: 'Restore' }).click();
    await h.waitFor(() => fs.existsSync(file) && fs.readFileSync(file, 'utf8') === original, 10_000, 'the file back');
    await h.screenshot('deleted-restored');
  },
};

const tampered: Scenario = {
  name: "snapshots: an outside change that removes the Blast Radius hook is reported as weakening and can be undone",
  timeout: 90_000,
  async run(h) {
    await startUpDone(h, Date.now() - 60_000);
    const withHook = JSON.stringify({ hooks: { PreToolUse: [{ matcher: '*', hooks: [{ type: 'command', command: 'blast-radius hook claude' }] }] } }, null, 2) + '\n';
    const file = await createProtected(h, '.claude/settings.json', withHook);

    const since = Date.now();
    fs.writeFileSync(file, '{ "hooks": {} }\n');
    const note = toast(h, '.claude/settings.json');
    await note.waitFor({ timeout: 20_000 });
    assert.match(await note.innerText(), /weakens protection: removes a Blast Radius hook/);
    assert.ok(events(h, since).some((e) => e.event === 'detected' && e.weakens?.includes('removes a Blast Radius hook')));
    await note.getByRole('button', { name: 'Restore' }).click();
    await h.waitFor(() => fs.readFileSync(file, 'utf8') === withHook, 10_000, 'the hook back');

    // A change that loosens nothing (a model setting next to the hook) is kept quietly, with the old version.
    const quiet = Date.now();
    fs.writeFileSync(file, JSON.stringify({ model: 'opus', ...JSON.parse(withHook) }, null, 2) + '\n');
    await h.waitFor(() => events(h, quiet).some((e) => e.event === 'guard-changed' && e.path === file), 20_000, 'the quiet guard change');
    assert.equal(await toast(h, /\.claude\/settings\.json.*was changed/).count(), 0);
  },
};

export default [changed, deleted, tampered];
