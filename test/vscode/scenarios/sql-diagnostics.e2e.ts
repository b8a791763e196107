/**
 * SQL findings as diagnostics in a real VS Code (issue 3 item 6, src/extension/sqlDiagnostics.ts): opening a Rails
 * migration with `DROP TABLE users;` (fixtures/workspace/db/migrate/) shows the finding in the Problems panel with
 * the rule id, and in the hover of its squiggle; a harmless migration shows none.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Scenario } from '../harness';
import { sqlRules } from '../../../src/engine/rules/sql';

const ROOT = path.resolve(__dirname, '../../..');

const scenario: Scenario = {
  name: 'sql diagnostics: a migration with DROP TABLE users shows the finding and its rule id; a harmless one shows none',
  timeout: 90_000,
  async run(h) {
    // The code links to docs/rules.md#<id without the slash>: every SQL rule has its heading there.
    const docs = fs.readFileSync(path.join(ROOT, 'docs/rules.md'), 'utf8');
    for (const r of sqlRules) assert.ok(docs.includes(`\n### ${r.meta.id}\n`), `docs/rules.md has a section for ${r.meta.id}`);

    await h.openFile('20240101000000_drop_users.rb');
    const text = await h.waitFor(async () => {
      const t = await h.problemsText();
      return t.includes('DROP TABLE deletes table users') ? t : undefined;
    }, 30_000, 'the DROP TABLE finding in the Problems panel');
    assert.match(text, /DROP TABLE deletes table users/);
    assert.match(text, /Blast Radius\s*\(?sql\/drop-table\)?/);
    assert.match(text, /\[Ln 3, Col 14\]/);
    assert.equal(await h.page.locator('.markers-panel .monaco-list-row .codicon-error').count(), 1, 'one error (block)');
    await h.screenshot('problems');

    // The squiggle's hover says the same, with the rule id as a link.
    // The Problems view has the focus: go back to the line and ask for the hover again until it shows (on a
    // busy machine the first request can reach the editor before the cursor has moved onto the squiggle).
    const hover = h.page.locator('.monaco-hover').filter({ hasText: 'DROP TABLE deletes table users' });
    for (let attempt = 1; ; attempt++) {
      await h.runCommand('View: Focus Active Editor Group');
      await h.runCommand('Go to Line/Column...');
      await h.page.keyboard.type('3:16');
      await h.page.keyboard.press('Enter');
      await h.runCommand('Show or Focus Hover');
      const shown = await hover.waitFor({ timeout: attempt < 3 ? 8_000 : 15_000 }).then(() => true, (e: unknown) => {
        if (attempt >= 3) throw e;
        return false;
      });
      if (shown) break;
      await h.page.keyboard.press('Escape');
    }
    assert.match((await hover.innerText()).replace(/\u00a0/g, ' '), /Blast Radius\s*\(?sql\/drop-table/);
    const href = await hover.locator('a.code-link', { hasText: 'sql/drop-table' }).getAttribute('href');
    assert.equal(href, 'https://github.com/blast-radius/blast-radius/blob/HEAD/docs/rules.md#sqldrop-table');
    await h.screenshot('hover');
    await h.page.keyboard.press('Escape');

    // Closing clears it; the harmless migration (add_column, an UPDATE with a WHERE) says nothing.
    await h.runCommand('View: Close All Editors');
    await h.waitFor(async () => !(await h.problemsText()).includes('sql/drop-table'), 20_000, 'the finding to go once closed');
    await h.openFile('20240102000000_add_age_to_accounts.rb');
    await new Promise((r) => setTimeout(r, 1500)); // opened, scanned, published (the change debounce is 300 ms)
    const after = await h.problemsText();
    assert.doesNotMatch(after, /Blast Radius|sql\//, 'no finding for the harmless migration');
    await h.screenshot('harmless');
  },
};

export default scenario;
