import { defineCommandRule } from '../../rule';
import type { Weight } from '../db/_target';
import { flag, parseArgs } from '../db/_target';
import { reportOrm } from './_orm';

const VALUE = ['-c', '--config', '-n', '--name', '-x', '--app', '-A', '-d', '--directory', '--env-file'];

/** How far a downgrade goes: `base` is everything, `-N` is N steps, a revision id is unknown (one or more). */
function downgrade(rev: string | undefined): { what: string; weight: Weight } {
  if (rev === undefined) return { what: 'undoes the last migration', weight: 'mild' };
  if (rev === 'base') return { what: 'undoes every migration (to base)', weight: 'destructive' };
  const rel = /^-(\d+)$/.exec(rev) ?? /^[\w@]+-(\d+)$/.exec(rev);
  if (rel) return Number(rel[1]) > 1 ? { what: `undoes the last ${rel[1]} migrations`, weight: 'destructive' } : { what: 'undoes the last migration', weight: 'mild' };
  return { what: `undoes every migration after ${rev}`, weight: 'mild' };
}

export default defineCommandRule({
  meta: {
    id: 'orm/alembic',
    commands: ['alembic', 'flask'],
    decision: 'block',
    severity: 'critical',
    description: 'Alembic and Flask-Migrate downgrades: `downgrade base` and `downgrade -N` (N > 1) undo migrations and usually drop tables; one step pauses. Offline `--sql` mode only prints SQL.',
    message: '{{what}} ({{target}})',
    safer: 'Back up first, downgrade one revision at a time, or generate the SQL with `--sql` and review it.',
  },
  check(cmd, ctx) {
    let args = cmd.args;
    if (cmd.name === 'flask') {
      const i = args.indexOf('db');
      if (i === -1) return;
      args = args.slice(i + 1);
    }
    const p = parseArgs(args, VALUE);
    if (p.positionals[0] !== 'downgrade' || flag(p, '--sql')) return;
    const d = downgrade(p.positionals[1]);
    const tool = cmd.name === 'flask' ? 'flask db' : 'alembic';
    reportOrm(ctx, cmd, { what: `\`${tool} downgrade${p.positionals[1] ? ` ${p.positionals[1]}` : ''}\` ${d.what}`, weight: d.weight });
  },
  tests: {
    pause: [
      'alembic downgrade base',
      'alembic downgrade -3',
      'alembic -x env=prod downgrade -1',
      'flask db downgrade base',
      'poetry run alembic downgrade base',
      { input: 'alembic downgrade -1', decision: 'ask', env: { DATABASE_URL: 'postgresql://localhost/app' } },
      { input: 'flask db downgrade', decision: 'ask', env: { DATABASE_URL: 'postgresql://localhost/app' } },
    ],
    pass: [
      'alembic upgrade head',
      'alembic history',
      'alembic current',
      'alembic revision --autogenerate -m "add users"',
      'alembic downgrade base --sql',
      'flask db upgrade',
      'flask db migrate -m "add users"',
      'flask run',
      'alembic stamp head',
      { input: 'alembic downgrade base', env: { DATABASE_URL: 'postgresql://localhost/app_test' } },
    ],
  },
});
