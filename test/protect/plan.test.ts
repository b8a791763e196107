/** src/protect plan/apply on a real folder, detection, the node check, and the trust steps' text edits. */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Environment } from '../../src/protect/agents';
import { applyChanges, checkProgram, detectAgents, planProtect, planRemove, removeEmptyDirs, statusOf } from '../../src/protect/plan';
import {
  isCodexProjectTrusted, isGeminiTrusted, ourCodexHooks, setTomlKey, trustCodexHooks, trustCodexProject, trustGeminiFolder,
} from '../../src/protect/trust';

const program = { node: process.execPath, cli: '/opt/blast-radius/dist/cli.js' };

function tmp(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        out[path.relative(root, p) + '/'] = '';
        walk(p);
      } else out[path.relative(root, p)] = fs.readFileSync(p, 'utf8');
    }
  };
  walk(root);
  return out;
}

describe('plan and apply', () => {
  it('detects agents from workspace config folders and home folders', () => {
    const ws = tmp('br-ws-');
    const home = tmp('br-home-');
    fs.mkdirSync(path.join(ws, '.claude'));
    fs.mkdirSync(path.join(ws, '.github', 'hooks'), { recursive: true });
    fs.mkdirSync(path.join(home, '.gemini'));
    const e: Environment = { home, env: {}, platform: 'linux' };
    const found = Object.fromEntries(detectAgents(ws, e).map((d) => [d.agent, d]));
    assert.deepEqual(found.claude!.reasons, ['.claude/ in the workspace']);
    assert.equal(found.claude!.inWorkspace, true);
    assert.deepEqual(found.copilot!.reasons, ['.github/hooks/ in the workspace']);
    assert.deepEqual(found.gemini!.reasons, ['~/.gemini']);
    assert.equal(found.gemini!.inWorkspace, false);
    assert.deepEqual(found.cursor!.reasons, []);
  });

  it('protect → protect again → remove leaves the workspace exactly as it was', () => {
    const ws = tmp('br-ws-');
    const e: Environment = { home: tmp('br-home-'), env: {}, platform: 'linux' };
    fs.mkdirSync(path.join(ws, '.claude'));
    fs.writeFileSync(path.join(ws, '.claude', 'settings.local.json'), '{\n  // mine\n  "env": { "A": "1" }\n}\n');
    fs.mkdirSync(path.join(ws, '.gemini'));
    const before = snapshot(ws);
    const agents = ['claude', 'gemini', 'copilot', 'cursor', 'cline'] as const;

    const plan = planProtect(agents, ws, program, 'workspace', e);
    assert.deepEqual(plan.problems, []);
    assert.deepEqual(plan.changes.map((c) => path.relative(ws, c.file)), [
      '.claude/settings.local.json', '.gemini/settings.json', '.github/hooks/blast-radius.json', '.cursor/hooks.json', '.clinerules/hooks/PreToolUse',
    ]);
    assert.deepEqual(plan.changes.map((c) => c.before === undefined), [false, true, true, true, true]);
    const applied = applyChanges(plan.changes);
    assert.deepEqual(applied.errors, []);
    assert.deepEqual(applied.createdDirs.map((d) => path.relative(ws, d)), ['.github', '.github/hooks', '.cursor', '.clinerules', '.clinerules/hooks']);
    assert.equal(fs.statSync(path.join(ws, '.clinerules/hooks/PreToolUse')).mode & 0o111, 0o111, 'the Cline hook is executable');
    const status = statusOf(ws, program, 'workspace', e);
    assert.deepEqual([status.claude, status.gemini, status.copilot, status.cursor, status.cline, status.codex], ['current', 'current', 'current', 'current', 'current', 'absent']);

    const protectedFiles = snapshot(ws);
    assert.deepEqual(planProtect(agents, ws, program, 'workspace', e).changes, [], 'running it twice changes nothing');
    assert.deepEqual(snapshot(ws), protectedFiles);

    const removal = planRemove(ws, 'workspace', undefined, e);
    assert.equal(removal.changes.length, 5);
    assert.deepEqual(applyChanges(removal.changes).errors, []);
    removeEmptyDirs(applied.createdDirs);
    assert.deepEqual(snapshot(ws), before);
  });

  it('a file edited after the preview is skipped, not overwritten', () => {
    const ws = tmp('br-ws-');
    const plan = planProtect(['claude'], ws, program, 'workspace', { home: ws, env: {}, platform: 'linux' });
    fs.mkdirSync(path.join(ws, '.claude'));
    fs.writeFileSync(path.join(ws, '.claude', 'settings.local.json'), '{}');
    const r = applyChanges(plan.changes);
    assert.match(r.errors[0]!.message, /changed since the preview/);
    assert.equal(fs.readFileSync(path.join(ws, '.claude', 'settings.local.json'), 'utf8'), '{}');
  });

  it('a broken config is reported as a problem and left alone', () => {
    const ws = tmp('br-ws-');
    fs.mkdirSync(path.join(ws, '.gemini'));
    fs.writeFileSync(path.join(ws, '.gemini', 'settings.json'), '{ oops');
    const plan = planProtect(['gemini', 'claude'], ws, program, 'workspace', { home: ws, env: {}, platform: 'linux' });
    assert.equal(plan.changes.length, 1);
    assert.match(plan.problems[0]!.message, /not valid JSON/);
  });

  it('the node check finds node on PATH and runs the CLI; a missing CLI is reported', () => {
    const cli = path.join(tmp('br-cli-'), 'cli.js');
    fs.writeFileSync(cli, 'process.exit(process.argv[2] === "help" ? 0 : 1)');
    const r = checkProgram(cli, undefined, { PATH: path.dirname(process.execPath) });
    assert.equal(r.ok, true, r.message);
    assert.equal(r.node, path.join(path.dirname(process.execPath), 'node'));
    assert.equal(checkProgram('/nope/cli.js', undefined).ok, false);
    assert.match(checkProgram(cli, undefined, { PATH: '/nonexistent' }).message!, /No `node` on PATH/);
  });
});

