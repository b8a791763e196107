import { defineCommandRule } from '../../rule';
import { flag, parseArgs } from '../db/_target';
import { describeSteps, ownEnv, reportOrm, rollbackWeight, stepCount } from './_orm';

const VALUE = ['-r', '--repo', '-n', '--step', '--to', '--to-exclusive', '--migrations-path', '--prefix', '--log-level'];

export default defineCommandRule({
  meta: {
    id: 'orm/ecto',
    commands: ['mix'],
    decision: 'block',
    severity: 'critical',
    description: 'Ecto tasks that drop or empty the database: `mix ecto.drop`, `mix ecto.reset`, `mix ecto.rollback --all` or `-n N` (one step pauses), and `mix run -e` code that deletes every row (`Repo.delete_all(User)`) or sends SQL (`Repo.query!`, `SQL.query!`, checked by the SQL rules). `MIX_ENV=test` stays allowed; `MIX_ENV=prod` is production.',
    message: '{{what}} ({{target}})',
    safer: 'Run it with `MIX_ENV=test` for the test database, or roll back one migration after a backup.',
  },
  check(cmd, ctx) {
    const p = parseArgs(cmd.args, VALUE);
    const task = p.positionals[0];
    if (task === 'run' && (cmd.args.includes('-e') || cmd.args.includes('--eval'))) {
      const code = cmd.args[Math.max(cmd.args.indexOf('-e'), cmd.args.indexOf('--eval')) + 1] ?? '';
      // `Repo.delete_all(User)` with a bare schema (no query) deletes every row.
      const all = /\bRepo\.delete_all!?\(\s*([A-Z][\w.]*)\s*\)/.exec(code);
      if (all) reportOrm(ctx, cmd, { what: `\`Repo.delete_all(${all[1]})\` deletes every row of ${all[1]}`, weight: 'destructive' });
      for (const m of code.matchAll(/\b(?:Repo\.query!?|SQL\.query!?)\(\s*(?:[\w.]+\s*,\s*)?"((?:[^"\\]|\\.)*)"/g)) ctx.nested({ kind: 'sql', sql: m[1]!, env: ownEnv(cmd) });
      return;
    }
    if (task === 'ecto.drop') reportOrm(ctx, cmd, { what: '`mix ecto.drop` drops the database', weight: 'destructive' });
    else if (task === 'ecto.reset') reportOrm(ctx, cmd, { what: '`mix ecto.reset` drops the database, recreates and migrates it', weight: 'destructive' });
    else if (task === 'ecto.rollback') {
      const steps = flag(p, '--all') ? 'all' : stepCount(cmd.args, '-n', '--step');
      reportOrm(ctx, cmd, { what: `\`mix ecto.rollback\` undoes ${describeSteps(steps)}`, weight: rollbackWeight(steps) });
    } else if (task === 'ecto.load' && !flag(p, '--skip-if-loaded')) {
      reportOrm(ctx, cmd, { what: '`mix ecto.load` loads the structure file over the database', weight: 'mild' });
    }
  },
  tests: {
    pause: [
      'mix ecto.drop',
      'mix ecto.reset',
      'MIX_ENV=prod mix ecto.reset',
      'mix ecto.rollback --all',
      'mix ecto.rollback -n 3',
      'MIX_ENV=prod mix ecto.rollback',
      { input: 'MIX_ENV=dev mix ecto.rollback', decision: 'ask' },
      'mix run -e "Shop.Repo.delete_all(Shop.User)"',
      { input: 'mix run -e \'Ecto.Adapters.SQL.query!(Shop.Repo, "TRUNCATE users")\'', foundBy: 'sql/truncate' },
    ],
    pass: [
      'MIX_ENV=test mix ecto.reset',
      'MIX_ENV=test mix ecto.drop',
      'mix ecto.migrate',
      'mix ecto.create',
      'mix ecto.migrations',
      'mix ecto.gen.migration add_users',
      'mix test',
      'mix phx.server',
      'mix deps.get',
      'mix run -e "import Ecto.Query; Shop.Repo.delete_all(from u in Shop.User, where: u.banned)"',
      'mix run priv/repo/seeds.exs',
      'MIX_ENV=test mix run -e "Shop.Repo.delete_all(Shop.User)"',
    ],
  },
});
