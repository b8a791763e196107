/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

suite('activation', () => {
  test('the extension is active after start-up (onStartupFinished)', async () => {
    const ext = vscode.extensions.getExtension('blast-radius.blast-radius');
    assert.ok(ext, 'extension blast-radius.blast-radius is not installed');
    // Only wait: calling ext.activate() here would hide a broken activation event.
    const end = Date.now() + 20_000;
    while (!ext.isActive && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    assert.ok(ext.isActive, 'extension did not activate within 20 s of start-up');
    // isActive is also true when activate() threw; activate() then rejects with that error.
    await ext.activate();
  });
});
