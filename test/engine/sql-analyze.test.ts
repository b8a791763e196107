/**
 * The SQL analyser: statement splitting, the keyword scanner standing in for the parser where it fails or misreads
 * (parser-notes P1–P14), tautology folding, dialect names and the fallback chain, and "unknown is never allow".
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { analyzeSql } from '../../src/engine/sql/analyze';
import { splitSql } from '../../src/engine/sql/split';
import { dialectChain, normaliseDialect, parseStatement } from '../../src/engine/sql/parser';
import { isTautologyText } from '../../src/engine/sql/where';
import { evaluate } from '../../src/engine/evaluate';

const verbs = (sql: string, dialect?: string): string[] => analyzeSql(sql, dialect).statements.map((s) => s.verb);
const decide = (sql: string, dialect?: string) => evaluate({ kind: 'sql', sql, dialect }, { env: {} }).decision;

describe('splitter', () => {
  it('splits on ; outside strings, identifiers, comments and $$ bodies', () => {
    const pieces = splitSql(`SELECT 'a;b', "x;y"; -- c;d\nSELECT $$ e;f $$; /* g; /* h; */ i; */ SELECT $t$ ; $t$;`, 'postgresql');
    assert.deepEqual(pieces.map((p) => p.text), [`SELECT 'a;b', "x;y"`, 'SELECT $$ e;f $$', 'SELECT $t$ ; $t$']);
  });

  it("honours '' and, in MySQL, backslash escapes inside strings", () => {
    assert.equal(splitSql(`SELECT 'it''s; fine'; SELECT 2`).length, 2);
    assert.equal(splitSql(`SELECT 'a\\'; DROP TABLE x; --'; SELECT 2`, 'mysql').length, 2);
    assert.equal(splitSql(`SELECT E'a\\'; b'; SELECT 2`, 'postgresql').length, 2);
  });

  it('reports the line and column of each statement', () => {
    const pieces = splitSql('SELECT 1;\n  -- note\n  DROP TABLE users;\n\n    DELETE FROM t');
    assert.deepEqual(pieces.map((p) => [p.line, p.column]), [[1, 1], [3, 3], [5, 5]]);
    const a = analyzeSql('SELECT 1;\n  /* x */ TRUNCATE t;');
    assert.deepEqual([a.statements[1]!.line, a.statements[1]!.column], [2, 11]);
  });

  it('understands DELIMITER, GO lines and BEGIN…END routine bodies', () => {
    assert.deepEqual(verbs('DELIMITER //\nCREATE PROCEDURE p() BEGIN DELETE FROM t; END//\nDELIMITER ;\nSELECT 1;', 'mysql'), ['CREATE PROCEDURE', 'SELECT']);
    assert.deepEqual(verbs('DROP TABLE users\nGO\nSELECT 1\nGO', 'mssql'), ['DROP TABLE', 'SELECT']);
    assert.deepEqual(verbs('CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE b SET n = n + 1; END; SELECT 1;', 'sqlite'), ['CREATE TRIGGER', 'SELECT']);
  });

  it('keeps # comments for MySQL and reads #name as a T-SQL temp table', () => {
    assert.deepEqual(verbs('# c\nDROP TABLE users', 'mysql'), ['DROP TABLE']);
    assert.deepEqual(analyzeSql('DROP TABLE #tmp').statements[0]!.objects, ['#tmp']);
  });

  it("lexes MySQL's executable /*! … */ comments as code, and ordinary comments not at all", () => {
    assert.deepEqual(verbs('/*!50000 DROP TABLE users */;', 'mysql'), ['DROP TABLE']);
    assert.deepEqual(verbs('/* DROP TABLE users */ SELECT 1; -- TRUNCATE t'), ['SELECT']);
  });

  it('treats psql and sqlite client commands as one-line statements', () => {
    const a = analyzeSql('\\dt\nSELECT 1;\n.tables\n\\c shop_production\nINSERT INTO t VALUES (1);');
    assert.deepEqual(a.statements.map((s) => s.verb), ['SELECT', 'INSERT']);
    assert.equal(a.statements[1]!.database, 'shop_production');
    assert.deepEqual(a.unknowns, []);
  });

  it('reads sqlite backups and copies (.backup, .save, .clone) as harmless', () => {
    assert.deepEqual(analyzeSql('.backup backup.db\n.save copy.db\n.clone other.db').unknowns, []);
  });
});

