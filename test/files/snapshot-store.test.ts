/** The editor-free snapshot store: versions, de-duplication, limits and pruning order, persistence. */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SnapshotStore, sha256 } from '../../src/snapshots/store';

function dir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'br-snap-'));
}

const limits = (o: Partial<{ maxFileBytes: number; maxTotalBytes: number; maxVersionsPerFile: number }> = {}) => ({
  maxFileBytes: 1000, maxTotalBytes: 10_000, maxVersionsPerFile: 5, ...o,
});

describe('SnapshotStore', () => {
  it('keeps versions newest first and skips content equal to the newest', () => {
    const s = new SnapshotStore(dir(), limits());
    const a = s.save('/p/.env.production', 'A=1\n', 'start-up');
    assert.ok('saved' in a);
    assert.ok('unchanged' in s.save('/p/.env.production', 'A=1\n', 'again'));
    const b = s.save('/p/.env.production', 'A=2\n', 'accepted change');
    assert.ok('saved' in b);
    assert.deepEqual(s.versions('/p/.env.production').map((m) => m.reason), ['accepted change', 'start-up']);
    assert.equal(s.read(s.latest('/p/.env.production')!.id)!.toString(), 'A=2\n');
    assert.equal(s.latest('/p/.env.production')!.hash, sha256('A=2\n'));
  });

  it('does not store a file over the size limit', () => {
    const s = new SnapshotStore(dir(), limits({ maxFileBytes: 10 }));
    assert.deepEqual(s.save('/p/big.key', 'x'.repeat(11), 'start-up'), { tooLarge: 11 });
    assert.equal(s.latest('/p/big.key'), undefined);
  });

  it('keeps at most maxVersionsPerFile versions of a file', () => {
    const s = new SnapshotStore(dir(), limits({ maxVersionsPerFile: 3 }));
    for (let i = 0; i < 6; i++) s.save('/p/fly.toml', `v${i}`, `r${i}`);
    assert.deepEqual(s.versions('/p/fly.toml').map((m) => m.reason), ['r5', 'r4', 'r3']);
  });

  it('over the total limit, prunes older versions of every file before any newest version, then the oldest newest', () => {
    const d = dir();
    const s = new SnapshotStore(d, limits({ maxTotalBytes: 350, maxFileBytes: 200 }));
    s.save('/p/a', 'a'.repeat(100), 'a1');
    s.save('/p/b', 'b'.repeat(100), 'b1');
    s.save('/p/a', 'A'.repeat(100), 'a2');
    // 300 bytes: fits.
    assert.equal(s.versions('/p/a').length, 2);
    s.save('/p/c', 'c'.repeat(100), 'c1');
    // 400 > 350: the old version of a goes first, every newest version stays.
    assert.deepEqual(s.versions('/p/a').map((m) => m.reason), ['a2']);
    assert.ok(s.latest('/p/b') && s.latest('/p/c'));
    s.setLimits(limits({ maxTotalBytes: 250, maxFileBytes: 200 }));
    // Only newest versions are left: the oldest of them (b1) goes.
    assert.equal(s.latest('/p/b'), undefined);
    assert.ok(s.latest('/p/a') && s.latest('/p/c'));
    assert.ok(s.totalBytes() <= 250);
    assert.equal(fs.readdirSync(path.join(d, 'blobs')).length, 2, 'unused blobs are removed');
  });

  it('stores identical content once and survives a restart', () => {
    const d = dir();
    const s = new SnapshotStore(d, limits());
    s.save('/p/x.pem', 'KEY', 'start-up', 0o600);
    s.save('/p/y.pem', 'KEY', 'start-up');
    assert.equal(fs.readdirSync(path.join(d, 'blobs')).length, 1);
    const again = new SnapshotStore(d, limits());
    assert.equal(again.read(again.latest('/p/x.pem')!.id)!.toString(), 'KEY');
    assert.equal(again.latest('/p/x.pem')!.mode, 0o600);
    assert.deepEqual(again.paths().sort(), ['/p/x.pem', '/p/y.pem']);
  });

  it('forgets versions whose content was removed from disk', () => {
    const d = dir();
    const s = new SnapshotStore(d, limits());
    const m = s.save('/p/x', 'gone', 'start-up');
    assert.ok('saved' in m);
    fs.rmSync(path.join(d, 'blobs', m.saved.hash));
    assert.equal(new SnapshotStore(d, limits()).latest('/p/x'), undefined);
  });
});
