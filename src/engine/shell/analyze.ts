/**
 * Shell analysis: raw command line → every simple command it would run, wrappers peeled off and nested
 * scripts followed (parser-notes.md §2.4). Whatever cannot be followed is reported as an unknown.
 */
import * as path from 'node:path';
import { parse as shellParse } from 'shell-quote';
import type { ShellDialect } from '../types';
import type { Redirect, RedirectOp, ShellAnalysis, SimpleCommand, Stdin } from './types';
import { isUnresolved } from './types';
import { HEREDOC_PLACEHOLDER, prescan, SUBST_PLACEHOLDER } from './prescan';
import type { Prescan } from './prescan';
import { unwrap } from './unwrap';
import { analyzeWindows, detectDialect } from './windows';

export interface ShellOptions {
  cwd?: string;
  shell?: ShellDialect;
  home?: string;
}

type Token = string | { op: string } | { op: 'glob'; pattern: string } | { comment: string };

const SEPARATORS = new Set([';', '&&', '||', '|', '|&', '&', ';;', '(', ')']);
const REDIRECTS = new Set<string>(['>', '>>', '>|', '&>', '&>>', '<', '<<<', '>&', '<&', '<>']);
const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', '{', '}', '!', 'function', 'esac']);
/** Segments starting with these are loop or case headers: their words are data, not a command. */
const HEADERS = new Set(['for', 'select', 'case', 'in']);

export const MAX_DEPTH = 6;

/** State shared by one analysis and all the nested scripts it follows. */
export interface Walker {
  home: string;
  commands: SimpleCommand[];
  unknowns: string[];
  /** Analyse nested shell text (a `-c` script, an `eval`, a heredoc fed to a shell). */
  script(text: string, cwd: string | undefined, wrappers: string[], remote: string | undefined, depth: number, env?: Record<string, string>): void;
}

interface Segment {
  words: string[];
  redirects: Redirect[];
  /** The operator that ended this segment (`|` pipes into the next one). */
  end: string | undefined;
}

function restoreText(text: string, pre: Prescan): string {
  return text
    .replace(SUBST_PLACEHOLDER, (_, n: string) => pre.substitutions[Number(n)]?.source ?? '$(…)')
    .replace(/__BRH(\d+)__/g, '<<heredoc')
    .replace(/\\#/g, '#');
}

function segments(tokens: Token[]): Segment[] {
  const out: Segment[] = [];
  let current: Segment = { words: [], redirects: [], end: undefined };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (typeof t === 'string') {
      current.words.push(t);
      continue;
    }
    if ('comment' in t) continue; // real comments were dropped by prescan; escaped ones are text
    if ('pattern' in t && t.op === 'glob') {
      current.words.push(t.pattern);
      continue;
    }
    const op = t.op as string;
    if (REDIRECTS.has(op)) {
      const next = tokens[i + 1];
      const target = typeof next === 'string' ? next : next && 'pattern' in next ? next.pattern : '';
      let fd: number | undefined;
      const last = current.words[current.words.length - 1];
      // shell-quote splits `2>/dev/null` into `2`, `>`: the digit is a file descriptor, not an argument (S7).
      if (last !== undefined && /^\d$/.test(last) && op !== '<<<') {
        fd = Number(last);
        current.words.pop();
      }
      current.redirects.push({ op: op as RedirectOp, fd, target });
      if (typeof next === 'string' || (next && 'pattern' in next)) i++;
      continue;
    }
    if (SEPARATORS.has(op)) {
      current.end = op;
      out.push(current);
      current = { words: [], redirects: [], end: undefined };
      continue;
    }
    // Anything else shell-quote knows as an operator: keep it visible as a word.
    current.words.push(op);
  }
  out.push(current);
  return out;
}

function parseWords(text: string): Token[] {
  return shellParse(text, (name: string) => `$${name}`) as Token[];
}

/** Follows `cd` within a line: returns the new working folder, or an unresolved marker. */
function followCd(args: string[], cwd: string | undefined, home: string): string | undefined {
  const target = args.find((a) => !a.startsWith('-'));
  if (target === undefined || target === '~') return home;
  if (isUnresolved(target) || target === '-') return `$UNKNOWN_DIR`;
  if (target.startsWith('~/')) return path.posix.join(home, target.slice(2));
  if (target.startsWith('/')) return path.posix.normalize(target);
  if (!cwd || isUnresolved(cwd)) return `$UNKNOWN_DIR`;
  return path.posix.resolve(cwd, target);
}

