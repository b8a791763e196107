import { defineCommandRule } from '../../rule';
import type { Decision } from '../../types';
import { DATA_WORD, hasAny } from '../cloud/_cli';
import { daemon, forced, readDocker } from './_docker';

const DB_IMAGE = /(postgres|mysql|mariadb|mongo|redis|valkey|elasticsearch|opensearch|clickhouse|cassandra|minio|rabbitmq|kafka|influx|timescale|neo4j|couchdb|cockroach|surreal|qdrant|weaviate|milvus|meili)/i;

export default defineCommandRule({
  meta: {
    id: 'docker/volume-delete',
    commands: ['docker', 'podman', 'docker-compose', 'podman-compose', 'nerdctl'],
    decision: 'ask',
    severity: 'critical',
    description: 'Deleting container volumes, where local databases keep their data: `docker volume rm`, `docker compose down -v`, `docker rm -v`, `docker rm -f $(docker ps -aq)`. Database-named volumes and containers, every volume at once, a production compose file or a production daemon make it a block.',
    message: '`{{cmd}}` deletes {{target}}',
    safer: 'Keep the data: `docker compose down` (without -v) keeps volumes; back a volume up first (`docker run --rm -v pgdata:/v -v $PWD:/b alpine tar czf /b/pgdata.tgz /v`).',
  },
  check(cmd, ctx) {
    const d = readDocker(cmd);
    if (!d) return;
    const [a, b] = d.sub;
    const args = d.subArgs;
    const where = daemon(cmd, ctx);
    const signals = [...where.prod];
    if (where.remote) signals.push(`the daemon is ${where.remote}`);
    const label = [cmd.name, ...(d.compose && cmd.name !== 'docker-compose' ? ['compose'] : []), ...d.sub].join(' ');
    const report = (target: string, base: Decision, extra: string[] = []): void => {
      const all = [...signals, ...extra];
      ctx.report({ target, data: { cmd: label }, decision: all.length || base === 'block' ? 'block' : 'ask', signals: all });
    };
    const everything = /\$\((docker|podman) (volume ls|ps)[^)]*-[a-z]*q/.test(cmd.text);
    if (d.compose) {
      if ((a === 'down' && hasAny(args, '-v', '--volumes')) || (a === 'rm' && hasAny(args, '-v', '--volumes'))) {
        report('the project\'s volumes (named and anonymous), with any database data in them', 'ask');
      }
      return;
    }
    if (a === 'volume' && (b === 'rm' || b === 'remove')) {
      const names = d.rest;
      // `docker volume ls -q | xargs docker volume rm`: the names come from the list.
      const fedBy = cmd.wrappers.includes('xargs') && cmd.stdin?.kind === 'pipe' ? cmd.stdin.producer : undefined;
      if (!names.length && cmd.wrappers.includes('xargs')) {
        const list = fedBy ? [fedBy.name, ...fedBy.args].join(' ') : '';
        const all = /^(docker|podman|nerdctl) volume (ls|list)\b/.test(list) && !/(--filter|-f)\b/.test(list);
        report(all ? 'every volume' : 'the volumes the list names', all ? 'block' : 'ask', all ? ['every volume on the machine'] : []);
        return;
      }
      if (everything || names.some((n) => n.includes('$'))) {
        report(everything ? 'every volume' : `volumes ${names.join(' ')}`, everything ? 'block' : 'ask', everything ? ['every volume on the machine'] : []);
        return;
      }
      for (const n of names) {
        const data = DATA_WORD.test(n) || DB_IMAGE.test(n);
        report(`the volume ${n}`, data ? 'block' : 'ask', data ? [`${n} looks like database data`] : []);
      }
      return;
    }
    if ((a === 'rm' || (a === 'container' && (b === 'rm' || b === 'remove'))) && d.rest.length) {
      const names = d.rest;
      const withVolumes = hasAny(args, '-v', '--volumes');
      if (everything || /\$\((docker|podman) ps/.test(cmd.text)) {
        report('every container' + (withVolumes ? ' and its anonymous volumes' : '') + (forced(args) ? ', running ones included' : ''), withVolumes ? 'block' : 'ask');
        return;
      }
      if (!withVolumes) return;
      for (const n of names) {
        const data = DATA_WORD.test(n) || DB_IMAGE.test(n);
        report(`the container ${n} and its anonymous volumes`, data ? 'block' : 'ask', data ? [`${n} looks like a database`] : []);
      }
    }
  },
  tests: {
    pause: [
      { input: 'docker volume rm pgdata', decision: 'block' },
      { input: 'docker volume rm myapp_mysql_data', decision: 'block' },
      'docker volume rm myapp_cache',
      { input: 'docker volume rm $(docker volume ls -q)', decision: 'block' },
      'docker compose down -v',
      'docker compose down --volumes --rmi all',
      'docker-compose down -v',
      { input: 'docker compose -f docker-compose.prod.yml down -v', decision: 'block' },
      { input: 'docker rm -v postgres', decision: 'block' },
      'docker rm -v web',
      'docker rm -f $(docker ps -aq)',
      { input: 'docker rm -fv $(docker ps -aq)', decision: 'block' },
      { input: 'DOCKER_HOST=ssh://deploy@prod.example.com docker compose down -v', decision: 'block' },
      { input: 'docker context use prod-eu && docker compose down -v', decision: 'block', note: 'the context selected earlier in the line' },
      { input: 'docker volume ls -q | xargs docker volume rm', decision: 'block' },
      { input: 'docker volume ls -q --filter dangling=true | xargs -r docker volume rm', decision: 'ask', note: 'dangling volumes may still hold a removed database\'s data' },
      { input: 'COMPOSE_FILE=docker-compose.prod.yml docker compose down -v', decision: 'block' },
    ],
    pass: [
      'docker compose down',
      'docker compose down --remove-orphans',
      'docker-compose down',
      'docker compose -f docker-compose.yml down',
      'docker rm web',
      'docker rm -f api-test',
      'docker volume ls',
      'docker volume inspect pgdata',
      'docker volume create pgdata',
      'docker compose up -d',
      'docker compose rm -f worker',
      'COMPOSE_FILE=docker-compose.prod.yml docker compose ps',
      'docker volume ls -q | xargs docker volume inspect',
    ],
  },
});
