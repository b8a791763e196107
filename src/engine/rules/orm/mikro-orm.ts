import { defineCommandRule } from '../../rule';
import { flag, parseArgs } from '../db/_target';
import { reportOrm } from './_orm';

const VALUE = ['--config', '--contextName', '--context', '--to', '--from', '--only', '--schema', '--seed', '--path', '--name'];

export default defineCommandRule({
  meta: {
    id: 'orm/mikro-orm',
    commands: ['mikro-orm', 'mikro-orm-esm'],
    decision: 'block',
    severity: 'critical',
    description: 'MikroORM commands that drop or rebuild the schema: `schema:drop --run`, `schema:fresh --run`, `migration:fresh`, `schema:update --run` without `--safe` (can drop columns); `migration:down` pauses. Without `--run` the schema commands only print SQL.',
    message: '{{what}} ({{target}})',
    safer: 'Print the SQL first (`--dump`), review it, and use migrations (`migration:create`, `migration:up`).',
  },
  check(cmd, ctx) {
    const p = parseArgs(cmd.args, VALUE);
    const sub = p.positionals[0];
    const run = flag(p, '--run', '-r');
    if (sub === 'schema:drop' && run) reportOrm(ctx, cmd, { what: '`mikro-orm schema:drop --run` drops every table', weight: 'destructive' });
    else if (sub === 'schema:fresh' && run) reportOrm(ctx, cmd, { what: '`mikro-orm schema:fresh --run` drops and recreates the schema', weight: 'destructive' });
    else if (sub === 'migration:fresh') reportOrm(ctx, cmd, { what: '`mikro-orm migration:fresh` drops the schema and reruns every migration', weight: 'destructive' });
    else if (sub === 'schema:update' && run && !flag(p, '--safe')) reportOrm(ctx, cmd, { what: '`mikro-orm schema:update --run` can drop columns and tables the entities no longer have', weight: 'mild' });
    else if (sub === 'migration:down') reportOrm(ctx, cmd, { what: '`mikro-orm migration:down` reverts migrations', weight: flag(p, '--to') ? 'destructive' : 'mild' });
  },
  tests: {
    pause: [
      'npx mikro-orm schema:drop --run',
      'npx mikro-orm schema:fresh --run --seed',
      'npx mikro-orm migration:fresh',
      'NODE_ENV=production npx mikro-orm schema:update --run',
      { input: 'npx mikro-orm migration:down', decision: 'ask', env: { DATABASE_URL: 'postgres://localhost/app' } },
    ],
    pass: [
      'npx mikro-orm schema:drop --dump',
      'npx mikro-orm schema:update --run --safe',
      'npx mikro-orm migration:up',
      'npx mikro-orm migration:create',
      'npx mikro-orm debug',
      'NODE_ENV=test npx mikro-orm schema:fresh --run',
    ],
  },
});
