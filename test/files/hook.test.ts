/**
 * The file guard end to end, on the built CLI exactly as agents and CI call it: recorded hook payloads through
 * `node dist/cli.js hook <agent>` with HOME pointing at an empty folder (no editor window is registered, so
 * the hook decides alone), and `node dist/cli.js check` for shell commands. The payloads point into a temp
 * workspace that holds the files they change, so the adapters read the real old content from disk.
 */
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.join(__dirname, '../..');
const cli = path.join(root, 'dist/cli.js');
const PAYLOADS = path.join(__dirname, 'payloads');

const OUR_HOOK = '"/usr/bin/node" "/home/dev/.vscode/extensions/blast-radius.blast-radius-0.1.0/dist/cli.js" hook claude --wait-seconds 550';
const CLAUDE_SETTINGS = JSON.stringify({
  permissions: { allow: ['Bash(npm test)'] },
  hooks: { PreToolUse: [{ matcher: '*', hooks: [{ type: 'command', command: OUR_HOOK, timeout: 600 }] }] },
}, null, 2) + '\n';

let ws = '';
let home = '';

/** A workspace with the files the payloads touch. */
function makeWorkspace(): string {
  // Not under /tmp (where a clone of this repository may live too): scratch files there count as disposable,
  // and the point is a real project.
  const parent = '/var/lib/blast-radius-tests/files';
  fs.mkdirSync(parent, { recursive: true });
  const dir = fs.mkdtempSync(path.join(parent, 'ws-'));
  const put = (rel: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  fs.mkdirSync(path.join(dir, '.git'));
  put('.env.production', 'API_URL=https://api.example.com\nDB_PASSWORD=s3cret\n');
  put('config/production.yml', 'replicas: 3\n');
  put('src/server.ts', Array.from({ length: 200 }, (_, i) => `export const handler${i} = () => ${i};`).join('\n') + '\n');
  put('src/app.ts', 'export const port = 3000;\n');
  put('db/migrations/.keep', '');
  put('.claude/settings.json', CLAUDE_SETTINGS);
  put('billing/rates.ts', 'export const vat = 0.2;\n');
  put('.blastradius.json', '{ "protect": ["billing/**"] }\n');
  for (let i = 0; i < 12; i++) put(`legacy/module${i}.py`, `x = ${i}\n`);
  return dir;
}

/** A recorded payload with `/home/dev/shop` replaced by the temp workspace. */
function payload(name: string, replace: Record<string, string> = {}): string {
  let text = fs.readFileSync(path.join(PAYLOADS, `${name}.json`), 'utf8').split('/home/dev/shop').join(ws);
  for (const [k, v] of Object.entries(replace)) text = text.split(k).join(v);
  return text;
}

function hook(agent: string, stdin: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, 'hook', agent], { input: stdin, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: home }, timeout: 30_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Claude's answer: allow / ask / deny, with the reason. */
function claudeAnswer(r: { code: number; stdout: string; stderr: string }): { decision: string; reason: string } {
  if (r.code === 0 && r.stdout.trim() === '') return { decision: 'allow', reason: '' };
  const out = JSON.parse(r.stdout) as { hookSpecificOutput?: { permissionDecision?: string; permissionDecisionReason?: string } };
  return { decision: out.hookSpecificOutput?.permissionDecision ?? '?', reason: out.hookSpecificOutput?.permissionDecisionReason ?? '' };
}

function check(command: string): { code: number; out: { decision: string; rules: string[]; reason: string } } {
  const r = spawnSync(process.execPath, [cli, 'check', '--json', '--cwd', ws, '--', command], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: home } });
  return { code: r.status ?? -1, out: JSON.parse(r.stdout) };
}

before(() => {
  execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root });
  ws = makeWorkspace();
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'br-files-home-'));
});

after(() => {
  fs.rmSync(ws, { recursive: true, force: true });
  fs.rmSync(home, { recursive: true, force: true });
});

