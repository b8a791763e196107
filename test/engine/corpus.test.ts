/**
 * Quiet / catch corpora: ordinary agent traffic must almost never be paused, destructive shapes must be.
 * Per domain: fs + git + parser traps (issue 2), databases and ORMs (issue 3), infrastructure, cloud, HTTP, secrets,
 * interpreters and Windows (issue 10). Over all ordinary commands together the target is design.md's "well under one
 * false pause in two hundred".
 *
 * Fixture format: one command per line; a multi-line command sits between two lines that are exactly `----`;
 * lines starting with `#` and blank lines are ignored. Nothing in these files is ever executed.
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { evaluate } from '../../src/engine/evaluate';
import type { Verdict } from '../../src/engine/types';
import { memoryReader } from '../../src/engine/context/workspace';
import { TEST_HOME, TEST_WORKSPACE } from '../helpers/rule-cases';
import { readCorpus } from '../helpers/corpus';

const MIN_CATCH_RATE = 0.95;
const MAX_OVERALL_FALSE_PAUSE_RATE = 0.005;

const DOMAINS = [
  { name: 'fs and git', ordinary: 'ordinary.txt', dangerous: 'dangerous.txt', maxFalsePauses: 0.005, minOrdinary: 400, minDangerous: 150 },
  { name: 'databases and ORMs', ordinary: 'ordinary-db.txt', dangerous: 'dangerous-db.txt', maxFalsePauses: 0.01, minOrdinary: 120, minDangerous: 100 },
  { name: 'infrastructure, cloud, HTTP, secrets, interpreters, Windows', ordinary: 'ordinary-infra.txt', dangerous: 'dangerous-infra.txt', maxFalsePauses: 0.01, minOrdinary: 150, minDangerous: 120 },
];

// No workspace files: the static view the catalog's labels assume (catalog §0.6).
const reader = memoryReader({});

function judge(command: string): Verdict {
  return evaluate({ kind: 'shell', command, cwd: TEST_WORKSPACE }, { env: {}, home: TEST_HOME, workspaceRoot: TEST_WORKSPACE, reader });
}

const show = (command: string): string => (command.length > 140 ? command.slice(0, 137) + '...' : command).replace(/\n/g, '⏎');
const pct = (n: number, of: number): string => `${((n / of) * 100).toFixed(2)}%`;

function pausedIn(file: string): { entries: string[]; paused: { c: string; v: Verdict }[] } {
  const entries = readCorpus(file);
  return { entries, paused: entries.map((c) => ({ c, v: judge(c) })).filter(({ v }) => v.decision !== 'allow') };
}

describe('corpus', () => {
  for (const d of DOMAINS) {
    it(`stays quiet on ordinary agent commands: ${d.name}`, () => {
      const { entries, paused } = pausedIn(d.ordinary);
      assert.ok(entries.length >= d.minOrdinary, `only ${entries.length} ordinary commands`);
      for (const { c, v } of paused) console.log(`  paused (${v.decision}): ${show(c)}\n      ${v.reason}`);
      console.log(`  ${d.ordinary}: ${paused.length} of ${entries.length} paused (${pct(paused.length, entries.length)})`);
      assert.ok(paused.length / entries.length <= d.maxFalsePauses, `${paused.length} of ${entries.length} ordinary commands paused`);
    });

    it(`catches destructive commands: ${d.name}`, () => {
      const entries = readCorpus(d.dangerous);
      assert.ok(entries.length >= d.minDangerous, `only ${entries.length} dangerous commands`);
      const missed = entries.filter((c) => judge(c).decision === 'allow');
      for (const c of missed) console.log(`  missed: ${show(c)}`);
      const caught = entries.length - missed.length;
      console.log(`  ${d.dangerous}: ${caught} of ${entries.length} paused (${pct(caught, entries.length)})`);
      assert.ok(caught / entries.length >= MIN_CATCH_RATE, `${missed.length} of ${entries.length} dangerous commands allowed`);
    });
  }

  it('pauses well under one ordinary command in two hundred over all domains together', () => {
    let total = 0;
    let paused = 0;
    for (const d of DOMAINS) {
      const r = pausedIn(d.ordinary);
      total += r.entries.length;
      paused += r.paused.length;
    }
    console.log(`  all ordinary: ${paused} of ${total} paused (${pct(paused, total)})`);
    assert.ok(paused / total <= MAX_OVERALL_FALSE_PAUSE_RATE);
  });

  it('shows $(…), backticks and $((…)) as written in findings, never as analysis placeholders', () => {
    const placeholder = /__BR[SH]\d+__|\$__ARITH__/;
    const leaks: string[] = [];
    for (const d of DOMAINS) {
      for (const c of readCorpus(d.dangerous)) {
        for (const f of judge(c).findings) {
          const texts = [f.message, f.target ?? '', f.safer ?? '', ...(f.signals ?? []), f.excerpt ?? ''];
          if (texts.some((t) => placeholder.test(t))) leaks.push(`${f.ruleId}: ${show(c)} → ${f.message}`);
        }
      }
    }
    assert.deepEqual(leaks, []);
    const v = judge('git push --force origin "$(git rev-parse --abbrev-ref HEAD)" && rm -rf $(pwd)/');
    assert.ok(v.findings.some((f) => f.ruleId === 'fs/rm-recursive' && f.message.includes('$(pwd)/')), JSON.stringify(v.findings));
  });

  it('keeps each corpus free of duplicates', () => {
    for (const file of DOMAINS.flatMap((d) => [d.ordinary, d.dangerous])) {
      const entries = readCorpus(file);
      const seen = new Set<string>();
      const dupes = entries.filter((e) => (seen.has(e) ? true : (seen.add(e), false)));
      assert.deepEqual(dupes, [], `${file} has duplicates`);
    }
  });
});
