import { after, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { csvField, exportEntries } from '../../src/activity/export';
import { ActivityReader, ActivityWriter } from '../../src/activity/store';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'br-export-test-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('export', () => {
  it('quotes CSV fields and defuses formulas', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"\nnow'), '"say ""hi""\nnow"');
    assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(csvField(-1), '-1');
    assert.equal(csvField(undefined), '');
  });

  it('writes only the filtered entries, newest first, as JSON Lines and as CSV', async () => {
    const store = path.join(dir, 'store');
    const w = new ActivityWriter({ dir: store });
    for (let i = 0; i < 2500; i++) {
      w.append({ source: 'terminal', agent: 'terminal', kind: 'shell', summary: `cmd ${i}`, detail: `echo ${i}, "quoted"`, decision: i % 100 === 0 ? 'block' : 'allow',
        outcome: 'ran', ruleIds: i % 100 === 0 ? ['fs/rm-recursive'] : [], findings: [], signals: [], terminal: { name: 'bash', exitCode: i % 2 } });
    }
    w.close();
    const reader = new ActivityReader(store);
    const jsonl = path.join(dir, 'out.jsonl');
    assert.equal(await exportEntries(reader, { decision: 'block' }, 'jsonl', jsonl), 25);
    const lines = fs.readFileSync(jsonl, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { summary: string; decision: string });
    assert.equal(lines.length, 25);
    assert.equal(lines[0]!.summary, 'cmd 2400');
    assert.ok(lines.every((l) => l.decision === 'block'));

    const csv = path.join(dir, 'out.csv');
    assert.equal(await exportEntries(reader, undefined, 'csv', csv), 2500);
    const rows = fs.readFileSync(csv, 'utf8').split('\r\n');
    assert.match(rows[0]!, /^time,agent,source,kind,action,target,decision,outcome,rules,exit_code,/);
    assert.match(rows[1]!, /^\d{4}-\d\d-\d\dT[^,]+,terminal,terminal,shell,"echo 2499, ""quoted""",,allow,ran,,1,/);
    assert.equal(rows.length, 2502); // header, 2500 rows, trailing empty
    assert.deepEqual(fs.readdirSync(dir).filter((f) => f.includes('partial')), []);
  });
});
