import { defineCommandRule } from '../../rule';
import { positionals } from '../../shell/words';
import { feedingFind, findRoots } from './_find';

const VALUE_OPTS: Record<string, string[]> = {
  shred: ['-n', '--iterations', '-s', '--size', '--random-source'],
  srm: ['-n'],
  wipe: ['-p', '-l', '-x', '-b', '-S', '-T', '-X'],
  sdelete: ['-p', '-passes'],
};
const INFO = /^(--help|-h|--version|-V)$/;

export default defineCommandRule({
  meta: {
    id: 'fs/secure-wipe',
    commands: ['shred', 'srm', 'wipe', 'sfill', 'sswap', 'sdmem'],
    decision: 'block',
    severity: 'critical',
    description: 'Secure-wipe tools (`shred`, `srm`, `wipe`) overwrite data so that nothing, not even a backup of the disk blocks, can bring it back.',
    message: 'Irrecoverably overwrites {{target}} with `{{name}}`',
    safer: 'Delete normally (`rm`, or move to the trash) unless the data really must be unrecoverable; check the path first.',
  },
  check(cmd, ctx) {
    if (cmd.args.length === 0 || cmd.args.some((a) => INFO.test(a))) return;
    let targets = positionals(cmd.args, VALUE_OPTS[cmd.name] ?? []);
    const find = feedingFind(cmd);
    if (find) targets = targets.filter((t) => t !== '{}').concat(findRoots(find.args).map((r) => `every file find selects under ${r}`));
    if (!targets.length && cmd.wrappers.includes('xargs')) targets = ['the paths another command prints'];
    if (!targets.length) return;
    const signals = targets.some((t) => t.startsWith('/dev/')) ? ['a whole device'] : undefined;
    ctx.report({ target: targets.join(', '), data: { name: cmd.name }, signals });
  },
  tests: {
    pause: [
      'shred -u secrets.txt',
      'shred -vzn 3 /dev/sdb',
      'shred -z -u ~/.ssh/id_rsa',
      'shred --remove=wipesync data/app.db',
      'srm -rf ~/Documents/old',
      'wipe -rf /home/dev/backups',
      'find . -name "*.key" -exec shred -u {} \\;',
      'find logs -type f | xargs shred -u',
      'sudo shred -n 1 /dev/nvme0n1',
      "bash -c 'shred -u .env'",
      'cp .env /tmp/x && shred -u .env',
      'sfill -v /home',
    ],
    pass: [
      'shred --help',
      'shred --version',
      'srm --help',
      'echo "use shred -u to wipe a file"',
      'grep -rn shred docs/',
      'man shred',
    ],
  },
});
