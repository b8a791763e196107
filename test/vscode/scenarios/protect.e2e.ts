/**
 * Protect This Workspace / Remove Protection in a real VS Code: the agent pick, the preview and the
 * confirmation; the hook configs written (Claude Code into an existing settings.local.json with the
 * person's own comment and settings, Copilot into a new .github/hooks/blast-radius.json); the written Claude
 * command runs the installed CLI; protecting again changes nothing; removing restores the workspace byte
 * for byte (created file and folders gone). Check Protection reports both hooks will run; Align Copilot
 * Approvals writes its entries with the plain caveat.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Harness, Scenario } from '../harness';
import { claudePayload, waitForChannel } from './agent';

const MINE = '{\n  // my own settings\n  "env": { "FOO": "1" },\n  "permissions": { "allow": ["Bash(npm test)"] }\n}\n';

function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        out[`${path.relative(root, p)}/`] = '';
        walk(p);
      } else out[path.relative(root, p)] = fs.readFileSync(p, 'utf8');
    }
  };
  walk(root);
  return out;
}

async function runProtect(h: Harness, addCopilot: boolean): Promise<void> {
  await h.runCommand('Blast Radius: Protect This Workspace');
  const rows = h.page.locator('.quick-input-list .monaco-list-row');
  await rows.filter({ hasText: 'Claude Code' }).first().waitFor();
  if (addCopilot) {
    const copilot = rows.filter({ hasText: 'GitHub Copilot' }).first();
    // A click on an entry's label toggles its checkbox (rows have role=checkbox and aria-checked).
    await copilot.locator('label.quick-input-list-label').click();
    await h.waitFor(async () => (await copilot.getAttribute('aria-checked')) === 'true', 5000, 'Copilot picked');
  }
  await h.page.keyboard.press('Enter');
}

const suggestion: Scenario = {
  name: 'protect suggestion: a workspace with .claude/ and no hook gets one offer that opens Protect',
  workspace: path.join(__dirname, '../fixtures/agent-workspace'),
  async run(h) {
    await waitForChannel(h);
    const toast = h.page.locator('.notification-toast', { hasText: 'Claude Code is set up in this workspace, but Blast Radius cannot pause its destructive actions yet.' });
    await toast.waitFor({ timeout: 20_000 });
    await toast.getByRole('button', { name: 'Protect This Workspace' }).click();
    const row = h.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Claude Code' }).first();
    await row.waitFor();
    assert.equal(await row.getAttribute('aria-checked'), 'true', 'Claude Code is picked because .claude/ is there');
    await h.page.keyboard.press('Escape');
    assert.ok(!fs.existsSync(path.join(h.workspace, '.claude', 'settings.local.json')), 'nothing written without going through Protect');
  },
};

const protectAgainRemove: Scenario = {
  name: 'protect this workspace writes the hook configs, again changes nothing, remove protection restores them',
  timeout: 120_000,
  async run(h) {
    await waitForChannel(h);
    const claudeFile = path.join(h.workspace, '.claude', 'settings.local.json');
    const copilotFile = path.join(h.workspace, '.github', 'hooks', 'blast-radius.json');
    fs.mkdirSync(path.dirname(claudeFile), { recursive: true });
    fs.writeFileSync(claudeFile, MINE);
    const before = snapshot(h.workspace);

    // Protect: pick (Claude found from .claude/, Copilot added by hand), preview, confirm.
    await runProtect(h, true);
    const text = await h.modalText();
    assert.match(text, /Protect blast-radius-ws-\w+ for Claude Code and GitHub Copilot\?/);
    assert.match(text, /Change: \.claude\/settings\.local\.json \(Claude Code\)/);
    assert.match(text, /New: \.github\/hooks\/blast-radius\.json \(GitHub Copilot\)/);
    assert.match(text, /Trust: Trust .* in Copilot CLI/);
    const preview = h.page.locator('.editor-instance .view-lines').first();
    assert.match((await preview.innerText()).replace(/\u00a0/g, ' '), /Blast Radius: Protect/);
    await h.screenshot('protect-preview');
    await h.clickModalButton('Protect');
    await h.waitFor(() => fs.existsSync(copilotFile), 10_000, copilotFile);

    const claude = fs.readFileSync(claudeFile, 'utf8');
    assert.ok(claude.startsWith('{\n  // my own settings\n  "env": { "FOO": "1" },'), claude);
    assert.ok(claude.includes(`${h.cliPath} hook claude --wait-seconds 550`), claude);
    assert.match(claude, /"timeout": 600/);
    const copilot = JSON.parse(fs.readFileSync(copilotFile, 'utf8')) as { version: number; hooks: { preToolUse: { bash: string; timeoutSec: number }[] } };
    assert.equal(copilot.version, 1);
    assert.ok(copilot.hooks.preToolUse[0]!.bash.includes(`${h.cliPath} hook copilot`));
    assert.equal(copilot.hooks.preToolUse[0]!.timeoutSec, 600);
    await h.page.locator('.notifications-toasts', { hasText: 'Blast Radius protects Claude Code and GitHub Copilot' }).waitFor({ timeout: 15_000 });

    // The command written for Claude runs and answers a harmless call (exit 0, nothing to object to).
    const command = (JSON.parse(claude.replace(/^\s*\/\/.*$/m, '')) as { hooks: { PreToolUse: { hooks: { command: string }[] }[] } }).hooks.PreToolUse[0]!.hooks[0]!.command;
    const run = spawnSync('/bin/sh', ['-c', command], { cwd: h.workspace, env: h.env, input: claudePayload(h.workspace, 'git status'), encoding: 'utf8', timeout: 20_000 });
    assert.deepEqual([run.status, run.stdout], [0, ''], run.stderr);

    // Protect again: nothing to change.
    const protectedTree = snapshot(h.workspace);
    await runProtect(h, false);
    await h.page.locator('.notifications-toasts', { hasText: 'already protects Claude Code and GitHub Copilot' }).waitFor({ timeout: 15_000 });
    assert.deepEqual(snapshot(h.workspace), protectedTree);

    // Check Protection: both hooks will run (configured, node + CLI run, Copilot CLI trusts the folder, and
    // hook calls for this folder reach this window).
    await h.runCommand('Blast Radius: Check Protection');
    await h.page.locator('.tab', { hasText: 'Check Protection.md' }).waitFor({ timeout: 20_000 });
    const report = (await h.page.locator('.editor-instance .view-lines').first().innerText()).replace(/\u00a0/g, ' ');
    assert.match(report, /All 2 agents below will run the Blast Radius hook\./);
    assert.match(report, /✓ Hooks started for .* reach this window/);
    assert.match(report, /## ✓ Claude Code: will run \(workspace\)/);
    await h.page.locator('.notifications-toasts', { hasText: 'the hooks of Claude Code and GitHub Copilot will run' }).waitFor({ timeout: 15_000 });
    await h.screenshot('check-protection');
    assert.deepEqual(snapshot(h.workspace), protectedTree, 'checking writes nothing');

    // Remove: preview, confirm; the workspace is as it was.
    await h.runCommand('Blast Radius: Remove Protection');
    const removeText = await h.modalText();
    assert.match(removeText, /Remove Blast Radius hooks from blast-radius-ws-\w+\?/);
    assert.match(removeText, /Delete: \.github\/hooks\/blast-radius\.json/);
    assert.match(removeText, /Change: \.claude\/settings\.local\.json/);
    await h.clickModalButton(/^Remove$/);
    await h.waitFor(() => !fs.existsSync(path.join(h.workspace, '.github')), 10_000, '.github removed');
    assert.deepEqual(snapshot(h.workspace), before);
    assert.equal(fs.readFileSync(claudeFile, 'utf8'), MINE);

    // Align Copilot Approvals: says plainly what Bypass Approvals and Autopilot do, then writes the entries.
    await h.runCommand('Blast Radius: Align Copilot Approvals');
    const align = await h.modalText();
    assert.match(align, /Make Copilot ask before destructive commands and sensitive edits\?/);
    assert.match(align, /Bypass Approvals permission and Autopilot mode ignore them/);
    await h.clickModalButton('Write Settings');
    const settings = path.join(h.workspace, '.vscode', 'settings.json');
    await h.waitFor(() => fs.existsSync(settings), 10_000, settings);
    const written = fs.readFileSync(settings, 'utf8');
    assert.match(written, /"chat\.tools\.terminal\.autoApprove": \{\n\s+"rm": false,/);
    assert.match(written, /"chat\.tools\.edits\.autoApprove": \{[\s\S]*"\.claude\/\*\*": false/);
  },
};

export default [protectAgainRemove, suggestion];
