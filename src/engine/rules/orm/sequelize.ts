import { defineCommandRule } from '../../rule';
import type { Weight } from '../db/_target';
import { opt, parseArgs } from '../db/_target';
import { reportOrm } from './_orm';

const VALUE = ['--env', '--url', '--config', '--options-path', '--migrations-path', '--seeders-path', '--models-path', '--to', '--from', '--name', '--seed', '--debug'];

const TASKS: Record<string, [string, Weight]> = {
  'db:drop': ['drops the database', 'destructive'],
  'db:migrate:undo:all': ['undoes every migration', 'destructive'],
  'db:seed:undo:all': ['deletes every seeded row', 'destructive'],
  'db:migrate:undo': ['undoes the last migration', 'mild'],
  'db:seed:undo': ['deletes the rows of a seed', 'mild'],
};

export default defineCommandRule({
  meta: {
    id: 'orm/sequelize',
    commands: ['sequelize', 'sequelize-cli'],
    decision: 'block',
    severity: 'critical',
    description: 'sequelize-cli commands that drop the database or undo every migration or seed: `db:drop`, `db:migrate:undo:all`, `db:seed:undo:all` (one-step undos pause).',
    message: '{{what}} ({{target}})',
    safer: 'Undo one migration at a time (`db:migrate:undo`) after a backup, or run it with `--env test`.',
  },
  check(cmd, ctx) {
    const p = parseArgs(cmd.args, VALUE);
    const sub = p.positionals[0];
    const hit = sub ? TASKS[sub] : undefined;
    if (hit) reportOrm(ctx, cmd, { what: `\`sequelize ${sub}\` ${hit[0]}`, weight: hit[1], target: opt(p, '--url') });
  },
  tests: {
    pause: [
      'npx sequelize-cli db:drop',
      'npx sequelize db:migrate:undo:all',
      'npx sequelize-cli db:seed:undo:all',
      'NODE_ENV=production npx sequelize-cli db:migrate:undo:all',
      'npx sequelize-cli db:drop --env production',
      { input: 'npx sequelize-cli db:migrate:undo', decision: 'ask', note: 'one migration' },
    ],
    pass: [
      'npx sequelize-cli db:migrate',
      'npx sequelize-cli db:migrate:status',
      'npx sequelize-cli db:create',
      'npx sequelize-cli db:seed:all',
      'npx sequelize-cli db:drop --env test',
      'NODE_ENV=test npx sequelize-cli db:migrate:undo:all',
      'npx sequelize-cli model:generate --name User --attributes email:string',
    ],
  },
});
