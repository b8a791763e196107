import { defineSqlRule } from '../../rule';
import type { Token } from '../../sql/lexer';
import { isWord, readName } from '../../sql/shape';
import { isScratchTable, reportRisk } from '../../sql/risk';

/** Bounded string types below this length are taken as a narrowing when the old type is not in sight. */
const SHORT = 255;
const BOUNDED = /^(?:character varying|char varying|national character varying|varchar2?|nvarchar2?|character|char|nchar|varbinary|binary|bit varying|varbit)\s*\(\s*(\d+)/i;
const SMALL_INT = /^(tinyint|smallint|int2|mediumint|int1)\b/i;
/** A USING expression that cuts values down on purpose (`left(bio, 50)`, `bio::varchar(50)`). */
const TRUNCATING_USING = /\bUSING\b[\s\S]*(\b(left|substring|substr|trunc|truncate)\s*\(|::\s*(varchar|character varying|char|nvarchar)\s*\(\s*\d+|\bCAST\s*\([\s\S]*\bAS\s+(varchar|character varying|char)\s*\(\s*\d+)/i;

/** Words that follow `ALTER [COLUMN] c` without giving a new type. */
const NOT_A_TYPE = new Set(['SET', 'DROP', 'ADD', 'RESET', 'RESTART', 'TYPE', 'OPTIONS', 'COLLATE']);

interface Change {
  column: string;
  /** The action's text from the new type on. */
  type: string;
}

function text(tk: readonly Token[], from: number, to: number): string {
  return tk.slice(from, to).map((t) => t.raw).join(' ').replace(/\s*\(\s*/g, '(').replace(/\s*\)/g, ')').replace(/\s*,\s*/g, ', ');
}

/** Column type changes: `ALTER [COLUMN] c [SET DATA] TYPE t`, T-SQL `ALTER COLUMN c t`, MySQL `MODIFY [COLUMN] c t` and `CHANGE [COLUMN] a b t`. */
function changes(tk: readonly Token[]): Change[] {
  const out: Change[] = [];
  const depth = tk[0]!.depth;
  const starts: number[] = [];
  const tableName = readName(tk, tk.findIndex((t, k) => k > 1 && !isWord(t, 'TABLE', 'IF', 'EXISTS', 'ONLY')));
  if (tableName) starts.push(tableName.next);
  tk.forEach((t, k) => {
    if (t.raw === ',' && t.depth === depth) starts.push(k + 1);
  });
  starts.forEach((s, n) => {
    const end = n + 1 < starts.length ? starts[n + 1]! - 1 : tk.length;
    let j = s + 1;
    if (isWord(tk[s], 'ALTER', 'MODIFY', 'CHANGE')) {
      if (isWord(tk[j], 'COLUMN')) j++;
    } else return;
    const col = readName(tk, j);
    if (!col) return;
    j = col.next;
    if (isWord(tk[s], 'CHANGE')) {
      const renamed = readName(tk, j);
      if (!renamed) return;
      j = renamed.next;
    }
    if (isWord(tk[s], 'ALTER')) {
      if (isWord(tk[j], 'SET') && isWord(tk[j + 1], 'DATA') && isWord(tk[j + 2], 'TYPE')) j += 3;
      else if (isWord(tk[j], 'TYPE')) j++;
      else if (!tk[j] || tk[j]!.type !== 'word' || NOT_A_TYPE.has(tk[j]!.up)) return;
    }
    if (j < end) out.push({ column: col.name, type: text(tk, j, end) });
  });
  return out;
}

/** Why the new type loses values, or undefined when it does not look narrower. */
function narrowing(type: string): string | undefined {
  if (TRUNCATING_USING.test(type)) return 'its USING expression cuts the values down';
  const bounded = BOUNDED.exec(type);
  if (bounded && Number(bounded[1]) < SHORT) return `values longer than ${bounded[1]} characters are cut off or make it fail`;
  if (SMALL_INT.test(type)) return 'larger numbers are cut off or make it fail';
  return undefined;
}

export default defineSqlRule({
  meta: {
    id: 'sql/narrow-column',
    decision: 'ask',
    severity: 'medium',
    description:
      'ALTER TABLE changes a column to a narrower type (`ALTER COLUMN … TYPE varchar(50)`, MySQL `MODIFY … VARCHAR(50)`, a cast to ' +
      '`smallint`/`tinyint`, a USING that truncates): longer values are cut off, or the migration fails half-way. Columns the same ' +
      'script creates are exempt; widening and types of 255 characters or more stay quiet.',
    message: 'ALTER TABLE {{table}} narrows column {{target}} to {{type}}: {{why}}',
    safer: 'Check the longest stored value first (SELECT max(length(col))), keep a copy of the column, or widen instead of narrowing.',
  },
  check(stmt, ctx) {
    if (stmt.verb !== 'ALTER TABLE') return;
    const table = stmt.objects[0] ?? '?';
    if (isScratchTable(stmt, table)) return;
    const base = table.split('.').pop()!.toLowerCase();
    for (const c of changes(stmt.tokens)) {
      const key = c.column.split('.').pop()!.replace(/[`"[\]]/g, '').toLowerCase();
      if (stmt.columnsEarlier.has(`${base}.${key}`)) continue; // added by the same script: it holds no old data
      const why = narrowing(c.type);
      if (!why) continue;
      const type = c.type.replace(/\s+USING\b[\s\S]*$/i, '').split(/\s+(?:NOT\s+NULL|NULL|DEFAULT|COLLATE|CHARACTER\s+SET)\b/i)[0]!;
      reportRisk(stmt, ctx, 'ask', { target: c.column, data: { table, type, why }, message: 'ALTER TABLE {{table}} narrows column {{target}} to {{type}}: {{why}}' });
    }
  },
  tests: {
    pause: [
      'ALTER TABLE users ALTER COLUMN bio TYPE varchar(50)',
      'ALTER TABLE "User" ALTER COLUMN "bio" SET DATA TYPE VARCHAR(50);',
      'ALTER TABLE users ALTER COLUMN bio TYPE text USING left(bio, 100)',
      'ALTER TABLE orders ALTER COLUMN quantity TYPE smallint',
      { input: { kind: 'sql', sql: 'ALTER TABLE users MODIFY COLUMN bio VARCHAR(50)', dialect: 'mysql' } },
      { input: { kind: 'sql', sql: 'ALTER TABLE users MODIFY bio VARCHAR(50) NOT NULL', dialect: 'mysql' } },
      { input: { kind: 'sql', sql: 'ALTER TABLE users CHANGE COLUMN bio about VARCHAR(40)', dialect: 'mysql' } },
      { input: { kind: 'sql', sql: 'ALTER TABLE orders MODIFY COLUMN quantity TINYINT', dialect: 'mysql' } },
      { input: { kind: 'sql', sql: 'ALTER TABLE dbo.Users ALTER COLUMN Bio NVARCHAR(50) NOT NULL', dialect: 'mssql' } },
      { input: { kind: 'sql', sql: 'ALTER TABLE users ALTER COLUMN bio TYPE varchar(50)', target: 'postgres://app@db.prod.internal/app' }, decision: 'block' },
    ],
    pass: [
      'ALTER TABLE users ALTER COLUMN bio TYPE text',
      'ALTER TABLE users ALTER COLUMN id TYPE bigint',
      'ALTER TABLE users ALTER COLUMN name TYPE varchar(255)',
      'ALTER TABLE users ALTER COLUMN name SET DEFAULT \'anon\'',
      'ALTER TABLE users ALTER COLUMN name SET NOT NULL',
      'ALTER TABLE users ALTER COLUMN name DROP NOT NULL',
      'ALTER TABLE users ALTER COLUMN age TYPE integer USING age::integer',
      { input: { kind: 'sql', sql: 'ALTER TABLE users MODIFY COLUMN bio TEXT', dialect: 'mysql' } },
      { input: { kind: 'sql', sql: 'ALTER TABLE users MODIFY COLUMN email VARCHAR(320) NOT NULL', dialect: 'mysql' } },
      'ALTER TABLE users ADD COLUMN code varchar(10)',
      'ALTER TABLE users ADD COLUMN code varchar(20); ALTER TABLE users ALTER COLUMN code TYPE varchar(10);',
      'CREATE TABLE t (code varchar(20)); ALTER TABLE t ALTER COLUMN code TYPE varchar(10);',
      'ALTER TABLE tmp_import ALTER COLUMN code TYPE varchar(10)',
      { input: { kind: 'sql', sql: 'ALTER TABLE users ALTER COLUMN bio TYPE varchar(50)', target: 'postgres://localhost/app_test' } },
    ],
  },
});
