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

it('the CLI bundle and its launcher do not require vscode', (t) => {
  const files = ['dist/cli.js', 'dist/cli-main.js'].map((f) => path.join(root, f));
  if (!files.every((f) => fs.existsSync(f))) return t.skip('dist/cli.js not built (npm test builds it first)');
  for (const f of files) assert.doesNotMatch(fs.readFileSync(f, 'utf8'), /require\(["']vscode["']\)/, f);
});
