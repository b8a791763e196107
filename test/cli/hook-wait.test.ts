/** `hook <agent> --wait-seconds N`: the wait the Protect command writes into raised-timeout configs. */
import { after, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { Readable, Writable } from 'node:stream';
import type { ChannelRequest } from '../../src/channel/protocol';
import { ChannelServer } from '../../src/channel/server';
import { runHook } from '../../src/cli/hook';
import { parseHookArgs } from '../../src/cli/main';
import { emptyHome, fixture } from '../adapters/run';

const servers: ChannelServer[] = [];
after(() => servers.forEach((s) => s.dispose()));

function sink(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  return {
    stream: new Writable({ write(c: Buffer, _e, cb) { chunks.push(Buffer.from(c)); cb(); } }),
    text: () => Buffer.concat(chunks).toString('utf8'),
  };
}

describe('hook --wait-seconds', () => {
  it('parses the flag in both spellings and ignores anything else', () => {
    assert.deepEqual(parseHookArgs(['--wait-seconds', '550']), { waitSeconds: 550 });
    assert.deepEqual(parseHookArgs(['--wait-seconds=12.5']), { waitSeconds: 12.5 });
    assert.deepEqual(parseHookArgs(['--wait-seconds', 'soon']), {});
    assert.deepEqual(parseHookArgs(['--other']), {});
  });

  it('waits that long for the editor, tells the editor, and the environment variable still wins', async () => {
    const home = emptyHome();
    const asked: ChannelRequest[] = [];
    const server = new ChannelServer({
      home, runtimeDir: home, workspaceFolders: ['/home/dev/shop'],
      onRequest: (req) => { asked.push(req); return new Promise(() => {}); },
    });
    await server.start();
    servers.push(server);
    const run = async (env: NodeJS.ProcessEnv) => {
      const out = sink();
      const t = performance.now();
      const code = await runHook('claude', { stdin: Readable.from([Buffer.from(fixture('claude', 'risky'))]), stdout: out.stream, stderr: sink().stream, env }, { waitSeconds: 0.4 });
      return { code, ms: performance.now() - t, out: out.text() };
    };
    const r = await run({ HOME: home });
    assert.equal(r.code, 2);
    assert.match(r.out, /No answer in the editor/);
    assert.ok(r.ms >= 350, `answered after ${r.ms} ms, before the wait was over`);
    assert.equal(asked[0]!.waitMs, 400);
    const e = await run({ HOME: home, BLAST_RADIUS_WAIT_SECONDS: '0.2' });
    assert.equal(e.code, 2);
    assert.equal(asked[1]!.waitMs, 200);
  });
});
