import { defineCommandRule } from '../../rule';
import type { SimpleCommand } from '../../shell/types';
import { isUnresolved, readable } from '../../shell/types';
import type { Decision } from '../../types';
import { flagValue, hasAny } from '../cloud/_cli';
import { allNamespaces, hasAll, isDryRun, kubeTarget, kubeWords, normaliseKind } from './_kube';

/** Kinds whose deletion takes everything in them, or data, with it. */
const WIDE: Record<string, string> = {
  namespace: 'a whole namespace and everything in it',
  persistentvolume: 'a persistent volume (the data on it may be deleted with it)',
  persistentvolumeclaim: 'a volume claim (with the default reclaim policy the data is deleted)',
  customresourcedefinition: 'a CRD, which deletes every custom resource of that kind in the cluster',
  node: 'a node',
  all: 'every workload of the namespace',
  volumesnapshot: 'a volume snapshot (a backup)',
  storageclass: 'a storage class',
};
/** Kinds a controller recreates, or that are meant to be short-lived. */
const EPHEMERAL = new Set(['pod', 'job', 'replicaset', 'event', 'lease', 'endpoints', 'endpointslice', 'cronjob', 'horizontalpodautoscaler', 'poddisruptionbudget']);
/** Custom resources that are databases, queues or backups. */
const DATA_KIND = /(postgres|mysql|mariadb|mongo|redis|kafka|elastic|opensearch|cassandra|database|dbcluster|^cluster$|backup|snapshot|volume|bucket|minio|rabbitmq|etcd|clickhouse|cockroach|timescale|vitess|tidb|zookeeper)/i;

/**
 * What a list fed in from elsewhere names: `kubectl get pvc -o name | xargs kubectl delete`,
 * `kubectl delete $(kubectl get ns -o name)`. The kind `kubectl get` lists, or undefined when not known.
 */
