import { defineCommandRule } from '../../rule';
import type { Cli, Inv } from '../cloud/_cli';
import { DATA_WORD, judgeCli } from '../cloud/_cli';

const dataRelease = (inv: Inv): string | false => DATA_WORD.test(inv.rest[0] ?? '') && `${inv.rest[0]} looks like a data store; its volume claims may be deleted with it`;

const HELM: Cli = {
  valueOptions: ['-n', '--namespace', '--kube-context', '--kubeconfig', '-f', '--values', '--set', '--set-string', '--set-file', '--version', '--timeout', '--description', '--repo', '--post-renderer', '--cascade', '--history-max'],
  safer: 'Preview with `helm uninstall --dry-run` / `helm diff upgrade`, back up the release\'s volumes, and check `--kube-context` first.',
  ops: [
    { sub: 'uninstall|delete|del|un', what: 'removes the release {{target}} and every object it created', escalate: (inv) => [dataRelease(inv)] },
    { sub: 'upgrade', what: 'deletes and recreates the release\'s objects (--force)', when: (inv) => inv.has('--force'), escalate: (inv) => [dataRelease(inv)] },
    { sub: 'rollback', what: 'rolls the release {{target}} back to an older revision (newer config and hooks are undone)' },
    { sub: 'upgrade|install', what: 'changes a production release', prodOnly: true },
  ],
};

const HELMFILE: Cli = {
  valueOptions: ['-e', '--environment', '-f', '--file', '-l', '--selector', '--kube-context', '-n', '--namespace', '--state-values-set'],
  safer: 'Run `helmfile diff` first and destroy one selected release (`-l name=…`).',
  ops: [
    { sub: 'destroy|delete', what: 'removes every release in the helmfile ({{target}})', target: (inv) => inv.value('-l', '--selector') ?? 'all releases' },
    { sub: 'apply|sync', what: 'changes production releases', prodOnly: true, target: (inv) => inv.value('-e', '--environment') ?? 'the selected releases' },
  ],
};

export default defineCommandRule({
  meta: {
    id: 'k8s/helm',
    commands: ['helm', 'helmfile'],
    decision: 'ask',
    severity: 'high',
    description: 'Helm and helmfile commands that remove or replace releases: `helm uninstall` (volume claims may go with it), `helm upgrade --force`, `helmfile destroy`; and any upgrade, install or rollback against a production namespace or kube context.',
    message: '{{what}}',
    safer: 'Preview with `--dry-run` or `helm diff`, and back up volumes first.',
  },
  check(cmd, ctx) {
    judgeCli(cmd, ctx, cmd.name === 'helmfile' ? HELMFILE : HELM, cmd.name);
  },
  tests: {
    pause: [
      'helm uninstall web',
      'helm delete web',
      { input: 'helm uninstall web -n production', decision: 'block' },
      { input: 'helm uninstall api --kube-context prod-eu', decision: 'block' },
      { input: 'kubectx prod-eu && helm uninstall api', decision: 'block', note: 'the context selected earlier in the line' },
      { input: 'helm uninstall postgresql', decision: 'block' },
      'helm upgrade web ./chart --force',
      { input: 'helm upgrade --install api ./chart -n prod -f values-prod.yaml', note: 'a production upgrade pauses' },
      { input: 'helm rollback api 3 -n production', decision: 'block' },
      'helm rollback web 2',
      'helmfile destroy',
      { input: 'helmfile -e production apply' },
    ],
    pass: [
      'helm list -A',
      'helm template web ./chart',
      'helm lint ./chart',
      'helm diff upgrade web ./chart -n production',
      'helm uninstall web --dry-run',
      'helm upgrade --install web ./chart -n dev',
      'helm install redis bitnami/redis --namespace dev',
      'helm repo add bitnami https://charts.bitnami.com/bitnami',
      'helm repo remove bitnami',
      'helm plugin uninstall diff',
      'helm status web',
      'kubectx prod-eu && helm list',
      'helmfile diff',
      'helmfile -e dev apply',
    ],
  },
});
