import { defineCommandRule } from '../../rule';
import { flag, parseArgs } from '../db/_target';
import { reportOrm } from './_orm';

const VALUE = ['--table', '--format', '--url', '--admin-key', '--deployment-name', '--preview-name', '--env-file', '--component'];

export default defineCommandRule({
  meta: {
    id: 'orm/convex',
    commands: ['convex'],
    decision: 'block',
    severity: 'critical',
    description: '`convex import --replace` (and `--replace-all`) deletes the existing documents of the table (or every table) before importing; `--prod` targets the production deployment.',
    message: '{{what}} ({{target}})',
    safer: 'Export first (`npx convex export --path backup.zip`), and import with `--append` or into a preview deployment.',
  },
  check(cmd, ctx) {
    const p = parseArgs(cmd.args, VALUE);
    if (p.positionals[0] !== 'import') return;
    if (flag(p, '--replace-all')) reportOrm(ctx, cmd, { what: '`convex import --replace-all` deletes every document in every table before importing', weight: 'destructive' });
    else if (flag(p, '--replace')) reportOrm(ctx, cmd, { what: '`convex import --replace` deletes the table\'s documents before importing', weight: 'destructive' });
  },
  tests: {
    pause: [
      'npx convex import --replace --table users users.jsonl',
      'npx convex import --replace-all snapshot.zip',
      'npx convex import --prod --replace --table messages messages.jsonl',
      { input: 'CONVEX_DEPLOYMENT=dev:happy-otter-123 npx convex import --replace --table users users.jsonl', decision: 'ask' },
    ],
    pass: [
      'npx convex import --append --table users users.jsonl',
      'npx convex import --table users users.jsonl',
      'npx convex export --path backup.zip',
      'npx convex dev',
      'npx convex deploy',
    ],
  },
});
