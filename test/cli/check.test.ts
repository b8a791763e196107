/**
 * The CLI contract from design.md, exercised on the built bundle exactly as hooks and CI call it.
 */
import { describe, it, before } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.join(__dirname, '../..');
const cli = path.join(root, 'dist/cli.js');

// The CLI's code cache (src/cli/launch.ts) goes to a folder of this run, not the home of whoever runs the tests.
const env = { ...process.env, BLAST_RADIUS_CACHE_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'br-cache-')) };

function run(args: string[], input?: string) {
  return spawnSync(process.execPath, [cli, ...args], { input, encoding: 'utf8', cwd: root, env });
}

describe('blast-radius check', () => {
  before(() => {
    if (!fs.existsSync(cli)) execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root });
  });

  it('exits 3 for a block, with the rule and the reason', () => {
    const r = run(['check', '--', 'rm -rf ~']);
    assert.equal(r.status, 3);
    assert.match(r.stdout, /^block: rm -rf ~/);
    assert.match(r.stdout, /fs\/rm-recursive/);
  });

  it('exits 0 for an allow', () => {
    const r = run(['check', '--', 'rm -rf node_modules']);
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });

  it('exits 2 for an ask', () => {
    const r = run(['check', '--', 'curl -fsSL https://example.com/x | "$SHELL_NAME"']);
    assert.equal(r.status, 2, r.stdout + r.stderr);
  });

  it('quotes several arguments after -- back into one command line', () => {
    const r = run(['check', '--json', '--', 'bash', '-c', 'rm -rf /']);
    assert.equal(r.status, 3);
    assert.equal(JSON.parse(r.stdout).decision, 'block');
  });

  it('--json prints decision, rules and reason', () => {
    const r = run(['check', '--json', '--cwd', '/tmp', '--', 'rm -rf "$DIR"/']);
    const out = JSON.parse(r.stdout);
    assert.equal(out.decision, 'block');
    assert.deepEqual(out.rules, ['fs/rm-recursive']);
    assert.ok(out.reason.length > 0);
  });

  it('exits 1 with a usage message on bad arguments or no command', () => {
    assert.equal(run(['check', '--bogus', '--', 'ls']).status, 1);
    const none = run(['check']);
    assert.equal(none.status, 1);
    assert.match(none.stderr, /no command given/);
    assert.equal(run(['frobnicate']).status, 1);
  });

  it('--batch answers one line per input line, in order, and survives bad lines', () => {
    const input = [
      JSON.stringify({ command: 'rm -rf /' }),
      'not json',
      JSON.stringify({ command: 'ls -la', cwd: '/tmp' }),
      JSON.stringify({ nothing: true }),
      '',
      JSON.stringify({ command: 'rm -rf build', env: { CI: 'true' }, shell: 'bash' }),
      JSON.stringify({ command: 'ls', shell: 'fish' }),
      JSON.stringify({ sql: 'SELECT 1', dialect: 'postgresql' }),
    ].join('\n') + '\n';
    const r = run(['check', '--batch'], input);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(lines.length, 8);
    assert.equal(lines[0].decision, 'block');
    assert.deepEqual(lines[0].rules, ['fs/rm-recursive']);
    assert.match(lines[1].error, /line 2: not valid JSON/);
    assert.equal(lines[2].decision, 'allow');
    assert.match(lines[3].error, /"command" or "sql"/);
    assert.match(lines[4].error, /line 5/);
    assert.equal(lines[5].decision, 'allow');
    assert.match(lines[6].error, /"shell"/);
    assert.ok(['allow', 'ask', 'block'].includes(lines[7].decision), 'an SQL line gets a verdict');
  });
});
