/** The Check Protection report text (src/protect/checkReport.ts). */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { AgentReport } from '../../src/protect/check';
import { checkReportText, headline } from '../../src/protect/checkReport';

const runs: AgentReport = {
  agent: 'claude', label: 'Claude Code', items: [], willRun: true, summary: 'will run (workspace)',
  placements: [{ scope: 'workspace', file: '/w/.claude/settings.local.json', status: 'current', willRun: true, items: [{ state: 'ok', what: 'Blast Radius hook entry in /w/.claude/settings.local.json' }] }],
};
const gap: AgentReport = {
  agent: 'gemini', label: 'Gemini CLI', items: [], willRun: false, summary: 'will NOT run: …',
  placements: [{ scope: 'workspace', file: '/w/.gemini/settings.json', status: 'current', willRun: false, items: [
    { state: 'ok', what: 'Blast Radius hook entry in /w/.gemini/settings.json' },
    { state: 'gap', what: 'Gemini CLI does not trust /w', fix: 'Trust the folder in Gemini CLI.' },
  ] }],
};
const none: AgentReport = { agent: 'codex', label: 'Codex CLI', items: [{ state: 'gap', what: 'No Blast Radius hook for Codex CLI', fix: 'Run Protect.' }], willRun: false, summary: 'not protected', placements: [] };

describe('check protection report', () => {
  it('one headline per agent: will run, will NOT run, may not run, not protected', () => {
    assert.equal(headline(runs), '✓ Claude Code: will run (workspace)');
    assert.equal(headline(gap), '✗ Gemini CLI: hook will NOT run');
    assert.equal(headline({ ...gap, willRun: undefined }), '? Gemini CLI: hook may not run');
    assert.equal(headline(none), '— Codex CLI: not protected');
  });

  it('lists every check with its mark and the fix under each gap; editor checks first; unused agents in one line', () => {
    const text = checkReportText('/w', [runs, gap, none], ['Cursor', 'Cline'], [{ title: 'This editor window', items: [{ state: 'ok', what: 'Hooks reach this window' }] }]);
    assert.match(text, /^# Blast Radius: Check Protection\n\nWorkspace: `\/w`\n\n2 of 3 agents below will not \(or may not\) run the Blast Radius hook\./);
    assert.ok(text.indexOf('## This editor window') < text.indexOf('## ✓ Claude Code'));
    assert.match(text, /\*\*This workspace\*\*: `\/w\/\.gemini\/settings\.json`\n\n- ✓ Blast Radius hook entry in \/w\/\.gemini\/settings\.json\n- ✗ Gemini CLI does not trust \/w {2}\n {2}\*\*Fix:\*\* Trust the folder in Gemini CLI\./);
    assert.match(text, /## — Codex CLI: not protected\n\n- ✗ No Blast Radius hook for Codex CLI {2}\n {2}\*\*Fix:\*\* Run Protect\./);
    assert.match(text, /Not used here and not protected: Cursor, Cline\.\n$/);
  });

  it('all good, and nothing set up', () => {
    assert.match(checkReportText('/w', [runs], []), /All 1 agent below will run the Blast Radius hook\./);
    assert.match(checkReportText('/w', [], ['Cursor']), /No agent is protected or set up in this workspace\./);
  });
});
