import { defineCommandRule } from '../../rule';
import type { Weight } from '../db/_target';
import type { SimpleCommand } from '../../shell/types';
import type { WorkspaceReader } from '../../context/workspace';
import { stdinSql } from '../db/_sql';
import { describeSteps, ownEnv, reportOrm, rollbackWeight, stepCount } from './_orm';

interface Task {
  what: string;
  weight: Weight;
}

/** What one `db:` task does, or undefined when it is harmless (migrate, status, version, create, prepare, test:*). */
export function railsTask(task: string, args: readonly string[]): Task | undefined {
  const t = task.replace(/^db:/, '');
  // Multi-database apps suffix the database name: db:drop:primary, db:reset:animals, db:drop:all.
  const is = (name: string): boolean => t === name || (t.startsWith(`${name}:`) && /^\w+$/.test(t.slice(name.length + 1)));
  if (t.startsWith('test:')) return undefined; // db:test:prepare, db:test:load — the test database
  if (is('drop')) return { what: 'drops the database', weight: 'destructive' };
  if (is('reset')) return { what: 'drops the database, recreates it from the schema and seeds it', weight: 'destructive' };
  if (is('purge')) return { what: 'empties the database', weight: 'destructive' };
  if (is('truncate_all')) return { what: 'truncates every table', weight: 'destructive' };
  if (t === 'seed:replant') return { what: 'truncates every table and reseeds it', weight: 'destructive' };
  if (is('migrate:reset')) return { what: 'drops the database and reruns every migration', weight: 'destructive' };
  if (is('schema:load') || is('structure:load')) return { what: 'loads the schema file over the database, dropping every table first', weight: 'destructive' };
  if (is('setup')) return { what: 'creates the database and loads the schema (over existing tables)', weight: 'mild' };
  if (is('fixtures:load')) return { what: 'replaces the rows of every fixture table', weight: 'mild' };
  if (is('rollback')) {
    const steps = stepCount(args, 'STEP');
    return { what: `rolls back ${describeSteps(steps)}`, weight: rollbackWeight(steps) };
  }
  if (is('migrate:down')) return { what: 'runs the down migration of one version', weight: 'mild' };
  // `db:migrate VERSION=0` migrates down through every migration.
  if (is('migrate') && args.some((a) => /^VERSION=0+$/.test(a))) return { what: 'migrates down to version 0, undoing every migration', weight: 'destructive' };
  if (is('migrate:redo')) {
    const steps = stepCount(args, 'STEP');
    return { what: `rolls back and reruns ${describeSteps(steps)}`, weight: rollbackWeight(steps) };
  }
  return undefined;
}

/** Ruby one-liners (`rails runner`) that delete every row of a model. */
function rubyHit(code: string): Task | undefined {
  const m = /\b([A-Z][\w:]*)(?:\.(?:all|unscoped))?\.(delete_all|destroy_all)\b/.exec(code);
  if (m) return { what: `\`${m[1]}.${m[2]}\` deletes every row of ${m[1]}`, weight: 'destructive' };
  const u = /\b([A-Z][\w:]*)(?:\.(?:all|unscoped))?\.update_all\b/.exec(code);
  if (u) return { what: `\`${u[1]}.update_all\` overwrites every row of ${u[1]}`, weight: 'destructive' };
  if (/\.(drop_table|drop_database|purge)\b/.test(code)) return { what: 'Ruby code drops tables', weight: 'destructive' };
  return undefined;
}

