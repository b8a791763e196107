/** The hook with a real editor window on the other end of the channel. */
import { after, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { ChannelRequest, ChannelResponse } from '../../src/channel/protocol';
import { ChannelServer } from '../../src/channel/server';
import { emptyHome, fixture, hook } from '../adapters/run';

const servers: ChannelServer[] = [];
after(() => servers.forEach((s) => s.dispose()));

/** An editor window for /home/dev/shop (the fixtures' cwd) that answers with `answer`. */
async function editor(answer: (req: ChannelRequest) => Promise<ChannelResponse>) {
  const home = emptyHome();
  const asked: ChannelRequest[] = [];
  const notified: ChannelRequest[] = [];
  const server = new ChannelServer({
    home,
    runtimeDir: home,
    workspaceFolders: ['/home/dev/shop'],
    onRequest: (req) => (asked.push(req), answer(req)),
    onNotify: (req) => notified.push(req),
  });
  await server.start();
  servers.push(server);
  return { env: { HOME: home }, asked, notified };
}

const answer = (decision: ChannelResponse['decision'], reason = '') => async (): Promise<ChannelResponse> => ({ decision, reason, answeredBy: 'user' });

describe('hook with an editor', () => {
  it('a paused call goes to the editor with the action, verdict and summary; an allow there is an explicit allow', async () => {
    const e = await editor(answer('allow', 'Allowed once by the user'));
    const r = await hook('claude', fixture('claude', 'risky'), e.env);
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.stdout), {
      hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'allow', permissionDecisionReason: 'Allowed once by the user' },
    });
    const [req] = e.asked;
    assert.equal(req!.agent, 'claude');
    assert.deepEqual(req!.action, { kind: 'shell', command: 'rm -rf /data/exports/old-reports', cwd: '/home/dev/shop', agent: 'claude' });
    assert.equal(req!.verdict.decision, 'ask');
    assert.equal(req!.payloadSummary, 'Bash: rm -rf /data/exports/old-reports');
    assert.equal(req!.cwd, '/home/dev/shop');
  });

  it('a deny in the editor reaches the agent with the rule and the person\'s words', async () => {
    const e = await editor(answer('deny', 'Denied by the user.'));
    const r = await hook('gemini', fixture('gemini', 'dangerous'), e.env);
    assert.equal(r.code, 2);
    const out = JSON.parse(r.stdout) as { decision: string; reason: string };
    assert.equal(out.decision, 'deny');
    assert.match(out.reason, /fs\/rm-recursive.*Denied by the user\./);
  });

  it('the editor can hand the question to the agent\'s own prompt; agents without one get a deny', async () => {
    const e = await editor(answer('ask'));
    const claude = await hook('claude', fixture('claude', 'risky'), e.env);
    assert.equal((JSON.parse(claude.stdout) as { hookSpecificOutput: { permissionDecision: string } }).hookSpecificOutput.permissionDecision, 'ask');
    const cline = await hook('cline', fixture('cline', 'risky'), e.env);
    assert.equal((JSON.parse(cline.stdout) as { cancel: boolean }).cancel, true);
  });

  it('no answer within BLAST_RADIUS_WAIT_SECONDS is a deny', async () => {
    const e = await editor(() => new Promise(() => {}));
    const r = await hook('copilot', fixture('copilot', 'risky'), { ...e.env, BLAST_RADIUS_WAIT_SECONDS: '0.3' });
    assert.equal(r.code, 2);
    const out = JSON.parse(r.stdout) as { permissionDecision: string; permissionDecisionReason: string };
    assert.equal(out.permissionDecision, 'deny');
    assert.match(out.permissionDecisionReason, /No answer in the editor/);
    assert.ok(r.ms < 2000);
  });

  it('an allowed call is answered without asking, and the editor is told about it', async () => {
    const e = await editor(answer('deny'));
    const r = await hook('claude', fixture('claude', 'harmless'), e.env);
    assert.deepEqual([r.code, r.stdout], [0, '']);
    assert.equal(e.asked.length, 0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(e.notified.length, 1);
    assert.equal(e.notified[0]!.verdict.decision, 'allow');
  });
});
