import type { Rule } from '../../rule';
import gitops from './gitops';
import helm from './helm';
import kubectlDelete from './kubectl-delete';
import kubectlMutate from './kubectl-mutate';

export const k8sRules: Rule[] = [kubectlDelete, kubectlMutate, helm, gitops];
