/**
 * The pause prompt in a real VS Code: a process playing Claude Code calls the installed hook with a
 * PreToolUse payload that deletes a folder of the workspace; the window asks in a modal; the answer reaches
 * the hook (Deny → exit 2 + JSON deny, Allow Once → allow, no answer → Deny), "Allow for This Session"
 * lets the same call through again without asking, and a blocked call can be let through once by typing
 * the target's name. The workspace is a throwaway git repository outside /tmp (outsideTmp), where deleting
 * a top-level folder pauses. The command strings are data for the hook; the stand-in agent never runs them.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Harness, Scenario } from '../harness';
import { callHook, carryOut, waitForChannel } from './agent';

const ROOT = path.resolve(__dirname, '../../..');
const FOLDER = 'exports';
const COMMAND = `rm -rf ${FOLDER}`;

function makeVictim(h: Harness): string {
  const dir = path.join(h.workspace, FOLDER);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'report.csv'), 'id,total\n1,10\n');
  return dir;
}

async function modalIsClosed(h: Harness): Promise<boolean> {
  return !(await h.page.locator('.monaco-dialog-box').isVisible());
}

export default {
  name: 'pause prompt: deny, allow once, timeout, session allow and let-through reach the hook',
  timeout: 150_000,
  outsideTmp: true,
  async run(h) {
    await waitForChannel(h);
    const victim = makeVictim(h);

    // Integrated terminals get the window's socket and token.
    await h.openTerminal();
    await h.typeInTerminal('echo "sock=${BLAST_RADIUS_SOCKET:-none} token=${#BLAST_RADIUS_TOKEN}"');
    await h.waitFor(async () => /sock=\/\S+channel\.sock token=64/.test(await h.terminalText()), 10_000, 'BLAST_RADIUS_SOCKET and BLAST_RADIUS_TOKEN in the terminal');

    // 1. Deny: the modal names the agent, the exact command, the rule; the hook gets exit 2 + a JSON deny.
    let call = callHook(h, COMMAND);
    await h.waitForModal();
    const text = await h.modalText();
    assert.match(text, /Allow Claude Code to run this command\?/);
    assert.ok(text.includes(COMMAND), `modal shows the command: ${text}`);
    assert.match(text, /Rule fs\/rm-recursive \(\w+\)/);
    assert.ok(text.includes(`Working folder: ${h.workspace}`), text);
    assert.ok(text.includes(`Target: ${victim}`), text);
    assert.match(text, /Target signals: /);
    assert.match(text, /Safer: /);
    assert.match(text, /No answer by \d\d:\d\d:\d\d counts as Deny\./);
    const shot = await h.screenshot('prompt');
    fs.mkdirSync(path.join(ROOT, 'media/screenshots'), { recursive: true });
    if (process.env.BLAST_RADIUS_UPDATE_SCREENSHOTS === '1') fs.copyFileSync(shot, path.join(ROOT, 'media/screenshots/prompt.png'));
    await h.clickModalButton('Deny');
    let r = await call;
    assert.equal(r.code, 2, `deny exits 2: ${JSON.stringify(r)}`);
    assert.equal(r.decision, 'deny');
    assert.match(r.reason, /Denied by the person in the editor/);
    assert.equal(carryOut(h, r, FOLDER), false);
    assert.ok(fs.existsSync(victim), 'the folder is still there after Deny');

    // Enter presses the primary button, which is Deny: a reflexive Enter lets nothing through.
    call = callHook(h, COMMAND);
    await h.waitForModal();
    await h.page.keyboard.press('Enter');
    r = await call;
    assert.equal(r.decision, 'deny', JSON.stringify(r));

    // 2. Allow Once: that call is allowed (the agent then deletes the folder).
    call = callHook(h, COMMAND);
    await h.waitForModal();
    await h.clickModalButton('Allow Once');
    r = await call;
    assert.deepEqual([r.code, r.decision], [0, 'allow'], JSON.stringify(r));
    assert.match(r.reason, /Allowed once by the person/);
    assert.ok(carryOut(h, r, FOLDER));
    assert.ok(!fs.existsSync(victim));
    makeVictim(h);

    // 3. No answer: the hook waits 8 s here, so the prompt ends at 6 s with Deny. The stale modal stays
    //    (VS Code cannot close it); a late click only says it came too late.
    call = callHook(h, COMMAND, ['--wait-seconds', '8']);
    await h.waitForModal();
    r = await call;
    assert.equal(r.code, 2, JSON.stringify(r));
    assert.equal(r.decision, 'deny');
    assert.match(r.reason, /No answer in the editor within \d+ s/);
    assert.ok(r.ms >= 5000 && r.ms < 8000, `denied before the hook's own wait ran out (${r.ms} ms)`);
    assert.ok(fs.existsSync(victim));
    await h.clickModalButton('Allow Once');
    await h.page.locator('.notifications-toasts', { hasText: 'Too late' }).waitFor({ timeout: 10_000 });

    // 4. Allow for This Session: allowed now, and the same call again is allowed without a prompt.
    call = callHook(h, COMMAND);
    await h.waitForModal();
    await h.clickModalButton('Allow for This Session');
    r = await call;
    assert.equal(r.decision, 'allow', JSON.stringify(r));
    r = await callHook(h, COMMAND);
    assert.equal(r.decision, 'allow', JSON.stringify(r));
    assert.match(r.reason, /allowed this same action for this session/);
    assert.ok(await modalIsClosed(h), 'no prompt for the session-allowed call');
    assert.ok(fs.existsSync(victim), 'the stand-in agent did not run the allowed calls here');

    // 5. Blocked: denied at once; typing the target's name lets the identical call through once.
    const block = 'rm -rf .git';
    r = await callHook(h, block);
    assert.equal(r.code, 2, JSON.stringify(r));
    assert.match(r.reason, /Blocked by policy\. Only a person can let it through, by typing "\.git"/);
    const toast = h.page.locator('.notification-toast', { hasText: 'Blast Radius blocked Claude Code' });
    await toast.waitFor({ timeout: 10_000 });
    await toast.getByRole('button', { name: 'Let It Through Once…' }).click();
    const input = h.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill('.git');
    await h.page.keyboard.press('Enter');
    await h.page.locator('.notifications-toasts', { hasText: 'will run once' }).waitFor({ timeout: 10_000 });
    r = await callHook(h, block);
    assert.equal(r.decision, 'allow', JSON.stringify(r));
    assert.match(r.reason, /Let through once by the person/);
    r = await callHook(h, block);
    assert.equal(r.code, 2, 'only once');
    assert.ok(fs.existsSync(path.join(h.workspace, '.git')), 'the stand-in agent never ran the blocked command');

    // Every answer is in the activity log, with who answered.
    const store = JSON.parse(fs.readFileSync(path.join(h.logDir, 'activity-store.json'), 'utf8')) as { dir: string; writerId: string };
    const outcomes = await h.waitFor(() => {
      const lines = fs.readdirSync(store.dir).filter((f) => f.includes(store.writerId)).flatMap((f) => fs.readFileSync(path.join(store.dir, f), 'utf8').trim().split('\n'));
      const hook = lines.map((l) => JSON.parse(l) as { source: string; outcome: string; answeredBy?: string }).filter((e) => e.source === 'hook');
      return hook.length >= 9 ? hook.map((e) => `${e.outcome}/${e.answeredBy}`) : undefined;
    }, 10_000, 'nine hook entries in the activity log');
    assert.deepEqual(outcomes, [
      'denied/user', 'denied/user', 'allowed-once/user', 'timed-out/timeout', 'allowed-session/user', 'allowed-session/session-allow',
      'blocked/policy', 'let-through/user-typed-name', 'blocked/policy',
    ]);
  },
} satisfies Scenario;