describe('keyword scanner where the parser fails or misreads', () => {
  it('P1: transactsql returns shapeless ASTs; the scanner reads the statement instead', () => {
    const s = analyzeSql('DROP SCHEMA public CASCADE', 'mssql').statements[0]!;
    assert.equal(s.verb, 'DROP SCHEMA');
    assert.deepEqual(s.objects, ['public']);
    assert.ok(s.options.includes('cascade'));
    assert.equal(decide('DELETE users', 'mssql'), 'block');
    assert.equal(decide('DROP OWNED BY bob', 'transactsql'), 'block');
  });

  it('P2: statements the postgresql grammar rejects are still read', () => {
    for (const [sql, verb] of [
      ['DROP DATABASE prod', 'DROP DATABASE'], ['DROP SEQUENCE s', 'DROP SEQUENCE'], ['DROP MATERIALIZED VIEW m', 'DROP MATERIALIZED VIEW'],
      ['DROP ROLE r', 'DROP ROLE'], ['DROP FUNCTION f(int)', 'DROP FUNCTION'], ['DELETE FROM a USING b WHERE a.id = b.id', 'DELETE'],
    ] as const) {
      assert.deepEqual(verbs(sql, 'postgresql'), [verb], sql);
    }
    assert.deepEqual(verbs('WITH d AS (DELETE FROM users RETURNING id) SELECT count(*) FROM d', 'postgresql'), ['DELETE', 'SELECT']);
  });

  it('P3/P4: a dialect that cannot parse falls back to postgresql, then mysql', () => {
    const s = analyzeSql('DELETE FROM users WHERE 1=1', 'snowflake').statements[0]!;
    assert.equal(s.rows?.scope, 'tautology');
    assert.equal(decide('DROP TABLE IF EXISTS users', 'bigquery'), 'block');
    assert.equal(decide('DROP TABLE users CASCADE', 'mysql'), 'block');
  });

  it('P6: names come out the same whatever the AST shape', () => {
    assert.deepEqual(analyzeSql('DROP DATABASE `shop`', 'mysql').statements[0]!.objects, ['shop']);
    assert.deepEqual(analyzeSql('DROP TABLE IF EXISTS a, "B" CASCADE', 'postgresql').statements[0]!.objects, ['a', 'B']);
    assert.deepEqual(analyzeSql('DROP TABLE [dbo].[Users]', 'mssql').statements[0]!.objects, ['dbo.Users']);
  });

  it('P7/P8: GO-terminated scripts are split, and GO is never a table alias', () => {
    const a = analyzeSql('DELETE FROM users;\nGO\nDROP TABLE orders\nGO', 'mssql');
    assert.deepEqual(a.statements.map((s) => [s.verb, s.objects[0]]), [['DELETE', 'users'], ['DROP TABLE', 'orders']]);
  });

  it('P10: a JOIN condition restricts a DELETE without WHERE; a CROSS JOIN does not', () => {
    assert.equal(analyzeSql('DELETE u FROM users u JOIN bans b ON b.user_id = u.id', 'mysql').statements[0]!.rows?.scope, 'restricted');
    assert.equal(analyzeSql('DELETE u FROM users u CROSS JOIN bans b', 'mysql').statements[0]!.rows?.scope, 'all');
    assert.equal(analyzeSql('UPDATE t SET a = 1 FROM x JOIN y ON x.id = y.id').statements[0]!.rows?.scope, 'all');
  });

  it('P11: dynamic SQL in DO bodies, EXECUTE, PREPARE, EXEC and sp_MSforeachtable is followed', () => {
    const nested = (sql: string, dialect?: string) => analyzeSql(sql, dialect).statements.filter((s) => s.via).map((s) => `${s.via}: ${s.verb}`);
    assert.deepEqual(nested("DO $$ BEGIN EXECUTE 'DROP TABLE ' || quote_ident(t); END $$"), ['DO block: EXECUTE', 'EXECUTE: DROP TABLE']);
    assert.deepEqual(nested("DO $$ DECLARE q text := 'TRUNCATE users'; BEGIN EXECUTE q; END $$"), ['DO block: EXECUTE', 'EXECUTE: TRUNCATE']);
    assert.deepEqual(nested("EXEC sp_MSforeachtable @command1 = 'DELETE FROM ?'", 'mssql'), ['sp_MSforeachtable: DELETE']);
    assert.deepEqual(nested("DECLARE @s nvarchar(max) = N'DROP TABLE ' + @t; EXEC(@s);", 'mssql'), ['EXEC: DROP TABLE']);
    assert.deepEqual(nested("SET @s = CONCAT('DROP TABLE ', @t); PREPARE st FROM @s;", 'mysql'), ['PREPARE: DROP TABLE']);
    assert.deepEqual(nested("EXECUTE IMMEDIATE 'TRUNCATE TABLE raw.events'", 'snowflake'), ['EXECUTE IMMEDIATE: TRUNCATE']);
    assert.deepEqual(nested('EXPLAIN ANALYZE DELETE FROM t WHERE id = 1'), ['EXPLAIN ANALYZE: DELETE']);
    assert.deepEqual(nested('EXPLAIN DELETE FROM t'), []);
  });

  it('P13: dialect aliases are normalised, unknown ones fall back without throwing', () => {
    assert.equal(normaliseDialect('postgres'), 'postgresql');
    assert.equal(normaliseDialect('PG'), 'postgresql');
    assert.equal(normaliseDialect('MSSQL'), 'transactsql');
    assert.equal(normaliseDialect('sql server'), 'transactsql');
    assert.equal(normaliseDialect('planetscale'), 'mysql');
    assert.equal(normaliseDialect('turso'), 'sqlite');
    assert.equal(normaliseDialect('oracle'), undefined);
    assert.equal(decide('DROP TABLE users', 'oracle'), 'block');
    assert.equal(decide('SELECT 1 FROM dual', 'oracle'), 'allow');
  });

  it('P14: the parser is consulted only for statements that change data or schema', () => {
    assert.equal(analyzeSql('SELECT * FROM users WHERE id = 1').statements[0]!.ast, undefined);
    assert.ok(analyzeSql('DELETE FROM users WHERE id = 1').statements[0]!.ast);
  });
});