describe('trust steps', () => {
  it('Gemini: trusts a folder once, reads TRUST_FOLDER on ancestors, TRUST_PARENT and DO_NOT_TRUST', () => {
    const text = trustGeminiFolder(undefined, '/w/app');
    assert.deepEqual(JSON.parse(text), { '/w/app': 'TRUST_FOLDER' });
    assert.equal(trustGeminiFolder(text, '/w/app'), text);
    assert.ok(isGeminiTrusted(text, '/w/app'));
    assert.ok(isGeminiTrusted(text, '/w/app/sub'));
    assert.ok(!isGeminiTrusted(text, '/w'));
    assert.ok(isGeminiTrusted('{"/w/app":"TRUST_PARENT"}', '/w/other'));
    assert.ok(!isGeminiTrusted('{"/w":"TRUST_FOLDER","/w/app":"DO_NOT_TRUST"}', '/w/app'));
  });

  it('Codex: project trust and hook hashes go into config.toml tables; nothing else changes', () => {
    const toml = 'model = "o4"\n\n[projects."/w/other"]\ntrust_level = "trusted"\n';
    assert.ok(!isCodexProjectTrusted(toml, '/w/app'));
    const t1 = trustCodexProject(toml, '/w/app');
    assert.equal(t1, `${toml}\n[projects."/w/app"]\ntrust_level = "trusted"\n`);
    assert.ok(isCodexProjectTrusted(t1, '/w/app'));
    assert.equal(trustCodexProject(t1, '/w/app'), t1);
    const t2 = trustCodexHooks(t1, [{ key: '/w/app/.codex/hooks.json:pre_tool_use:0:0', currentHash: 'sha256:abc' }]);
    assert.match(t2, /\[hooks\.state\."\/w\/app\/\.codex\/hooks\.json:pre_tool_use:0:0"\]\ntrusted_hash = "sha256:abc"\n$/);
    const t3 = trustCodexHooks(t2, [{ key: '/w/app/.codex/hooks.json:pre_tool_use:0:0', currentHash: 'sha256:def' }]);
    assert.equal(t3, t2.replace('sha256:abc', 'sha256:def'));
    assert.throws(() => setTomlKey('projects."/w/app".trust_level = "untrusted"\n', 'projects."/w/app"', 'trust_level', '"trusted"'), /does not edit/);
  });

  it('Codex: only hooks whose hooks.json group runs our command are trusted', () => {
    const file = '/w/.codex/hooks.json';
    const text = JSON.stringify({ hooks: { PreToolUse: [
      { matcher: 'Bash', hooks: [{ type: 'command', command: './other.sh' }] },
      { matcher: 'Bash', hooks: [{ type: 'command', command: '/usr/bin/node /x/dist/cli.js hook codex --wait-seconds 550' }] },
    ] } });
    const hooks = [
      { key: `${file}:pre_tool_use:0:0`, currentHash: 'sha256:1' },
      { key: `${file}:pre_tool_use:1:0`, currentHash: 'sha256:2' },
    ];
    assert.deepEqual(ourCodexHooks(hooks, (f) => (f === file ? text : undefined)).map((h) => h.currentHash), ['sha256:2']);
  });
});
