/**
 * Activity panel bench: how fast the panel shows its first rows with 100,000 entries in the store.
 *
 *  1. In process (always): the store side of the panel's first render — snapshot + first page of 300 rows,
 *     newest-first across 4 writers' segments (what the extension does when the view opens), plus a
 *     filtered page, a text search and paging through everything 500 rows at a time.
 *  2. In the real VS Code (when code-server is installed, see scripts/vscode-test/install.sh): runs the
 *     scenario "the panel renders its first rows fast with 100,000 entries" and reports its figures: from
 *     the "Show Activity Log" command to the first rows visible in the webview, and the webview's own time
 *     from script start to first render.
 *
 * Figures are printed, never asserted. `BENCH_PANEL_SKIP_VSCODE=1` skips part 2.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ActivityReader, type Cursor } from '../../src/activity/store';
import { writeSyntheticSegment } from '../../test/activity/fixtures/synthetic';

const root = path.join(__dirname, '../..');
const ENTRIES = 100_000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function time(fn: () => Promise<unknown>, rounds = 7): Promise<number> {
  await fn(); // warm up
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

async function inProcess(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'br-bench-panel-'));
  try {
    const now = Date.now();
    const span = 7 * 86400_000;
    // Four windows' worth of segments whose times interleave, so the reader really merges.
    for (let w = 0; w < 4; w++) writeSyntheticSegment(dir, ENTRIES / 4, now - span + w * 1000, now - 1000 + w, `${w + 1}-bench`);
    const bytes = fs.readdirSync(dir).reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
    const reader = new ActivityReader(dir);
    const first = await time(() => reader.page({ cursor: reader.snapshot(), limit: 300 }));
    const blocked = await time(() => reader.page({ limit: 300, filter: { decision: 'block' } }));
    const text = await time(() => reader.page({ limit: 300, filter: { text: 'users_9' } }));
    const lastDay = await time(() => reader.page({ limit: 300, filter: { from: now - 86400_000, decision: 'paused' } }));
    const all = await time(async () => {
      let cursor: Cursor | undefined;
      for (;;) {
        const p = await reader.page({ cursor, limit: 500 });
        cursor = p.cursor;
        if (p.done) break;
      }
    }, 3);
    console.log(`  store (in process): ${ENTRIES.toLocaleString('en-US')} entries in 4 segments, ${(bytes / 1048576).toFixed(1)} MB`);
    console.log(`    first page (snapshot + 300 newest rows)        ${first.toFixed(1)} ms`);
    console.log(`    first page, decision = block                  ${blocked.toFixed(1)} ms`);
    console.log(`    first page, text search (rare)                ${text.toFixed(1)} ms`);
    console.log(`    first page, last 24 h + paused or blocked     ${lastDay.toFixed(1)} ms`);
    console.log(`    all 100,000 entries, pages of 500             ${all.toFixed(0)} ms`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function inVsCode(): void {
  const codeServer = path.join(root, '.vscode-test/cs/node_modules/.bin/code-server');
  if (process.env.BENCH_PANEL_SKIP_VSCODE || !fs.existsSync(codeServer)) {
    console.log('  real VS Code: skipped (code-server not installed, or BENCH_PANEL_SKIP_VSCODE set)');
    return;
  }
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'test/vscode/run.ts', '--grep', 'first rows fast with 100,000', '--no-exthost'],
    { cwd: root, encoding: 'utf8', timeout: 600_000 });
  const runs = path.join(root, '.test-output/vscode');
  const latest = fs.existsSync(runs) ? fs.readdirSync(runs).sort().at(-1) : undefined;
  const file = latest ? path.join(runs, latest, 'logs/bench-panel.json') : undefined;
  if (r.status !== 0 || !file || !fs.existsSync(file)) {
    console.log(`  real VS Code: the scenario failed (exit ${r.status}); see ${latest ? path.join(runs, latest) : runs}`);
    return;
  }
  const f = JSON.parse(fs.readFileSync(file, 'utf8')) as { commandToFirstRowsMs: number; webviewScriptToFirstRenderMs: number; rowsInDom: number };
  console.log('  real VS Code (code-server 4.100.3 + headless chromium, 100,000 entries):');
  console.log(`    "Show Activity Log" → first rows visible      ${f.commandToFirstRowsMs} ms (includes creating the webview)`);
  console.log(`    webview script start → first rows rendered   ${f.webviewScriptToFirstRenderMs} ms`);
  console.log(`    rows in the DOM after paging to 3,000+        ${f.rowsInDom}`);
}

export async function run(): Promise<void> {
  console.log('\nActivity panel');
  await inProcess();
  inVsCode();
}

if (require.main === module) void run();
