/**
 * PowerShell and cmd.exe: recognising them from the text, and tokenizers for their command lines (no backslash
 * escapes: `C:\Users` is a path). Names are lower-cased and PowerShell aliases resolved.
 *
 * What runs that is not at the start of a statement is followed too: PowerShell subexpressions `$(…)` (they run
 * even inside double quotes), groupings `(…)`, script blocks `{…}`, `Invoke-Expression` of a literal string or of a
 * string piped in, `powershell -Command`/`-EncodedCommand` (decoded from base64 UTF-16LE), `cmd /c`, `wsl`/`bash -c`,
 * and cmd's `if … (…)`/`for … do …` bodies. Anything that cannot be read is reported as an unknown.
 */
import * as path from 'node:path';
import type { ShellDialect } from '../types';
import type { Redirect, RedirectOp, SimpleCommand, Stdin } from './types';
import type { Walker } from './analyze';
import { unwrap } from './unwrap';

const PS_VERBS = new Set([
  'get', 'set', 'remove', 'new', 'invoke', 'clear', 'format', 'copy', 'move', 'write', 'start', 'stop', 'add', 'test',
  'select', 'where', 'foreach', 'out', 'import', 'export', 'convertto', 'convertfrom', 'rename', 'restart', 'resize',
  'initialize', 'disable', 'enable', 'uninstall', 'install', 'update', 'register', 'unregister', 'expand', 'compress',
  'measure', 'join', 'split', 'resolve', 'push', 'pop', 'read', 'wait', 'send', 'receive', 'suspend', 'resume', 'use',
  'enter', 'exit', 'find', 'save', 'show', 'sort', 'group', 'compare', 'tee', 'unblock', 'mount', 'dismount', 'publish',
  'unpublish', 'grant', 'revoke', 'block', 'repair', 'reset', 'sync', 'backup', 'restore', 'checkpoint',
  'confirm', 'debug', 'trace', 'protect', 'unprotect', 'approve', 'deny', 'request', 'submit', 'limit', 'optimize',
]);

export const POWERSHELL_ALIASES: Record<string, string> = {
  rm: 'remove-item', ri: 'remove-item', del: 'remove-item', erase: 'remove-item', rd: 'remove-item', rmdir: 'remove-item',
  iwr: 'invoke-webrequest', irm: 'invoke-restmethod', iex: 'invoke-expression', icm: 'invoke-command', cat: 'get-content',
  gc: 'get-content', type: 'get-content', sc: 'set-content', ac: 'add-content', clc: 'clear-content', mv: 'move-item',
  move: 'move-item', mi: 'move-item', cp: 'copy-item', copy: 'copy-item', cpi: 'copy-item', ls: 'get-childitem',
  dir: 'get-childitem', gci: 'get-childitem', gi: 'get-item', echo: 'write-output', write: 'write-output', cd: 'set-location',
  sl: 'set-location', chdir: 'set-location', pushd: 'push-location', popd: 'pop-location', ni: 'new-item', ren: 'rename-item',
  rni: 'rename-item', sls: 'select-string', saps: 'start-process', start: 'start-process', kill: 'stop-process',
  spps: 'stop-process', '%': 'foreach-object', foreach: 'foreach-object', '?': 'where-object', where: 'where-object',
  rp: 'remove-itemproperty', rv: 'remove-variable', gp: 'get-itemproperty', sp: 'set-itemproperty', cls: 'clear-host',
  sajb: 'start-job', gcm: 'get-command', gm: 'get-member', measure: 'measure-object', select: 'select-object',
  sort: 'sort-object', tee: 'tee-object', ft: 'format-table', fl: 'format-list', oh: 'out-host', scb: 'set-clipboard',
  gcb: 'get-clipboard', h: 'get-history', ihy: 'invoke-history', r: 'invoke-history', nv: 'new-variable', sv: 'set-variable',
};

/** PowerShell aliases and cmd.exe commands that read, list, copy or delete files. */
const WINDOWS_FILE_COMMANDS = new Set([
  'gc', 'type', 'cat', 'more', 'gci', 'dir', 'ls', 'gi', 'del', 'erase', 'rd', 'rmdir', 'rm', 'ri', 'copy', 'cp', 'cpi', 'move',
  'mv', 'mi', 'ren', 'rni', 'md', 'mkdir', 'ni', 'sc', 'ac', 'clc', 'cd', 'sl', 'chdir', 'pushd', 'attrib', 'icacls', 'takeown',
  'findstr', 'certutil', 'cipher',
]);

