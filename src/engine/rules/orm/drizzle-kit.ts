import { defineCommandRule } from '../../rule';
import { tierOf } from '../../context/production';
import { flag, opt, parseArgs, signalsFor } from '../db/_target';
import { reportOrm } from './_orm';

const VALUE = ['--config', '--dialect', '--schema', '--url', '--out', '--driver', '--host', '--port', '--user', '--password', '--database', '--tablesFilter', '--schemaFilters', '--extensionsFilters', '--casing', '--strict', '--verbose'];

export default defineCommandRule({
  meta: {
    id: 'orm/drizzle-kit',
    commands: ['drizzle-kit'],
    decision: 'block',
    severity: 'critical',
    description: '`drizzle-kit push --force` applies data-loss statements (dropped columns and tables, `truncate … cascade`) without asking, and so does `--strict=false`; a plain `push` to a production database changes its schema with no migration (a pause). Generating, checking, migrating and a plain push to a local database stay allowed.',
    message: '{{what}} ({{target}})',
    safer: 'Run `drizzle-kit generate`, review the SQL migration, and apply it with `drizzle-kit migrate`; push only to a local database.',
  },
  check(cmd, ctx) {
    const p = parseArgs(cmd.args, VALUE);
    const sub = p.positionals[0] ?? '';
    if (sub !== 'push' && !sub.startsWith('push:')) return;
    const host = opt(p, '--host');
    const url = opt(p, '--url') ?? (host ? `host=${host}${opt(p, '--database') ? ` dbname=${opt(p, '--database')}` : ''}` : undefined);
    const strictOff = /^false$/i.test(opt(p, '--strict') ?? '');
    if (flag(p, '--force') || strictOff) {
      reportOrm(ctx, cmd, { what: `\`drizzle-kit push ${strictOff ? '--strict=false' : '--force'}\` applies data-loss statements (drops, truncates) without asking`, weight: 'destructive', target: url });
      return;
    }
    // A plain push prompts on data loss; against production it still rewrites the live schema: pause, do not block.
    const signals = signalsFor(ctx, cmd, url);
    if (tierOf(signals) === 'production') {
      ctx.report({ target: url ?? 'its configured database', data: { what: '`drizzle-kit push` changes the production schema directly, with no migration' }, decision: 'ask', severity: 'high', signals: signals.production });
    }
  },
  tests: {
    pause: [
      'npx drizzle-kit push --force',
      'pnpm drizzle-kit push --strict=false',
      'bunx drizzle-kit push --force --verbose',
      { input: 'npx drizzle-kit push --url postgres://admin:pw@ep-cool-sky-123.us-east-2.aws.neon.tech/neondb', decision: 'ask' },
      { input: 'npx drizzle-kit push --force --url postgresql://postgres:postgres@localhost:5432/app', decision: 'ask' },
      { input: 'DATABASE_URL=postgres://u:p@db.prod.internal/app npx drizzle-kit push', decision: 'ask' },
      'DATABASE_URL=postgres://u:p@db.prod.internal/app npx drizzle-kit push --force',
    ],
    pass: [
      'npx drizzle-kit generate',
      'npx drizzle-kit migrate',
      'npx drizzle-kit check',
      'npx drizzle-kit studio',
      'npx drizzle-kit pull',
      'npx drizzle-kit push',
      'npx drizzle-kit push --url postgresql://postgres@localhost:5432/app',
      'npx drizzle-kit push --force --url postgresql://postgres@localhost:5432/app_test',
    ],
  },
});
