import { defineCommandRule } from '../../rule';
import type { Decision } from '../../types';
import { daemon, readDocker } from './_docker';

/** Subcommands that change what runs. */
const CHANGES = new Set(['rm', 'stop', 'kill', 'restart', 'run', 'start', 'pause', 'update', 'rename', 'up', 'down', 'create', 'scale', 'deploy', 'exec']);
const SWARM_REMOVE = new Set(['service rm', 'service remove', 'stack rm', 'stack remove', 'stack down', 'swarm leave', 'node rm', 'secret rm', 'config rm', 'network rm']);

export default defineCommandRule({
  meta: {
    id: 'docker/remote-daemon',
    commands: ['docker', 'podman', 'docker-compose', 'podman-compose'],
    decision: 'ask',
    severity: 'high',
    description: 'Docker commands that change containers on a production or remote daemon (`DOCKER_HOST=ssh://prod…`, `--context prod`, a production compose file), and Swarm removals (`docker stack rm`, `docker service rm`, `docker swarm leave --force`), which take running services down.',
    message: '`{{cmd}}` {{what}}',
    safer: 'Check `docker context show` first and deploy to production through the pipeline; remove one service at a time.',
  },
  check(cmd, ctx) {
    const d = readDocker(cmd);
    if (!d) return;
    const sub = d.sub.join(' ');
    const where = daemon(cmd, ctx);
    const label = [cmd.name, ...(d.compose && cmd.name !== 'docker-compose' ? ['compose'] : []), ...d.sub].join(' ');
    if (!d.compose && SWARM_REMOVE.has(sub)) {
      const signals = [...where.prod];
      let decision: Decision = signals.length ? 'block' : 'ask';
      if (sub === 'swarm leave' && !d.subArgs.includes('--force') && !d.subArgs.includes('-f')) return;
      if (sub === 'network rm' && !signals.length) return;
      if (d.rest.some((r) => /prod|live/i.test(r))) decision = 'block';
      ctx.report({ target: d.rest.join(' ') || sub, data: { cmd: label, what: `removes ${d.rest.join(' ') || 'it'} from the swarm` }, decision, signals });
      return;
    }
    if (!CHANGES.has(d.sub[d.sub.length - 1]!) && !CHANGES.has(d.sub[0]!)) return;
    if (!where.prod.length && !where.remote) return;
    if (d.sub[0] === 'exec') return; // the command run inside is judged on its own
    const signals = [...where.prod];
    if (where.remote) signals.push(`the daemon is ${where.remote}`);
    ctx.report({ target: where.remote ?? 'a production daemon', data: { cmd: label, what: 'changes containers on a production or remote daemon' }, decision: 'ask', signals });
  },
  tests: {
    pause: [
      'docker stack rm shop',
      'docker service rm api',
      { input: 'docker stack rm prod-shop', decision: 'block' },
      'docker swarm leave --force',
      { input: 'DOCKER_HOST=ssh://deploy@10.0.0.5 docker rm -f api' },
      { input: 'docker --context production restart api' },
      { input: 'docker compose -f docker-compose.prod.yml up -d' },
      { input: 'docker -H tcp://prod-docker.example.com:2376 stop web' },
    ],
    pass: [
      'docker compose up -d',
      'docker restart api',
      'docker stop web',
      'docker --context production ps',
      'docker stack ls',
      'docker service ls',
      'docker swarm leave',
      'docker context ls',
      'docker compose -f docker-compose.prod.yml config',
    ],
  },
});
