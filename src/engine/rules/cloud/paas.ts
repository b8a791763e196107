import { defineCommandRule } from '../../rule';
import type { Decision } from '../../types';
import type { Cli, Inv, Op } from './_cli';
import { judgeCli } from './_cli';

const app = (inv: Inv): string | undefined => inv.value('-a', '--app', '--confirm') ?? inv.rest[0];
const op = (sub: string, decision: Decision, what: string, extra: Partial<Op> = {}): Op => ({ sub, decision, what, ...extra });

/** Platforms that host apps and databases, and their commands that delete them. */
const PLATFORMS: Record<string, Cli> = {
  heroku: {
    valueOptions: ['-a', '--app', '-r', '--remote', '--confirm', '-t', '--team'],
    confirm: ['--confirm', '--force'],
    safer: 'Capture a backup first (`heroku pg:backups:capture`), and check the app name twice.',
    ops: [
      op('pg:reset', 'block', 'erases every table of the app\'s database ({{target}})', { target: app }),
      op('apps:destroy|destroy', 'block', 'deletes the app {{target}} with its add-ons and data', { target: app }),
      op('addons:destroy|addons:remove', 'ask', 'deletes the add-on {{target}} and its data', { escalate: (inv) => [/postgres|redis|mongo|mysql|kafka|elasticsearch|bonsai|searchbox/.test(inv.rest.join(' ')) && 'it is a data store'] }),
      op('pg:backups:delete', 'block', 'deletes the database backup {{target}}'),
      op('ps:scale', 'ask', 'scales processes to zero (the app stops)', { when: (inv) => inv.rest.some((r) => /=0(:|$)/.test(r)), target: app }),
      op('pg:killall', 'ask', 'kills every database connection of {{target}}', { target: app }),
    ],
  },
  fly: {
    valueOptions: ['-a', '--app', '-c', '--config', '-r', '--region', '-s', '--select'],
    confirm: ['--yes', '-y', '--force', '-f'],
    safer: 'Snapshot volumes first (`fly volumes snapshots create`), and check the app with `fly status`.',
    ops: [
      op('apps destroy|delete || destroy', 'ask', 'deletes the app {{target}} with its machines and volumes', { target: app }),
      op('volumes destroy|delete|rm || volume destroy|delete|rm', 'block', 'deletes the volume {{target}} and its data'),
      op('postgres destroy || pg destroy', 'block', 'deletes the Postgres cluster {{target}}', { target: app }),
      op('postgres detach || pg detach', 'ask', 'detaches the Postgres cluster from {{target}} (its DATABASE_URL secret goes)', { target: app }),
      op('machine destroy|remove|rm || machines destroy|remove|rm', 'ask', 'destroys the machine {{target}}'),
      op('scale count', 'ask', 'scales the app to zero machines', { when: (inv) => inv.rest[0] === '0', target: app }),
    ],
  },
  vercel: {
    valueOptions: ['--scope', '-S', '--token', '-t', '-A', '--local-config'],
    confirm: ['--yes', '-y'],
    ops: [
      op('remove|rm', 'ask', 'deletes the project or deployments {{target}}', { target: (inv) => inv.rest.join(' ') || undefined }),
      op('project rm|remove', 'ask', 'deletes the project {{target}}'),
      op('domains rm|remove || dns rm|remove || env rm|remove || alias rm|remove', 'ask', 'removes {{target}}', { target: (inv) => inv.rest.join(' ') || undefined }),
    ],
  },
  netlify: {
    valueOptions: ['--site', '--auth', '--filter'],
    confirm: ['--force', '-f'],
    ops: [op('sites:delete', 'ask', 'deletes the site {{target}}'), op('env:unset', 'ask', 'removes the variable {{target}}', { prodOnly: true })],
  },
  railway: {
    valueOptions: ['-s', '--service', '-e', '--environment'],
    confirm: ['--yes', '-y'],
    ops: [
      op('down', 'ask', 'removes the latest deployment of {{target}}', { target: (inv) => inv.value('-s', '--service') ?? 'the linked service' }),
      op('delete', 'block', 'deletes the project {{target}}', { target: (inv) => inv.rest[0] ?? 'the linked project' }),
      op('volume delete', 'block', 'deletes the volume {{target}} and its data', { target: (inv) => inv.value('-v', '--volume') ?? inv.rest[0] }),
      op('environment delete', 'ask', 'deletes the environment {{target}}'),
    ],
  },
  render: { valueOptions: [], confirm: ['--confirm', '-y'], ops: [op('services delete || postgres delete', 'ask', 'deletes {{target}}')] },
  supabase: {
    valueOptions: ['--project-ref', '--workdir', '-o', '--output'],
    confirm: ['--yes'],
    ops: [
      op('projects delete', 'block', 'deletes the Supabase project {{target}} and its database', { target: (inv) => inv.rest[0] ?? inv.value('--project-ref') }),
      op('branches delete', 'ask', 'deletes the preview branch {{target}} and its database'),
      op('storage rm', 'block', 'deletes every object under {{target}}', { when: (inv) => inv.has('-r', '--recursive') }),
      op('orgs delete', 'block', 'deletes the organization {{target}}'),
    ],
  },
  doctl: {
    valueOptions: ['-t', '--access-token', '-c', '--context', '-o', '--output', '--region'],
    confirm: ['--force', '-f'],
    safer: 'Snapshot or back up first (`doctl databases backups list`, `doctl compute volume snapshot`), and delete by id after checking it with `get`.',
    ops: [
      op('databases delete || databases db delete || databases pool delete', 'block', 'deletes the managed database {{target}}'),
      op('kubernetes cluster delete || k8s cluster delete || k8s c delete', 'block', 'deletes the Kubernetes cluster {{target}}'),
      op('compute volume delete || compute snapshot delete', 'block', 'deletes the volume or snapshot {{target}}'),
      op('compute droplet delete || compute d delete', 'ask', 'deletes the droplets {{target}}'),
      op('apps delete || registry delete || compute domain delete || compute load-balancer delete || spaces delete || projects delete', 'ask', 'deletes {{target}}'),
    ],
  },
  neonctl: {
    valueOptions: ['--project-id', '--org-id', '--api-key', '-o', '--output', '--branch'],
    ops: [
      op('projects delete', 'block', 'deletes the Neon project {{target}} and every database in it'),
      op('branches delete', 'ask', 'deletes the branch {{target}} and its data'),
      op('databases delete', 'block', 'deletes the database {{target}}'),
    ],
  },
  pscale: {
    valueOptions: ['--org'],
    confirm: ['--force'],
    ops: [op('database delete', 'block', 'deletes the PlanetScale database {{target}}'), op('branch delete', 'ask', 'deletes the branch {{target}}'), op('backup delete', 'block', 'deletes the backup {{target}}')],
  },
  turso: { valueOptions: ['--group', '--location'], confirm: ['--yes', '-y'], ops: [op('db destroy', 'block', 'deletes the database {{target}}'), op('group destroy', 'block', 'deletes the group {{target}} and its databases')] },
  hcloud: { valueOptions: ['--context', '-o', '--output'], ops: [op('volume delete', 'block', 'deletes the volume {{target}} and its data'), op('server delete || firewall delete || network delete || load-balancer delete || primary-ip delete', 'ask', 'deletes {{target}}')] },
  'linode-cli': { valueOptions: [], ops: [op('volumes delete', 'block', 'deletes the volume {{target}}'), op('linodes delete || databases mysql-delete|postgresql-delete || domains delete', 'ask', 'deletes {{target}}')] },
  atlas: { valueOptions: ['--projectId', '-o', '--output'], confirm: ['--force'], ops: [op('clusters delete || cluster delete', 'block', 'deletes the MongoDB Atlas cluster {{target}}'), op('projects delete', 'block', 'deletes the Atlas project {{target}}'), op('backups snapshots delete', 'block', 'deletes the backup {{target}}')] },
  upstash: { valueOptions: ['--id', '--name'], ops: [op('redis delete || kafka cluster delete || vector delete', 'block', 'deletes the database {{target}}', { target: (inv) => inv.value('--id', '--name') ?? inv.rest[0] })] },
};
PLATFORMS.flyctl = PLATFORMS.fly!;

