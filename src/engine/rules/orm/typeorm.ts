import { defineCommandRule } from '../../rule';
import { parseArgs } from '../db/_target';
import { ownEnv, reportOrm } from './_orm';

const VALUE = ['-d', '--dataSource', '--config', '-f', '-c', '--connection', '-n', '--name', '-o', '--outputJs', '--timestamp'];

export default defineCommandRule({
  meta: {
    id: 'orm/typeorm',
    commands: ['typeorm', 'typeorm-ts-node-commonjs', 'typeorm-ts-node-esm'],
    decision: 'block',
    severity: 'critical',
    description: 'TypeORM CLI commands that drop or rewrite the schema: `schema:drop`, `schema:sync` (drops columns the entities no longer have), `migration:revert` (pauses), and the SQL of `typeorm query`.',
    message: '{{what}} ({{target}})',
    safer: 'Generate a migration (`migration:generate`), review it, and run it with `migration:run`; `schema:log` shows what sync would do.',
  },
  check(cmd, ctx) {
    const p = parseArgs(cmd.args, VALUE);
    const [sub, sql] = p.positionals;
    if (sub === 'schema:drop') reportOrm(ctx, cmd, { what: '`typeorm schema:drop` drops every table', weight: 'destructive' });
    else if (sub === 'schema:sync') reportOrm(ctx, cmd, { what: '`typeorm schema:sync` rewrites the schema to match the entities, dropping columns and tables they no longer have', weight: 'destructive' });
    else if (sub === 'migration:revert') reportOrm(ctx, cmd, { what: '`typeorm migration:revert` undoes the last migration', weight: 'mild' });
    else if (sub === 'query' && sql) ctx.nested({ kind: 'sql', sql, env: ownEnv(cmd) });
  },
  tests: {
    pause: [
      'npx typeorm schema:drop -d src/data-source.ts',
      'npx typeorm-ts-node-commonjs schema:drop -d ./src/data-source.ts',
      'npx typeorm-ts-node-esm schema:sync -d src/data-source.ts',
      'npx typeorm schema:sync -d dist/data-source.prod.js',
      { input: 'npx typeorm migration:revert -d src/data-source.ts', decision: 'ask', env: { DATABASE_URL: 'postgres://localhost/app' } },
    ],
    pass: [
      'npx typeorm migration:run -d src/data-source.ts',
      'npx typeorm migration:show -d src/data-source.ts',
      'npx typeorm migration:generate src/migrations/AddUser -d src/data-source.ts',
      'npx typeorm schema:log -d src/data-source.ts',
      'NODE_ENV=test npx typeorm schema:drop -d src/data-source.ts',
      'npx typeorm query "SELECT 1"',
    ],
  },
});
