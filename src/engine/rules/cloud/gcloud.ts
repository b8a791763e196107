import { defineCommandRule } from '../../rule';
import type { RuleContext } from '../../rule';
import type { SimpleCommand } from '../../shell/types';
import type { Decision } from '../../types';
import type { Cli, Inv, Op } from './_cli';
import { DATA_WORD, hasAny, hasDryRun, judgeCli, prodSignals } from './_cli';

const GLOBAL = ['--project', '--account', '--configuration', '--format', '--verbosity', '--impersonate-service-account', '--billing-project', '--region', '--zone', '--location', '--flags-file', '--filter', '--limit', '--sort-by', '--page-size'];

const op = (sub: string, decision: Decision, what: string, extra: Partial<Op> = {}): Op => ({ sub, decision, what, target: (inv: Inv) => inv.rest.join(' ') || undefined, ...extra });

const GCLOUD: Cli = {
  valueOptions: GLOBAL,
  confirm: ['--quiet', '-q'],
  safer: 'Describe it first (`gcloud … describe`), export or back up the data (`gcloud sql export`, `gcloud storage cp -r`), and delete one named resource in a non-production project.',
  ops: [
    op('projects delete', 'block', 'deletes the whole project {{target}} and everything in it'),
    op('sql instances delete', 'block', 'deletes the Cloud SQL instance {{target}} and its backups'),
    op('sql databases delete', 'block', 'deletes the database {{target}}'),
    op('sql backups delete', 'block', 'deletes the backup {{target}}'),
    op('sql users delete', 'ask', 'deletes the database user {{target}}'),
    op('container clusters delete', 'block', 'deletes the GKE cluster {{target}} and everything running in it'),
    op('compute disks delete', 'block', 'deletes the disks {{target}} and their data'),
    op('compute snapshots delete', 'block', 'deletes the snapshots {{target}} (backups)'),
    op('compute instances delete', 'ask', 'deletes the VMs {{target}} (and their boot disks)', { escalate: (inv) => [inv.has('--delete-disks') && '--delete-disks deletes their data disks too'] }),
    op('storage rm', 'block', 'deletes every object under {{target}}', { when: (inv) => inv.has('-r', '--recursive') || inv.rest.some((r) => /\*/.test(r)) }),
    op('storage buckets delete', 'block', 'deletes the bucket {{target}}'),
    op('firestore databases delete', 'block', 'deletes the Firestore database {{target}}'),
    op('firestore bulk-delete', 'block', 'deletes every document in the collections {{target}}', { target: (inv) => inv.value('--collection-ids') ?? 'the named collections' }),
    op('spanner instances|databases delete || bigtable instances|tables delete || redis instances delete || memcache instances delete || filestore instances|backups delete || alloydb clusters|instances|backups delete', 'block', 'deletes the data store {{target}}'),
    op('kms keys versions destroy', 'block', 'destroys the key version {{target}}; data encrypted with it becomes unreadable'),
    op('dns managed-zones delete', 'block', 'deletes the DNS zone {{target}}'),
    op('secrets delete', 'ask', 'deletes the secret {{target}} and all its versions'),
    op('run services|jobs delete || functions delete || app services|versions delete || iam service-accounts delete || pubsub topics|subscriptions delete || artifacts repositories delete || composer environments delete || dataproc clusters delete || deployment-manager deployments delete || logging buckets|sinks delete || compute images|networks|firewall-rules|addresses delete', 'ask', 'deletes {{target}}'),
  ],
};

/** `gcloud alpha|beta …` behaves like `gcloud …`. */
function stripTrack(cmd: SimpleCommand): SimpleCommand {
  const i = cmd.args.findIndex((a) => !a.startsWith('-'));
  if (i !== -1 && (cmd.args[i] === 'alpha' || cmd.args[i] === 'beta')) return { ...cmd, args: [...cmd.args.slice(0, i), ...cmd.args.slice(i + 1)] };
  return cmd;
}

