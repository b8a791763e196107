/**
 * Rule files through the bundled CLI, as hooks and CI run it: check (with and without --trust-rules), bad files on
 * stderr with file:line:column, and `rules list | explain | test`.
 */
import { describe, it, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { allRules } from '../../src/engine/rules';

const root = path.join(__dirname, '../..');
let tmp: string;
let cli: string;
let repo: string;
let home: string;

function run(args: string[], cwd = repo, input?: string) {
  return spawnSync(process.execPath, [cli, ...args], { cwd, input, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: home } });
}

function write(rel: string, content: unknown): string {
  const file = path.join(repo, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'br-cli-config-'));
  cli = path.join(tmp, 'cli.js');
  // Own bundle: other test files may be rebuilding dist/ at the same time.
  await esbuild.build({
    entryPoints: [path.join(root, 'src/cli/main.ts')], outfile: cli, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning',
    alias: { 'jsonc-parser': path.join(root, 'node_modules/jsonc-parser/lib/esm/main.js') },
  });
  repo = path.join(tmp, 'repo');
  home = path.join(tmp, 'home');
  fs.mkdirSync(path.join(repo, '.git'), { recursive: true });
  fs.mkdirSync(home);
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

// The git rules have landed: a force push to main pauses by default.
const FORCE_PUSH = 'git push --force origin main';

describe('check with a rule file', () => {
  it('an untrusted allow rule loosens nothing; --trust-rules applies it', () => {
    write('.blastradius.json', { commands: [{ match: FORCE_PUSH, decision: 'allow' }] });
    const untrusted = run(['check', '--', FORCE_PUSH]);
    assert.notEqual(untrusted.status, 0, untrusted.stdout);
    assert.ok(untrusted.status === 2 || untrusted.status === 3);
    assert.match(untrusted.stdout, /git\/force-push/);
    assert.match(untrusted.stderr, /\.blastradius\.json:3:\d+: ignored commands: \{ "match": "git push --force origin main", "decision": "allow" \}/);
    const trusted = run(['check', '--trust-rules', '--', FORCE_PUSH]);
    assert.equal(trusted.status, 0, trusted.stdout + trusted.stderr);
    assert.equal(trusted.stderr, '');
  });

  it('an approval in ~/.blast-radius/approved-rules.json is honoured by the CLI', () => {
    const file = write('.blastradius.json', { rules: { 'fs/rm-recursive': 'off' } });
    assert.equal(run(['check', '--', 'rm -rf ~']).status, 3);
    const { hashContent } = require('../../src/engine/config/rule-file') as typeof import('../../src/engine/config/rule-file');
    fs.mkdirSync(path.join(home, '.blast-radius'), { recursive: true });
    fs.writeFileSync(path.join(home, '.blast-radius/approved-rules.json'), JSON.stringify({ version: 1, approvals: [{ path: file, sha256: hashContent(fs.readFileSync(file, 'utf8')), approvedAt: '2026-01-01T00:00:00Z' }] }));
    assert.equal(run(['check', '--', 'rm -rf ~']).status, 0);
    fs.rmSync(path.join(home, '.blast-radius'), { recursive: true });
  });

  it('team block rules apply in check --batch per cwd', () => {
    write('.blastradius.json', {});
    write('svc/.blastradius.json', { commands: [{ match: 'make deploy-prod*', decision: 'block' }] });
    const r = run(['check', '--batch'], repo, [
      JSON.stringify({ command: 'make deploy-prod', cwd: 'svc' }),
      JSON.stringify({ command: 'make deploy-prod' }),
    ].join('\n') + '\n');
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(lines[0].decision, 'block');
    assert.equal(lines[1].decision, 'allow');
  });

  it('the person\'s own ~/.blast-radius/config.json is part of the floor', () => {
    write('.blastradius.json', {});
    fs.mkdirSync(path.join(home, '.blast-radius'), { recursive: true });
    fs.writeFileSync(path.join(home, '.blast-radius/config.json'), '{ "commands": [ { "match": "make deploy*", "decision": "ask" } ] }');
    assert.equal(run(['check', '--', 'make deploy']).status, 2);
    fs.rmSync(path.join(home, '.blast-radius'), { recursive: true });
  });

  it('a malformed file: file:line:column on stderr, and built-in protection still in force', () => {
    write('.blastradius.json', '{\n  "rules": {\n    "fs/rm-recursive": "of"\n  }\n}\n');
    const r = run(['check', '--trust-rules', '--', 'rm -rf ~']);
    assert.equal(r.status, 3);
    assert.match(r.stderr, /\.blastradius\.json:3:24: error: rules\["fs\/rm-recursive"\] is "of"; it must be one of "off", "allow", "ask", "block"/);
    assert.match(r.stderr, /is not in force/);
    write('.blastradius.json', '{ "commands": [ { "match": "ls", "decision": "block" } ');
    const syntax = run(['check', '--', 'rm -rf ~']);
    assert.equal(syntax.status, 3);
    assert.match(syntax.stderr, /\.blastradius\.json:1:\d+: error: a closing bracket \] is expected/);
  });
});

