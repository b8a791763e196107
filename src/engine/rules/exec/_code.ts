/**
 * Inline code given to interpreters (`python -c`, `node -e`, `ruby -e`, `perl -e`, `php -r`, `deno eval`, heredocs
 * and pipes into an interpreter, awk programs, AppleScript): where it is, which language, and the calls in it that
 * delete files, run shell commands or make HTTP requests, with their literal arguments when they are visible.
 */
import type { SimpleCommand } from '../../shell/types';
import type { RuleContext } from '../../rule';
import { absoluteScript, displayPath, readScript } from './_scripts';

export type Language = 'python' | 'node' | 'ruby' | 'perl' | 'php' | 'awk' | 'lua' | 'applescript' | 'deno';

export interface InlineCode {
  language: Language;
  code: string;
  /** How the code was given, for messages: `python3 -c`, `node <<EOF`, `python3 scripts/cleanup.py`. */
  via: string;
  /** Set when the code was read from a script file in the project rather than typed on the line. */
  fromFile?: boolean;
}

const PYTHON = /^(python|python[23](\.\d+)?|pypy3?)$/;
const NODE = /^(node|nodejs)$/;

function stdinCode(cmd: SimpleCommand): string | undefined {
  const s = cmd.stdin;
  if (!s) return undefined;
  if (s.kind === 'heredoc' || s.kind === 'herestring') return s.text;
  if (s.kind === 'pipe') {
    const p = s.producer;
    if ((p.name === 'echo' || p.name === 'printf') && p.args.length) return p.args.filter((a) => !/^-[neE]+$/.test(a)).join(' ').replace(/\\n/g, '\n');
    if (p.name === 'cat' && p.args.length === 0 && p.stdin && (p.stdin.kind === 'heredoc' || p.stdin.kind === 'herestring')) return p.stdin.text;
  }
  return undefined;
}

/** Value of the first of `flags` (`-c CODE`, `-cCODE`, `--eval=CODE`); several `-e` are joined with newlines. */
function flagCode(args: readonly string[], flags: RegExp, combined?: RegExp): string | undefined {
  const parts: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const eq = /^(--[a-z-]+)=(.*)$/s.exec(a);
    if (eq && flags.test(eq[1]!)) parts.push(eq[2]!);
    else if (flags.test(a) && args[i + 1] !== undefined) parts.push(args[++i]!);
    else if (combined && combined.test(a) && args[i + 1] !== undefined) parts.push(args[++i]!);
  }
  return parts.length ? parts.join('\n') : undefined;
}

const FILE_LANGUAGE: [RegExp, Language][] = [
  [PYTHON, 'python'],
  [/^(node|nodejs|tsx|ts-node|bun)$/, 'node'],
  [/^(ruby|perl|php)$/, 'ruby'],
];
/** Options that take the next word as their value, so it is not the script (`node -r dotenv/config app.js`). */
const VALUE_OPTIONS = /^(-r|--require|--import|--loader|--env-file|-C|--conditions|-W|-X|-I)$/;

/**
 * The code of a script file an interpreter runs (`python3 scripts/cleanup.py`, `node tools/wipe.js`,
 * `deno run -A x.ts`), read from the disk; undefined for modules (`python -m`), inline code and unreadable files.
 */
function fileCode(cmd: SimpleCommand, ctx: Pick<RuleContext, 'cwd' | 'home' | 'reader' | 'workspaceRoot'>): InlineCode | undefined {
  const n = cmd.name;
  let language = FILE_LANGUAGE.find(([re]) => re.test(n))?.[1];
  if (language === 'ruby') language = n as Language;
  let args = cmd.args;
  if (n === 'deno') {
    if (args[0] !== 'run') return undefined;
    language = 'deno';
    args = args.slice(1);
  } else if (n === 'bun' && args[0] === 'run') args = args.slice(1);
  if (!language) return undefined;
  let file: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-m' || a === '-c' || a === '-e' || a === '--eval' || a === '-p' || a === '--print' || a === '-r' && language === 'php') return undefined;
    if (VALUE_OPTIONS.test(a)) {
      i++;
      continue;
    }
    if (a.startsWith('-')) continue;
    file = a;
    break;
  }
  if (file === undefined || file === '-') return undefined;
  const cwd = cmd.cwd ?? ctx.cwd;
  const abs = absoluteScript(file, cwd, ctx.home);
  const code = abs === undefined ? undefined : readScript(ctx.reader, abs);
  if (code === undefined) return undefined;
  return { language, code, via: `${n} ${displayPath(abs!, file, ctx.workspaceRoot)}`, fromFile: true };
}

