import { defineFileRule } from '../../rule';
import { absolutePath } from './_classify';
import { contentAfter } from './_content';
import { addedDestructive, isMigrationOrSql } from './_migrations';

/** At most this many statements are named in the message. */
const SHOWN = 3;

export default defineFileRule({
  meta: {
    id: 'files/destructive-migration',
    decision: 'ask',
    severity: 'high',
    description:
      'An agent writes destructive SQL into a .sql or migration file (`DROP TABLE`, `TRUNCATE`, `DROP COLUMN`, `DELETE` without `WHERE`, ' +
      "or the ORM's `drop_table`/`DeleteModel`/`RemoveField`/`dropTable`/`op.drop_table`/`Schema::drop`). Writing is not running, but the " +
      'migration will run later, maybe against production. Tables the same migration creates may be dropped freely.',
    message: 'Writes {{statements}} into {{target}}; it will run when migrations run, maybe against production',
    safer: 'Keep destructive steps in their own reviewed migration, back up the data first, or rename/deprecate instead of dropping.',
  },
  check(action, ctx) {
    if (action.op === 'delete' || action.op === 'rename') return;
    const file = absolutePath(action.path, action.cwd ?? ctx.cwd ?? ctx.workspaceRoot, ctx.home) ?? action.path;
    if (!isMigrationOrSql(file)) return;
    const after = contentAfter(action);
    // A fragment (an edit whose file could not be read): compare the replaced text with its replacement.
    const [before, now] = after !== undefined ? [action.oldContent, after] : [action.oldText, action.newContent];
    if (now === undefined || now.trim() === '') return;
    const added = addedDestructive(file, before, now);
    if (added.length === 0) return;
    const names = [...new Set(added.map((f) => f.excerpt.replace(/\s+/g, ' ').trim()))];
    const statements = names.slice(0, SHOWN).map((s) => `\`${s.length > 80 ? s.slice(0, 77) + '...' : s}\``).join(', ') + (names.length > SHOWN ? ` and ${names.length - SHOWN} more` : '');
    const rel = ctx.workspaceRoot && file.startsWith(ctx.workspaceRoot + '/') ? file.slice(ctx.workspaceRoot.length + 1) : action.path;
    ctx.report({
      target: rel,
      data: { statements },
      severity: added.some((f) => f.severity === 'critical') ? 'critical' : 'high',
      signals: [...new Set(added.map((f) => f.ruleId))],
    });
  },
  tests: {
    pause: [
      { input: { kind: 'file', op: 'create', path: 'db/migrations/20240501_drop_users.sql', newContent: 'DROP TABLE users;\n' } },
      { input: { kind: 'file', op: 'write', path: 'migrations/0003_cleanup.sql', oldContent: 'ALTER TABLE users ADD COLUMN age int;\n', newContent: 'ALTER TABLE users ADD COLUMN age int;\nTRUNCATE orders;\n' } },
      { input: { kind: 'file', op: 'create', path: 'db/migrate/20240501000000_drop_legacy.rb', newContent: 'class DropLegacy < ActiveRecord::Migration[7.1]\n  def change\n    drop_table :invoices\n  end\nend\n' } },
      { input: { kind: 'file', op: 'create', path: 'shop/migrations/0007_remove_order.py', newContent: 'from django.db import migrations\n\nclass Migration(migrations.Migration):\n    dependencies = [("shop", "0006")]\n    operations = [\n        migrations.DeleteModel(name="Order"),\n        migrations.RemoveField(model_name="customer", name="email"),\n    ]\n' } },
      { input: { kind: 'file', op: 'create', path: 'migrations/20240501_reset.js', newContent: "exports.up = function (knex) {\n  return knex.schema.dropTable('accounts');\n};\nexports.down = function () {};\n" } },
      { input: { kind: 'file', op: 'create', path: 'alembic/versions/abc123_drop_orders.py', newContent: 'def upgrade():\n    op.drop_table("orders")\n\ndef downgrade():\n    pass\n' } },
      { input: { kind: 'file', op: 'create', path: 'database/migrations/2024_05_01_000000_drop_votes.php', newContent: "<?php\nreturn new class extends Migration {\n    public function up(): void\n    {\n        Schema::drop('votes');\n    }\n};\n" } },
      { input: { kind: 'file', op: 'edit', path: 'src/migrations/1700000000000-Cleanup.ts', oldText: '// TODO', newContent: 'await queryRunner.query(`DROP TABLE "sessions"`);' } },
    ],
    pass: [
      { input: { kind: 'file', op: 'create', path: 'db/migrations/20240501_add_age.sql', newContent: 'ALTER TABLE users ADD COLUMN age int;\n' } },
      { input: { kind: 'file', op: 'create', path: 'migrations/20240501_create_users.js', newContent: "exports.up = (knex) => knex.schema.createTable('users', (t) => { t.increments(); });\nexports.down = (knex) => knex.schema.dropTable('users');\n" }, note: 'the rollback drops only what the migration creates' },
      { input: { kind: 'file', op: 'edit', path: 'migrations/0003_cleanup.sql', oldContent: 'DROP TABLE legacy;\n-- old\n', oldText: '-- old', newContent: '-- removed in v2' }, note: 'the DROP was already there' },
      { input: { kind: 'file', op: 'create', path: 'src/queries/report.ts', newContent: 'export const q = "DROP TABLE x";\n' }, note: 'not a migration' },
      { input: { kind: 'file', op: 'create', path: 'db/migrations/20240502_backfill.sql', newContent: 'UPDATE users SET active = true;\n' }, note: 'a backfill' },
      { input: { kind: 'file', op: 'create', path: 'db/migrate/20240501000000_create_posts.rb', newContent: 'class CreatePosts < ActiveRecord::Migration[7.1]\n  def change\n    create_table :posts do |t|\n      t.string :title\n    end\n  end\nend\n' } },
    ],
  },
});
