import { defineFileRule } from '../../rule';
import { absolutePath } from './_classify';
import { contentAfter } from './_content';
import { isMigrationOrSql, reversibleWithoutDown, rollbackBody } from './_migrations';

const DOWN_SQL = /(\.down\.sql|^down\.sql|^U\d[\w.]*__.+\.sql)$/i;

export default defineFileRule({
  meta: {
    id: 'files/rollback-removed',
    decision: 'ask',
    severity: 'medium',
    description:
      "An agent removes a migration's way back: deletes or empties its `down`/`downgrade` method (Rails, Knex, TypeORM, Sequelize, " +
      'Alembic, Laravel, Ecto), replaces it with `raise IrreversibleMigration`/`pass`, or deletes or empties a `.down.sql` file.',
    message: '{{how}} in {{target}}: the migration can no longer be rolled back',
    safer: 'Keep the rollback working (undo what `up` does); if it really cannot be undone, say so in the migration and have a person confirm.',
  },
  check(action, ctx) {
    const file = absolutePath(action.path, action.cwd ?? ctx.cwd ?? ctx.workspaceRoot, ctx.home) ?? action.path;
    if (!isMigrationOrSql(file)) return;
    const rel = ctx.workspaceRoot && file.startsWith(ctx.workspaceRoot + '/') ? file.slice(ctx.workspaceRoot.length + 1) : action.path;
    const base = file.slice(file.lastIndexOf('/') + 1);
    if (DOWN_SQL.test(base)) {
      const hadSql = (action.oldContent ?? '').replace(/--.*$/gm, '').trim() !== '';
      if (!hadSql && action.oldContent !== undefined) return;
      if (action.op === 'delete') ctx.report({ target: rel, data: { how: 'Deletes the rollback file' } });
      else if ((action.op === 'write' || action.op === 'edit') && (contentAfter(action) ?? 'x').replace(/--.*$/gm, '').trim() === '') ctx.report({ target: rel, data: { how: 'Empties the rollback file' } });
      return;
    }
    if (action.op !== 'write' && action.op !== 'edit') return;
    const after = contentAfter(action);
    const [before, now] = after !== undefined ? [action.oldContent, after] : [action.oldText, action.newContent];
    if (before === undefined || now === undefined) return;
    const old = rollbackBody(file, before);
    if (!old) return; // there was no working rollback to lose
    const next = rollbackBody(file, now);
    if (next === undefined) {
      // A fragment that no longer mentions the method may just be a smaller edit; a whole file without it lost it.
      if (after === undefined) return;
      if (reversibleWithoutDown(file, now)) return;
      ctx.report({ target: rel, data: { how: 'Removes the rollback (down) method' } });
    } else if (next === '') ctx.report({ target: rel, data: { how: 'Empties the rollback (down) method' } });
  },
  tests: {
    pause: [
      {
        input: {
          kind: 'file', op: 'write', path: 'migrations/20240101_create_users.js',
          oldContent: "exports.up = function (knex) {\n  return knex.schema.createTable('users', (t) => t.increments());\n};\n\nexports.down = function (knex) {\n  return knex.schema.dropTable('users');\n};\n",
          newContent: "exports.up = function (knex) {\n  return knex.schema.createTable('users', (t) => t.increments());\n};\n",
        },
      },
      {
        input: {
          kind: 'file', op: 'edit', path: 'alembic/versions/abc_add_col.py',
          oldContent: 'def upgrade():\n    op.add_column("users", sa.Column("age", sa.Integer()))\n\n\ndef downgrade():\n    op.drop_column("users", "age")\n',
          oldText: '    op.drop_column("users", "age")', newContent: '    pass',
        },
      },
      {
        input: {
          kind: 'file', op: 'write', path: 'db/migrate/20240101000000_add_flag.rb',
          oldContent: 'class AddFlag < ActiveRecord::Migration[7.1]\n  def up\n    add_column :users, :flag, :boolean\n  end\n\n  def down\n    remove_column :users, :flag\n  end\nend\n',
          newContent: 'class AddFlag < ActiveRecord::Migration[7.1]\n  def up\n    add_column :users, :flag, :boolean\n  end\n\n  def down\n    raise ActiveRecord::IrreversibleMigration\n  end\nend\n',
        },
      },
      {
        input: {
          kind: 'file', op: 'edit', path: 'src/migrations/1700000000000-AddAge.ts',
          oldContent: 'export class AddAge1700000000000 implements MigrationInterface {\n  public async up(queryRunner: QueryRunner): Promise<void> {\n    await queryRunner.query(`ALTER TABLE "user" ADD "age" int`);\n  }\n\n  public async down(queryRunner: QueryRunner): Promise<void> {\n    await queryRunner.query(`ALTER TABLE "user" DROP COLUMN "age"`);\n  }\n}\n',
          oldText: '    await queryRunner.query(`ALTER TABLE "user" DROP COLUMN "age"`);\n', newContent: '',
        },
      },
      { input: { kind: 'file', op: 'delete', path: 'db/migrations/000002_add_index.down.sql', oldContent: 'DROP INDEX idx_users_email;\n' } },
      {
        input: {
          kind: 'file', op: 'write', path: 'database/migrations/2024_01_01_000000_add_votes.php',
          oldContent: "<?php\nreturn new class extends Migration {\n    public function up(): void\n    {\n        Schema::table('users', fn ($t) => $t->integer('votes'));\n    }\n\n    public function down(): void\n    {\n        Schema::table('users', fn ($t) => $t->dropColumn('votes'));\n    }\n};\n",
          newContent: "<?php\nreturn new class extends Migration {\n    public function up(): void\n    {\n        Schema::table('users', fn ($t) => $t->integer('votes'));\n    }\n\n    public function down(): void\n    {\n    }\n};\n",
        },
      },
    ],
    pass: [
      {
        input: {
          kind: 'file', op: 'write', path: 'db/migrate/20240101000000_add_flag.rb',
          oldContent: 'class AddFlag < ActiveRecord::Migration[7.1]\n  def up\n    add_column :users, :flag, :boolean\n  end\n\n  def down\n    remove_column :users, :flag\n  end\nend\n',
          newContent: 'class AddFlag < ActiveRecord::Migration[7.1]\n  def change\n    add_column :users, :flag, :boolean\n  end\nend\n',
        },
        note: 'up/down turned into a reversible change',
      },
      {
        input: {
          kind: 'file', op: 'edit', path: 'alembic/versions/abc_add_col.py',
          oldContent: 'def upgrade():\n    op.add_column("users", sa.Column("age", sa.Integer()))\n\n\ndef downgrade():\n    op.drop_column("users", "age")\n',
          oldText: 'sa.Integer()', newContent: 'sa.BigInteger()',
        },
      },
      { input: { kind: 'file', op: 'create', path: 'migrations/20240101_init.js', newContent: 'exports.up = () => {};\nexports.down = () => {};\n' }, note: 'a new migration: nothing to lose' },
      { input: { kind: 'file', op: 'delete', path: 'db/migrations/000003_tmp.down.sql', oldContent: '-- nothing\n' } },
      { input: { kind: 'file', op: 'edit', path: 'src/app.ts', oldContent: 'function down() { return 1; }\n', oldText: 'return 1;', newContent: '' }, note: 'not a migration' },
    ],
  },
});
