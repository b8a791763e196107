/** The home folder is the home folder however it is written, and wherever it lives (a CI home under /tmp too). */
import { it } from 'node:test';
import * as assert from 'node:assert/strict';
import { evaluate } from '../../src/engine/evaluate';

for (const home of ['/home/dev', '/tmp/ci-home']) {
  it(`rm -rf ~/ blocks with HOME=${home}`, () => {
    for (const command of ['rm -rf ~', 'rm -rf ~/', 'rm -rf ~//', 'rm -rf tests/ ~/']) {
      const v = evaluate({ kind: 'shell', command, cwd: '/home/dev/project' }, { env: {}, home, workspaceRoot: '/home/dev/project' });
      assert.equal(v.decision, 'block', command);
      assert.ok(v.findings.some((f) => f.message.includes('your home folder')), command);
    }
  });
}
