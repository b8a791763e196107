import { defineCommandRule } from '../../rule';
import { stdinSql } from '../db/_sql';
import { parseArgs } from '../db/_target';
import { ownEnv, reportOrm } from './_orm';

const VALUE = ['--settings', '--pythonpath', '--database', '-v', '--verbosity', '--format', '--indent', '-o', '--output', '-c', '--command', '-i', '--interface', '-e', '--exclude', '--app'];

/** Django ORM one-liners (`manage.py shell -c`) that delete every row. */
function pythonHit(code: string): string | undefined {
  const m = /\b([A-Z]\w*)\.objects\.(?:all\(\)\.)?delete\(\)/.exec(code);
  return m ? `\`${m[1]}.objects.all().delete()\` deletes every row of ${m[1]}` : undefined;
}

export default defineCommandRule({
  meta: {
    id: 'orm/django',
    commands: ['manage.py', 'django-admin'],
    decision: 'block',
    severity: 'critical',
    description: 'Django management commands that empty or unmigrate the database: `flush` (every row of every table), `migrate <app> zero` (drops the app\'s tables), `reset_db` (django-extensions), `sqlflush | dbshell`, SQL piped into `dbshell`, and `shell -c` code (or code fed to `shell` on standard input) that deletes every row. `sqlflush` alone only prints SQL; `--settings=…test` stays allowed.',
    message: '{{what}} ({{target}})',
    safer: 'Back up first (`manage.py dumpdata > backup.json`), and run destructive commands with test settings (`--settings=project.settings.test`).',
  },
  check(cmd, ctx) {
    const p = parseArgs(cmd.args, VALUE);
    const [sub, ...rest] = p.positionals;
    switch (sub) {
      case 'flush':
        reportOrm(ctx, cmd, { what: '`flush` deletes every row of every table', weight: 'destructive' });
        return;
      case 'reset_db':
        reportOrm(ctx, cmd, { what: '`reset_db` drops and recreates the database', weight: 'destructive' });
        return;
      case 'migrate':
        if (rest.length >= 2 && rest[1] === 'zero') reportOrm(ctx, cmd, { what: `\`migrate ${rest[0]} zero\` unapplies every migration of ${rest[0]}, dropping its tables`, weight: 'destructive' });
        return;
      case 'dbshell': {
        const s = stdinSql(cmd, ctx.home, ctx.reader);
        const dash = cmd.args.indexOf('--');
        const inline = dash !== -1 ? cmd.args.slice(dash + 1) : [];
        const c = inline.findIndex((a) => a === '-c' || a === '-e' || a === '--command' || a === '--execute');
        if (s.kind === 'destructive') reportOrm(ctx, cmd, { what: `\`dbshell\` runs SQL that empties the database: ${s.reason}`, weight: 'destructive' });
        else if (s.kind === 'sql') ctx.nested({ kind: 'sql', sql: s.sql.text, env: ownEnv(cmd) });
        else if (c !== -1 && inline[c + 1]) ctx.nested({ kind: 'sql', sql: inline[c + 1]!, env: ownEnv(cmd) });
        else if (s.kind === 'unknown') reportOrm(ctx, cmd, { what: `\`dbshell\` runs SQL that cannot be checked: ${s.reason}`, weight: 'mild' });
        return;
      }
      case 'shell': {
        const s = stdinSql(cmd, ctx.home, ctx.reader);
        const code = p.options.get('-c')?.[0] ?? p.options.get('--command')?.[0] ?? (s.kind === 'sql' ? s.sql.text : undefined);
        const hit = code ? pythonHit(code) : undefined;
        if (hit) reportOrm(ctx, cmd, { what: hit, weight: 'destructive' });
        return;
      }
      default:
    }
  },
  tests: {
    pause: [
      'python manage.py flush',
      'python manage.py flush --noinput',
      'python3 manage.py migrate billing zero',
      './manage.py reset_db --noinput',
      'python manage.py sqlflush | python manage.py dbshell',
      'django-admin flush --settings=shop.settings.production --noinput',
      'DJANGO_SETTINGS_MODULE=shop.settings.prod python manage.py flush --no-input',
      { input: 'DATABASE_URL=postgres://localhost/shop_dev python manage.py flush --noinput', decision: 'ask' },
      { input: 'gunzip -c dump.sql.gz | python manage.py dbshell', decision: 'ask' },
      'python manage.py shell -c "from shop.models import Order; Order.objects.all().delete()"',
      'uv run manage.py flush --noinput',
      'python manage.py shell <<< "from shop.models import Order; Order.objects.all().delete()"',
      'echo "User.objects.all().delete()" | ./manage.py shell',
      { input: 'python manage.py dbshell < scripts/purge.sql', files: { 'scripts/purge.sql': 'TRUNCATE shop_order;\n' }, foundBy: 'sql/truncate' },
      { input: 'python manage.py shell < scripts/cleanup.py', files: { 'scripts/cleanup.py': 'from shop.models import Order\nOrder.objects.all().delete()\n' } },
    ],
    pass: [
      'python manage.py migrate',
      'python manage.py showmigrations',
      'python manage.py sqlflush',
      'python manage.py makemigrations',
      'python manage.py flush --noinput --settings=shop.settings.test',
      'DJANGO_SETTINGS_MODULE=shop.settings.test python manage.py flush --noinput',
      'python manage.py migrate billing 0003',
      'python manage.py runserver',
      'python manage.py test',
      'python manage.py shell -c "from shop.models import Order; print(Order.objects.count())"',
      'python manage.py shell -c "Order.objects.filter(status=\'draft\').delete()"',
      'python manage.py dumpdata > backup.json',
      'python manage.py loaddata fixtures/users.json',
      'python manage.py collectstatic --noinput',
      'python manage.py shell <<< "from shop.models import Order; print(Order.objects.count())"',
      { input: 'python manage.py dbshell < scripts/report.sql', files: { 'scripts/report.sql': 'SELECT count(*) FROM shop_order;\n' } },
      { input: 'python manage.py shell < scripts/stats.py', files: { 'scripts/stats.py': 'from shop.models import Order\nprint(Order.objects.filter(status="open").count())\n' } },
    ],
  },
});
