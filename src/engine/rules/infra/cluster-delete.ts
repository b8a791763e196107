import { defineCommandRule } from '../../rule';
import type { Cli } from '../cloud/_cli';
import { judgeCli } from '../cloud/_cli';

/** Cluster managers. Local clusters (kind, minikube, k3d) are disposable by design and not listed. */
const TOOLS: Record<string, Cli> = {
  eksctl: {
    valueOptions: ['-n', '--name', '-r', '--region', '--profile', '-f', '--config-file', '--cluster', '--nodegroup'],
    confirm: ['--force', '--disable-nodegroup-eviction'],
    safer: 'Back up workloads and volumes (Velero), drain first, and delete node groups before the cluster.',
    ops: [
      { sub: 'delete cluster', what: 'deletes the EKS cluster {{target}} and everything running in it', decision: 'block', target: (inv) => inv.value('-n', '--name') ?? inv.rest[0] ?? inv.value('-f', '--config-file') ?? 'a cluster' },
      { sub: 'delete nodegroup', what: 'deletes the node group {{target}}', target: (inv) => inv.value('-n', '--name') ?? inv.rest[0] ?? 'a node group' },
      { sub: 'delete addon|iamserviceaccount|fargateprofile', what: 'deletes {{target}} from the cluster', target: (inv) => inv.value('--name', '-n') ?? inv.rest[0] },
    ],
  },
  kops: {
    valueOptions: ['--name', '--state', '-f', '--filename'],
    confirm: ['--yes', '-y'],
    ops: [
      { sub: 'delete cluster', what: 'deletes the cluster {{target}} and its cloud resources', target: (inv) => inv.value('--name') ?? inv.rest[0] ?? 'a cluster' },
      { sub: 'delete instancegroup|ig', what: 'deletes the instance group {{target}}' },
      { sub: 'rolling-update cluster', what: 'replaces every node of a production cluster', prodOnly: true, target: (inv) => inv.value('--name') ?? inv.rest[0] },
    ],
  },
  rosa: { valueOptions: ['-c', '--cluster', '--region'], confirm: ['--yes', '-y'], ops: [{ sub: 'delete cluster', what: 'deletes the OpenShift cluster {{target}}', decision: 'block', target: (inv) => inv.value('-c', '--cluster') ?? inv.rest[0] }] },
  talosctl: { valueOptions: ['-n', '--nodes', '-e', '--endpoints'], ops: [{ sub: 'reset', what: 'wipes the Talos node {{target}}', target: (inv) => inv.value('-n', '--nodes') ?? 'the selected nodes' }] },
  velero: { valueOptions: ['-n', '--namespace'], confirm: ['--confirm'], ops: [
    { sub: 'backup delete', what: 'deletes cluster backups ({{target}})', target: (inv) => (inv.has('--all') ? 'every backup' : inv.rest[0]), escalate: (inv) => [inv.has('--all') && '--all deletes every backup'] },
    { sub: 'schedule delete', what: 'deletes the backup schedule {{target}}', target: (inv) => (inv.has('--all') ? 'every schedule' : inv.rest[0]) },
  ] },
};

export default defineCommandRule({
  meta: {
    id: 'infra/cluster-delete',
    commands: Object.keys(TOOLS),
    decision: 'ask',
    severity: 'critical',
    description: 'Deleting whole Kubernetes clusters, node groups or cluster backups: `eksctl delete cluster`, `kops delete cluster --yes`, `rosa delete cluster`, `talosctl reset`, `velero backup delete --all`. (Local clusters from kind, minikube and k3d are disposable and not flagged.)',
    message: '{{what}}',
    safer: 'Back up first (`velero backup create`), check which context you are on, and delete a node group before a whole cluster.',
  },
  check(cmd, ctx) {
    const cli = TOOLS[cmd.name];
    if (cli) judgeCli(cmd, ctx, cli, cmd.name);
  },
  tests: {
    pause: [
      { input: 'eksctl delete cluster --name demo', decision: 'block' },
      { input: 'eksctl delete cluster -f cluster.yaml', decision: 'block' },
      'eksctl delete nodegroup --cluster demo --name ng-1',
      'kops delete cluster --name k8s.example.com',
      { input: 'kops delete cluster --name prod.k8s.example.com --yes', decision: 'block' },
      { input: 'rosa delete cluster -c prod-cluster', decision: 'block' },
      'talosctl reset -n 10.0.0.5',
      { input: 'velero backup delete --all --confirm', decision: 'block' },
    ],
    pass: [
      'eksctl get cluster',
      'eksctl create cluster -f cluster.yaml',
      'eksctl utils describe-stacks --cluster demo',
      'kops get clusters',
      'kops validate cluster',
      'kind delete cluster',
      'minikube delete',
      'k3d cluster delete dev',
      'velero backup create nightly',
      'velero backup get',
    ],
  },
});
