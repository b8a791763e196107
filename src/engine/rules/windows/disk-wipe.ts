import { defineCommandRule } from '../../rule';
import type { Decision } from '../../types';

const has = (args: readonly string[], re: RegExp): boolean => args.some((a) => re.test(a));

export default defineCommandRule({
  meta: {
    id: 'windows/disk-wipe',
    commands: [
      'format', 'format-volume', 'clear-disk', 'initialize-disk', 'remove-partition', 'reset-physicaldisk', 'diskpart', 'cipher',
      'vssadmin', 'wmic', 'wbadmin', 'clear-recyclebin', 'sdelete', 'sdelete64', 'wsl', 'remove-vm', 'remove-vhd', 'bcdedit',
      'get-wmiobject', 'get-ciminstance',
    ],
    decision: 'block',
    severity: 'critical',
    description: 'Windows commands that erase disks, volumes, backups or recovery data: `format X:`, `Format-Volume`, `Clear-Disk`, `Remove-Partition`, a `diskpart` script that cleans a disk, `vssadmin delete shadows`, `wbadmin delete`, `sdelete`, `cipher /w`, `wsl --unregister`.',
    message: '{{what}} ({{target}})',
    safer: 'List first (`Get-Disk`, `Get-Volume`, `vssadmin list shadows`, `wsl --list`) and run the erase yourself, outside the agent, once you are sure of the target.',
  },
  check(cmd, ctx) {
    const a = cmd.args;
    const low = a.map((x) => x.toLowerCase());
    const report = (what: string, target: string, decision: Decision = 'block'): void => ctx.report({ target, data: { what }, decision, signals: [] });
    switch (cmd.name) {
      case 'format': {
        const drive = a.find((x) => /^[a-z]:\\?$/i.test(x));
        if (drive && cmd.shell !== 'bash') report('Formats a whole drive', drive);
        else if (drive && /^format(\.com)?$/i.test(cmd.rawName)) report('Formats a whole drive', drive);
        return;
      }
      case 'format-volume':
      case 'clear-disk':
      case 'remove-partition':
      case 'reset-physicaldisk':
        if (has(a, /^-whatif$/i)) return;
        report(`\`${cmd.rawName}\` erases a disk or volume`, a.filter((x) => !x.startsWith('-')).join(' ') || a.join(' ') || 'the selected disk');
        return;
      case 'initialize-disk':
        if (has(a, /^-whatif$/i)) return;
        report('`Initialize-Disk` rewrites a disk\'s partition table', a.join(' ') || 'the selected disk', 'ask');
        return;
      case 'diskpart': {
        const script = cmd.stdin?.kind === 'heredoc' || cmd.stdin?.kind === 'herestring' ? cmd.stdin.text : cmd.stdin?.kind === 'pipe' && cmd.stdin.producer.name.match(/^(echo|write-output|printf)$/) ? cmd.stdin.producer.args.join(' ') : undefined;
        if (script !== undefined) {
          if (/\b(clean|format|delete\s+(partition|volume|disk))\b/i.test(script)) report('A diskpart script erases a disk', 'diskpart');
          return;
        }
        const s = a.findIndex((x) => /^\/s$/i.test(x));
        if (s !== -1) report('A diskpart script that cannot be read here may erase disks', a[s + 1] ?? 'a script', 'ask');
        return;
      }
      case 'cipher':
        if (low.some((x) => x.startsWith('/w'))) report('`cipher /w` overwrites free space, so deleted files can never be recovered', a.find((x) => /^\/w/i.test(x))!.slice(3) || 'the current drive', 'ask');
        return;
      case 'vssadmin':
        if (low[0] === 'delete' && (low[1] === 'shadows' || low[1] === 'shadowstorage')) report('Deletes Volume Shadow Copies (the backups Windows keeps)', low.includes('/all') ? 'every shadow copy' : a.slice(1).join(' '));
        else if (low[0] === 'resize' && low[1] === 'shadowstorage' && low.some((x) => /\/maxsize=\d+(mb|kb|b)?$/i.test(x))) report('Shrinks shadow storage, which deletes shadow copies', a.join(' '), 'ask');
        return;
      case 'wmic':
        if (low.includes('shadowcopy') && low.includes('delete')) report('Deletes Volume Shadow Copies (the backups Windows keeps)', 'every shadow copy');
        return;
      case 'get-wmiobject':
      case 'get-ciminstance':
        if (low.some((x) => /win32_shadowcopy/.test(x)) && cmd.pipedTo && /remove-(wmiobject|ciminstance)|foreach-object/.test(cmd.pipedTo.name)) report('Deletes Volume Shadow Copies (the backups Windows keeps)', 'every shadow copy');
        return;
      case 'wbadmin':
        if (low[0] === 'delete') report('Deletes Windows backups', a.slice(1).join(' ') || 'backups');
        return;
      case 'bcdedit':
        if (low.some((x) => x === '/delete' || x === '/deletevalue')) report('Changes the boot configuration', a.join(' '), 'ask');
        return;
      case 'clear-recyclebin':
        if (!has(a, /^-whatif$/i)) report('Empties the Recycle Bin, the last way back for deleted files', a.join(' ') || 'every drive', 'ask');
        return;
      case 'sdelete':
      case 'sdelete64':
        if (a.some((x) => !x.startsWith('-'))) report('Securely deletes files so they can never be recovered', a.filter((x) => !x.startsWith('-')).join(' '));
        return;
      case 'wsl': {
        const i = low.findIndex((x) => x === '--unregister');
        if (i !== -1) report('Deletes a WSL distribution and every file in it', a[i + 1] ?? 'a distribution');
        return;
      }
      case 'remove-vm':
      case 'remove-vhd':
        if (!has(a, /^-whatif$/i)) report(`\`${cmd.rawName}\` deletes a virtual machine or disk`, a.filter((x) => !x.startsWith('-')).join(' ') || 'a VM', 'ask');
        return;
    }
  },
  tests: {
    pause: [
      { input: { kind: 'shell', command: 'format D: /q /y', shell: 'cmd' } },
      'format C: /fs:ntfs /q',
      'Format-Volume -DriveLetter D -FileSystem NTFS -Force',
      'Clear-Disk -Number 1 -RemoveData -Confirm:$false',
      'Get-Partition -DiskNumber 1 | Remove-Partition -Confirm:$false',
      { input: { kind: 'shell', command: 'vssadmin delete shadows /all /quiet', shell: 'cmd' } },
      'vssadmin delete shadows /all /quiet',
      'wmic shadowcopy delete',
      'wbadmin delete catalog -quiet',
      'sdelete -p 3 -s C:\\data',
      'wsl --unregister Ubuntu',
      { input: 'cipher /w:C:\\', decision: 'ask' },
      { input: 'Clear-RecycleBin -Force', decision: 'ask' },
      { input: 'diskpart /s wipe.txt', decision: 'ask' },
      "powershell -c 'Clear-Disk -Number 0 -RemoveData'",
    ],
    pass: [
      'Get-Disk',
      'Get-Volume',
      'vssadmin list shadows',
      'wsl --list --verbose',
      'wsl -d Ubuntu -- ls',
      'Format-Volume -DriveLetter D -WhatIf',
      'cipher /e secret-folder',
      'npx prettier --write src/',
      'dotnet format',
      'go fmt ./...',
      'cargo fmt',
      'black --check . && ruff format .',
    ],
  },
});
