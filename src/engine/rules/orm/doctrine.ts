import { defineCommandRule } from '../../rule';
import type { Weight } from '../db/_target';
import { flag, parseArgs } from '../db/_target';
import { reportOrm } from './_orm';

const VALUE = ['--env', '-e', '--connection', '--em', '--group', '--configuration', '--db', '--db-configuration'];

export default defineCommandRule({
  meta: {
    id: 'orm/doctrine',
    commands: ['php', 'console'],
    decision: 'block',
    severity: 'critical',
    description: 'Doctrine (Symfony `bin/console`) commands that drop or purge the database: `doctrine:database:drop --force`, `doctrine:schema:drop --force`, `doctrine:fixtures:load` without `--append` (purges every table), `doctrine:migrations:migrate first`; `doctrine:schema:update --force` pauses.',
    message: '{{what}} ({{target}})',
    safer: 'Review the SQL with `--dump-sql`, use migrations, and run destructive commands with `--env=test`.',
  },
  check(cmd, ctx) {
    let args = cmd.args;
    if (cmd.name === 'php') {
      if (!/(^|\/)console$/.test(args[0] ?? '')) return;
      args = args.slice(1);
    }
    const p = parseArgs(args, VALUE);
    const sub = p.positionals[0] ?? '';
    const force = flag(p, '--force', '-f');
    let hit: { what: string; weight: Weight } | undefined;
    if (/^(doctrine:database:drop|d:d:d)$/.test(sub) && force) hit = { what: '`doctrine:database:drop --force` drops the database', weight: 'destructive' };
    else if (/^(doctrine:schema:drop|d:s:d)$/.test(sub) && force) hit = { what: '`doctrine:schema:drop --force` drops every table', weight: 'destructive' };
    else if (/^(doctrine:fixtures:load|d:f:l)$/.test(sub) && !flag(p, '--append')) hit = { what: '`doctrine:fixtures:load` purges every table before loading fixtures', weight: 'destructive' };
    else if (/^(doctrine:migrations:migrate|d:m:m)$/.test(sub) && (p.positionals[1] === 'first' || p.positionals[1] === 'prev')) {
      hit = { what: `\`doctrine:migrations:migrate ${p.positionals[1]}\` reverts ${p.positionals[1] === 'first' ? 'every migration' : 'the last migration'}`, weight: p.positionals[1] === 'first' ? 'destructive' : 'mild' };
    } else if (/^(doctrine:schema:update|d:s:u)$/.test(sub) && force) hit = { what: '`doctrine:schema:update --force` applies the diff, dropped columns included, without a migration', weight: 'mild' };
    if (hit) reportOrm(ctx, cmd, hit);
  },
  tests: {
    pause: [
      'php bin/console doctrine:database:drop --force',
      'bin/console doctrine:schema:drop --force --full-database',
      'php bin/console doctrine:fixtures:load --no-interaction',
      'php bin/console doctrine:migrations:migrate first --no-interaction',
      'APP_ENV=prod php bin/console doctrine:schema:update --force',
    ],
    pass: [
      'php bin/console doctrine:migrations:migrate --no-interaction',
      'php bin/console doctrine:schema:update --dump-sql',
      'php bin/console doctrine:fixtures:load --append',
      'php bin/console doctrine:database:drop --force --env=test',
      'php bin/console cache:clear',
      'php bin/console doctrine:database:create',
    ],
  },
});