describe('dialect fallback chain', () => {
  it('tries the target dialect first, then postgresql, then mysql', () => {
    assert.deepEqual(dialectChain('snowflake'), ['snowflake', 'postgresql', 'mysql']);
    assert.deepEqual(dialectChain(undefined), ['postgresql', 'mysql']);
    assert.deepEqual(dialectChain('mysql'), ['mysql', 'postgresql']);
  });

  it('accepts the first reading of the expected type and rejects shapeless ones', () => {
    assert.equal(parseStatement('DELETE FROM users', ['snowflake', 'postgresql'], 'delete')?.dialect, 'postgresql');
    assert.equal(parseStatement('DELETE FROM users WHERE id = ?', ['postgresql', 'mysql'], 'delete')?.dialect, 'mysql');
    assert.equal(parseStatement('DROP SCHEMA public CASCADE', ['transactsql'], 'drop'), undefined);
    assert.equal(parseStatement('not sql at all', ['postgresql', 'mysql']), undefined);
  });
});

describe('tautology folding (P5)', () => {
  const scope = (where: string) => analyzeSql(`DELETE FROM t WHERE ${where}`).statements[0]!.rows?.scope;
  for (const w of ['1=1', 'true', 'TRUE', '1', "'a'='a'", 'id = id', 't.id = t.id', "name = 'x' OR 1=1", 'NOT false', '2>1', '(1 = 1)', 'id IS NOT NULL', '1 <> 0', "'x' LIKE '%'", '1=1 OR id = 3', 'NOT (1 = 0)', "email LIKE '%'", "u.name ILIKE '%%'", '1 IN (1)', '1 IN (3, 2, 1)', '5 NOT IN (1, 2)']) {
    it(`WHERE ${w} is every row`, () => assert.equal(scope(w), 'tautology'));
  }
  for (const w of ['1=1 AND id = 7', 'id = 7', 'true AND tenant_id = $1', "created_at < now() - interval '30 days'", 'id = id2', 'deleted_at IS NOT NULL', '1=0 OR id = 3', 'false', "email LIKE '%@example.com'", '1 IN (2, 3)', 'id IN (1)', '1 NOT IN (1)']) {
    it(`WHERE ${w} is restricted`, () => assert.equal(scope(w), 'restricted'));
  }
  it('falls back to a text check when no grammar parses the WHERE clause', () => {
    assert.equal(isTautologyText('(1=1)'), true);
    assert.equal(isTautologyText("x @@@ 'y' OR 1 = 1"), true);
    assert.equal(isTautologyText("x @@@ 'y' AND 1 = 1"), false);
    assert.equal(isTautologyText("x @@@ 'y' OR email LIKE '%'"), true);
    assert.equal(isTautologyText("email LIKE '%@x.dev'"), false);
  });
});

