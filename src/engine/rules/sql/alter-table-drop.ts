import { defineSqlRule } from '../../rule';
import type { Decision } from '../../types';
import type { Token } from '../../sql/lexer';
import { isWord, readName } from '../../sql/shape';
import { isScratchTable, reportRisk } from '../../sql/risk';

interface Action {
  what: string;
  name: string;
  base: Decision;
}

/** Things an ALTER TABLE loses: columns and partitions (data), constraints (integrity), names (the app's queries). */
function actions(tk: readonly Token[]): Action[] {
  const out: Action[] = [];
  const depth = tk[0]!.depth;
  // Each comma-separated action starts right after ALTER TABLE <name> or a top-level comma.
  const starts: number[] = [];
  const tableName = readName(tk, tk.findIndex((t, k) => k > 1 && !isWord(t, 'TABLE', 'IF', 'EXISTS', 'ONLY')));
  if (tableName) starts.push(tableName.next);
  tk.forEach((t, k) => {
    if (t.raw === ',' && t.depth === depth) starts.push(k + 1);
  });
  for (const s of starts) {
    const a = tk[s];
    const b = tk[s + 1];
    if (isWord(a, 'DROP')) {
      let j = s + 1;
      let what = 'column';
      let base: Decision = 'block';
      if (isWord(b, 'COLUMN')) j++;
      else if (isWord(b, 'CONSTRAINT', 'CHECK')) {
        what = 'constraint';
        base = 'ask';
        j++;
      } else if (isWord(b, 'PRIMARY', 'FOREIGN')) {
        what = b!.up === 'PRIMARY' ? 'primary key' : 'foreign key';
        base = 'ask';
        j += 2;
      } else if (isWord(b, 'PARTITION', 'SUBPARTITION')) {
        what = 'partition';
        j++;
      } else if (isWord(b, 'INDEX', 'KEY', 'DEFAULT', 'PERIOD', 'SYSTEM', 'EXPRESSION', 'IDENTITY', 'NOT')) continue;
      if (isWord(tk[j], 'IF') && isWord(tk[j + 1], 'EXISTS')) j += 2;
      out.push({ what, name: readName(tk, j)?.name ?? '', base });
    } else if (isWord(a, 'TRUNCATE') && isWord(b, 'PARTITION')) {
      out.push({ what: 'partition data', name: readName(tk, s + 2)?.name ?? '', base: 'block' });
    } else if (isWord(a, 'RENAME')) {
      if (isWord(b, 'TO', 'AS')) out.push({ what: 'table name', name: readName(tk, s + 2)?.name ?? '', base: 'ask' });
      else if (isWord(b, 'COLUMN') || (b && !isWord(b, 'CONSTRAINT', 'INDEX', 'KEY'))) {
        out.push({ what: 'column name', name: readName(tk, isWord(b, 'COLUMN') ? s + 2 : s + 1)?.name ?? '', base: 'ask' });
      }
    }
  }
  return out;
}

