/**
 * dist/cli.js runs the CLI bundle from V8's code cache (src/cli/launch.ts). The cache may only make a decision
 * faster: the same answers with or without it, and a cache that is damaged, stale or cannot be written changes nothing.
 */
import { describe, it, before } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.join(__dirname, '../..');
const cli = path.join(root, 'dist/cli.js');

function run(cacheDir: string, command: string, home?: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, BLAST_RADIUS_CACHE_DIR: cacheDir };
  if (home !== undefined) {
    delete env.BLAST_RADIUS_CACHE_DIR;
    env.HOME = home;
  }
  return spawnSync(process.execPath, [cli, 'check', '--', command], { encoding: 'utf8', cwd: root, env });
}

const cacheFiles = (dir: string): string[] => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.v8')) : []);

describe('CLI code cache', () => {
  before(() => {
    if (!fs.existsSync(path.join(root, 'dist/cli-main.js'))) execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root });
  });

  it('the first run writes the cache, later runs use it, and the answers are the same', () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'br-cache-')), 'cache');
    const first = run(dir, 'rm -rf ~');
    assert.equal(first.status, 3, first.stderr);
    const files = cacheFiles(dir);
    assert.equal(files.length, 1, 'one cache file');
    const written = fs.statSync(path.join(dir, files[0]!));
    assert.ok(written.size > 100_000, 'the compiled bundle is in it');
    assert.equal(written.mode & 0o077, 0, 'readable by the user only');
    const second = run(dir, 'rm -rf ~');
    assert.equal(second.status, 3);
    assert.equal(second.stdout, first.stdout);
    assert.equal(fs.statSync(path.join(dir, files[0]!)).mtimeMs, written.mtimeMs, 'an accepted cache is not written again');
    assert.equal(run(dir, 'ls -la').status, 0);
  });

  it('a damaged cache is replaced and the decision is unchanged', () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'br-cache-')), 'cache');
    run(dir, 'ls');
    const file = path.join(dir, cacheFiles(dir)[0]!);
    fs.writeFileSync(file, Buffer.alloc(5000, 7));
    const r = run(dir, 'git push --force origin main');
    assert.equal(r.status, 3, r.stdout + r.stderr);
    assert.notEqual(fs.readFileSync(file).subarray(0, 16).toString('hex'), Buffer.alloc(16, 7).toString('hex'), 'rewritten');
  });

  it('a cache damaged inside its payload (a header V8 would accept) is never handed to V8', () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'br-cache-')), 'cache');
    run(dir, 'ls');
    const file = path.join(dir, cacheFiles(dir)[0]!);
    const data = fs.readFileSync(file);
    for (let i = data.length - 4000; i < data.length - 3000; i++) data[i] = data[i]! ^ 0xff;
    fs.writeFileSync(file, data);
    const r = run(dir, 'rm -rf ~');
    assert.equal(r.status, 3, r.stdout + r.stderr);
    const again = fs.readFileSync(file);
    assert.ok(!again.equals(data), 'replaced by a good cache');
  });

  it('a cache left by another build or Node version is removed when the new one is written', () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'br-cache-')), 'cache');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'cli-v18.0.0-x64-1-1.v8'), 'old');
    run(dir, 'ls');
    const files = cacheFiles(dir);
    assert.equal(files.length, 1);
    assert.ok(files[0]!.startsWith(`cli-${process.version}-`), files[0]);
  });

  it('a cache folder that cannot be created changes nothing', () => {
    const blocker = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'br-cache-')), 'a-file');
    fs.writeFileSync(blocker, '');
    const r = run(path.join(blocker, 'cache'), 'rm -rf ~');
    assert.equal(r.status, 3, r.stderr);
    assert.equal(r.stderr, '');
  });

  it('without a setting the cache lives in ~/.blast-radius/cache', () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'br-home-'));
    assert.equal(run('', 'ls', home).status, 0);
    assert.equal(cacheFiles(path.join(home, '.blast-radius', 'cache')).length, 1);
  });
});
