/**
 * The activity panel's webview script: type-checked against the DOM and the shared protocol (the root
 * tsconfig has no DOM types), and free of HTML-string APIs, since every logged text is agent-controlled.
 */
import { it } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.join(__dirname, '../..');
const script = path.join(root, 'webview/activity/main.ts');

it('webview/activity type-checks with DOM types against src/activity/protocol.ts', () => {
  const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'webview/tsconfig.json'), '--noEmit'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

it('the webview script never builds HTML from strings', () => {
  const code = fs.readFileSync(script, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
  assert.doesNotMatch(code, /\binnerHTML\b|\bouterHTML\b|insertAdjacentHTML|document\.write|\beval\(|new Function\(/);
});

it('the panel HTML has a nonce-only CSP with default-src none', () => {
  const panel = fs.readFileSync(path.join(root, 'src/extension/activity/panel.ts'), 'utf8');
  assert.match(panel, /"default-src 'none'"/);
  assert.match(panel, /script-src 'nonce-\$\{nonce\}'/);
  assert.match(panel, /crypto\.randomBytes/);
  assert.doesNotMatch(panel, /unsafe-inline|unsafe-eval/);
});
