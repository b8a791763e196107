/**
 * Peels wrappers off a command (`sudo`, `env`, `timeout`, `xargs`, package runners…) and follows commands
 * that run other commands (`bash -c`, `eval`, `ssh host …`, `docker exec`, `kubectl exec`, `find -exec`),
 * emitting every simple command that would really run.
 */
import * as path from 'node:path';
import type { Redirect, SimpleCommand, Stdin } from './types';
import type { Walker } from './analyze';
import { runWindowsProgram } from './windows';
import { optionValue } from './words';

export interface Invocation {
  words: string[];
  env: Record<string, string>;
  redirects: Redirect[];
  stdin: Stdin | undefined;
  cwd: string | undefined;
  wrappers: string[];
  remote: string | undefined;
  depth: number;
  /** Puts the original text of substitutions back into a string, for messages. */
  restore(text: string): string;
  /** Git aliases defined earlier in the line (`git config alias.wipe "clean -fdx" && git wipe`). */
  gitAliases?: Readonly<Record<string, string>>;
}

const GIT_GLOBAL_VALUE = new Set(['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--exec-path', '--super-prefix', '--config-env']);

/** Splits `git [global options] <sub> <args>` into the options, the subcommand and its arguments. */
export function splitGit(args: readonly string[]): { globals: string[]; sub: string | undefined; rest: string[] } {
  let i = 0;
  while (i < args.length) {
    const a = args[i]!;
    if (a === '--' || !a.startsWith('-')) break;
    i += GIT_GLOBAL_VALUE.has(a) ? 2 : 1;
  }
  return { globals: args.slice(0, i), sub: args[i], rest: args.slice(i + 1) };
}

/**
 * The command a git alias stands for: from `-c alias.<name>=<value>` options of the same call or from
 * `git config alias.<name> <value>` earlier in the line. `!`-aliases are shell scripts git runs with the arguments.
 */
function gitAlias(args: readonly string[], known: Readonly<Record<string, string>> | undefined): { args?: string[]; script?: string; name: string } | undefined {
  const { globals, sub, rest } = splitGit(args);
  if (sub === undefined) return undefined;
  let value = known?.[sub.toLowerCase()];
  for (let i = 0; i < globals.length; i++) {
    if (globals[i] !== '-c') continue;
    const setting = globals[i + 1] ?? '';
    const eq = setting.indexOf('=');
    if (eq > 0 && setting.slice(0, eq).toLowerCase() === `alias.${sub.toLowerCase()}`) value = setting.slice(eq + 1);
  }
  if (value === undefined || !value.trim()) return undefined;
  if (value.startsWith('!')) return { name: sub, script: [value.slice(1), ...rest].join(' ') };
  return { name: sub, args: [...globals, ...value.trim().split(/\s+/), ...rest] };
}

export const SHELLS = new Set(['bash', 'sh', 'zsh', 'dash', 'ksh', 'mksh', 'ash', 'fish']);

/** `/usr/bin/rm`, `\rm`, `./bin/rails`, `git.exe` → `rm`, `rm`, `rails`, `git`. */
export function normaliseName(word: string): string {
  let name = word.startsWith('\\') ? word.slice(1) : word;
  if (name.includes('/')) name = path.posix.basename(name);
  return name.replace(/\.exe$/i, '');
}

/** Skips leading options; `withValue` options consume the next word. Stops at `--` (consumed) or the first operand. */
function afterOptions(args: readonly string[], withValue: readonly string[], stopAtFirst = true): string[] {
  let i = 0;
  while (i < args.length) {
    const a = args[i]!;
    if (a === '--') return args.slice(i + 1);
    if (!a.startsWith('-') || a === '-') break;
    const name = a.includes('=') ? a.slice(0, a.indexOf('=')) : a;
    i += withValue.includes(name) && !a.includes('=') ? 2 : 1;
    if (!stopAtFirst) continue;
  }
  return args.slice(i);
}

