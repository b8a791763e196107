/** A real ChannelServer in-process and the client over a real socket. */
import { after, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { askEditor, notifyEditor } from '../../src/channel/client';
import type { ChannelRequest, ChannelResponse, WindowEntry } from '../../src/channel/protocol';
import { liveWindows, windowsFor, writeWindowEntry } from '../../src/channel/registry';
import { ChannelServer, registryDir, type ChannelServerOptions } from '../../src/channel/server';

const posix = process.platform !== 'win32';
const servers: ChannelServer[] = [];
after(() => servers.forEach((s) => s.dispose()));

function tmp(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

async function serve(options: Partial<ChannelServerOptions> & { home: string }): Promise<{ server: ChannelServer; seen: ChannelRequest[] }> {
  const seen: ChannelRequest[] = [];
  const server = new ChannelServer({
    workspaceFolders: [],
    runtimeDir: options.home,
    onRequest: async (req) => {
      seen.push(req);
      return { decision: 'allow', reason: 'ok', answeredBy: 'user' };
    },
    ...options,
  });
  await server.start();
  servers.push(server);
  return { server, seen };
}

const request: ChannelRequest = {
  id: 'r1',
  agent: 'claude',
  action: { kind: 'shell', command: 'rm -rf /etc', cwd: '/w/a' },
  verdict: { decision: 'block', reason: 'Recursively deletes /etc [fs/rm-recursive]', findings: [] },
  payloadSummary: 'Bash: rm -rf /etc',
  cwd: '/w/a',
};

/** A pid that has certainly exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

describe('ChannelServer', () => {
  it('listens on a private socket, registers the window with private modes, and cleans up on dispose', { skip: !posix }, async () => {
    const home = tmp('br-ch-');
    const { server } = await serve({ home, workspaceFolders: ['/w/a'] });
    const sock = server.socketPath;
    assert.equal(fs.statSync(sock).mode & 0o777, 0o600);
    assert.equal(fs.statSync(path.dirname(sock)).mode & 0o777, 0o700);
    const file = path.join(registryDir(home), `${process.pid}.json`);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.equal(fs.statSync(registryDir(home)).mode & 0o777, 0o700);
    const entry = JSON.parse(fs.readFileSync(file, 'utf8')) as WindowEntry;
    assert.deepEqual(Object.keys(entry).sort(), ['pid', 'socket', 'startedAt', 'token', 'workspaceFolders']);
    assert.deepEqual([entry.socket, entry.token, entry.pid, entry.workspaceFolders], [sock, server.token, process.pid, ['/w/a']]);

    server.setWorkspaceFolders(['/w/a', '/w/c']);
    assert.deepEqual((JSON.parse(fs.readFileSync(file, 'utf8')) as WindowEntry).workspaceFolders, ['/w/a', '/w/c']);

    server.dispose();
    assert.equal(fs.existsSync(file), false);
    assert.equal(fs.existsSync(path.dirname(sock)), false);
  });

  it('answers a request that carries the token', async () => {
    const home = tmp('br-ch-');
    const { seen } = await serve({ home, workspaceFolders: ['/w/a'] });
    const answer = await askEditor(request, 5000, { env: {}, home, cwd: '/w/a/src' });
    assert.deepEqual(answer, { decision: 'allow', reason: 'ok', answeredBy: 'user' });
    assert.deepEqual(seen, [request]);
  });

  it('rejects a wrong token, and the client treats that window as unreachable', async () => {
    const home = tmp('br-ch-');
    const { server, seen } = await serve({ home, workspaceFolders: ['/w/a'], register: false });
    const reply = await new Promise<string>((resolve) => {
      const s = net.connect(server.socketPath, () => s.write(`${JSON.stringify({ type: 'ask', token: 'f'.repeat(64), request })}\n`));
      let text = '';
      s.on('data', (d) => (text += d));
      s.on('close', () => resolve(text));
    });
    assert.deepEqual(JSON.parse(reply), { ok: false, error: 'unauthorized' });

    writeWindowEntry({ socket: server.socketPath, token: 'nope', pid: process.pid, workspaceFolders: ['/w/a'], startedAt: '' }, home);
    assert.equal(await askEditor(request, 5000, { env: {}, home, cwd: '/w/a' }), undefined);
    assert.equal(await askEditor(request, 5000, { env: { BLAST_RADIUS_SOCKET: server.socketPath }, home: tmp('br-ch-'), cwd: '/w/a' }), undefined, 'no token at all');
    assert.equal(seen.length, 0);
  });

  it('honours BLAST_RADIUS_SOCKET / BLAST_RADIUS_TOKEN from an integrated terminal, whatever the cwd', async () => {
    const home = tmp('br-ch-');
    const { server, seen } = await serve({ home, workspaceFolders: [], register: false });
    const env = { BLAST_RADIUS_SOCKET: server.socketPath, BLAST_RADIUS_TOKEN: server.token };
    assert.equal((await askEditor(request, 5000, { env, home, cwd: '/elsewhere' }))?.decision, 'allow');
    assert.equal(seen.length, 1);
  });
});

describe('window lookup', () => {
  it('asks the window whose workspace folder contains the cwd', async () => {
    const home = tmp('br-ch-');
    const answer = (who: string) => async (): Promise<ChannelResponse> => ({ decision: 'deny', reason: who, answeredBy: 'user' });
    await serve({ home, workspaceFolders: ['/w/a'], onRequest: answer('window A') });
    // A second window: another process in real life; here its entry is written for a live pid (our parent).
    const b = await serve({ home, workspaceFolders: ['/w/b'], onRequest: answer('window B'), register: false });
    writeWindowEntry({ socket: b.server.socketPath, token: b.server.token, pid: process.ppid, workspaceFolders: ['/w/b'], startedAt: '' }, home);

    assert.equal((await askEditor(request, 5000, { env: {}, home, cwd: '/w/b/pkg' }))?.reason, 'window B');
    assert.equal((await askEditor(request, 5000, { env: {}, home, cwd: '/w/a' }))?.reason, 'window A');
    assert.equal(await askEditor(request, 5000, { env: {}, home, cwd: '/w/bb' }), undefined, 'a sibling folder is not inside /w/b');
  });

  it('prefers the deepest folder; with one window open, uses it for any cwd', () => {
    const e = (pid: number, ...folders: string[]): WindowEntry => ({ socket: `s${pid}`, token: 't', pid, workspaceFolders: folders, startedAt: '' });
    const outer = e(1, '/w');
    const inner = e(2, '/w/app');
    assert.deepEqual(windowsFor('/w/app/src', [outer, inner]), [inner, outer]);
    assert.deepEqual(windowsFor('/tmp', [outer, inner]), []);
    assert.deepEqual(windowsFor('/tmp', [outer]), [outer]);
    assert.deepEqual(windowsFor(undefined, [outer, inner]), []);
  });

  it('ignores and deletes entries of windows whose process is gone', async () => {
    const home = tmp('br-ch-');
    const { server, seen } = await serve({ home, workspaceFolders: ['/w/a'], register: false });
    const pid = deadPid();
    const file = writeWindowEntry({ socket: server.socketPath, token: server.token, pid, workspaceFolders: ['/w/a'], startedAt: '' }, home);
    assert.deepEqual(liveWindows(home), []);
    assert.equal(fs.existsSync(file), false);
    assert.equal(await askEditor(request, 5000, { env: {}, home, cwd: '/w/a' }), undefined);
    assert.equal(seen.length, 0);
  });

  it('skips garbage in the registry folder', () => {
    const home = tmp('br-ch-');
    fs.mkdirSync(registryDir(home), { recursive: true });
    fs.writeFileSync(path.join(registryDir(home), `${process.pid}.json`), '{"socket": 1');
    fs.writeFileSync(path.join(registryDir(home), `${process.ppid}.json`), '{"socket": "x"}');
    assert.deepEqual(liveWindows(home), []);
  });
});

describe('deadlines and notifications', () => {
  it('no answer in time is a deny, and the server sees the hook give up', async () => {
    const home = tmp('br-ch-');
    let aborted: Promise<void> | undefined;
    await serve({
      home,
      workspaceFolders: ['/w/a'],
      onRequest: (_req, signal) => {
        aborted = new Promise((resolve) => signal.addEventListener('abort', () => resolve()));
        return new Promise(() => {}); // the person never answers
      },
    });
    const started = Date.now();
    const answer = await askEditor(request, 300, { env: {}, home, cwd: '/w/a' });
    const took = Date.now() - started;
    assert.equal(answer?.decision, 'deny');
    assert.equal(answer?.answeredBy, 'timeout');
    assert.ok(took >= 290 && took < 2000, `waited ${took} ms`);
    await aborted;
  });

  it('a refused or missing socket means no editor, at once', async () => {
    const home = tmp('br-ch-');
    writeWindowEntry({ socket: path.join(home, 'gone.sock'), token: 't', pid: process.pid, workspaceFolders: ['/w/a'], startedAt: '' }, home);
    const started = Date.now();
    assert.equal(await askEditor(request, 5000, { env: {}, home, cwd: '/w/a' }), undefined);
    assert.ok(Date.now() - started < 1000);
  });

  it('a frozen window (accepts, never acknowledges) counts as no editor within seconds', { skip: !posix }, async () => {
    const home = tmp('br-ch-');
    const sock = path.join(home, 'frozen.sock');
    const frozen = net.createServer(() => {}).listen(sock);
    await new Promise((r) => frozen.once('listening', r));
    writeWindowEntry({ socket: sock, token: 't', pid: process.pid, workspaceFolders: ['/w/a'], startedAt: '' }, home);
    const started = Date.now();
    assert.equal(await askEditor(request, 60_000, { env: {}, home, cwd: '/w/a' }), undefined);
    const took = Date.now() - started;
    assert.ok(took >= 1900 && took < 3000, `gave up after ${took} ms`);
    frozen.close();
  });

  it('a failing onRequest counts as no editor (the hook then decides alone)', async () => {
    const home = tmp('br-ch-');
    await serve({ home, workspaceFolders: ['/w/a'], onRequest: () => Promise.reject(new Error('prompt crashed')) });
    assert.equal(await askEditor(request, 5000, { env: {}, home, cwd: '/w/a' }), undefined);
  });

  it('notifyEditor delivers allowed calls to onNotify, and is bounded when nobody listens', async () => {
    const home = tmp('br-ch-');
    const notified: ChannelRequest[] = [];
    let delivered!: () => void;
    const got = new Promise<void>((resolve) => (delivered = resolve));
    await serve({
      home,
      workspaceFolders: ['/w/a'],
      onNotify: (r) => {
        notified.push(r);
        delivered();
      },
    });
    assert.equal(await notifyEditor(request, { env: {}, home, cwd: '/w/a' }), true, 'a window took it');
    await got;
    assert.deepEqual(notified, [request]);

    const started = Date.now();
    assert.equal(await notifyEditor(request, { env: {}, home: tmp('br-ch-'), cwd: '/w/a' }), false, 'no window: the hook keeps it for the log');
    assert.ok(Date.now() - started < 100);
  });
});