function analyzeBash(
  raw: string,
  walker: Walker,
  cwdIn: string | undefined,
  wrappers: string[],
  remote: string | undefined,
  depth: number,
  inherited: Record<string, string> = {},
): void {
  const pre = prescan(raw);
  for (const p of pre.problems) walker.unknowns.push(`${p} in: ${raw.slice(0, 120)}`);
  // Substitutions run first, in the same folder.
  for (const sub of pre.substitutions) {
    if (sub.body.trim()) walker.script(sub.body, cwdIn, [...wrappers, sub.kind === 'process' ? '<()' : '$()'], remote, depth + 1);
  }
  for (const doc of pre.heredocs) {
    if (doc.literal) continue;
    // An unquoted heredoc expands substitutions in its body as it is read.
    const inner = prescan(doc.body.replace(/["']/g, ' '));
    for (const sub of inner.substitutions) {
      if (sub.body.trim()) walker.script(sub.body, cwdIn, [...wrappers, '$()'], remote, depth + 1);
    }
  }

  let tokens: Token[];
  try {
    tokens = parseWords(pre.text);
  } catch (err) {
    walker.unknowns.push(`the shell parser failed (${(err as Error).message})`);
    return;
  }

  let cwd = cwdIn;
  let producer: SimpleCommand | undefined;
  // A `cd` inside `( … )` ends with the subshell: `(cd /tmp && ls) && rm -rf *` deletes in the original folder.
  const subshells: (string | undefined)[] = [];
  let previousEnd: string | undefined;
  for (const seg of segments(tokens)) {

    if (previousEnd === '(') subshells.push(cwd);
    else if (previousEnd === ')' && subshells.length) cwd = subshells.pop();
    previousEnd = seg.end;
    const pipedIn = producer;
    producer = undefined;
    let words = seg.words;
    // Skip reserved words (if/then/do/{ …) in front of the command.
    while (words.length && RESERVED.has(words[0]!)) words = words.slice(1);
    if (words.length === 0 || HEADERS.has(words[0]!)) {
      if (words.length === 0 && seg.redirects.length) {
        // A bare redirect (`> file`, `: > file`) truncates or creates the file.
        const cmd = makeCommand(':', [], {}, seg.redirects, undefined, cwd, wrappers, remote, pre);
        walker.commands.push(cmd);
      }
      continue;
    }
    // Settings of an outer command (`RAILS_ENV=production bash -c '…'`) are inherited by the commands inside.
    const env: Record<string, string> = { ...inherited };
    while (words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]!)) {
      const w = words[0]!;
      const eq = w.indexOf('=');
      env[w.slice(0, eq)] = w.slice(eq + 1);
      words = words.slice(1);
    }
    if (words.length === 0) continue; // assignments only
    let stdin: Stdin | undefined;
    for (const r of seg.redirects) {
      if (r.op === '<<<') {
        const h = HEREDOC_PLACEHOLDER.exec(r.target);
        stdin = h ? { kind: 'heredoc', text: pre.heredocs[Number(h[1])]?.body ?? '' } : { kind: 'herestring', text: r.target };
      } else if (r.op === '<' && r.fd === undefined) stdin = { kind: 'file', path: r.target };
    }
    if (!stdin && pipedIn) stdin = { kind: 'pipe', producer: pipedIn };
    const redirects = seg.redirects.filter((r) => r.op !== '<<<');

    const name = words[0]!;
    if (name === 'cd' || name === 'pushd') {
      cwd = followCd(words.slice(1), cwd, walker.home);
      continue;
    }
    const emitted = unwrap(
      { words, env, redirects, stdin, cwd, wrappers, remote, depth, restore: (t) => restoreText(t, pre) },
      walker,
    );
    if (pipedIn && emitted) pipedIn.pipedTo = { name: emitted.name, args: emitted.args };
    if (seg.end === '|' || seg.end === '|&') producer = emitted;
  }
}

function makeCommand(
  name: string,
  args: string[],
  env: Record<string, string>,
  redirects: Redirect[],
  stdin: Stdin | undefined,
  cwd: string | undefined,
  wrappers: string[],
  remote: string | undefined,
  pre: Prescan,
): SimpleCommand {
  const text = restoreText([name, ...args, ...redirects.map((r) => `${r.fd ?? ''}${r.op} ${r.target}`)].join(' '), pre);
  return { name, rawName: name, args, env, redirects, stdin, cwd, wrappers, remote, text, shell: 'bash' };
}

export function analyzeShell(command: string, options: ShellOptions = {}): ShellAnalysis {
  const home = options.home ?? process.env.HOME ?? '/root';
  const shell = options.shell ?? detectDialect(command);
  const walker: Walker = {
    home,
    commands: [],
    unknowns: [],
    script(text, cwd, wrappers, remote, depth, env) {
      if (depth > MAX_DEPTH) {
        this.unknowns.push('commands nested too deeply to follow');
        return;
      }
      analyzeBash(text, this, cwd, wrappers, remote, depth, env);
    },
  };
  if (shell === 'bash') analyzeBash(command, walker, options.cwd, [], undefined, 0);
  else analyzeWindows(command, shell, walker, options.cwd);
  return { commands: walker.commands, unknowns: walker.unknowns, shell };
}
