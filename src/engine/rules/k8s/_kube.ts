/**
 * Reading kubectl command lines: the subcommand, resource kinds and names, and where it points (context,
 * namespace, kubeconfig) — production, a local throwaway cluster, or unknown.
 */
import type { RuleContext } from '../../rule';
import type { SimpleCommand } from '../../shell/types';
import { flagValue, hasAny, looksProd, prodSignals, words } from '../cloud/_cli';

export const KUBECTL_VALUE = [
  '-n', '--namespace', '--context', '--kubeconfig', '--cluster', '--user', '-l', '--selector', '-f', '--filename', '-k', '--kustomize',
  '-o', '--output', '--field-selector', '--grace-period', '--timeout', '-c', '--container', '--token', '-s', '--server', '--as',
  '--as-group', '--request-timeout', '--replicas', '--current-replicas', '--resource-version', '--template', '--sort-by',
  '--field-manager', '--selector', '--prune-allowlist', '--prune-whitelist', '--type', '-p', '--patch', '--patch-file', '--image',
  '--port', '--target-port', '--name', '--chunk-size', '--pod-running-timeout', '--wait', '--cascade', '--for', '--to-revision',
  '--skip-wait-for-delete-timeout', '--delete-emptydir-data-timeout', '--min', '--max', '--cpu-percent', '--raw',
];

/** Contexts of clusters that live on this machine and are rebuilt in a minute. */
const LOCAL_CONTEXT = /^(kind-.*|minikube|docker-desktop|docker-for-desktop|k3d-.*|rancher-desktop|orbstack|colima|microk8s|k3s|kind|default-local|.*-local)$/i;

export interface KubeTarget {
  context: string | undefined;
  namespace: string | undefined;
  /** Strong production signals (prod context, namespace, kubeconfig, manifest paths). */
  prod: string[];
  /** The context is a local development cluster. */
  local: boolean;
}

export function kubeTarget(cmd: SimpleCommand, ctx: RuleContext): KubeTarget {
  // `kubectx prod && kubectl …`: a context or namespace selected earlier in the line (context/switches.ts).
  const context = flagValue(cmd.args, '--context', '--kube-context') ?? cmd.env.KUBE_CONTEXT ?? cmd.env.HELM_KUBECONTEXT;
  const namespace = flagValue(cmd.args, '-n', '--namespace') ?? cmd.env.KUBE_NAMESPACE ?? cmd.env.HELM_NAMESPACE;
  const prod = prodSignals(cmd, ctx);
  for (const [flag, value] of [['--cluster', flagValue(cmd.args, '--cluster')], ['--user', flagValue(cmd.args, '--user')], ['--kubeconfig', flagValue(cmd.args, '--kubeconfig')]] as const) {
    if (looksProd(value) && !prod.some((s) => s.includes(value!))) prod.push(`${flag} ${value}`);
  }
  if (looksProd(context) && !prod.some((s) => s.includes(context!))) prod.push(`--context ${context}`);
  if (looksProd(namespace) && !prod.some((s) => s.includes(namespace!))) prod.push(`namespace ${namespace}`);
  const kubeconfig = ctx.env.KUBECONFIG ?? cmd.env.KUBECONFIG;
  const local = context !== undefined ? LOCAL_CONTEXT.test(context) : /(kind|minikube|k3d)/i.test(kubeconfig ?? '') && !looksProd(kubeconfig);
  return { context, namespace, prod, local: local && prod.length === 0 };
}

/** `kubectl [global flags] <sub> …`: the subcommand and the positional words after it. */
export function kubeWords(cmd: SimpleCommand): { sub: string | undefined; rest: string[] } {
  const w = words(cmd.args, KUBECTL_VALUE);
  return { sub: w[0], rest: w.slice(1) };
}

export const KIND_ALIASES: Record<string, string> = {
  ns: 'namespace', namespaces: 'namespace', project: 'namespace', projects: 'namespace', pv: 'persistentvolume', persistentvolumes: 'persistentvolume',
  pvc: 'persistentvolumeclaim', persistentvolumeclaims: 'persistentvolumeclaim', crd: 'customresourcedefinition',
  crds: 'customresourcedefinition', customresourcedefinitions: 'customresourcedefinition', no: 'node', nodes: 'node',
  po: 'pod', pods: 'pod', deploy: 'deployment', deployments: 'deployment', sts: 'statefulset', statefulsets: 'statefulset',
  ds: 'daemonset', daemonsets: 'daemonset', svc: 'service', services: 'service', cm: 'configmap', configmaps: 'configmap',
  secrets: 'secret', ing: 'ingress', ingresses: 'ingress', sa: 'serviceaccount', serviceaccounts: 'serviceaccount',
  rs: 'replicaset', replicasets: 'replicaset', jobs: 'job', cj: 'cronjob', cronjobs: 'cronjob', ev: 'event', events: 'event',
  sc: 'storageclass', storageclasses: 'storageclass', netpol: 'networkpolicy', hpa: 'horizontalpodautoscaler', pdb: 'poddisruptionbudget',
  leases: 'lease', endpoints: 'endpoints', ep: 'endpoints', volumesnapshots: 'volumesnapshot', vs: 'volumesnapshot',
};

export function normaliseKind(kind: string): string {
  const k = kind.toLowerCase().split('.')[0]!;
  return KIND_ALIASES[k] ?? k.replace(/s$/, '');
}

export function isDryRun(args: readonly string[]): boolean {
  return args.some((a) => /^--dry-run(=(client|server|true))?$/.test(a));
}

export function hasAll(args: readonly string[]): boolean {
  return hasAny(args, '--all');
}

export function allNamespaces(args: readonly string[]): boolean {
  return hasAny(args, '-A', '--all-namespaces');
}
