/**
 * Shell analysis: raw command line → every simple command it would run, wrappers peeled off and nested
 * scripts followed (parser-notes.md §2.4). Whatever cannot be followed is reported as an unknown.
 */
import * as path from 'node:path';
import { parse as shellParse } from 'shell-quote';
import type { ShellDialect } from '../types';
import type { PipeLink, Redirect, RedirectOp, ShellAnalysis, SimpleCommand, Stdin } from './types';
import { isUnresolved, readable } from './types';
import { HEREDOC_PLACEHOLDER, prescan } from './prescan';
import { normaliseName, splitGit, unwrap } from './unwrap';
import { analyzeWindows, detectDialect } from './windows';
import { targetSwitches } from '../context/switches';

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
  /** Original text of every `$(…)`, backtick and `<(…)` met so far; `$__BRS<n>__` stands for substitutions[n]. */
  substitutions: string[];
  /**
   * Targets selected on this machine so far (`kubectx prod`, `terraform workspace select prod`…), as the variables
   * that mean the same. The tools save them in a file, so they hold for every later local command of the analysis,
   * even when the switch ran in a subshell or a nested `bash -c`.
   */
  switches: Record<string, string>;
  /** Analyse nested shell text (a `-c` script, an `eval`, a heredoc fed to a shell). */
  /** `stdin`: what the script's commands read when nothing in the script feeds them (`tar c … | ssh host 'cat > x'`). */
  script(text: string, cwd: string | undefined, wrappers: string[], remote: string | undefined, depth: number, env?: Record<string, string>, stdin?: Stdin): void;
}

interface Segment {
  words: string[];
  redirects: Redirect[];
  /** The operator that ended this segment (`|` pipes into the next one). */
  end: string | undefined;
}

