/**
 * Entry of the extension-host tests: VS Code loads this file (extensionTestsPath) inside the real
 * extension host and waits for run(). The runner bundles it next to the *.exthost.js test files.
 */
/// <reference types="mocha" />
import * as fs from 'node:fs';
import * as path from 'node:path';

export function run(): Promise<void> {
  // mocha 12 is an ES module: require() returns its namespace, whose default export is the class.
  const m = require('mocha') as typeof Mocha & { default?: typeof Mocha };
  const MochaClass = m.default ?? m;
  const mocha = new MochaClass({ ui: 'tdd', reporter: 'spec', color: false, timeout: 30_000 });
  if (process.env.BLAST_RADIUS_EXTHOST_GREP) mocha.grep(process.env.BLAST_RADIUS_EXTHOST_GREP);
  for (const f of fs.readdirSync(__dirname).filter((f) => f.endsWith('.exthost.js')).sort()) {
    mocha.addFile(path.join(__dirname, f));
  }
  console.log('--- blast-radius extension-host tests ---'); // the runner echoes what follows
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const logDir = process.env.BLAST_RADIUS_TEST_LOG_DIR;
      const results = { passed: runner.stats?.passes ?? 0, failed: failures };
      if (logDir) fs.writeFileSync(path.join(logDir, 'exthost-results.json'), JSON.stringify(results));
      if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
      else resolve();
    });
  });
}