const SUDO_VALUE = ['-u', '-g', '-h', '-p', '-C', '-D', '-r', '-t', '-U', '-T', '--user', '--group', '--host', '--prompt', '--chdir', '--role', '--type', '--other-user', '--close-from', '--command-timeout'];
const TIMEOUT_VALUE = ['-s', '-k', '--signal', '--kill-after'];
const XARGS_VALUE = ['-I', '-i', '-n', '-P', '-L', '-l', '-d', '-E', '-e', '-s', '-a', '--max-args', '--max-procs', '--max-lines', '--delimiter', '--arg-file', '--replace', '--max-chars', '--eof'];
const SSH_VALUE = ['-b', '-c', '-D', '-E', '-e', '-F', '-I', '-i', '-J', '-L', '-l', '-m', '-O', '-o', '-p', '-Q', '-R', '-S', '-W', '-w', '-B'];
const DOCKER_EXEC_VALUE = ['-e', '--env', '-u', '--user', '-w', '--workdir', '--env-file', '--detach-keys', '--index'];
const DOCKER_RUN_VALUE = [
  '-e', '--env', '-v', '--volume', '-p', '--publish', '-w', '--workdir', '--name', '--network', '--net', '-u', '--user',
  '--entrypoint', '--env-file', '-l', '--label', '--mount', '--platform', '--cpus', '-m', '--memory', '--hostname', '-h',
  '--add-host', '--restart', '--pull', '--gpus', '--ulimit', '--log-driver', '--device', '--cap-add', '--cap-drop', '--dns',
  '--expose', '--link', '--tmpfs', '--shm-size', '--security-opt', '--ipc', '--pid', '--volumes-from', '-a', '--attach',
];
const KUBECTL_VALUE = ['-n', '--namespace', '-c', '--container', '--context', '--kubeconfig', '--cluster', '--user', '-f', '--filename', '--pod-running-timeout'];
const KUBECTL_VERBS = new Set(['get', 'describe', 'delete', 'apply', 'create', 'replace', 'patch', 'edit', 'scale', 'label', 'annotate', 'expose', 'set']);
const KUBE_KINDS = new Set([
  'all', 'ns', 'namespace', 'namespaces', 'po', 'pod', 'pods', 'deploy', 'deployment', 'deployments', 'svc', 'service', 'services',
  'pvc', 'persistentvolumeclaim', 'persistentvolumeclaims', 'pv', 'persistentvolume', 'persistentvolumes', 'no', 'node', 'nodes',
  'secret', 'secrets', 'cm', 'configmap', 'configmaps', 'sts', 'statefulset', 'statefulsets', 'ds', 'daemonset', 'daemonsets',
  'rs', 'replicaset', 'replicasets', 'job', 'jobs', 'cj', 'cronjob', 'cronjobs', 'ing', 'ingress', 'ingresses', 'crd', 'crds',
  'sa', 'serviceaccount', 'serviceaccounts', 'hpa', 'pdb', 'netpol', 'networkpolicy', 'networkpolicies', 'sc', 'storageclass',
]);

/**
 * `k`, the usual alias of kubectl, when its arguments can only be kubectl's: a kubectl verb and a resource kind
 * (`k delete ns payments`, `k -n prod delete deploy/api`) or a manifest (`k apply -f x.yaml`). Agents' shells often
 * load the person's aliases, and a `k` script or symlink on the PATH works anyway.
 */
function kubectlAlias(args: readonly string[]): boolean {
  const rest = afterOptions(args, KUBECTL_VALUE);
  if (!KUBECTL_VERBS.has(rest[0] ?? '')) return false;
  const after = rest.slice(1);
  const kind = afterOptions(after, KUBECTL_VALUE, false)[0];
  return (kind !== undefined && KUBE_KINDS.has(kind.split('/')[0]!.split(',')[0]!.toLowerCase())) || after.some((a) => a === '-f' || a === '--filename' || a.startsWith('--filename=') || a === '-k');
}

/** Options that take a value, for the wrappers that run a command (`systemd-run -p X=1 rm …`). */
const WRAPPER_VALUE: Record<string, string[]> = {
  pkexec: ['--user'],
  unshare: ['-S', '--setuid', '-G', '--setgid', '-R', '--root', '-w', '--wd', '--propagation'],
  'systemd-run': [
    '-p', '--property', '-u', '--unit', '--description', '-E', '--setenv', '--uid', '--gid', '--nice', '-M', '--machine',
    '--working-directory', '--on-calendar', '--on-active', '--on-boot', '--on-startup', '--on-unit-active', '--on-unit-inactive',
    '--slice', '-H', '--host', '--timer-property', '--path-property', '--socket-property', '--service-type', '--expand-environment',
  ],
  'xvfb-run': ['-n', '--server-num', '-s', '--server-args', '-e', '--error-file', '-f', '--auth-file', '-w', '--wait', '-p', '--xauth-protocol'],
  sshpass: ['-p', '-f', '-d', '-P'],
  strace: ['-o', '-e', '-p', '-s', '-u', '-E', '-P', '-a', '-b', '-X', '-I', '-O', '-S'],
  ltrace: ['-o', '-e', '-p', '-s', '-u', '-a', '-n', '-l', '-x', '-L'],
  chroot: ['--userspec', '--groups'],
};
const NPX_VALUE = ['-p', '--package', '--cache', '--registry', '--userconfig'];
const YARN_BUILTINS = new Set([
  'add', 'install', 'remove', 'upgrade', 'up', 'run', 'test', 'build', 'start', 'dev', 'lint', 'init', 'info', 'why', 'workspace',
  'workspaces', 'config', 'cache', 'set', 'link', 'unlink', 'pack', 'publish', 'npm', 'plugin', 'version', 'global', 'audit',
  'outdated', 'list', 'bin', 'node', 'dedupe', 'patch', 'constraints', 'login', 'logout', 'owner', 'tag', 'team', 'import',
  'licenses', 'help', 'create', 'format', 'typecheck', 'check', 'watch', 'serve', 'preview', 'clean', 'generate',
]);

