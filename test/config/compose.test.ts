/**
 * Discovery, composition, presets and trust, through loadEffectiveConfig() and evaluate(), on real folders.
 */
import { describe, it, beforeEach, afterEach } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadEffectiveConfig, MemoryApprovalStore, FileApprovalStore, RuleFiles, RuleFileCache, isProtected, approvalsPath } from '../../src/engine/config';
import type { LoadOptions } from '../../src/engine/config';
import { evaluate } from '../../src/engine/evaluate';
import { allRules } from '../../src/engine/rules';

let tmp: string;
let root: string;

function write(rel: string, content: unknown): string {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}

function load(cwdRel = '.', extra: Partial<LoadOptions> = {}) {
  return loadEffectiveConfig({ cwd: path.join(root, cwdRel), workspaceRoot: root, approvals: new MemoryApprovalStore(), ...extra });
}

function decide(command: string, cwdRel = '.', extra: Partial<LoadOptions> = {}) {
  const eff = load(cwdRel, extra);
  return evaluate({ kind: 'shell', command, cwd: path.join(root, cwdRel) }, { config: eff.config, workspaceRoot: root, env: {}, home: path.join(tmp, 'home') }).decision;
}

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'br-config-'));
  root = path.join(tmp, 'repo');
  fs.mkdirSync(path.join(root, '.git'), { recursive: true });
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('discovery', () => {
  it('finds every .blastradius.json from the folder up to the repository root, nearest first', () => {
    const top = write('.blastradius.json', { commands: [{ match: 'make deploy-prod*', decision: 'block' }] });
    const pkg = write('packages/api/.blastradius.json', { commands: [{ match: 'npm run migrate*', decision: 'ask' }] });
    write('packages/web/.blastradius.json', { commands: [{ match: 'npm run seed*', decision: 'block' }] });
    const eff = load('packages/api/src');
    assert.deepEqual(eff.files.map((f) => f.path), [pkg, top]);
    // Monorepo: both files compose in packages/api; the sibling package's file does not apply.
    assert.equal(decide('make deploy-prod', 'packages/api/src'), 'block');
    assert.equal(decide('npm run migrate -- --force', 'packages/api/src'), 'ask');
    assert.equal(decide('npm run seed', 'packages/api/src'), 'allow');
    assert.equal(decide('npm run seed', 'packages/web'), 'block');
  });

  it('does not look above the repository root', () => {
    fs.writeFileSync(path.join(tmp, '.blastradius.json'), JSON.stringify({ commands: [{ match: 'ls', decision: 'block' }] }));
    assert.equal(decide('ls'), 'allow');
    assert.deepEqual(load().files, []);
  });

  it('without any file the built-ins apply', () => {
    const eff = load();
    assert.deepEqual(eff.config.rules, {});
    assert.deepEqual(eff.config.commands, []);
    assert.equal(decide('rm -rf ~'), 'block');
  });
});