export default defineSqlRule({
  meta: {
    id: 'sql/alter-table-drop',
    decision: 'block',
    severity: 'high',
    description: 'ALTER TABLE … DROP COLUMN (MySQL: DROP c) and DROP/TRUNCATE PARTITION delete data; dropping constraints and renaming tables or columns (ALTER TABLE … RENAME, MySQL RENAME TABLE) breaks integrity or the running app.',
    message: 'ALTER TABLE {{table}} drops {{what}} {{target}}',
    safer: 'Deploy code that stops using it first, copy the column aside, and drop it in a later, reviewed migration.',
  },
  check(stmt, ctx) {
    if (stmt.verb === 'RENAME TABLE') {
      // MySQL `RENAME TABLE a TO b[, c TO d]`: the same break for the app as ALTER TABLE … RENAME TO.
      const table = stmt.objects[0] ?? '?';
      if (isScratchTable(stmt, table)) return;
      reportRisk(stmt, ctx, 'ask', { target: table, data: { table, what: 'table name' }, message: 'RENAME TABLE renames {{table}}: queries that use the old name fail' });
      return;
    }
    if (stmt.verb !== 'ALTER TABLE') return;
    const table = stmt.objects[0] ?? '?';
    if (isScratchTable(stmt, table)) return;
    for (const a of actions(stmt.tokens)) {
      const key = a.name.split('.').pop()!.toLowerCase();
      if (a.what === 'constraint' && stmt.constraintsAdded.has(key)) continue;
      if (a.what === 'column' && stmt.columnsEarlier.has(`${table.split('.').pop()!.toLowerCase()}.${key}`)) continue; // a rollback of its own ADD
      const verb = a.what.endsWith('name') ? 'renames' : a.what === 'partition data' ? 'empties' : 'drops';
      reportRisk(stmt, ctx, a.base, { target: a.name || '?', data: { table, what: a.what }, message: `ALTER TABLE {{table}} ${verb} {{what}} {{target}}` });
    }
  },
  tests: {
    pause: [
      'ALTER TABLE users DROP COLUMN email',
      'ALTER TABLE users DROP COLUMN IF EXISTS email CASCADE',
      'alter table public.users drop column "legacyId";',
      'ALTER TABLE users ADD COLUMN age int, DROP COLUMN email',
      { input: { kind: 'sql', sql: 'ALTER TABLE users DROP email', dialect: 'mysql' }, note: 'MySQL allows DROP without COLUMN' },
      { input: { kind: 'sql', sql: 'ALTER TABLE `users` DROP COLUMN `email`, DROP COLUMN `phone`', dialect: 'mysql' } },
      { input: { kind: 'sql', sql: 'ALTER TABLE users DROP COLUMN email', dialect: 'sqlite' } },
      { input: { kind: 'sql', sql: 'ALTER TABLE dbo.Users DROP COLUMN Email', dialect: 'mssql' } },
      { input: { kind: 'sql', sql: 'ALTER TABLE events DROP PARTITION p2023', dialect: 'mysql' } },
      { input: { kind: 'sql', sql: 'ALTER TABLE events TRUNCATE PARTITION p2023', dialect: 'mysql' } },
      { input: 'ALTER TABLE orders DROP CONSTRAINT orders_user_id_fkey', decision: 'ask' },
      { input: { kind: 'sql', sql: 'ALTER TABLE orders DROP FOREIGN KEY fk_user', dialect: 'mysql' }, decision: 'ask' },
      { input: { kind: 'sql', sql: 'ALTER TABLE orders DROP PRIMARY KEY', dialect: 'mysql' }, decision: 'ask' },
      { input: 'ALTER TABLE users RENAME TO customers', decision: 'ask' },
      { input: 'ALTER TABLE users RENAME COLUMN email TO email_address', decision: 'ask' },
      { input: { kind: 'sql', sql: 'ALTER TABLE users DROP COLUMN email', target: 'postgres://127.0.0.1/shop' }, decision: 'ask' },
      { input: { kind: 'sql', sql: 'ALTER TABLE orders DROP CONSTRAINT pk', target: 'postgres://x@orders.prod.example.com/orders' }, decision: 'block' },
      { input: { kind: 'sql', sql: 'RENAME TABLE users TO users_old', dialect: 'mysql' }, decision: 'ask' },
    ],
    pass: [
      'ALTER TABLE users ADD COLUMN age integer',
      'ALTER TABLE users ADD COLUMN IF NOT EXISTS age integer DEFAULT 0',
      'ALTER TABLE users ALTER COLUMN name SET DEFAULT \'anon\'',
      'ALTER TABLE users ALTER COLUMN name DROP DEFAULT',
      'ALTER TABLE users ALTER COLUMN name DROP NOT NULL',
      { input: { kind: 'sql', sql: 'ALTER TABLE users ADD INDEX idx_email (email)', dialect: 'mysql' } },
      { input: { kind: 'sql', sql: 'ALTER TABLE users DROP INDEX idx_email', dialect: 'mysql' } },
      'ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email)',
      'ALTER TABLE "Post" DROP CONSTRAINT "Post_authorId_fkey";\nALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE CASCADE;',
      'ALTER TABLE tmp_users DROP COLUMN email',
      'CREATE TABLE t2 (a int, b int); ALTER TABLE t2 DROP COLUMN b;',
      'ALTER TABLE users ADD COLUMN nickname text; ALTER TABLE users DROP COLUMN nickname;',
      { input: { kind: 'sql', sql: 'ALTER TABLE users DROP COLUMN email', target: 'postgres://localhost/app_test' } },
      { input: { kind: 'sql', sql: 'RENAME TABLE tmp_import TO tmp_import_old', dialect: 'mysql' } },
    ],
  },
});
