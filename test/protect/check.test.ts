/**
 * Protect's trust steps (src/protect/steps.ts) and Check Protection (src/protect/check.ts) on throwaway
 * folders. `codex app-server` is replaced by a small script that speaks its JSON-RPC and hashes our entry;
 * test/agents runs the same code against the real agents.
 */
import { after, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AgentId, Environment } from '../../src/protect/agents';
import { checkProtection, ourCommands, programOf, remedies } from '../../src/protect/check';
import { applyChanges, planProtect } from '../../src/protect/plan';
import { applyTrust, isCopilotTrusted, planTrust, trustCopilotFolder } from '../../src/protect/steps';

const made: string[] = [];
after(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

function tmp(prefix: string): string {
  const d = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  made.push(d);
  return d;
}

/** A real CLI file that answers `help`, run by this node. */
function fakeCli(): string {
  const cli = path.join(tmp('br-cli-'), 'cli.js');
  fs.writeFileSync(cli, 'process.exit(process.argv[2] === "help" ? 0 : 1)');
  return cli;
}

/**
 * A `codex` that answers initialize and hooks/list like codex app-server 0.169: every group of every
 * .codex/hooks.json it can see (the project's only when config.toml trusts it), hashed, with the trust
 * status config.toml gives that hash.
 */
function fakeCodex(): string {
  const file = path.join(tmp('br-fake-codex-'), 'codex');
  fs.writeFileSync(file, `#!${process.execPath}
const fs = require('fs'), path = require('path'), crypto = require('crypto');
const home = process.env.CODEX_HOME || path.join(process.env.HOME, '.codex');
const toml = (() => { try { return fs.readFileSync(path.join(home, 'config.toml'), 'utf8'); } catch { return ''; } })();
let buf = '';
process.stdin.on('data', (d) => {
  buf += d;
  let nl;
  while ((nl = buf.indexOf('\\n')) >= 0) {
    const msg = JSON.parse(buf.slice(0, nl)); buf = buf.slice(nl + 1);
    if (msg.id === 0) process.stdout.write(JSON.stringify({ id: 0, result: {} }) + '\\n');
    if (msg.id === 1) {
      const cwd = msg.params.cwds[0];
      const files = [path.join(home, 'hooks.json')];
      if (toml.includes('[projects.' + JSON.stringify(cwd) + ']\\ntrust_level = "trusted"')) files.push(path.join(cwd, '.codex', 'hooks.json'));
      const hooks = [];
      for (const f of files) {
        let j; try { j = JSON.parse(fs.readFileSync(f, 'utf8')); } catch { continue; }
        (j.hooks.PreToolUse || []).forEach((g, i) => g.hooks.forEach((h, k) => {
          const key = f + ':pre_tool_use:' + i + ':' + k;
          const hash = 'sha256:' + crypto.createHash('sha256').update(JSON.stringify([g.matcher, h])).digest('hex');
          const trusted = toml.includes('[hooks.state.' + JSON.stringify(key) + ']\\ntrusted_hash = ' + JSON.stringify(hash));
          hooks.push({ key, command: h.command, enabled: true, currentHash: hash, trustStatus: trusted ? 'trusted' : 'untrusted', source: 'project' });
        }));
      }
      process.stdout.write(JSON.stringify({ id: 1, result: { data: [{ cwd, hooks, warnings: [], errors: [] }] } }) + '\\n');
    }
  }
});
`, { mode: 0o755 });
  return file;
}

function setup(): { ws: string; home: string; e: Environment; program: { node: string; cli: string }; codex: string } {
  const ws = tmp('br-ws-');
  const home = tmp('br-home-');
  return { ws, home, e: { home, env: { PATH: path.dirname(process.execPath), HOME: home }, platform: 'linux' }, program: { node: process.execPath, cli: fakeCli() }, codex: fakeCodex() };
}

function protect(agents: AgentId[], t: ReturnType<typeof setup>, scope: 'workspace' | 'user' = 'workspace'): void {
  const plan = planProtect(agents, t.ws, t.program, scope, t.e);
  assert.deepEqual(plan.problems, []);
  assert.deepEqual(applyChanges(plan.changes).errors, []);
}

async function check(t: ReturnType<typeof setup>, agents: AgentId[]) {
  return checkProtection(t.ws, t.home, { env: t.e.env, platform: 'linux', agents, program: t.program, codex: t.codex });
}

describe('trust steps', () => {
  it('Copilot: trustedFolders in config.json, other settings kept, ancestors count, idempotent', () => {
    const text = '{\n  // mine\n  "banner": "never"\n}\n';
    const t1 = trustCopilotFolder(text, '/w/app');
    assert.match(t1, /\/\/ mine/);
    assert.deepEqual(JSON.parse(t1.replace(/\/\/ mine\n/, '')), { banner: 'never', trustedFolders: ['/w/app'] });
    assert.equal(trustCopilotFolder(t1, '/w/app'), t1);
    assert.ok(isCopilotTrusted(t1, '/w/app/sub'));
    assert.ok(!isCopilotTrusted(t1, '/w'));
    assert.ok(isCopilotTrusted(trustCopilotFolder(undefined, '/w'), '/w/app'));
    assert.ok(!isCopilotTrusted('{ oops', '/w/app'));
  });

  it('planTrust: workspace hooks need folder or project trust; Codex always needs the hash; user-level hooks only that', () => {
    const t = setup();
    const kinds = (scope: 'workspace' | 'user') => planTrust(['claude', 'copilot', 'gemini', 'codex'], t.ws, scope, t.e).map((s) => `${s.agent}:${s.kind}`);
    assert.deepEqual(kinds('workspace'), ['copilot:copilot-folder', 'gemini:gemini-folder', 'codex:codex-project', 'codex:codex-hooks']);
    assert.deepEqual(kinds('user'), ['codex:codex-hooks']);
  });

  it('applyTrust trusts the Codex project before asking for the hash, and writes only our hook\'s hash', async () => {
    const t = setup();
    fs.mkdirSync(path.join(t.ws, '.codex'));
    fs.writeFileSync(path.join(t.ws, '.codex', 'hooks.json'), JSON.stringify({ hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: './theirs.sh' }] }] } }));
    protect(['codex', 'gemini', 'copilot'], t);
    const steps = planTrust(['codex', 'gemini', 'copilot'], t.ws, 'workspace', t.e);
    const r = await applyTrust(steps, t.ws, t.e, { codex: t.codex });
    assert.deepEqual(r.errors, []);
    const toml = fs.readFileSync(path.join(t.home, '.codex', 'config.toml'), 'utf8');
    assert.match(toml, new RegExp(`\\[projects\\."${t.ws}"\\]\\ntrust_level = "trusted"`));
    assert.match(toml, new RegExp(`\\[hooks\\.state\\."${t.ws}/\\.codex/hooks\\.json:pre_tool_use:1:0"\\]\\ntrusted_hash = "sha256:[0-9a-f]{64}"`));
    assert.doesNotMatch(toml, /pre_tool_use:0:0/, 'someone else\'s hook is not trusted by us');
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(t.home, '.gemini', 'trustedFolders.json'), 'utf8')), { [t.ws]: 'TRUST_FOLDER' });
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(t.home, '.copilot', 'config.json'), 'utf8')), { trustedFolders: [t.ws] });
    // Again: nothing left to do.
    assert.deepEqual((await applyTrust(planTrust(['codex', 'gemini', 'copilot'], t.ws, 'workspace', t.e), t.ws, t.e, { codex: t.codex })).written, []);
  });

  it('a missing codex is an error of that step only', async () => {
    const t = setup();
    protect(['codex'], t);
    const r = await applyTrust(planTrust(['codex'], t.ws, 'workspace', t.e), t.ws, { ...t.e, env: { PATH: '/nonexistent' } });
    assert.equal(r.errors.length, 1);
    assert.match(r.errors[0]!.message, /`codex` was not found/);
    assert.ok(r.written.some((f) => f.endsWith('config.toml')), 'the project trust was still written');
  });
});

