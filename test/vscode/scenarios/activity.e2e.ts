/**
 * Activity log in the real VS Code: terminal commands and hook calls reach the panel, the decision filter
 * and export work, the status bar shows the protection state, and the panel opens fast on 100,000 entries.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import type { Scenario, Harness } from '../harness';
import { ActivityWriter } from '../../../src/activity/store';
import { hookEntry } from '../../../src/activity/entries';
import type { ChannelRequest } from '../../../src/channel/protocol';
import type { Verdict } from '../../../src/engine/types';
import { writeSyntheticSegment } from '../../activity/fixtures/synthetic';

/** Where the extension keeps the activity log (it writes this file when BLAST_RADIUS_TEST_LOG_DIR is set). */
async function storeDir(h: Harness): Promise<string> {
  // The file outlives windows (an earlier scenario wrote it): the status bar item says this window's
  // extension is up, so its terminal and file observers are listening.
  await h.statusBarItem(/Blast Radius:/).waitFor({ timeout: 30_000 });
  const file = path.join(h.logDir, 'activity-store.json');
  return h.waitFor(() => (fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { dir: string }).dir : undefined), 30_000, 'activity-store.json');
}

async function openPanel(h: Harness): Promise<FrameLocator> {
  // The palette lists the commands that exist when it opens: wait until the extension is up.
  await h.statusBarItem(/Blast Radius:/).waitFor({ timeout: 30_000 });
  await h.runCommand('Blast Radius: Show Activity Log');
  // Webview iframes live in an overlay outside .part.panel; ours is the only webview in these windows.
  const wv = h.webview();
  await wv.locator('body[data-ready="true"]').waitFor({ timeout: 30_000 });
  return wv;
}

function rows(wv: FrameLocator, text?: string | RegExp) {
  return wv.locator('#list .row.item', text ? { hasText: text } : {});
}

const ASK: Verdict = {
  decision: 'ask', reason: 'Deletes a folder outside the workspace',
  findings: [{ ruleId: 'fs/rm-recursive', decision: 'ask', severity: 'high', message: 'Deletes ~/important recursively', target: '~/important', signals: ['outside the workspace'] }],
};
const BLOCK: Verdict = {
  decision: 'block', reason: 'Drops a production table',
  findings: [{ ruleId: 'sql/drop-table', decision: 'block', severity: 'critical', message: 'Drops table users', target: 'users', signals: ['host db.prod.internal looks like production'] }],
};

function request(id: string, agent: string, command: string, verdict: Verdict): ChannelRequest {
  return { id, agent, action: { kind: 'shell', command, cwd: '/w' }, verdict, payloadSummary: `Bash: ${command}`, cwd: '/w' };
}

