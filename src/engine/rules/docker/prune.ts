import { defineCommandRule } from '../../rule';
import type { Decision } from '../../types';
import { hasAny } from '../cloud/_cli';
import { daemon, forced, readDocker } from './_docker';

export default defineCommandRule({
  meta: {
    id: 'docker/prune',
    commands: ['docker', 'podman', 'nerdctl'],
    decision: 'ask',
    severity: 'high',
    description: 'Prunes that take volumes (or every image) with them: `docker system prune --volumes`, `docker system prune -a`, `docker volume prune`, `podman system reset`. Unused volumes are often a stopped database\'s only copy. `-f` (no prompt) or a production daemon makes it a block. Plain `system prune`, `image prune`, `builder prune` and `container prune` stay quiet.',
    message: '`{{cmd}}` deletes {{target}}',
    safer: 'List what would go first (`docker volume ls -f dangling=true`, `docker system df -v`), back up volumes you need (`docker run --rm -v vol:/v -v $PWD:/b alpine tar czf /b/vol.tgz /v`), and prune images or build cache only.',
  },
  check(cmd, ctx) {
    const d = readDocker(cmd);
    if (!d || d.compose) return;
    const [a, b] = d.sub;
    const args = d.subArgs;
    let target: string | undefined;
    let decision: Decision = 'ask';
    const signals: string[] = [];
    if (a === 'system' && b === 'prune') {
      const volumes = hasAny(args, '--volumes');
      const all = hasAny(args, '-a', '--all');
      if (!volumes && !all) return;
      target = volumes ? (all ? 'every unused volume, image, container and network' : 'every unused volume, container and network') : 'every image not used by a running container, and the build cache';
      if (volumes && forced(args)) signals.push('-f skips the confirmation');
    } else if (a === 'volume' && b === 'prune') {
      target = hasAny(args, '-a', '--all') ? 'every unused volume, named ones included' : 'every unused anonymous volume';
      if (forced(args)) signals.push('-f skips the confirmation');
    } else if (a === 'system' && b === 'reset' && cmd.name === 'podman') {
      target = 'every container, image, volume and network';
      decision = 'block';
    } else return;
    if (hasAny(args, '--filter') && !/everything/.test(target)) return;
    const where = daemon(cmd, ctx);
    signals.push(...where.prod);
    if (where.remote) signals.push(`the daemon is ${where.remote}`);
    if (signals.length) decision = 'block';
    ctx.report({ target, data: { cmd: [cmd.name, ...d.sub].join(' ') }, decision, signals });
  },
  tests: {
    pause: [
      { input: 'docker system prune -a --volumes -f', decision: 'block' },
      { input: 'docker system prune --volumes --force', decision: 'block' },
      'docker system prune --volumes',
      'docker system prune -a',
      'docker volume prune',
      { input: 'docker volume prune -a -f', decision: 'block' },
      { input: 'docker volume prune -f', decision: 'block' },
      { input: 'DOCKER_HOST=ssh://deploy@prod.example.com docker system prune -a', decision: 'block' },
      { input: 'podman system reset -f', decision: 'block' },
      { input: 'sudo docker system prune -af --volumes', decision: 'block' },
    ],
    pass: [
      'docker system prune',
      'docker system prune -f',
      'docker image prune -a -f',
      'docker builder prune -af',
      'docker container prune -f',
      'docker network prune -f',
      'docker system df',
      'docker volume ls',
      'docker ps -a',
    ],
  },
});
