/**
 * Infrastructure, cloud, HTTP, secrets, interpreter and Windows corpora (issue 10): destructive shapes from
 * destructive-catalog.md §6–9 must be paused (≥ 95%), ordinary commands agents run around them must almost never be
 * (≤ 1%). Same fixture format as corpus.test.ts: one command per line, a multi-line command between two `----` lines,
 * `#` comments and blank lines ignored. Misses are printed. Nothing here is ever executed.
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { evaluate } from '../../src/engine/evaluate';
import type { Verdict } from '../../src/engine/types';
import { memoryReader } from '../../src/engine/context/workspace';
import { TEST_HOME, TEST_WORKSPACE } from '../helpers/rule-cases';

const MAX_FALSE_PAUSE_RATE = 0.01;
const MIN_CATCH_RATE = 0.95;

function readCorpus(file: string): string[] {
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

// No workspace files: the static view the catalog's labels assume (catalog §0.6).
const reader = memoryReader({});

function judge(command: string): Verdict {
  return evaluate({ kind: 'shell', command, cwd: TEST_WORKSPACE }, { env: {}, home: TEST_HOME, workspaceRoot: TEST_WORKSPACE, reader });
}

const show = (command: string): string => (command.length > 140 ? command.slice(0, 137) + '...' : command).replace(/\n/g, '⏎');

describe('infra corpus', () => {
  it('stays quiet on ordinary infrastructure, cloud, HTTP and secrets-adjacent commands', () => {
    const entries = readCorpus('ordinary-infra.txt');
    assert.ok(entries.length >= 150, `only ${entries.length} ordinary commands`);
    const paused = entries.map((c) => ({ c, v: judge(c) })).filter(({ v }) => v.decision !== 'allow');
    for (const { c, v } of paused) console.log(`  paused (${v.decision}): ${show(c)}\n      ${v.reason}`);
    const rate = paused.length / entries.length;
    console.log(`  ordinary-infra: ${paused.length} of ${entries.length} paused (${(rate * 100).toFixed(2)}%)`);
    assert.ok(rate <= MAX_FALSE_PAUSE_RATE, `${paused.length} of ${entries.length} ordinary infra commands paused`);
  });

  it('catches destructive infrastructure, cloud, API, secrets, interpreter and Windows commands', () => {
    const entries = readCorpus('dangerous-infra.txt');
    assert.ok(entries.length >= 120, `only ${entries.length} dangerous commands`);
    const missed = entries.filter((c) => judge(c).decision === 'allow');
    for (const c of missed) console.log(`  missed: ${show(c)}`);
    const rate = (entries.length - missed.length) / entries.length;
    console.log(`  dangerous-infra: ${entries.length - missed.length} of ${entries.length} paused (${(rate * 100).toFixed(2)}%)`);
    assert.ok(rate >= MIN_CATCH_RATE, `${missed.length} of ${entries.length} dangerous infra commands allowed`);
  });

  it('keeps each corpus free of duplicates', () => {
    for (const file of ['ordinary-infra.txt', 'dangerous-infra.txt']) {
      const entries = readCorpus(file);
      const seen = new Set<string>();
      const dupes = entries.filter((e) => (seen.has(e) ? true : (seen.add(e), false)));
      assert.deepEqual(dupes, [], `${file} has duplicates`);
    }
  });
});
