/** The pause prompt's words (src/prompt/text.ts). Command strings here are data; nothing runs them. */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { ChannelRequest } from '../../src/channel/protocol';
import type { Action, Finding } from '../../src/engine/types';
import { actionLines, agentLabel, blockedReason, buildBlockedNotice, buildPrompt, clip, fileChangeSummary, plain, proposedContent } from '../../src/prompt/text';

const rmFinding: Finding = {
  ruleId: 'fs/rm-recursive',
  decision: 'ask',
  severity: 'high',
  message: 'Recursively deletes /w/shop/exports (a top-level folder of the project)',
  target: '/w/shop/exports',
  safer: 'Move it aside first: mv exports exports.bak',
};

function request(action: Action, findings: Finding[] = [rmFinding], extra: Partial<ChannelRequest> = {}): ChannelRequest {
  return {
    id: 'r1',
    agent: 'claude',
    action,
    verdict: { decision: findings.some((f) => f.decision === 'block') ? 'block' : 'ask', findings, reason: findings[0]?.message ?? '' },
    payloadSummary: 'Bash: …',
    cwd: '/w/shop',
    ...extra,
  };
}

describe('prompt text', () => {
  it('a shell command: the question, the exact command first, folder, target, signals, rule with severity, safer way, deadline', () => {
    const t = buildPrompt(request({ kind: 'shell', command: 'rm -rf exports', cwd: '/w/shop' }), { deadline: 0, formatTime: () => '14:03:12' });
    assert.equal(t.message, 'Allow Claude Code to run this command?');
    assert.equal(t.detail, [
      'rm -rf exports',
      '',
      'Working folder: /w/shop',
      'Target: /w/shop/exports',
      'Target signals: none found',
      'Rule fs/rm-recursive (high): Recursively deletes /w/shop/exports (a top-level folder of the project)',
      'Safer: Move it aside first: mv exports exports.bak',
      '',
      'No answer by 14:03:12 counts as Deny.',
    ].join('\n'));
  });

  it('production signals from every paused finding, once each; allow-level findings are left out', () => {
    const findings: Finding[] = [
      { ruleId: 'sql/drop-table', decision: 'ask', severity: 'critical', message: 'Drops table users', target: 'users', signals: ['DATABASE_URL points at prod-db.internal', 'NODE_ENV=production'] },
      { ruleId: 'sql/other', decision: 'ask', severity: 'medium', message: 'Second', signals: ['NODE_ENV=production'] },
      { ruleId: 'info/harmless', decision: 'allow', severity: 'low', message: 'not shown', signals: ['not shown either'] },
    ];
    const t = buildPrompt(request({ kind: 'sql', sql: 'DROP TABLE users', target: 'postgres://prod-db.internal/shop' }, findings));
    assert.equal(t.message, 'Allow Claude Code to run this SQL?');
    assert.match(t.detail, /^DROP TABLE users\nDatabase: postgres:\/\/prod-db\.internal\/shop\n/);
    assert.match(t.detail, /Target signals: DATABASE_URL points at prod-db\.internal; NODE_ENV=production\n/);
    assert.match(t.detail, /Rule sql\/drop-table \(critical\): Drops table users\nRule sql\/other \(medium\): Second/);
    assert.doesNotMatch(t.detail, /not shown/);
    assert.doesNotMatch(t.detail, /No answer by/);
  });

  it('file edits: the file, a diff summary and the Show Diff hint; the proposed content applies the edit to the file', () => {
    const action: Action = { kind: 'file', op: 'edit', path: '/w/shop/config/prod.ts', oldContent: 'a\nb\nc\n', oldText: 'b\n', newContent: 'B1\nB2\n' };
    const t = buildPrompt(request(action, [{ ruleId: 'files/protected', decision: 'ask', severity: 'high', message: 'Edits a production config file', target: '/w/shop/config/prod.ts' }]), { canShowDiff: true });
    assert.equal(t.message, 'Allow Claude Code to edit prod.ts?');
    assert.match(t.detail, /^File: \/w\/shop\/config\/prod\.ts\nChange: \+2 −1 lines \(the file has 3 lines\)\n/);
    assert.match(t.detail, /Show Diff opens the proposed content/);
    assert.deepEqual(proposedContent(action), { before: 'a\nb\nc\n', after: 'a\nB1\nB2\nc\n', partial: false });
  });

  it('file summaries for create, delete, write, rename, and an edit of unknown content', () => {
    assert.equal(fileChangeSummary({ kind: 'file', op: 'create', path: '/a', newContent: 'x\ny\n' }), 'new file, 2 lines');
    assert.equal(fileChangeSummary({ kind: 'file', op: 'delete', path: '/a', oldContent: 'x\n' }), 'deletes the file (1 line)');
    assert.equal(fileChangeSummary({ kind: 'file', op: 'write', path: '/a', oldContent: 'x\ny\n', newContent: '' }), '+0 −2 lines (the file has 2 lines)');
    assert.equal(fileChangeSummary({ kind: 'file', op: 'rename', path: '/a', newPath: '/b' }), 'moves it to /b');
    assert.deepEqual(proposedContent({ kind: 'file', op: 'edit', path: '/a', oldText: 'x', newContent: 'y' }), { before: 'x', after: 'y', partial: true });
    assert.equal(proposedContent({ kind: 'file', op: 'rename', path: '/a', newPath: '/b' }), undefined);
  });

  it('http and mcp actions show the request and the tool input', () => {
    assert.deepEqual(actionLines({ kind: 'http', method: 'post', url: 'https://api.example.com/graphql', body: '{"query":"mutation { volumeDelete(id: 1) }"}' }), [
      'POST https://api.example.com/graphql',
      'Body: {"query":"mutation { volumeDelete(id: 1) }"}',
    ]);
    assert.deepEqual(actionLines({ kind: 'mcp', server: 'db', tool: 'execute', input: { sql: 'DELETE FROM orders' } }), [
      'Tool: db/execute',
      'Input: {"sql":"DELETE FROM orders"}',
    ]);
  });

  it('long actions are cut and say how much is left out', () => {
    const long = 'x'.repeat(2000);
    assert.equal(clip(long), `${'x'.repeat(1500)}… (500 more characters)`);
    const many = Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\n');
    assert.match(clip(many), /^line 0\n[\s\S]*line 24… \(\d+ more characters\)$/);
    assert.equal(clip('short'), 'short');
  });

  it('agent labels, unknown agents by their own name', () => {
    assert.equal(agentLabel('copilot'), 'GitHub Copilot');
    assert.equal(agentLabel('kiro'), 'kiro');
    assert.equal(agentLabel(''), 'An agent');
  });

  it('the blocked notice says it was denied and how to let it through once; the agent is told to retry only if the person did', () => {
    const block: Finding = { ...rmFinding, decision: 'block', severity: 'critical', target: '/home/dev/projects', message: 'Recursively deletes /home/dev/projects (a folder directly in your home)' };
    const n = buildBlockedNotice(request({ kind: 'shell', command: 'rm -rf ~/projects' }, [block]), 'projects', 10);
    assert.equal(n.message, 'Blast Radius blocked Claude Code: rm -rf ~/projects');
    assert.match(n.detail, /Rule fs\/rm-recursive \(critical\)/);
    assert.match(n.detail, /type "projects"; the next identical call from Claude Code within 10 minutes then runs\.$/);
    assert.match(blockedReason('projects', 10), /typing "projects" in the editor; if they say they did, retry the identical call once within 10 minutes/);
  });

  it('text from an agent never becomes a link or an icon in a notification', () => {
    assert.equal(plain('rm -rf x # [Allow it](command:workbench.action.openSettings) $(check)'), 'rm -rf x # [Allow it] (command:workbench.action.openSettings) $ (check)');
    assert.equal(plain('plain text'), 'plain text');
  });
});
