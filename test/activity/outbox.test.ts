/**
 * The outbox of hook calls no editor window heard about (src/activity/outbox.ts), and the hook writing to it.
 */
import { describe, it, before } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { appendToOutbox, MAX_OUTBOX_BYTES, outboxPath, takeOutbox } from '../../src/activity/outbox';
import type { NewEntry } from '../../src/activity/types';

const root = path.join(__dirname, '../..');
const home = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'br-outbox-'));

function entry(over: Partial<NewEntry> = {}, t = Date.now()): NewEntry & { t: number } {
  return {
    t,
    source: 'hook',
    agent: 'claude',
    kind: 'shell',
    summary: 'Bash: rm -rf ~',
    detail: 'rm -rf ~',
    decision: 'block',
    outcome: 'blocked',
    ruleIds: ['fs/rm-recursive'],
    findings: [],
    signals: [],
    answeredBy: 'no editor',
    ...over,
  };
}

describe('activity outbox', () => {
  it('takes what was appended, oldest first, once, and deletes it when finished', () => {
    const h = home();
    assert.equal(takeOutbox(h), undefined, 'nothing to take');
    assert.ok(appendToOutbox(h, entry({ summary: 'second' }, 2000)));
    assert.ok(appendToOutbox(h, entry({ summary: 'first' }, 1000)));
    assert.equal(fs.statSync(outboxPath(h)).mode & 0o077, 0, 'readable by the user only');
    const taken = takeOutbox(h)!;
    assert.deepEqual(taken.entries.map((e) => e.summary), ['first', 'second']);
    assert.equal(takeOutbox(h), undefined, 'a second window finds nothing');
    assert.equal(fs.readdirSync(path.dirname(outboxPath(h))).filter((f) => f.startsWith('activity-outbox')).length, 1, 'the claimed batch stays until finished');
    taken.finish();
    assert.deepEqual(fs.readdirSync(path.dirname(outboxPath(h))).filter((f) => f.startsWith('activity-outbox')), []);
  });

  it('masks secrets before they reach the disk', () => {
    const h = home();
    appendToOutbox(h, entry({ detail: 'curl -H "Authorization: Bearer ghp_abcdefghijklmnopqrstuvwxyz0123456789" https://api.github.com' }));
    const text = fs.readFileSync(outboxPath(h), 'utf8');
    assert.doesNotMatch(text, /ghp_abcdefghijklmnopqrstuvwxyz0123456789/);
  });

  it('skips lines that are not hook calls and counts them', () => {
    const h = home();
    appendToOutbox(h, entry());
    fs.appendFileSync(outboxPath(h), '{"t": 1, "source": "terminal"}\nnot json\n{"t":');
    const taken = takeOutbox(h)!;
    assert.equal(taken.entries.length, 1);
    assert.equal(taken.skipped, 3);
  });

  it('a batch claimed by a window that died is taken over after five minutes, not before', () => {
    const h = home();
    appendToOutbox(h, entry({ summary: 'orphan' }));
    const orphan = `${outboxPath(h)}.4242-dead.taking`;
    fs.renameSync(outboxPath(h), orphan);
    assert.equal(takeOutbox(h), undefined, 'a fresh claim belongs to its window');
    const later = takeOutbox(h, Date.now() + 6 * 60_000)!;
    assert.deepEqual(later.entries.map((e) => e.summary), ['orphan']);
    later.finish();
    assert.equal(fs.existsSync(orphan), false);
  });

  it('past its size limit it keeps paused and blocked calls only', () => {
    const h = home();
    fs.mkdirSync(path.dirname(outboxPath(h)), { recursive: true });
    fs.writeFileSync(outboxPath(h), Buffer.alloc(MAX_OUTBOX_BYTES + 1, 0x0a));
    assert.equal(appendToOutbox(h, entry({ decision: 'allow', outcome: 'allowed' })), false);
    assert.equal(appendToOutbox(h, entry()), true);
  });

  it('a home it cannot write to never throws', () => {
    const file = path.join(home(), 'not-a-folder');
    fs.writeFileSync(file, '');
    assert.equal(appendToOutbox(file, entry()), false);
  });
});

describe('the hook keeps calls no editor heard about', () => {
  const cli = path.join(root, 'dist/cli.js');
  before(() => {
    if (!fs.existsSync(cli)) execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root });
  });
  const hook = (h: string, command: string) =>
    spawnSync(process.execPath, [cli, 'hook', 'claude'], {
      input: JSON.stringify({ session_id: 's', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command }, cwd: h }),
      encoding: 'utf8',
      env: { ...process.env, HOME: h, BLAST_RADIUS_CACHE_DIR: path.join(h, 'cache') },
    });

  it('a blocked call and an allowed one, with their outcomes, answered by no editor', () => {
    const h = home();
    const blocked = hook(h, 'rm -rf ~');
    assert.equal(blocked.status, 2, 'denied (Claude Code also honours exit code 2)');
    assert.match(blocked.stdout + blocked.stderr, /blocked by policy/);
    hook(h, 'ls -la');
    const taken = takeOutbox(h)!;
    assert.equal(taken.entries.length, 2);
    const [first, second] = taken.entries;
    assert.equal(first!.outcome, 'blocked');
    assert.equal(first!.decision, 'block');
    assert.equal(first!.answeredBy, 'no editor');
    assert.deepEqual(first!.ruleIds, ['fs/rm-recursive']);
    assert.equal(first!.agent, 'claude');
    assert.match(first!.reason ?? '', /blocked by policy/);
    assert.equal(second!.outcome, 'allowed');
    assert.equal(second!.detail, 'ls -la');
  });

  it('an ask goes to the agent\'s own prompt and is kept as handed to the agent', () => {
    const h = home();
    hook(h, 'git push --force origin feature-x');
    const [e] = takeOutbox(h)!.entries;
    assert.equal(e!.decision, 'ask');
    assert.equal(e!.outcome, 'handed-to-agent');
  });
});
