/**
 * Reading docker / podman / docker-compose command lines: `docker [global opts] <sub> …`,
 * `docker compose [compose opts] <sub> …`, and where the daemon is (local, remote, production).
 */
import type { RuleContext } from '../../rule';
import type { SimpleCommand } from '../../shell/types';
import { flagValue, hasAny, looksProd, prodSignals, words } from '../cloud/_cli';

const GLOBAL_VALUE = ['-H', '--host', '-c', '--context', '--config', '-l', '--log-level', '--tlscacert', '--tlscert', '--tlskey'];
const COMPOSE_VALUE = ['-f', '--file', '-p', '--project-name', '--profile', '--env-file', '--project-directory', '--ansi', '--progress', '--parallel'];
const SUB_VALUE = ['-t', '--timeout', '--rmi', '--filter', '--format', '--until', '--label', '--name', '-n', '--signal', '-s', '--env', '-e', '--network'];

export interface DockerCall {
  compose: boolean;
  /** `volume rm`, `system prune`, `down`, `rm`… (lower-case words after the program and any `compose`). */
  sub: string[];
  /** Positional words after the subcommand. */
  rest: string[];
  args: readonly string[];
  /** Arguments after the subcommand (its own flags: `-f` there means force, not a compose file). */
  subArgs: readonly string[];
}

export function readDocker(cmd: SimpleCommand): DockerCall | undefined {
  const name = cmd.name;
  if (name !== 'docker' && name !== 'podman' && name !== 'docker-compose' && name !== 'podman-compose' && name !== 'nerdctl') return undefined;
  let args = cmd.args;
  let compose = name === 'docker-compose' || name === 'podman-compose';
  if (!compose) {
    const w = words(args, GLOBAL_VALUE);
    if (w[0] === 'compose') {
      compose = true;
      args = args.slice(args.indexOf('compose') + 1);
    }
  }
  const w = words(args, compose ? [...COMPOSE_VALUE, ...GLOBAL_VALUE, ...SUB_VALUE] : [...GLOBAL_VALUE, ...SUB_VALUE]);
  if (!w.length) return undefined;
  const two = ['volume', 'system', 'container', 'image', 'builder', 'network', 'service', 'stack', 'swarm', 'node', 'secret', 'config', 'context', 'buildx'];
  const sub = !compose && two.includes(w[0]!) ? w.slice(0, 2) : w.slice(0, 1);
  const last = sub[sub.length - 1]!;
  const at = args.indexOf(last, sub.length > 1 ? args.indexOf(sub[0]!) + 1 : 0);
  return { compose, sub: sub.map((s) => s.toLowerCase()), rest: w.slice(sub.length), args, subArgs: at === -1 ? args : args.slice(at + 1) };
}

/** Where the daemon is: production signals (prod context or host, prod compose file) and whether it is remote. */
export function daemon(cmd: SimpleCommand, ctx: RuleContext): { prod: string[]; remote: string | undefined } {
  const prod = prodSignals(cmd, ctx);
  const host = flagValue(cmd.args, '-H', '--host') ?? cmd.env.DOCKER_HOST ?? ctx.env.DOCKER_HOST;
  const context = flagValue(cmd.args, '-c', '--context') ?? cmd.env.DOCKER_CONTEXT ?? ctx.env.DOCKER_CONTEXT;
  if (looksProd(context) && !prod.some((s) => s.includes(context!))) prod.push(`docker context ${context}`);
  // `COMPOSE_FILE=docker-compose.prod.yml docker compose down -v`: the files Compose reads instead of `-f`.
  for (const file of (cmd.env.COMPOSE_FILE ?? ctx.env.COMPOSE_FILE ?? '').split(/[:;]/)) {
    if (looksProd(file) && !prod.some((s) => s.includes(file))) prod.push(`COMPOSE_FILE ${file}`);
  }
  let remote: string | undefined;
  if (host && !/^(unix:|npipe:)|localhost|127\.0\.0\.1|\/var\/run\/docker\.sock/.test(host)) {
    remote = host;
    if (looksProd(host) && !prod.some((s) => s.includes(host))) prod.push(`DOCKER_HOST ${host}`);
  }
  return { prod, remote };
}

export function forced(args: readonly string[]): boolean {
  return hasAny(args, '-f', '--force');
}
