import { defineCommandRule } from '../../rule';
import type { SimpleCommand } from '../../shell/types';
import type { Weight } from '../db/_target';
import { ownEnv, reportOrm } from './_orm';

interface Hit {
  what: string;
  weight: Weight;
  /** The tool whose configuration names the database this code uses (for the workspace default). */
  tool: string;
}

type Language = 'js' | 'python' | 'ruby' | 'php';

/** The code of `node -e`, `python -c`, `ruby -e`, `php -r`, `deno eval`, `artisan tinker --execute`, `rails runner`-like one-liners. */
function inlineCode(cmd: SimpleCommand): { code: string; lang: Language } | undefined {
  const a = cmd.args;
  const after = (...flags: string[]): string | undefined => {
    for (let i = 0; i < a.length; i++) {
      const x = a[i]!;
      if (flags.includes(x)) return a[i + 1];
      for (const f of flags) if (f.startsWith('--') && x.startsWith(`${f}=`)) return x.slice(f.length + 1);
    }
    return undefined;
  };
  switch (cmd.name) {
    case 'node':
    case 'bun':
    case 'tsx':
    case 'ts-node':
    case 'nodejs': {
      const code = after('-e', '--eval', '-p', '--print');
      return code === undefined ? undefined : { code, lang: 'js' };
    }
    case 'deno':
      return a[0] === 'eval' && a[1] ? { code: a.slice(1).filter((x) => !x.startsWith('-')).join(' '), lang: 'js' } : undefined;
    case 'python':
    case 'python3':
    case 'python2': {
      const code = after('-c');
      return code === undefined ? undefined : { code, lang: 'python' };
    }
    case 'ruby': {
      const code = after('-e');
      return code === undefined ? undefined : { code, lang: 'ruby' };
    }
    case 'php': {
      const code = after('-r');
      return code === undefined ? undefined : { code, lang: 'php' };
    }
    case 'artisan': {
      if (a[0] !== 'tinker') return undefined;
      const code = after('--execute');
      return code === undefined ? undefined : { code, lang: 'php' };
    }
    default:
      return undefined;
  }
}

const SQL_VERB = /^\s*(DROP|TRUNCATE|DELETE|UPDATE|ALTER|INSERT|CREATE|GRANT|REVOKE|REPLACE|MERGE|EXEC|CALL|DO|SELECT|WITH)\b/i;

/** SQL string literals passed to raw-SQL calls: `$executeRawUnsafe('…')`, `cursor.execute("…")`, `DB::statement('…')`. */
function rawSql(code: string): string[] {
  const out: string[] = [];
  const re = /(?:\$executeRawUnsafe|\$queryRawUnsafe|\$executeRaw|\.execute|\.executescript|\.exec|\.query|\.raw|::statement|::unprepared|::delete|::update|->exec|->query|\.run)\s*\(\s*(?:text\s*\(\s*)?(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|`([^`$]*)`)/g;
  for (const m of code.matchAll(re)) {
    const sql = m[1] ?? m[2] ?? m[3] ?? '';
    if (SQL_VERB.test(sql)) out.push(sql);
  }
  // Prisma's tagged template: $executeRaw`DROP TABLE x`
  for (const m of code.matchAll(/\$executeRaw\s*`([^`$]*)`/g)) if (SQL_VERB.test(m[1]!)) out.push(m[1]!);
  return out;
}

/** Offsets covered by string literals (`'…'`, `"…"`, backticks), so calls written inside a string are data. */
function stringRanges(code: string): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < code.length; i++) {
    const q = code[i]!;
    if (q !== '"' && q !== "'" && q !== '`') continue;
    let j = i + 1;
    while (j < code.length && code[j] !== q) j += code[j] === '\\' ? 2 : 1;
    out.push([i, j]);
    i = j;
  }
  return out;
}

