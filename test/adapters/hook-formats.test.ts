/**
 * Recorded payloads per agent, answered with no editor running: each answer must be in that agent's exact
 * format and exit code. A reader per format checks the shape strictly and says what the agent would do.
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIXTURES, fixture, hook, type Run } from './run';

type Seen = 'allow' | 'deny' | 'ask';

function keys(o: object): string[] {
  return Object.keys(o).sort();
}

/** Claude Code, Codex, VS Code Copilot (Local): `hookSpecificOutput`; nothing at all means no objection. */
function readHookSpecific(r: Run): Seen {
  if (r.stdout === '') {
    assert.equal(r.code, 0);
    assert.equal(r.stderr, '');
    return 'allow';
  }
  const o = JSON.parse(r.stdout) as { hookSpecificOutput: Record<string, string> };
  assert.deepEqual(keys(o), ['hookSpecificOutput']);
  const h = o.hookSpecificOutput;
  assert.deepEqual(keys(h), ['hookEventName', 'permissionDecision', 'permissionDecisionReason']);
  assert.equal(h.hookEventName, 'PreToolUse');
  assert.ok(h.permissionDecisionReason!.length > 20);
  assert.ok(['allow', 'deny', 'ask'].includes(h.permissionDecision!));
  if (h.permissionDecision === 'deny') {
    assert.equal(r.code, 2, 'a deny also exits 2');
    assert.equal(r.stderr.trim(), h.permissionDecisionReason);
  } else assert.equal(r.code, 0);
  return h.permissionDecision as Seen;
}

/** Copilot CLI: top-level `permissionDecision`. */
function readCopilotCli(r: Run): Seen {
  if (r.stdout === '') {
    assert.equal(r.code, 0);
    return 'allow';
  }
  const o = JSON.parse(r.stdout) as Record<string, string>;
  assert.deepEqual(keys(o), ['permissionDecision', 'permissionDecisionReason']);
  if (o.permissionDecision === 'deny') {
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim(), o.permissionDecisionReason);
  } else assert.equal(r.code, 0);
  return o.permissionDecision as Seen;
}

/** A Copilot payload of unknown shape: a deny in both forms, exit 2. */
function readCopilotEither(r: Run): Seen {
  const o = JSON.parse(r.stdout) as Record<string, unknown>;
  assert.deepEqual(keys(o), ['hookSpecificOutput', 'permissionDecision', 'permissionDecisionReason']);
  assert.equal(o.permissionDecision, 'deny');
  assert.equal((o.hookSpecificOutput as Record<string, string>).permissionDecision, 'deny');
  assert.equal(r.code, 2);
  return 'deny';
}

/** Cursor: the flat answer is always printed. */
function readCursor(r: Run): Seen {
  const o = JSON.parse(r.stdout) as Record<string, string>;
  if (o.permission === 'allow') {
    assert.deepEqual(keys(o), ['permission']);
    assert.equal(r.code, 0);
    return 'allow';
  }
  assert.deepEqual(keys(o), ['agent_message', 'permission', 'user_message']);
  assert.equal(o.permission, 'deny', 'Cursor never gets an ask');
  assert.ok(o.user_message!.length > 20 && o.agent_message!.length > 20);
  assert.equal(r.code, 2);
  assert.equal(r.stderr.trim(), o.agent_message);
  return 'deny';
}

/** Gemini CLI: only `{decision, reason}`; nothing means proceed. */
function readGemini(r: Run): Seen {
  if (r.stdout === '') {
    assert.equal(r.code, 0);
    return 'allow';
  }
  const o = JSON.parse(r.stdout) as Record<string, string>;
  assert.deepEqual(keys(o), ['decision', 'reason']);
  assert.equal(o.decision, 'deny');
  assert.equal(r.code, 2);
  assert.equal(r.stderr.trim(), o.reason);
  return 'deny';
}

/** Codex: an allow prints nothing (a bare allow and any ask are rejected, and a rejected hook fails open). */
function readCodex(r: Run): Seen {
  const seen = readHookSpecific(r);
  assert.notEqual(seen, 'ask');
  if (seen === 'allow') assert.equal(r.stdout, '');
  return seen;
}

/** Windsurf: exit code only. */
function readWindsurf(r: Run): Seen {
  assert.equal(r.stdout, '');
  if (r.code === 0) {
    assert.equal(r.stderr, '');
    return 'allow';
  }
  assert.equal(r.code, 2);
  assert.ok(r.stderr.trim().length > 20);
  return 'deny';
}

