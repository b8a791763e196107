import { defineCommandRule } from '../../rule';
import type { SimpleCommand } from '../../shell/types';
import { judge, kvTarget, opt, parseArgs, signalsFor } from './_target';
import type { Weight } from './_target';
import { readScript, stdinSql } from './_sql';

const VALUE = [
  '-h', '-p', '-s', '-a', '--user', '--pass', '-u', '-n', '-r', '-i', '-d', '-D', '--pattern', '--quoted-pattern', '--count', '--rdb',
  '--functions-rdb', '--memkeys-samples', '--eval', '--cacert', '--cacertdir', '--cert', '--key', '--sni', '--tls-ciphers',
  '--tls-ciphersuites', '-t', '--replica-conf', '--cluster-only-masters', '--intrinsic-latency',
];

interface Hit {
  what: string;
  weight: Weight;
  /** Always block, whatever the target (a server-takeover shape). */
  always?: boolean;
}

/** Judges one Redis command (its words, command name first). */
export function redisHit(words: readonly string[]): Hit | undefined {
  const name = words[0]?.toUpperCase();
  const arg = (i: number): string => (words[i] ?? '').toUpperCase();
  switch (name) {
    case 'FLUSHALL':
      return { what: 'FLUSHALL deletes every key in every database', weight: 'destructive' };
    case 'FLUSHDB':
      return { what: 'FLUSHDB deletes every key in the database', weight: 'destructive' };
    case 'SWAPDB':
      return { what: 'SWAPDB swaps two whole databases under every client', weight: 'destructive' };
    case 'SHUTDOWN':
      return arg(1) === 'NOSAVE'
        ? { what: 'SHUTDOWN NOSAVE stops the server and throws away everything since the last snapshot', weight: 'destructive' }
        : { what: 'SHUTDOWN stops the server', weight: 'mild' };
    case 'DEBUG':
      if (['FLUSHALL', 'SEGFAULT', 'CRASH-AND-RECOVER', 'RELOAD', 'RESTART', 'OOM', 'SLEEP', 'PANIC'].includes(arg(1))) return { what: `DEBUG ${arg(1)} crashes, blocks or wipes the server`, weight: 'destructive' };
      return undefined;
    case 'CONFIG':
      if (arg(1) === 'SET' && ['DIR', 'DBFILENAME'].includes(arg(2))) return { what: `CONFIG SET ${arg(2).toLowerCase()} points persistence at another file (a known way to overwrite files on the server)`, weight: 'destructive', always: true };
      return undefined;
    case 'REPLICAOF':
    case 'SLAVEOF':
      if (arg(1) === 'NO' && arg(2) === 'ONE') return undefined;
      return words.length > 1 ? { what: `${name} turns the server into a replica, which discards its whole dataset`, weight: 'destructive' } : undefined;
    case 'CLUSTER':
      if (arg(1) === 'RESET' || arg(1) === 'FLUSHSLOTS') return { what: `CLUSTER ${arg(1)} wipes the node's slots or data`, weight: 'destructive' };
      return undefined;
    case 'FUNCTION':
      return arg(1) === 'FLUSH' ? { what: 'FUNCTION FLUSH deletes every library of functions', weight: 'mild' } : undefined;
    case 'EVAL':
    case 'EVALSHA':
    case 'EVAL_RO': {
      const script = words[1] ?? '';
      if (/\bflush(all|db)\b/i.test(script)) return { what: 'the Lua script flushes the database', weight: 'destructive' };
      if (/['"](del|unlink)['"]/i.test(script) && /['"](keys|scan)['"]/i.test(script)) return { what: 'the Lua script deletes every key a KEYS/SCAN pattern matches', weight: 'destructive' };
      return undefined;
    }
    default:
      return undefined;
  }
}

/** `redis-cli --scan --pattern p | xargs redis-cli del`: deletes what a scan finds. */
function bulkDelete(cmd: SimpleCommand, words: readonly string[]): Hit | undefined {
  const name = words[0]?.toUpperCase();
  if (name !== 'DEL' && name !== 'UNLINK') return undefined;
  const stdin = cmd.stdin;
  if (!cmd.wrappers.includes('xargs') || stdin?.kind !== 'pipe') return undefined;
  const producer = stdin.producer;
  if (producer.name !== 'redis-cli') return { what: `${name} of every key ${producer.name} lists`, weight: 'mild' };
  const p = parseArgs(producer.args, VALUE);
  const pos = p.positionals.map((w) => w.toUpperCase());
  let pattern: string | undefined;
  if (p.flags.has('--scan')) pattern = opt(p, '--pattern', '--quoted-pattern') ?? '*';
  else if (pos[0] === 'KEYS') pattern = p.positionals[1] ?? '*';
  else if (pos[0] === 'SCAN') {
    const m = p.positionals.findIndex((w) => w.toUpperCase() === 'MATCH');
    pattern = m === -1 ? '*' : p.positionals[m + 1] ?? '*';
  } else return { what: `${name} of every key another command lists`, weight: 'mild' };
  if (/^[*?]*$/.test(pattern)) return { what: `${name} of every key (pattern ${pattern})`, weight: 'destructive' };
  return { what: `${name} of every key matching ${pattern}`, weight: 'mild' };
}

/** `redis-cli DEL $(redis-cli KEYS '*')`: deletes what a KEYS/--scan in a command substitution lists. */
function substitutedDelete(cmd: SimpleCommand, words: readonly string[]): Hit | undefined {
  const name = words[0]?.toUpperCase();
  if (name !== 'DEL' && name !== 'UNLINK') return undefined;
  for (const w of words.slice(1)) {
    for (const m of w.matchAll(/\$__BRS(\d+)__/g)) {
      const inner = cmd.substitutions?.[Number(m[1])];
      if (!inner || !/\b(redis|valkey|keydb)-cli\b/.test(inner)) continue;
      const keys = /\bKEYS\s+(['"]?)([^'"\s)]*)\1/i.exec(inner);
      const scan = /--scan\b/.test(inner) ? /--pattern\s+(['"]?)([^'"\s)]*)\1/.exec(inner)?.[2] ?? '*' : undefined;
      const pattern = keys ? keys[2] || '*' : scan;
      if (pattern === undefined) continue;
      if (/^[*?]*$/.test(pattern)) return { what: `${name} of every key (pattern ${pattern})`, weight: 'destructive' };
      return { what: `${name} of every key matching ${pattern}`, weight: 'mild' };
    }
  }
  return undefined;
}

export default defineCommandRule({
  meta: {
    id: 'db/redis-cli',
    commands: ['redis-cli', 'valkey-cli', 'keydb-cli'],
    decision: 'block',
    severity: 'critical',
    description: 'Redis commands that wipe or take over the server: FLUSHALL, FLUSHDB, DEL fed by KEYS/--scan, SHUTDOWN NOSAVE, CONFIG SET dir/dbfilename, DEBUG FLUSHALL, SWAPDB, REPLICAOF, CLUSTER RESET, Lua scripts that flush. PING, INFO, GET and deleting named keys stay allowed.',
    message: '{{what}} ({{target}})',
    safer: 'Delete the keys you mean by name or by a narrow prefix (`--scan --pattern "cache:v1:*"`), after `BGSAVE`.',
  },
  check(cmd, ctx) {
    const p = parseArgs(cmd.args, VALUE);
    if (p.flags.has('--help') || p.flags.has('-v') || p.flags.has('--version')) return;
    const uri = opt(p, '-u');
    const host = opt(p, '-h');
    const target = uri ?? kvTarget({ host: host ?? (cmd.remote?.startsWith('container ') ? 'localhost' : cmd.remote?.startsWith('host ') ? cmd.remote.slice(5) : undefined), port: opt(p, '-p'), dbname: opt(p, '-n') });
    const where = uri ?? host ?? 'the default Redis server';
    const hits: Hit[] = [];
    // `--cluster call host:port CMD …` runs CMD on every node of the cluster.
    const words = p.flags.has('--cluster') && p.positionals[0]?.toLowerCase() === 'call' ? p.positionals.slice(2) : p.positionals;
    const lua = opt(p, '--eval');
    if (lua !== undefined) {
      // `--eval script.lua`: the script is read and judged like EVAL's.
      const r = readScript(ctx.reader, lua, cmd.cwd ?? ctx.cwd, ctx.home);
      const h = r.ok ? redisHit(['EVAL', r.text]) : { what: `runs the Lua script ${lua}, which cannot be checked (${r.reason})`, weight: 'mild' as const };
      if (h) hits.push(h);
    } else if (words.length) {
      const h = redisHit(words) ?? bulkDelete(cmd, words) ?? substitutedDelete(cmd, words);
      if (h) hits.push(h);
    } else if (!p.flags.has('--scan') && !p.flags.has('--stat') && !p.flags.has('--bigkeys') && !p.flags.has('--memkeys') && !p.flags.has('--latency')) {
      // Commands on standard input, one per line.
      const s = stdinSql(cmd, ctx.home, ctx.reader);
      if (s.kind === 'sql') {
        for (const line of s.sql.text.split(/\r?\n/)) {
          const h = redisHit(line.trim().split(/\s+/));
          if (h) hits.push(h);
        }
      } else if (s.kind === 'unknown' && !p.flags.has('--pipe')) hits.push({ what: `runs commands that cannot be checked: ${s.reason.replace('SQL', 'commands')}`, weight: 'mild' });
    }
    for (const hit of hits) {
      const verdict = hit.always ? { decision: 'block' as const, signals: [] as string[] } : judge(signalsFor(ctx, cmd, target), hit.weight);
      if (!verdict.decision) continue;
      ctx.report({ target: where, data: { what: hit.what }, decision: verdict.decision, severity: hit.weight === 'mild' ? 'high' : 'critical', signals: verdict.signals });
    }
  },
  tests: {
    pause: [
      'redis-cli FLUSHALL',
      'redis-cli flushall async',
      'redis-cli -h cache.prod.internal FLUSHDB',
      'redis-cli -u rediss://default:pw@eu1-fast-cat-1234.upstash.io:6379 FLUSHALL',
      { input: 'redis-cli -h 127.0.0.1 -n 2 FLUSHDB', decision: 'ask' },
      "redis-cli --scan --pattern '*' | xargs redis-cli DEL",
      "redis-cli KEYS '*' | xargs redis-cli del",
      { input: "redis-cli -h localhost --scan --pattern 'session:*' | xargs redis-cli -h localhost DEL", decision: 'ask' },
      'redis-cli SHUTDOWN NOSAVE',
      'redis-cli CONFIG SET dir /var/www/html',
      'redis-cli -h 127.0.0.1 config set dbfilename shell.php',
      'redis-cli DEBUG FLUSHALL',
      'redis-cli SWAPDB 0 1',
      'redis-cli REPLICAOF 203.0.113.9 6379',
      "redis-cli EVAL \"for _,k in ipairs(redis.call('keys','*')) do redis.call('del',k) end\" 0",
      'echo FLUSHALL | redis-cli',
      'redis-cli <<EOF\nSELECT 1\nFLUSHDB\nEOF',
      { input: 'docker exec redis redis-cli FLUSHALL', decision: 'ask', note: 'a container on this machine' },
      { input: 'kubectl exec -it redis-0 -- redis-cli FLUSHALL', note: 'a pod in an unknown cluster' },
      'redis-cli --cluster call 10.0.0.5:7000 FLUSHALL',
      "redis-cli DEL $(redis-cli KEYS '*')",
      { input: "redis-cli UNLINK $(redis-cli --scan --pattern 'session:*')", decision: 'ask', note: 'a whole prefix' },
      'valkey-cli FLUSHALL',
      { input: 'redis-cli --eval missing-cleanup.lua', decision: 'ask' },
      { input: 'redis-cli --eval scripts/cleanup.lua', files: { 'scripts/cleanup.lua': "for _, k in ipairs(redis.call('KEYS', '*')) do\n  redis.call('DEL', k)\nend\n" } },
      { input: 'redis-cli -h 127.0.0.1 < scripts/reset.txt', files: { 'scripts/reset.txt': 'SELECT 2\nFLUSHDB\n' }, decision: 'ask' },
    ],
    pass: [
      'redis-cli PING',
      'redis-cli INFO memory',
      'redis-cli GET user:42',
      'redis-cli DEL session:8f2a1c',
      'redis-cli -h localhost DEL cache:home cache:about',
      "redis-cli KEYS 'user:*'",
      "redis-cli --scan --pattern 'cache:*'",
      'redis-cli CONFIG GET maxmemory',
      'redis-cli CONFIG SET maxmemory 256mb',
      'redis-cli REPLICAOF NO ONE',
      'redis-cli --version',
      'redis-cli monitor',
      'redis-cli --cluster call 10.0.0.5:7000 INFO keyspace',
      'redis-cli --cluster check 10.0.0.5:7000',
      'redis-cli DEL "$KEY"',
      'redis-cli DEL $(cat stale-keys.txt)',
      { input: 'redis-cli --eval scripts/incr.lua counter , 1', files: { 'scripts/incr.lua': "return redis.call('INCRBY', KEYS[1], ARGV[1])\n" } },
      { input: 'redis-cli -h 127.0.0.1 < scripts/warm.txt', files: { 'scripts/warm.txt': 'SET feature:beta on\nGET feature:beta\n' } },
    ],
  },
});
