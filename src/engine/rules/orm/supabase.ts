import { defineCommandRule } from '../../rule';
import { tierOf } from '../../context/production';
import { flag, opt, parseArgs, signalsFor } from '../db/_target';

const VALUE = ['--db-url', '--project-ref', '--workdir', '--version', '--password', '-p', '--schema', '-s', '--file', '-f', '--output', '-o', '--experimental'];

export default defineCommandRule({
  meta: {
    id: 'orm/supabase',
    commands: ['supabase'],
    decision: 'block',
    severity: 'critical',
    description: 'Supabase CLI commands that wipe a remote database or project: `db reset --linked` or `--db-url` to a remote database, `projects delete`, `branches delete`; `db push --include-all` and `stop --no-backup` (deletes the local volume) pause. `supabase db reset` on its own resets the local Docker database and stays allowed.',
    message: '{{what}} ({{target}})',
    safer: 'Reset the local stack (`supabase db reset` without --linked), and push reviewed migrations with `supabase db push --dry-run` first.',
  },
  check(cmd, ctx) {
    const p = parseArgs(cmd.args, VALUE);
    const [group, sub] = p.positionals;
    if (flag(p, '--dry-run', '--help', '-h')) return;
    const report = (what: string, target: string, decision: 'ask' | 'block', signals: string[]): void => ctx.report({ target, data: { what }, decision, signals });
    if (group === 'db' && sub === 'reset') {
      const url = opt(p, '--db-url');
      if (!flag(p, '--linked') && url === undefined) return; // the local Docker database
      const s = signalsFor(ctx, cmd, url);
      const tier = tierOf(s);
      if (tier === 'test' || tier === 'local') return;
      report('`supabase db reset` drops the database and reapplies every migration and seed', url ?? 'the linked project', 'block', tier === 'production' ? s.production : ['the target is not named, so it counts as production']);
    } else if (group === 'projects' && sub === 'delete') {
      report('`supabase projects delete` deletes the project with its database, storage and backups', p.positionals[2] ?? opt(p, '--project-ref') ?? 'the project', 'block', ['a hosted Supabase project']);
    } else if (group === 'branches' && sub === 'delete') {
      report('`supabase branches delete` deletes a preview branch and its database', p.positionals[2] ?? 'the branch', 'ask', ['a hosted Supabase branch']);
    } else if (group === 'db' && sub === 'push' && flag(p, '--include-all')) {
      report('`supabase db push --include-all` applies migrations older than the remote history', opt(p, '--db-url') ?? 'the linked project', 'ask', ['the linked (remote) project']);
    } else if (group === 'stop' && flag(p, '--no-backup')) {
      report('`supabase stop --no-backup` deletes the local database volume', 'the local Supabase stack', 'ask', ['the local Docker volume']);
    }
  },
  tests: {
    pause: [
      'supabase db reset --linked',
      'npx supabase db reset --db-url postgresql://postgres:pw@db.abcdefghijkl.supabase.co:5432/postgres',
      'supabase projects delete abcdefghijkl',
      { input: 'supabase db push --include-all', decision: 'ask' },
      { input: 'supabase stop --no-backup', decision: 'ask' },
      { input: 'supabase branches delete feature-x', decision: 'ask' },
    ],
    pass: [
      'supabase db reset',
      'npx supabase db reset --db-url postgresql://postgres:postgres@127.0.0.1:54322/postgres',
      'supabase db diff -f add_users',
      'supabase start',
      'supabase stop',
      'supabase db push',
      'supabase db push --include-all --dry-run',
      'supabase migration new add_users',
      'supabase gen types typescript --local',
    ],
  },
});
