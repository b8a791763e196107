/**
 * PowerShell and cmd.exe: recognising them from the text, and a small tokenizer for their command lines
 * (no backslash escapes: `C:\Users` is a path). Names are lower-cased and PowerShell aliases resolved.
 */
import type { ShellDialect } from '../types';
import type { SimpleCommand } from './types';
import type { Walker } from './analyze';

const PS_VERBS = new Set([
  'get', 'set', 'remove', 'new', 'invoke', 'clear', 'format', 'copy', 'move', 'write', 'start', 'stop', 'add', 'test',
  'select', 'where', 'foreach', 'out', 'import', 'export', 'convertto', 'convertfrom', 'rename', 'restart', 'resize',
  'initialize', 'disable', 'enable', 'uninstall', 'install', 'update', 'register', 'unregister', 'expand', 'compress',
]);

export const POWERSHELL_ALIASES: Record<string, string> = {
  rm: 'remove-item', ri: 'remove-item', del: 'remove-item', erase: 'remove-item', rd: 'remove-item', rmdir: 'remove-item',
  iwr: 'invoke-webrequest', irm: 'invoke-restmethod', iex: 'invoke-expression', cat: 'get-content', gc: 'get-content',
  type: 'get-content', sc: 'set-content', clc: 'clear-content', mv: 'move-item', move: 'move-item', mi: 'move-item',
  cp: 'copy-item', copy: 'copy-item', cpi: 'copy-item', ls: 'get-childitem', dir: 'get-childitem', gci: 'get-childitem',
  echo: 'write-output', write: 'write-output', cd: 'set-location', sl: 'set-location', ni: 'new-item',
};

export function detectDialect(text: string): ShellDialect {
  const first = /^\s*(?:&\s*)?([A-Za-z]+)-([A-Za-z]+)\b/.exec(text);
  if (first && PS_VERBS.has(first[1]!.toLowerCase())) return 'powershell';
  if (/\$env:[A-Za-z_]/i.test(text)) return 'powershell';
  if (/^\s*(iwr|irm|iex)\s/i.test(text) || /\|\s*(iex|invoke-expression)\b/i.test(text)) return 'powershell';
  if (/^\s*(rd|rmdir|del|erase)\s+(\/[a-z]\s+)*\/[sqfa]\b/i.test(text) || /^\s*format\s+[a-z]:/i.test(text)) return 'cmd';
  return 'bash';
}

/** Splits on separators outside quotes, then into words. Quotes are removed; backslashes are kept. */
function tokenize(text: string, shell: ShellDialect): string[][] {
  const segments: string[][] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: string | undefined;
  const endWord = (): void => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const endSegment = (): void => {
    endWord();
    if (words.length) segments.push(words);
    words = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else word += c;
      continue;
    }
    if (c === '"' || (c === "'" && shell === 'powershell')) {
      quote = c;
      inWord = true;
      continue;
    }
    if (c === '`' && shell === 'powershell' && i + 1 < text.length) {
      word += text[++i];
      inWord = true;
      continue;
    }
    if (c === ';' || c === '|' || c === '\n' || (c === '&' && (shell === 'cmd' || text[i + 1] === '&'))) {
      if ((c === '|' || c === '&') && text[i + 1] === c) i++;
      endSegment();
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      endWord();
      continue;
    }
    word += c;
    inWord = true;
  }
  if (quote) segments.push(['\u0000unbalanced']);
  endSegment();
  return segments;
}

export function analyzeWindows(text: string, shell: ShellDialect, walker: Walker, cwd: string | undefined): void {
  for (const words of tokenize(text, shell)) {
    if (words[0] === '\u0000unbalanced') {
      walker.unknowns.push(`unbalanced quote in: ${text.slice(0, 120)}`);
      continue;
    }
    let [rawName, ...args] = words;
    if (rawName === '&' || rawName === '.') [rawName, ...args] = args;
    if (rawName === undefined) continue;
    let name = rawName.replace(/^.*[\\/]/, '').replace(/\.(exe|cmd|bat|com)$/i, '').toLowerCase();
    if (shell === 'powershell') name = POWERSHELL_ALIASES[name] ?? name;
    const cmd: SimpleCommand = {
      name, rawName, args, env: {}, redirects: [], cwd, wrappers: [], text: words.join(' '), shell,
    };
    walker.commands.push(cmd);
  }
}
