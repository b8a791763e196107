/** Session allows, let-through, prompt deadlines and the line diff (src/prompt). Command strings are data. */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Verdict } from '../../src/engine/types';
import { diffLines, unifiedHunks } from '../../src/prompt/diff';
import { LetThrough, SessionAllows, actionKey, confirmationName, promptDeadline, stableJson } from '../../src/prompt/policy';

describe('what counts as the same action', () => {
  it('same agent, folder and command (whitespace folded) → same key; anything else differs', () => {
    const k = actionKey('claude', { kind: 'shell', command: 'rm -rf  build', cwd: '/w' });
    assert.equal(actionKey('claude', { kind: 'shell', command: ' rm -rf build ', cwd: '/w' }), k);
    assert.notEqual(actionKey('codex', { kind: 'shell', command: 'rm -rf build', cwd: '/w' }), k);
    assert.notEqual(actionKey('claude', { kind: 'shell', command: 'rm -rf build', cwd: '/x' }), k);
    assert.notEqual(actionKey('claude', { kind: 'shell', command: 'rm -rf build2', cwd: '/w' }), k);
    assert.notEqual(actionKey('claude', { kind: 'shell', command: 'rm -rf build', cwd: '/w', env: { NODE_ENV: 'production' } }), k);
  });

  it('file writes with other content, MCP calls with other input are other actions; key order in input does not matter', () => {
    const w = (c: string) => actionKey('claude', { kind: 'file', op: 'write', path: '/w/a', newContent: c });
    assert.notEqual(w('a'), w('b'));
    const m = (input: unknown) => actionKey('claude', { kind: 'mcp', server: 's', tool: 't', input });
    assert.equal(m({ a: 1, b: 2 }), m({ b: 2, a: 1 }));
    assert.notEqual(m({ a: 1 }), m({ a: 2 }));
    assert.equal(stableJson({ b: [1, { d: 1, c: 2 }], a: undefined }), '{"b":[1,{"c":2,"d":1}]}');
  });

  it('session allows are remembered until cleared', () => {
    const s = new SessionAllows();
    s.add('k');
    assert.ok(s.has('k'));
    assert.ok(!s.has('j'));
    s.clear();
    assert.ok(!s.has('k'));
  });
});

describe('letting a blocked action through', () => {
  it('once, and only within the time limit', () => {
    let now = 1000;
    const lt = new LetThrough(60_000, () => now);
    lt.arm('k');
    assert.ok(lt.isArmed('k'));
    assert.ok(lt.consume('k'));
    assert.ok(!lt.consume('k'), 'a second identical call is blocked again');
    lt.arm('k');
    now += 60_001;
    assert.ok(!lt.isArmed('k'));
    assert.ok(!lt.consume('k'));
  });

  it('the name to type: a path\'s last part, a phrase\'s last word, a host, or the rule id', () => {
    const v = (target: string | undefined, decision: 'ask' | 'block' = 'block'): Verdict => ({
      decision, reason: '', findings: [{ ruleId: 'r/x', decision, severity: 'high', message: 'm', ...(target !== undefined ? { target } : {}) }],
    });
    assert.equal(confirmationName(v('/home/dev/projects')), 'projects');
    assert.equal(confirmationName(v('/srv/app/data/')), 'data');
    assert.equal(confirmationName(v('C:\\Users\\dev\\work')), 'work');
    assert.equal(confirmationName(v('/')), '/');
    assert.equal(confirmationName(v('the shared branch main')), 'main');
    assert.equal(confirmationName(v('table "users"')), 'users');
    assert.equal(confirmationName(v('https://api.prod.example.com/graphql')), 'api.prod.example.com');
    assert.equal(confirmationName(v('prod-db')), 'prod-db');
    assert.equal(confirmationName(v(undefined)), 'r/x');
  });
});

describe('prompt deadline', () => {
  it('the setting counts from when the prompt is shown', () => {
    assert.equal(promptDeadline({ arrivedAt: 0, shownAt: 5000, timeoutSeconds: 120, waitMs: 550_000 }), 125_000);
  });
  it('never later than 3 s before the hook stops waiting (a quarter of a short wait)', () => {
    assert.equal(promptDeadline({ arrivedAt: 0, shownAt: 0, timeoutSeconds: 120, waitMs: 25_000 }), 22_000);
    assert.equal(promptDeadline({ arrivedAt: 1000, shownAt: 9000, timeoutSeconds: 120, waitMs: 8000 }), 7000);
  });
  it('defaults to 120 s for missing or nonsense settings, and without waitMs only the setting counts', () => {
    assert.equal(promptDeadline({ arrivedAt: 0, shownAt: 0, timeoutSeconds: undefined, waitMs: undefined }), 120_000);
    assert.equal(promptDeadline({ arrivedAt: 0, shownAt: 0, timeoutSeconds: -1, waitMs: 0 }), 120_000);
  });
});

describe('line diff', () => {
  it('counts added and removed lines and aligns the unchanged ones', () => {
    const d = diffLines('a\nb\nc\nd\n', 'a\nx\nc\nd\ne\n');
    assert.deepEqual([d.added, d.removed, d.approximate], [2, 1, false]);
    assert.deepEqual(d.ops.map((o) => `${o.op[0]}${o.line}`), ['ea', 'db', 'ix', 'ec', 'ed', 'ie']);
  });

  it('equal texts, empty texts and a missing final newline', () => {
    assert.deepEqual([diffLines('a\n', 'a').added, diffLines('a\n', 'a').removed], [0, 0]);
    assert.equal(diffLines('', '').ops.length, 0);
    assert.equal(diffLines('', 'a\nb').added, 2);
  });

  it('gives up aligning past the edit limit and says so', () => {
    const a = Array.from({ length: 50 }, (_, i) => `a${i}`).join('\n');
    const b = Array.from({ length: 50 }, (_, i) => `b${i}`).join('\n');
    const d = diffLines(a, b, 10);
    assert.deepEqual([d.added, d.removed, d.approximate], [50, 50, true]);
  });

  it('finds a minimal script on random inputs (checked by replaying it)', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let round = 0; round < 200; round++) {
      const a = Array.from({ length: Math.floor(rnd() * 12) }, () => 'abc'[Math.floor(rnd() * 3)]!);
      const b = Array.from({ length: Math.floor(rnd() * 12) }, () => 'abc'[Math.floor(rnd() * 3)]!);
      const d = diffLines(a.join('\n'), b.join('\n'));
      assert.deepEqual(d.ops.filter((o) => o.op !== 'insert').map((o) => o.line), a);
      assert.deepEqual(d.ops.filter((o) => o.op !== 'delete').map((o) => o.line), b);
      assert.equal(d.added + d.removed, a.length + b.length - 2 * lcs(a, b));
    }
  });

  it('unified hunks with context and line numbers', () => {
    const before = Array.from({ length: 10 }, (_, i) => `l${i + 1}`).join('\n');
    const after = before.replace('l5', 'L5');
    assert.deepEqual(unifiedHunks(diffLines(before, after), 1), ['@@ -4,3 +4,3 @@', ' l4', '-l5', '+L5', ' l6']);
    assert.deepEqual(unifiedHunks(diffLines('', 'x\n')), ['@@ -0,0 +1,1 @@', '+x']);
    assert.deepEqual(unifiedHunks(diffLines('x', 'x')), []);
  });
});

function lcs(a: string[], b: string[]): number {
  const t = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) t[i]![j] = a[i - 1] === b[j - 1] ? t[i - 1]![j - 1]! + 1 : Math.max(t[i - 1]![j]!, t[i]![j - 1]!);
  return t[a.length]![b.length]!;
}
