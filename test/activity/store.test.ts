import { after, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ActivityReader, ActivityWriter, listSegments, type Cursor, type StoredEntry } from '../../src/activity/store';
import type { ActivityEntry, ActivityFilter, NewEntry } from '../../src/activity/types';

const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'br-activity-test-'));
after(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));
let n = 0;
const freshDir = (): string => path.join(tmpRoot, `d${++n}`);

function entry(over: Partial<NewEntry> = {}): NewEntry {
  return {
    source: 'hook', agent: 'claude', kind: 'shell', summary: 'Bash: ls', detail: 'ls', decision: 'allow', outcome: 'allowed',
    ruleIds: [], findings: [], signals: [], ...over,
  };
}

async function readAll(reader: ActivityReader, filter?: ActivityFilter, limit = 7): Promise<StoredEntry[]> {
  const out: StoredEntry[] = [];
  let cursor: Cursor | undefined;
  for (;;) {
    const page = await reader.page({ cursor, limit, filter });
    out.push(...page.entries);
    cursor = page.cursor;
    if (page.done) return out;
    assert.ok(page.entries.length === limit, 'a page that is not the last is full');
  }
}

function runChild(dir: string, count: number, label: string, extra: string[] = []): Promise<number | null> {
  const script = path.join(__dirname, 'fixtures/writer-child.ts');
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', script, dir, String(count), label, ...extra], { stdio: 'inherit' });
    p.on('error', reject);
    p.on('exit', (code) => resolve(code));
  });
}