describe('keys', () => {
  it('rules tighten at once: a setting at or above the default is a floor', () => {
    // A rule whose default is ask, and one of its own pausing cases that asks.
    const rule = allRules.find((r) => r.kind === 'command' && r.meta.decision === 'ask' && r.tests.pause.some((c) => typeof c === 'string' && decide(c) === 'ask'))!;
    const command = rule.tests.pause.find((c) => typeof c === 'string' && decide(c) === 'ask') as string;
    write('.blastradius.json', { rules: { [rule.meta.id]: 'block' } });
    assert.equal(decide(command), 'block', `${rule.meta.id}: ${command}`);
    assert.deepEqual(load().ignored, []);
  });

  it('protect: relative to the rule file, gitignore-style, built-ins included', () => {
    write('packages/api/.blastradius.json', { protect: ['config/*.yml', '/schema.sql', 'secrets.txt'] });
    const eff = load('packages/api');
    const p = (f: string) => isProtected(f, eff.config.protect, root);
    assert.ok(p('packages/api/config/prod.yml'));
    assert.ok(p('packages/api/schema.sql'));
    assert.ok(p('packages/api/deep/secrets.txt'));
    assert.ok(!p('config/prod.yml'));
    assert.ok(p('.env'));
    assert.ok(!p('.env.example'));
  });

  it('production names add up across files', () => {
    write('.blastradius.json', { production: { hosts: ['db.internal'], branches: ['main'] } });
    write('sub/.blastradius.json', { production: { hosts: ['cache.internal'], envNames: ['live'], kubeContexts: ['gke_main'], files: ['.env.production'] } });
    assert.deepEqual(load('sub').config.production, {
      hosts: ['db.internal', 'cache.internal'], envNames: ['live'], kubeContexts: ['gke_main'], branches: ['main'], files: ['.env.production'],
    });
  });

  it('promptTimeoutSeconds: nearest file, and the person\'s own setting wins', () => {
    write('.blastradius.json', { promptTimeoutSeconds: 30 });
    write('sub/.blastradius.json', { promptTimeoutSeconds: 90 });
    assert.equal(load('sub').promptTimeoutSeconds, 90);
    assert.equal(load('.').promptTimeoutSeconds, 30);
    assert.equal(load('sub', { user: [{ name: 'settings', value: { promptTimeoutSeconds: 300 } }] }).promptTimeoutSeconds, 300);
  });

  it('custom command rules: whole line for ask/block, message and id in the finding', () => {
    write('.blastradius.json', { commands: [{ match: 'make deploy-prod*', decision: 'block', message: 'Deploys go through CI', id: 'deploy' }, { regex: '\\./scripts/rotate-keys\\.sh( .*)?', decision: 'ask' }] });
    const eff = load();
    const v = evaluate({ kind: 'shell', command: 'cd infra && make deploy-prod', cwd: root }, { config: eff.config, workspaceRoot: root, env: {} });
    assert.equal(v.decision, 'block');
    assert.equal(v.findings[0]!.ruleId, 'custom/deploy');
    assert.equal(v.findings[0]!.message, 'Deploys go through CI');
    // Not a command any built-in rule knows (terraform destroy is infra/terraform's since the infra pack), so the team rule decides alone.
    assert.equal(decide('sudo ./scripts/rotate-keys.sh --all'), 'ask');
    assert.equal(decide("bash -c 'make deploy-prod'"), 'block');
    assert.equal(decide('echo make deploy-prod'), 'allow');
  });
});

describe('presets', () => {
  it('recommended is the default and changes nothing', () => {
    write('.blastradius.json', { extends: 'recommended' });
    assert.deepEqual(load().config.rules, {});
  });

  it('strict turns every rule whose default is ask into block', () => {
    write('.blastradius.json', { extends: 'strict' });
    const rules = load().config.rules;
    const askRules = allRules.filter((r) => r.meta.decision === 'ask').map((r) => r.meta.id);
    assert.ok(askRules.length > 0);
    for (const id of askRules) assert.equal(rules[id], 'block', id);
    for (const r of allRules.filter((x) => x.meta.decision === 'block')) assert.equal(rules[r.meta.id], undefined);
  });

  it('a file\'s own rules override its preset', () => {
    const askRule = allRules.find((r) => r.meta.decision === 'ask')!.meta.id;
    write('.blastradius.json', { extends: 'strict', rules: { [askRule]: 'ask' } });
    assert.equal(load().config.rules[askRule], 'ask');
  });

  it('relative extends: the extended file composes and needs its own approval', () => {
    const base = write('rules/base.json', { commands: [{ match: 'make nuke*', decision: 'block' }, { match: 'rm -rf /srv/cache', decision: 'allow' }] });
    write('.blastradius.json', { extends: './rules/base.json' });
    const eff = load();
    assert.equal(decide('make nuke-all'), 'block');
    assert.deepEqual(eff.ignored.map((e) => [e.file, e.kind]), [[base, 'needs-approval']]);
  });

  it('extends outside the repository, cycles and missing files are errors; that file is then not in force', () => {
    write('.blastradius.json', { extends: '../outside.json', commands: [{ match: 'x', decision: 'block' }] });
    let eff = load();
    assert.match(eff.diagnostics[0]!.message, /points outside the repository/);
    assert.equal(eff.files[0]!.state, 'not-in-force');
    write('.blastradius.json', { extends: './a.json' });
    write('a.json', { extends: './.blastradius.json' });
    eff = load();
    assert.ok(eff.diagnostics.some((d) => /cycle/.test(d.message)), JSON.stringify(eff.diagnostics));
    write('.blastradius.json', { extends: './missing.json' });
    assert.match(load().diagnostics[0]!.message, /no such file/);
  });
});

