import { defineCommandRule } from '../../rule';
import type { SimpleCommand } from '../../shell/types';
import type { Weight } from '../db/_target';
import { parseArgs } from '../db/_target';
import { describeSteps, reportOrm, rollbackWeight, stepCount } from './_orm';

interface Hit {
  what: string;
  weight: Weight;
  target?: string;
}

/** `-url=…`, `--url …`, `-database …`: a connection the command names. */
function urlOf(args: readonly string[], ...names: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    for (const n of names) {
      if (a === n) return args[i + 1];
      if (a.startsWith(`${n}=`)) return a.slice(n.length + 1);
    }
  }
  return args.find((a) => /^[a-z][a-z0-9+]*:\/\//i.test(a));
}

function positional(args: readonly string[], value: readonly string[]): string[] {
  return parseArgs(args, value).positionals;
}

/** One entry per tool: what its destructive subcommands are. */
const TOOLS: Record<string, (cmd: SimpleCommand) => Hit | undefined> = {
  flyway(cmd) {
    const pos = positional(cmd.args, ['-url', '-user', '-password', '-schemas', '-configFiles', '-locations', '-environment']);
    if (!pos.includes('clean')) return pos.includes('undo') ? { what: '`flyway undo` reverts the last migration', weight: 'mild', target: urlOf(cmd.args, '-url') } : undefined;
    if (cmd.args.some((a) => /^-cleanDisabled=true$/i.test(a))) return undefined;
    return { what: '`flyway clean` drops every object in the configured schemas', weight: 'destructive', target: urlOf(cmd.args, '-url') };
  },
  liquibase(cmd) {
    const pos = positional(cmd.args, ['--url', '--username', '--password', '--changelog-file', '--changeLogFile', '--defaults-file', '--schemas', '--tag', '--count', '--date']).map((x) => x.toLowerCase());
    const target = urlOf(cmd.args, '--url');
    if (pos.includes('dropall') || pos.includes('drop-all')) return { what: '`liquibase dropAll` drops every object in the schema', weight: 'destructive', target };
    const rb = pos.find((x) => /^rollback(-?count|-?to-?date|-?one-?changeset|-?one-?update)?$/.test(x));
    if (rb) return { what: `\`liquibase ${rb}\` rolls back changesets`, weight: 'mild', target };
    return undefined;
  },
  atlas(cmd) {
    const pos = positional(cmd.args, ['--url', '-u', '--env', '--to', '--dev-url', '--dir', '--config', '--format', '--schema', '-s', '--exclude']);
    const target = urlOf(cmd.args, '--url', '-u');
    if (pos[0] === 'schema' && pos[1] === 'clean') return { what: '`atlas schema clean` drops every object in the database', weight: 'destructive', target };
    if (pos[0] === 'migrate' && pos[1] === 'down') return { what: '`atlas migrate down` reverts applied migrations', weight: 'mild', target };
    if (pos[0] === 'schema' && pos[1] === 'apply' && cmd.args.some((a) => a === '--auto-approve')) return { what: '`atlas schema apply --auto-approve` applies the diff, drops included, without review', weight: 'mild', target };
    return undefined;
  },
  goose(cmd) {
    const pos = positional(cmd.args, ['-dir', '-table', '-certfile', '-ssl-cert', '-ssl-key', '-env']);
    const verb = pos.find((x) => ['reset', 'down', 'down-to', 'redo'].includes(x));
    const dsn = pos.length >= 3 && !['reset', 'down', 'down-to', 'redo'].includes(pos[1]!) ? pos[1] : undefined;
    if (verb === 'reset') return { what: '`goose reset` rolls back every migration', weight: 'destructive', target: dsn };
    if (verb === 'down-to') {
      const v = pos[pos.indexOf('down-to') + 1];
      return { what: `\`goose down-to ${v ?? ''}\` rolls back every migration after ${v}`, weight: v === '0' ? 'destructive' : 'mild', target: dsn };
    }
    if (verb === 'down' || verb === 'redo') return { what: `\`goose ${verb}\` rolls back the last migration`, weight: 'mild', target: dsn };
    return undefined;
  },
  migrate(cmd) {
    // golang-migrate: migrate -path db/migrations -database URL drop -f | down [N] [-all]
    const pos = positional(cmd.args, ['-path', '-source', '-database', '-lock-timeout', '-prefetch']);
    const target = urlOf(cmd.args, '-database');
    if (pos[0] === 'drop') return { what: '`migrate drop` drops everything in the database', weight: 'destructive', target };
    if (pos[0] === 'down') {
      const n = pos[1];
      if (n === undefined || cmd.args.includes('-all')) return { what: '`migrate down` applies every down migration', weight: 'destructive', target };
      return { what: `\`migrate down ${n}\` reverts ${n} migration(s)`, weight: Number(n) > 1 ? 'destructive' : 'mild', target };
    }
    return undefined;
  },
  dbmate(cmd) {
    const pos = positional(cmd.args, ['-u', '--url', '-e', '--env', '-d', '--migrations-dir', '-s', '--schema-file']);
    const target = urlOf(cmd.args, '-u', '--url');
    if (pos[0] === 'drop') return { what: '`dbmate drop` drops the database', weight: 'destructive', target };
    if (pos[0] === 'rollback' || pos[0] === 'down') return { what: '`dbmate rollback` reverts the last migration', weight: 'mild', target };
    return undefined;
  },
  diesel(cmd) {
    const pos = positional(cmd.args, ['--database-url', '--migration-dir', '--config-file']);
    const target = urlOf(cmd.args, '--database-url');
    if (pos[0] === 'database' && pos[1] === 'reset') return { what: '`diesel database reset` drops and recreates the database', weight: 'destructive', target };
    if (pos[0] === 'database' && pos[1] === 'drop') return { what: '`diesel database drop` drops the database', weight: 'destructive', target };
    if (pos[0] === 'migration' && pos[1] === 'revert') return cmd.args.includes('--all') ? { what: '`diesel migration revert --all` reverts every migration', weight: 'destructive', target } : { what: '`diesel migration revert` reverts the last migration', weight: 'mild', target };
    if (pos[0] === 'migration' && pos[1] === 'redo') return { what: '`diesel migration redo` reverts and reruns the last migration', weight: 'mild', target };
    return undefined;
  },
  sqlx(cmd) {
    const pos = positional(cmd.args, ['-D', '--database-url', '--source', '--connect-timeout']);
    const target = urlOf(cmd.args, '-D', '--database-url');
    if (pos[0] === 'database' && (pos[1] === 'drop' || pos[1] === 'reset')) return { what: `\`sqlx database ${pos[1]}\` drops the database${pos[1] === 'reset' ? ' and recreates it' : ''}`, weight: 'destructive', target };
    if (pos[0] === 'migrate' && pos[1] === 'revert') return { what: '`sqlx migrate revert` reverts the last migration', weight: 'mild', target };
    return undefined;
  },
  'sea-orm-cli'(cmd) {
    const pos = positional(cmd.args, ['-u', '--database-url', '-d', '--migration-dir', '-s', '--database-schema', '-n', '--num']);
    const target = urlOf(cmd.args, '-u', '--database-url');
    if (pos[0] !== 'migrate') return undefined;
    if (pos[1] === 'fresh' || pos[1] === 'refresh' || pos[1] === 'reset') return { what: `\`sea-orm-cli migrate ${pos[1]}\` drops or rolls back every table`, weight: 'destructive', target };
    if (pos[1] === 'down') return { what: '`sea-orm-cli migrate down` rolls back migrations', weight: 'mild', target };
    return undefined;
  },
  'node-pg-migrate'(cmd) {
    const pos = positional(cmd.args, ['-d', '--database-url-var', '-m', '--migrations-dir', '-t', '--migrations-table', '-s', '--schema', '--envPath', '-j']);
    if (pos[0] !== 'down' && pos[0] !== 'redo') return undefined;
    const n = pos[1];
    return { what: `\`node-pg-migrate ${pos[0]}${n ? ` ${n}` : ''}\` reverts ${n === 'Infinity' ? 'every migration' : `${n ?? 1} migration(s)`}`, weight: n === 'Infinity' || Number(n) > 1 ? 'destructive' : 'mild' };
  },
  'db-migrate'(cmd) {
    const pos = positional(cmd.args, ['-e', '--env', '-m', '--migrations-dir', '--config', '-c', '--count']);
    if (pos[0] === 'reset') return { what: '`db-migrate reset` reverts every migration', weight: 'destructive' };
    if (pos[0] === 'down') {
      const n = stepCount(cmd.args, '-c', '--count');
      return { what: `\`db-migrate down\` reverts ${describeSteps(n)}`, weight: rollbackWeight(n) };
    }
    return undefined;
  },
  yii(cmd) {
    const pos = positional(cmd.args, []);
    if (pos[0] === 'migrate/fresh') return { what: '`yii migrate/fresh` drops every table and reruns every migration', weight: 'destructive' };
    if (pos[0] === 'migrate/down' || pos[0] === 'migrate/redo') return { what: `\`yii ${pos[0]}\` reverts ${pos[1] === 'all' ? 'every migration' : 'migrations'}`, weight: pos[1] === 'all' || Number(pos[1]) > 1 ? 'destructive' : 'mild' };
    return undefined;
  },
  ace(cmd) {
    // AdonisJS: node ace migration:fresh | migration:reset | migration:refresh | migration:rollback | db:wipe
    const pos = positional(cmd.args, ['--connection', '-c', '--batch', '--step']);
    const sub = pos[0];
    if (sub === 'migration:fresh' || sub === 'migration:reset' || sub === 'migration:refresh' || sub === 'db:wipe') return { what: `\`ace ${sub}\` drops or rolls back every table`, weight: 'destructive' };
    if (sub === 'migration:rollback') return { what: '`ace migration:rollback` reverts the last batch', weight: cmd.args.some((a) => /^--batch(=0)?$/.test(a)) ? 'destructive' : 'mild' };
    return undefined;
  },
};