/** SQL string literals passed to `connection.execute`/`exec_query`/`exec_delete` in Ruby code. */
function rubySql(code: string): string[] {
  return [...code.matchAll(/\.(?:execute|exec_query|exec_update|exec_delete|delete|update)\s*\(?\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')/g)]
    .map((m) => m[1] ?? m[2] ?? '')
    .filter((sql) => /^\s*(DROP|TRUNCATE|DELETE|UPDATE|ALTER)\b/i.test(sql));
}

/** The Ruby code a `rails runner`/`rails console` invocation runs: inline for runner, standard input for console. */
function rubyCode(cmd: SimpleCommand, home: string, reader: WorkspaceReader): string | undefined {
  const [sub, ...rest] = cmd.args;
  if (sub === 'runner' || sub === 'r') return rest.filter((a) => !a.startsWith('-')).join(' ');
  if (sub === 'console' || sub === 'c') {
    const s = stdinSql(cmd, home, reader);
    return s.kind === 'sql' ? s.sql.text : undefined;
  }
  return undefined;
}

export default defineCommandRule({
  meta: {
    id: 'orm/rails',
    commands: ['rails', 'rake', 'kamal'],
    decision: 'block',
    severity: 'critical',
    description: 'Rails database tasks that drop, reset or empty the database (`db:drop`, `db:reset`, `db:schema:load`, `db:structure:load`, `db:purge`, `db:truncate_all`, `db:seed:replant`, `db:migrate:reset`, `db:rollback STEP=n`, `db:migrate VERSION=0`), `rails runner` code and `rails console` input that delete every row, and SQL fed to `rails dbconsole` (checked by the SQL rules). `RAILS_ENV=test` stays allowed; `RAILS_ENV=production`, `DISABLE_DATABASE_ENVIRONMENT_CHECK=1`, `heroku run` and `kamal app exec` are production.',
    message: '{{what}} ({{target}})',
    safer: 'Back up first (`pg_dump`), run it with `RAILS_ENV=test` for the test database, or write a reversible migration and use `db:migrate`.',
  },
  check(cmd, ctx) {
    if (cmd.name === 'kamal') {
      // `kamal app exec [--reuse] 'bin/rails db:reset'` runs on the deployed servers.
      const i = cmd.args.indexOf('exec');
      if (cmd.args[0] !== 'app' || i === -1) return;
      const inner = cmd.args.slice(i + 1).filter((a) => !a.startsWith('-')).join(' ');
      for (const m of inner.matchAll(/\b(db:[\w:]+)/g)) {
        const t = railsTask(m[1]!, inner.split(/\s+/));
        if (t) ctx.report({ target: 'the servers kamal deploys to', data: { what: `\`${m[1]}\` ${t.what}` }, decision: 'block', signals: ['kamal app exec runs on the deployed servers'] });
      }
      return;
    }
    const args = cmd.args;
    if (cmd.name === 'rails' && ['runner', 'r', 'console', 'c'].includes(args[0] ?? '')) {
      if (args.includes('--sandbox') || args.includes('-s')) return; // console changes are rolled back on exit
      const code = rubyCode(cmd, ctx.home, ctx.reader);
      if (code === undefined) return;
      const hit = rubyHit(code);
      if (hit) reportOrm(ctx, cmd, hit);
      for (const sql of rubySql(code)) ctx.nested({ kind: 'sql', sql, env: ownEnv(cmd) });
      return;
    }
    if (cmd.name === 'rails' && (args[0] === 'dbconsole' || args[0] === 'db')) {
      // SQL on standard input goes straight to the database client.
      const s = stdinSql(cmd, ctx.home, ctx.reader);
      if (s.kind === 'sql') ctx.nested({ kind: 'sql', sql: s.sql.text, env: ownEnv(cmd) });
      else if (s.kind === 'destructive') reportOrm(ctx, cmd, { what: `\`dbconsole\` runs SQL that empties the database: ${s.reason}`, weight: 'destructive' });
      else if (s.kind === 'unknown') reportOrm(ctx, cmd, { what: `\`dbconsole\` runs SQL that cannot be checked: ${s.reason}`, weight: 'mild' });
      return;
    }
    for (const a of args) {
      if (!a.startsWith('db:')) continue;
      const t = railsTask(a, args);
      if (t) reportOrm(ctx, cmd, { what: `\`${a}\` ${t.what}`, weight: t.weight });
    }
  },
  tests: {
    pause: [
      'rails db:drop',
      'bin/rails db:reset',
      'bundle exec rake db:schema:load',
      'rake db:structure:load',
      'bin/rails db:purge',
      'bin/rails db:truncate_all',
      'bin/rails db:seed:replant',
      'rails db:migrate:reset',
      'bin/rails db:rollback STEP=5',
      'RAILS_ENV=production bin/rails db:migrate:reset',
      'bin/rails db:drop RAILS_ENV=production DISABLE_DATABASE_ENVIRONMENT_CHECK=1',
      'DISABLE_DATABASE_ENVIRONMENT_CHECK=1 rails db:drop',
      'heroku run rails db:reset -a shop-api',
      "kamal app exec --reuse 'bin/rails db:schema:load'",
      'bin/rails db:drop:primary',
      { input: 'RAILS_ENV=development bin/rails db:reset', decision: 'ask' },
      { input: 'bin/rails db:rollback', decision: 'ask', note: 'one step, the default' },
      { input: 'DATABASE_URL=postgres://localhost/shop_development bin/rails db:drop', decision: 'ask' },
      'bin/rails runner "User.delete_all"',
      "rails r 'Order.all.destroy_all'",
      'bin/rails db:migrate VERSION=0',
      'bin/rails runner -e production "User.update_all(admin: true)"',
      'echo "User.delete_all" | bin/rails console',
      'bin/rails c <<< "Order.destroy_all"',
      { input: "bin/rails runner \"ActiveRecord::Base.connection.execute('TRUNCATE users')\"", foundBy: 'sql/truncate' },
      { input: 'bin/rails dbconsole <<< "DROP TABLE users"', foundBy: 'sql/drop-table' },
      { input: 'bin/rails db -p <<< "DELETE FROM users"', foundBy: 'sql/delete-without-where' },
      { input: 'cat reset.sql | bin/rails dbconsole', decision: 'ask', note: 'a script that is not there to read' },
      { input: 'bin/rails dbconsole < db/cleanup.sql', files: { 'db/cleanup.sql': 'DROP TABLE legacy_users;\n' }, foundBy: 'sql/drop-table' },
      { input: 'bin/rails console < script/cleanup.rb', files: { 'script/cleanup.rb': 'Session.delete_all\n' } },
    ],
    pass: [
      'RAILS_ENV=test rails db:reset',
      'RAILS_ENV=test bin/rails db:drop db:create db:schema:load',
      'bin/rails db:migrate',
      'bin/rails db:migrate:status',
      'bin/rails db:version',
      'bin/rails db:create',
      'bin/rails db:prepare',
      'bin/rails db:test:prepare',
      'bin/rails db:seed',
      'bundle exec rake db:migrate RAILS_ENV=test',
      'bin/rails db:schema:dump',
      'bin/rails db:reset RAILS_ENV=test',
      'bin/rails runner "puts User.count"',
      "bin/rails runner 'User.where(banned: true).delete_all'",
      'bin/rails generate migration AddEmailToUsers email:string',
      'bundle exec rake test',
      'bin/rails db:migrate VERSION=20240101000000',
      'echo "puts User.count" | bin/rails console',
      "bin/rails runner 'User.where(id: 5).update_all(admin: false)'",
      'bin/rails console --sandbox <<< "User.delete_all"',
      "bin/rails runner \"ActiveRecord::Base.connection.execute('DELETE FROM sessions WHERE updated_at < now()')\"",
      'bin/rails dbconsole <<< "SELECT count(*) FROM users"',
      'bin/rails console',
      { input: 'bin/rails dbconsole < db/report.sql', files: { 'db/report.sql': 'SELECT count(*) FROM users;\n' } },
      { input: 'bin/rails console < script/report.rb', files: { 'script/report.rb': 'puts User.where(admin: true).count\n' } },
    ],
  },
});
