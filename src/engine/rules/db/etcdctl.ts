import { defineCommandRule } from '../../rule';
import { flag, judge, opt, parseArgs, signalsFor } from './_target';

const VALUE = ['--endpoints', '--user', '--password', '--cacert', '--cert', '--key', '--dial-timeout', '--command-timeout', '-w', '--write-out', '--discovery-srv'];

export default defineCommandRule({
  meta: {
    id: 'db/etcdctl',
    commands: ['etcdctl'],
    decision: 'block',
    severity: 'critical',
    description: '`etcdctl del` over a range: `del "" --prefix` or `--from-key ""` deletes every key (Kubernetes and service state included); a non-empty prefix deletes a whole subtree. Deleting one key stays allowed.',
    message: 'Deletes {{what}} from etcd ({{target}})',
    safer: 'Take `etcdctl snapshot save` first and delete single keys, or a narrow prefix you have listed with `get --prefix --keys-only`.',
  },
  check(cmd, ctx) {
    const p = parseArgs(cmd.args, VALUE);
    if (p.positionals[0] !== 'del' && p.positionals[0] !== 'delete') return;
    const key = p.positionals[1];
    // Boolean flags may be written `--prefix=true`.
    const on = (name: string): boolean => flag(p, name) || /^(true|1)$/i.test(opt(p, name) ?? '');
    const prefix = on('--prefix');
    const fromKey = on('--from-key');
    const rangeEnd = p.positionals[2];
    if (!prefix && !fromKey && rangeEnd === undefined) return; // one key
    const everything = (prefix || fromKey) && (key === undefined || key === '' || key === '/' || key === '\\0');
    const endpoints = opt(p, '--endpoints') ?? cmd.env.ETCDCTL_ENDPOINTS ?? ctx.env.ETCDCTL_ENDPOINTS;
    const target = endpoints?.split(',')[0];
    const where = endpoints ?? 'the default etcd';
    if (everything) {
      const verdict = judge(signalsFor(ctx, cmd, target));
      ctx.report({ target: where, data: { what: 'every key' }, decision: verdict.decision ?? 'ask', signals: verdict.signals });
      return;
    }
    const verdict = judge(signalsFor(ctx, cmd, target), 'mild');
    if (!verdict.decision) return;
    ctx.report({ target: where, data: { what: rangeEnd !== undefined ? `every key from ${key} to ${rangeEnd}` : `every key under ${key}` }, decision: verdict.decision, severity: 'high', signals: verdict.signals });
  },
  tests: {
    pause: [
      'etcdctl del "" --prefix',
      "etcdctl del '' --from-key",
      'ETCDCTL_API=3 etcdctl --endpoints=https://10.0.0.5:2379 del / --prefix',
      { input: 'etcdctl del /registry/pods --prefix', decision: 'ask' },
      { input: 'etcdctl --endpoints=https://etcd.prod.internal:2379 del /config/ --prefix', decision: 'block' },
      'etcdctl del "" --from-key=true',
      'etcdctl del / --prefix=true',
    ],
    pass: [
      'etcdctl get "" --prefix --keys-only',
      'etcdctl del /config/feature-x',
      'etcdctl put /config/feature-x on',
      'etcdctl member list',
      'etcdctl snapshot save backup.db',
      'etcdctl del /config/feature-x --prefix=false',
    ],
  },
});
