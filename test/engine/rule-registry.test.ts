/**
 * Consistency of the rule set (in the spirit of ESLint's checkRuleFiles): every rule file is registered,
 * ids match paths and are unique, every rule has metadata, cases on both sides, and a documentation entry.
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules } from '../../src/engine/rules';
import { renderRuleDocs } from '../../src/engine/docs';

const rulesDir = path.join(__dirname, '../../src/engine/rules');

function ruleFiles(): string[] {
  const out: string[] = [];
  for (const pack of fs.readdirSync(rulesDir, { withFileTypes: true })) {
    if (!pack.isDirectory()) continue;
    for (const file of fs.readdirSync(path.join(rulesDir, pack.name))) {
      if (file.endsWith('.ts') && file !== 'index.ts' && !file.startsWith('_')) out.push(`${pack.name}/${file.slice(0, -3)}`);
    }
  }
  return out.sort();
}

describe('rule registry', () => {
  it('registers every rule file exactly once, with an id equal to its path', () => {
    const ids = allRules.map((r) => r.meta.id);
    assert.deepEqual([...ids].sort(), ruleFiles());
    assert.equal(new Set(ids).size, ids.length, 'duplicate rule ids');
  });

  for (const rule of allRules) {
    it(`${rule.meta.id} has metadata and cases`, () => {
      assert.ok(rule.meta.description.length > 10, 'description');
      assert.ok(rule.meta.message.length > 5, 'message');
      assert.ok(rule.tests.pause.length >= 2, 'at least two pause cases');
      assert.ok(rule.tests.pass.length >= 2, 'at least two pass cases');
      const all = [...rule.tests.pause, ...rule.tests.pass].map((c) => JSON.stringify(c));
      assert.equal(new Set(all).size, all.length, 'duplicate cases');
    });
  }

  it('docs/rules.md is up to date (run `npm run docs`)', () => {
    const file = path.join(__dirname, '../../docs/rules.md');
    assert.ok(fs.existsSync(file), 'docs/rules.md is missing');
    assert.equal(fs.readFileSync(file, 'utf8'), renderRuleDocs(allRules));
  });
});