/** Cline: `{cancel}` with exit 0. */
function readCline(r: Run): Seen {
  const o = JSON.parse(r.stdout) as Record<string, unknown>;
  assert.equal(r.code, 0);
  if (o.cancel === false) {
    assert.deepEqual(keys(o), ['cancel']);
    return 'allow';
  }
  assert.deepEqual(keys(o), ['cancel', 'errorMessage']);
  assert.equal(o.cancel, true);
  return 'deny';
}

function reasonOf(r: Run): string {
  return r.stderr || r.stdout;
}

const readers: Record<string, (r: Run, name: string) => Seen> = {
  claude: readHookSpecific,
  codex: readCodex,
  copilot: (r, name) => (name.startsWith('vscode-') || name === 'mcp' ? readHookSpecific(r) : name === 'malformed' ? readCopilotEither(r) : readCopilotCli(r)),
  cursor: readCursor,
  gemini: readGemini,
  windsurf: readWindsurf,
  cline: readCline,
};

/** What each recorded payload must come to with no editor. */
const expected: Record<string, Record<string, Seen>> = {
  claude: { dangerous: 'deny', risky: 'ask', harmless: 'allow', mcp: 'allow', read: 'allow', write: 'allow', malformed: 'deny' },
  copilot: { dangerous: 'deny', risky: 'ask', harmless: 'allow', 'vscode-dangerous': 'deny', 'vscode-harmless': 'allow', mcp: 'allow', malformed: 'deny' },
  cursor: { dangerous: 'deny', risky: 'deny', harmless: 'allow', mcp: 'allow', malformed: 'deny' },
  gemini: { dangerous: 'deny', risky: 'deny', harmless: 'allow', mcp: 'allow', malformed: 'deny' },
  codex: { dangerous: 'deny', risky: 'deny', harmless: 'allow', mcp: 'allow', patch: 'allow', malformed: 'deny' },
  windsurf: { dangerous: 'deny', risky: 'deny', harmless: 'allow', mcp: 'allow', malformed: 'deny' },
  cline: { dangerous: 'deny', risky: 'deny', harmless: 'allow', mcp: 'allow', malformed: 'deny' },
};

for (const [agent, cases] of Object.entries(expected)) {
  describe(`hook ${agent}, no editor`, () => {
    it('has a test for every recorded payload', () => {
      // real-*.json: captured from the real agent CLIs, replayed by real-payloads.test.ts.
      const files = fs.readdirSync(path.join(FIXTURES, agent)).filter((f) => !f.startsWith('real-')).map((f) => f.replace(/\.json$/, ''));
      assert.deepEqual(files.sort(), Object.keys(cases).sort());
    });

    for (const [name, want] of Object.entries(cases)) {
      it(`${name} → ${want}`, async () => {
        const r = await hook(agent, fixture(agent, name));
        assert.equal(readers[agent]!(r, name), want);
        assert.ok(r.ms < 3000, `answered in ${r.ms} ms`);
        if (name === 'dangerous') {
          assert.match(reasonOf(r), /fs\/rm-recursive/, 'the reason names the rule');
          assert.match(reasonOf(r), /\/etc/, 'the reason names what was stopped');
          assert.match(reasonOf(r), /Safer:/, 'the reason gives the safer way');
        }
        if (name === 'risky' && want === 'deny') assert.match(reasonOf(r), /no Blast Radius editor window answered/);
        if (name === 'malformed') assert.match(reasonOf(r), /could not read this/);
      });
    }

    it('denies stdin that is not JSON, and empty stdin', async () => {
      for (const text of ['{"tool_name": "Bash", ', '']) {
        const r = await hook(agent, text);
        const seen = agent === 'copilot' ? readCopilotEither(r) : readers[agent]!(r, 'malformed');
        assert.equal(seen, 'deny');
        assert.match(reasonOf(r), /could not read this/);
      }
    });
  });
}

it('an unknown agent name is denied with exit 2, never 1', async () => {
  const r = await hook('kiro', fixture('claude', 'harmless'));
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown agent "kiro"/);
});

it('a Claude payload of another hook event is denied', async () => {
  const payload = JSON.parse(fixture('claude', 'harmless')) as Record<string, unknown>;
  payload.hook_event_name = 'PostToolUse';
  const r = await hook('claude', JSON.stringify(payload));
  assert.equal(readHookSpecific(r), 'deny');
  assert.match(r.stderr, /unsupported hook event "PostToolUse"/);
});
