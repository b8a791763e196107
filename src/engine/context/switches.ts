/**
 * Commands that select a target for the commands after them: `kubectl config use-context prod`, `kubectx prod`,
 * `kubens payments`, `gcloud config set project acme-prod`, `terraform workspace select prod`,
 * `az account set -s prod`, `pulumi stack select prod`, `docker context use prod`, `firebase use prod`.
 * The shell analysis hands each one on to the later commands of the same line as the environment variable that
 * means the same thing (`TF_WORKSPACE`, `CLOUDSDK_CORE_PROJECT`, `DOCKER_CONTEXT`…), so
 * `kubectx prod && kubectl delete deploy api` is judged like `kubectl --context prod delete deploy api`. The tools save
 * the choice in a file, so a switch made in a subshell or a nested `bash -c` holds too (but not one made over ssh).
 * kubectl has no such variable: `KUBE_CONTEXT` and `KUBE_NAMESPACE` stand for its context and namespace.
 */

import { optionValue, positionals } from '../shell/words';

export interface TargetSwitch {
  variable: string;
  value: string;
}

const KUBECTL_GLOBAL = ['--kubeconfig', '--context', '--cluster', '--user', '-n', '--namespace', '-s', '--server', '--token'];

/** The targets a command selects for later commands (none for most commands). */
export function targetSwitches(name: string, args: readonly string[]): TargetSwitch[] {
  const set = (variable: string, value: string | undefined): TargetSwitch[] =>
    value !== undefined && value !== '' && !value.startsWith('-') ? [{ variable, value }] : [];
  switch (name) {
    case 'kubectl':
    case 'oc':
    case 'kubecolor': {
      const w = positionals(args, KUBECTL_GLOBAL);
      if (name === 'oc' && w[0] === 'project') return set('KUBE_NAMESPACE', w[1]);
      if (w[0] !== 'config') return [];
      if (w[1] === 'use-context' || w[1] === 'use') return set('KUBE_CONTEXT', w[2]);
      // `config set-context --current --namespace=prod` changes the namespace of the context in use.
      if (w[1] === 'set-context' && args.includes('--current')) return set('KUBE_NAMESPACE', optionValue(args, '--namespace'));
      return [];
    }
    case 'kubectx':
    case 'kubens': {
      // `kubectx new=old` renames, `-d` deletes, `-c` prints, `-` goes back to a context not known here.
      const w = positionals(args);
      if (args.some((a) => a.startsWith('-')) || w.length !== 1 || w[0]!.includes('=')) return [];
      return set(name === 'kubectx' ? 'KUBE_CONTEXT' : 'KUBE_NAMESPACE', w[0]);
    }
    case 'gcloud': {
      const w = positionals(args, ['--project', '--configuration', '--account']);
      if (w[0] !== 'config') return [];
      if (w[1] === 'set' && (w[2] === 'project' || w[2] === 'core/project')) return set('CLOUDSDK_CORE_PROJECT', w[3]);
      if (w[1] === 'configurations' && w[2] === 'activate') return set('CLOUDSDK_ACTIVE_CONFIG_NAME', w[3]);
      return [];
    }
    case 'terraform':
    case 'tofu':
    case 'terragrunt': {
      const w = positionals(args);
      if (w[0] === 'workspace' && (w[1] === 'select' || w[1] === 'new')) return set('TF_WORKSPACE', w[2]);
      return [];
    }
    case 'az': {
      const w = positionals(args, ['--subscription', '-s', '--name', '-n']);
      if (w[0] === 'account' && w[1] === 'set') return set('AZURE_SUBSCRIPTION_ID', optionValue(args, '--subscription', '-s', '--name', '-n'));
      return [];
    }
    case 'pulumi': {
      const w = positionals(args, ['--stack', '-s', '--cwd', '-C']);
      if (w[0] === 'stack' && w[1] === 'select') return set('PULUMI_STACK', w[2] ?? optionValue(args, '--stack', '-s'));
      return [];
    }
    case 'docker': {
      const w = positionals(args, ['--context', '-c', '-H', '--host']);
      if (w[0] === 'context' && w[1] === 'use') return set('DOCKER_CONTEXT', w[2]);
      return [];
    }
    case 'doctl': {
      const w = positionals(args, ['--context']);
      if (w[0] === 'auth' && w[1] === 'switch') return set('DIGITALOCEAN_CONTEXT', optionValue(args, '--context'));
      return [];
    }
    case 'firebase': {
      const w = positionals(args, ['--project', '-P']);
      if (w[0] === 'use' && w.length === 2 && !args.some((a) => a === '--add' || a === '--unalias' || a === '--clear')) return set('FIREBASE_PROJECT', w[1]);
      return [];
    }
  }
  return [];
}