/** Any other `gcloud … delete` pauses too. */
function genericDelete(cmd: SimpleCommand, ctx: RuleContext): void {
  if (cmd.args.some((a) => a === '--help' || a === '-h')) return;
  const pos = cmd.args.filter((a) => !a.startsWith('-'));
  const verb = pos.findIndex((w) => w === 'delete' || w === 'destroy' || w === 'purge');
  if (verb < 1) return;
  const prod = prodSignals(cmd, ctx);
  const quiet = hasAny(cmd.args, '--quiet', '-q');
  ctx.report({
    target: pos.slice(verb + 1).join(' ') || pos.slice(0, verb).join(' '),
    message: `\`gcloud ${pos.slice(0, verb + 1).join(' ')}\` deletes ${pos.slice(verb + 1).join(' ') || 'a resource'}`,
    decision: prod.length || quiet ? 'block' : 'ask',
    signals: [...prod, ...(quiet ? ['--quiet skips the tool\'s own confirmation'] : [])],
  });
}

function gsutil(cmd: SimpleCommand, ctx: RuleContext): void {
  const args = cmd.args;
  let i = 0;
  while (i < args.length && args[i]!.startsWith('-')) i += /^-(o|h|u|i)$/.test(args[i]!) ? 2 : 1;
  const sub = args[i];
  const rest = args.slice(i + 1);
  const urls = rest.filter((r) => !r.startsWith('-'));
  const prod = prodSignals(cmd, ctx);
  const report = (what: string, target: string, decision: Decision): void =>
    ctx.report({ target, message: `\`gsutil ${sub}\` ${what}`, decision: prod.length ? 'block' : decision, signals: prod });
  if (sub === 'rm') {
    if (hasAny(rest, '-r', '-R', '--recursive', '-a', '--all-versions') || urls.some((u) => /\*/.test(u) || /^gs:\/\/[^/]+\/?$/.test(u))) report(`deletes every object under ${urls.join(' ')}`, urls.join(' '), 'block');
  } else if (sub === 'rb') report(`deletes the bucket ${urls.join(' ')}`, urls.join(' '), 'ask');
  else if (sub === 'rsync' && hasAny(rest, '-d', '--delete-unmatched-destination-objects') && !hasAny(rest, '-n', '--dry-run')) {
    const dest = urls[urls.length - 1] ?? '';
    if (DATA_WORD.test(dest) || urls.length < 2) report(`deletes files in ${dest} that the source lacks`, dest, 'ask');
  }
}

function bq(cmd: SimpleCommand, ctx: RuleContext): void {
  const args = cmd.args;
  const pos = args.filter((a) => !a.startsWith('-'));
  const sub = pos[0];
  const prod = prodSignals(cmd, ctx);
  if (sub === 'rm') {
    const force = hasAny(args, '-f', '--force');
    const recursive = hasAny(args, '-r', '--recursive');
    const dataset = hasAny(args, '-d', '--dataset') || recursive;
    const target = pos.slice(1).join(' ');
    const decision: Decision = prod.length || force ? 'block' : 'ask';
    ctx.report({
      target,
      message: `\`bq rm\` deletes ${dataset ? `the dataset ${target}${recursive ? ' and every table in it' : ''}` : `the table ${target}`}`,
      decision,
      signals: [...prod, ...(force ? ['-f skips the tool\'s own confirmation'] : [])],
    });
  } else if (sub === 'query' && !hasDryRun(args) && !hasAny(args, '--dry_run')) {
    // The SQL goes to the SQL rules.
    const sql = pos.slice(1).join(' ') || (cmd.stdin?.kind === 'heredoc' || cmd.stdin?.kind === 'herestring' ? cmd.stdin.text : '');
    if (sql) ctx.nested({ kind: 'sql', sql, dialect: 'bigquery', target: 'bigquery' });
  }
}