/** ORM calls that delete or drop everything. */
function ormHits(code: string, lang: Language): Hit[] {
  const hits: Hit[] = [];
  const strings = stringRanges(code);
  const inString = (at: number): boolean => strings.some(([a, b]) => at > a && at < b);
  const add = (re: RegExp, what: (m: RegExpExecArray) => string, tool: string, weight: Weight = 'destructive'): void => {
    const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
    for (const m of code.matchAll(g)) {
      if (inString(m.index ?? 0)) continue;
      hits.push({ what: what(m as RegExpExecArray), weight, tool });
      return;
    }
  };
  if (lang === 'js') {
    add(/\.sync\s*\(\s*\{[^}]*\bforce\s*:\s*true/, () => '`sequelize.sync({ force: true })` drops and recreates every table', 'sequelize');
    add(/(?:\b(?:prisma|db|client|tx)|\))\s*\.\s*(\w+)\s*\.\s*deleteMany\s*\(\s*(?:\{\s*\}\s*)?\)/, (m) => `\`${m[1]}.deleteMany()\` deletes every row of ${m[1]}`, 'prisma');
    add(/\b([A-Z]\w*)\s*\.\s*deleteMany\s*\(\s*(?:\{\s*\}\s*)?\)/, (m) => `\`${m[1]}.deleteMany({})\` deletes every document of ${m[1]}`, 'generic');
    add(/\b([A-Z]\w*)\s*\.\s*destroy\s*\(\s*\{\s*(?:where\s*:\s*\{\s*\}|truncate\s*:\s*true)/, (m) => `\`${m[1]}.destroy()\` deletes every row of ${m[1]}`, 'sequelize');
    // knex('users').del(), db('users').truncate(), require('./knex')('users').del()
    add(/(?:\b(?:knex|db|trx)|\))\s*\(\s*['"`](\w+)['"`]\s*\)\s*\.\s*(del|delete|truncate)\s*\(\s*\)/, (m) => `\`knex('${m[1]}').${m[2]}()\` deletes every row of ${m[1]}`, 'knex');
    // Drizzle: db.delete(users) without .where(…) deletes every row.
    add(/\b(?:db|tx)\s*\.\s*delete\s*\(\s*(\w+)\s*\)(?!\s*\.\s*where\b)/, (m) => `\`db.delete(${m[1]})\` without \`.where()\` deletes every row of ${m[1]}`, 'drizzle-kit');
    add(/\bgetRepository\s*\(\s*(\w+)\s*\)\s*\.\s*clear\s*\(\s*\)/, (m) => `\`getRepository(${m[1]}).clear()\` truncates ${m[1]}`, 'typeorm');
    add(/\.dropDatabase\s*\(/, () => '`dropDatabase()` drops the whole database', 'generic');
    add(/\.(dropSchema|dropTable)\s*\(\s*['"`]?(\w*)/, (m) => `\`${m[1]}(${m[2] ?? ''})\` drops a ${m[1] === 'dropSchema' ? 'schema' : 'table'}`, 'generic');
    add(/\.synchronize\s*\(\s*true\s*\)/, () => '`dataSource.synchronize(true)` drops every table and recreates the schema', 'typeorm');
    add(/\.(flushall|flushAll|flushdb|flushDb)\s*\(/, (m) => `\`${m[1]}()\` deletes every Redis key`, 'generic');
  } else if (lang === 'python') {
    add(/\b([A-Z]\w*)\.objects\.(?:all\(\)\.)?delete\(\)/, (m) => `\`${m[1]}.objects.all().delete()\` deletes every row of ${m[1]}`, 'manage.py');
    add(/\.query\(\s*(\w+)\s*\)\.delete\(\)/, (m) => `\`session.query(${m[1]}).delete()\` deletes every row of ${m[1]}`, 'alembic');
    add(/\b(?:metadata\.drop_all|db\.drop_all)\s*\(/, () => '`drop_all()` drops every table', 'alembic');
    add(/\.drop_database\s*\(|\.drop_collection\s*\(/, () => 'drops a MongoDB database or collection', 'generic');
    add(/\.delete_many\s*\(\s*\{\s*\}\s*\)/, () => '`delete_many({})` deletes every document', 'generic');
    add(/\.(flushall|flushdb)\s*\(/, (m) => `\`${m[1]}()\` deletes every Redis key`, 'generic');
  } else if (lang === 'ruby') {
    add(/\b([A-Z][\w:]*)(?:\.(?:all|unscoped))?\.(delete_all|destroy_all)\b/, (m) => `\`${m[1]}.${m[2]}\` deletes every row of ${m[1]}`, 'rails');
  } else {
    add(/\b([A-Z]\w*)::truncate\s*\(\s*\)|DB::table\(\s*['"](\w+)['"]\s*\)->(?:truncate|delete)\(\s*\)/, (m) => `truncates ${m[1] ?? m[2]}`, 'artisan');
    add(/Schema::(drop|dropIfExists|dropAllTables)\s*\(\s*['"]?(\w*)/, (m) => `\`Schema::${m[1]}\` drops ${m[2] || 'every table'}`, 'artisan');
    add(/\b([A-Z]\w*)::query\(\)->delete\(\)/, (m) => `\`${m[1]}::query()->delete()\` deletes every row of ${m[1]}`, 'artisan');
  }
  return hits;
}

export default defineCommandRule({
  meta: {
    id: 'orm/inline-code',
    commands: ['node', 'nodejs', 'bun', 'tsx', 'ts-node', 'deno', 'python', 'python3', 'python2', 'ruby', 'php', 'artisan'],
    decision: 'block',
    severity: 'critical',
    description: 'One-liners (`node -e`, `python -c`, `ruby -e`, `php -r`, `artisan tinker --execute`) that call an ORM to delete or drop everything (`prisma.user.deleteMany()`, `sequelize.sync({ force: true })`, `Model.objects.all().delete()`, `User.delete_all`, `Schema::dropAllTables()`), and the SQL they pass to raw-SQL calls, which goes to the SQL rules. Filtered deletes stay allowed.',
    message: '{{what}} ({{target}})',
    safer: 'Filter the delete (`deleteMany({ where: { … } })`), or run it against a test database.',
  },
  check(cmd, ctx) {
    const found = inlineCode(cmd);
    if (!found) return;
    for (const sql of rawSql(found.code)) ctx.nested({ kind: 'sql', sql, env: ownEnv(cmd) });
    for (const hit of ormHits(found.code, found.lang)) {
      // Judge against the database the ORM would use: the workspace default of that tool.
      reportOrm(ctx, { ...cmd, name: hit.tool === 'generic' ? 'dbmate' : hit.tool }, { what: hit.what, weight: hit.weight });
    }
  },
  tests: {
    pause: [
      'node -e "const { PrismaClient } = require(\'@prisma/client\'); new PrismaClient().user.deleteMany().then(() => process.exit())"',
      'node -e "require(\'./models\').sequelize.sync({ force: true })"',
      'npx tsx -e "await prisma.order.deleteMany({})"',
      'python -c "from shop.models import Order; Order.objects.all().delete()"',
      'python3 -c "from app import db; db.drop_all()"',
      'ruby -e "require \'./config/environment\'; User.delete_all"',
      'php artisan tinker --execute="DB::table(\'users\')->truncate()"',
      'php -r "require \'vendor/autoload.php\'; Schema::dropAllTables();"',
      'node -e "require(\'redis\').createClient().connect().then(c => c.flushAll())"',
      { input: 'DATABASE_URL=postgres://localhost/shop node -e "prisma.user.deleteMany()"', decision: 'ask' },
      "npx tsx -e \"import { db } from './src/db'; import { users } from './src/schema'; await db.delete(users)\"",
      "node -e \"require('./knex')('users').del()\"",
      "node -e \"const db = require('./db'); db('orders').truncate().then(() => process.exit())\"",
      "npx ts-node -e \"AppDataSource.initialize().then(ds => ds.getRepository(User).clear())\"",
    ],
    pass: [
      'node -e "console.log(process.version)"',
      'node -e "prisma.user.deleteMany({ where: { email: { endsWith: \'@test.dev\' } } })"',
      'python -c "import sys; print(sys.path)"',
      'python3 -c "from shop.models import Order; Order.objects.filter(status=\'draft\').delete()"',
      'ruby -e "puts User.where(admin: true).count"',
      'node -e "prisma.user.findMany().then(console.log)"',
      'DATABASE_URL=postgres://localhost/shop_test node -e "prisma.user.deleteMany()"',
      'node scripts/seed.js',
      'node -e "console.log(\'db.dropDatabase()\')"',
      'python -c "print(\'User.objects.all().delete()\')"',
      "npx tsx -e \"await db.delete(users).where(eq(users.id, 42))\"",
      "node -e \"require('./knex')('users').where({ id: 7 }).del()\"",
      "node -e \"const m = new Map(); m.delete(key); m.clear()\"",
    ],
  },
});
