import { defineCommandRule } from '../../rule';
import type { Decision } from '../../types';
import { isUnresolved } from '../../shell/types';
import { hasFlag, positionals } from '../../shell/words';

const MKFS = /^(mkfs(\.[\w]+)?|mke2fs|mkswap|mkdosfs|mkntfs|mkexfatfs|newfs(_[\w]+)?|mkfs_[\w]+)$/;
const SIMPLE_VALUE: Record<string, string[]> = {
  mkfs: ['-t', '-L', '-b', '-n', '-N', '-c', '-i', '-I', '-m', '-O', '-E', '-U', '-T', '-s'],
  wipefs: ['-o', '--offset', '-t', '--types', '-b', '--backup'],
  sgdisk: ['-d', '--delete', '-n', '--new', '-t', '--typecode', '-c', '--change-name', '-A', '--attributes', '-u', '--partition-guid', '-U', '--disk-guid', '-R', '--replicate', '-b', '--backup', '-l', '--load-backup'],
};
const PARTED_WRITES = new Set(['rm', 'mklabel', 'mktable', 'mkpart', 'mkpartfs', 'resizepart', 'resize', 'move', 'name', 'set', 'toggle']);
const DISKUTIL_WRITES = /^(eraseDisk|eraseVolume|reformat|zeroDisk|randomDisk|secureErase|partitionDisk|splitPartition|mergePartitions|resizeVolume|deleteContainer|deleteVolume|deleteVolumeGroup|addVolume|eraseCD)$/i;

/** A real device (or one that is not known until it runs), as opposed to an image file. */
function isDevice(arg: string): boolean {
  return arg.startsWith('/dev/') || isUnresolved(arg) || /^disk\d+(s\d+)?$/.test(arg);
}

function targetsOf(args: string[], valueOpts: string[]): string[] {
  return positionals(args, valueOpts);
}