export default defineCommandRule({
  meta: {
    id: 'cloud/gcloud',
    commands: ['gcloud', 'gsutil', 'bq'],
    decision: 'ask',
    severity: 'critical',
    description: 'Google Cloud deletes: `gcloud projects delete`, Cloud SQL instances and databases, GKE clusters, disks and snapshots, `gcloud storage rm -r`, `gsutil rm -r`, `bq rm -r -f`, Firestore databases, KMS key destruction, DNS zones, and any other `gcloud … delete`. Data stores block; `--quiet`, `-f` or a `--project *-prod` blocks everything. SQL sent with `bq query` goes to the SQL rules.',
    message: '{{what}}',
    safer: 'Describe first, back up (`gcloud sql export`, `bq extract`), and delete one named resource in a non-production project.',
  },
  check(cmd, ctx) {
    if (cmd.name === 'gsutil') return gsutil(cmd, ctx);
    if (cmd.name === 'bq') return bq(cmd, ctx);
    const c = stripTrack(cmd);
    if (!judgeCli(c, ctx, GCLOUD, 'gcloud')) genericDelete(c, ctx);
  },
  tests: {
    pause: [
      { input: 'gcloud projects delete my-app', decision: 'block' },
      { input: 'gcloud sql instances delete main-db', decision: 'block' },
      { input: 'gcloud sql databases delete app --instance=main', decision: 'block' },
      { input: 'gcloud container clusters delete main --region us-central1', decision: 'block' },
      'gcloud compute instances delete web-1 --zone us-central1-a',
      { input: 'gcloud compute instances delete web-1 --quiet', decision: 'block' },
      { input: 'gcloud compute instances delete web-1 --project shop-prod', decision: 'block' },
      { input: 'gcloud config set project shop-prod && gcloud compute instances delete web-1', decision: 'block', note: 'the project selected earlier in the line' },
      { input: 'gcloud config configurations activate prod; gcloud run services delete api', decision: 'block' },
      { input: 'gcloud compute disks delete data-disk', decision: 'block' },
      { input: 'gcloud storage rm -r gs://my-bucket', decision: 'block' },
      { input: 'gcloud storage rm gs://my-bucket/**', decision: 'block' },
      { input: 'gcloud storage buckets delete gs://my-bucket', decision: 'block' },
      'gcloud run services delete api --region us-central1',
      { input: 'gcloud firestore databases delete --database=(default)', decision: 'block' },
      'gcloud secrets delete api-key',
      { input: 'gcloud beta sql instances delete main-db -q', decision: 'block' },
      'gcloud scheduler jobs delete nightly',
      { input: 'gsutil -m rm -r gs://my-bucket', decision: 'block' },
      { input: 'gsutil rm gs://my-bucket/**', decision: 'block' },
      'gsutil rb gs://old-bucket',
      { input: 'bq rm -r -f -d analytics', decision: 'block' },
      { input: 'bq rm -f -t analytics.events', decision: 'block' },
      'bq rm analytics.events_tmp',
    ],
    pass: [
      'gcloud projects list',
      'gcloud sql instances describe main-db',
      'gcloud container clusters get-credentials main --region us-central1',
      'gcloud compute instances list',
      'gcloud storage ls gs://my-bucket',
      'gcloud storage cp -r ./dist gs://site',
      'gcloud storage rm gs://my-bucket/tmp/report.csv',
      'gcloud run deploy api --source .',
      'gcloud logging read "severity>=ERROR" --limit 20',
      'gcloud config set project my-app-dev',
      'gcloud config set project shop-prod && gcloud compute instances list',
      'gcloud auth list',
      'gcloud compute instances delete --help',
      'gsutil ls gs://my-bucket',
      'gsutil cp report.csv gs://my-bucket/reports/',
      'gsutil -m rsync -r -d ./dist gs://my-site',
      'gsutil rm gs://my-bucket/tmp/a.json',
      'bq ls',
      'bq show analytics.events',
      'bq query --use_legacy_sql=false "SELECT COUNT(*) FROM analytics.events"',
    ],
  },
});
