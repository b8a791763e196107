/**
 * The `npm run demo` workspace (demo/workspace) in the real VS Code: it opens with its README, and the
 * agent replay, run from the integrated terminal, goes through the bundled `blast-radius hook claude`:
 * harmless steps pass silently, and the first destructive one (migration 002, which drops tables, run with
 * psql on the dev database: an ask) raises the Blast Radius modal; Deny goes back to the replay as a deny.
 *
 * While the editor side of the channel (the gate) is not running, no window registers itself, the hook
 * decides alone and the replay reports Claude Code's own "ask": the scenario checks that instead and says so.
 * Set BLAST_RADIUS_UPDATE_SCREENSHOTS=1 to also save media/screenshots/demo-modal.png (the README shows it).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { protectConfig } from '../../../src/protect/config';
import { findOnPath } from '../../../src/protect/plan';
import type { Harness, Scenario } from '../harness';

const ROOT = path.resolve(__dirname, '../../..');
const FIRST_DESTRUCTIVE = /psql \S*acme_dev -f migrations\/002_drop_legacy_orders\.sql/;

/** A window registry entry (src/channel/registry.ts) of the window that has this workspace open. */
function gateListening(h: Harness): boolean {
  const dir = path.join(h.env.HOME ?? '', '.blast-radius', 'windows');
  let names: string[] = [];
  try { names = fs.readdirSync(dir).filter((n) => n.endsWith('.json')); } catch { return false; }
  return names.some((n) => {
    try {
      const e = JSON.parse(fs.readFileSync(path.join(dir, n), 'utf8')) as { workspaceFolders?: string[] };
      return (e.workspaceFolders ?? []).some((f) => path.resolve(f) === path.resolve(h.workspace));
    } catch { return false; }
  });
}

export default {
  name: 'demo workspace: the agent replay raises the modal at its first destructive step',
  workspace: path.join(ROOT, 'demo/workspace'),
  timeout: 90_000,
  async run(h) {
    for (const f of ['.blastradius.json', '.env.production', 'migrations/002_drop_legacy_orders.sql', '.claude/settings.local.json', '.demo/agent-replay.js']) {
      assert.ok(fs.existsSync(path.join(h.workspace, f)), `demo workspace lacks ${f}`);
    }
    // As scripts/demo.ts does: the Claude hook as Protect This Workspace writes it for the installed extension.
    const hookFile = path.join(h.workspace, '.claude/settings.local.json');
    const node = findOnPath('node', h.env, process.platform) ?? process.execPath;
    fs.writeFileSync(hookFile, protectConfig('claude', fs.readFileSync(hookFile, 'utf8'), { node, cli: h.cliPath },
      { home: h.env.HOME ?? '', env: h.env, platform: process.platform }).text);
    assert.match(fs.readFileSync(hookFile, 'utf8'), /cli\.js" hook claude|cli\.js hook claude/);
    await h.page.locator('.explorer-folders-view .monaco-list-row', { hasText: '.blastradius.json' }).waitFor({ timeout: 20_000 });
    // The extension must be up before the replay, or a listening gate would be missed.
    await h.waitFor(async () => (await h.outputText('Blast Radius')).includes('activated'), 30_000, 'Blast Radius activation');
    const listening = await h.waitFor(() => gateListening(h), 5_000, 'window registry').catch(() => false);

    // The terminal shows only its last rows: the replay's output is also kept in a file for the checks.
    const logFile = path.join(h.workspace, '.demo/replay.log');
    const replayLog = (): string => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '');
    await h.openTerminal();
    await h.typeInTerminal('node .demo/agent-replay.js --fast --until-pause 2>&1 | tee .demo/replay.log');
    if (listening) {
      const text = await h.modalText();
      assert.match(text, FIRST_DESTRUCTIVE);
      const shot = await h.screenshot('modal');
      if (process.env.BLAST_RADIUS_UPDATE_SCREENSHOTS === '1') {
        fs.mkdirSync(path.join(ROOT, 'media/screenshots'), { recursive: true });
        fs.copyFileSync(shot, path.join(ROOT, 'media/screenshots/demo-modal.png'));
      }
      await h.clickModalButton('Deny');
      await h.waitFor(() => /✗ denied/.test(replayLog()), 20_000, 'the replay reporting the deny');
    } else {
      console.log('    note: no Blast Radius window registered for the workspace (gate not running): checking the hook-alone answer');
      await h.waitFor(() => /\? ask/.test(replayLog()), 30_000, 'the replay reporting the hook-alone ask');
      assert.equal(await h.page.locator('.monaco-dialog-box').count(), 0, 'no modal without a gate');
    }
    const out = replayLog();
    // Harmless steps went through without a pause, the first destructive one stopped the replay.
    assert.match(out, /npm test[\s\S]*✓ allowed/);
    assert.match(out, FIRST_DESTRUCTIVE);
    assert.doesNotMatch(out, /git status --short/, 'the replay stops at the first pause with --until-pause');
    // The one harmless edit was applied inside the workspace; nothing else changed.
    assert.match(fs.readFileSync(path.join(h.workspace, 'src/server.js'), 'utf8'), /\/health/);
    await h.screenshot('replay');
  },
} satisfies Scenario;
