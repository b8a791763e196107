/**
 * Corpus fixtures (test/fixtures/corpus/*.txt): one command per line; a multi-line command sits between two lines
 * that are exactly `----`; lines starting with `#` and blank lines are ignored. Shared by the corpus tests and the
 * benchmark.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const CORPUS_DIR = path.join(__dirname, '../fixtures/corpus');

export function readCorpus(file: string): string[] {
  const lines = fs.readFileSync(path.join(CORPUS_DIR, file), 'utf8').split('\n');
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

