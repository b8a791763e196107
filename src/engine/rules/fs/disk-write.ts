import { defineCommandRule } from '../../rule';
import type { Decision } from '../../types';
import type { SimpleCommand } from '../../shell/types';
import { isUnresolved } from '../../shell/types';
import { hasFlag, positionals } from '../../shell/words';

/** Block devices (disks, partitions, RAID, device-mapper, loop and by-id links) and raw memory. */
const BLOCK_DEVICE = /^\/dev\/(sd[a-z]+\d*|hd[a-z]+\d*|vd[a-z]+\d*|xvd[a-z]+\d*|nvme\d+(n\d+)?(p\d+)?|mmcblk\d+(p\d+)?|r?disk\d+(s\d+)?|md\d+(p\d+)?|md\/.+|dm-\d+|mapper\/.+|loop\d+(p\d+)?|disk\/by-[\w-]+\/.+|sr\d+|fd\d+|mem|kmem|port|root|zd\d+|rbd\d+|bcache\d+|[a-z]+vg[\w-]*\/.+|vg[\w-]*\/.+)$/;

function classify(target: string): Decision | undefined {
  const t = target.replace(/^["']|["']$/g, '');
  if (BLOCK_DEVICE.test(t)) return 'block';
  if (/^\/dev\/\$/.test(t)) return 'block'; // `/dev/$DISK`: some device
  return undefined;
}

/** Where this command writes raw bytes: `dd of=`, redirects, `tee`, `cp`/`pv`/`cat` onto a device. */
function writes(cmd: SimpleCommand): { target: string; how: string }[] {
  const out: { target: string; how: string }[] = [];
  for (const r of cmd.redirects) {
    if (r.op === '>' || r.op === '>>' || r.op === '>|' || r.op === '&>' || r.op === '&>>' || r.op === '<>') out.push({ target: r.target, how: `\`${r.op}\`` });
  }
  const a = cmd.args;
  if (cmd.name === 'dd') {
    const of = a.find((x) => x.startsWith('of='));
    if (of) out.push({ target: of.slice(3), how: '`dd of=`' });
  } else if (cmd.name === 'tee') {
    for (const p of positionals(a)) out.push({ target: p, how: '`tee`' });
  } else if ((cmd.name === 'cp' || cmd.name === 'install' || cmd.name === 'ddrescue' || cmd.name === 'dcfldd') && !hasFlag(a, undefined, '--help')) {
    const pos = positionals(a);
    if (pos.length >= 2) out.push({ target: pos[pos.length - 1]!, how: `\`${cmd.name}\`` });
    if (cmd.name === 'dcfldd') for (const x of a) if (x.startsWith('of=')) out.push({ target: x.slice(3), how: '`dcfldd of=`' });
  }
  return out;
}

export default defineCommandRule({
  meta: {
    id: 'fs/disk-write',
    decision: 'block',
    severity: 'critical',
    description: 'Writes raw bytes onto a disk or partition (`dd of=/dev/sda`, `cat img > /dev/sdb`, `pv x > /dev/disk2`), destroying its file systems and partition table.',
    message: 'Overwrites the device {{target}} with {{how}}: every file system on it is destroyed',
    safer: 'Check the device with `lsblk` (or `diskutil list`) and write to an image file first; removable media usually shows up as a separate, smaller device.',
  },
  check(cmd, ctx) {
    for (const { target, how } of writes(cmd)) {
      let decision = classify(target);
      if (!decision && cmd.name === 'dd' && how === '`dd of=`' && isUnresolved(target) && /^\$\{?\w*(DEV|DISK|DRIVE|TARGET|USB|SD|CARD)\w*\}?$/i.test(target)) decision = 'ask';
      if (!decision) continue;
      ctx.report({ target, data: { how }, decision });
    }
  },
  tests: {
    pause: [
      'dd if=ubuntu.iso of=/dev/sdb bs=4M status=progress',
      'sudo dd if=/dev/zero of=/dev/sda bs=1M',
      'dd if=/dev/urandom of=/dev/nvme0n1',
      'dd if=raspios.img of=/dev/mmcblk0 bs=4M conv=fsync',
      'sudo dd if=img of=/dev/rdisk2 bs=1m',
      'cat disk.img > /dev/sda',
      'pv image.img > /dev/disk2',
      'echo 0 > /dev/sda1',
      'xzcat os.img.xz | sudo tee /dev/sdc > /dev/null',
      'sudo cp debian.iso /dev/sdb',
      'dd if=/dev/zero of=/dev/mapper/vg0-data',
      'dd if=/dev/zero of=/dev/$DISK bs=1M',
      'ssh db1 "dd if=/dev/zero of=/dev/xvdf"',
      { input: 'dd if=image.img of=$DEVICE', decision: 'ask' },
    ],
    pass: [
      'dd if=/dev/zero of=./test.img bs=1M count=10',
      'dd if=/dev/sda of=backup.img bs=4M',
      'dd if=/dev/urandom of=/tmp/random.bin bs=1k count=1',
      'echo hi > /dev/null',
      'echo hi > /dev/stderr',
      'cat firmware.bin > /dev/ttyUSB0',
      'lsblk',
      'sudo fdisk -l',
      'ls -la /dev/sda*',
      'head -c 16 /dev/urandom | base64',
    ],
  },
});
