/** Runs `runHook` in-process with a payload on stdin and collects what it writes. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { runHook } from '../../src/cli/hook';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

function sink(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(Buffer.from(chunk));
      cb();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** A HOME with no registry and no editor: the hook decides alone. */
export function emptyHome(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'br-home-'));
}

export async function hook(agent: string, stdin: string, env: NodeJS.ProcessEnv = { HOME: emptyHome() }): Promise<Run> {
  const out = sink();
  const err = sink();
  const started = performance.now();
  const code = await runHook(agent, { stdin: Readable.from([Buffer.from(stdin)]), stdout: out.stream, stderr: err.stream, env });
  return { code, stdout: out.text(), stderr: err.text(), ms: performance.now() - started };
}

export const FIXTURES = path.join(__dirname, '../fixtures/payloads');

export function fixture(agent: string, name: string): string {
  return fs.readFileSync(path.join(FIXTURES, agent, `${name}.json`), 'utf8');
}