export default defineCommandRule({
  meta: {
    id: 'cloud/paas',
    commands: Object.keys(PLATFORMS),
    decision: 'ask',
    severity: 'critical',
    description: 'Deletes on hosting platforms: `heroku pg:reset`/`apps:destroy`/`addons:destroy`, `fly apps destroy`/`volumes destroy`, `vercel remove`, `netlify sites:delete`, `railway down`/`delete`, `supabase projects delete`, `doctl databases|kubernetes cluster|compute volume delete`, Neon, PlanetScale, Turso, Atlas and Upstash database deletes. Databases and volumes block; `--confirm <app>`, `--yes`, `--force` or a production app name blocks everything. Deploys and status commands stay quiet.',
    message: '{{what}}',
    safer: 'Back up or snapshot first, check the app with its status command, and delete from your own terminal.',
  },
  check(cmd, ctx) {
    const cli = PLATFORMS[cmd.name];
    if (cli) judgeCli(cmd, ctx, cli, cmd.name);
  },
  tests: {
    pause: [
      { input: 'heroku pg:reset DATABASE_URL --confirm my-app', decision: 'block' },
      { input: 'heroku pg:reset -a my-app', decision: 'block' },
      { input: 'heroku apps:destroy my-app --confirm my-app', decision: 'block' },
      { input: 'heroku addons:destroy heroku-postgresql -a my-app', decision: 'block' },
      { input: 'heroku ps:scale web=0 -a my-app', decision: 'block', note: 'a named Heroku app counts as production' },
      'heroku ps:scale web=0',
      'fly apps destroy my-app',
      { input: 'flyctl apps destroy my-app --yes', decision: 'block' },
      { input: 'fly volumes destroy vol_123', decision: 'block' },
      'fly postgres detach pg-main',
      'vercel remove my-project',
      { input: 'vercel rm my-project --yes', decision: 'block' },
      'vercel domains rm example.com',
      'netlify sites:delete abc123',
      'railway down',
      { input: 'railway delete --yes', decision: 'block' },
      { input: 'supabase projects delete abcdefghij', decision: 'block' },
      { input: 'supabase storage rm -r ss:///avatars --experimental', decision: 'block', note: 'ss:/// is a bucket, not this machine' },
      { input: 'doctl databases delete 1234', decision: 'block' },
      { input: 'doctl kubernetes cluster delete main --force', decision: 'block' },
      'doctl compute droplet delete web-1',
      { input: 'neonctl projects delete wild-sun-123', decision: 'block' },
      { input: 'pscale database delete app --force', decision: 'block' },
      { input: 'turso db destroy app-db --yes', decision: 'block' },
      { input: 'atlas clusters delete Cluster0 --force', decision: 'block' },
    ],
    pass: [
      'heroku pg:info -a my-app',
      'heroku logs --tail -a my-app',
      'heroku ps -a my-app',
      'heroku ps:scale web=2 -a my-app',
      'heroku pg:backups:capture -a my-app',
      'fly status',
      'fly deploy',
      'fly secrets list',
      'fly volumes list',
      'vercel deploy --prod',
      'vercel ls',
      'vercel env pull .env.local',
      'netlify deploy --prod --dir dist',
      'railway up',
      'railway logs',
      'supabase start',
      'supabase stop',
      'supabase db diff',
      'supabase storage ls ss:///avatars --experimental',
      'supabase storage rm ss:///avatars/old.png --experimental',
      'doctl compute droplet list',
      'doctl databases list',
      'neonctl branches list',
      'pscale branch list app',
    ],
  },
});
