import { defineCommandRule } from '../../rule';
import type { Weight } from '../db/_target';
import { flag, parseArgs } from '../db/_target';
import { describeSteps, reportOrm, rollbackWeight, stepCount } from './_orm';

const VALUE = ['--database', '--env', '--path', '--step', '--batch', '--seeder', '--schema-path', '--class'];

const COMMANDS: Record<string, [string, Weight]> = {
  'migrate:fresh': ['drops every table and reruns every migration', 'destructive'],
  'migrate:refresh': ['rolls back every migration and runs them again', 'destructive'],
  'migrate:reset': ['rolls back every migration', 'destructive'],
  'db:wipe': ['drops every table, view and type', 'destructive'],
};

export default defineCommandRule({
  meta: {
    id: 'orm/laravel',
    commands: ['artisan', 'sail'],
    decision: 'block',
    severity: 'critical',
    description: 'Laravel artisan commands that wipe or unmigrate the database: `migrate:fresh`, `migrate:refresh`, `migrate:reset`, `db:wipe`, `migrate:rollback --step=N` (one step pauses), also through Laravel Sail (`sail artisan …`). `--force` is needed to run them when APP_ENV=production, so it counts as production; `--env=testing`, `--database=testing` and `--pretend` stay allowed.',
    message: '{{what}} ({{target}})',
    safer: 'Back up first (`php artisan db:dump` or `mysqldump`), and run it against the testing database (`--env=testing`).',
  },
  check(cmd, ctx) {
    // Laravel Sail runs artisan in the app's container: `sail artisan migrate:fresh`.
    const args = cmd.name === 'sail' ? (cmd.args[0] === 'artisan' || cmd.args[0] === 'art' ? cmd.args.slice(1) : []) : cmd.args;
    const p = parseArgs(args, VALUE);
    const sub = p.positionals[0];
    if (!sub || flag(p, '--pretend', '--help', '-h')) return;
    const force = flag(p, '--force') ? ['--force (needed only when APP_ENV=production)'] : [];
    const known = COMMANDS[sub];
    if (known) {
      reportOrm(ctx, cmd, { what: `\`artisan ${sub}\` ${known[0]}`, weight: known[1], production: force });
      return;
    }
    if (sub === 'migrate:rollback') {
      const steps = stepCount(args, '--step');
      reportOrm(ctx, cmd, { what: `\`artisan migrate:rollback\` undoes ${describeSteps(steps, 'batch')}`, weight: rollbackWeight(steps), production: force });
    }
  },
  tests: {
    pause: [
      'php artisan migrate:fresh',
      'php artisan migrate:fresh --seed',
      'php artisan migrate:refresh',
      'php artisan migrate:reset',
      'php artisan db:wipe',
      'php artisan migrate:fresh --force',
      'php artisan migrate:rollback --step=5',
      'APP_ENV=production php artisan migrate:refresh',
      'php artisan db:wipe --env=production',
      'docker compose exec app php artisan migrate:fresh --force',
      { input: 'DB_HOST=127.0.0.1 php artisan migrate:rollback', decision: 'ask' },
      { input: 'php artisan migrate:fresh --seed', env: { DATABASE_URL: 'mysql://root@127.0.0.1/shop' }, decision: 'ask' },
      './vendor/bin/sail artisan db:wipe',
      'sail artisan migrate:fresh --seed',
    ],
    pass: [
      'php artisan migrate',
      'php artisan migrate --pretend',
      'php artisan migrate:status',
      'php artisan db:show',
      'php artisan migrate:fresh --env=testing',
      'php artisan migrate:fresh --database=testing --seed',
      'php artisan make:migration create_orders_table',
      'php artisan db:seed',
      'php artisan migrate:fresh --pretend',
      'php artisan test',
      'sail artisan migrate',
      'sail up -d',
      'sail artisan migrate:fresh --env=testing',
    ],
  },
});
