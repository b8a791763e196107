import { defineCommandRule } from '../../rule';
import type { SimpleCommand } from '../../shell/types';
import type { Decision } from '../../types';
import { stricter } from '../../types';
import { classifyWindowsTarget, splitPathWithSpaces } from './_winpaths';
import { inProjectSource, sourceSweepExt } from '../fs/_source';

/** PowerShell parameters may be abbreviated to any unambiguous prefix and written `-Name:value`. */
function psParam(arg: string): { name: string; value?: string } | undefined {
  const m = /^-([A-Za-z]+)(?::(.*))?$/.exec(arg);
  return m ? { name: m[1]!.toLowerCase(), value: m[2] } : undefined;
}
const isPrefix = (name: string, full: string, min = 1): boolean => name.length >= min && full.startsWith(name);
const VALUE_PARAMS = ['path', 'literalpath', 'filter', 'include', 'exclude', 'credential', 'stream'];

interface Removal {
  targets: string[];
  recursive: boolean;
  force: boolean;
  dryRun: boolean;
  /** Targets arrive through the pipeline (`Get-ChildItem … | Remove-Item`). */
  piped: boolean;
  filtered: boolean;
  /** `-Filter`/`-Include` patterns (of the Get-ChildItem feeding the pipe too). */
  patterns: string[];
  /** Folders the feeding Get-ChildItem starts from. */
  roots?: string[];
}

function readRemoveItem(cmd: SimpleCommand): Removal {
  const r: Removal = { targets: [], recursive: false, force: false, dryRun: false, piped: false, filtered: false, patterns: [] };
  const args = cmd.args;
  for (let i = 0; i < args.length; i++) {
    const p = psParam(args[i]!);
    if (!p) {
      r.targets.push(args[i]!);
      continue;
    }
    const off = p.value !== undefined && /^\$?false$|^0$/i.test(p.value);
    if (isPrefix(p.name, 'recurse')) r.recursive = !off;
    else if (isPrefix(p.name, 'force', 1)) r.force = !off;
    else if (isPrefix(p.name, 'whatif', 2) || p.name === 'wi') r.dryRun = !off;
    else if (VALUE_PARAMS.some((v) => isPrefix(p.name, v, 2)) || p.name === 'lp' || p.name === 'pspath') {
      const v = p.value ?? args[++i];
      if (v === undefined) continue;
      if (isPrefix(p.name, 'path', 2) || isPrefix(p.name, 'literalpath', 2) || p.name === 'lp' || p.name === 'pspath') r.targets.push(v);
      else if (isPrefix(p.name, 'filter', 2) || isPrefix(p.name, 'include', 2)) {
        r.filtered = true;
        r.patterns.push(...v.split(','));
      }
    }
  }
  if (!r.targets.length && cmd.stdin?.kind === 'pipe') {
    r.piped = true;
    const producer = cmd.stdin.producer;
    if (producer.name === 'get-childitem' || producer.name === 'get-item' || producer.name === 'resolve-path') {
      const inner = readRemoveItem({ ...producer, stdin: undefined });
      r.patterns = inner.patterns;
      r.roots = inner.targets.filter((t) => !/[*?]/.test(t));
      r.targets = inner.targets.length ? inner.targets.filter((t) => !/[*?]/.test(t) || /^[*.]+$/.test(t) || /[\\/]\*$/.test(t)) : ['.'];
      r.filtered = inner.filtered || inner.targets.some((t) => /\*\.\w+$/.test(t)) || producer.args.some((a) => /^-(filter|include|name|file)/i.test(a));
      if (producer.args.some((a) => /^-r/i.test(a))) r.recursive = true;
      if (r.filtered && !r.targets.some((t) => /^[a-z]:\\?$|^\\$/i.test(t))) r.targets = [];
    } else r.targets = [];
  }
  return r;
}