/**
 * The code an interpreter runs: inline (`-c`, `-e`, stdin), or, given a context to read files with, the script
 * file it is given.
 */
export function inlineCode(cmd: SimpleCommand, ctx?: Pick<RuleContext, 'cwd' | 'home' | 'reader' | 'workspaceRoot'>): InlineCode | undefined {
  const typed = typedCode(cmd);
  if (typed || !ctx) return typed;
  return fileCode(cmd, ctx);
}

function typedCode(cmd: SimpleCommand): InlineCode | undefined {
  const n = cmd.name;
  const args = cmd.args;
  const firstOperand = args.find((a) => !a.startsWith('-'));
  if (PYTHON.test(n)) {
    const c = flagCode(args, /^-c$/, /^-[A-Za-z]*c$/);
    if (c !== undefined) return { language: 'python', code: c, via: `${n} -c` };
    if (firstOperand === undefined || firstOperand === '-') {
      const s = stdinCode(cmd);
      if (s !== undefined) return { language: 'python', code: s, via: `${n} reading stdin` };
    }
    return undefined;
  }
  if (NODE.test(n) || n === 'bun') {
    const c = flagCode(args, /^(-e|--eval|-p|--print)$/);
    if (c !== undefined) return { language: 'node', code: c, via: `${n} -e` };
    if (NODE.test(n) && (firstOperand === undefined || firstOperand === '-')) {
      const s = stdinCode(cmd);
      if (s !== undefined) return { language: 'node', code: s, via: `${n} reading stdin` };
    }
    return undefined;
  }
  if (n === 'deno') {
    if (args[0] === 'eval' && args[1] !== undefined) return { language: 'deno', code: args.slice(1).filter((a) => !a.startsWith('-')).join(' '), via: 'deno eval' };
    return undefined;
  }
  if (n === 'ruby' || n === 'perl') {
    const c = flagCode(args, /^-[eE]$/, /^-[a-zA-Z0-9]*[eE]$/);
    if (c !== undefined) return { language: n, code: c, via: `${n} -e` };
    if (firstOperand === undefined || firstOperand === '-') {
      const s = stdinCode(cmd);
      if (s !== undefined) return { language: n, code: s, via: `${n} reading stdin` };
    }
    return undefined;
  }
  if (n === 'php') {
    const c = flagCode(args, /^-r$/);
    if (c !== undefined) return { language: 'php', code: c, via: 'php -r' };
    return undefined;
  }
  if (n === 'lua' || n === 'luajit') {
    const c = flagCode(args, /^-e$/);
    return c !== undefined ? { language: 'lua', code: c, via: `${n} -e` } : undefined;
  }
  if (n === 'awk' || n === 'gawk' || n === 'mawk' || n === 'nawk') {
    const f = args.findIndex((a) => a === '-f');
    if (f !== -1) return undefined;
    let i = 0;
    while (i < args.length && args[i]!.startsWith('-')) i += /^-[Fv]$/.test(args[i]!) ? 2 : 1;
    const prog = args[i];
    return prog !== undefined ? { language: 'awk', code: prog, via: n } : undefined;
  }
  if (n === 'osascript') {
    const c = flagCode(args, /^-e$/);
    return c !== undefined ? { language: 'applescript', code: c, via: 'osascript -e' } : undefined;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Finding calls and reading their arguments

export interface Call {
  /** The callee as matched (`shutil.rmtree`, `child_process.execSync`). */
  callee: string;
  /** Raw text between the call's parentheses (or up to the end of the statement for paren-less Ruby/Perl calls). */
  argsText: string;
}

/** Index just past the quote that closes the string starting at `i`. */
function skipString(code: string, i: number): number {
  const q = code[i]!;
  const triple = (q === '"' || q === "'") && code.startsWith(q.repeat(3), i);
  if (triple) {
    const end = code.indexOf(q.repeat(3), i + 3);
    return end === -1 ? code.length : end + 3;
  }
  for (let j = i + 1; j < code.length; j++) {
    if (code[j] === '\\') j++;
    else if (code[j] === q) return j + 1;
  }
  return code.length;
}

/** Text up to the parenthesis that closes the one at `open`. */
function balanced(code: string, open: number): string {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    const c = code[i]!;
    if (c === '"' || c === "'" || c === '`') {
      i = skipString(code, i) - 1;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return code.slice(open + 1, i);
    }
  }
  return code.slice(open + 1);
}

/** Calls whose callee matches `callee` (a regex source without anchors). Paren-less calls read to the end of the line. */
/** Start and end of every string literal, so matches inside strings (data, not calls) can be skipped. */
export function stringSpans(code: string): [number, number][] {
  const spans: [number, number][] = [];
  for (let i = 0; i < code.length; i++) {
    const c = code[i]!;
    if (c === '"' || c === "'" || c === '`') {
      const end = skipString(code, i);
      spans.push([i, end]);
      i = end - 1;
    }
  }
  return spans;
}

export function insideString(spans: [number, number][], at: number): boolean {
  return spans.some(([a, b]) => at > a && at < b);
}

export function findCalls(code: string, callee: string, parenless = false): Call[] {
  const out: Call[] = [];
  const spans = stringSpans(code);
  const re = new RegExp(`(?<![\\w.$])(?<callee>${callee})\\s*(?<open>\\(|${parenless ? '(?=[\\s]+[\'"\\w$@\\[])' : '(?!)'})`, 'g');
  let m: RegExpExecArray | null;
  while ((m = re.exec(code))) {
    if (insideString(spans, m.index)) continue;
    const at = m.index + m[0].length;
    const name = m.groups!.callee!;
    if (m.groups!.open === '(') out.push({ callee: name, argsText: balanced(code, at - 1) });
    else {
      const eol = code.slice(at).search(/[;\n]|\bif\b|\bunless\b|\bdo\b/);
      out.push({ callee: name, argsText: code.slice(at, eol === -1 ? undefined : at + eol).trim() });
    }
  }
  return out;
}

/** Splits an argument list at top-level commas. */
export function splitArgs(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"' || c === "'" || c === '`') {
      i = skipString(text, i) - 1;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = text.slice(start).trim();
  if (last) out.push(last);
  return out;
}

/**
 * The value of a string literal (`'x'`, `"x"`, `r"x"`, `f"rm {p}"`, `` `rm ${p}` ``), with interpolations turned into
 * `$V` so they read as unresolved; undefined for anything that is not a literal.
 */
export function literal(expr: string | undefined): string | undefined {
  if (expr === undefined) return undefined;
  const m = /^([rRbBuUfF]{0,2})('''[\s\S]*'''|"""[\s\S]*"""|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`)$/.exec(expr.trim());
  if (!m) return undefined;
  const prefix = m[1]!.toLowerCase();
  const raw = m[2]!;
  const q = raw.startsWith("'''") || raw.startsWith('"""') ? 3 : 1;
  let body = raw.slice(q, raw.length - q);
  if (!prefix.includes('r')) body = body.replace(/\\(["'\\`$])/g, '$1').replace(/\\n/g, '\n').replace(/\\t/g, '\t');
  if (prefix.includes('f')) body = body.replace(/\{[^}]*\}/g, '$V');
  if (raw.startsWith('`')) body = body.replace(/\$\{[^}]*\}/g, '$V');
  if (raw.startsWith('"') && /#\{/.test(body)) body = body.replace(/#\{[^}]*\}/g, '$V'); // Ruby interpolation
  return body;
}

/** A list literal of string literals (`['rm', '-rf', p]`) → its words (non-literals become `$V`); undefined otherwise. */
export function listLiteral(expr: string | undefined): string[] | undefined {
  if (expr === undefined) return undefined;
  const t = expr.trim();
  if (!/^[[(][\s\S]*[\])]$/.test(t) && !/^%w[[({]/.test(t)) return undefined;
  if (t.startsWith('%w')) return t.slice(3, -1).trim().split(/\s+/);
  return splitArgs(t.slice(1, -1)).map((e) => literal(e) ?? '$V');
}

/** Quotes words for a shell command line. */
export function shellJoin(words: string[]): string {
  return words.map((w) => (/^[\w@%+=:,./$-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** Expressions that stand for a well-known folder. */
export function folderOf(expr: string): string | undefined {
  const e = expr.replace(/\s+/g, '');
  if (/expanduser\(['"]~['"]\)|Path\.home\(\)|os\.homedir\(\)|process\.env\.HOME\b|os\.environ\[['"]HOME['"]\]|os\.getenv\(['"]HOME['"]\)|ENV\[['"]HOME['"]\]|Dir\.home|\$ENV\{HOME\}|getenv\(['"]HOME['"]\)|Deno\.env\.get\(['"]HOME['"]\)/.test(e)) return '~';
  if (/^(os\.getcwd\(\)|process\.cwd\(\)|Dir\.pwd|Path\.cwd\(\)|Path\(\)|Deno\.cwd\(\)|getcwd\(\)|['"]\.\/?['"])$/.test(e)) return '.';
  if (/^(['"]\/['"]|os\.sep|path\.sep|['"]C:\\\\?['"])$/.test(e)) return '/';
  return undefined;
}
