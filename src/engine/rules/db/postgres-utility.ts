import { defineCommandRule } from '../../rule';
import { envValue, flag, judge, kvTarget, opt, parseArgs, signalsFor } from './_target';
import type { Weight } from './_target';

const CONN = ['-h', '--host', '-p', '--port', '-U', '--username', '--maintenance-db'];

export default defineCommandRule({
  meta: {
    id: 'db/postgres-utility',
    commands: ['dropdb', 'dropuser', 'pg_restore', 'pg_dropcluster', 'pg_resetwal', 'pg_resetxlog', 'pg_ctl', 'pg_ctlcluster'],
    decision: 'block',
    severity: 'critical',
    description: 'PostgreSQL utilities that destroy a database or its files: dropdb, dropuser, pg_restore --clean (drops every object before restoring), pg_dropcluster, pg_resetwal, and pg_ctl stop -m immediate. Explicit test databases (`dropdb --if-exists myapp_test`) stay allowed.',
    message: '{{what}} ({{target}})',
    safer: 'Take a dump first (`pg_dump -Fc -f before.dump <db>`), or restore into a new database and switch over once it checks out.',
  },
  check(cmd, ctx) {
    const a = cmd.args;
    let what: string;
    let target: string;
    let weight: Weight = 'destructive';
    let conn: string | undefined;
    switch (cmd.name) {
      case 'dropdb':
      case 'dropuser': {
        const p = parseArgs(a, CONN);
        if (flag(p, '--help', '-?', '--version', '-V')) return;
        const name = p.positionals[0];
        if (name === undefined) return;
        const host = opt(p, '-h', '--host') ?? envValue(cmd, ctx, 'PGHOST');
        if (cmd.name === 'dropdb') {
          what = 'Deletes the whole database';
          target = name;
          conn = kvTarget({ host, dbname: name });
        } else {
          what = 'Deletes the database role, and with it every login that uses it';
          target = `role ${name}`;
          conn = kvTarget({ host });
        }
        break;
      }
      case 'pg_restore': {
        const p = parseArgs(a, ['-d', '--dbname', '-f', '--file', '-F', '--format', '-j', '--jobs', '-L', '--use-list', '-n', '--schema', '-N', '--exclude-schema', '-t', '--table', '-I', '--index', '-P', '--function', '-T', '--trigger', '-S', '--superuser', '--role', ...CONN]);
        if (flag(p, '-l', '--list', '--help', '--version')) return;
        const db = opt(p, '-d', '--dbname');
        if (db === undefined) return; // writes a script instead of touching a database
        if (!flag(p, '-c', '--clean')) return;
        what = 'Restores with --clean, which drops every object in the archive from the database before recreating it';
        target = db;
        conn = db.includes('://') || db.includes('=') ? db : kvTarget({ host: opt(p, '-h', '--host') ?? envValue(cmd, ctx, 'PGHOST'), dbname: db });
        break;
      }
      case 'pg_dropcluster': {
        const pos = a.filter((x) => !x.startsWith('-'));
        if (pos.length < 2) return;
        what = 'Deletes the whole PostgreSQL cluster and its data directory';
        target = `cluster ${pos[0]}/${pos[1]}`;
        break;
      }
      case 'pg_resetwal':
      case 'pg_resetxlog': {
        if (a.some((x) => x === '-n' || x === '--dry-run' || x === '--help' || x === '-V' || x === '--version')) return;
        what = 'Resets the write-ahead log, which can leave the database corrupt and loses recent transactions';
        target = a.filter((x) => !x.startsWith('-')).pop() ?? '$PGDATA';
        break;
      }
      case 'pg_ctl':
      case 'pg_ctlcluster': {
        const mode = opt(parseArgs(a, ['-m', '--mode', '-D', '--pgdata', '-o', '-l', '--log', '-t', '--timeout', '-w']), '-m', '--mode');
        if (!a.includes('stop') && !a.includes('restart')) return;
        if (!mode || !/^i(mmediate)?$/.test(mode)) return;
        what = 'Stops PostgreSQL immediately, without a checkpoint (crash recovery on the next start; connections dropped)';
        target = opt(parseArgs(a, ['-D', '--pgdata', '-m', '--mode']), '-D', '--pgdata') ?? 'the server';
        weight = 'mild';
        break;
      }
      default:
        return;
    }
    const signals = signalsFor(ctx, cmd, conn);
    const verdict = judge(signals, weight);
    if (!verdict.decision) return;
    ctx.report({ target, data: { what }, decision: verdict.decision, signals: verdict.signals });
  },
  tests: {
    pause: [
      'dropdb myapp',
      'dropdb -h db.prod.internal -U postgres myapp',
      'dropdb --if-exists myapp_production',
      { input: 'dropdb -h localhost myapp_development', decision: 'ask' },
      'PGHOST=10.0.0.8 dropdb app',
      'dropuser app_rw',
      'pg_restore --clean --if-exists -d myapp latest.dump',
      'pg_restore -c -d postgres://app@prod-db.internal/app backup.dump',
      { input: 'pg_restore -c -h localhost -d myapp_dev backup.dump', decision: 'ask' },
      'pg_dropcluster 16 main --stop',
      'pg_resetwal -f /var/lib/postgresql/16/main',
      { input: 'pg_ctl stop -D /usr/local/var/postgres -m immediate', decision: 'ask' },
      'sudo -u postgres dropdb app',
      'ssh db1 "dropdb app"',
    ],
    pass: [
      'dropdb --if-exists myapp_test',
      'dropdb myapp_test',
      'dropdb -h localhost app_ci',
      'pg_restore -l latest.dump',
      'pg_restore -f out.sql latest.dump',
      'pg_restore -d myapp_test --clean backup.dump',
      'pg_restore -d myapp latest.dump',
      'pg_ctl stop -D /usr/local/var/postgres',
      'pg_ctl status',
      'pg_resetwal -n /var/lib/postgresql/16/main',
      'dropdb --help',
      'pg_dump -Fc -h db.prod.internal myapp > prod.dump',
      'createdb myapp_development',
    ],
  },
});
