/**
 * One rule file: every key, and every way a file can be wrong, each with file:line:column and a plain message.
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseRuleFile, formatDiagnostic } from '../../src/engine/config';
import { compileCommandGlob, compileCommandRegex, regexProblem, MAX_MATCH_LENGTH } from '../../src/engine/config/matchers';
import { allRules } from '../../src/engine/rules';

const ids = allRules.map((r) => r.meta.id);
const FILE = '/repo/.blastradius.json';

function errors(text: string): string[] {
  return parseRuleFile(FILE, text, ids).diagnostics.map((d) => formatDiagnostic(d));
}

describe('rule file: every key', () => {
  it('reads $schema, version, extends, rules, commands, protect, production and promptTimeoutSeconds', () => {
    const file = parseRuleFile(FILE, `{
      // JSON with comments, trailing commas allowed
      "$schema": "./node_modules/blast-radius/schemas/blastradius.schema.json",
      "version": 1,
      "extends": ["strict", "./base.json"],
      "rules": { "fs/rm-recursive": "block", },
      "commands": [
        { "match": "make deploy-prod*", "decision": "block", "message": "Deploys go through CI" },
        { "regex": "terraform (apply|destroy)( .*)?", "decision": "ask", "id": "terraform" },
      ],
      "protect": ["config/*.yml", "!config/local.yml"],
      "production": { "hosts": ["db.internal"], "envNames": ["live"], "kubeContexts": ["gke_main"], "branches": ["release/*"], "files": [".env.production"] },
      "promptTimeoutSeconds": 120
    }`, ids);
    assert.deepEqual(file.diagnostics, []);
    const d = file.data!;
    assert.deepEqual(d.extends.map((e) => e.value), ['strict', './base.json']);
    assert.deepEqual(d.rules.map((r) => r.value), [{ id: 'fs/rm-recursive', setting: 'block' }]);
    assert.equal(d.rules[0]!.at.line, 6);
    assert.equal(d.commands.length, 2);
    assert.equal(d.commands[1]!.value.id, 'terraform');
    assert.deepEqual(d.protect.map((p) => p.value), ['config/*.yml', '!config/local.yml']);
    assert.deepEqual(d.production.branches.map((b) => b.value), ['release/*']);
    assert.equal(d.promptTimeoutSeconds?.value, 120);
    assert.match(file.hash, /^[0-9a-f]{64}$/);
  });

  it('accepts an empty object', () => {
    assert.deepEqual(errors('{}'), []);
  });
});

describe('rule file: bad files fail with file:line:column', () => {
  it('syntax error', () => {
    assert.deepEqual(errors('{\n  "rules": { "fs/rm-recursive": "block" \n'), ['/repo/.blastradius.json:3:1: error: a closing brace } is expected']);
  });

  it('unknown top-level key, with a suggestion', () => {
    assert.deepEqual(errors('{\n  "rule": {}\n}'), [
      '/repo/.blastradius.json:2:3: error: unknown key "rule" (did you mean "rules"?); allowed: $schema, version, extends, rules, commands, protect, production, promptTimeoutSeconds',
    ]);
  });

  it('unknown rule id, with a suggestion', () => {
    const [e] = errors('{ "rules": {\n    "fs/rm-recurive": "off" } }');
    assert.match(e!, /^\/repo\/\.blastradius\.json:2:5: error: unknown rule id "fs\/rm-recurive" \(did you mean "fs\/rm-recursive"\?\)/);
  });

  it('wrong value', () => {
    assert.deepEqual(errors('{ "rules": { "fs/rm-recursive": "deny" } }'), [
      '/repo/.blastradius.json:1:33: error: rules["fs/rm-recursive"] is "deny"; it must be one of "off", "allow", "ask", "block"',
    ]);
    assert.match(errors('{ "version": 2 }')[0]!, /version is 2; it must be one of 1/);
    assert.match(errors('{ "protect": "secrets/**" }')[0]!, /protect must be an array/);
    assert.match(errors('{ "promptTimeoutSeconds": 1 }')[0]!, /between 5 and 3600/);
    assert.match(errors('{ "extends": "lenient" }')[0]!, /extends entry "lenient" is neither a preset/);
  });

  it('command rules: match or regex, a decision, known keys', () => {
    assert.match(errors('{ "commands": [{ "decision": "block" }] }')[0]!, /needs "match"/);
    assert.match(errors('{ "commands": [{ "match": "a", "regex": "a", "decision": "block" }] }')[0]!, /"match" or "regex", not both/);
    assert.match(errors('{ "commands": [{ "match": "a" }] }')[0]!, /a command rule needs "decision"/);
    assert.match(errors('{ "commands": [{ "match": "a", "decision": "block", "reason": "x" }] }')[0]!, /unknown key "reason" in a command rule/);
    assert.match(errors('{ "commands": [{ "match": "  ", "decision": "block" }] }')[0]!, /must not be empty/);
  });

  it('duplicate keys (which JSON.parse would resolve silently to the last)', () => {
    assert.match(errors('{ "rules": { "fs/rm-recursive": "block",\n "fs/rm-recursive": "off" } }')[0]!, /2:2: error: duplicate key "fs\/rm-recursive" \(first at line 1\)/);
  });

  it('not an object, or empty', () => {
    assert.match(errors('[]')[0]!, /a rule file is a JSON object/);
    assert.equal(errors('').length, 1);
  });

  it('a bad file yields no data at all', () => {
    assert.equal(parseRuleFile(FILE, '{ "rules": { "fs/rm-recursive": "block", "x/y": "off" } }', ids).data, undefined);
  });
});

describe('custom regular expressions', () => {
  it('refuses catastrophic backtracking, exponential and polynomial, and backreferences', () => {
    assert.match(regexProblem('(a+)+b')!, /exponential/);
    assert.match(regexProblem('(\\w+\\s?)+')!, /exponential/);
    assert.match(regexProblem('.*.*=.*')!, /polynomial/);
    assert.match(regexProblem('(\\w+)-\\1')!, /backreferences/);
    assert.match(regexProblem('[')!, /not a valid regular expression/);
  });

  it('accepts ordinary anchored patterns', () => {
    assert.equal(regexProblem('terraform (apply|destroy)( .*)?'), undefined);
    assert.equal(regexProblem('make deploy-(prod|production)'), undefined);
    assert.equal(regexProblem('kubectl delete (ns|namespace) [a-z0-9-]+'), undefined);
  });

  it('reports an unsafe regex in a file at its position', () => {
    assert.match(errors('{ "commands": [\n  { "regex": "(a+)+$", "decision": "block" }] }')[0]!, /2:14: error: "regex" can take exponential time/);
  });

  it('is anchored at both ends and never runs on text over the cap', () => {
    const m = compileCommandRegex('terraform (apply|destroy)( .*)?');
    assert.ok(m('terraform destroy -auto-approve'));
    assert.ok(!m('echo terraform destroy'));
    assert.ok(!m(`terraform apply ${'x'.repeat(MAX_MATCH_LENGTH)}`));
  });
});

describe('command globs', () => {
  it('match the whole command; * crosses spaces, slashes and dots; whitespace runs are one space', () => {
    const m = compileCommandGlob('make deploy-prod*');
    assert.ok(m('make deploy-prod'));
    assert.ok(m('make   deploy-prod-eu ../x/.y'));
    assert.ok(!m('make deploy-staging'));
    assert.ok(!m('echo make deploy-prod'));
    const exact = compileCommandGlob('git push --force origin main');
    assert.ok(exact('git push --force origin main'));
    assert.ok(!exact('git push --force origin main2'));
    assert.ok(compileCommandGlob('rm -r? /srv/\\*')('rm -rf /srv/*'));
    assert.ok(!compileCommandGlob('rm -r? /srv/\\*')('rm -rf /srv/a'));
  });

  it('take linear time on hostile input', () => {
    const m = compileCommandGlob('*a*a*a*a*a*a*a*a*b');
    const t0 = process.hrtime.bigint();
    assert.ok(!m('a'.repeat(20_000)));
    assert.ok(Number(process.hrtime.bigint() - t0) / 1e6 < 500);
  });
});