export default defineCommandRule({
  meta: {
    id: 'fs/format-disk',
    decision: 'block',
    severity: 'critical',
    description: 'Formats, wipes or repartitions a disk (`mkfs.*`, `mkswap`, `wipefs -a`, `sgdisk --zap-all`, `fdisk`/`parted … rm`, `diskutil eraseDisk`, `blkdiscard`, `cryptsetup luksFormat`), destroying what is on it.',
    message: 'Destroys the data on {{target}} with `{{tool}}`',
    safer: 'Check the device with `lsblk -f` (or `diskutil list`) first; practise on a loop device or an image file.',
  },
  check(cmd, ctx) {
    const n = cmd.name;
    const a = cmd.args;
    if (a.some((x) => x === '--help' || x === '-h' || x === '--version' || x === '-V')) return;
    let targets: string[] = [];
    let tool = n;
    let decision: Decision = 'block';
    if (MKFS.test(n)) {
      targets = targetsOf(a, SIMPLE_VALUE.mkfs!).filter(isDevice).slice(0, 1);
    } else if (n === 'wipefs') {
      if (!hasFlag(a, 'a', '--all') && !hasFlag(a, 'o', '--offset')) return; // without -a it only lists signatures
      targets = targetsOf(a, SIMPLE_VALUE.wipefs!).filter(isDevice);
    } else if (n === 'sgdisk' || n === 'gdisk') {
      if (n === 'sgdisk' && !hasFlag(a, 'Z', '--zap-all') && !hasFlag(a, 'z', '--zap') && !hasFlag(a, 'o', '--clear') && !hasFlag(a, 'd', '--delete') && !hasFlag(a, 'n', '--new') && !hasFlag(a, 'l', '--load-backup')) return;
      if (n === 'gdisk' && hasFlag(a, 'l')) return;
      targets = targetsOf(a, SIMPLE_VALUE.sgdisk!).filter(isDevice);
    } else if (n === 'fdisk' || n === 'cfdisk' || n === 'sfdisk') {
      if (hasFlag(a, 'l', '--list') || hasFlag(a, 's', '--show-size') || hasFlag(a, 'd', '--dump') || hasFlag(a, 'J', '--json') || hasFlag(a, undefined, '--verify', '--list-free', '--list-types')) return;
      targets = positionals(a, ['-b', '-C', '-H', '-S', '-u', '-c', '-t', '--label', '-N']).filter(isDevice);
    } else if (n === 'parted') {
      if (hasFlag(a, 'l', '--list')) return;
      const pos = positionals(a, ['-a', '--align']);
      const device = pos[0];
      const cmds = pos.slice(1);
      if (!device || !isDevice(device)) return;
      if (cmds.length === 0) decision = 'ask'; // interactive: nothing is written unless someone types a command
      else if (!cmds.some((c) => PARTED_WRITES.has(c))) return;
      tool = `parted ${cmds.find((c) => PARTED_WRITES.has(c)) ?? ''}`.trim();
      targets = [device];
    } else if (n === 'diskutil') {
      const verb = a[0] === 'apfs' || a[0] === 'cs' || a[0] === 'coreStorage' || a[0] === 'appleRAID' ? a[1] : a[0];
      if (!verb || !DISKUTIL_WRITES.test(verb)) return;
      tool = `diskutil ${a[0] === verb ? verb : `${a[0]} ${verb}`}`;
      const pos = positionals(a);
      targets = [pos[pos.length - 1] ?? 'a disk'];
    } else if (n === 'blkdiscard') {
      targets = positionals(a, ['-o', '--offset', '-l', '--length', '-p', '--step']).filter(isDevice);
    } else if (n === 'cryptsetup') {
      const verb = positionals(a, ['-c', '--cipher', '-s', '--key-size', '-h', '--hash', '--type', '-d', '--key-file', '-S', '--key-slot', '--pbkdf'])[0];
      if (!verb || !/^(luksFormat|erase|luksErase|reencrypt|open)$/i.test(verb) || verb === 'open') return;
      tool = `cryptsetup ${verb}`;
      targets = positionals(a, ['-c', '--cipher', '-s', '--key-size', '-h', '--hash', '--type', '-d', '--key-file', '-S', '--key-slot', '--pbkdf']).slice(1, 2);
    } else if (n === 'zpool' || n === 'zfs') {
      const verb = a[0];
      if (!(n === 'zpool' ? /^(destroy|labelclear)$/ : /^destroy$/).test(verb ?? '')) return;
      tool = `${n} ${verb}`;
      targets = [positionals(a.slice(1))[0] ?? 'a pool'];
    } else if (n === 'lvremove' || n === 'vgremove' || n === 'pvremove') {
      targets = positionals(a, ['--config']);
      if (!targets.length) return;
    } else if (n === 'mdadm') {
      if (!hasFlag(a, undefined, '--zero-superblock')) return;
      targets = positionals(a);
    } else if (n === 'nvme') {
      if (a[0] !== 'format' && a[0] !== 'sanitize') return;
      tool = `nvme ${a[0]}`;
      targets = positionals(a.slice(1)).filter(isDevice);
    } else if (n === 'hdparm') {
      if (!a.some((x) => /^--(security-erase(-enhanced)?|trim-sector-ranges|make-bad-sector)$/.test(x))) return;
      targets = positionals(a).filter(isDevice);
    } else return;
    if (!targets.length) return;
    ctx.report({ target: targets.join(', '), data: { tool }, decision });
  },
  tests: {
    pause: [
      'mkfs.ext4 /dev/sdb1',
      'sudo mkfs -t xfs /dev/nvme1n1',
      'mkfs.vfat -F 32 /dev/mmcblk0p1',
      'mke2fs -j /dev/sdc',
      'mkswap /dev/sda2',
      'wipefs -a /dev/sdb',
      'wipefs --all --force /dev/nvme0n1',
      'sgdisk --zap-all /dev/sda',
      'sgdisk -Z /dev/sdb',
      'sgdisk -o /dev/sdb',
      'echo -e "o\\nw" | fdisk /dev/sda',
      'sfdisk /dev/sdb < layout.sfdisk',
      'parted /dev/sda rm 1',
      'parted -s /dev/sdb mklabel gpt',
      'diskutil eraseDisk APFS Blank disk2',
      'diskutil eraseVolume JHFS+ Untitled /dev/disk3s1',
      'diskutil apfs deleteContainer disk4',
      'blkdiscard /dev/nvme0n1',
      'cryptsetup luksFormat /dev/sdb1',
      'zpool destroy tank',
      'zfs destroy -r tank/data',
      'lvremove -f /dev/vg0/data',
      'mkfs.ext4 "$DEVICE"',
      'ssh nas "sudo mkfs.btrfs -f /dev/sdd"',
      { input: 'parted /dev/sda', decision: 'ask' },
    ],
    pass: [
      'fdisk -l',
      'sudo fdisk -l /dev/sda',
      'lsblk -f',
      'diskutil list',
      'diskutil info disk2',
      'parted -l',
      'parted /dev/sda print',
      'wipefs /dev/sdb',
      'sgdisk -p /dev/sda',
      'mkfs.ext4 rootfs.img',
      'mkswap /swapfile',
      'zpool status',
      'zfs list',
      'mkfs.ext4 --help',
    ],
  },
});