function restoreText(text: string, walker: Walker): string {
  return readable(text, walker).replace(/\\#/g, '#');
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

/**
 * `cd "$(mktemp -d)"` enters a new, empty folder in the temp folder: its exact name is not known, but where it is
 * and that nothing of the person's is in it are. Stands for it with a representative path under /tmp.
 * A template or `-p`/`--tmpdir` pointing elsewhere keeps it unknown. `fileToo`: any mktemp, for a variable that holds
 * its answer (`TMP=$(mktemp)` … `rm -rf "$TMP"`).
 */
function freshTempDir(target: string, walker: Walker, fileToo = false): string | undefined {
  const m = /^\$__BRS(\d+)__$/.exec(target);
  const source = m ? walker.substitutions[Number(m[1])] : undefined;
  if (!source) return undefined;
  const words = source.replace(/^\$\(|^`|\)$|`$/g, '').trim().split(/\s+/);
  if (words[0] !== 'mktemp' || (!fileToo && !words.some((w) => /^-[a-z]*d[a-z]*$/.test(w) || w === '--directory'))) return undefined;
  let dir: string | undefined;
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!;
    if (w === '-p' || w === '--tmpdir') dir = words[++i] ?? '';
    else if (w.startsWith('--tmpdir=')) dir = w.slice('--tmpdir='.length);
    else if (!w.startsWith('-') && w.includes('/')) return undefined; // a template with its own folder
  }
  if (dir !== undefined && !/^["']?(\/tmp|\/var\/tmp|\$\{?(TMPDIR|TMP|TEMP|RUNNER_TEMP)\}?)["']?(\/|$)/.test(dir)) return undefined;
  return '/tmp/tmp.mktemp';
}

/** Follows `cd` within a line: returns the new working folder, or an unresolved marker. */
function followCd(args: string[], cwd: string | undefined, home: string, walker: Walker): string | undefined {
  const target = args.find((a) => !a.startsWith('-'));
  if (target === undefined || target === '~') return home;
  const fresh = freshTempDir(target, walker);
  if (fresh) return fresh;
  if (isUnresolved(target) || target === '-') return `$UNKNOWN_DIR`;
  if (target.startsWith('~/')) return path.posix.join(home, target.slice(2));
  if (target.startsWith('/')) return path.posix.normalize(target);
  if (!cwd || isUnresolved(cwd)) return `$UNKNOWN_DIR`;
  return path.posix.resolve(cwd, target);
}

/** What a command leaves behind for the later commands of the same script. */
interface LineState {
  cwd: string | undefined;
  /** Variables exported so far (`export X=1`, `declare -x`, assignments under `set -a`): later commands get them. */
  exported: Record<string, string>;
  /** Plain `X=1` assignments, which `export X` may export later. */
  shellVars: Record<string, string>;
  allexport: boolean;
  noclobber: boolean;
  /** `git config alias.<name> <value>` earlier in the line: later `git <name>` runs the value. */
  gitAliases: Record<string, string>;
  /**
   * Values of variables set earlier in the line, for reading `$NAME` in later commands (`OUT=dist && rm -rf "$OUT"`).
   * null: set more than once, or to something not known statically (`$(…)`, `read`, a loop variable), so unknown.
   */
  known: Record<string, string | null>;
}

/** Records an assignment: a second, different value (an if/else, a loop) makes the variable unknown. */
function setKnown(state: LineState, name: string, value: string | null): void {
  const literal = value !== null && value !== '' && !/[$`\s]/.test(value) ? value : null;
  state.known[name] = name in state.known && state.known[name] !== literal ? null : literal;
}

/** `$NAME` in a word, for variables whose value is known (see LineState.known); defaults (`${X:-y}`) stay as written. */
function expandKnown(word: string, known: Readonly<Record<string, string | null>>): string {
  // A word with blanks or operators in it is a script or a message (`bash -c 'X=/; rm -rf $X'`), maybe single-quoted
  // so that its `$X` is not this shell's: it is analysed on its own, with only what it really inherits.
  if (!word.includes('$') || /[\s;&|()<>]/.test(word)) return word;
  return word.replace(/\$([A-Za-z_][A-Za-z0-9_]*)/g, (m: string, name: string, offset: number) => {
    if (word[offset + m.length] === ':') return m;
    const value = known[name];
    return typeof value === 'string' ? value : m;
  });
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Under `set -o noclobber`, `>`, `&>` and `>& file` cannot replace an existing file (`>|` still can). */
function underNoclobber(r: Redirect): Redirect {
  const clobbering = r.op === '>' || r.op === '&>' || (r.op === '>&' && !/^(\d+|-)$/.test(r.target));
  return clobbering ? { ...r, noclobber: true } : r;
}

/**
 * Follows, for the rest of the script: `git config alias.*`, target switches (`kubectx prod`), `export`/`declare -x`
 * and other assignments, `unset`, what `read`/`getopts`/`printf -v` set at run time, and `set -C`/`-a` (and their
 * `-o` names).
 */
function trackLineState(words: readonly string[], state: LineState, walker: Walker, conditional: boolean, remote: string | undefined): void {
  const name = normaliseName(words[0]!);
  const args = words.slice(1);
  // `kubectx prod`, `terraform workspace select prod`…: the later commands run against that target.
  for (const s of targetSwitches(name, args)) {
    state.exported[s.variable] = s.value;
    if (remote === undefined) walker.switches[s.variable] = s.value;
  }
  switch (name) {
    case 'git': {
      const { sub, rest } = splitGit(args);
      if (sub !== 'config') return;
      const opts = rest[0] === 'set' || rest[0] === 'unset' ? rest.slice(1) : rest;
      const unset = rest[0] === 'unset' || opts.some((o) => o === '--unset' || o === '--unset-all');
      const words: string[] = [];
      for (let i = 0; i < opts.length; i++) {
        const o = opts[i]!;
        if (o === '-f' || o === '--file' || o === '--blob' || o === '--type' || o === '--default' || o === '--comment') i++;
        else if (!o.startsWith('-')) words.push(o);
      }
      const key = /^alias\.(.+)$/i.exec(words[0] ?? '')?.[1]?.toLowerCase();
      if (key === undefined) return;
      if (unset) delete state.gitAliases[key];
      else if (words[1] !== undefined) state.gitAliases[key] = words.slice(1).join(' ');
      return;
    }
    case 'export':
    case 'declare':
    case 'typeset':
    case 'local':
    case 'readonly': {
      const flags = args.filter((a) => /^[-+][A-Za-z]+$/.test(a));
      if (flags.some((f) => f.includes('f') || f.includes('p'))) return; // functions, or printing
      const exporting = name === 'export' ? !flags.some((f) => f.startsWith('-') && f.includes('n')) : flags.some((f) => f.startsWith('-') && f.includes('x'));
      const unexporting = name === 'export' ? !exporting : flags.some((f) => f.startsWith('+') && f.includes('x'));
      for (const a of args) {
        if (/^[-+][A-Za-z]+$/.test(a)) continue;
        const eq = a.indexOf('=');
        const key = eq === -1 ? a : a.slice(0, eq);
        if (!NAME.test(key)) continue;
        if (eq !== -1) {
          state.shellVars[key] = a.slice(eq + 1);
          setKnown(state, key, conditional ? null : freshTempDir(a.slice(eq + 1), walker, true) ?? a.slice(eq + 1));
        }
        if (unexporting) delete state.exported[key];
        else if (exporting || state.allexport || key in state.exported) {
          const value = eq !== -1 ? a.slice(eq + 1) : state.shellVars[key];
          if (value !== undefined) state.exported[key] = value;
        }
      }
      return;
    }
    case 'unset':
      if (args.includes('-f')) return;
      for (const a of args) {
        delete state.exported[a];
        delete state.shellVars[a];
        delete state.known[a];
      }
      return;
    case 'read':
    case 'mapfile':
    case 'readarray':
    case 'getopts':
      // Whatever comes in at run time.
      for (const a of args) if (NAME.test(a)) setKnown(state, a, null);
      return;
    case 'printf': {
      const v = args.indexOf('-v');
      if (v !== -1 && args[v + 1] !== undefined) setKnown(state, args[v + 1]!, null);
      return;
    }
    case 'set':
      for (let i = 0; i < args.length; i++) {
        const a = args[i]!;
        if (a === '-o' || a === '+o') {
          const on = a === '-o';
          const option = args[++i];
          if (option === 'noclobber') state.noclobber = on;
          else if (option === 'allexport') state.allexport = on;
        } else if (/^[-+][A-Za-z]+$/.test(a)) {
          const on = a.startsWith('-');
          if (a.includes('C')) state.noclobber = on;
          if (a.includes('a')) state.allexport = on;
        } else break; // `set -- args` / positional parameters
      }
      return;
  }
}

function analyzeBash(
  raw: string,
  walker: Walker,
  cwdIn: string | undefined,
  wrappers: string[],
  remote: string | undefined,
  depth: number,
  inherited: Record<string, string> = {},
  stdinIn?: Stdin,
): void {
  const pre = prescan(raw, walker.substitutions.length);
  walker.substitutions.push(...pre.substitutions.map((s) => s.source));
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

  // What earlier commands of the line leave behind for later ones: the folder (`cd`), exported variables
  // (`export NODE_ENV=production && …`) and `set -o noclobber`. A subshell `( … )` keeps its changes to itself:
  // `(cd /tmp && ls) && rm -rf *` deletes in the original folder.
  let state: LineState = { cwd: cwdIn, exported: {}, shellVars: {}, allexport: false, noclobber: false, gitAliases: {}, known: {} };
  // An outer command's settings (`DIR=build bash -c 'rm -rf $DIR'`) are known values inside.
  for (const [k, v] of Object.entries(inherited)) setKnown(state, k, v);
  let producer: SimpleCommand | undefined;
  let producerLink: PipeLink | undefined;
  const subshells: LineState[] = [];
  /** Open `{ …; }` and `( … )` groups: the commands whose output leaves the group (the last stage of each pipeline). */
  const groups: SimpleCommand[][] = [];
  let previousEnd: string | undefined;
  for (const seg of segments(tokens)) {
    let closed: SimpleCommand[] | undefined;
    if (previousEnd === '(') {
      subshells.push({ ...state, exported: { ...state.exported }, shellVars: { ...state.shellVars }, gitAliases: { ...state.gitAliases }, known: { ...state.known } });
      groups.push([]);
    } else if (previousEnd === ')' && subshells.length) {
      state = subshells.pop()!;
      closed = groups.pop();
    }
    if (seg.words[0] === '}' && groups.length) closed = groups.pop();
    for (let i = 0; i < seg.words.length && RESERVED.has(seg.words[i]!); i++) if (seg.words[i] === '{') groups.push([]);
    const opBefore = previousEnd;
    previousEnd = seg.end;
    const pipedIn = producer;
    const pipedInLink = producerLink;
    producer = undefined;
    producerLink = undefined;
    const pipes = seg.end === '|' || seg.end === '|&';
    if (closed) {
      if (pipes) producer = groupProducer(closed, walker);
      else groups[groups.length - 1]?.push(...closed);
    }
    let words = seg.words;
    const segRedirects = state.noclobber ? seg.redirects.map(underNoclobber) : seg.redirects;
    // Skip reserved words (if/then/do/{ …) in front of the command.
    // `function name { …` defines a function: its name is not a command, its body is (and is judged as run).
    while (words.length && RESERVED.has(words[0]!)) words = words.slice(words[0] === 'function' ? 2 : 1);
    // An assignment that may or may not run (`|| X=…`, inside if/then/else, a loop or a case branch) leaves the value unknown.
    const conditional = words !== seg.words || opBefore === '||' || opBefore === ')' || opBefore === ';;';
    if (words.length === 0 || HEADERS.has(words[0]!)) {
      // `for NAME in …`, `select NAME in …`: the loop variable takes many values.
      if ((words[0] === 'for' || words[0] === 'select') && words[1] && NAME.test(words[1])) setKnown(state, words[1], null);
      if (words.length === 0 && segRedirects.length) {
        // A bare redirect (`> file`, `: > file`) truncates or creates the file.
        const cmd = makeCommand(':', [], {}, segRedirects, undefined, state.cwd, wrappers, remote, walker);
        walker.commands.push(cmd);
      }
      continue;
    }
    // Settings of an outer command (`RAILS_ENV=production bash -c '…'`) are inherited by the commands inside,
    // and so are variables exported earlier in the line; the command's own `NAME=value` words come on top.
    const env: Record<string, string> = { ...inherited, ...(remote === undefined ? walker.switches : {}), ...state.exported };
    const assigned: Record<string, string> = {};
    while (words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]!)) {
      const w = words[0]!;
      const eq = w.indexOf('=');
      env[w.slice(0, eq)] = w.slice(eq + 1);
      assigned[w.slice(0, eq)] = w.slice(eq + 1);
      words = words.slice(1);
    }
    if (words.length === 0) {
      // Assignments only: shell variables, exported when `set -a` is on (or when `export NAME` follows).
      // Assigning to a variable exported earlier changes what later commands get.
      Object.assign(state.shellVars, assigned);
      for (const [k, v] of Object.entries(assigned)) {
        if (state.allexport || k in state.exported) state.exported[k] = v;
        // `TMP=$(mktemp -d)`: a new path in the temp folder.
        setKnown(state, k, conditional ? null : freshTempDir(v, walker, true) ?? v);
      }
      continue;
    }
    // Variables set earlier in the line read as their values (the command's own NAME=value words do not apply to
    // its arguments: bash expands those first).
    words = words.map((w) => expandKnown(w, state.known));
    let stdin: Stdin | undefined;
    for (const r of segRedirects) {
      if (r.op === '<<<') {
        const h = HEREDOC_PLACEHOLDER.exec(r.target);
        stdin = h ? { kind: 'heredoc', text: pre.heredocs[Number(h[1])]?.body ?? '' } : { kind: 'herestring', text: r.target };
      } else if (r.op === '<' && r.fd === undefined) stdin = { kind: 'file', path: r.target };
    }
    if (!stdin && pipedIn) stdin = { kind: 'pipe', producer: pipedIn };
    stdin ??= stdinIn;
    const redirects = segRedirects
      .filter((r) => r.op !== '<<<')
      .map((r) => (r.target.includes('$') ? { ...r, target: expandKnown(r.target, state.known) } : r));

    const name = words[0]!;
    if (name === 'cd' || name === 'pushd') {
      state.cwd = followCd(words.slice(1), state.cwd, walker.home, walker);
      continue;
    }
    trackLineState(words, state, walker, conditional, remote);
    const emitted = unwrap(
      { words, env, redirects, stdin, cwd: state.cwd, wrappers, remote, depth, restore: (t) => restoreText(t, walker), gitAliases: state.gitAliases },
      walker,
    );
    let link: PipeLink | undefined;
    if (pipedIn && emitted) {
      link = { name: emitted.name, args: emitted.args };
      pipedIn.pipedTo = link;
      // Earlier stages see the whole rest of the pipeline: `env | grep x | wc -l`.
      if (pipedInLink) pipedInLink.pipedTo = link;
    }
    if (pipes) {
      producer = emitted;
      producerLink = link;
    } else if (groups.length) {
      // A command that ran a nested script (`bash -c …`) stands for itself: what it prints is not known here.
      groups[groups.length - 1]!.push(emitted ?? makeCommand(normaliseName(name), words.slice(1), env, redirects, undefined, state.cwd, wrappers, remote, walker));
    }
  }
}

/** Commands whose standard output is empty or goes elsewhere: they add nothing to what a group pipes on. */
const SILENT = new Set(['[', '[[', 'test', 'true', 'false', ':', 'set', 'export', 'unset', 'shift', 'sleep', 'mkdir', 'touch']);

function writesToPipe(c: SimpleCommand): boolean {
  if (SILENT.has(c.name)) return false;
  return !c.redirects.some((r) => (r.op === '>' || r.op === '>>' || r.op === '>|' || r.op === '&>' || r.op === '&>>') && (r.fd === undefined || r.fd === 1));
}

/** The text a command prints when it is fixed in the command line (`echo "BEGIN;"`, `cat <<EOF … EOF`). */
function literalOutput(c: SimpleCommand): string | undefined {
  if (c.args.some(isUnresolved)) return undefined;
  if (c.name === 'echo') return c.args.filter((a, i) => !(i === 0 && /^-[neE]+$/.test(a))).join(' ');
  if (c.name === 'printf' && c.args.length === 1) return c.args[0]!.replace(/\\n/g, '\n');
  if (c.name === 'cat' && c.args.length === 0 && (c.stdin?.kind === 'heredoc' || c.stdin?.kind === 'herestring')) return c.stdin.text;
  return undefined;
}

/**
 * What a `{ …; }` group or `( … )` subshell pipes into the next command: its one printing command itself, or, for
 * several, an `echo` of their joined text when each prints fixed text, else a `{` command that stands for output not
 * known statically (the consumers treat a producer they do not know as unknown).
 */
function groupProducer(members: SimpleCommand[], walker: Walker): SimpleCommand | undefined {
  const printing = members.filter(writesToPipe);
  if (printing.length <= 1) return printing[0];
  const texts = printing.map(literalOutput);
  const text = restoreText(`{ ${printing.map((c) => c.text).join('; ')}; }`, walker);
  const literal = texts.every((t): t is string => t !== undefined);
  const base = printing[printing.length - 1]!;
  return {
    ...base, name: literal ? 'echo' : '{', rawName: literal ? 'echo' : '{', args: literal ? [texts.join('\n')] : [], env: {}, redirects: [], stdin: undefined, pipedTo: undefined, text,
  };
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
  walker: Walker,
): SimpleCommand {
  const text = restoreText([name, ...args, ...redirects.map((r) => `${r.fd ?? ''}${r.op} ${r.target}`)].join(' '), walker);
  return { name, rawName: name, args, env, redirects, stdin, cwd, wrappers, remote, text, shell: 'bash', substitutions: walker.substitutions };
}

export function analyzeShell(command: string, options: ShellOptions = {}): ShellAnalysis {
  const home = options.home ?? process.env.HOME ?? '/root';
  const shell = options.shell ?? detectDialect(command);
  const walker: Walker = {
    home,
    commands: [],
    unknowns: [],
    substitutions: [],
    switches: {},
    script(text, cwd, wrappers, remote, depth, env, stdin) {
      if (depth > MAX_DEPTH) {
        this.unknowns.push('commands nested too deeply to follow');
        return;
      }
      analyzeBash(text, this, cwd, wrappers, remote, depth, env, stdin);
    },
  };
  if (shell === 'bash') analyzeBash(command, walker, options.cwd, [], undefined, 0);
  else analyzeWindows(command, shell, walker, options.cwd);
  return { commands: walker.commands, unknowns: walker.unknowns, shell };
}