describe('file guard through `blast-radius hook claude`, no editor', () => {
  it('an Edit of .env.production asks, with a summary of the change', () => {
    const a = claudeAnswer(hook('claude', payload('claude-edit-env-production')));
    assert.equal(a.decision, 'ask');
    assert.match(a.reason, /\.env\.production \(a production env file\): \+1 −1 lines/);
    assert.match(a.reason, /files\/protected-edit/);
  });

  it('a Write of DROP TABLE users; into a migration asks', () => {
    const a = claudeAnswer(hook('claude', payload('claude-write-drop-table-migration')));
    assert.equal(a.decision, 'ask');
    assert.match(a.reason, /DROP TABLE users/);
    assert.match(a.reason, /files\/destructive-migration/);
  });

  it('a Write that empties a 200-line source file asks', () => {
    const a = claudeAnswer(hook('claude', payload('claude-write-empty-source')));
    assert.equal(a.decision, 'ask');
    assert.match(a.reason, /Empties src\/server\.ts: 200 → 0 lines/);
  });

  it('a Write that removes the Blast Radius hook from .claude/settings.json is denied (block)', () => {
    const r = hook('claude', payload('claude-write-remove-hook'));
    const a = claudeAnswer(r);
    assert.equal(a.decision, 'deny');
    assert.equal(r.code, 2);
    assert.match(a.reason, /removes a Blast Radius hook/);
    assert.match(a.reason, /files\/tamper-edit/);
  });

  it("an Edit of a file in the team's protect globs asks", () => {
    const a = claudeAnswer(hook('claude', payload('claude-edit-team-protected')));
    assert.equal(a.decision, 'ask');
    assert.match(a.reason, /billing\/rates\.ts \(a file your team protects\)/);
  });

  it('an ordinary Edit and a new source file pass', () => {
    assert.equal(claudeAnswer(hook('claude', payload('claude-edit-ordinary'))).decision, 'allow');
    assert.equal(claudeAnswer(hook('claude', payload('claude-write-new-file'))).decision, 'allow');
  });

  it('a Bash `rm config/production.yml` asks', () => {
    const a = claudeAnswer(hook('claude', payload('claude-bash-rm-production')));
    assert.equal(a.decision, 'ask');
    assert.match(a.reason, /files\/protected-shell/);
  });
});

describe('file guard through other agents, no editor', () => {
  it('a Codex apply_patch that deletes twelve files is denied (Codex has no ask)', () => {
    const r = hook('codex', payload('codex-patch-bulk-delete'));
    assert.equal(r.code, 2);
    assert.match(r.stdout + r.stderr, /Deletes 12 files in one change/);
  });

  it('a Gemini write_file that removes the hook from .gemini/settings.json is denied', () => {
    fs.mkdirSync(path.join(ws, '.gemini'), { recursive: true });
    fs.writeFileSync(path.join(ws, '.gemini/settings.json'), JSON.stringify({ hooks: { BeforeTool: [{ matcher: '.*', hooks: [{ type: 'command', command: 'blast-radius hook gemini' }] }] } }));
    const r = hook('gemini', payload('gemini-write-settings'));
    assert.equal(r.code, 2);
    assert.match(r.stdout + r.stderr, /tamper-edit/);
  });
});

describe('file guard through `blast-radius check`', () => {
  const cases: [string, number, string][] = [
    ['rm config/production.yml', 2, 'files/protected-shell'],
    ["sed -i 's/x/y/' .env.production", 2, 'files/protected-shell'],
    ['echo X=Y >> .env.production', 2, 'files/protected-shell'],
    ['git checkout -- .env.production', 2, 'files/protected-shell'],
    ['mv x .env.production', 3, 'fs/move-over'],
    ['truncate -s 0 .env.production', 3, 'fs/clobber-important'],
    ["sed -i '/blast-radius/d' .claude/settings.json", 3, 'files/tamper-shell'],
  ];
  for (const [command, code, rule] of cases) {
    it(`${command} → exit ${code} (${rule})`, () => {
      const r = check(command);
      assert.equal(r.code, code, JSON.stringify(r.out));
      assert.ok(r.out.rules.includes(rule), JSON.stringify(r.out));
    });
  }

  it('one report per change: rm of .env.production is fs/rm-important alone', () => {
    const r = check('rm .env.production');
    assert.equal(r.code, 3);
    assert.deepEqual(r.out.rules, ['fs/rm-important']);
  });

  it('ordinary commands pass', () => {
    for (const command of ["sed -i 's/3000/3001/' src/app.ts", 'cat .env.production.example', 'rm src/app.ts.orig', 'git rm --cached .env.production']) {
      assert.equal(check(command).code, 0, command);
    }
  });

  it("the team's protect globs apply to shell commands too", () => {
    const r = check("sed -i 's/0.2/0.25/' billing/rates.ts");
    assert.equal(r.code, 2);
    assert.ok(r.out.rules.includes('files/protected-shell'));
  });
});
