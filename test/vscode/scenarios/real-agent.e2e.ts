/**
 * A real agent in front of a real editor: Claude Code 2.1.330 (package.json devDependencies), in its most
 * permissive mode, driven by a scripted fake model (test/agents/fake-models.ts), in this scenario's throwaway
 * workspace protected with src/protect. Its Bash call `rm -rf <project>/.git` reaches the Blast Radius hook,
 * the hook asks this VS Code window, which blocks it at once (no modal for a block) and Claude obeys. Then a
 * write to .env.production (an ask): the modal names the file, the person clicks Deny and Claude does not write
 * (and tells the model); asked again, the person clicks Allow Once and Claude writes it.
 *
 * The agent works in a subfolder of the scenario's workspace copy (mktemp, outside the repository) with its own
 * mktemp HOME; it reaches this window the way an integrated terminal does, through BLAST_RADIUS_SOCKET/TOKEN of
 * the window's registry entry.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { liveWindows, windowsFor } from '../../../src/channel/registry';
import { ENV_SOCKET, ENV_TOKEN } from '../../../src/channel/protocol';
import { applyChanges, planProtect } from '../../../src/protect/plan';
import { claude } from '../../agents/agents';
import { startFakeModel } from '../../agents/fake-models';
import { assertCallInside, runAgent } from '../../agents/run-agent';
import { assertInside, type Sandbox } from '../../agents/sandbox';
import type { Harness, Scenario } from '../harness';

function gitInit(ws: string): void {
  const env = { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: ws, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid' };
  for (const args of [['init', '-q', '-b', 'main'], ['add', '.'], ['commit', '-q', '-m', 'init']]) {
    const r = spawnSync('git', args, { cwd: ws, env, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  }
}

/**
 * The agent works in `project/` inside h.workspace (a mktemp copy outside the repository, open in this window);
 * its home and the hook log live in a second mktemp folder.
 */
function sandbox(h: Harness): Sandbox & { extra: string } {
  const root = fs.realpathSync(h.workspace);
  const tmp = fs.realpathSync(os.tmpdir());
  assert.ok(root.startsWith(tmp + path.sep), `workspace ${root} is not a temp folder`);
  const ws = assertInside(root, path.join(root, 'project'));
  fs.mkdirSync(ws);
  fs.writeFileSync(path.join(ws, 'README.md'), '# project\n');
  const extra = fs.realpathSync(fs.mkdtempSync(path.join(tmp, 'br-vscode-agent-')));
  const home = path.join(extra, 'home');
  fs.mkdirSync(home);
  return { root, ws, home, victim: assertInside(root, path.join(ws, '.git')), hookLog: path.join(extra, 'hook-log.jsonl'), extra };
}

export default {
  name: 'a real agent\'s call raises the modal and the agent receives the person\'s answer',
  timeout: 120_000,
  async run(h) {
    const s = sandbox(h);
    gitInit(s.ws);
    const env = { home: s.home, env: {}, platform: process.platform };
    const program = { node: process.execPath, cli: h.cliPath };
    const plan = planProtect(['claude'], s.ws, program, 'workspace', env);
    for (const c of plan.changes) assertInside(s.ws, c.file);
    assert.deepEqual(applyChanges(plan.changes).errors, []);

    // This window, as an integrated terminal would find it.
    const window = await h.waitFor(() => windowsFor(s.ws, liveWindows(h.env.HOME))[0], 30_000, 'this window in the Blast Radius registry (is the gate wired into activate()?)');
    const connect = { [ENV_SOCKET]: window.socket, [ENV_TOKEN]: window.token };

    const viaWindow = { ...claude, env: (sb: Sandbox, url: string, mode: 'default' | 'permissive') => ({ ...claude.env(sb, url, mode), ...connect }) };
    const model = await startFakeModel('anthropic', undefined);
    /** Every path the model names lies inside the workspace copy (checked before the agent starts). */
    const script = (call: ReturnType<typeof claude.shell>): void => {
      assertCallInside(s, call);
      model.setCall(call);
    };
    try {
      // 1. A blocked call (deleting .git): the window denies it at once, no modal; Claude obeys.
      script(claude.shell(`rm -rf ${s.victim}`));
      const blocked = await runAgent(viaWindow, s, model, 'permissive', { timeoutS: 90 });
      assert.equal(blocked.exitCode, 0, blocked.stderr);
      assert.ok(fs.existsSync(path.join(s.victim, 'HEAD')), '.git was deleted');
      assert.deepEqual(blocked.hooks.map((c) => c.exitCode), [2]);
      assert.ok(blocked.toolResults.some((t) => /Blast Radius stopped Bash: rm -rf/.test(t)), JSON.stringify(blocked.toolResults));

      // 2. A write to .env.production (an ask): the modal shows it, the person clicks Deny, Claude does not write.
      const envFile = path.join(s.ws, '.env.production');
      const original = 'DATABASE_URL=postgres-production-host\n';
      fs.writeFileSync(envFile, original);
      script(claude.write(envFile, 'DATABASE_URL=new-host\n'));
      const denied = runAgent(viaWindow, s, model, 'permissive', { timeoutS: 90 });
      assert.match(await h.modalText(), /\.env\.production/);
      await h.screenshot('real-agent-modal');
      await h.clickModalButton('Deny');
      const r2 = await denied;
      assert.equal(r2.exitCode, 0, r2.stderr);
      assert.equal(fs.readFileSync(envFile, 'utf8'), original, 'the person denied the write, but Claude wrote');
      assert.ok(r2.toolResults.some((t) => /Blast Radius/.test(t) && /\.env\.production/.test(t)), `the model was not told: ${JSON.stringify(r2.toolResults)}`);

      // 3. The same write again: the person clicks Allow Once, and Claude writes it.
      script(claude.write(envFile, 'DATABASE_URL=new-host\n'));
      const allowed = runAgent(viaWindow, s, model, 'permissive', { timeoutS: 90 });
      assert.match(await h.modalText(), /\.env\.production/);
      await h.clickModalButton('Allow Once');
      const r3 = await allowed;
      assert.equal(r3.exitCode, 0, r3.stderr);
      assert.equal(fs.readFileSync(envFile, 'utf8'), 'DATABASE_URL=new-host\n', 'the person allowed the write, but Claude did not write');
    } finally {
      await model.close();
      fs.rmSync(s.extra, { recursive: true, force: true });
    }
  },
} satisfies Scenario;