describe('script state', () => {
  it('tracks safety switches being turned off and on again', () => {
    const a = analyzeSql('SET FOREIGN_KEY_CHECKS=0; DELETE FROM a WHERE id=1; SET FOREIGN_KEY_CHECKS=1; DELETE FROM b WHERE id=1;', 'mysql');
    assert.deepEqual(a.statements.filter((s) => s.verb === 'DELETE').map((s) => s.switchesOff.length), [1, 0]);
  });

  it('remembers tables created earlier in the same text, and no later ones', () => {
    const a = analyzeSql('DROP TABLE x; CREATE TABLE x (id int); DROP TABLE x;');
    assert.deepEqual(a.statements.map((s) => s.createdEarlier.has('x')), [false, false, true]);
  });
});

describe('unknown is never allow', () => {
  for (const sql of ['FROB the database', 'SELECT 1; FROB x', '\\i drop_everything.sql', '.read wipe.sql', 'source /tmp/x.sql', '\\! rm -rf /', '42']) {
    it(`asks on ${JSON.stringify(sql)}`, () => {
      const a = analyzeSql(sql, sql.startsWith('source') ? 'mysql' : undefined);
      assert.ok(a.unknowns.length > 0, 'no unknown reported');
      assert.notEqual(decide(sql, sql.startsWith('source') ? 'mysql' : undefined), 'allow');
    });
  }
  it('allows empty and comment-only input', () => {
    assert.equal(decide(''), 'allow');
    assert.equal(decide('-- nothing here\n/* or here */'), 'allow');
  });
});

describe('loading cost', () => {
  it('does not load node-sql-parser for statements that need no parse', () => {
    const root = path.join(__dirname, '../..');
    const script = [
      "const { analyzeSql } = require('./src/engine/sql/analyze');",
      "analyzeSql('SELECT * FROM users WHERE id = 1; INSERT INTO t VALUES (1); SET x = 1;');",
      "const loaded = Object.keys(require.cache).filter((k) => k.includes('node-sql-parser'));",
      "analyzeSql('DELETE FROM users');",
      "const after = Object.keys(require.cache).filter((k) => k.includes('node-sql-parser'));",
      'process.stdout.write(JSON.stringify([loaded.length, after.length]));',
    ].join('\n');
    const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const [before, after] = JSON.parse(r.stdout) as [number, number];
    assert.equal(before, 0);
    assert.ok(after > 0);
  });
});