describe('activity store', () => {
  it('appends entries and reads them back newest-first, one complete JSON line each', async () => {
    const dir = freshDir();
    let now = 1_000;
    const w = new ActivityWriter({ dir, now: () => now });
    for (let i = 0; i < 20; i++) {
      now += 10;
      w.append(entry({ summary: `cmd ${i}` }));
    }
    const [file] = listSegments(dir);
    const lines = fs.readFileSync(path.join(dir, file!), 'utf8').split('\n');
    assert.equal(lines.pop(), '');
    assert.equal(lines.length, 20);
    for (const l of lines) assert.match(l, /^\{"t":\d+,"id":"[^"]+","v":1,/);
    const all = await readAll(new ActivityReader(dir));
    assert.deepEqual(all.map((s) => s.entry.summary), Array.from({ length: 20 }, (_, i) => `cmd ${19 - i}`));
    assert.equal(new Set(all.map((s) => s.entry.id)).size, 20);
    w.close();
  });

  it('masks secrets and bounds huge fields before writing', async () => {
    const dir = freshDir();
    const w = new ActivityWriter({ dir });
    const written = w.append(entry({ summary: 'Bash: psql postgres://app:s3cret@db/app', detail: `curl -H "Authorization: Bearer abc123" ${'y'.repeat(100_000)}` }));
    w.close();
    const raw = fs.readFileSync(path.join(dir, listSegments(dir)[0]!), 'utf8');
    assert.doesNotMatch(raw, /s3cret|abc123/);
    assert.match(written.entry.summary, /app:\*\*\*\*@db/);
    assert.ok(raw.length < 20_000, `line is ${raw.length} bytes`);
  });

  it('gets an entry again by its ref and refuses refs outside the folder', async () => {
    const dir = freshDir();
    const w = new ActivityWriter({ dir });
    for (let i = 0; i < 5; i++) w.append(entry({ summary: `e${i}` }));
    const reader = new ActivityReader(dir);
    const { entries } = await reader.page({ limit: 5 });
    for (const s of entries) assert.deepEqual(await reader.get(s.ref), s.entry);
    assert.equal(await reader.get('../../etc/passwd:0'), undefined);
    assert.equal(await reader.get(`${listSegments(dir)[0]}:99999`), undefined);
    w.close();
  });

  it('rotates segments by size, reads across them, and deletes the least recently written past the total', async () => {
    const dir = freshDir();
    let now = Date.UTC(2026, 0, 1);
    const w = new ActivityWriter({ dir, maxFileBytes: 2_000, maxTotalBytes: 0, now: () => (now += 1000) });
    for (let i = 0; i < 100; i++) w.append(entry({ summary: `rot ${i}` }));
    const segs = listSegments(dir);
    assert.ok(segs.length > 5, `${segs.length} segments`);
    for (const s of segs) assert.ok(fs.statSync(path.join(dir, s)).size <= 2_000);
    const all = await readAll(new ActivityReader(dir), undefined, 9);
    assert.deepEqual(all.map((s) => s.entry.summary), Array.from({ length: 100 }, (_, i) => `rot ${99 - i}`));
    w.close();

    // Retention: a writer with a total cap removes the oldest segments when it opens a new one.
    const w2 = new ActivityWriter({ dir, maxFileBytes: 2_000, maxTotalBytes: 6_000, now: () => (now += 1000) });
    for (let i = 0; i < 30; i++) w2.append(entry({ summary: `new ${i}` }));
    w2.close();
    const total = listSegments(dir).reduce((t, s) => t + fs.statSync(path.join(dir, s)).size, 0);
    assert.ok(total <= 6_000 + 2_000, `total ${total}`);
    const left = await readAll(new ActivityReader(dir));
    assert.equal(left[0]!.entry.summary, 'new 29');
    assert.ok(!left.some((s) => s.entry.summary === 'rot 0'), 'the oldest entries are gone');
  });

  it('starts a new segment when its own was deleted under it', async () => {
    const dir = freshDir();
    const w = new ActivityWriter({ dir });
    w.append(entry({ summary: 'before' }));
    for (const s of listSegments(dir)) fs.unlinkSync(path.join(dir, s));
    w.append(entry({ summary: 'after' }));
    const all = await readAll(new ActivityReader(dir));
    assert.deepEqual(all.map((s) => s.entry.summary), ['after']);
    w.close();
  });

  it('survives a crash: a process killed right after appending left every entry, and a torn last line is skipped', async () => {
    const dir = freshDir();
    assert.equal(await runChild(dir, 200, 'crashy', ['--crash']), null); // killed by SIGKILL
    // A line cut short by a crash mid-write, and a garbage line inside another segment.
    const seg = listSegments(dir)[0]!;
    fs.appendFileSync(path.join(dir, seg), '{"t":99999999999999,"id":"torn","v":1,"sour');
    fs.writeFileSync(path.join(dir, '20200101T000000000Z_1-deadbeef_0001.jsonl'),
      `${JSON.stringify({ t: 5, id: 'old-1', v: 1, summary: 'old' })}\nnot json at all\n{"t":6,"id":"half\n`);
    const reader = new ActivityReader(dir);
    const all = await readAll(reader, undefined, 50);
    assert.equal(all.filter((s) => s.entry.agent === 'crashy').length, 200);
    assert.ok(!all.some((s) => s.entry.id === 'torn'));
    assert.equal(all.at(-1)!.entry.id, 'old-1');
    const page = await reader.page({ limit: 1000 });
    assert.equal(page.skipped, 2);
    // A new window keeps writing next to the crashed one's files.
    const w = new ActivityWriter({ dir });
    w.append(entry({ summary: 'after the crash' }));
    w.close();
    assert.equal((await reader.page({ limit: 1 })).entries[0]!.entry.summary, 'after the crash');
  });

  it('concurrent writers in separate processes do not corrupt each other', async () => {
    const dir = freshDir();
    const procs = 4;
    const each = 500;
    const codes = await Promise.all(Array.from({ length: procs }, (_, i) => runChild(dir, each, `w${i}`, ['4000'])));
    assert.deepEqual(codes, Array(procs).fill(0));
    const reader = new ActivityReader(dir);
    const page = await reader.page({ limit: 10_000 });
    assert.equal(page.skipped, 0);
    assert.equal(page.entries.length, procs * each);
    for (let i = 0; i < procs; i++) {
      const mine = page.entries.filter((s) => s.entry.agent === `w${i}`).map((s) => s.entry.summary);
      assert.equal(new Set(mine).size, each, `all of w${i}'s entries are there`);
    }
    const times = page.entries.map((s) => s.entry.t);
    assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first across writers');
  });

  it('filters by agent, decision, text and time range, stopping early on the time range', async () => {
    const dir = freshDir();
    let now = 10_000;
    const w = new ActivityWriter({ dir, now: () => (now += 100) });
    const agents = ['claude', 'copilot', 'terminal'];
    for (let i = 0; i < 300; i++) {
      w.append(entry({
        agent: agents[i % 3]!, summary: i === 150 ? 'DROP TABLE "Users"' : `cmd ${i}`,
        decision: i % 7 === 0 ? 'block' : i % 5 === 0 ? 'ask' : 'allow', outcome: i % 7 === 0 ? 'blocked' : i % 5 === 0 ? 'denied' : 'allowed',
        warned: i === 42 ? true : undefined, detail: `padding ${'.'.repeat(600)}`,
      }));
    }
    w.close();
    const reader = new ActivityReader(dir);
    const copilot = await readAll(reader, { agents: ['copilot'] });
    assert.equal(copilot.length, 100);
    assert.ok(copilot.every((s) => s.entry.agent === 'copilot'));
    assert.equal((await readAll(reader, { decision: 'block' })).length, 43);
    assert.equal((await readAll(reader, { decision: 'paused' })).length, 43 + 60 - 9);
    assert.equal((await readAll(reader, { decision: 'warned' })).length, 1);
    const text = await readAll(reader, { text: 'drop table "users"' });
    assert.deepEqual(text.map((s) => s.entry.summary), ['DROP TABLE "Users"']);
    assert.deepEqual((await readAll(reader, { text: 'DROP table' })).map((s) => s.entry.summary), ['DROP TABLE "Users"']);
    const everything = await readAll(reader);
    const timeOf = (i: number): number => everything.find((s) => s.entry.summary === `cmd ${i}`)!.entry.t;
    const from = timeOf(250);
    const to = timeOf(260);
    const range = await readAll(reader, { from, to });
    assert.deepEqual(range.map((s) => s.entry.summary), Array.from({ length: 11 }, (_, i) => `cmd ${260 - i}`));
    const recent = await reader.page({ limit: 1000, filter: { from: timeOf(290) } });
    assert.ok(recent.done);
    assert.ok(recent.scannedBytes < fs.statSync(path.join(dir, listSegments(dir)[0]!)).size, 'a time range does not read the whole file');
  });

  it('pages stay stable while entries are appended, and the tail returns the new ones', async () => {
    const dir = freshDir();
    const a = new ActivityWriter({ dir });
    const b = new ActivityWriter({ dir });
    for (let i = 0; i < 10; i++) a.append(entry({ summary: `a${i}` }));
    const reader = new ActivityReader(dir);
    const start = reader.snapshot();
    const first = await reader.page({ cursor: start, limit: 4 });
    b.append(entry({ summary: 'b-new' }));
    a.append(entry({ summary: 'a-new' }));
    const rest: ActivityEntry[] = [];
    let cursor = first.cursor;
    for (;;) {
      const p = await reader.page({ cursor, limit: 4 });
      rest.push(...p.entries.map((s) => s.entry));
      cursor = p.cursor;
      if (p.done) break;
    }
    assert.deepEqual([...first.entries.map((s) => s.entry), ...rest].map((e) => e.summary), Array.from({ length: 10 }, (_, i) => `a${9 - i}`));
    const tail = await reader.tail(start, (name) => a.ownsFile(name));
    assert.deepEqual(tail.entries.map((s) => s.entry.summary), ['b-new']);
    const again = await reader.tail(tail.state);
    assert.deepEqual(again.entries, []);
    // A bulk arrival comes in slices of the byte budget, complete lines only, nothing lost or repeated.
    for (let i = 0; i < 300; i++) b.append(entry({ summary: `bulk ${i}` }));
    let state = again.state;
    const seen: string[] = [];
    for (let polls = 0; polls < 100 && seen.length < 300; polls++) {
      const r = await reader.tail(state, (name) => a.ownsFile(name), 4096);
      assert.ok(r.entries.length < 300, 'a slice, not everything at once');
      seen.push(...r.entries.map((s) => s.entry.summary));
      state = r.state;
    }
    assert.deepEqual(seen, Array.from({ length: 300 }, (_, i) => `bulk ${i}`));
    a.close();
    b.close();
  });

  it('pages 100,000 entries newest-first without reading them all', async () => {
    const dir = freshDir();
    const w = new ActivityWriter({ dir, fsync: 'never', maxTotalBytes: 0 });
    const t0 = performance.now();
    for (let i = 0; i < 100_000; i++) w.append(entry({ summary: `Bash: npm test --filter case-${i}`, detail: `npm test --filter case-${i}`, cwd: '/home/dev/project' }));
    w.close();
    const writeMs = performance.now() - t0;
    const reader = new ActivityReader(dir);
    const t1 = performance.now();
    const page = await reader.page({ limit: 200 });
    const pageMs = performance.now() - t1;
    assert.equal(page.entries[0]!.entry.summary, 'Bash: npm test --filter case-99999');
    assert.equal(page.entries.length, 200);
    assert.ok(page.scannedBytes < 1024 * 1024, `first page read ${page.scannedBytes} bytes`);
    const t2 = performance.now();
    const search = await reader.page({ limit: 50, filter: { text: 'case-17' } });
    const searchMs = performance.now() - t2;
    assert.equal(search.entries.length, 50);
    console.log(`    100k appends ${writeMs.toFixed(0)} ms; first page ${pageMs.toFixed(1)} ms; text search page ${searchMs.toFixed(0)} ms`);
    assert.ok(pageMs < 500, `first page took ${pageMs} ms`);
  });
});
