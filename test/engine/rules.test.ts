/**
 * Runs every rule's own case table (the `tests` in each rule file) through the whole engine.
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { evaluate } from '../../src/engine/evaluate';
import { allRules } from '../../src/engine/rules';
import { decisionRank } from '../../src/engine/types';
import { memoryReader } from '../../src/engine/context/workspace';
import { caseAction, caseLabel, caseReader, normaliseCase, TEST_HOME, TEST_WORKSPACE } from '../helpers/rule-cases';

const options = { env: {}, home: TEST_HOME, workspaceRoot: TEST_WORKSPACE };

for (const rule of allRules) {
  describe(rule.meta.id, () => {
    for (const raw of rule.tests.pause) {
      const c = normaliseCase(raw);
      it(`pauses: ${caseLabel(c)}`, () => {
        const verdict = evaluate(caseAction(rule, c), { ...options, workspaceRoot: c.cwd ?? TEST_WORKSPACE, reader: caseReader(c) ?? memoryReader({}) });
        const own = verdict.findings.filter((f) => f.ruleId === (c.foundBy ?? rule.meta.id));
        const expected = c.decision ?? rule.meta.decision;
        assert.ok(own.length > 0, `${c.foundBy ?? rule.meta.id} did not fire${c.note ? ` (${c.note})` : ''}; findings: ${JSON.stringify(verdict.findings)}`);
        const strongest = own.reduce((d, f) => Math.max(d, decisionRank(f.decision)), 0);
        assert.equal(strongest, decisionRank(expected), `${rule.meta.id} decided ${own.map((f) => f.decision)} instead of ${expected}`);
        assert.ok(decisionRank(verdict.decision) >= decisionRank(expected));
      });
    }
    for (const raw of rule.tests.pass) {
      const c = normaliseCase(raw);
      it(`passes: ${caseLabel(c)}`, () => {
        const verdict = evaluate(caseAction(rule, c), { ...options, workspaceRoot: c.cwd ?? TEST_WORKSPACE, reader: caseReader(c) ?? memoryReader({}) });
        assert.equal(verdict.decision, 'allow', `expected allow${c.note ? ` (${c.note})` : ''}, got ${verdict.decision}: ${verdict.reason}`);
      });
    }
  });
}
