/// <reference types="mocha" />
/**
 * The activity log against the real extension host: terminal commands through shell integration (exit
 * code, warning for an unhooked destructive command), export by command argument, clear view, and
 * observe-only mode. Reads the store with the editor-free reader, as any other window would.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ActivityReader, ActivityWriter } from '../../../src/activity/store';
import { hookEntry } from '../../../src/activity/entries';
import { outboxPath } from '../../../src/activity/outbox';
import { spawnSync } from 'node:child_process';
import type { ActivityEntry } from '../../../src/activity/types';

interface Info {
  dir: string;
  writerId: string;
  state: string;
  counts: { paused: number; blocked: number; wouldHavePaused: number; warned: number };
}

async function info(): Promise<Info> {
  const end = Date.now() + 20_000;
  for (;;) {
    try {
      const i = await vscode.commands.executeCommand<Info>('blastRadius.activityInfo');
      if (i) return i;
    } catch {
      // not registered yet: the extension activates on start-up finished
    }
    if (Date.now() > end) throw new Error('blastRadius.activityInfo is not available');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function findEntry(dir: string, pred: (e: ActivityEntry) => boolean, timeout = 15_000): Promise<ActivityEntry> {
  const reader = new ActivityReader(dir);
  const end = Date.now() + timeout;
  for (;;) {
    const page = await reader.page({ limit: 200 });
    const hit = page.entries.find((s) => pred(s.entry));
    if (hit) return hit.entry;
    if (Date.now() > end) throw new Error('entry not found in the activity store');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function runInTerminal(command: string): Promise<number | undefined> {
  const term = vscode.window.createTerminal({ name: 'activity-test', shellPath: '/bin/bash' });
  try {
    const shell = await new Promise<vscode.TerminalShellIntegration>((resolve, reject) => {
      if (term.shellIntegration) return resolve(term.shellIntegration);
      const timer = setTimeout(() => reject(new Error('no shell integration within 15 s')), 15_000);
      const d = vscode.window.onDidChangeTerminalShellIntegration((e) => {
        if (e.terminal === term) {
          clearTimeout(timer);
          d.dispose();
          resolve(e.shellIntegration);
        }
      });
    });
    const execution = shell.executeCommand(command);
    return await new Promise<number | undefined>((resolve) => {
      const d = vscode.window.onDidEndTerminalShellExecution((e) => {
        if (e.execution === execution) {
          d.dispose();
          resolve(e.exitCode);
        }
      });
    });
  } finally {
    term.dispose();
  }
}

suite('activity log', () => {
  test('a terminal command is recorded with its exit code, terminal name and cwd', async () => {
    const { dir } = await info();
    const marker = `exthost-${Date.now()}`;
    assert.equal(await runInTerminal(`echo ${marker}; (exit 4)`), 4);
    const e = await findEntry(dir, (x) => x.source === 'terminal' && (x.detail ?? '').includes(marker));
    assert.equal(e.terminal?.exitCode, 4);
    assert.equal(e.terminal?.name, 'activity-test');
    assert.ok(e.cwd && path.isAbsolute(e.cwd), `cwd reported by shell integration: ${e.cwd}`);
    assert.equal(e.outcome, 'ran');
    assert.equal(e.decision, 'allow');
    assert.ok(!e.warned);
  });

  test('a destructive command that ran without a hook is flagged and counted', async () => {
    const { dir, counts } = await info();
    // The engine blocks a force push to main; GIT_DIR points nowhere, so git fails at once and nothing is pushed.
    const command = `GIT_DIR=/nonexistent/br-${Date.now()} git push --force origin main`;
    assert.equal(await runInTerminal(command), 128);
    const e = await findEntry(dir, (x) => x.source === 'terminal' && x.detail === command);
    assert.notEqual(e.decision, 'allow', `engine said allow for ${command}`);
    assert.equal(e.warned, true);
    assert.equal(e.terminal?.hooked, false);
    assert.equal(e.terminal?.exitCode, 128);
    assert.ok(e.ruleIds.includes('git/force-push'), e.ruleIds.join(','));
    assert.equal((await info()).counts.warned, counts.warned + 1);
  });

  test('a command a hook already answered is not flagged again', async () => {
    const { dir } = await info();
    const command = `rm -rf ${path.join(os.tmpdir(), `br-hooked-${Date.now()}`)}`;
    // The hook call comes from "another window": this window sees it through the store's tail.
    const w = new ActivityWriter({ dir });
    w.append(hookEntry({
      id: 'x', agent: 'copilot', payloadSummary: `run_in_terminal: ${command}`, action: { kind: 'shell', command },
      verdict: { decision: 'ask', reason: 'Deletes a folder', findings: [{ ruleId: 'fs/rm-recursive', decision: 'ask', severity: 'high', message: 'm' }] },
    }, { decision: 'allow', reason: '', answeredBy: 'user' }));
    w.close();
    await new Promise((r) => setTimeout(r, 2500)); // the tail polls every 1.5 s
    await runInTerminal(command);
    const e = await findEntry(dir, (x) => x.source === 'terminal' && x.detail === command);
    assert.equal(e.terminal?.hooked, true);
    assert.equal(e.agent, 'copilot');
    assert.ok(!e.warned);
  });

  test('export by command argument writes the filtered entries; clear view hides older ones', async () => {
    const { dir } = await info();
    const tag = `exp-${Date.now()}`;
    const w = new ActivityWriter({ dir });
    for (const [i, decision] of (['allow', 'block', 'ask', 'block'] as const).entries()) {
      w.append({ source: 'hook', agent: 'claude', kind: 'shell', summary: `${tag} ${i}`, decision, outcome: decision === 'block' ? 'blocked' : decision === 'ask' ? 'denied' : 'allowed', ruleIds: [], findings: [], signals: [] });
    }
    w.close();
    const out = path.join(os.tmpdir(), `${tag}.jsonl`);
    const file = await vscode.commands.executeCommand<string>('blastRadius.exportActivity', { path: out, format: 'jsonl', filter: { decision: 'block', text: tag } });
    assert.equal(file, out);
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as ActivityEntry);
    assert.deepEqual(lines.map((e) => e.summary), [`${tag} 3`, `${tag} 1`]);

    await vscode.commands.executeCommand('blastRadius.clearActivityView');
    const after = path.join(os.tmpdir(), `${tag}-after.csv`);
    await vscode.commands.executeCommand('blastRadius.exportActivity', { path: after, format: 'csv', filter: { text: tag } });
    assert.equal(fs.readFileSync(after, 'utf8').trim().split('\r\n').length, 1, 'only the header: the view was cleared');
  });

  test('hook calls made while no editor listened reach the log from the outbox, with their own time and outcome', async () => {
    const { dir } = await info();
    // The installed extension's CLI, run as an agent's hook with no window to reach (a home with no registry):
    // it decides alone and appends the call to that home's outbox.
    const cli = path.join(vscode.extensions.getExtension('blast-radius.blast-radius')!.extensionPath, 'dist', 'cli.js');
    const closedEditorHome = fs.mkdtempSync(path.join(os.tmpdir(), 'br-no-editor-'));
    const tag = `outbox-${Date.now()}`;
    const r = spawnSync(process.execPath, [cli, 'hook', 'claude'], {
      input: JSON.stringify({ session_id: 's', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: `rm -rf ~ # ${tag}` }, cwd: closedEditorHome }),
      encoding: 'utf8',
      env: { ...process.env, HOME: closedEditorHome, ELECTRON_RUN_AS_NODE: '1' },
    });
    assert.equal(r.status, 2, r.stderr);
    const written = fs.readFileSync(outboxPath(closedEditorHome), 'utf8');
    const t = (JSON.parse(written.trim()) as ActivityEntry).t;
    // As if the editor had been closed while the agent ran: the outbox is this home's, and this window takes it.
    fs.mkdirSync(path.dirname(outboxPath(os.homedir())), { recursive: true });
    fs.appendFileSync(outboxPath(os.homedir()), written);
    const e = await findEntry(dir, (x) => (x.detail ?? '').includes(tag));
    assert.equal(e.outcome, 'blocked');
    assert.equal(e.answeredBy, 'no editor');
    assert.equal(e.agent, 'claude');
    assert.deepEqual(e.ruleIds, ['fs/rm-recursive']);
    assert.equal(e.t, t, 'kept at the time the agent ran it');
    assert.equal(fs.existsSync(outboxPath(os.homedir())), false, 'the outbox was emptied');
  });

  test('observe-only mode toggles from the command and is a user setting', async () => {
    const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('blastRadius');
    assert.equal(config().get('observeOnly'), false);
    await vscode.commands.executeCommand('blastRadius.toggleObserveOnly');
    assert.equal(config().get('observeOnly'), true);
    assert.equal(config().inspect('observeOnly')?.globalValue, true);
    assert.equal((await info()).state, 'observe-only');
    await vscode.commands.executeCommand('blastRadius.toggleObserveOnly');
    assert.equal(config().get('observeOnly'), false);
    assert.notEqual((await info()).state, 'observe-only');
  });
});
