import { defineCommandRule } from '../../rule';
import type { Decision } from '../../types';
import { importantFile } from '../fs/_important';

const PS_TARGET = /^-(path|literalpath|lp|filepath|pspath)$/i;

export default defineCommandRule({
  meta: {
    id: 'windows/clear-content',
    commands: ['clear-content', 'set-content', 'out-file', 'type', 'copy', 'echo', 'write-output', 'new-item'],
    decision: 'ask',
    severity: 'high',
    description: 'Emptying or overwriting files from PowerShell and cmd.exe: `Clear-Content`, `Set-Content`/`Out-File` over an env file, database or state file, `type nul > file`, `copy nul file`, `New-Item -Force` over an existing file.',
    message: 'Empties or overwrites {{target}} ({{what}})',
    safer: 'Copy the file aside first (`Copy-Item .env .env.bak`), then edit only the lines that need to change.',
  },
  check(cmd, ctx) {
    if (cmd.shell === 'bash') return;
    const cwd = cmd.cwd ?? ctx.cwd;
    const targets: string[] = [];
    const a = cmd.args;
    if (cmd.name === 'clear-content' || cmd.name === 'set-content' || cmd.name === 'out-file' || cmd.name === 'new-item') {
      if (a.some((x) => /^-(whatif|append)$/i.test(x))) return;
      if (cmd.name === 'new-item' && !a.some((x) => /^-fo/i.test(x))) return;
      for (let i = 0; i < a.length; i++) {
        if (PS_TARGET.test(a[i]!)) targets.push(a[++i] ?? '');
        else if (/^-(value|encoding|itemtype|type|name|width|inputobject|stream|filter|include|exclude)$/i.test(a[i]!)) i++;
        else if (!a[i]!.startsWith('-') && targets.length === 0) targets.push(a[i]!);
      }
    } else if (cmd.name === 'copy' && cmd.shell === 'cmd') {
      const pos = a.filter((x) => !x.startsWith('/'));
      if (pos[0]?.toLowerCase() === 'nul' && pos[1]) targets.push(pos[1]);
    }
    for (const r of cmd.redirects) if (r.op === '>' && r.fd !== 2 && r.target && !/^(nul|\$null|con)$/i.test(r.target)) targets.push(r.target);
    for (const t of targets) {
      const file = importantFile(t.replace(/\\/g, '/'), cwd, ctx);
      let decision: Decision | undefined;
      if (file) decision = cmd.name === 'clear-content' || cmd.name === 'copy' || (cmd.name === 'type' && /^nul$/i.test(a[0] ?? '')) ? 'block' : 'ask';
      else if (cmd.name === 'clear-content' && !/\.(log|txt|tmp|out)$/i.test(t) && !/[*?]/.test(t)) decision = 'ask';
      if (!decision) continue;
      ctx.report({ target: t, data: { what: file?.what ?? 'its contents are lost' }, decision, signals: file ? [`${t} is ${file.what}`] : [] });
    }
  },
  tests: {
    pause: [
      { input: 'Clear-Content .env', decision: 'block' },
      { input: 'Clear-Content -Path app.db', decision: 'block' },
      'Clear-Content config\\settings.json',
      'Set-Content -Path .env -Value ""',
      '"" | Out-File .env.production',
      { input: { kind: 'shell', command: 'type nul > .env', shell: 'cmd' }, decision: 'block' },
      { input: { kind: 'shell', command: 'copy nul terraform.tfstate', shell: 'cmd' }, decision: 'block' },
      'Write-Output "" > .env',
      'New-Item -ItemType File -Path .env -Force',
    ],
    pass: [
      'Clear-Content build.log',
      'Clear-Content *.log',
      'Set-Content -Path notes.txt -Value "hello"',
      'Add-Content -Path .env -Value "DEBUG=1"',
      '"hello" | Out-File -Append log.txt',
      'Get-Content .env.example | Set-Content .env.example.bak',
      'New-Item -ItemType Directory -Path build -Force',
      { input: { kind: 'shell', command: 'echo done > build.log', shell: 'cmd' } },
    ],
  },
});
