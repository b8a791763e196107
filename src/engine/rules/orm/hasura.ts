import { defineCommandRule } from '../../rule';
import { opt, parseArgs } from '../db/_target';
import { reportOrm } from './_orm';

const VALUE = ['--endpoint', '--admin-secret', '--database-name', '--down', '--up', '--goto', '--version', '--type', '--project', '--envfile', '--skip-execution'];

export default defineCommandRule({
  meta: {
    id: 'orm/hasura',
    commands: ['hasura'],
    decision: 'block',
    severity: 'critical',
    description: 'Hasura CLI commands that unmigrate or wipe: `migrate apply --down all` (or a large N), `migrate delete --all`, `metadata clear`; one down step pauses. The target is `--endpoint` or the project config.',
    message: '{{what}} ({{target}})',
    safer: 'Squash or revert one migration at a time against a local Hasura (`--endpoint http://localhost:8080`), after exporting metadata.',
  },
  check(cmd, ctx) {
    const p = parseArgs(cmd.args, VALUE);
    const [group, sub] = p.positionals;
    const target = opt(p, '--endpoint');
    if (group === 'migrate' && sub === 'apply') {
      const down = opt(p, '--down');
      if (down === undefined) return;
      const all = down === 'all';
      reportOrm(ctx, cmd, { what: `\`hasura migrate apply --down ${down}\` reverts ${all ? 'every migration' : `${down} migration(s)`}`, weight: all || Number(down) > 1 ? 'destructive' : 'mild', target });
    } else if (group === 'migrate' && sub === 'delete' && cmd.args.includes('--all')) {
      reportOrm(ctx, cmd, { what: '`hasura migrate delete --all` deletes the migration history on the server', weight: 'mild', target });
    } else if ((group === 'metadata' || group === 'md') && (sub === 'clear' || sub === 'reset')) {
      reportOrm(ctx, cmd, { what: `\`hasura metadata ${sub}\` removes every tracked table, permission and relationship`, weight: 'destructive', target });
    }
  },
  tests: {
    pause: [
      'hasura migrate apply --down all',
      'hasura migrate apply --down all --endpoint https://api.shop.com --admin-secret $SECRET',
      'hasura metadata clear',
      'hasura migrate apply --down 5 --database-name default',
      { input: 'hasura migrate apply --down 1 --endpoint http://localhost:8080', decision: 'ask' },
    ],
    pass: [
      'hasura migrate apply',
      'hasura migrate status',
      'hasura metadata apply',
      'hasura metadata export',
      'hasura console',
    ],
  },
});