describe('blast-radius rules', () => {
  it('list: every rule with its default decision and description', () => {
    const r = run(['rules', 'list']);
    assert.equal(r.status, 0);
    for (const rule of allRules) assert.match(r.stdout, new RegExp(`^${rule.meta.id.replace(/[/.-]/g, '\\$&')} +${rule.meta.decision} +\\S`, 'm'));
  });

  it('explain: one rule; an unknown id exits 1 with a suggestion', () => {
    const r = run(['rules', 'explain', 'fs/rm-recursive']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^fs\/rm-recursive \(command rule, default: block/);
    const bad = run(['rules', 'explain', 'fs/rm-recursiv']);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /did you mean "fs\/rm-recursive"/);
  });

  it('test: correct annotations pass', () => {
    write('.blastradius.json', { commands: [{ match: 'make deploy-prod*', decision: 'block' }, { match: 'rm -rf /srv/cache', decision: 'allow' }] });
    write('rule-tests/deploy.sh', [
      '#!/bin/sh',
      '# blast-radius: block',
      'make deploy-prod-eu',
      '# blast-radius: allow',
      'make deploy-staging',
      '# blast-radius: block',
      'rm -rf ~',
      '# blast-radius: allow',
      'cat > notes.txt <<EOF',
      'rm -rf ~ is only text here',
      'EOF',
      '',
    ].join('\n'));
    write('rule-tests/db.sql', ['-- blast-radius: allow', 'SELECT * FROM users', '  WHERE id = 1;', ''].join('\n'));
    const r = run(['rules', 'test', 'rule-tests']);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^5 passed, 0 failed$/m);
  });

  it('test: wrong annotations fail with file:line; pending loosening is named', () => {
    write('rule-tests/deploy.sh', ['# blast-radius: allow', 'make deploy-prod', '# blast-radius: allow', 'rm -rf /srv/cache', '# blast-radius: maybe', 'ls', ''].join('\n'));
    write('rule-tests/db.sql', '');
    const r = run(['rules', 'test', 'rule-tests']);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^rule-tests\/deploy\.sh:2: expected allow, got block: make deploy-prod$/m);
    assert.match(r.stdout, /^rule-tests\/deploy\.sh:4: expected allow, got block: rm -rf \/srv\/cache$/m);
    assert.match(r.stdout, /^rule-tests\/deploy\.sh:5: "maybe" is not allow, ask or block$/m);
    assert.match(r.stdout, /not in force until approved \(or run with --trust-rules\)/);
    assert.match(r.stdout, /^0 passed, 3 failed$/m);
    // With --trust-rules the allow rule applies; the deploy case still fails.
    const trusted = run(['rules', 'test', '--trust-rules', 'rule-tests']);
    assert.match(trusted.stdout, /^1 passed, 2 failed$/m);
  });

  it('test: a folder without annotated cases is an error', () => {
    fs.mkdirSync(path.join(repo, 'empty'), { recursive: true });
    const r = run(['rules', 'test', 'empty']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /no annotated cases/);
  });
});
