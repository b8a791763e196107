import type { Scenario } from '../harness';

export default {
  name: 'activates on start-up',
  async run(h) {
    const version = (require('../../../package.json') as { version: string }).version;
    const line = `Blast Radius ${version} activated`;
    // The channel only exists once activate() has run, and activation is onStartupFinished: poll.
    await h.waitFor(async () => (await h.outputText('Blast Radius')).includes(line), 30_000, `"${line}" in the output channel`);
    await h.screenshot('output-channel');
  },
} satisfies Scenario;
