import { defineCommandRule } from '../../rule';
import { flag, judge, kvTarget, opt, parseArgs, signalsFor } from './_target';
import { readScript, stdinSql } from './_sql';

const VALUE = [
  '--host', '--port', '-u', '--username', '-p', '--password', '--authenticationDatabase', '--authenticationMechanism', '--eval', '-f', '--file',
  '--tlsCAFile', '--tlsCertificateKeyFile', '--tlsCertificateKeyFilePassword', '--apiVersion', '--gssapiServiceName', '--keyVaultNamespace',
  '--kmsURL', '--awsAccessKeyId', '--awsSecretAccessKey', '--awsSessionToken', '--sslCAFile', '--sslPEMKeyFile', '--sslPEMKeyPassword',
];

export interface MongoHit {
  what: string;
  /** The database the operation runs in, when the script names it (`use x`, `getSiblingDB('x')`). */
  db?: string;
  weight: 'destructive' | 'mild';
}

// A collection by name, or computed (`db[c.name]`, `getCollection(c)` in a loop over every collection).
const COLL = String.raw`(?:db\s*\.\s*([A-Za-z_$][\w$]*)|db\s*\[\s*(?:["'\x60]([^"'\x60]+)["'\x60]|[^\]"'\x60]+)\s*\]|getCollection\s*\(\s*(?:["'\x60]([^"'\x60]+)["'\x60]|[^)"'\x60]+)\s*\))`;
// No filter at all, `{}`, or one every document matches (`{ _id: { $exists: true } }`, keys quoted or not).
const EMPTY_FILTER = String.raw`\(\s*(?:\)|\{\s*\}\s*[,)]|\{\s*["']?_id["']?\s*:\s*\{\s*["']?\$(?:exists["']?\s*:\s*(?:true|1)|ne["']?\s*:\s*null)\s*\}\s*\}\s*[,)])`;

/** Strips `//` and `/* *\/` comments outside strings, roughly. */
function stripComments(js: string): string {
  return js.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:"'\\])\/\/.*$/gm, '$1');
}

