/**
 * The engine, adapters, channel and CLI must run without VS Code: no module there may import `vscode`,
 * and the built CLI bundle must not require it.
 */
import { it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.join(__dirname, '../..');
const IMPORTS_VSCODE = /(from\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\)|import\(\s*['"]vscode['"]\s*\))/;

function tsFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

it('src/engine, src/adapters, src/channel and src/cli never import vscode', () => {
  const offenders = ['src/engine', 'src/adapters', 'src/channel', 'src/cli']
    .flatMap((d) => tsFiles(path.join(root, d)))
    .filter((f) => IMPORTS_VSCODE.test(fs.readFileSync(f, 'utf8')))
    .map((f) => path.relative(root, f));
  assert.deepEqual(offenders, []);
});

it('the CLI bundle does not require vscode', (t) => {
  const bundle = path.join(root, 'dist/cli.js');
  if (!fs.existsSync(bundle)) return t.skip('dist/cli.js not built (npm test builds it first)');
  assert.doesNotMatch(fs.readFileSync(bundle, 'utf8'), /require\(["']vscode["']\)/);
});
