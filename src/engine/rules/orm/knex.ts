import * as fs from 'node:fs';
import * as path from 'node:path';
import { defineCommandRule } from '../../rule';
import { cachedFile } from '../../context/workspace';
import type { WorkspaceReader } from '../../context/workspace';
import { resolvePath } from '../../shell/words';
import { flag, opt, parseArgs } from '../db/_target';
import { explicitlyProduction, reportOrm } from './_orm';

const VALUE = ['--env', '--knexfile', '--cwd', '--client', '--connection', '--migrations-directory', '--seeds-directory', '--specific', '-x', '--migrations-table-name'];

const EMPTIES = /\.\s*(del|delete|truncate)\s*\(\s*\)|\b(TRUNCATE|DELETE\s+FROM)\b/;

/**
 * Seed files that empty their tables first (knex's own template starts with `await knex('t').del()`). The folder is
 * listed from the disk (the workspace reader cannot list); the files are read through the rule's reader.
 */
function seedsThatEmpty(reader: WorkspaceReader, dir: string | undefined, specific: string | undefined): string[] {
  if (!dir) return [];
  let names: string[];
  try {
    names = specific ? [specific] : fs.readdirSync(dir).filter((f) => /\.(c|m)?[jt]s$/.test(f)).slice(0, 200);
  } catch {
    return [];
  }
  return names.filter((name) => cachedFile(reader, path.join(dir, name), 'knex-seed', (t) => EMPTIES.test(t)) === true);
}

export default defineCommandRule({
  meta: {
    id: 'orm/knex',
    commands: ['knex'],
    decision: 'block',
    severity: 'critical',
    description: 'Knex commands that undo migrations (`migrate:rollback --all`; one batch and `migrate:down` pause), and `seed:run` against production or with seed files that empty their tables first (knex\'s template starts with `.del()`).',
    message: '{{what}} ({{target}})',
    safer: 'Roll back one batch at a time after a backup, and run seeds only against development or test databases.',
  },
  check(cmd, ctx) {
    const p = parseArgs(cmd.args, VALUE);
    const sub = p.positionals[0];
    const target = p.options.get('--connection')?.[0];
    if (sub === 'migrate:rollback') {
      if (flag(p, '--all')) reportOrm(ctx, cmd, { what: '`knex migrate:rollback --all` undoes every migration', weight: 'destructive', target });
      else reportOrm(ctx, cmd, { what: '`knex migrate:rollback` undoes the last batch of migrations', weight: 'mild', target });
    } else if (sub === 'migrate:down') {
      reportOrm(ctx, cmd, { what: '`knex migrate:down` undoes a migration', weight: 'mild', target });
    } else if (sub === 'seed:run') {
      if (explicitlyProduction(ctx, cmd)) {
        reportOrm(ctx, cmd, { what: '`knex seed:run` runs seed files, which usually delete every row first, against production', weight: 'destructive', target });
        return;
      }
      // The seed files are read only here: they say whether the seeds empty their tables first.
      const cwd = cmd.cwd ?? ctx.cwd;
      const dir = resolvePath(opt(p, '--seeds-directory') ?? 'seeds', cwd, ctx.home);
      const emptying = seedsThatEmpty(ctx.reader, dir, opt(p, '--specific'));
      if (emptying.length) reportOrm(ctx, cmd, { what: `\`knex seed:run\` runs seeds that empty their tables first (${emptying.slice(0, 3).join(', ')})`, weight: 'mild', target });
    }
  },
  tests: {
    pause: [
      'npx knex migrate:rollback --all',
      'npx knex migrate:rollback --all --env production',
      'NODE_ENV=production npx knex seed:run',
      'npx knex seed:run --env production',
      { input: 'npx knex migrate:rollback', decision: 'ask', env: { DATABASE_URL: 'postgres://localhost/app' } },
      { input: 'npx knex migrate:down', decision: 'ask', env: { DATABASE_URL: 'postgres://127.0.0.1/app' } },
      { input: 'npx knex seed:run --specific 01_users.js', files: { 'seeds/01_users.js': "exports.seed = async (knex) => {\n  await knex('users').del();\n  await knex('users').insert([{ id: 1, name: 'a' }]);\n};\n" }, decision: 'ask' },
    ],
    pass: [
      'npx knex migrate:latest',
      'npx knex migrate:status',
      'npx knex migrate:make add_users',
      'npx knex seed:run',
      'npx knex migrate:rollback --all --env test',
      'npx knex seed:make users',
      { input: 'npx knex seed:run --specific 02_roles.js', files: { 'seeds/02_roles.js': "exports.seed = async (knex) => {\n  await knex('roles').insert([{ name: 'admin' }]).onConflict('name').ignore();\n};\n" } },
    ],
  },
});
