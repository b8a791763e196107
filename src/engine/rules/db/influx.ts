import { defineCommandRule } from '../../rule';
import { judge, opt, parseArgs, signalsFor } from './_target';
import type { Weight } from './_target';

const VALUE = ['--host', '-t', '--token', '-o', '--org', '--org-id', '-n', '--name', '-i', '--id', '-b', '--bucket', '--bucket-id', '--start', '--stop', '-p', '--predicate', '-c', '--active-config', '--configs-path', '-execute', '-database', '-host', '-port', '-username', '-password', '-format'];

export default defineCommandRule({
  meta: {
    id: 'db/influx',
    commands: ['influx'],
    decision: 'block',
    severity: 'critical',
    description: 'InfluxDB deletions: `influx bucket delete` and `influx org delete` (every series in them), `influx delete` of a time range without a predicate, and InfluxQL `DROP DATABASE`/`DROP MEASUREMENT`/`DELETE` through `influx -execute`.',
    message: '{{what}} ({{target}})',
    safer: 'Export the data first (`influxd inspect export-lp` or `influx query` to a file), and delete with a narrow `--predicate`.',
  },
  check(cmd, ctx) {
    const p = parseArgs(cmd.args, VALUE, [], true);
    const [a0, a1, a2] = p.positionals;
    let what: string | undefined;
    let weight: Weight = 'destructive';
    let target = opt(p, '-n', '--name', '-i', '--id', '-b', '--bucket', '--bucket-id') ?? 'the bucket';
    if ((a0 === 'bucket' || a0 === 'org') && a1 === 'delete') {
      what = a0 === 'org' ? 'Deletes the organisation with every bucket in it' : 'Deletes the bucket and every series in it';
    } else if (a0 === 'v1' && a1 === 'dbrp' && a2 === 'delete') {
      what = 'Deletes a database mapping';
      weight = 'mild';
    } else if (a0 === 'delete') {
      if (opt(p, '-p', '--predicate')) return; // a narrow delete
      what = 'Deletes every point in the time range (no --predicate)';
    } else {
      const q = opt(p, '-execute');
      if (!q) return;
      const m = /\b(DROP\s+(DATABASE|MEASUREMENT|SERIES|RETENTION\s+POLICY|SHARD)|DELETE\s+FROM)\s+("[^"]+"|\S+)?/i.exec(q);
      if (!m) return;
      what = `${m[1]!.toUpperCase().replace(/\s+/g, ' ')} deletes stored series`;
      target = (m[3] ?? opt(p, '-database') ?? 'the database').replace(/"/g, '');
    }
    const host = opt(p, '--host', '-host');
    const verdict = judge(signalsFor(ctx, cmd, host), weight);
    if (!verdict.decision) return;
    ctx.report({ target, data: { what }, decision: verdict.decision, signals: verdict.signals });
  },
  tests: {
    pause: [
      'influx bucket delete -n telemetry',
      'influx bucket delete --name metrics --org acme --host https://us-east-1-1.aws.cloud2.influxdata.com',
      'influx org delete -i 0a1b2c3d',
      'influx delete --bucket metrics --start 1970-01-01T00:00:00Z --stop 2030-01-01T00:00:00Z',
      "influx -execute 'DROP DATABASE telegraf'",
      { input: "influx -host localhost -execute 'DROP MEASUREMENT cpu' -database telegraf", decision: 'ask' },
    ],
    pass: [
      'influx bucket list',
      'influx bucket create -n scratch',
      "influx delete --bucket metrics --start 2024-01-01T00:00:00Z --stop 2024-01-02T00:00:00Z --predicate '_measurement=\"tmp\"'",
      "influx query 'from(bucket:\"metrics\") |> range(start: -1h)'",
      "influx -execute 'SHOW DATABASES'",
    ],
  },
});
