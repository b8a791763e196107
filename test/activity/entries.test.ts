import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { fileEntry, hookEntry, hookOutcome, terminalEntry } from '../../src/activity/entries';
import { parseFromWebview, toRow } from '../../src/activity/protocol';
import type { ChannelRequest } from '../../src/channel/protocol';
import type { Verdict } from '../../src/engine/types';

const ASK: Verdict = {
  decision: 'ask', reason: 'Deletes a folder outside the workspace',
  findings: [{ ruleId: 'fs/rm-recursive', decision: 'ask', severity: 'high', message: 'rm -rf ~/x', target: '/home/u/x', signals: ['outside the workspace'] }],
};

describe('hook outcomes', () => {
  const table: Array<[Verdict['decision'], Parameters<typeof hookOutcome>[1], boolean, string]> = [
    ['allow', undefined, false, 'allowed'],
    ['ask', { decision: 'allow', reason: '', answeredBy: 'user' }, false, 'allowed-once'],
    ['ask', { decision: 'allow', reason: '', answeredBy: 'session-rule' }, false, 'allowed-session'],
    ['ask', { decision: 'deny', reason: '', answeredBy: 'user' }, false, 'denied'],
    ['ask', { decision: 'deny', reason: 'no answer', answeredBy: 'timeout' }, false, 'timed-out'],
    ['ask', { decision: 'ask', reason: '', answeredBy: 'user' }, false, 'handed-to-agent'],
    ['block', { decision: 'deny', reason: '', answeredBy: 'policy' }, false, 'blocked'],
    ['block', { decision: 'allow', reason: 'typed the name', answeredBy: 'user' }, false, 'let-through'],
    ['block', undefined, false, 'blocked'],
    ['ask', undefined, true, 'would-have-paused'],
    ['block', { decision: 'allow', reason: '', answeredBy: 'observe-only' }, true, 'would-have-paused'],
  ];
  for (const [verdict, response, observe, outcome] of table) {
    it(`${verdict} + ${response ? `${response.decision} by ${response.answeredBy}` : 'no answer'}${observe ? ' (observe-only)' : ''} → ${outcome}`, () => {
      assert.equal(hookOutcome(verdict, response, observe).outcome, outcome);
    });
  }
});

describe('entry builders', () => {
  it('a hook call keeps agent, summary, verdict, rule ids, signals and who answered', () => {
    const req: ChannelRequest = { id: 'r1', agent: 'claude', action: { kind: 'shell', command: 'rm -rf ~/x', cwd: '/w' }, verdict: ASK, payloadSummary: 'Bash: rm -rf ~/x', cwd: '/w' };
    const e = hookEntry(req, { decision: 'deny', reason: 'no', answeredBy: 'user' }, { answeredAt: 123 });
    assert.equal(e.agent, 'claude');
    assert.equal(e.summary, 'Bash: rm -rf ~/x');
    assert.equal(e.detail, 'rm -rf ~/x');
    assert.equal(e.target, '/home/u/x');
    assert.equal(e.outcome, 'denied');
    assert.deepEqual(e.ruleIds, ['fs/rm-recursive']);
    assert.deepEqual(e.signals, ['outside the workspace']);
    assert.equal(e.answeredBy, 'user');
    assert.equal(e.answeredAt, 123);
    assert.equal(e.cwd, '/w');
  });
  it('file actions never copy file contents', () => {
    const req: ChannelRequest = { id: 'r2', agent: 'copilot', action: { kind: 'file', op: 'write', path: '/w/.env', newContent: 'SECRET=1', oldContent: 'x' }, verdict: { decision: 'allow', reason: '', findings: [] }, payloadSummary: '' };
    assert.doesNotMatch(JSON.stringify(hookEntry(req)), /SECRET=1/);
  });
  it('a terminal command records its exit code, terminal and whether a hook saw it', () => {
    const e = terminalEntry({ commandLine: 'rm -rf ~/x', cwd: '/w', terminalName: 'bash', exitCode: 0, verdict: ASK, hooked: false, warned: true });
    assert.deepEqual(e.terminal, { name: 'bash', exitCode: 0, hooked: false });
    assert.equal(e.outcome, 'ran');
    assert.equal(e.warned, true);
  });
  it('file events fold counts into the summary', () => {
    assert.equal(fileEntry({ op: 'created', path: '/w/a', relative: 'a', count: 3 }).summary, 'created a (and 2 more)');
  });
  it('rows cut long text', () => {
    const row = toRow({ ...terminalEntry({ commandLine: 'x'.repeat(1000), terminalName: 't', verdict: ASK, hooked: false, warned: false }), t: 1, id: 'a', v: 1 }, 'f:0');
    assert.ok(row.summary.length <= 401);
    assert.equal(row.rule, 'fs/rm-recursive');
  });
});

describe('webview messages', () => {
  it('accepts well-formed messages and rejects the rest', () => {
    assert.deepEqual(parseFromWebview({ type: 'log/query', filter: { decision: 'block', text: 'rm', agents: ['claude'], from: 1 } }),
      { type: 'log/query', filter: { decision: 'block', text: 'rm', agents: ['claude'], from: 1 } });
    assert.equal(parseFromWebview({ type: 'log/query', filter: { decision: 'maybe' } }), undefined);
    assert.equal(parseFromWebview({ type: 'log/query', filter: { agents: 'claude' } }), undefined);
    assert.equal(parseFromWebview({ type: 'entry/copy', ref: 'a:1', what: 'rm -rf' }), undefined);
    assert.equal(parseFromWebview({ type: 'log/export', format: 'xlsx' }), undefined);
    assert.equal(parseFromWebview({ type: 'nope' }), undefined);
    assert.equal(parseFromWebview(null), undefined);
    assert.deepEqual(parseFromWebview({ type: 'log/more', generation: 3 }), { type: 'log/more', generation: 3 });
  });
});
