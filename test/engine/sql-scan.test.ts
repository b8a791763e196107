/**
 * `blast-radius scan`: SQL files and SQL inside migrations of common tools, reported with file:line:column;
 * harmless migrations stay silent.
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { scanPaths, scanText } from '../../src/engine/sql/scan';
import { extractSql } from '../../src/engine/sql/extract';
import { runScan } from '../../src/cli/scan';

const fixtures = path.join(__dirname, '../fixtures/migrations');
const rel = (f: string) => path.relative(fixtures, f);

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += String(d)));
  stderr.on('data', (d) => (err += String(d)));
  const code = await runScan(args, { stdout, stderr });
  return { code, out, err };
}

const hits = (file: string, text: string) => scanText(file, text).map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.decision}`);

describe('scan fixtures', () => {
  it('stays silent on harmless migrations of every tool', () => {
    const r = scanPaths([path.join(fixtures, 'harmless')]);
    assert.deepEqual(r.findings.map((f) => `${rel(f.file)}:${f.line} ${f.ruleId} ${f.message}`), []);
    assert.ok(r.scanned.length >= 11, `scanned only ${r.scanned.length} files`);
  });

  it('reports the DROP TABLE of a Flyway migration at its line and column', () => {
    const r = scanPaths([path.join(fixtures, 'destructive/flyway/V2__drop_audit.sql')]);
    assert.equal(r.findings.length, 1);
    const f = r.findings[0]!;
    assert.deepEqual([f.line, f.column, f.ruleId, f.decision, f.target], [4, 3, 'sql/drop-table', 'block', 'audit_log']);
  });

  it('finds the destructive SQL in each tool\'s migrations', () => {
    const r = scanPaths([path.join(fixtures, 'destructive')]);
    const got = r.findings.map((f) => `${rel(f.file)}:${f.line}:${f.column} ${f.ruleId}`);
    assert.deepEqual(got, [
      'destructive/alembic/versions/d4e5f6_drop_orders.py:9:5 sql/drop-table',
      'destructive/alembic/versions/d4e5f6_drop_orders.py:10:17 sql/update-without-where',
      'destructive/flyway/V2__drop_audit.sql:4:3 sql/drop-table',
      'destructive/knex/migrations/20240301000000_reset.js:2:19 sql/truncate',
      'destructive/knex/migrations/20240301000000_reset.js:3:9 sql/delete-without-where',
      'destructive/knex/migrations/20240301000000_reset.js:5:5 sql/alter-table-drop',
      'destructive/laravel/database/migrations/2024_02_01_000000_remove_votes.php:13:13 sql/alter-table-drop',
      'destructive/laravel/database/migrations/2024_02_01_000000_remove_votes.php:15:24 sql/delete-without-where',
      'destructive/liquibase/changelog.yaml:6:11 sql/drop-table',
      'destructive/liquibase/changelog.yaml:9:18 sql/truncate',
      'destructive/prisma/migrations/20240201000000_drop_bio/migration.sql:8:1 sql/alter-table-drop',
      'destructive/rails/db/migrate/20240201000000_drop_legacy_users.rb:3:5 sql/alter-table-drop',
      'destructive/rails/db/migrate/20240201000000_drop_legacy_users.rb:4:5 sql/drop-table',
      'destructive/shop/migrations/0003_cleanup.py:8:9 sql/alter-table-drop',
      'destructive/shop/migrations/0003_cleanup.py:9:9 sql/drop-table',
      'destructive/shop/migrations/0003_cleanup.py:10:28 sql/delete-without-where',
      'destructive/typeorm/migrations/1700000000000-DropSessions.ts:5:30 sql/truncate',
      'destructive/typeorm/migrations/1700000000000-DropSessions.ts:6:30 sql/drop-table',
    ]);
  });

  it('shows the migration code a DSL call stands for', () => {
    const r = scanPaths([path.join(fixtures, 'destructive/rails')]);
    assert.equal(r.findings.find((f) => f.ruleId === 'sql/drop-table')?.excerpt, 'drop_table :legacy_users');
  });
});

describe('extractors', () => {
  it('Rails: execute with heredocs and %q, DSL calls, and comments ignored', () => {
    const rb = [
      'class X < ActiveRecord::Migration[7.1]',
      '  def up',
      '    # drop_table :ghosts',
      '    execute <<~SQL',
      '      DELETE FROM carts;',
      '    SQL',
      '    execute %q{TRUNCATE events}',
      '    change_table :users do |t|',
      '      t.remove :nickname, :bio',
      '    end',
      '    create_table :imports, force: :cascade do |t|',
      '    end',
      '    Session.delete_all',
      '  end',
      'end',
    ].join('\n');
    assert.deepEqual(hits('db/migrate/1_x.rb', rb), [
      '5:7 sql/delete-without-where block', '7:16 sql/truncate block', '9:7 sql/alter-table-drop block', '9:7 sql/alter-table-drop block',
      '11:5 sql/drop-table block', '13:5 sql/delete-without-where block',
    ]);
  });

  it('Django: RunSQL with triple quotes and lists; reverse_sql dropping what sql created passes', () => {
    const py = [
      'from django.db import migrations',
      'class Migration(migrations.Migration):',
      '    operations = [',
      '        migrations.RunSQL(',
      '            sql="""CREATE TABLE shop_tmp_stats (n int);""",',
      '            reverse_sql="DROP TABLE shop_tmp_stats;",',
      '        ),',
      '        migrations.RunSQL(["UPDATE shop_order SET total = 0", "DROP TABLE shop_legacy"]),',
      '    ]',
    ].join('\n');
    assert.deepEqual(hits('shop/migrations/0004_x.py', py), ['8:29 sql/update-without-where block', '8:64 sql/drop-table block']);
  });

  it('JS/TS: template literals, interpolation and concatenation become a computed name', () => {
    const ts = "await queryRunner.query(`DROP TABLE \"${name}\"`);\nawait knex.raw('DELETE FROM ' + table);\nawait knex.raw('DELETE FROM t WHERE id = ?', [id]);";
    const snippets = extractSql('migrations/1-x.ts', ts).map((s) => s.sql);
    assert.deepEqual(snippets, ['DROP TABLE "__dynamic__"', 'DELETE FROM  __dynamic__', 'DELETE FROM t WHERE id = ?']);
    assert.deepEqual(hits('migrations/1-x.ts', ts), ['1:26 sql/drop-table block', '2:17 sql/delete-without-where block']);
  });

  it('Laravel: heredoc SQL, DB::table()->delete() with and without where', () => {
    const php = [
      '<?php',
      "DB::unprepared(<<<'SQL'",
      'TRUNCATE jobs;',
      'SQL);',
      "DB::table('failed_jobs')->delete();",
      "DB::table('users')->where('id', 1)->delete();",
      "Schema::dropAllTables();",
    ].join('\n');
    assert.deepEqual(hits('database/migrations/x.php', php), ['3:1 sql/truncate block', '5:1 sql/delete-without-where block', '7:1 sql/drop-table block']);
  });

  it('narrowing column changes: Rails change_column, Laravel ->change(), Knex .alter(); widening and restating stay quiet', () => {
    const rb = [
      'class C < ActiveRecord::Migration[7.1]',
      '  def up',
      '    change_column :users, :bio, :string, limit: 50',
      '    change_column :users, :notes, :text',
      '    change_column :users, :name, :string',
      '    change_column_null :users, :email, false',
      '    change_column :orders, :qty, :integer, limit: 2',
      '    add_column :users, :age, :integer',
      '    add_index :users, :email',
      '  end',
      'end',
    ].join('\n');
    assert.deepEqual(hits('db/migrate/3_c.rb', rb), ['3:5 sql/narrow-column ask', '7:5 sql/narrow-column ask']);
    const php = [
      '<?php',
      "Schema::table('users', function (Blueprint $table) {",
      "    $table->string('name', 50)->change();",
      "    $table->string('email')->nullable()->change();",
      "    $table->text('bio')->change();",
      "    $table->string('nick', 100)->nullable();",
      '});',
    ].join('\n');
    assert.deepEqual(hits('database/migrations/2024_x.php', php), ['3:5 sql/narrow-column ask']);
    const js = "exports.up = (knex) => knex.schema.alterTable('users', (t) => {\n  t.string('code', 10).alter();\n  t.string('name').notNullable().alter();\n  t.text('bio').alter();\n});\n";
    assert.deepEqual(hits('migrations/20240501_alter.js', js), ['2:3 sql/narrow-column ask']);
    const sql = 'ALTER TABLE "User" ALTER COLUMN "bio" SET DATA TYPE VARCHAR(50);\nALTER TABLE "User" ALTER COLUMN "id" SET DATA TYPE BIGINT;\n';
    assert.deepEqual(hits('prisma/migrations/20240601_x/migration.sql', sql), ['1:1 sql/narrow-column ask']);
  });

  it('Django: Model.objects.all().delete() in a forwards function; a filtered delete, a reverse function and AlterField stay quiet', () => {
    const py = [
      'from django.db import migrations, models',
      '',
      'def forwards(apps, schema_editor):',
      "    Order = apps.get_model('shop', 'Order')",
      '    Order.objects.all().delete()',
      "    Order.objects.filter(status='draft').delete()",
      '',
      'def backwards(apps, schema_editor):',
      "    Country = apps.get_model('shop', 'Country')",
      '    Country.objects.all().delete()',
      '',
      'class Migration(migrations.Migration):',
      '    operations = [',
      '        migrations.RunPython(forwards, backwards),',
      "        migrations.AlterField(model_name='user', name='bio', field=models.CharField(max_length=50, null=True)),",
      '    ]',
    ].join('\n');
    assert.deepEqual(hits('shop/migrations/0005_x.py', py), ['5:5 sql/delete-without-where block']);
  });

  it('Ecto: drop table and remove inside alter', () => {
    const ex = 'defmodule M do\n  def change do\n    alter table(:users) do\n      remove :email\n    end\n    drop table(:posts)\n  end\nend\n';
    assert.deepEqual(hits('priv/repo/migrations/1_x.exs', ex), ['4:7 sql/alter-table-drop block', '6:5 sql/drop-table block']);
  });

  it('Liquibase XML: drops reported, rollback blocks and created tables exempt', () => {
    const xml = [
      '<databaseChangeLog>',
      '  <changeSet id="1" author="a">',
      '    <dropColumn tableName="users" columnName="age"/>',
      '    <delete tableName="sessions"/>',
      '    <delete tableName="tokens"><where>expired = true</where></delete>',
      '    <sql><![CDATA[DROP VIEW v_active]]></sql>',
      '    <rollback><dropTable tableName="users"/></rollback>',
      '  </changeSet>',
      '</databaseChangeLog>',
    ].join('\n');
    assert.deepEqual(hits('db/changelog/1.xml', xml), ['3:5 sql/alter-table-drop block', '4:5 sql/delete-without-where block', '6:19 sql/drop-table block']);
  });

  it('a down.sql that drops what its up.sql created is a rollback, not a finding', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'br-scan-'));
    fs.writeFileSync(path.join(dir, '002_orders.up.sql'), 'CREATE TABLE orders (id int);\n');
    fs.writeFileSync(path.join(dir, '002_orders.down.sql'), 'DROP TABLE orders;\nDROP TABLE customers;\n');
    const r = scanPaths([dir]);
    assert.deepEqual(r.findings.map((f) => `${path.basename(f.file)}:${f.line} ${f.target}`), ['002_orders.down.sql:2 customers']);
  });

  it('walks folders for .sql files and migration folders only, skipping node_modules', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'br-scan-'));
    fs.mkdirSync(path.join(dir, 'src'));
    fs.mkdirSync(path.join(dir, 'node_modules/pkg'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'db/migrate'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'src/cleanup.rb'), 'execute "DELETE FROM users"\n');
    fs.writeFileSync(path.join(dir, 'node_modules/pkg/x.sql'), 'DROP TABLE users;\n');
    fs.writeFileSync(path.join(dir, 'db/migrate/1_x.rb'), 'execute "DELETE FROM users"\n');
    fs.writeFileSync(path.join(dir, 'db/schema.rb'), 'create_table "users", force: :cascade do |t|\nend\n');
    const r = scanPaths([dir]);
    assert.deepEqual(r.scanned.map((f) => path.relative(dir, f)), ['db/migrate/1_x.rb']);
    // Naming a file explicitly scans it wherever it lives.
    assert.equal(scanPaths([path.join(dir, 'src/cleanup.rb')]).findings.length, 1);
  });
});

describe('blast-radius scan CLI', () => {
  it('prints file:line:column rule-id message and exits 3 on a block', async () => {
    const r = await cli([path.join(fixtures, 'destructive/flyway')]);
    assert.equal(r.code, 3);
    assert.equal(r.out, `${path.join(fixtures, 'destructive/flyway/V2__drop_audit.sql')}:4:3 sql/drop-table DROP TABLE deletes table audit_log\n`);
  });

  it('is silent and exits 0 on harmless migrations', async () => {
    const r = await cli([path.join(fixtures, 'harmless')]);
    assert.deepEqual([r.code, r.out, r.err], [0, '', '']);
  });

  it('exits 2 when the worst finding only needs a question', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'br-scan-'));
    fs.writeFileSync(path.join(dir, 'V3__rename.sql'), 'ALTER TABLE users RENAME COLUMN email TO email_address;\n');
    const r = await cli([dir]);
    assert.equal(r.code, 2);
    assert.match(r.out, /V3__rename\.sql:1:1 sql\/alter-table-drop /);
  });

  it('--format json gives the findings as one document', async () => {
    const r = await cli(['--format', 'json', path.join(fixtures, 'destructive/prisma')]);
    assert.equal(r.code, 3);
    const doc = JSON.parse(r.out) as { findings: { line: number; column: number; ruleId: string; decision: string }[]; scanned: number };
    assert.deepEqual(doc.findings.map((f) => [f.line, f.column, f.ruleId, f.decision]), [[8, 1, 'sql/alter-table-drop', 'block']]);
    assert.equal(doc.scanned, 1);
  });

  it('exits 1 on usage errors and missing paths', async () => {
    assert.equal((await cli([])).code, 1);
    assert.equal((await cli(['--format', 'xml', '.'])).code, 1);
    const missing = await cli(['/nonexistent/migrations']);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /no such file or folder/);
  });
});
