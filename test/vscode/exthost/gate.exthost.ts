/// <reference types="mocha" />
/**
 * The gate and the protection commands against the real extension host. A stub of vscode.window here does
 * not reach the installed extension (it has its own API object) and the workbench refuses dialogs in tests,
 * so this covers what needs no answer: a prompt that cannot be shown is a deny, observe-only, an immediate
 * block, Check Protection's result, and Protect writing nothing without its confirmation. The clicks are in
 * scenarios/prompt.e2e.ts and scenarios/protect.e2e.ts. Requests reach the window as a hook sends them.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { askEditor } from '../../../src/channel/client';
import type { ChannelRequest } from '../../../src/channel/protocol';
import { liveWindows } from '../../../src/channel/registry';
import type { AgentReport } from '../../../src/protect/check';

const ws = (): string => vscode.workspace.workspaceFolders![0]!.uri.fsPath;

async function channelUp(): Promise<void> {
  const end = Date.now() + 20_000;
  while (!liveWindows(os.homedir()).some((w) => w.pid === process.pid)) {
    if (Date.now() > end) throw new Error('this window never registered its channel');
    await new Promise((r) => setTimeout(r, 200));
  }
}

function request(action: ChannelRequest['action'], decision: 'ask' | 'block' = 'ask'): ChannelRequest {
  return {
    id: `exthost-${Date.now()}`,
    agent: 'claude',
    action,
    verdict: { decision, reason: 'Edits a protected file', findings: [{ ruleId: 'files/protected', decision, severity: 'high', message: 'Edits a protected file', target: action.kind === 'file' ? action.path : undefined }] },
    payloadSummary: 'Edit: src/index.js',
    cwd: ws(),
  };
}

suite('gate', () => {
  suiteSetup(channelUp);

  test('a prompt that cannot be shown is a deny (here: the workbench refuses dialogs in tests)', async () => {
    const file = path.join(ws(), 'src', 'index.js');
    const oldContent = fs.readFileSync(file, 'utf8');
    const action = { kind: 'file' as const, op: 'edit' as const, path: file, oldContent, oldText: oldContent.slice(0, 5), newContent: 'x' };
    const answer = await askEditor(request(action), 20_000, { env: { HOME: os.homedir() }, cwd: ws() });
    assert.equal(answer?.decision, 'deny');
    assert.equal(answer?.answeredBy, 'error');
    assert.match(answer?.reason ?? '', /could not be shown/);
    assert.equal(fs.readFileSync(file, 'utf8'), oldContent);
  });

  test('observe-only mode: a paused call is allowed at once, without a prompt, answered by observe-only', async () => {
    const config = vscode.workspace.getConfiguration('blastRadius');
    await config.update('observeOnly', true, vscode.ConfigurationTarget.Global);
    try {
      const answer = await askEditor(request({ kind: 'shell', command: 'rm -rf build-output', cwd: ws() }), 10_000, { env: { HOME: os.homedir() }, cwd: ws() });
      assert.deepEqual(answer && [answer.decision, answer.answeredBy], ['allow', 'observe-only']);
    } finally {
      await config.update('observeOnly', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('a blocked call is denied at once by policy, without waiting for anyone', async () => {
    const started = Date.now();
    const answer = await askEditor(request({ kind: 'shell', command: 'rm -rf /srv/data', cwd: ws() }, 'block'), 20_000, { env: { HOME: os.homedir() }, cwd: ws() });
    assert.deepEqual(answer && [answer.decision, answer.answeredBy], ['deny', 'policy']);
    assert.match(answer?.reason ?? '', /Only a person can let it through, by typing "files\/protected"/, "no target: the rule id is the name to type");
    assert.ok(Date.now() - started < 3000);
  });
});

suite('protection commands', () => {
  test('Check Protection reports every agent; Protect writes nothing when its confirmation is not given', async () => {
    const reports = await vscode.commands.executeCommand<AgentReport[]>('blastRadius.checkProtection', { show: false });
    assert.deepEqual(reports?.map((r) => r.agent), ['claude', 'copilot', 'cursor', 'gemini', 'codex', 'windsurf', 'cline']);
    // (User-level hooks in the shared test home may come from other tests: only the workspace is known here.)
    assert.ok(reports?.every((r) => !r.placements.some((p) => p.scope === 'workspace')), JSON.stringify(reports?.map((r) => r.summary)));
    const done = await vscode.commands.executeCommand('blastRadius.protectWorkspace', { agents: ['claude'] });
    assert.equal(done, undefined);
    assert.ok(!fs.existsSync(path.join(ws(), '.claude')));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