/** Flyway and Liquibase run as Maven or Gradle goals: `mvn flyway:clean`, `./gradlew flywayClean`, `mvn liquibase:dropAll`. */
function buildToolGoal(cmd: SimpleCommand): Hit | undefined {
  const url = cmd.args.map((a) => /^-D(?:flyway|liquibase)\.url=(.+)$/.exec(a)?.[1]).find(Boolean);
  const goals = cmd.args.filter((a) => !a.startsWith('-'));
  if (cmd.args.some((a) => /^-Dflyway\.cleanDisabled=true$/i.test(a))) return undefined;
  if (goals.some((g) => /^(flyway:clean|flywayClean)$/.test(g))) return { what: 'the Flyway clean goal drops every object in the configured schemas', weight: 'destructive', target: url };
  if (goals.some((g) => /^(liquibase:dropAll|dropAll)$/.test(g))) return { what: 'the Liquibase dropAll goal drops every object in the schema', weight: 'destructive', target: url };
  return undefined;
}

export default defineCommandRule({
  meta: {
    id: 'orm/migration-tool',
    commands: ['flyway', 'liquibase', 'atlas', 'goose', 'migrate', 'dbmate', 'diesel', 'sqlx', 'sea-orm-cli', 'node-pg-migrate', 'db-migrate', 'yii', 'node', 'mvn', 'mvnw', 'gradle', 'gradlew'],
    decision: 'block',
    severity: 'critical',
    description: 'Schema-migration tools that wipe the database or undo migrations: `flyway clean`, `liquibase dropAll`, `atlas schema clean`, `goose reset`, golang-migrate `drop`/`down`, `dbmate drop`, `diesel database reset`, `sqlx database drop/reset`, `sea-orm-cli migrate fresh/refresh/reset`, `node-pg-migrate down Infinity`, `db-migrate reset`, `yii migrate/fresh`, the Maven/Gradle goals `flyway:clean`/`flywayClean` and `liquibase:dropAll`, AdonisJS `node ace migration:fresh`; single-step rollbacks pause.',
    message: '{{what}} ({{target}})',
    safer: 'Back up first, and run it against a disposable database (a `*_test` URL) rather than the configured one.',
  },
  check(cmd, ctx) {
    let key = cmd.name;
    let c = cmd;
    if (cmd.name === 'node') {
      if (cmd.args[0] !== 'ace') return;
      key = 'ace';
      c = { ...cmd, args: cmd.args.slice(1) };
    }
    if (/^(mvnw?|gradlew?)$/.test(cmd.name)) {
      const goal = buildToolGoal(cmd);
      if (goal) reportOrm(ctx, { ...cmd, name: goal.what.includes('Flyway') ? 'flyway' : 'liquibase' }, goal);
      return;
    }
    if (cmd.name === 'yii' || (cmd.name === 'php' && /(^|\/)yii$/.test(cmd.args[0] ?? ''))) key = 'yii';
    const hit = TOOLS[key]?.(c);
    if (hit) reportOrm(ctx, cmd, hit);
  },
  tests: {
    pause: [
      'flyway clean',
      'flyway -url=jdbc:postgresql://prod-db.internal:5432/app -user=app clean',
      'liquibase dropAll',
      'liquibase --url=jdbc:mysql://db.prod.internal/shop drop-all',
      'atlas schema clean -u "postgres://app@db.internal:5432/app"',
      'goose -dir db/migrations postgres "host=db.prod.internal user=app dbname=app" reset',
      'goose reset',
      'migrate -path db/migrations -database "postgres://app@prod-db:5432/app?sslmode=require" drop -f',
      { input: 'migrate -path ./migrations -database postgres://localhost:5432/app down', decision: 'ask' },
      'migrate -path ./migrations -database "$DATABASE_URL" down -all',
      'dbmate drop',
      'diesel database reset',
      'sqlx database drop -y',
      'sea-orm-cli migrate fresh',
      'npx node-pg-migrate down Infinity',
      'npx db-migrate reset',
      'node ace migration:fresh --seed',
      { input: 'migrate -path ./migrations -database postgres://localhost:5432/app down 1', decision: 'ask' },
      { input: 'goose -dir migrations sqlite3 ./dev.db down', decision: 'ask' },
      { input: 'liquibase --url=jdbc:postgresql://localhost:5432/app rollback-count 1', decision: 'ask' },
      'npx db-migrate down -c 100',
      { input: 'npx db-migrate down -c 1', decision: 'ask' },
      'mvn flyway:clean',
      './gradlew flywayClean',
      'mvn -Dflyway.url=jdbc:postgresql://db.prod.internal/app flyway:clean flyway:migrate',
      'mvn liquibase:dropAll',
    ],
    pass: [
      'flyway info',
      'flyway validate',
      'flyway migrate',
      'flyway -cleanDisabled=true clean',
      'liquibase status',
      'liquibase update',
      'atlas schema diff --from file://schema.hcl --to "postgres://localhost:5432/app"',
      'atlas migrate apply --url postgres://localhost:5432/app',
      'goose -dir db/migrations postgres "$DATABASE_URL" up',
      'goose status',
      'migrate -path db/migrations -database postgres://localhost:5432/app up',
      'dbmate up',
      'diesel migration run',
      'sqlx migrate run',
      'sqlx database drop -y -D sqlite://./test.db',
      'node ace migration:run',
      'node server.js',
      'migrate -path ./migrations -database postgres://localhost:5432/app_test drop -f',
      'mvn flyway:info',
      './gradlew flywayMigrate',
      'mvn -Dflyway.cleanDisabled=true flyway:clean',
      './gradlew build',
      'mvn liquibase:update',
    ],
  },
});
