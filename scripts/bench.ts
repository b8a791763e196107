/**
 * `npm run bench`: decision latency in process, SQL latency, and the CLI's start-up next to Node's own.
 * Figures are printed, never asserted: timing belongs here, not in tests.
 * Sections for other features live in scripts/bench/*.ts and export `run(): Promise<void>`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { evaluate } from '../src/engine/evaluate';
import type { Action } from '../src/engine/types';
import { CORPUS_DIR, readCorpus } from '../test/helpers/corpus';

const root = path.join(__dirname, '..');

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function stats(samples: number[]): { median: number; p99: number; mean: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: percentile(sorted, 50), p99: percentile(sorted, 99), mean: samples.reduce((a, b) => a + b, 0) / samples.length };
}

export function fmtUs(ns: number): string {
  return `${(ns / 1000).toFixed(1)} µs`;
}

export function fmtMs(ns: number): string {
  return `${(ns / 1e6).toFixed(1)} ms`;
}

function commandSet(): string[] {
  const fromCorpora = fs.readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.txt')).flatMap((f) => readCorpus(f));
  const builtIn = [
    'ls -la', 'git status', 'npm test', 'rm -rf node_modules', 'rm -rf ~', 'git push --force origin main',
    'cd /home/dev/project && npm run build && npm test', 'bash -c "rm -rf $HOME"', "find . -name '*.pyc' -delete",
    'curl -s https://api.github.com/repos/x/y | python3 -m json.tool', 'echo a#b; rm -rf /',
    "psql -h db.prod.internal -c 'DELETE FROM users'", 'terraform destroy -auto-approve',
  ];
  return [...builtIn, ...fromCorpora];
}

function benchDecisions(): void {
  const commands = commandSet();
  const actions: Action[] = commands.map((command) => ({ kind: 'shell', command, cwd: '/home/dev/project' }));
  const options = { env: {}, home: '/home/dev', workspaceRoot: '/home/dev/project' };
  for (const a of actions) evaluate(a, options); // warm up (JIT, lazy loads)
  const samples: number[] = [];
  const rounds = Math.max(3, Math.ceil(20000 / actions.length));
  const start = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) {
    for (const a of actions) {
      const t = process.hrtime.bigint();
      evaluate(a, options);
      samples.push(Number(process.hrtime.bigint() - t));
    }
  }
  const total = Number(process.hrtime.bigint() - start);
  const s = stats(samples);
  console.log(`Shell decisions in process (${actions.length} distinct command lines × ${rounds} rounds = ${samples.length} decisions)`);
  console.log(`  median ${fmtUs(s.median)}   p99 ${fmtUs(s.p99)}   mean ${fmtUs(s.mean)}   throughput ${Math.round(samples.length / (total / 1e9)).toLocaleString('en')} decisions/s`);
}

function benchSql(): void {
  const short = [
    'DROP TABLE users', 'DELETE FROM users WHERE id = 42', 'UPDATE accounts SET balance = 0', 'SELECT * FROM orders WHERE id = 1',
    'TRUNCATE TABLE events', 'ALTER TABLE users DROP COLUMN email', 'INSERT INTO t (a, b) VALUES (1, 2)', 'DELETE FROM logs WHERE 1=1',
  ];
  const options = { env: {}, home: '/home/dev', workspaceRoot: '/home/dev/project' };
  for (const sql of short) evaluate({ kind: 'sql', sql }, options);
  const samples: number[] = [];
  for (let r = 0; r < 300; r++) {
    for (const sql of short) {
      const t = process.hrtime.bigint();
      evaluate({ kind: 'sql', sql }, options);
      samples.push(Number(process.hrtime.bigint() - t));
    }
  }
  const s = stats(samples);
  console.log(`SQL decisions, short statements (${samples.length})`);
  console.log(`  median ${fmtUs(s.median)}   p99 ${fmtUs(s.p99)}`);
  const script = Array.from({ length: 500 }, (_, i) => [
    `INSERT INTO items (id, name, price) VALUES (${i}, 'item ${i}', ${i * 1.5});`,
    `UPDATE items SET price = price * 1.1 WHERE id = ${i};`,
    `SELECT i.id, i.name, c.title FROM items i JOIN categories c ON c.id = i.category_id WHERE i.id = ${i};`,
    `DELETE FROM carts WHERE updated_at < now() - interval '30 days' AND id = ${i};`,
  ][i % 4]).join('\n');
  const big: number[] = [];
  for (let r = 0; r < 15; r++) {
    const t = process.hrtime.bigint();
    evaluate({ kind: 'sql', sql: script }, options);
    big.push(Number(process.hrtime.bigint() - t));
  }
  const b = stats(big);
  console.log(`SQL decisions, a 500-statement script (${(script.length / 1024).toFixed(0)} KB, ${big.length} runs)`);
  console.log(`  median ${fmtMs(b.median)}   p99 ${fmtMs(b.p99)}`);
}

function timeSpawn(args: string[], runs: number, env?: NodeJS.ProcessEnv): number[] {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', env: env ?? process.env });
    samples.push(Number(process.hrtime.bigint() - t));
    if (r.error) throw r.error;
  }
  return samples;
}

function benchCliStartup(): void {
  const cli = path.join(root, 'dist/cli.js');
  const bundle = path.join(root, 'dist/cli-main.js');
  const runs = 25;
  // dist/cli.js runs the bundle from V8's code cache (src/cli/launch.ts); a private cache folder per run of the bench.
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'br-bench-cache-'));
  const env = { ...process.env, BLAST_RADIUS_CACHE_DIR: cacheDir };
  timeSpawn(['-e', '0'], 3);
  const first = stats(timeSpawn([cli, 'check', '--', 'ls -la'], 1, env));
  const bare = stats(timeSpawn(['-e', '0'], runs));
  const noCache = stats(timeSpawn([bundle, 'check', '--', 'ls -la'], runs));
  const ls = stats(timeSpawn([cli, 'check', '--', 'ls -la'], runs, env));
  const rm = stats(timeSpawn([cli, 'check', '--', 'rm -rf ~'], runs, env));
  const sql = stats(timeSpawn([cli, 'check', '--', "psql -h db.prod.internal -c 'DELETE FROM users'"], runs, env));
  fs.rmSync(cacheDir, { recursive: true, force: true });
  console.log(`CLI start-up (${runs} runs each, median / p99)`);
  console.log(`  node -e 0                               ${fmtMs(bare.median)} / ${fmtMs(bare.p99)}`);
  console.log(`  blast-radius check -- ls -la            ${fmtMs(ls.median)} / ${fmtMs(ls.p99)}   (+${fmtMs(ls.median - bare.median)} over node)`);
  console.log(`    without the code cache                ${fmtMs(noCache.median)} / ${fmtMs(noCache.p99)}   (+${fmtMs(noCache.median - bare.median)}); first run, writing it: ${fmtMs(first.median)}`);
  console.log(`  blast-radius check -- rm -rf ~          ${fmtMs(rm.median)} / ${fmtMs(rm.p99)}`);
  console.log(`  blast-radius check -- psql … DELETE     ${fmtMs(sql.median)} / ${fmtMs(sql.p99)}   (loads SQL support)`);
  console.log(`  dist/cli-main.js ${(fs.statSync(bundle).size / 1024).toFixed(0)} KB, launcher dist/cli.js ${(fs.statSync(cli).size / 1024).toFixed(1)} KB`);
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const want = (name: string): boolean => only.length === 0 || only.includes(name);
  console.log(`Blast Radius benchmark — Node ${process.version}, ${new Date().toISOString()}\n`);
  if (want('shell')) benchDecisions();
  if (want('sql')) benchSql();
  if (want('cli')) benchCliStartup();
  const extra = path.join(__dirname, 'bench');
  if (fs.existsSync(extra)) {
    for (const file of fs.readdirSync(extra).filter((f) => f.endsWith('.ts')).sort()) {
      const name = file.slice(0, -3);
      if (!want(name)) continue;
      const mod = (await import(path.join(extra, file))) as { run(): Promise<void> };
      await mod.run();
    }
  }
}

if (require.main === module) void main();
