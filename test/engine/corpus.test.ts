/**
 * Quiet / catch corpora (issue 2): ordinary agent traffic must almost never be paused, destructive shapes must be.
 * Fixture format: one command per line; a multi-line command sits between two lines that are exactly `----`;
 * lines starting with `#` and blank lines are ignored.
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { evaluate } from '../../src/engine/evaluate';
import type { Verdict } from '../../src/engine/types';
import { TEST_HOME, TEST_WORKSPACE } from '../helpers/rule-cases';

const MAX_FALSE_PAUSE_RATE = 0.005;
const MIN_CATCH_RATE = 0.95;

export function readCorpus(file: string): string[] {
  const lines = fs.readFileSync(path.join(__dirname, '../fixtures/corpus', file), 'utf8').split('\n');
  const entries: string[] = [];
  let block: string[] | undefined;
  for (const line of lines) {
    if (line === '----') {
      if (block) {
        entries.push(block.join('\n'));
        block = undefined;
      } else block = [];
      continue;
    }
    if (block) block.push(line);
    else if (line.trim() && !line.startsWith('#')) entries.push(line);
  }
  assert.equal(block, undefined, `${file}: a \`----\` block is not closed`);
  return entries;
}

function judge(command: string): Verdict {
  return evaluate({ kind: 'shell', command, cwd: TEST_WORKSPACE }, { env: {}, home: TEST_HOME, workspaceRoot: TEST_WORKSPACE });
}

const show = (command: string): string => (command.length > 140 ? command.slice(0, 137) + '...' : command).replace(/\n/g, '⏎');

describe('corpus', () => {
  it('stays quiet on ordinary agent commands', () => {
    const entries = readCorpus('ordinary.txt');
    assert.ok(entries.length >= 400, `only ${entries.length} ordinary commands`);
    const paused = entries.map((c) => ({ c, v: judge(c) })).filter(({ v }) => v.decision !== 'allow');
    for (const { c, v } of paused) console.log(`  paused (${v.decision}): ${show(c)}\n      ${v.reason}`);
    const rate = paused.length / entries.length;
    console.log(`  ordinary: ${paused.length} of ${entries.length} paused (${(rate * 100).toFixed(2)}%)`);
    assert.ok(rate <= MAX_FALSE_PAUSE_RATE, `${paused.length} of ${entries.length} ordinary commands paused`);
  });

  it('catches destructive file-system and git commands, also hidden in ordinary shapes', () => {
    const entries = readCorpus('dangerous.txt');
    assert.ok(entries.length >= 150, `only ${entries.length} dangerous commands`);
    const missed = entries.filter((c) => judge(c).decision === 'allow');
    for (const c of missed) console.log(`  missed: ${show(c)}`);
    const rate = (entries.length - missed.length) / entries.length;
    console.log(`  dangerous: ${entries.length - missed.length} of ${entries.length} paused (${(rate * 100).toFixed(2)}%)`);
    assert.ok(rate >= MIN_CATCH_RATE, `${missed.length} of ${entries.length} dangerous commands allowed`);
  });

  it('shows $(…), backticks and $((…)) as written in fs and git findings, never as analysis placeholders', () => {
    const placeholder = /__BR[SH]\d+__|\$__ARITH__/;
    const leaks: string[] = [];
    for (const c of readCorpus('dangerous.txt')) {
      for (const f of judge(c).findings) {
        if (!/^(fs|git)\//.test(f.ruleId)) continue;
        const texts = [f.message, f.target ?? '', f.safer ?? '', ...(f.signals ?? []), f.excerpt ?? ''];
        if (texts.some((t) => placeholder.test(t))) leaks.push(`${f.ruleId}: ${show(c)} → ${f.message}`);
      }
    }
    assert.deepEqual(leaks, []);
    const v = judge('git push --force origin "$(git rev-parse --abbrev-ref HEAD)" && rm -rf $(pwd)/');
    assert.ok(v.findings.some((f) => f.ruleId === 'fs/rm-recursive' && f.message.includes('$(pwd)/')), JSON.stringify(v.findings));
  });

  it('keeps each corpus free of duplicates', () => {
    for (const file of ['ordinary.txt', 'dangerous.txt']) {
      const entries = readCorpus(file);
      const seen = new Set<string>();
      const dupes = entries.filter((e) => (seen.has(e) ? true : (seen.add(e), false)));
      assert.deepEqual(dupes, [], `${file} has duplicates`);
    }
  });
});
