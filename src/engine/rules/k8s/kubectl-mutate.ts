import { defineCommandRule } from '../../rule';
import type { Decision } from '../../types';
import { flagValue, hasAny } from '../cloud/_cli';
import { isDryRun, kubeTarget, kubeWords } from './_kube';

/** Subcommands that change the cluster; against production they pause even when they destroy nothing. */
const CHANGES = new Set(['apply', 'create', 'patch', 'edit', 'replace', 'set', 'label', 'annotate', 'rollout', 'scale', 'autoscale', 'expose', 'taint', 'cordon', 'uncordon', 'drain', 'run', 'cp']);

export default defineCommandRule({
  meta: {
    id: 'k8s/kubectl-mutate',
    commands: ['kubectl', 'oc', 'kubecolor'],
    decision: 'ask',
    severity: 'high',
    description: 'kubectl changes that destroy or cause outages (`replace --force`, `apply --prune`, `scale --replicas=0`, `drain`), and any change (`apply`, `patch`, `edit`, `set image`, `rollout undo`…) against a production context, namespace or manifest path.',
    message: '`kubectl {{sub}}` {{what}} ({{target}})',
    safer: 'Preview with `kubectl diff -f …` or `--dry-run=server`, check the context, and make the change through the normal deploy pipeline for production.',
  },
  check(cmd, ctx) {
    const { sub, rest } = kubeWords(cmd);
    if (!sub || !CHANGES.has(sub) || isDryRun(cmd.args) || hasAny(cmd.args, '-h', '--help')) return;
    if (sub === 'rollout' && /^(status|history|pause)$/.test(rest[0] ?? '')) return;
    if (sub === 'set' && rest[0] === 'last-applied' && cmd.args.includes('--view')) return;
    const target = kubeTarget(cmd, ctx);
    const what = rest.join(' ') || flagValue(cmd.args, '-f', '--filename') || flagValue(cmd.args, '-k', '--kustomize') || 'the cluster';
    const signals = [...target.prod];
    let decision: Decision | undefined;
    let how = '';
    if (sub === 'replace' && hasAny(cmd.args, '--force')) {
      decision = 'ask';
      how = 'deletes and recreates the objects (--force)';
    } else if (sub === 'apply' && hasAny(cmd.args, '--prune')) {
      decision = 'ask';
      how = 'deletes every object with the label that is not in the manifests (--prune)';
    } else if (sub === 'scale' && /^0$/.test(flagValue(cmd.args, '--replicas') ?? '')) {
      decision = hasAny(cmd.args, '--all') ? 'block' : 'ask';
      how = 'scales to zero replicas (the service stops)';
    } else if (sub === 'drain') {
      decision = 'ask';
      how = 'evicts every pod from the node';
      if (hasAny(cmd.args, '--delete-emptydir-data', '--delete-local-data')) signals.push('--delete-emptydir-data deletes the pods\' local data');
    } else if (target.prod.length) {
      decision = 'ask';
      how = 'changes production';
    }
    if (!decision) return;
    if (target.prod.length && how !== 'changes production') decision = 'block';
    if (target.local && !target.prod.length) return;
    ctx.report({ target: what, data: { sub, what: how }, decision, signals });
  },
  tests: {
    pause: [
      'kubectl replace --force -f deploy.yaml',
      'kubectl apply --prune -l app=web -f k8s/',
      'kubectl scale deployment api --replicas=0',
      { input: 'kubectl scale deploy --all --replicas=0 -n shop', decision: 'block' },
      { input: 'kubectl -n production scale deployment api --replicas=0', decision: 'block' },
      'kubectl drain worker-3 --ignore-daemonsets --delete-emptydir-data',
      { input: 'kubectl --context prod drain node-1', decision: 'block' },
      { input: 'kubectl apply -f k8s/production/deployment.yaml', note: 'a change to production pauses' },
      { input: 'kubectl -n prod set image deployment/api api=api:2.0' },
      { input: 'kubectl --context prod-us rollout undo deployment/api' },
      { input: 'kubectl patch deployment api -n production -p \'{"spec":{"replicas":1}}\'' },
      { input: 'kubectl edit configmap app-config --context production' },
      { input: 'kubectl replace --force -f k8s/overlays/prod/db.yaml', decision: 'block' },
    ],
    pass: [
      'kubectl apply -f k8s/',
      'kubectl apply -k overlays/dev',
      'kubectl apply -f deploy.yaml --dry-run=server',
      'kubectl apply -f k8s/production/ --dry-run=client',
      'kubectl diff -f k8s/production/',
      'kubectl scale deployment api --replicas=3',
      'kubectl rollout status deployment/api -n production',
      'kubectl rollout history deployment/api --context prod',
      'kubectl rollout restart deployment/api',
      'kubectl scale deployment api --replicas=0 --context kind-dev',
      'kubectl get pods -n production',
      'kubectl logs deploy/api -n production --tail=100',
      'kubectl port-forward svc/api 8080:80 -n production',
      'kubectl create namespace preview-42',
      'kubectl cordon worker-3',
    ],
  },
});
