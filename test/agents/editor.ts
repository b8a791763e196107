/**
 * A stand-in for the editor window: the real editor-free ChannelServer (src/channel/server.ts), registered in
 * the sandbox home like a VS Code window with the workspace open, answering every paused call with a
 * scripted decision after a delay. The hook finds it exactly as it finds the extension.
 */
import { ChannelServer } from '../../src/channel/server';
import type { ChannelRequest, ChannelResponse } from '../../src/channel/protocol';
import type { Sandbox } from './sandbox';

export interface FakeEditor {
  requests: ChannelRequest[];
  dispose(): void;
}

export async function startEditor(s: Sandbox, answer: ChannelResponse, delayMs: number): Promise<FakeEditor> {
  const requests: ChannelRequest[] = [];
  const server = new ChannelServer({
    workspaceFolders: [s.ws],
    home: s.home,
    runtimeDir: s.root,
    onRequest: (req, signal) => {
      requests.push(req);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => resolve(answer), delayMs);
        signal.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(new Error('the hook went away'));
        });
      });
    },
  });
  await server.start();
  return { requests, dispose: () => server.dispose() };
}
