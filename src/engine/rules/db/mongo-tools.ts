import { defineCommandRule } from '../../rule';
import { flag, judge, kvTarget, opt, parseArgs, signalsFor } from './_target';

const VALUE = [
  '--uri', '--host', '-h', '--port', '-u', '--username', '-p', '--password', '--authenticationDatabase', '--authenticationMechanism',
  '-d', '--db', '-c', '--collection', '--nsInclude', '--nsExclude', '--nsFrom', '--nsTo', '--archive', '--dir', '--file', '--type',
  '--fields', '--fieldFile', '--mode', '--upsertFields', '-j', '--numParallelCollections', '--numInsertionWorkersPerCollection',
  '--writeConcern', '--readPreference', '--sslCAFile', '--sslPEMKeyFile', '--tlsCAFile', '--tlsCertificateKeyFile', '--config',
];

export default defineCommandRule({
  meta: {
    id: 'db/mongo-tools',
    commands: ['mongorestore', 'mongoimport'],
    decision: 'block',
    severity: 'critical',
    description: '`mongorestore --drop` and `mongoimport --drop` drop each target collection before loading; `mongoimport --mode=delete` deletes every document that matches the import.',
    message: '{{what}} ({{target}})',
    safer: 'Restore into a new database (`--nsFrom "app.*" --nsTo "app_restore.*"`) and compare, or take a `mongodump` first.',
  },
  check(cmd, ctx) {
    const p = parseArgs(cmd.args, VALUE);
    if (flag(p, '--help', '--version', '--dryRun')) return;
    const drop = flag(p, '--drop');
    const mode = opt(p, '--mode');
    if (!drop && mode !== 'delete') return;
    const uri = opt(p, '--uri') ?? p.positionals.find((x) => x.includes('://'));
    const host = opt(p, '--host', '-h');
    const db = opt(p, '-d', '--db') ?? opt(p, '--nsInclude')?.split('.')[0];
    const target = uri ?? kvTarget({ host, dbname: db });
    const coll = opt(p, '-c', '--collection') ?? opt(p, '--nsInclude');
    const what = mode === 'delete'
      ? 'Deletes every document that matches a document in the import'
      : cmd.name === 'mongorestore' ? 'Drops every collection it restores before loading the dump' : 'Drops the collection before importing';
    const verdict = judge(signalsFor(ctx, cmd, target));
    if (!verdict.decision) return;
    ctx.report({ target: coll ?? db ?? uri ?? 'the default database', data: { what }, decision: verdict.decision, signals: verdict.signals });
  },
  tests: {
    pause: [
      'mongorestore --drop dump/',
      'mongorestore --uri "mongodb+srv://admin:pw@cluster0.x1.mongodb.net" --drop --archive=prod.gz --gzip',
      'mongoimport --db shop --collection products --drop --file products.json',
      'mongoimport -d shop -c users --mode=delete --file stale-users.json',
      { input: 'mongorestore --host localhost --drop -d app_dev dump/app', decision: 'ask' },
    ],
    pass: [
      'mongorestore dump/',
      'mongorestore --drop -d app_test dump/app',
      'mongodump --uri "mongodb+srv://cluster0.x1.mongodb.net/shop" --out dump/',
      'mongoimport --db shop --collection products --file products.json',
      'mongoimport -d shop -c users --mode=upsert --file users.json',
      'mongorestore --drop --dryRun dump/',
      'mongoexport --db shop --collection users --out users.json',
    ],
  },
});