describe('checkProtection', () => {
  it('not protected: a gap whose remedy is Protect', async () => {
    const t = setup();
    const [r] = await check(t, ['claude']);
    assert.equal(r!.willRun, false);
    assert.equal(r!.summary, 'not protected');
    assert.deepEqual(remedies([r!]).protect, [{ agent: 'claude', scope: 'workspace' }]);
  });

  it('protected and trusted: every agent will run; before the trust steps, each says why not and how to fix it', async () => {
    const t = setup();
    const agents: AgentId[] = ['claude', 'copilot', 'gemini', 'codex'];
    protect(agents, t);
    const before = await check(t, agents);
    assert.deepEqual(before.map((r) => [r.agent, r.willRun]), [['claude', true], ['copilot', false], ['gemini', false], ['codex', false]]);
    assert.match(before[1]!.summary, /Copilot CLI does not trust/);
    assert.match(before[2]!.summary, /Gemini CLI does not trust/);
    assert.match(before[3]!.summary, /Codex does not trust the project/);
    const fix = remedies(before);
    assert.deepEqual(fix.trust.map((s) => s.kind).sort(), ['codex-hooks', 'codex-project', 'copilot-folder', 'gemini-folder']);
    assert.deepEqual((await applyTrust(fix.trust, t.ws, t.e, { codex: t.codex })).errors, []);
    const after = await check(t, agents);
    assert.deepEqual(after.map((r) => [r.agent, r.willRun, r.summary]), agents.map((a) => [a, true, 'will run (workspace)']));
  });

  it('Codex: an entry changed after its hash was trusted is a gap again (the hash changed)', async () => {
    const t = setup();
    protect(['codex'], t);
    await applyTrust(planTrust(['codex'], t.ws, 'workspace', t.e), t.ws, t.e, { codex: t.codex });
    assert.equal((await check(t, ['codex']))[0]!.willRun, true);
    const file = path.join(t.ws, '.codex', 'hooks.json');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"timeout": 600', '"timeout": 30'));
    const [r] = await check(t, ['codex']);
    assert.equal(r!.willRun, false);
    assert.match(r!.summary, /differs from what Protect writes now.*has not trusted the hook's current hash/);
    assert.deepEqual(remedies([r!]).protect, [{ agent: 'codex', scope: 'workspace' }]);
  });

  it('user-level hooks need no folder trust (Codex still needs the hash)', async () => {
    const t = setup();
    protect(['copilot', 'gemini', 'codex'], t, 'user');
    const before = await check(t, ['copilot', 'gemini', 'codex']);
    assert.deepEqual(before.map((r) => r.willRun), [true, true, false]);
    await applyTrust(planTrust(['codex'], t.ws, 'user', t.e), t.ws, t.e, { codex: t.codex });
    assert.deepEqual((await check(t, ['codex'])).map((r) => r.summary), ['will run (user)']);
  });

  it('a hook whose CLI is gone, an outdated entry, and switches that turn hooks off are gaps', async () => {
    const t = setup();
    protect(['claude', 'gemini'], t);
    await applyTrust(planTrust(['gemini'], t.ws, 'workspace', t.e), t.ws, t.e);
    fs.rmSync(t.program.cli);
    const [claude] = await check(t, ['claude']);
    assert.equal(claude!.willRun, false);
    assert.match(claude!.summary, /The hook cannot run: The bundled CLI .* is missing/);

    const moved = { ...t, program: { node: process.execPath, cli: fakeCli() } };
    const [outdated] = await check(moved, ['claude']);
    assert.match(outdated!.summary, /differs from what Protect writes now/);

    fs.writeFileSync(path.join(t.home, '.gemini', 'settings.json'), '{"hooksConfig": {"disabled": ["blast-radius"]}}');
    fs.writeFileSync(path.join(t.ws, '.claude', 'settings.json'), '{"disableAllHooks": true}');
    const [c2, g2] = await checkProtection(t.ws, t.home, { env: t.e.env, agents: ['claude', 'gemini'] });
    assert.match(c2!.summary, /"disableAllHooks": true in .*\.claude\/settings\.json/);
    assert.match(g2!.summary, /hooksConfig.disabled/);
  });

  it('reads the node and CLI out of the commands Protect writes', () => {
    const t = setup();
    protect(['claude', 'copilot', 'cline'], t);
    const cmds = ourCommands('claude', fs.readFileSync(path.join(t.ws, '.claude', 'settings.local.json'), 'utf8'));
    assert.equal(cmds.length, 1);
    assert.deepEqual(programOf(cmds[0]!), { node: process.execPath, cli: t.program.cli });
    assert.deepEqual(programOf('"/opt/my node/node" "/x y/dist/cli.js" hook copilot --wait-seconds 550'), { node: '/opt/my node/node', cli: '/x y/dist/cli.js' });
    assert.deepEqual(programOf("& '/n/node.exe' '/c/cli.js' hook copilot"), { node: '/n/node.exe', cli: '/c/cli.js' });
    assert.deepEqual(programOf('blast-radius hook claude'), { bare: 'blast-radius' });
    const cline = ourCommands('cline', fs.readFileSync(path.join(t.ws, '.clinerules', 'hooks', 'PreToolUse'), 'utf8'));
    assert.deepEqual(cline.map(programOf), [{ node: process.execPath, cli: t.program.cli }]);
  });
});