export function detectDialect(text: string): ShellDialect {
  const first = /^\s*(?:&\s*)?([A-Za-z]+)-([A-Za-z]+)\b/.exec(text);
  if (first && PS_VERBS.has(first[1]!.toLowerCase())) return 'powershell';
  if (/\$env:[A-Za-z_]/i.test(text)) return 'powershell';
  for (const m of text.matchAll(/(?:^|[|;]\s*)([A-Z][a-z]+)-([A-Z][A-Za-z]+)\b/g)) if (PS_VERBS.has(m[1]!.toLowerCase())) return 'powershell';
  if (/^\s*(iwr|irm|iex|gci)\s/i.test(text) || /\|\s*(iex|invoke-expression)\b/i.test(text)) return 'powershell';
  if (/^\s*(rm|ri|del|rd|rmdir)\s+.*-(recurse|force|fo|rec)\b/i.test(text) && /[A-Za-z]:\\|\.\\|-Force\b|-Recurse\b/.test(text)) return 'powershell';
  // `-fo` (Force) and `-rec` are PowerShell abbreviations no POSIX rm accepts.
  if (/(^|[;|&]\s*)(rm|ri|del|erase|rd|rmdir)\s[^;|&]*\s-(fo|forc|rec|recu|recur|recurs)\b/i.test(text)) return 'powershell';
  if (/^\s*\[[A-Za-z.]+\]::/.test(text)) return 'powershell';
  if (/^\s*@?(rd|rmdir|del|erase)\s+(\/[a-z]\s*)*\/[sqfa]\b/i.test(text) || /^\s*@?format(\.com)?\s+[a-z]:/i.test(text)) return 'cmd';
  if (/^\s*@?(rd|rmdir)\s+"?[A-Za-z]:\\/i.test(text) || /^\s*@?(del|erase)\s+.*[A-Za-z]:\\/i.test(text)) return 'cmd';
  if (/^\s*@?(robocopy|xcopy)\s/i.test(text)) return 'cmd';
  if (/^\s*if\s+(not\s+)?(exist|defined|errorlevel)\s/i.test(text) || /^\s*for\s+\/[dlrf]\s/i.test(text)) return 'cmd';
  if (/^\s*@echo\s+off\b/i.test(text) || (/%[A-Za-z_]+%/.test(text) && /^\s*(set|echo|if|for|call)\b/i.test(text))) return 'cmd';
  // A file command given a Windows path (`C:\Users\…`, `~\.aws\…`, `.\build`, `%USERPROFILE%\…`): bash would drop
  // the backslashes and read another, harmless path. `%VAR%` is cmd.exe's; the rest reads as PowerShell.
  for (const m of text.matchAll(/(?:^|[;&|(]\s*)@?([A-Za-z-]+)((?:\s+[^\s;&|]+)+)/g)) {
    if (!WINDOWS_FILE_COMMANDS.has(m[1]!.toLowerCase())) continue;
    if (/(^|\s)["']?%[A-Za-z_][A-Za-z0-9_()]*%\\/.test(m[2]!)) return 'cmd';
    if (/(^|\s)["']?([A-Za-z]:\\(?!\\)|~\\|\.{1,2}\\(?!\\)|\$env:)/i.test(m[2]!)) return 'powershell';
  }
  return 'bash';
}

// ---------------------------------------------------------------------------------------------------------------
// Shared pieces

interface Word {
  /** The word with quotes removed (backtick escapes applied). */
  text: string;
  /** True when the whole word was one quoted string (a PowerShell expression, not a command name). */
  quoted: boolean;
  /** Starts with `(`, `$(`, `@(`, `{` or `$`: an expression rather than a bare word. */
  expression: boolean;
}

interface Statement {
  words: Word[];
  redirects: Redirect[];
  /** Operator that ended the statement: `|` pipes into the next one. */
  end: string | undefined;
}

/** Statements, plus code found inside them that runs as well (`$(…)`, `(…)`, `{…}`, cmd's `( … )` blocks). */
interface Scan {
  statements: Statement[];
  nested: string[];
  problems: string[];
}

/** Index just past the bracket matching the one at `start`, honouring PowerShell quotes; -1 if unclosed. */
function matchPs(text: string, start: number): number {
  const open = text[start]!;
  const close = open === '(' ? ')' : open === '{' ? '}' : ']';
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i]!;
    if (c === '`') {
      i++;
      continue;
    }
    if (c === "'") {
      i++;
      while (i < text.length && !(text[i] === "'" && text[i + 1] !== "'")) i += text[i] === "'" ? 2 : 1;
      continue;
    }
    if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '`') i++;
        else if (text[i] === '$' && text[i + 1] === '(') {
          const end = matchPs(text, i + 1);
          if (end === -1) return -1;
          i = end - 1;
        }
        i++;
      }
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (c === open) depth++;
    else if (c === close && --depth === 0) return i + 1;
  }
  return -1;
}

const REDIRECT_AT = /^(\*|[1-6])?(>>|>)(&[12])?/;

function scanPowerShell(text: string): Scan {
  const scan: Scan = { statements: [], nested: [], problems: [] };
  let words: Word[] = [];
  let redirects: Redirect[] = [];
  let word = '';
  let inWord = false;
  let quotedWhole = false;
  let quotedParts = 0;
  let plainParts = 0;
  let expression = false;
  const endWord = (): void => {
    if (inWord) words.push({ text: word, quoted: quotedWhole && quotedParts === 1 && plainParts === 0, expression });
    word = '';
    inWord = false;
    quotedWhole = false;
    quotedParts = 0;
    plainParts = 0;
    expression = false;
  };
  const endStatement = (end: string | undefined): void => {
    endWord();
    if (words.length || redirects.length) scan.statements.push({ words, redirects, end });
    words = [];
    redirects = [];
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\r') {
      endWord();
      i++;
      continue;
    }
    if (c === '`') {
      if (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n')) {
        i += text[i + 1] === '\r' ? 3 : 2;
        continue;
      }
      const next = text[i + 1] ?? '';
      word += ({ n: '\n', t: '\t', '0': '', a: '', r: '' } as Record<string, string>)[next] ?? next;
      inWord = true;
      plainParts++;
      i += 2;
      continue;
    }
    if (c === '\n' || c === ';') {
      endStatement(';');
      i++;
      continue;
    }
    if (c === '#' && !inWord) {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (c === '<' && text[i + 1] === '#') {
      const end = text.indexOf('#>', i + 2);
      i = end === -1 ? text.length : end + 2;
      continue;
    }
    if (c === '|') {
      if (text[i + 1] === '|') {
        endStatement('||');
        i += 2;
      } else {
        endStatement('|');
        i++;
      }
      continue;
    }
    if (c === '&') {
      if (text[i + 1] === '&') {
        endStatement('&&');
        i += 2;
        continue;
      }
      if (!inWord) {
        // The call operator, or a trailing `&` that starts a background job.
        words.push({ text: '&', quoted: false, expression: false });
        i++;
        continue;
      }
    }
    if (!inWord && (c === '>' || ((c === '*' || /[1-6]/.test(c)) && text[i + 1] === '>'))) {
      const m = REDIRECT_AT.exec(text.slice(i));
      if (m) {
        i += m[0].length;
        let target = m[3] ? m[3].slice(1) : '';
        if (!m[3]) {
          while (text[i] === ' ') i++;
          const t = /^("[^"]*"|'[^']*'|[^\s;|&]+)/.exec(text.slice(i));
          if (t) {
            target = t[0].replace(/^["']|["']$/g, '');
            i += t[0].length;
          }
        }
        const fd = m[1] === '*' ? undefined : m[1] ? Number(m[1]) : undefined;
        redirects.push({ op: (m[3] ? '>&' : m[2]) as RedirectOp, fd, target });
        continue;
      }
    }
    if (c === "'") {
      let j = i + 1;
      let s = '';
      while (j < text.length) {
        if (text[j] === "'" && text[j + 1] === "'") {
          s += "'";
          j += 2;
          continue;
        }
        if (text[j] === "'") break;
        s += text[j++];
      }
      if (j >= text.length) scan.problems.push('unbalanced single quote');
      if (!inWord) quotedWhole = true;
      word += s;
      inWord = true;
      quotedParts++;
      i = j + 1;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let s = '';
      while (j < text.length && text[j] !== '"') {
        if (text[j] === '`') {
          const next = text[j + 1] ?? '';
          s += ({ n: '\n', t: '\t', '0': '' } as Record<string, string>)[next] ?? next;
          j += 2;
          continue;
        }
        if (text[j] === '$' && text[j + 1] === '(') {
          // A subexpression runs even inside double quotes.
          const end = matchPs(text, j + 1);
          if (end === -1) {
            scan.problems.push('unclosed $( subexpression');
            j = text.length;
            break;
          }
          scan.nested.push(text.slice(j + 2, end - 1));
          s += text.slice(j, end);
          j = end;
          continue;
        }
        s += text[j++];
      }
      if (j >= text.length) scan.problems.push('unbalanced double quote');
      if (!inWord) quotedWhole = true;
      word += s;
      inWord = true;
      quotedParts++;
      i = j + 1;
      continue;
    }
    if (c === '@' && (text[i + 1] === '"' || text[i + 1] === "'") && (text[i + 2] === '\n' || text[i + 2] === '\r')) {
      // A here-string: `@"` … `"@` on lines of their own.
      const q = text[i + 1]!;
      const close = text.indexOf(`\n${q}@`, i + 2);
      const body = text.slice(i + 2, close === -1 ? text.length : close).replace(/^\r?\n/, '');
      if (q === '"') {
        for (const m of body.matchAll(/\$\(/g)) {
          const end = matchPs(body, m.index! + 1);
          if (end !== -1) scan.nested.push(body.slice(m.index! + 2, end - 1));
        }
      }
      word += body;
      inWord = true;
      quotedWhole = true;
      quotedParts++;
      i = close === -1 ? text.length : close + 3;
      continue;
    }
    if (c === '(' || c === '{' || ((c === '$' || c === '@') && text[i + 1] === '(')) {
      const at = c === '(' || c === '{' ? i : i + 1;
      const end = matchPs(text, at);
      if (end === -1) {
        scan.problems.push(`unclosed ${text[at]}`);
        word += text.slice(i);
        inWord = true;
        i = text.length;
        continue;
      }
      scan.nested.push(text.slice(at + 1, end - 1));
      if (!inWord) expression = true;
      word += text.slice(i, end);
      inWord = true;
      plainParts++;
      i = end;
      continue;
    }
    if (c === '-' && !inWord && text.startsWith('--%', i)) {
      // Stop-parsing token: the rest of the line goes to the program as written.
      endWord();
      const eol = text.indexOf('\n', i);
      const rest = text.slice(i + 3, eol === -1 ? text.length : eol);
      for (const w of rest.trim().split(/\s+/).filter(Boolean)) words.push({ text: w.replace(/^"|"$/g, ''), quoted: false, expression: false });
      i = eol === -1 ? text.length : eol;
      continue;
    }
    if ((c === '$' || c === '[') && !inWord) expression = true;
    word += c;
    inWord = true;
    plainParts++;
    i++;
  }
  endStatement(undefined);
  return scan;
}

function scanCmd(text: string): Scan {
  const scan: Scan = { statements: [], nested: [], problems: [] };
  let words: Word[] = [];
  let redirects: Redirect[] = [];
  let word = '';
  let inWord = false;
  let quoted = false;
  const endWord = (): void => {
    if (inWord) words.push({ text: word, quoted, expression: false });
    word = '';
    inWord = false;
    quoted = false;
  };
  const endStatement = (end: string | undefined): void => {
    endWord();
    if (words.length || redirects.length) scan.statements.push({ words, redirects, end });
    words = [];
    redirects = [];
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '^' && i + 1 < text.length) {
      if (text[i + 1] === '\n') {
        i += 2;
        continue;
      }
      word += text[i + 1];
      inWord = true;
      i += 2;
      continue;
    }
    if (c === '"') {
      const end = text.indexOf('"', i + 1);
      if (end === -1) scan.problems.push('unbalanced double quote');
      word += text.slice(i + 1, end === -1 ? text.length : end);
      if (!inWord) quoted = true;
      inWord = true;
      i = end === -1 ? text.length : end + 1;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === ',') {
      endWord();
      i++;
      continue;
    }
    if (c === '\n') {
      endStatement(';');
      i++;
      continue;
    }
    if (c === '(' && !inWord) {
      // A parenthesised block (`if exist x (rd /s /q x)`): its body is a command list of its own.
      let d = 0;
      let j = i;
      for (; j < text.length; j++) {
        if (text[j] === '"') {
          const q = text.indexOf('"', j + 1);
          j = q === -1 ? text.length : q;
          continue;
        }
        if (text[j] === '(') d++;
        else if (text[j] === ')' && --d === 0) break;
      }
      const body = text.slice(i + 1, j);
      const prev = words[words.length - 1]?.text.toLowerCase();
      if (prev === 'in') words.push({ text: `(${body})`, quoted: false, expression: true });
      else {
        endStatement(';');
        scan.nested.push(body);
      }
      i = j + 1;
      continue;
    }
    if (c === '&' || c === '|') {
      const two = text[i + 1] === c;
      endStatement(two ? c + c : c === '|' ? '|' : '&');
      i += two ? 2 : 1;
      continue;
    }
    if (c === '>' || c === '<' || (/[0-9]/.test(c) && !inWord && (text[i + 1] === '>' || text[i + 1] === '<'))) {
      let j = i;
      let fd: number | undefined;
      if (/[0-9]/.test(text[j]!)) fd = Number(text[j++]);
      let op: RedirectOp = text[j] === '<' ? '<' : text[j + 1] === '>' ? '>>' : '>';
      j += op === '>>' ? 2 : 1;
      let target = '';
      if (text[j] === '&') {
        op = '>&';
        target = text[j + 1] ?? '';
        j += 2;
      } else {
        while (text[j] === ' ') j++;
        const t = /^("[^"]*"|[^\s&|<>]+)/.exec(text.slice(j));
        if (t) {
          target = t[0].replace(/^"|"$/g, '');
          j += t[0].length;
        }
      }
      endWord();
      redirects.push({ op, fd, target });
      i = j;
      continue;
    }
    word += c;
    inWord = true;
    i++;
  }
  endStatement(undefined);
  return scan;
}

// ---------------------------------------------------------------------------------------------------------------
// Turning statements into commands

export interface WindowsContext {
  wrappers: string[];
  remote: string | undefined;
  depth: number;
}

const MAX_DEPTH = 6;

/** `C:\Tools\git.exe`, `.\build.cmd`, `Remove-Item` → `git`, `build`, `remove-item`. */
function normaliseWindowsName(raw: string, shell: ShellDialect): string {
  let name = raw.replace(/^.*[\\/]/, '').replace(/\.(exe|cmd|bat|com|ps1)$/i, '').toLowerCase();
  if (name.startsWith('@') && shell === 'cmd') name = name.slice(1);
  if (shell === 'powershell') name = POWERSHELL_ALIASES[name] ?? name;
  return name;
}

function splitCommas(words: Word[]): string[] {
  const out: string[] = [];
  for (const w of words) {
    if (w.quoted || w.expression || !w.text.includes(',') || /^-[A-Za-z]+:/.test(w.text)) out.push(w.text);
    else out.push(...w.text.split(',').filter((p) => p !== ''));
  }
  return out;
}

/** Decodes `-EncodedCommand` text (base64 of UTF-16LE); undefined when it is not that. */
export function decodeEncodedCommand(b64: string): string | undefined {
  const clean = b64.replace(/^["']|["']$/g, '');
  if (!/^[A-Za-z0-9+/=\s]+$/.test(clean) || clean.length < 4) return undefined;
  const text = Buffer.from(clean, 'base64').toString('utf16le');
  if (!text || /[\u0000-\u0008\u000e-\u001f]/.test(text)) return undefined;
  return text;
}

const PS_VALUE_PARAMS = /^-(executionpolicy|ep|ex|exe|exec|windowstyle|w|win|version|v|inputformat|if|outputformat|of|o|configurationname|config|workingdirectory|wd|settingsfile|custompipename)$/i;

/** `powershell [-NoProfile …] -Command …` / `-EncodedCommand …` / `-File x.ps1`: what it runs. */
function powershellScript(args: string[]): { kind: 'command' | 'encoded' | 'file' | 'stdin' | 'none'; text?: string } {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (/^[-/](c|co|com|comm|comma|comman|command)$/i.test(a)) {
      const rest = args.slice(i + 1);
      if (rest.length === 1 && rest[0] === '-') return { kind: 'stdin' };
      return { kind: 'command', text: rest.join(' ') };
    }
    if (/^[-/](e|ec|en|enc|enco|encod|encode|encoded|encodedc\w*)$/i.test(a)) return { kind: 'encoded', text: args[i + 1] ?? '' };
    if (/^[-/](f|fi|fil|file)$/i.test(a)) return { kind: 'file', text: args[i + 1] };
    if (PS_VALUE_PARAMS.test(a.replace(/^\//, '-'))) {
      i++;
      continue;
    }
    if (a.startsWith('-') || a.startsWith('/')) continue;
    // The first bare word starts the command text (`powershell Remove-Item x`), or names a script file.
    if (/\.ps1$/i.test(a)) return { kind: 'file', text: a };
    return { kind: 'command', text: args.slice(i).join(' ') };
  }
  return { kind: 'none' };
}

/** `cmd [/s /q /d /v:on …] /c <command line>` → the command line; undefined without /c or /k. */
function cmdScript(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (/^\/[ck]$/i.test(args[i]!)) return args.slice(i + 1).join(' ');
    if (/^\/[ck]./i.test(args[i]!) && !/^\/[ck]:/i.test(args[i]!)) return [args[i]!.slice(2), ...args.slice(i + 1)].join(' ');
  }
  return undefined;
}

function followWindowsCd(target: string | undefined, cwd: string | undefined): string | undefined {
  if (target === undefined || target === '') return cwd;
  const t = target.replace(/^["']|["']$/g, '');
  if (/^[A-Za-z]:[\\/]?/.test(t) || t.startsWith('\\\\')) return t;
  if (t.startsWith('/') || t.startsWith('~') || t.startsWith('$')) return t.startsWith('$') ? '$UNKNOWN_DIR' : t;
  if (t === '-' || cwd === undefined) return '$UNKNOWN_DIR';
  if (/^[A-Za-z]:/.test(cwd)) return `${cwd.replace(/[\\/]+$/, '')}\\${t.replace(/^\.[\\/]/, '')}`;
  return path.posix.resolve(cwd, t.replace(/\\/g, '/'));
}

/** POSIX-style wrappers that run on Windows too (OpenSSH, Docker, kubectl, Node package runners, Windows sudo). */
const POSIX_WRAPPERS = /^(sudo|ssh|docker|podman|kubectl|oc|npx|pnpm|yarn|bunx|uvx|heroku|fly|flyctl|xargs|timeout)$/;

/**
 * `powershell -Command …` / `-EncodedCommand …` and `cmd /c …`, given their arguments already split into words
 * (by the Windows tokenizer, or by the POSIX one when bash runs `powershell.exe -Command '…'`).
 * `piped` is the text of a literal string piped into the program; `producer` names a command whose output is.
 */
export function runWindowsProgram(
  name: string, args: string[], walker: Walker, cwd: string | undefined, ctx: WindowsContext, piped?: string, producer?: string, shown = `${name} ${args.join(' ')}`,
): void {
  const inner = { ...ctx, depth: ctx.depth + 1 };
  if (name === 'cmd') {
    const script = cmdScript(args);
    if (script !== undefined) analyzeWindows(script.replace(/^"(.*)"$/s, '$1'), 'cmd', walker, cwd, { ...inner, wrappers: [...ctx.wrappers, 'cmd /c'] });
    else if (piped !== undefined) analyzeWindows(piped, 'cmd', walker, cwd, { ...inner, wrappers: [...ctx.wrappers, '| cmd'] });
    else if (producer) walker.unknowns.push(`cmd runs commands produced by ${producer}`);
    return;
  }
  const how = powershellScript(args);
  if (how.kind === 'command' && how.text) {
    analyzeWindows(how.text.replace(/^"(.*)"$/s, '$1'), 'powershell', walker, cwd, { ...inner, wrappers: [...ctx.wrappers, `${name} -Command`] });
  } else if (how.kind === 'encoded') {
    const decoded = decodeEncodedCommand(how.text ?? '');
    if (decoded === undefined) walker.unknowns.push(`${name} -EncodedCommand could not be decoded: ${shown.slice(0, 120)}`);
    else analyzeWindows(decoded, 'powershell', walker, cwd, { ...inner, wrappers: [...ctx.wrappers, `${name} -EncodedCommand`] });
  } else if (how.kind === 'stdin' || how.kind === 'none') {
    if (piped !== undefined) analyzeWindows(piped, 'powershell', walker, cwd, { ...inner, wrappers: [...ctx.wrappers, `| ${name}`] });
    else if (producer) walker.unknowns.push(`${name} runs a script produced by ${producer}`);
  }
}

export function analyzeWindows(text: string, shell: ShellDialect, walker: Walker, cwd: string | undefined, ctx: WindowsContext = { wrappers: [], remote: undefined, depth: 0 }): void {
  if (ctx.depth > MAX_DEPTH) {
    walker.unknowns.push('commands nested too deeply to follow');
    return;
  }
  const scan = shell === 'cmd' ? scanCmd(text) : scanPowerShell(text);
  for (const p of scan.problems) walker.unknowns.push(`${p} in: ${text.slice(0, 120)}`);
  const inner = { ...ctx, depth: ctx.depth + 1 };
  for (const body of scan.nested) {
    if (body.trim()) analyzeWindows(body, shell, walker, cwd, { ...inner, wrappers: [...ctx.wrappers, shell === 'cmd' ? '( )' : '$()'] });
  }

  let here = cwd;
  let producer: SimpleCommand | undefined;
  for (const st of scan.statements) {
    const pipedIn = producer;
    producer = undefined;
    let words = st.words;
    // cmd: `@` echo suppression, `if [not] exist x cmd`, `if a==b cmd`, `for … do cmd`.
    if (shell === 'cmd') {
      if (words[0]?.text.startsWith('@')) words = [{ ...words[0], text: words[0].text.slice(1) }, ...words.slice(1)].filter((w) => w.text !== '');
      const head = words[0]?.text.toLowerCase();
      if (head === 'if') {
        let k = 1;
        if (words[k]?.text.toLowerCase() === '/i') k++;
        if (words[k]?.text.toLowerCase() === 'not') k++;
        const kw = words[k]?.text.toLowerCase();
        if (kw === 'exist' || kw === 'defined' || kw === 'errorlevel') k += 2;
        else if (words[k + 1]?.text && /^(==|equ|neq|lss|leq|gtr|geq)$/i.test(words[k + 1]!.text)) k += 3;
        else if (words[k]?.text.includes('==')) k += 1;
        words = words.slice(k);
      } else if (head === 'for') {
        const d = words.findIndex((w) => w.text.toLowerCase() === 'do');
        words = d === -1 ? [] : words.slice(d + 1);
      } else if (head === 'else') words = words.slice(1);
    }
    if (!words.length) continue;
    let first = words[0]!;
    let rest = words.slice(1);
    if (first.text === '&' || first.text === '.') {
      if (!rest.length) continue;
      first = rest[0]!;
      rest = rest.slice(1);
      if (first.text.startsWith('{')) continue; // a script block: analysed as nested code above
      if (first.text.startsWith('$')) walker.unknowns.push(`the program name comes from a variable: ${text.slice(0, 120)}`);
    } else if (shell === 'powershell' && (first.quoted || first.expression)) {
      // An expression statement: a string, a variable, a grouping. Its value goes to the pipeline (or is printed).
      if (/^\$env:[A-Za-z_]\w*$/i.test(first.text) && rest.length === 0) {
        emitCommand('write-output', 'Write-Output', [first.text]);
      } else if (/^\[[\w.]+\]::/.test(first.text)) {
        const m = /^\[(?:system\.)?([\w.]+)\]::(\w+)/i.exec(first.text);
        if (m) emitCommand(`[${m[1]!.toLowerCase()}]::${m[2]!.toLowerCase()}`, first.text, [first.text.slice(m[0].length).replace(/^\(|\)$/g, ''), ...rest.map((w) => w.text)]);
      } else if (rest.length === 0 && st.end === '|') {
        emitCommand('write-output', 'Write-Output', [first.text], first.quoted);
      }
      continue;
    }
    const rawName = first.text;
    const name = normaliseWindowsName(rawName, shell);
    const args = shell === 'powershell' ? splitCommas(rest) : rest.map((w) => w.text);

    if (name === 'set-location' || name === 'cd' || name === 'chdir' || name === 'pushd' || name === 'push-location') {
      here = followWindowsCd(args.find((a) => !/^[-/]/.test(a)), here);
      continue;
    }
    const cmd = emitCommand(name, rawName, args);
    let current = cmd;

    // Commands that run other code.
    if (name === 'invoke-expression') {
      const literal = rest.length === 1 && rest[0]!.quoted ? rest[0]!.text : undefined;
      if (literal !== undefined) analyzeWindows(literal, 'powershell', walker, here, { ...inner, wrappers: [...ctx.wrappers, 'Invoke-Expression'] });
      else if (rest.length === 0 && pipedIn?.name === 'write-output' && pipedIn.args.length === 1) {
        analyzeWindows(pipedIn.args[0]!, 'powershell', walker, here, { ...inner, wrappers: [...ctx.wrappers, '| Invoke-Expression'] });
      } else if (rest.length && rest.every((w) => w.text.startsWith('(') || w.text.startsWith('$('))) {
        walker.unknowns.push(`Invoke-Expression runs the output of a command: ${cmd.text}`);
      } else if (!(rest.length === 0 && pipedIn && /^(invoke-webrequest|invoke-restmethod|curl|wget)$/.test(pipedIn.name))) {
        walker.unknowns.push(`Invoke-Expression runs text that is not known until it runs: ${cmd.text}`);
      }
    } else if (name === 'powershell' || name === 'pwsh' || name === 'cmd') {
      const piped = pipedIn?.name === 'write-output' ? pipedIn.args.join(' ') : undefined;
      runWindowsProgram(name, args, walker, here, ctx, piped, pipedIn && piped === undefined ? pipedIn.name : undefined, cmd.text);
    } else if (name === 'wsl' || name === 'bash' || name === 'sh') {
      let r = args;
      if (name === 'wsl') {
        let k = 0;
        while (k < r.length && r[k]!.startsWith('-')) {
          if (r[k] === '--' || r[k] === '-e' || r[k] === '--exec') {
            k++;
            break;
          }
          k += /^(-d|--distribution|-u|--user|--cd)$/.test(r[k]!) ? 2 : 1;
        }
        r = r.slice(k);
        if (r.length) walker.script(r.join(' '), undefined, [...ctx.wrappers, 'wsl'], ctx.remote, ctx.depth + 1);
      } else {
        const c = r.findIndex((a) => /^-[a-z]*c$/.test(a));
        if (c !== -1 && r[c + 1] !== undefined) walker.script(r[c + 1]!, undefined, [...ctx.wrappers, `${name} -c`], ctx.remote, ctx.depth + 1);
      }
    } else if (name === 'start-process' || name === 'start') {
      // `Start-Process powershell -ArgumentList '-c …'`, `start "" cmd /c …`.
      const target = args.find((a) => !a.startsWith('-') && !a.startsWith('/') && a !== '');
      const at = args.findIndex((a) => /^-(argumentlist|args)$/i.test(a));
      const argList = at === -1 ? undefined : args[at + 1];
      if (target && /^(powershell|pwsh|cmd)(\.exe)?$/i.test(target) && argList) {
        runWindowsProgram(target.toLowerCase().replace(/\.exe$/, ''), argList.split(/\s+/), walker, here, { ...ctx, wrappers: [...ctx.wrappers, 'Start-Process'] });
      }
    } else if (POSIX_WRAPPERS.test(name)) {
      walker.commands.splice(walker.commands.indexOf(cmd), 1);
      const before = walker.commands.length;
      const emitted = unwrap(
        { words: [rawName, ...args], env: {}, redirects: st.redirects, stdin: cmd.stdin, cwd: here, wrappers: ctx.wrappers, remote: ctx.remote, depth: ctx.depth, restore: (t) => t },
        walker,
      );
      for (const c of walker.commands.slice(before)) if (c.shell === 'bash' && !c.wrappers.some((w) => /-c$|^ssh /.test(w))) c.shell = shell;
      current = emitted ?? cmd;
    }

    if (pipedIn) pipedIn.pipedTo = { name: current.name, args: current.args };
    if (st.end === '|') producer = current;

    function emitCommand(n: string, raw: string, a: string[], quoted = false): SimpleCommand {
      let stdin: Stdin | undefined;
      for (const r of st.redirects) if (r.op === '<') stdin = { kind: 'file', path: r.target };
      if (!stdin && pipedIn) stdin = { kind: 'pipe', producer: pipedIn };
      const shown = [quoted ? `"${raw}"` : raw, ...a, ...st.redirects.map((r) => `${r.fd ?? ''}${r.op}${r.target}`)].join(' ');
      const c: SimpleCommand = {
        name: n, rawName: raw, args: a, env: {}, redirects: st.redirects.filter((r) => r.op !== '<'), stdin, cwd: here,
        wrappers: [...ctx.wrappers], remote: ctx.remote, text: shown, shell,
      };
      walker.commands.push(c);
      if (st.end === '|') producer = c;
      return c;
    }
  }
}