function listedKind(cmd: SimpleCommand, words: readonly string[]): { fed: boolean; kind?: string; filtered: boolean } {
  const sources: string[] = [];
  // Every stage of the pipeline that feeds xargs: `kubectl get pods -o name | grep Evicted | xargs …`.
  for (let s = cmd.wrappers.includes('xargs') ? cmd.stdin : undefined; s?.kind === 'pipe'; s = s.producer.stdin) {
    sources.push([s.producer.name, ...s.producer.args].join(' '));
  }
  for (const w of words) if (isUnresolved(w)) sources.push(readable(w, cmd));
  const fed = cmd.wrappers.includes('xargs') || sources.length > 0;
  const filtered = sources.some((t) => /(^|[|(\s])(grep|egrep|rg|awk|head|tail|sed|cut|jq)\s/.test(`${t} `)) || words.some((w) => /--field-selector|-l\b|--selector/.test(readable(w, cmd)));
  for (const text of sources) {
    const m = /\b(?:kubectl|oc|kubecolor)\b(?:\s+-\S+(?:\s+[^-\s]\S*)?)*\s+get\s+([A-Za-z.,/-]+)/.exec(text);
    if (m) return { fed, kind: normaliseKind(m[1]!.split(/[,/]/)[0]!), filtered: filtered || /\s(-l|--selector|--field-selector)[\s=]/.test(text) };
  }
  return { fed, filtered };
}

export default defineCommandRule({
  meta: {
    id: 'k8s/kubectl-delete',
    commands: ['kubectl', 'oc', 'kubecolor'],
    decision: 'ask',
    severity: 'critical',
    description: '`kubectl delete` of wide or data-bearing targets: namespaces, persistent volumes and claims, CRDs, nodes, `all`, `--all`, `-A`, database custom resources, label selectors and manifest folders; any delete against a production context, namespace or manifest path is a block. Deleting one pod or job stays quiet.',
    message: 'Deletes {{target}} ({{what}})',
    safer: 'Check the context first (`kubectl config current-context`), preview with `--dry-run=server -o name`, back up (`kubectl get … -o yaml > backup.yaml`, Velero), and delete one named object.',
  },
  check(cmd, ctx) {
    const { sub, rest } = kubeWords(cmd);
    if (sub !== 'delete' || isDryRun(cmd.args) || hasAny(cmd.args, '-h', '--help')) return;
    const target = kubeTarget(cmd, ctx);
    const signals = [...target.prod];
    const files = [flagValue(cmd.args, '-f', '--filename'), flagValue(cmd.args, '-k', '--kustomize')].filter((f): f is string => f !== undefined);
    const everywhere = allNamespaces(cmd.args);
    const all = hasAll(cmd.args);
    const selector = flagValue(cmd.args, '-l', '--selector') ?? flagValue(cmd.args, '--field-selector');
    const orphan = cmd.args.some((a) => a === '--cascade=orphan' || a === '--cascade=false');
    if (target.context) signals.push(`context ${target.context}`);
    const report = (what: string, tgt: string, base: Decision): void => {
      let decision = base;
      if (target.prod.length) decision = 'block';
      else if (target.local) decision = decision === 'block' ? 'ask' : 'allow';
      if (decision === 'allow') return;
      ctx.report({ target: tgt, data: { what }, decision, signals: [...new Set(signals)] });
    };
    if (files.length) {
      report('everything the manifests define, with its data', files.join(', '), 'ask');
      return;
    }
    // `delete ns foo bar`, `delete pvc/data-0 deploy/api`, `delete pods --all`.
    const specs: { kind: string; name?: string }[] = [];
    if (rest.length && rest.every((r) => r.includes('/'))) for (const r of rest) specs.push({ kind: normaliseKind(r.split('/')[0]!), name: r.split('/').slice(1).join('/') });
    else if (rest.length) {
      for (const kind of rest[0]!.split(',')) {
        const names = rest.slice(1);
        if (names.length) for (const n of names) specs.push({ kind: normaliseKind(kind), name: n });
        else specs.push({ kind: normaliseKind(kind) });
      }
    }
    const ns = target.namespace ? ` in namespace ${target.namespace}` : '';
    // Names (or kinds) that only a list run first can tell: judged by the kind it lists, unknown counts as wide.
    const listed = listedKind(cmd, rest);
    if (listed.fed && (!specs.length || specs.some((s) => isUnresolved(s.kind) || !s.name || isUnresolved(s.name)))) {
      const kind = specs.find((s) => !isUnresolved(s.kind))?.kind ?? listed.kind;
      // Pods and jobs come back or are meant to go; all of them in a production namespace is still an outage.
      if (kind && EPHEMERAL.has(kind)) {
        if (!listed.filtered && target.prod.length) report(`every ${kind} the list names${ns}`, `${kind}s listed at run time${ns}`, 'ask');
        return;
      }
      const wide = kind === undefined || !!WIDE[kind] || DATA_KIND.test(kind);
      report(`every ${kind ?? 'object'} the list names${ns}`, `${kind ?? 'object'}s listed at run time${ns}`, wide ? 'block' : 'ask');
      return;
    }
    if (!specs.length) return;
    for (const s of specs) {
      const label = s.name ? `${s.kind} ${s.name}` : `${s.kind}`;
      if (everywhere || (all && !s.name)) {
        if (EPHEMERAL.has(s.kind) && s.kind !== 'cronjob' && !everywhere && s.kind !== 'job') {
          report(`every ${s.kind}${ns}`, `all ${s.kind}s${ns}`, 'ask');
        } else report(`every ${s.kind}${everywhere ? ' in every namespace' : ns}`, `all ${s.kind}s${everywhere ? ' in all namespaces' : ns}`, 'block');
        continue;
      }
      if (!s.name && selector) {
        if (EPHEMERAL.has(s.kind)) continue; // deleting matching pods restarts them
        report(`every ${s.kind} matching ${selector}${ns}`, `${s.kind}s matching ${selector}`, WIDE[s.kind] || DATA_KIND.test(s.kind) ? 'block' : 'ask');
        continue;
      }
      if (!s.name) continue; // kubectl refuses a bare kind without names, --all or a selector
      if (WIDE[s.kind]) {
        report(WIDE[s.kind]!, label + ns, s.kind === 'node' ? 'ask' : 'block');
        continue;
      }
      if (DATA_KIND.test(s.kind) && !EPHEMERAL.has(s.kind)) {
        report(`a ${s.kind} resource (a database, queue or backup run by an operator)`, label + ns, 'block');
        continue;
      }
      if (EPHEMERAL.has(s.kind) || orphan) continue;
      report(s.kind === 'statefulset' ? 'a stateful workload (its pods stop; the volumes stay)' : `a ${s.kind}`, label + ns, 'ask');
    }
  },
  tests: {
    pause: [
      { input: 'kubectl delete ns staging', decision: 'block' },
      { input: 'kubectl delete namespace payments', decision: 'block' },
      { input: 'kubectl delete pvc data-postgres-0', decision: 'block' },
      { input: 'kubectl delete pv pvc-1234', decision: 'block' },
      { input: 'kubectl delete crd certificates.cert-manager.io', decision: 'block' },
      { input: 'kubectl delete pods --all -A', decision: 'block' },
      { input: 'kubectl delete all --all -n default', decision: 'block' },
      { input: 'kubectl delete deployments --all', decision: 'block' },
      { input: 'kubectl delete postgresclusters.postgres-operator.crunchydata.com hippo', decision: 'block' },
      { input: 'kubectl -n prod delete deployment api', decision: 'block' },
      { input: 'kubectl --context prod-eu delete svc web', decision: 'block' },
      { input: 'KUBECONFIG=~/.kube/prod.yaml kubectl delete deploy api', decision: 'block' },
      { input: 'kubectl config use-context prod && kubectl delete deployment api', decision: 'block', note: 'the context selected earlier in the line' },
      { input: 'kubectx prod-eu && kubectl delete svc web', decision: 'block' },
      { input: 'kubens payments-prod && kubectl delete deployment api', decision: 'block' },
      { input: 'kubectl config set-context --current --namespace=production; kubectl delete cm app', decision: 'block' },
      { input: 'kubectx minikube && kubectl delete ns payments', decision: 'ask', note: 'a local cluster: a namespace still asks' },
      { input: 'kubectl delete -f k8s/production/', decision: 'block' },
      'kubectl delete deployment api',
      'kubectl delete svc web',
      'kubectl delete statefulset redis',
      'kubectl delete -f k8s/',
      'kubectl delete -k overlays/dev',
      'kubectl delete deployments -l app=web',
      { input: 'kubectl delete node worker-3' },
      { input: 'kubectl delete ns preview-42 --context kind-dev', note: 'a local cluster: a namespace still pauses' },
      { input: 'kubectl kustomize overlays/prod | kubectl delete -f -', note: 'manifests from stdin' },
      { input: 'oc delete project legacy', decision: 'block', note: 'OpenShift projects are namespaces' },
      { input: 'kubectl get ns -o name | xargs kubectl delete', decision: 'block', note: 'every namespace the list names' },
      { input: 'kubectl get pvc -o name | xargs -n1 kubectl delete', decision: 'block' },
      { input: 'kubectl delete $(kubectl get pvc -o name)', decision: 'block' },
      { input: 'kubectl get deploy -o name | xargs kubectl delete', decision: 'ask' },
      { input: 'cat names.txt | xargs kubectl delete', decision: 'block', note: 'a list of unknown objects' },
      { input: 'kubectl get pods -o name -n prod | xargs kubectl delete -n prod', decision: 'block', note: 'a production namespace' },
    ],
    pass: [
      'kubectl get pods -A',
      'kubectl describe pod api-7d9f',
      'kubectl logs -f deploy/api',
      'kubectl top nodes',
      'kubectl diff -f k8s/',
      'kubectl delete pod api-7d9f',
      'kubectl delete pod api-7d9f -n production',
      'kubectl delete job migrate-20240101',
      'kubectl delete ns old --dry-run=server',
      'kubectl delete deployment api --context kind-kind',
      'kubectl config use-context kind-dev && kubectl delete deployment api',
      'kubectx prod && kubectl get pods',
      'kubectx prod && kubectl delete pod api-7d9f',
      'kubectl delete -f k8s/ --dry-run=client',
      'kubectl delete pods --field-selector=status.phase==Failed',
      'kubectl delete pods -l app=web',
      'kubectl get secret db-creds',
      'kubectl delete --help',
      'kubectl get pods -o name | grep Evicted | xargs kubectl delete',
      'kubectl delete pod $(kubectl get pods -l app=web -o name | head -1)',
      'kubectl get pods --field-selector=status.phase==Failed -o name | xargs kubectl delete',
      'kubectl config get-contexts',
      'echo "kubectl delete ns prod"',
    ],
  },
});