/** Which words after a shell's options are its script, when it was given `-c`. */
function shellScript(args: string[]): { mode: 'c' | 'file' | 'stdin'; script?: string } {
  let i = 0;
  let c = false;
  let s = false;
  while (i < args.length) {
    const a = args[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (a === '-o' || a === '+o' || a === '-O' || a === '+O' || a === '--rcfile' || a === '--init-file') {
      i += 2;
      continue;
    }
    if (/^[-+][A-Za-z]+$/.test(a)) {
      if (a.startsWith('-') && a.includes('c')) c = true;
      if (a.startsWith('-') && a.includes('s')) s = true;
      i++;
      continue;
    }
    if (a.startsWith('--')) {
      i++;
      continue;
    }
    break;
  }
  if (c) return { mode: 'c', script: args[i] };
  if (!s && args[i] !== undefined) return { mode: 'file', script: args[i] };
  return { mode: 'stdin' };
}

/** A script that is nothing but a variable or a command's output cannot be read statically. */
function opaque(script: string): boolean {
  return /^\s*["']?\$(\{?[A-Za-z_][A-Za-z0-9_]*\}?|__BRS\d+__)["']?\s*$/.test(script);
}

/**
 * Tools whose whole job is to print shell setup for `eval "$(…)"` (PATH, completions, agent sockets). Their output
 * is not known statically, but it is the tool's own, not an agent's: pausing every `eval "$(pyenv init -)"` would
 * interrupt ordinary work.
 */
const SHELL_SETUP = /^\$\(\s*(\S*\/)?(pyenv|rbenv|nodenv|goenv|jenv|plenv|direnv|conda|mamba|micromamba|brew|ssh-agent|fnm|zoxide|starship|mise|rtx|atuin|thefuck|opam|luarocks|dircolors|keychain|gpg-agent|poetry|pipenv|uv|rustup|kubectl|helm|gh|npm|docker-machine|minikube|colima)(\s[^;&|`$()<>]*)?\)$/;

const NETWORK_TOOLS = new Set(['curl', 'wget', 'fetch', 'http', 'https', 'xh', 'aria2c', 'iwr', 'irm', 'invoke-webrequest', 'invoke-restmethod']);

/** The environment or stage a runner's flag names, as the variable the production signals read. */
function stageEnv(value: string | undefined): Record<string, string> {
  return value ? { ENVIRONMENT: value } : {};
}

/** What follows `--`, or the words after the runner's options. */
function afterDashes(args: readonly string[], valueOptions: readonly string[]): string[] {
  const dash = args.indexOf('--');
  return dash !== -1 ? args.slice(dash + 1) : afterOptions(args, valueOptions);
}

/**
 * `doppler run --config prd -- cmd`, `infisical run --env=prod -- cmd`, `op run -- cmd`, `railway run --environment
 * production cmd`, `aws-vault exec prod -- cmd`, `chamber exec svc -- cmd`, `direnv exec . cmd`, `mise exec -- cmd`,
 * `asdf exec cmd`, `devbox run cmd`, `pipenv run cmd`, `conda run -n env cmd`, `nix-shell --run 'cmd'`,
 * `nix develop -c cmd`: the command they run, a script given as one string, and the environment they name.
 */
function envRunner(name: string, args: readonly string[]): { words: string[]; script?: string; env: Record<string, string> } | undefined {
  const sub = args[0];
  const rest = args.slice(1);
  switch (name) {
    case 'doppler': {
      if (sub !== 'run') return undefined;
      const env = stageEnv(optionValue(rest, '--config', '-c'));
      const command = optionValue(rest, '--command');
      if (command !== undefined) return { words: [], script: command, env };
      return { words: afterDashes(rest, ['--config', '-c', '--project', '-p', '--token', '--mount', '--mount-format', '--fallback', '--name-transformer']), env };
    }
    case 'infisical': {
      if (sub !== 'run') return undefined;
      const env = stageEnv(optionValue(rest, '--env', '-e'));
      const command = optionValue(rest, '--command');
      if (command !== undefined) return { words: [], script: command, env };
      return { words: afterDashes(rest, ['--env', '-e', '--path', '--projectId', '--token', '--domain', '--tags']), env };
    }
    case 'op':
      return sub === 'run' ? { words: afterDashes(rest, ['--env-file', '--account', '--config']), env: {} } : undefined;
    case 'railway':
      if (sub !== 'run') return undefined;
      return { words: afterDashes(rest, ['--service', '-s', '--environment', '-e']), env: stageEnv(optionValue(rest, '--environment', '-e')) };
    case 'aws-vault': {
      if (sub !== 'exec') return undefined;
      const options = afterOptions(rest, ['--duration', '-d', '--mfa-token', '-t', '--region', '--prompt']);
      const profile = options[0];
      if (profile === undefined) return undefined;
      const after = options.slice(1);
      return { words: after[0] === '--' ? after.slice(1) : after, env: { AWS_PROFILE: profile } };
    }
    case 'chamber': {
      if (sub !== 'exec') return undefined;
      const dash = rest.indexOf('--');
      return dash === -1 ? undefined : { words: rest.slice(dash + 1), env: {} };
    }
    case 'direnv':
      return sub === 'exec' && rest.length > 1 ? { words: rest.slice(1), env: {} } : undefined;
    case 'mise':
    case 'rtx': {
      if (sub !== 'exec' && sub !== 'x') return undefined;
      const dash = rest.indexOf('--');
      const command = optionValue(rest, '--command', '-c');
      if (command !== undefined) return { words: [], script: command, env: {} };
      return dash === -1 ? undefined : { words: rest.slice(dash + 1), env: {} };
    }
    case 'asdf':
    case 'devbox':
    case 'pipenv':
      return (sub === 'exec' && name === 'asdf') || (sub === 'run' && name !== 'asdf') ? { words: afterDashes(rest, ['-c', '--config', '--environment', '-e']), env: {} } : undefined;
    case 'conda':
    case 'mamba':
    case 'micromamba':
      return sub === 'run' ? { words: afterDashes(rest, ['-n', '--name', '-p', '--prefix', '--cwd']), env: {} } : undefined;
    case 'nix-shell': {
      const command = optionValue(args, '--run', '--command');
      return command !== undefined ? { words: [], script: command, env: {} } : undefined;
    }
    case 'nix': {
      if (sub !== 'develop' && sub !== 'shell') return undefined;
      const c = rest.findIndex((a) => a === '-c' || a === '--command');
      return c !== -1 && rest[c + 1] !== undefined ? { words: rest.slice(c + 1), env: {} } : undefined;
    }
    default:
      return undefined;
  }
}

export function unwrap(inv: Invocation, walker: Walker): SimpleCommand | undefined {
  let words = inv.words;
  let env = inv.env;
  let stdin = inv.stdin;
  const wrappers = [...inv.wrappers];
  const emit = (remote = inv.remote): SimpleCommand | undefined => {
    const rawName = words[0];
    if (rawName === undefined) return undefined;
    const args = words.slice(1);
    const text = inv.restore([...words, ...inv.redirects.map((r) => `${r.fd ?? ''}${r.op} ${r.target}`)].join(' '));
    const cmd: SimpleCommand = {
      name: normaliseName(rawName), rawName, args, env, redirects: inv.redirects, stdin, cwd: inv.cwd, wrappers, remote, text, shell: 'bash',
      substitutions: walker.substitutions,
    };
    if (/^\$/.test(rawName) && !rawName.startsWith('$__ARITH')) walker.unknowns.push(`the program name comes from a variable or a command's output: ${text}`);
    walker.commands.push(cmd);
    return cmd;
  };
  /** `input`: the standard input the script's commands inherit (`… | ssh host 'cat > x'`, `… | bash -c 'psql app'`). */
  const script = (text: string, label: string, remote = inv.remote, input?: Stdin): undefined => {
    // The substitution itself was analysed already; what the setup tool prints is its own shell code.
    if (label === 'eval' && opaque(text) && SHELL_SETUP.test(inv.restore(text).trim().replace(/^["']|["']$/g, ''))) return undefined;
    if (opaque(text)) {
      walker.unknowns.push(`${label} runs a script that is not known until it runs: ${inv.restore(text)}`);
      emit(); // rules still see the runner itself (`sh -c "$(curl …)"` runs whatever was downloaded)
    }
    walker.script(text, inv.cwd, [...wrappers, label], remote, inv.depth + 1, remote === inv.remote ? env : {}, input);
    return undefined;
  };

  for (let guard = 0; guard < 24 && words.length; guard++) {
    const name = normaliseName(words[0]!);
    const args = words.slice(1);
    switch (name) {
      case 'sudo':
      case 'doas': {
        const rest = afterOptions(args, SUDO_VALUE);
        if (!rest.length) return emit();
        wrappers.push(name);
        words = rest;
        continue;
      }
      case 'env': {
        let i = 0;
        const extra: Record<string, string> = {};
        while (i < args.length) {
          const a = args[i]!;
          if (a === '-u' || a === '--unset' || a === '-C' || a === '--chdir') i += 2;
          else if (a === '-S' || a === '--split-string') return script(args.slice(i + 1).join(' '), 'env -S');
          else if (a.startsWith('-')) i++;
          else if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(a)) {
            extra[a.slice(0, a.indexOf('='))] = a.slice(a.indexOf('=') + 1);
            i++;
          } else break;
        }
        if (i >= args.length) return emit(); // `env` alone prints the environment
        env = { ...env, ...extra };
        wrappers.push('env');
        words = args.slice(i);
        continue;
      }
      case 'nohup':
      case 'builtin':
      case 'chronic':
      case 'unbuffer':
      case 'setsid':
      case 'caffeinate':
        if (!args.length) return emit();
        wrappers.push(name);
        words = afterOptions(args, []);
        continue;
      case 'time':
      case 'nice':
      case 'ionice':
      case 'stdbuf':
      case 'taskset': {
        const value = { time: ['-f', '-o'], nice: ['-n'], ionice: ['-c', '-n', '-p'], stdbuf: ['-i', '-o', '-e'], taskset: [] }[name];
        let rest = afterOptions(args, value);
        if (name === 'taskset' && rest.length) rest = rest.slice(1); // the CPU mask
        if (!rest.length) return emit();
        wrappers.push(name);
        words = rest;
        continue;
      }
      case 'timeout': {
        const rest = afterOptions(args, TIMEOUT_VALUE).slice(1); // the duration
        if (!rest.length) return emit();
        wrappers.push('timeout');
        words = rest;
        continue;
      }
      case 'command': {
        if (args[0] === '-v' || args[0] === '-V') return undefined; // a lookup, runs nothing
        const rest = afterOptions(args, []);
        if (!rest.length) return undefined;
        wrappers.push('command');
        words = rest;
        continue;
      }
      case 'exec': {
        const rest = afterOptions(args, ['-a']);
        if (!rest.length) return undefined; // `exec >log` only redirects
        wrappers.push('exec');
        words = rest;
        continue;
      }
      case 'xargs': {
        const rest = afterOptions(args, XARGS_VALUE);
        wrappers.push('xargs');
        words = rest.length ? rest : ['echo'];
        continue;
      }
      case 'parallel': {
        const rest = afterOptions(args, ['-j', '--jobs', '-S', '--sshlogin', '--delay', '--timeout']);
        const end = rest.indexOf(':::');
        wrappers.push('parallel');
        words = end === -1 ? rest : rest.slice(0, end);
        if (!words.length) return undefined;
        continue;
      }
      case 'busybox':
      case 'toybox':
        // `busybox rm -rf /`, `busybox sh -c …`: the first word is the applet that runs.
        if (!args.length || args[0]!.startsWith('-')) return emit();
        wrappers.push(name);
        words = args;
        continue;
      // Programs that run the rest of their words as a command, under another user, lock, unit or namespace.
      case 'pkexec':
      case 'gosu':
      case 'su-exec':
      case 'chroot':
      case 'unshare':
      case 'systemd-run':
      case 'xvfb-run':
      case 'sshpass':
      case 'strace':
      case 'ltrace':
      case 'valgrind': {
        const value = WRAPPER_VALUE[name] ?? [];
        let rest = afterOptions(args, value);
        if (name === 'gosu' || name === 'su-exec' || name === 'chroot') rest = rest.slice(1); // the user, or the new root
        if (!rest.length) return emit();
        wrappers.push(name);
        words = rest;
        continue;
      }
      case 'runuser':
      case 'su':
      case 'sg': {
        // `su [-] [user] -c 'cmd'`, `runuser -u user -- cmd`, `sg group -c 'cmd'`: only a -c script or runuser's command runs.
        const c = args.findIndex((a) => a === '-c' || a === '--command' || a.startsWith('--command='));
        if (c !== -1) {
          const text = args[c]!.startsWith('--command=') ? args[c]!.slice('--command='.length) : args[c + 1];
          if (text !== undefined) return script(text, `${name} -c`);
        }
        if (name === 'runuser') {
          const rest = afterOptions(args, ['-u', '--user', '-g', '--group', '-G', '--supp-group', '-w', '--whitelist-environment']);
          if (rest.length && args.some((a) => a === '-u' || a === '--user' || a === '--')) {
            wrappers.push(name);
            words = rest;
            continue;
          }
        }
        return emit();
      }
      case 'script': {
        const c = args.findIndex((a) => a === '-c' || a === '--command');
        if (c !== -1 && args[c + 1] !== undefined) return script(args[c + 1]!, 'script -c');
        return emit();
      }
      case 'flock': {
        // `flock [opts] <file> <command…>` or `flock [opts] <file> -c '<command>'`.
        const rest = afterOptions(args, ['-w', '--timeout', '-E', '--conflict-exit-code']);
        if (rest.length < 2) return emit();
        const after = rest.slice(1);
        if ((after[0] === '-c' || after[0] === '--command') && after[1] !== undefined) return script(after[1], 'flock -c');
        wrappers.push('flock');
        words = after;
        continue;
      }
      case 'tmux': {
        // `tmux new-session -d 'cmd'`, `new-window`, `split-window`, `respawn-pane`: the trailing words are a shell command.
        const sub = args.findIndex((a) => /^(new-session|new|new-window|neww|split-window|splitw|respawn-pane|respawnp|respawn-window|respawnw)$/.test(a));
        if (sub === -1) return emit();
        const rest = afterOptions(args.slice(sub + 1), ['-s', '-n', '-c', '-t', '-x', '-y', '-e', '-F', '-f', '-l']);
        if (!rest.length) return emit();
        return script(rest.join(' '), 'tmux');
      }
      case 'screen': {
        if (args.includes('-X') || args.includes('-r') || args.includes('-x') || args.includes('-ls') || args.includes('-list')) return emit();
        // Options cluster (`-dmS name`): a cluster ending in a letter that takes a value consumes the next word.
        let i = 0;
        while (i < args.length && args[i]!.startsWith('-') && args[i] !== '--') i += /^-[A-Za-z]*[SceptT]$/.test(args[i]!) || args[i] === '-Logfile' ? 2 : 1;
        const rest = args.slice(args[i] === '--' ? i + 1 : i);
        if (!rest.length) return emit();
        wrappers.push('screen');
        words = rest;
        continue;
      }
      case 'at':
      case 'batch': {
        // Schedules the script it reads (stdin, a heredoc, `-f file`) to run later, out of sight.
        if (args.some((a) => /^-[lrdc]$/.test(a))) return emit(); // list, remove, show jobs
        const file = args.findIndex((a) => a === '-f');
        const cmd = emit();
        if (file !== -1) walker.unknowns.push(`${name} schedules the script in ${args[file + 1] ?? 'a file'}, which is not read`);
        else if (stdin?.kind === 'heredoc' || stdin?.kind === 'herestring') script(stdin.text, `${name} <<`);
        else if (stdin?.kind === 'pipe' && (stdin.producer.name === 'echo' || stdin.producer.name === 'printf') && stdin.producer.args.length) {
          const p = stdin.producer;
          script(p.name === 'printf' ? p.args[0]!.replace(/\\n/g, '\n') : p.args.filter((a) => !/^-[neE]+$/.test(a)).join(' '), `| ${name}`);
        } else if (stdin?.kind === 'pipe') walker.unknowns.push(`${name} schedules a script produced by ${stdin.producer.name}`);
        else if (stdin?.kind === 'file') walker.unknowns.push(`${name} schedules the script in ${stdin.path}, which is not read`);
        return cmd;
      }
      case 'watch': {
        const rest = afterOptions(args, ['-n', '--interval', '-d', '--differences']);
        if (!rest.length) return emit();
        return script(rest.join(' '), 'watch');
      }
      case 'eval':
        if (!args.length) return undefined;
        return script(args.join(' '), 'eval');
      case 'ssh': {
        const rest = afterOptions(args, SSH_VALUE);
        const host = rest[0];
        if (host !== undefined && rest.length === 1 && stdin) return remoteStdin(host); // `ssh host <<EOF … EOF`
        if (host === undefined || rest.length < 2) return emit();
        return script(rest.slice(1).join(' '), `ssh ${host}`, `host ${host.replace(/^.*@/, '')}`, stdin);
      }
      case 'docker':
      case 'podman':
      case 'docker-compose': {
        const compose = name === 'docker-compose' ? args : args[0] === 'compose' ? afterOptions(args.slice(1), ['-f', '--file', '-p', '--project-name', '--env-file', '--profile']) : undefined;
        const list = compose ?? args;
        const sub = list[0];
        if (sub === 'exec' || (sub === 'run' && compose) || sub === 'run') {
          const valueOpts = sub === 'exec' ? DOCKER_EXEC_VALUE : DOCKER_RUN_VALUE;
          const rest = afterOptions(list.slice(1), valueOpts);
          const target = rest[0];
          if (target === undefined || rest.length < 2) return emit();
          wrappers.push(`${name} ${sub}`);
          words = rest.slice(1);
          return unwrap({ ...inv, words, env, stdin, wrappers, remote: `container ${target}`, depth: inv.depth + 1 }, walker);
        }
        return emit();
      }
      case 'git': {
        const alias = gitAlias(args, inv.gitAliases);
        if (!alias) return emit();
        if (alias.script !== undefined) {
          const cmd = emit();
          script(alias.script, `git alias ${alias.name}`);
          return cmd;
        }
        wrappers.push(`git alias ${alias.name}`);
        words = [words[0]!, ...alias.args!];
        return emit();
      }
      case 'k':
        if (!kubectlAlias(args)) return emit();
        wrappers.push('alias k');
        words = ['kubectl', ...args];
        continue;
      case 'kubectl':
      case 'oc': {
        const sub = afterOptions(args, KUBECTL_VALUE);
        if (sub[0] !== 'exec') return emit();
        const dash = args.indexOf('--');
        const rest = dash === -1 ? afterOptions(sub.slice(1), KUBECTL_VALUE).slice(1) : args.slice(dash + 1);
        const pod = afterOptions(sub.slice(1), KUBECTL_VALUE)[0] ?? 'a pod';
        if (!rest.length) return emit();
        wrappers.push(`${name} exec`);
        return unwrap({ ...inv, words: rest, env, stdin, wrappers, remote: `pod ${pod}`, depth: inv.depth + 1 }, walker);
      }
      case 'heroku': {
        if (args[0] !== 'run' && args[0] !== 'run:detached') return emit();
        const app = args[args.indexOf('-a') + 1] ?? args.find((a) => a.startsWith('--app='))?.slice(6);
        const rest = afterOptions(args.slice(1), ['-a', '--app', '-r', '--remote', '-s', '--size', '-e', '--env', '--type']);
        if (!rest.length) return emit();
        wrappers.push('heroku run');
        return unwrap({ ...inv, words: rest, env, stdin, wrappers, remote: `heroku app ${app ?? '(default)'}`, depth: inv.depth + 1 }, walker);
      }
      case 'fly':
      case 'flyctl': {
        const c = args.findIndex((a) => a === '-C' || a === '--command');
        if (args[0] === 'ssh' && c !== -1 && args[c + 1] !== undefined) return script(args[c + 1]!, 'fly ssh console', 'a Fly machine');
        return emit();
      }
      case 'find': {
        const find = emit();
        for (let i = 0; i < args.length; i++) {
          if (!/^-(exec|execdir|ok|okdir)$/.test(args[i]!)) continue;
          let end = i + 1;
          while (end < args.length && args[end] !== ';' && args[end] !== '+') end++;
          const inner = args.slice(i + 1, end);
          if (inner.length) {
            unwrap({ ...inv, words: inner, env, stdin: find ? { kind: 'pipe', producer: find } : undefined, wrappers: [...wrappers, `find ${args[i]}`], depth: inv.depth + 1 }, walker);
          }
          i = end;
        }
        return find;
      }
      case 'doppler':
      case 'infisical':
      case 'op':
      case 'railway':
      case 'aws-vault':
      case 'chamber':
      case 'direnv':
      case 'mise':
      case 'rtx':
      case 'asdf':
      case 'devbox':
      case 'pipenv':
      case 'conda':
      case 'mamba':
      case 'micromamba':
      case 'nix-shell':
      case 'nix': {
        // Tools that run a command with secrets or an environment of theirs: the command is what runs, and
        // the environment they name (`--config prd`, `--env=prod`, a prod AWS profile) is a production signal.
        const inner = envRunner(name, args);
        if (!inner) return emit();
        const label = name === 'nix-shell' ? 'nix-shell --run' : `${name} ${args[0] ?? ''}`.trim();
        if (inner.script !== undefined) return script(inner.script, label);
        if (!inner.words.length) return emit();
        wrappers.push(label);
        env = { ...env, ...inner.env };
        words = inner.words;
        continue;
      }
      case 'npx':
      case 'bunx':
      case 'pnpx':
      case 'uvx': {
        // `-c` is npx's own only before the package name (`npx db-migrate down -c 100` is the tool's option).
        const own = args.length - afterOptions(args, [...NPX_VALUE, '-c', '--call']).length;
        const c = args.findIndex((a) => a === '-c' || a === '--call');
        if (c !== -1 && c < own && args[c + 1] !== undefined) return script(args[c + 1]!, name);
        const rest = afterOptions(args, NPX_VALUE);
        if (!rest.length) return emit();
        wrappers.push(name);
        // A pinned version names the same tool: `npx prisma@5 …`, `npx @nestjs/cli@latest …`.
        words = [rest[0]!.replace(/^((?:@[^/@]+\/)?[^@]+)@[^/]*$/, '$1'), ...rest.slice(1)];
        continue;
      }
      case 'npm':
      case 'pnpm':
      case 'bun':
      case 'pipx':
      case 'poetry':
      case 'pdm':
      case 'uv':
      case 'hatch':
      case 'rye':
      case 'bundle':
      case 'bundler': {
        const runners: Record<string, string[]> = {
          npm: ['exec', 'x'], pnpm: ['dlx', 'exec'], bun: ['x'], pipx: ['run'], poetry: ['run'], pdm: ['run'], uv: ['run'],
          hatch: ['run'], rye: ['run'], bundle: ['exec'], bundler: ['exec'],
        };
        if (!runners[name]!.includes(args[0] ?? '')) return emit();
        const rest = afterOptions(args.slice(1), NPX_VALUE);
        if (!rest.length) return emit();
        wrappers.push(`${name} ${args[0]}`);
        words = rest;
        continue;
      }
      case 'yarn': {
        const sub = args[0];
        if (sub === 'dlx' || sub === 'exec') {
          const rest = afterOptions(args.slice(1), NPX_VALUE);
          if (!rest.length) return emit();
          wrappers.push(`yarn ${sub}`);
          words = rest;
          continue;
        }
        if (sub === undefined || sub.startsWith('-') || YARN_BUILTINS.has(sub)) return emit();
        wrappers.push('yarn');
        words = args;
        continue;
      }
      case 'python':
      case 'python3':
      case 'python2':
      case 'php': {
        const first = args[0];
        if (first === '-m' && args[1] !== undefined) {
          wrappers.push(`${name} -m`);
          words = args.slice(1);
          continue;
        }
        if (first !== undefined && !first.startsWith('-') && (/\.py$/.test(first) || (name === 'php' && (first === 'artisan' || /\.php$/.test(first))))) {
          wrappers.push(name);
          words = args;
          continue;
        }
        return emit();
      }
      case 'powershell':
      case 'pwsh':
      case 'cmd': {
        // Windows shells started from bash (WSL, Git Bash): their script is PowerShell or cmd.exe text.
        const cmd = emit();
        const producer = stdin?.kind === 'pipe' ? stdin.producer : undefined;
        const piped = producer && (producer.name === 'echo' || producer.name === 'printf') ? producer.args.filter((a) => !/^-[neE]+$/.test(a)).join(' ') : stdin?.kind === 'heredoc' || stdin?.kind === 'herestring' ? stdin.text : undefined;
        runWindowsProgram(name, args, walker, inv.cwd, { wrappers, remote: inv.remote, depth: inv.depth }, piped, piped === undefined ? producer?.name : undefined, inv.restore(words.join(' ')));
        return cmd;
      }
      default:
        if (SHELLS.has(name)) return shell(name, args);
        return emit();
    }
  }
  return emit();

  /** `ssh host` without a command runs its standard input as a script on the host. */
  function remoteStdin(host: string): SimpleCommand | undefined {
    const remote = `host ${host.replace(/^.*@/, '')}`;
    const cmd = emit();
    if (!stdin) return cmd;
    if (stdin.kind === 'heredoc' || stdin.kind === 'herestring') script(stdin.text, `ssh ${host} <<`, remote);
    else if (stdin.kind === 'pipe' && (stdin.producer.name === 'echo' || stdin.producer.name === 'printf') && stdin.producer.args.length) {
      const p = stdin.producer;
      script(p.name === 'printf' ? p.args[0]!.replace(/\\n/g, '\n') : p.args.filter((a) => !/^-[neE]+$/.test(a)).join(' '), `| ssh ${host}`, remote);
    } else if (stdin.kind === 'pipe') walker.unknowns.push(`ssh ${host} runs a script produced by ${stdin.producer.name}: ${stdin.producer.text} | ssh ${host}`);
    else if (stdin.path !== '/dev/null') walker.unknowns.push(`ssh ${host} runs the script in ${stdin.path}, which is not read`);
    return cmd;
  }

  function shell(name: string, args: string[]): SimpleCommand | undefined {
    const how = shellScript(args);
    if (how.mode === 'c') {
      if (how.script === undefined) {
        walker.unknowns.push(`${name} -c without a script`);
        return emit();
      }
      return script(how.script, `${name} -c`, inv.remote, stdin);
    }
    if (how.mode === 'file') {
      if (/^\$__BRS\d+__$/.test(how.script!)) walker.unknowns.push(`${name} runs a script produced by a command: ${inv.restore(how.script!)}`);
      return emit();
    }
    // The shell reads its script from standard input.
    if (!stdin) return emit(); // an interactive shell
    if (stdin.kind === 'heredoc' || stdin.kind === 'herestring') return script(stdin.text, `${name} <<`);
    if (stdin.kind === 'pipe') {
      const producer = stdin.producer;
      if ((producer.name === 'echo' || producer.name === 'printf') && producer.args.length) {
        const text = producer.name === 'printf' ? producer.args[0]!.replace(/\\n/g, '\n') : producer.args.filter((a) => !/^-[neE]+$/.test(a)).join(' ');
        return script(text, `| ${name}`);
      }
      const from = NETWORK_TOOLS.has(producer.name) ? 'downloaded from the network' : `produced by ${producer.name}`;
      walker.unknowns.push(`${name} runs a script ${from}: ${producer.text} | ${name}`);
      return emit();
    }
    walker.unknowns.push(`${name} runs the script in ${stdin.path}, which is not read`);
    return emit();
  }
}