describe('trust', () => {
  const loosening = { rules: { 'fs/rm-recursive': 'off' }, commands: [{ match: 'git push --force origin main', decision: 'allow' }], protect: ['!**/.env'] };

  it('an unapproved file cannot loosen: every loosening entry is listed with why', () => {
    const file = write('.blastradius.json', loosening);
    const eff = load();
    assert.deepEqual(eff.config.rules, {});
    assert.equal(eff.config.commands.length, 0);
    assert.ok(isProtected('.env', eff.config.protect, root));
    assert.deepEqual(eff.ignored.map((e) => e.entry).sort(), [
      'commands: { "match": "git push --force origin main", "decision": "allow" }',
      'protect: "!**/.env"',
      'rules["fs/rm-recursive"]: "off"',
    ]);
    assert.ok(eff.ignored.every((e) => e.kind === 'needs-approval' && e.file === file && e.hash === eff.files[0]!.hash));
    assert.equal(eff.files[0]!.loosening, 3);
    assert.equal(decide('rm -rf ~'), 'block');
    assert.notEqual(decide('git push --force origin main'), 'allow');
  });

  it('approving the exact content applies it; any edit needs a new approval', () => {
    const file = write('.blastradius.json', loosening);
    const approvals = new MemoryApprovalStore();
    approvals.approve(file, load().files[0]!.hash);
    assert.equal(decide('rm -rf ~', '.', { approvals }), 'allow');
    assert.equal(decide('git push --force origin main', '.', { approvals }), 'allow');
    assert.ok(!isProtected('.env', load('.', { approvals }).config.protect, root));
    write('.blastradius.json', { ...loosening, version: 1 });
    assert.equal(decide('rm -rf ~', '.', { approvals }), 'block');
  });

  it('--trust-rules applies loosening without approval', () => {
    write('.blastradius.json', loosening);
    assert.equal(decide('git push --force origin main', '.', { trustRules: true }), 'allow');
    assert.deepEqual(load('.', { trustRules: true }).ignored, []);
  });

  it('an allow rule covers one command only, never a chain behind it', () => {
    write('.blastradius.json', { commands: [{ match: 'git push --force*', decision: 'allow' }] });
    assert.equal(decide('git push --force origin main', '.', { trustRules: true }), 'allow');
    assert.equal(decide('git push --force origin main && rm -rf ~', '.', { trustRules: true }), 'block');
  });

  it('tightening from another file wins over an approved loosening', () => {
    write('.blastradius.json', { rules: { 'fs/rm-recursive': 'block' } });
    write('sub/.blastradius.json', { rules: { 'fs/rm-recursive': 'off' } });
    assert.equal(decide('rm -rf ~', 'sub', { trustRules: true }), 'block');
    fs.rmSync(path.join(root, '.blastradius.json'));
    assert.equal(decide('rm -rf ~', 'sub', { trustRules: true }), 'allow');
  });

  it('the person\'s own settings are the floor: a repository cannot lower them, even approved', () => {
    write('.blastradius.json', { rules: { 'fs/rm-recursive': 'ask' }, commands: [{ match: 'rm -rf ~', decision: 'allow' }] });
    const user = [{ name: 'settings', value: { rules: { 'fs/rm-recursive': 'block' } } }];
    const eff = load('.', { user, trustRules: true });
    assert.equal(eff.config.rules['fs/rm-recursive'], 'block');
    assert.deepEqual(eff.ignored.map((e) => e.kind), ['below-your-setting']);
    // The approved allow rule does not silence a rule the person set.
    assert.equal(decide('rm -rf ~', '.', { user, trustRules: true }), 'block');
  });

  it('the person may loosen for themselves, and a repository may tighten above that', () => {
    const user = [{ name: 'settings', value: { rules: { 'fs/rm-recursive': 'off' } } }];
    assert.equal(decide('rm -rf ~', '.', { user }), 'allow');
    write('.blastradius.json', { rules: { 'fs/rm-recursive': 'ask' } });
    assert.equal(decide('rm -rf ~', '.', { user }), 'ask');
  });

  it('approvals live in ~/.blast-radius/approved-rules.json, mode 0600, bound to path and hash', () => {
    const file = write('.blastradius.json', loosening);
    const home = path.join(tmp, 'home');
    const files = new RuleFiles({ home, user: [] });
    const [pending] = files.pending(root, root);
    assert.equal(pending!.file, file);
    assert.equal(pending!.entries.length, 3);
    files.approve(pending!.file, pending!.hash);
    const stored = approvalsPath(home);
    assert.equal(fs.statSync(stored).mode & 0o777, 0o600);
    assert.deepEqual(files.pending(root, root), []);
    // A fresh reader (another process) sees the approval too.
    assert.ok(new FileApprovalStore(stored).isApproved(file, pending!.hash));
    assert.ok(!new FileApprovalStore(stored).isApproved(path.join(root, 'other.json'), pending!.hash));
  });
});