/** Reads mongosh JavaScript for operations that drop or empty data. */
export function mongoHits(js: string): MongoHit[] {
  const code = stripComments(js);
  const hits: MongoHit[] = [];
  // The database in effect at a point of the script: the last `use x` before it.
  const uses = [...code.matchAll(/(?:^|[;\n])\s*use\s+([A-Za-z0-9_\-]+)/g)].map((m) => ({ at: m.index ?? 0, db: m[1]! }));
  const dbAt = (at: number, text: string): string | undefined => {
    const sibling = /getSiblingDB\s*\(\s*["'\x60]([^"'\x60]+)["'\x60]\s*\)/.exec(text);
    if (sibling) return sibling[1];
    let db: string | undefined;
    for (const u of uses) if (u.at <= at) db = u.db;
    return db;
  };
  const add = (re: RegExp, describe: (m: RegExpMatchArray) => string, weight: MongoHit['weight'] = 'destructive'): void => {
    for (const m of code.matchAll(re)) {
      const start = Math.max(0, code.lastIndexOf('\n', m.index ?? 0));
      hits.push({ what: describe(m), db: dbAt(m.index ?? 0, code.slice(start, (m.index ?? 0) + m[0].length)), weight });
    }
  };
  const coll = (m: RegExpMatchArray): string => m[1] ?? m[2] ?? m[3] ?? '(a computed name)';
  add(/\bdropDatabase\s*\(/g, () => 'drops the whole database');
  add(/runCommand\s*\(\s*\{\s*["']?dropDatabase["']?\s*:/g, () => 'drops the whole database');
  add(new RegExp(`${COLL}\\s*\\.\\s*drop\\s*\\(`, 'g'), (m) => `drops collection ${coll(m)}`);
  add(/runCommand\s*\(\s*\{\s*["']?drop["']?\s*:\s*["'`]([^"'`]+)/g, (m) => `drops collection ${m[1]}`);
  add(new RegExp(`${COLL}\\s*\\.\\s*deleteMany\\s*${EMPTY_FILTER}`, 'g'), (m) => `deletes every document in ${coll(m)}`);
  add(new RegExp(`${COLL}\\s*\\.\\s*remove\\s*${EMPTY_FILTER}`, 'g'), (m) => `deletes every document in ${coll(m)}`);
  add(new RegExp(`${COLL}\\s*\\.\\s*updateMany\\s*\\(\\s*\\{\\s*\\}\\s*,`, 'g'), (m) => `updates every document in ${coll(m)}`);
  add(new RegExp(`${COLL}\\s*\\.\\s*(?:replaceMany|findAndModify)\\s*\\(\\s*\\{\\s*(?:query\\s*:\\s*\\{\\s*\\}\\s*,\\s*)?remove\\s*:\\s*true`, 'g'), (m) => `deletes documents in ${coll(m)}`);
  add(/deleteMany\s*:\s*\{\s*filter\s*:\s*\{\s*\}/g, () => 'deletes every document (bulkWrite deleteMany with an empty filter)');
  add(/\bdropAll(Users|Roles)\s*\(/g, (m) => `removes every ${m[1]!.toLowerCase().replace(/s$/, '')} of the database`);
  add(/\bdrop(User|Role)\s*\(\s*["'`]([^"'`]+)/g, (m) => `removes ${m[1]!.toLowerCase()} ${m[2]}`, 'mild');
  add(new RegExp(`${COLL}\\s*\\.\\s*renameCollection\\s*\\([^)]*,\\s*true\\s*\\)`, 'g'), (m) => `renames ${coll(m)} over an existing collection (dropTarget)`, 'mild');
  add(/adminCommand\s*\(\s*\{\s*["']?shutdown["']?\s*:/g, () => 'shuts the server down', 'mild');
  add(/\bdb\s*\.\s*shutdownServer\s*\(/g, () => 'shuts the server down', 'mild');
  return hits;
}

function mongoTarget(address: string | undefined, host: string | undefined, port: string | undefined): string | undefined {
  if (address?.includes('://')) return address;
  let db: string | undefined;
  let h = host;
  if (address) {
    if (address.includes('/')) {
      h = address.slice(0, address.indexOf('/'));
      db = address.slice(address.indexOf('/') + 1);
    } else if (/[:.]/.test(address) || address === 'localhost') h = address;
    else db = address;
  }
  if (h?.includes('://')) return h;
  return kvTarget({ host: h?.replace(/:\d+$/, ''), port, dbname: db });
}

/** The target with its database replaced (`use x` in the script). */
function withDb(target: string | undefined, db: string): string {
  if (target?.includes('://')) return target.replace(/^([a-z+]+:\/\/[^/?]*)(\/[^?]*)?/i, `$1/${db}`);
  return [target?.replace(/\s*dbname=\S+/, ''), `dbname=${db}`].filter(Boolean).join(' ');
}

export default defineCommandRule({
  meta: {
    id: 'db/mongo-shell',
    commands: ['mongosh', 'mongo'],
    decision: 'block',
    severity: 'critical',
    description: 'MongoDB shell scripts (`--eval`, script files, heredocs) that drop a database or collection, or delete or update every document (`deleteMany({})`, `remove({})`, `updateMany({}, …)`). Filtered deletes and reads stay allowed.',
    message: 'The MongoDB script {{what}} ({{target}})',
    safer: 'Filter the operation (`deleteMany({ status: "expired" })`), count first with `countDocuments(filter)`, and take a `mongodump` before dropping anything.',
  },
  check(cmd, ctx) {
    const p = parseArgs(cmd.args, VALUE);
    if (flag(p, '--help', '-h', '--version')) return;
    const cwd = cmd.cwd ?? ctx.cwd;
    const first = p.positionals[0];
    const address = first !== undefined && !/\.js$/.test(first) ? first : undefined;
    const target = mongoTarget(address, opt(p, '--host'), opt(p, '--port'));
    const scripts: string[] = [...(p.options.get('--eval') ?? [])];
    const unknown: string[] = [];
    const files = [...(p.options.get('-f') ?? []), ...(p.options.get('--file') ?? []), ...p.positionals.filter((x) => /\.js$/.test(x))];
    for (const f of files) {
      const r = readScript(ctx.reader, f, cwd, ctx.home);
      if (r.ok) scripts.push(r.text);
      else unknown.push(`it runs ${f}, and ${r.reason}`);
    }
    if (scripts.length === 0 && unknown.length === 0) {
      const s = stdinSql(cmd, ctx.home, ctx.reader);
      if (s.kind === 'sql') scripts.push(s.sql.text);
      else if (s.kind === 'unknown') unknown.push(s.reason.replace('SQL', 'a script'));
    }
    const hits = scripts.flatMap(mongoHits);
    for (const hit of hits) {
      const dbTarget = hit.db === undefined ? target : withDb(target, hit.db);
      const verdict = judge(signalsFor(ctx, cmd, dbTarget), hit.weight);
      if (!verdict.decision) continue;
      ctx.report({ target: hit.db ?? address ?? 'the default database', data: { what: hit.what }, decision: verdict.decision, signals: verdict.signals });
    }
    if (hits.length === 0 && unknown.length) {
      const verdict = judge(signalsFor(ctx, cmd, target), 'mild');
      if (!verdict.decision) return;
      ctx.report({ target: address ?? 'the default database', data: { what: `cannot be checked: ${unknown.join('; ')}` }, decision: verdict.decision, severity: 'high', signals: verdict.signals });
    }
  },
  tests: {
    pause: [
      'mongosh --eval "db.dropDatabase()"',
      'mongosh "mongodb+srv://admin:pw@cluster0.ab1cd.mongodb.net/shop" --eval "db.dropDatabase()"',
      'mongosh shop --eval "db.users.drop()"',
      "mongosh --quiet --eval 'db.getCollection(\"orders\").drop()'",
      "mongosh app --eval 'db.sessions.deleteMany({})'",
      "mongosh app --eval 'db.sessions.deleteMany({ })'",
      "mongo app --eval 'db.users.remove({})'",
      "mongosh --host db.prod.internal app --eval 'db.users.updateMany({}, { $set: { role: \"admin\" } })'",
      "mongosh --eval \"db.getSiblingDB('billing').dropDatabase()\"",
      'mongosh <<EOF\nuse analytics\ndb.dropDatabase()\nEOF',
      "echo 'db.events.deleteMany({})' | mongosh app",
      { input: "mongosh mongodb://localhost:27017/app_dev --eval 'db.carts.deleteMany({})'", decision: 'ask' },
      "mongosh app --eval 'db.users.deleteMany({ _id: { $exists: true } })'",
      "mongosh app --eval 'db.runCommand({ dropDatabase: 1 })'",
      { input: 'mongosh app scripts/cleanup.js', files: { 'scripts/cleanup.js': 'db.sessions.deleteMany({})\n' } },
      { input: 'mongosh app --file scripts/missing.js', decision: 'ask', note: 'a script that is not there to read' },
      "mongosh shop --eval 'db.users.deleteMany({ \"_id\": { \"$exists\": true } })'",
      'mongosh shop --eval "db.getCollectionInfos().forEach(c => db[c.name].drop())"',
      'mongosh shop --eval "db.getCollectionNames().forEach(function (c) { db.getCollection(c).deleteMany({}) })"',
      { input: "docker exec -it mongo mongosh app --eval 'db.dropAllUsers()'", decision: 'ask', note: 'a container on this machine' },
    ],
    pass: [
      "mongosh app --eval 'db.users.find({ email: \"a@b.c\" })'",
      "mongosh app --eval 'db.sessions.deleteMany({ expiresAt: { $lt: new Date() } })'",
      "mongosh app --eval 'db.users.deleteOne({ _id: ObjectId(\"64b7\") })'",
      "mongosh app --eval 'db.users.countDocuments({})'",
      "mongosh mongodb://localhost/app_test --eval 'db.dropDatabase()'",
      "mongosh --eval 'use app_test; db.dropDatabase()'",
      'mongosh --version',
      "mongosh app --eval 'db.orders.updateMany({ status: \"pending\" }, { $set: { status: \"cancelled\" } })'",
      "mongosh app --eval 'db.products.find().limit(5)'",
      'mongosh shop --eval "db.getCollectionNames().forEach(c => printjson(db[c].stats()))"',
      'mongosh shop --eval "db.getCollectionNames().forEach(c => db.getCollection(c).deleteMany({ tenant: \'old\' }))"',
      "mongosh app --eval 'db.users.deleteMany({ \"_id\": { \"$in\": [1, 2] } })'",
      'mongosh',
      { input: 'mongosh app scripts/report.js', files: { 'scripts/report.js': 'printjson(db.orders.countDocuments({ status: "open" }))\n' } },
    ],
  },
});
