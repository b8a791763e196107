import { defineCommandRule } from '../../rule';
import type { Cli } from '../cloud/_cli';
import { judgeCli } from '../cloud/_cli';

const TOOLS: Record<string, Cli> = {
  argocd: {
    valueOptions: ['--server', '--grpc-web-root-path', '--auth-token', '-p', '--parameter', '--propagation-policy', '--cascade', '--revision', '--resource', '--app-namespace', '-l', '--selector'],
    confirm: ['-y', '--yes'],
    safer: 'Use `argocd app diff` first; delete with `--cascade=false` to keep the workloads, or remove one resource.',
    ops: [
      { sub: 'app delete', what: 'deletes the application {{target}} and (cascading) every resource it manages', unless: (inv) => inv.args.some((a) => a === '--cascade=false'), target: (inv) => inv.rest.join(' ') || 'the selected applications' },
      { sub: 'app sync', what: 'prunes resources missing from Git on a production app', when: (inv) => inv.has('--prune'), prodOnly: true },
      { sub: 'cluster rm', what: 'removes the cluster {{target}} from Argo CD' },
      { sub: 'proj|appset delete', what: 'deletes {{target}} and the applications it generates' },
    ],
  },
  flux: {
    valueOptions: ['-n', '--namespace', '--context', '--kubeconfig'],
    confirm: ['-s', '--silent'],
    safer: 'Suspend instead (`flux suspend kustomization …`) and read what would be pruned.',
    ops: [
      { sub: 'uninstall', what: 'removes Flux and its custom resources from the cluster', target: () => 'Flux' },
      { sub: 'delete', what: 'deletes the Flux object {{target}}; with pruning on, the workloads it applied go too', target: (inv) => inv.rest.join(' ') },
    ],
  },
};

export default defineCommandRule({
  meta: {
    id: 'k8s/gitops',
    commands: Object.keys(TOOLS),
    decision: 'ask',
    severity: 'high',
    description: 'GitOps controllers that delete what they deployed: `argocd app delete` (cascading by default), `argocd appset delete`, `flux delete kustomization`, `flux uninstall`.',
    message: '{{what}}',
    safer: 'Diff first, suspend rather than delete, and keep workloads with `--cascade=false`.',
  },
  check(cmd, ctx) {
    const cli = TOOLS[cmd.name];
    if (cli) judgeCli(cmd, ctx, cli, cmd.name);
  },
  tests: {
    pause: [
      'argocd app delete web',
      { input: 'argocd app delete payments-prod --yes', decision: 'block' },
      'argocd appset delete previews',
      'flux delete kustomization apps',
      'flux uninstall',
    ],
    pass: [
      'argocd app list',
      'argocd app diff web',
      'argocd app sync web',
      'argocd app delete web --cascade=false',
      'flux get kustomizations',
      'flux reconcile kustomization apps',
      'flux suspend kustomization apps',
    ],
  },
});