describe('bad files fail safe', () => {
  it('a broken file is reported and not used; the built-ins and the other files stay in force', () => {
    write('.blastradius.json', { commands: [{ match: 'make deploy-prod*', decision: 'block' }] });
    const bad = write('sub/.blastradius.json', '{ "rules": { "fs/rm-recursive": "off", } ');
    const eff = load('sub', { trustRules: true });
    assert.equal(eff.diagnostics[0]!.file, bad);
    assert.equal(eff.diagnostics[0]!.line, 1);
    assert.equal(eff.files.find((f) => f.path === bad)!.state, 'not-in-force');
    assert.equal(decide('rm -rf ~', 'sub', { trustRules: true }), 'block');
    assert.equal(decide('make deploy-prod', 'sub'), 'block');
  });

  it('a session keeps the last good version of a file that breaks', () => {
    const file = write('.blastradius.json', { commands: [{ match: 'make deploy-prod*', decision: 'block' }] });
    const cache = new RuleFileCache(allRules.map((r) => r.meta.id));
    assert.equal(load('.', { cache }).config.commands.length, 1);
    fs.writeFileSync(file, '{ "commands": [ { "match": "make deploy-prod*", "decision": "blok" } ] }');
    cache.invalidate(file);
    const eff = load('.', { cache });
    assert.equal(eff.files[0]!.state, 'last-good');
    assert.match(eff.diagnostics[0]!.message, /"blok"; it must be one of "allow", "ask", "block"/);
    assert.equal(eff.config.commands.length, 1);
  });

  it('a broken personal file is reported too', () => {
    const userFile = path.join(tmp, 'home/.blast-radius/config.json');
    fs.mkdirSync(path.dirname(userFile), { recursive: true });
    fs.writeFileSync(userFile, '{ "rules": { "nope/nope": "off" } }');
    const eff = load('.', { user: [{ path: userFile }] });
    assert.equal(eff.diagnostics[0]!.file, userFile);
    assert.match(eff.diagnostics[0]!.message, /unknown rule id "nope\/nope"/);
  });
});