const scenarios: Scenario[] = [
  {
    name: 'activity: a command typed in the terminal appears in the panel with its exit code',
    async run(h) {
      await storeDir(h);
      await h.openTerminal();
      const marker = `br-${Date.now()}`;
      await h.typeInTerminal(`bash -c 'echo ${marker}; exit 3'`);
      await h.page.locator('.terminal-wrapper.active .xterm-rows', { hasText: marker }).waitFor();
      const wv = await openPanel(h);
      const row = rows(wv, marker);
      await row.first().waitFor({ timeout: 20_000 });
      const text = await row.first().innerText();
      if (!/exit 3/.test(text)) throw new Error(`row does not show exit code 3: ${text}`);
      if (!/terminal/.test(text)) throw new Error(`row does not name the terminal as source: ${text}`);
      await row.first().click();
      await wv.locator('#details', { hasText: 'exit code 3' }).waitFor();
      await h.screenshot('terminal-command');

      // A command the engine would block, typed straight into the terminal: it runs (no hook can stop it;
      // GIT_DIR points nowhere so nothing is pushed) and a warning appears after the fact.
      await h.runCommand('Terminal: Focus Terminal');
      await h.page.locator('.terminal-wrapper.active .xterm').waitFor();
      const forced = `GIT_DIR=/nonexistent/${marker} git push --force origin main`;
      await h.typeInTerminal(forced);
      await h.page.locator('.notification-toast', { hasText: 'without passing through a hook' }).waitFor({ timeout: 20_000 });
      await h.runCommand('Blast Radius: Show Activity Log');
      const warned = rows(wv, `nonexistent/${marker}`);
      await warned.first().waitFor({ timeout: 20_000 });
      const warnedText = await warned.first().innerText();
      if (!/exit 128/.test(warnedText) || !/no hook/.test(warnedText) || !/git\/force-push/.test(warnedText)) throw new Error(`warned row: ${warnedText}`);
    },
  },
  {
    name: 'activity: hook calls recorded through the store appear with their outcome; decision filter; export',
    timeout: 90_000,
    async run(h) {
      const dir = await storeDir(h);
      // Another writer on the same folder, as another window's extension host would be.
      const w = new ActivityWriter({ dir });
      const tag = `t${Date.now()}`;
      w.append(hookEntry(request('1', 'claude', `rm -rf ~/important-${tag}`, ASK), { decision: 'deny', reason: 'Not now', answeredBy: 'user' }, { answeredAt: Date.now() }));
      w.append(hookEntry(request('2', 'copilot', `ls -la ${tag}`, { decision: 'allow', reason: '', findings: [] })));
      w.append(hookEntry(request('3', 'cursor', `psql -h db.prod.internal -c "DROP TABLE users" # ${tag}`, BLOCK), { decision: 'deny', reason: '', answeredBy: 'policy' }));
      w.append(hookEntry(request('4', 'claude', `git push --force origin main # ${tag}`, ASK), { decision: 'allow', reason: '', answeredBy: 'session-rule' }));
      w.close();

      const wv = await openPanel(h);
      await wv.locator('#text').fill(tag);
      // Other windows' entries arrive by polling; the search runs after a short pause in typing.
      await h.waitFor(async () => (await rows(wv).count()) === 4 && /^4 entries/.test(await wv.locator('#status').innerText()), 20_000, 'the 4 hook calls');
      const denied = await rows(wv, `important-${tag}`).innerText();
      if (!/paused → denied/.test(denied) || !/fs\/rm-recursive/.test(denied)) throw new Error(`denied row: ${denied}`);
      if (!/allowed for session/.test(await rows(wv, `main # ${tag}`).innerText())) throw new Error('session allow not shown');
      await rows(wv, `important-${tag}`).click();
      await wv.locator('#details', { hasText: /Answered by\s*user at/ }).waitFor();
      await wv.locator('#details', { hasText: 'outside the workspace' }).waitFor();
      // Keyboard: the selected row has focus; arrows move the selection and the details follow.
      const focused = async (): Promise<string | null> =>
        (await wv.locator('.row.item:focus').count()) === 1 ? wv.locator('.row.item:focus').getAttribute('aria-posinset') : null;
      await h.waitFor(async () => (await focused()) === '4', 5_000, 'focus on the selected row 4');
      await h.page.keyboard.press('ArrowUp');
      await wv.locator('#details h2', { hasText: `ls -la ${tag}` }).waitFor();
      await h.page.keyboard.press('Home');
      await wv.locator('#details h2', { hasText: 'git push --force' }).waitFor();
      await h.waitFor(async () => (await focused()) === '1', 5_000, 'focus on row 1 after Home');
      await rows(wv, `important-${tag}`).click();
      await wv.locator('#details h2', { hasText: `important-${tag}` }).waitFor();
      await h.screenshot('hook-calls');

      // Filter by decision: only the blocked call is left.
      await wv.locator('#decision').selectOption('block');
      await h.waitFor(async () => (await rows(wv).count()) === 1, 10_000, 'one blocked row');
      const blocked = await rows(wv).first().innerText();
      if (!/DROP TABLE/.test(blocked) || !/blocked/.test(blocked)) throw new Error(`blocked row: ${blocked}`);

      // Export the filtered view through the save dialog (code-server's simple file dialog).
      const out = path.join(h.workspace, `export-${tag}.csv`);
      await wv.locator('#export-csv').click();
      const input = h.page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: 15_000 });
      // The dialog fills in the suggested name asynchronously: replace it only once it is there.
      await h.waitFor(async () => /blast-radius-activity-.*\.csv$/.test(await input.inputValue()), 15_000, 'the suggested file name');
      await input.fill(out);
      await h.waitFor(async () => (await input.inputValue()) === out, 5_000, 'the typed path');
      await h.page.keyboard.press('Enter');
      await h.waitFor(() => fs.existsSync(out), 15_000, `export file ${out}`);
      const lines = fs.readFileSync(out, 'utf8').trim().split(/\r\n/);
      if (lines.length !== 2) throw new Error(`export has ${lines.length - 1} rows, expected 1:\n${lines.join('\n')}`);
      if (!/DROP TABLE/.test(lines[1]!) || !/,block,blocked,sql\/drop-table,/.test(lines[1]!)) throw new Error(`export row: ${lines[1]}`);
      await wv.locator('#status', { hasText: 'Exported to' }).waitFor();
      await wv.locator('#decision').selectOption('');
      await wv.locator('#text').fill('');

      // The picture for the README: the whole log, maximised, with the denied call's details open.
      // Wait for the export file's own entry (file watcher, debounced) so no row moves under the click.
      await rows(wv, `created export-${tag}`).first().waitFor({ timeout: 10_000 });
      await rows(wv, `important-${tag}`).first().click();
      await wv.locator('#details h2', { hasText: `important-${tag}` }).waitFor();
      await h.runCommand('View: Toggle Maximized Panel');
      await h.page.waitForTimeout(500);
      const full = await h.screenshot('panel-maximized');
      await h.page.locator('.part.panel').screenshot({ path: path.join(path.dirname(full), 'activity-panel.png') });
      await h.runCommand('View: Toggle Maximized Panel');
    },
  },
  {
    name: 'activity: the status bar shows the protection state, hooked agents and observe-only mode',
    async run(h) {
      await storeDir(h);
      const item = h.statusBarItem(/Blast Radius:/);
      await item.waitFor({ timeout: 20_000 });
      const before = await item.innerText();
      if (!/Blast Radius: off/.test(before)) throw new Error(`expected "off" with no hooks installed, got: ${before}`);
      // A Claude hook config that runs blast-radius: one agent hooked.
      fs.mkdirSync(path.join(h.workspace, '.claude'), { recursive: true });
      fs.writeFileSync(path.join(h.workspace, '.claude/settings.json'), JSON.stringify({
        hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'blast-radius hook claude' }] }] },
      }));
      await h.statusBarItem(/Blast Radius: 1 agent ·/).waitFor({ timeout: 20_000 });
      await h.runCommand('Blast Radius: Toggle Observe-Only Mode');
      await h.statusBarItem(/Blast Radius: observe-only/).waitFor({ timeout: 10_000 });
      await h.screenshot('status-observe-only');
      const wv = await openPanel(h);
      await wv.locator('#observe-banner:not([hidden])').waitFor();
      await h.runCommand('Blast Radius: Toggle Observe-Only Mode');
      await h.statusBarItem(/Blast Radius: 1 agent/).waitFor({ timeout: 10_000 });
      await item.click();
      await wv.locator('#list').waitFor();
    },
  },
  {
    name: 'activity: the panel renders its first rows fast with 100,000 entries in the store',
    timeout: 120_000,
    async run(h) {
      const dir = await storeDir(h);
      const now = Date.now();
      const seg = writeSyntheticSegment(dir, 100_000, now - 7 * 86400_000, now - 1000, '1-bench');
      try {
        await h.statusBarItem(/Blast Radius:/).waitFor({ timeout: 30_000 });
        // Clock from the moment the command runs (after the palette's Enter), not from driving the palette.
        await h.runCommand('Blast Radius: Show Activity Log');
        const t0 = Date.now();
        const wv = h.webview();
        await rows(wv).first().waitFor({ timeout: 30_000 });
        const firstRows = Date.now() - t0;
        const inWebview = Number(await wv.locator('body').getAttribute('data-first-render-ms'));
        // Scroll far down: pages come in as the list scrolls; the DOM holds only the visible rows.
        await rows(wv).first().click();
        const loaded = async (): Promise<number> => Number(/^([\d,]+)/.exec(await wv.locator('#status').innerText())?.[1]?.replace(/,/g, '') ?? 0);
        await h.waitFor(async () => {
          await h.page.keyboard.press('End');
          return (await loaded()) >= 3000;
        }, 30_000, 'older pages while scrolling');
        const inDom = await rows(wv).count();
        if (inDom > 200) throw new Error(`${inDom} rows in the DOM: the list is not virtualised`);
        await h.screenshot('100k-entries');
        const figures = { entries: 100_000, commandToFirstRowsMs: firstRows, webviewScriptToFirstRenderMs: inWebview, rowsInDom: inDom };
        fs.writeFileSync(path.join(h.logDir, 'bench-panel.json'), JSON.stringify(figures));
        console.log(`    panel with 100,000 entries: first rows ${firstRows} ms after the command ran (webview script → render ${inWebview} ms), ${inDom} rows in the DOM`);
        if (firstRows > 10_000) throw new Error(`first rows took ${firstRows} ms`);
      } finally {
        fs.rmSync(seg, { force: true });
      }
    },
  },
];

export default scenarios;
