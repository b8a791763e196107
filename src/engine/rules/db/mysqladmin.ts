import { defineCommandRule } from '../../rule';
import { envValue, flag, judge, kvTarget, opt, parseArgs, signalsFor } from './_target';

const VALUE = ['-h', '--host', '-P', '--port', '-u', '--user', '-S', '--socket', '--defaults-file', '--defaults-extra-file', '--login-path', '-c', '--count', '-i', '--sleep', '--ssl-mode', '--protocol', '--connect-timeout', '--shutdown-timeout', '--character-sets-dir', '--default-character-set', '--plugin-dir', '--default-auth'];

export default defineCommandRule({
  meta: {
    id: 'db/mysqladmin',
    commands: ['mysqladmin', 'mariadb-admin'],
    decision: 'block',
    severity: 'critical',
    description: '`mysqladmin drop <db>` deletes a whole MySQL/MariaDB database (`-f` skips its confirmation); `mysqladmin shutdown` stops the server.',
    message: '{{what}} ({{target}})',
    safer: 'Dump the database first (`mysqldump --single-transaction <db> > before.sql`).',
  },
  check(cmd, ctx) {
    const p = parseArgs(cmd.args, VALUE, ['-p']);
    if (flag(p, '--help', '-?', '--version', '-V')) return;
    const host = opt(p, '-h', '--host') ?? envValue(cmd, ctx, 'MYSQL_HOST');
    const words = p.positionals.map((w) => w.toLowerCase());
    const drop = words.indexOf('drop');
    if (drop !== -1 && p.positionals[drop + 1] !== undefined) {
      const db = p.positionals[drop + 1]!;
      const verdict = judge(signalsFor(ctx, cmd, kvTarget({ host, dbname: db })));
      if (!verdict.decision) return;
      const signals = flag(p, '-f', '--force') ? [...verdict.signals, '-f skips mysqladmin\'s own confirmation'] : verdict.signals;
      ctx.report({ target: db, data: { what: 'Deletes the whole database' }, decision: verdict.decision, signals });
      return;
    }
    if (words.includes('shutdown')) {
      const verdict = judge(signalsFor(ctx, cmd, kvTarget({ host })), 'mild');
      if (!verdict.decision) return;
      ctx.report({ target: host ?? 'the server', data: { what: 'Stops the database server' }, decision: verdict.decision, severity: 'medium', signals: verdict.signals });
    }
  },
  tests: {
    pause: [
      'mysqladmin drop myapp',
      'mysqladmin -f drop myapp',
      'mysqladmin -u root -p -h db.prod.internal drop shop',
      { input: 'mysqladmin -h 127.0.0.1 -u root drop shop_dev', decision: 'ask' },
      { input: 'mysqladmin -u root shutdown', decision: 'ask' },
      'mariadb-admin --force drop app',
    ],
    pass: [
      'mysqladmin drop myapp_test',
      'mysqladmin -u root status',
      'mysqladmin ping',
      'mysqladmin create myapp',
      'mysqladmin -u root processlist',
      'mysqladmin --version',
    ],
  },
});