/** cmd.exe's rd/rmdir and del/erase: switches are `/s`, `/q`, `/f`, possibly run together (`/s/q`). */
function readCmd(cmd: SimpleCommand): Removal {
  const r: Removal = { targets: [], recursive: false, force: false, dryRun: false, piped: false, filtered: false, patterns: [] };
  for (const a of cmd.args) {
    if (a.startsWith('/') && /^(\/[a-z](:[a-z-]*)?)+$/i.test(a)) {
      const flags = a.toLowerCase().split('/').filter(Boolean);
      if (flags.includes('s')) r.recursive = true;
      if (flags.includes('q') || flags.includes('f')) r.force = true;
      continue;
    }
    r.targets.push(a);
  }
  return r;
}

export default defineCommandRule({
  meta: {
    id: 'windows/remove-item',
    commands: ['remove-item', 'rd', 'rmdir', 'del', 'erase', '[io.directory]::delete', 'robocopy'],
    decision: 'block',
    severity: 'critical',
    description: 'Recursive deletes in PowerShell and cmd.exe (`Remove-Item -Recurse -Force`, `rm -r -fo`, `rd /s /q`, `rmdir /s`, `del /f /s /q`) of a wide target: a drive root, a user profile, a system folder, the project, .git, a path built from a variable that may be empty, or an unquoted path with spaces that splits into several targets.',
    message: 'Recursively deletes {{target}} ({{what}})',
    safer: 'Name the exact folder that has to go (a build or cache folder), quote paths that contain spaces, and try it first with `-WhatIf`.',
  },
  check(cmd, ctx) {
    if (cmd.name === 'robocopy') {
      // `robocopy src dst /MIR` (or /PURGE) deletes whatever in dst the source lacks; /L only lists.
      const flags = cmd.args.filter((a) => a.startsWith('/')).map((a) => a.toLowerCase());
      if (!flags.some((f) => f === '/mir' || f === '/purge') || flags.includes('/l')) return;
      const dst = cmd.args.filter((a) => !a.startsWith('/'))[1];
      if (!dst) return;
      const info = classifyWindowsTarget(dst, cmd.cwd ?? ctx.cwd, ctx.home, ctx.workspaceRoot);
      const decision: Decision = info.decision === 'block' ? 'block' : 'ask';
      if (info.decision === 'allow') return;
      ctx.report({ target: dst, data: { what: `a mirror: files in it that the source lacks are deleted (${info.what})` }, decision, signals: ['/MIR or /PURGE'], safer: 'Run it with /L first to list what would be deleted.' });
      return;
    }
    if (cmd.shell === 'bash') return;
    let r: Removal;
    if (cmd.name === 'remove-item') r = readRemoveItem(cmd);
    else if (cmd.name === '[io.directory]::delete') {
      const m = /^\s*(['"]?)(.*?)\1\s*,\s*\$true\s*$/i.exec(cmd.args[0] ?? '');
      r = { targets: m ? [m[2]!] : [], recursive: !!m, force: true, dryRun: false, piped: false, filtered: false, patterns: [] };
    } else r = readCmd(cmd);
    if (r.dryRun) return;
    const cwd0 = cmd.cwd ?? ctx.cwd;
    // `Get-ChildItem -Recurse -Include *.ts | Remove-Item`, `del /s *.py`, `Remove-Item src\*.ts`: every source file of a language.
    const sweeps = [
      ...(r.piped && r.recursive ? r.patterns.filter((x) => sourceSweepExt(x)).flatMap((x) => (r.roots?.length ? r.roots : ['.']).map((root) => ({ x, root }))) : []),
      ...r.targets.filter((t) => sourceSweepExt(t.replace(/\\/g, '/'))).map((t) => ({ x: t, root: t.replace(/\\/g, '/').replace(/\/?[^/]*$/, '') || '.' })),
    ];
    for (const { x, root } of sweeps) {
      if (!inProjectSource(root.replace(/\\/g, '/'), cwd0, ctx.home, ctx.workspaceRoot)) continue;
      ctx.report({ target: root, decision: 'ask', message: `Deletes every ${x.replace(/^.*[\\/]/, '')} file in {{target}}, the project's own source`, safer: 'Name the files that have to go, or list them first with Get-ChildItem.' });
    }
    const isDel = cmd.name === 'del' || cmd.name === 'erase';
    const wildcardAll = r.targets.some((t) => /(^|[\\/])(\*|\*\.\*)$/.test(t));
    if (!r.recursive && !(isDel && wildcardAll) && !(cmd.name === 'remove-item' && wildcardAll && r.force)) return;
    const cwd = cmd.cwd ?? ctx.cwd;
    const signals: string[] = [];
    if (splitPathWithSpaces(r.targets)) {
      ctx.report({
        target: r.targets.join(' '),
        data: { what: 'an unquoted path with spaces, which splits into several targets' },
        decision: 'block',
        signals: [`${r.targets[0]} and ${r.targets.slice(1).join(' ')} are deleted separately`],
        safer: `Quote the path: "${r.targets.join(' ')}".`,
      });
      return;
    }
    if (r.force) signals.push(cmd.name === 'remove-item' ? '-Force' : '/q or /f (no confirmation)');
    if (cmd.remote) signals.push(`runs on ${cmd.remote}`);
    for (const t of r.targets) {
      // `del /s *.log` deletes matching files in the whole tree: the pattern narrows it.
      if (isDel && /\*\.[a-z0-9]+$/i.test(t) && !/^[a-z]:\\?\*|^\\/i.test(t)) continue;
      if (cmd.name === 'remove-item' && /[\\/]?\*\.[a-z0-9]+$/i.test(t) && !/^[a-z]:\\?\*/i.test(t)) continue;
      const info = classifyWindowsTarget(t, cwd, ctx.home, ctx.workspaceRoot);
      let decision: Decision = info.decision;
      if (decision === 'allow') continue;
      if (r.filtered && decision !== 'block') continue;
      if (decision === 'ask' && cmd.wrappers.some((w) => /sudo|runas/i.test(w))) decision = stricter(decision, 'block');
      ctx.report({ target: t, data: { what: info.what }, decision, signals });
    }
  },
  tests: {
    pause: [
      'Remove-Item -Recurse -Force C:\\',
      'Remove-Item -Path C:\\ -Recurse -Force',
      'Remove-Item C:\\* -Recurse -Force',
      'rm -r -fo C:\\Users\\dev',
      'ri -Recurse -Force $env:USERPROFILE',
      'Remove-Item -Recurse -Force ~',
      'Remove-Item -Recurse -Force "$env:USERPROFILE\\Documents"',
      'Remove-Item -LiteralPath "C:\\Program Files" -Recurse -Force',
      'Remove-Item -Recurse -Force C:\\Windows\\System32',
      'Remove-Item -Recurse -Force $dir\\*',
      'Remove-Item -Recurse -Force "$($target)"',
      'Remove-Item -Recurse -Force .',
      'Remove-Item -Recurse -Force .git',
      'Remove-Item -Recurse -Force D:\\',
      'Remove-Item -Recurse -Force D:\\Projects',
      'Remove-Item -Recurse -Force -WhatIf:$false C:\\',
      'Get-ChildItem C:\\ | Remove-Item -Recurse -Force',
      'gci | ri -r -fo',
      '[System.IO.Directory]::Delete("C:\\Users\\dev", $true)',
      'Remove-Item -Recurse -Force \\\\fileserver\\share',
      'Remove-Item -Recurse -Force HKLM:\\SOFTWARE',
      { input: 'Remove-Item -Recurse -Force C:\\data\\exports\\old', decision: 'ask' },
      { input: 'Remove-Item -Recurse -Force src', decision: 'ask' },
      { input: 'Remove-Item -Recurse -Force $buildDir\\cache', decision: 'ask' },
      'Remove-Item -Recurse -Force C:\\Program Files\\MyApp',
      'rd /s /q C:\\',
      'rd /s /q D:\\',
      'rmdir /s /q %USERPROFILE%',
      'rmdir /s C:\\Users\\dev\\Desktop',
      'rd /s/q "C:\\Users\\dev"',
      'rd /s /q C:\\Program Files\\App',
      'del /f /s /q C:\\*',
      'del /s /q *.*',
      'erase /f /s /q %USERPROFILE%\\*',
      { input: 'del /f /s /q C:\\Users\\dev\\*', note: 'cmd.exe, detected from the text' },
      { input: { kind: 'shell', command: 'if exist C:\\data (rd /s /q C:\\data)', shell: 'cmd' } },
      { input: { kind: 'shell', command: 'rd /s /q %TARGET%', shell: 'cmd' } },
      'cmd /c "rd /s /q C:\\"',
      "cmd.exe /c 'rmdir /s /q D:\\'",
      "powershell -Command 'Remove-Item -Recurse -Force C:\\Users\\dev'",
      "pwsh -NoProfile -c 'rm -r -fo ~'",
      'powershell -EncodedCommand UgBlAG0AbwB2AGUALQBJAHQAZQBtACAALQBSAGUAYwB1AHIAcwBlACAALQBGAG8AcgBjAGUAIABDADoAXAA=',
      '"Remove-Item -Recurse -Force C:\\" | Invoke-Expression',
      'iex "rm -r -fo $env:USERPROFILE"',
      'Write-Output "cleaning $(Remove-Item -Recurse -Force ~)"',
      'Get-ChildItem | ForEach-Object { Remove-Item $_ -Recurse -Force C:\\ }',
      { input: 'robocopy C:\\empty D:\\ /MIR', decision: 'block' },
      { input: 'robocopy .\\dist \\\\web01\\site\\app /MIR', decision: 'ask' },
      { input: 'Get-ChildItem -Path . -Include *.ts -Recurse | Remove-Item', decision: 'ask', note: 'every TypeScript file of the project' },
      { input: 'gci src -Recurse -Filter *.py | Remove-Item -Force', decision: 'ask' },
      { input: 'Remove-Item src\\*.ts', decision: 'ask' },
      { input: 'del /s /q *.cs', decision: 'ask' },
    ],
    pass: [
      'Remove-Item -Recurse -Force .\\node_modules',
      'Remove-Item -Recurse -Force node_modules, dist, .next',
      'rm -r -fo .\\build',
      'Remove-Item -Recurse -Force $env:TEMP\\build-1234',
      'Remove-Item -Recurse -Force C:\\Users\\dev\\project\\src\\old -WhatIf',
      'Remove-Item -Recurse -Force C:\\ -WhatIf',
      'Remove-Item .\\notes.txt',
      'Remove-Item -Force package-lock.json',
      'Get-ChildItem -Recurse -Filter *.log | Remove-Item -Force',
      'Get-ChildItem -Recurse *.pyc | Remove-Item',
      'Remove-Item Env:\\DEBUG',
      'Remove-Item -Recurse -Force .\\src\\components\\OldWidget',
      'rd /s /q node_modules',
      'rmdir /s /q .\\dist',
      'rd build',
      'del /q *.tmp',
      'del /s /q *.pyc',
      'del notes.txt',
      "echo 'Remove-Item -Recurse -Force C:\\'",
      'Write-Host "rd /s /q C:\\ is dangerous"',
      { input: { kind: 'shell', command: 'if exist build (rd /s /q build)', shell: 'cmd' } },
      'rm -rf node_modules',
      'robocopy .\\dist C:\\deploy\\site /E',
      'robocopy C:\\empty D:\\ /MIR /L',
      'Get-ChildItem -Recurse -Include *.js -Path dist | Remove-Item',
      'Get-ChildItem -Recurse -Filter *.pyc | Remove-Item -Force',
      'Remove-Item bin\\*.dll',
      'del /s /q *.obj',
    ],
  },
});
