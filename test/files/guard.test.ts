/**
 * The file guard's building blocks: which class a file is in (built-ins, the team's `protect` globs, guard files),
 * which files a shell command writes, and whether a change to a guard file weakens protection, judged on the
 * exact configs the Protect command writes for every agent.
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { classifyFile } from '../../src/engine/rules/files/_classify';
import { fileWrites } from '../../src/engine/rules/files/_writes';
import { judgeGuardChange } from '../../src/engine/rules/files/_tamper';
import { rollbackBody } from '../../src/engine/rules/files/_migrations';
import { analyzeShell } from '../../src/engine/shell/analyze';
import { evaluate } from '../../src/engine/evaluate';
import { BUILTIN_PROTECT } from '../../src/engine/config';
import { EMPTY_CONFIG } from '../../src/engine/config/types';
import { AGENT_IDS, SPECS, type Environment } from '../../src/protect/agents';
import { protectConfig, unprotectConfig } from '../../src/protect/config';
import { expandBraces, searchGlob } from '../../src/snapshots/protected';

const root = '/home/dev/project';
const home = '/home/dev';
const cls = (file: string, protect: readonly string[] = []) => classifyFile(file, { cwd: root, workspaceRoot: root, home, protect })?.cls;

describe('classifyFile', () => {
  const table: [string, string | undefined][] = [
    ['.env.production', 'production-env'],
    ['.env.prod', 'production-env'],
    ['apps/api/.env.production.local', 'production-env'],
    ['config/production/.env', 'production-env'],
    ['.env', 'local-env'],
    ['.env.local', 'local-env'],
    ['.env.example', undefined],
    ['.env.production.example', undefined],
    ['config/production.yml', 'production'],
    ['config/environments/production.rb', 'production'],
    ['settings/production.py', 'production'],
    ['k8s/production/deployment.yaml', 'production'],
    ['deploy/overlays/prod/kustomization.yaml', 'production'],
    ['charts/api/values-prod.yaml', 'production'],
    ['charts/api/values-production-eu.yaml', 'production'],
    ['terraform/envs/prod/main.tf', 'production'],
    ['terraform/envs/prod/terraform.tfvars', 'production'],
    ['prod.tfvars', 'production'],
    ['docker-compose.prod.yml', 'production'],
    ['src/environments/environment.prod.ts', 'production'],
    ['Pulumi.prod.yaml', 'production'],
    ['src/Api/appsettings.Production.json', 'production'],
    ['fly.toml', 'production'],
    ['vercel.json', 'production'],
    ['wrangler.toml', 'production'],
    ['.github/workflows/deploy.yml', 'production'],
    ['.github/workflows/deploy-production.yaml', 'production'],
    ['.github/CODEOWNERS', 'production'],
    ['config/database.yml', 'production'],
    ['config/credentials/production.yml.enc', 'production'],
    ['config/master.key', 'secret'],
    ['certs/server.pem', 'secret'],
    ['deploy/id_ed25519', 'secret'],
    ['deploy/id_ed25519.pub', undefined],
    ['credentials.json', 'secret'],
    ['gcp/service-account-prod.json', 'secret'],
    ['terraform.tfstate', 'state'],
    ['infra/terraform.tfstate.backup', 'state'],
    ['.github/workflows/ci.yml', undefined],
    ['k8s/staging/deployment.yaml', undefined],
    ['src/product.yml', undefined],
    ['src/production/report.ts', undefined],
    ['docs/production.md', undefined],
    ['.blastradius.json', 'guard'],
    ['packages/api/.blastradius.json', 'guard'],
    ['.claude/settings.json', 'guard'],
    ['.claude/settings.local.json', 'guard'],
    ['.github/hooks/blast-radius.json', 'guard'],
    ['.cursor/hooks.json', 'guard'],
    ['.gemini/settings.json', 'guard'],
    ['.codex/config.toml', 'guard'],
    ['.windsurf/hooks.json', 'guard'],
    ['.clinerules/hooks/PreToolUse', 'guard'],
    ['.vscode/settings.json', 'guard'],
    ['/home/dev/.claude/settings.json', 'guard'],
    ['/home/dev/.blast-radius/approved-rules.json', 'guard'],
    ['/home/dev/.config/Code/User/settings.json', 'guard'],
    ['/tmp/x/.env.production', undefined],
  ];
  for (const [file, expected] of table) it(`${file} → ${expected ?? 'not protected'}`, () => assert.equal(cls(file), expected));

  it("the team's globs add files, and a `!` removes built-ins but never guard files", () => {
    assert.equal(cls('billing/rates.ts', ['billing/**']), 'team');
    assert.equal(cls('src/billing-old.ts', ['billing.ts']), undefined);
    assert.equal(cls('lib/billing.ts', ['billing.ts']), 'team');
    assert.equal(cls('fly.toml', ['!fly.toml']), undefined);
    assert.equal(cls('.claude/settings.json', ['!.claude/**']), 'guard');
    assert.equal(cls('.env.local', ['.env.local']), 'team', 'a team that lists a local env file gets every change paused');
  });

  it("the config layer's own built-ins at the head of the list do not turn local env files into team files", () => {
    assert.equal(cls('.env.local', [...BUILTIN_PROTECT]), 'local-env');
    assert.equal(cls('billing/x.ts', [...BUILTIN_PROTECT, 'billing/**']), 'team');
  });

  it('names a file with an unknown folder by its name', () => {
    assert.equal(cls('"$KEYS/credentials.json"'), 'secret');
    assert.equal(cls('$DIR/notes.txt'), undefined);
  });
});

describe('fileWrites', () => {
  const writes = (line: string) => analyzeShell(line, { cwd: root, home }).commands.flatMap((c) => fileWrites(c).map((w) => `${w.how}:${w.path}`));
  const table: [string, string[]][] = [
    ['rm -f a b', ['delete:a', 'delete:b']],
    ['mv a b', ['move-away:a', 'overwrite:b']],
    ['mv -n a b', ['move-away:a']],
    ['mv a b dir/', ['move-away:a', 'move-away:b', 'overwrite:dir/a', 'overwrite:dir/b']],
    ['cp -r a b', ['overwrite:b']],
    ['cp -n a b', []],
    ["sed -i 's/x/y/' f g", ['in-place:f', 'in-place:g']],
    ["sed -i -e 's/x/y/' f", ['in-place:f']],
    ["sed 's/x/y/' f", []],
    ["perl -pi -e 's/a/b/' f", ['in-place:f']],
    ['echo x > f 2>/dev/null', ['overwrite:f']],
    ['echo x >> f', ['append:f']],
    ['echo x | tee -a f g', ['append:f', 'append:g']],
    ['truncate -s 0 f', ['truncate:f']],
    ['git checkout -- f g', ['restore:f', 'restore:g']],
    ['git checkout main', []],
    ['git restore --staged f', []],
    ['git restore f', ['restore:f']],
    ['git rm f', ['delete:f']],
    ['git rm --cached f', []],
    ['yq -i ".a = 1" f.yaml', ['in-place:f.yaml']],
    ['awk -i inplace "{print}" f', ['in-place:f']],
    ['openssl genrsa -out k.pem 2048', ['overwrite:k.pem']],
    ['ln -sf target link', ['overwrite:link']],
    ['cat f', []],
  ];
  for (const [line, expected] of table) it(line, () => assert.deepEqual(writes(line), expected));
});

describe('judgeGuardChange on the configs the Protect command writes', () => {
  const env: Environment = { home, env: {}, platform: 'linux' };
  const program = { node: '/usr/bin/node', cli: '/home/dev/.vscode/extensions/blast-radius.blast-radius-0.1.0/dist/cli.js' };
  for (const agent of AGENT_IDS) {
    const file = SPECS[agent].file('workspace', root, env);
    const guard = classifyFile(file, { cwd: root, workspaceRoot: root, home });
    it(`${agent}: ${file.slice(root.length + 1)} is a guard file; protecting loosens nothing, removing protection weakens it`, () => {
      assert.equal(guard?.cls, 'guard');
      const protectedText = protectConfig(agent, undefined, program, env).text;
      const added = judgeGuardChange(guard!.guard!, file, undefined, protectedText);
      assert.deepEqual('weakens' in added ? added.weakens : added, []);
      const removed = unprotectConfig(agent, protectedText).text;
      const j = judgeGuardChange(guard!.guard!, file, protectedText, removed);
      assert.ok('weakens' in j && j.weakens.some((w) => /Blast Radius hook|deletes it/.test(w)), JSON.stringify(j));
    });
  }

  it('Claude: narrowing the matcher, adding allow rules, bypass mode and disableAllHooks all weaken', () => {
    const base = { permissions: { allow: ['Bash(npm test)'], deny: ['Bash(rm -rf:*)'] }, hooks: { PreToolUse: [{ matcher: '*', hooks: [{ type: 'command', command: 'blast-radius hook claude' }] }] } };
    const j = (after: unknown) => judgeGuardChange('hook-config', '.claude/settings.json', JSON.stringify(base), JSON.stringify(after));
    const weak = (after: unknown) => { const r = j(after); return 'weakens' in r ? r.weakens : []; };
    assert.match(weak({ ...base, hooks: { PreToolUse: [{ ...base.hooks.PreToolUse[0], matcher: 'Read' }] } }).join(), /which tools the Blast Radius hook sees/);
    assert.match(weak({ ...base, permissions: { ...base.permissions, allow: ['Bash(npm test)', 'Bash(*)'] } }).join(), /adds to permissions.allow/);
    assert.match(weak({ ...base, permissions: { ...base.permissions, deny: [] } }).join(), /removes from permissions.deny/);
    assert.match(weak({ ...base, permissions: { ...base.permissions, defaultMode: 'bypassPermissions' } }).join(), /defaultMode/);
    assert.match(weak({ ...base, disableAllHooks: true }).join(), /disableAllHooks/);
    assert.deepEqual(weak({ ...base, model: 'opus', permissions: { ...base.permissions, deny: ['Bash(rm -rf:*)', 'Bash(git push --force:*)'] } }), []);
  });

  it('VS Code settings: hooks off and auto-approval weaken; ordinary settings do not', () => {
    const weak = (before: unknown, after: unknown) => { const r = judgeGuardChange('editor-settings', '.vscode/settings.json', JSON.stringify(before), JSON.stringify(after)); return 'weakens' in r ? r.weakens : ['?']; };
    assert.notDeepEqual(weak({}, { 'chat.useHooks': false }), []);
    assert.notDeepEqual(weak({}, { 'chat.tools.autoApprove': true }), []);
    assert.notDeepEqual(weak({}, { 'chat.agent.terminal.allowList': { 'rm': true } }), []);
    assert.notDeepEqual(weak({ 'blastRadius.snapshots.enabled': true }, { 'blastRadius.snapshots.enabled': false }), []);
    assert.deepEqual(weak({ 'editor.fontSize': 12 }, { 'editor.fontSize': 14, 'files.autoSave': 'afterDelay' }), []);
  });
});

describe('rollbackBody', () => {
  it('finds the rollback of each framework and recognises empty ones', () => {
    assert.equal(rollbackBody('m.py', 'def upgrade():\n    op.x()\n\ndef downgrade():\n    pass\n'), '');
    assert.match(rollbackBody('m.py', 'def downgrade() -> None:\n    op.drop_table("x")\n')!, /drop_table/);
    assert.match(rollbackBody('m.rb', 'class A\n  def down\n    drop_table :x\n  end\nend\n')!, /drop_table/);
    assert.match(rollbackBody('m.js', 'module.exports = {\n  up: async (q) => {},\n  down: async (q) => { await q.dropTable("x"); },\n};\n')!, /dropTable/);
    assert.match(rollbackBody('m.js', "exports.down = (knex) => knex.schema.dropTable('x');\n")!, /dropTable/);
    assert.equal(rollbackBody('m.ts', 'export async function down(): Promise<void> {}\n'), '');
    assert.equal(rollbackBody('m.rb', 'class A\n  def change\n  end\nend\n'), undefined);
  });
});

describe('snapshot search', () => {
  it('expands nested braces into plain globs', () => {
    assert.deepEqual(expandBraces('a/{b,c}/*.{x,y}'), ['a/b/*.x', 'a/b/*.y', 'a/c/*.x', 'a/c/*.y']);
    assert.ok(!searchGlob(['billing/**']).slice(1, -1).includes('{'), 'one level of braces only');
    assert.ok(searchGlob(['billing/**', 'rates.ts', '!x']).includes('billing/**'));
    assert.ok(searchGlob(['rates.ts']).includes('**/rates.ts'));
  });
});

describe('no double reports with the fs rules', () => {
  const rules = (command: string) => [...new Set(evaluate({ kind: 'shell', command, cwd: root }, { env: {}, home, workspaceRoot: root, config: EMPTY_CONFIG }).findings.map((f) => f.ruleId))];
  it('wiping, deleting or moving over env files and state is the fs pack alone', () => {
    assert.deepEqual(rules('rm .env.production'), ['fs/rm-important']);
    assert.deepEqual(rules('> .env.production'), ['fs/clobber-important']);
    assert.deepEqual(rules('mv new.env .env.production'), ['fs/move-over']);
    assert.deepEqual(rules('rm terraform.tfstate'), ['fs/rm-important']);
  });
  it('the file guard covers what the fs pack does not: edits, appends, copies, git restores, production config', () => {
    assert.deepEqual(rules("sed -i 's/a/b/' .env.production"), ['files/protected-shell']);
    assert.deepEqual(rules('echo A=1 >> .env.production'), ['files/protected-shell']);
    assert.deepEqual(rules('cp .env.example .env.production'), ['files/protected-shell']);
    assert.deepEqual(rules('rm config/production.yml'), ['files/protected-shell']);
  });
});
