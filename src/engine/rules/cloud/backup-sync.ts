import { defineCommandRule } from '../../rule';
import type { Cli, Inv } from './_cli';
import { DATA_WORD, judgeCli } from './_cli';

const dest = (inv: Inv): string | undefined => inv.rest[inv.rest.length - 1];
const remote = (p: string | undefined): boolean => p !== undefined && /^[\w.-]+:/.test(p) && !/^[a-z]:[\\/]/i.test(p);

const TOOLS: Record<string, Cli> = {
  rclone: {
    valueOptions: ['--config', '--filter', '--filter-from', '--include', '--exclude', '--min-age', '--max-age', '--backup-dir', '--transfers', '--checkers', '--log-file', '--log-level', '--bwlimit', '--max-delete', '--suffix'],
    dryRun: ['-n', '--dry-run', '-i', '--interactive'],
    safer: 'Run it with `--dry-run` first, use `rclone copy` (never deletes), or keep deleted files with `--backup-dir remote:trash`.',
    ops: [
      { sub: 'purge', decision: 'block', what: 'deletes {{target}} and everything in it, ignoring filters' },
      { sub: 'delete', what: 'deletes every file under {{target}} (matching the filters)' },
      { sub: 'sync', what: 'makes {{target}} an exact copy of the source, deleting what the source lacks', target: dest, unless: (inv) => inv.has('--backup-dir'), escalate: (inv) => [DATA_WORD.test(dest(inv) ?? '') && `${dest(inv)} looks like a backup or data store`] },
      { sub: 'cleanup', what: 'permanently removes old versions and trash in {{target}}' },
      { sub: 'bisync', what: 'rebuilds both sides from scratch (--resync)', when: (inv) => inv.has('--resync') },
    ],
  },
  restic: {
    valueOptions: ['-r', '--repo', '--repository-file', '-p', '--password-file', '--password-command', '--keep-last', '--keep-hourly', '--keep-daily', '--keep-weekly', '--keep-monthly', '--keep-yearly', '--keep-within', '--keep-tag', '--host', '--tag', '--path', '--group-by', '--cache-dir'],
    dryRun: ['-n', '--dry-run'],
    safer: 'Run `restic forget --dry-run` and read which snapshots go before pruning.',
    ops: [
      { sub: 'forget', what: 'forgets backup snapshots{{target}}', target: (inv) => (inv.rest.length ? ` ${inv.rest.join(' ')}` : ' by the keep policy'), escalate: (inv) => [inv.has('--prune') && '--prune deletes their data at once'] },
      { sub: 'prune', what: 'deletes backup data no snapshot references', target: (inv) => inv.value('-r', '--repo') ?? 'the repository' },
    ],
  },
  borg: {
    valueOptions: ['--keep-last', '--keep-within', '--keep-daily', '--keep-weekly', '--keep-monthly', '--keep-yearly', '-a', '--glob-archives', '--prefix', '--rsh'],
    dryRun: ['-n', '--dry-run'],
    ops: [
      { sub: 'delete', what: 'deletes the backup archive or repository {{target}}', escalate: (inv) => [!(inv.rest[0] ?? '').includes('::') && inv.rest.length <= 1 && 'no archive named: the whole repository'] },
      { sub: 'prune', what: 'deletes backup archives outside the keep policy', target: (inv) => inv.rest[0] ?? 'the repository' },
    ],
  },
  kopia: { valueOptions: ['--config-file'], ops: [{ sub: 'snapshot delete', what: 'deletes the snapshot {{target}}', when: (inv) => inv.has('--delete') }] },
  duplicity: { valueOptions: ['--name', '--archive-dir'], ops: [{ sub: 'remove-older-than|remove-all-but-n-full|remove-all-inc-of-but-n-full', what: 'deletes old backup sets in {{target}}', when: (inv) => inv.has('--force'), target: dest }] },
  tarsnap: { valueOptions: ['-f', '--keyfile', '--cachedir'], ops: [{ sub: '*', what: 'deletes the archive {{target}}', when: (inv) => inv.has('-d', '--nuke'), target: (inv) => inv.value('-f') ?? 'archives' }] },
};

export default defineCommandRule({
  meta: {
    id: 'cloud/backup-sync',
    commands: Object.keys(TOOLS),
    decision: 'ask',
    severity: 'high',
    description: 'Sync and backup tools that delete on the remote side: `rclone sync` (makes the destination a mirror), `rclone purge`/`delete`/`cleanup`, `restic forget --prune`/`prune`, `borg delete`/`prune`, `kopia snapshot delete`, `duplicity remove-* --force`. Backups are the safety net; deleting them is hard to notice until they are needed.',
    message: '{{what}}',
    safer: 'Dry-run first (`--dry-run`), copy rather than sync, and keep a `--backup-dir` for deleted files.',
  },
  check(cmd, ctx) {
    const cli = TOOLS[cmd.name];
    if (!cli) return;
    if (cmd.name === 'rclone') {
      const pos = cmd.args.filter((a) => !a.startsWith('-'));
      // A sync into a local folder is a download; a sync to a remote is what deletes remote data.
      if (pos[0] === 'sync' && !remote(pos[pos.length - 1]) && !DATA_WORD.test(pos[pos.length - 1] ?? '')) return;
    }
    judgeCli(cmd, ctx, cli, cmd.name);
  },
  tests: {
    pause: [
      'rclone sync ./site remote:www',
      { input: 'rclone sync ./data s3:company-backups', decision: 'block' },
      { input: 'rclone purge remote:old-bucket', decision: 'block' },
      'rclone delete remote:logs --min-age 30d',
      'rclone cleanup remote:',
      'restic forget --keep-last 3',
      { input: 'restic -r s3:s3.amazonaws.com/backups forget --keep-daily 7 --prune', decision: 'block' },
      'restic prune',
      { input: 'borg delete /mnt/backup/repo', decision: 'block' },
      'borg delete /mnt/backup/repo::2024-01-01',
      'borg prune --keep-daily 7 /mnt/backup/repo',
      'kopia snapshot delete k123 --delete',
    ],
    pass: [
      'rclone copy ./dist remote:www',
      'rclone sync remote:www ./mirror',
      'rclone sync ./site remote:www --dry-run',
      'rclone ls remote:',
      'rclone lsd remote:',
      'restic snapshots',
      'restic backup ~/work',
      'restic forget --keep-last 3 --dry-run',
      'borg list /mnt/backup/repo',
      'borg create /mnt/backup/repo::today ~/work',
      'borg prune -n --keep-daily 7 /mnt/backup/repo',
      'kopia snapshot delete k123',
    ],
  },
});
