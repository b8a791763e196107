/**
 * Scripts of the project that a command runs by name: shell scripts (`bash scripts/reset.sh`, `./deploy.sh prod`,
 * `source env.sh`), interpreter scripts (`python cleanup.py`, `node tools/wipe.js`, `./tool.py` with a shebang) and
 * Make targets (`make clean`). Their text is read from the disk, so that what they do is judged as if it had been typed.
 */
import * as path from 'node:path';
import type { WorkspaceReader } from '../../context/workspace';
import { cachedFile } from '../../context/workspace';
import { resolvePath } from '../../shell/words';

/** Scripts larger than this are not read (a generated installer, a bundled tool): they run unread, as before. */
export const MAX_SCRIPT_BYTES = 256 * 1024;

export function readScript(reader: WorkspaceReader, file: string): string | undefined {
  const stat = reader.stat(file);
  if (!stat || stat.size > MAX_SCRIPT_BYTES) return undefined;
  const text = cachedFile(reader, file, 'script', (t) => t);
  // A binary (a compiled program named like a script) is not a script.
  return text === undefined || text.includes('\0') ? undefined : text;
}

export function absoluteScript(word: string, cwd: string | undefined, home: string): string | undefined {
  if (/[$`*?[]/.test(word)) return undefined;
  return resolvePath(word, cwd, home);
}

/** The path as the person knows it: relative to the workspace when it is inside, else as written. */
export function displayPath(abs: string, written: string, workspaceRoot: string | undefined): string {
  if (!workspaceRoot) return written;
  const rel = path.posix.relative(workspaceRoot, abs);
  return rel && !rel.startsWith('..') && !path.posix.isAbsolute(rel) ? rel : written;
}

const SHELL_SHEBANG = /^#!\s*(?:\/usr\/bin\/env\s+(?:-S\s+)?)?(?:\/[\w/.-]*\/)?(bash|sh|zsh|dash|ksh|ash)\b/;
const INTERPRETER_SHEBANG = /^#!\s*(?:\/usr\/bin\/env\s+(?:-S\s+)?)?(?:\/[\w/.-]*\/)?(python[23]?(?:\.\d+)?|node|nodejs|ruby|perl|php|bun|deno|tsx|ts-node)\b/;

/** What runs a file executed directly: a shell, an interpreter named by its shebang, or unknown. */
export function shebangOf(text: string, file: string): { shell: true } | { interpreter: string } | undefined {
  const first = text.slice(0, 200).split('\n', 1)[0] ?? '';
  if (SHELL_SHEBANG.test(first)) return { shell: true };
  const interp = INTERPRETER_SHEBANG.exec(first)?.[1];
  if (interp) return { interpreter: interp };
  if (!first.startsWith('#!') && /\.(sh|bash|zsh|ksh)$/.test(file)) return { shell: true };
  return undefined;
}

/**
 * Fills in `$1`…`$9`, `${N}`, `$@`, `"$@"` and `$*` with the arguments the script was given, the way the shell
 * would: a missing argument is empty (so `rm -rf "$1/"` run without one is `rm -rf /`). Left alone when the
 * script shifts its arguments or defines functions (which have their own), or when an argument is not a plain word.
 */
export function fillPositional(text: string, args: readonly string[]): string {
  if (/^\s*(shift|set\s+--)\b/m.test(text) || /^\s*(function\s+[\w-]+|[\w-]+\s*\(\s*\))\s*\{?/m.test(text)) return text;
  if (args.some((a) => !/^[\w@%+=:,./-]+$/.test(a))) return text;
  const all = args.join(' ');
  return text
    .replace(/\$\{([1-9])\}|\$([1-9])/g, (_m, a: string | undefined, b: string | undefined) => args[Number(a ?? b) - 1] ?? '')
    .replace(/\$[@*]|\$\{[@*]\}/g, all);
}

// ---------------------------------------------------------------------------------------------------------------
// Makefiles

interface MakeRule {
  deps: string[];
  recipe: string[];
}

export interface Makefile {
  rules: Map<string, MakeRule>;
  vars: Map<string, string>;
  defaultTarget: string | undefined;
}

/** A small reading of GNU make syntax: rules, recipes (tab-indented, `\` continuations) and simple variables. */
export function parseMakefile(text: string): Makefile {
  const rules = new Map<string, MakeRule>();
  const vars = new Map<string, string>();
  let defaultTarget: string | undefined;
  let current: MakeRule[] = [];
  const lines = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  for (const line of lines) {
    if (line.startsWith('\t')) {
      const cmd = line.slice(1).trim();
      if (cmd && !cmd.startsWith('#')) for (const r of current) r.recipe.push(cmd);
      continue;
    }
    const stripped = line.replace(/(^|\s)#.*$/, '').trimEnd();
    if (!stripped.trim()) continue;
    const assign = /^\s*(?:export\s+|override\s+)?([A-Za-z_][\w.-]*)\s*(:{1,3}=|\?=|\+=|=)\s*(.*)$/.exec(stripped);
    if (assign) {
      const [, name, op, value] = assign;
      if (op === '+=') vars.set(name!, `${vars.get(name!) ?? ''} ${value!.trim()}`.trim());
      else if (op !== '?=' || !vars.has(name!)) vars.set(name!, value!.trim());
      current = [];
      continue;
    }
    const rule = /^([^:=#\t][^:=#]*?)\s*::?\s*([^=].*)?$/.exec(stripped);
    if (rule && !/^\s*(ifeq|ifneq|ifdef|ifndef|else|endif|include|-include|sinclude|define|endef|vpath)\b/.test(stripped)) {
      const targets = rule[1]!.trim().split(/\s+/);
      const [depsText, inline] = (rule[2] ?? '').split(';', 2);
      const deps = (depsText ?? '').split('|').join(' ').trim().split(/\s+/).filter(Boolean);
      current = targets.map((t) => {
        const r = rules.get(t) ?? { deps: [], recipe: [] };
        r.deps.push(...deps);
        if (inline?.trim()) r.recipe.push(inline.trim());
        rules.set(t, r);
        return r;
      });
      if (defaultTarget === undefined && !targets[0]!.startsWith('.') && !targets[0]!.includes('%')) defaultTarget = targets[0];
      continue;
    }
    current = [];
  }
  return { rules, vars, defaultTarget };
}

/**
 * The shell lines `make <target>` runs, its prerequisites' first (depth-limited), with make's own syntax turned
 * into shell: `@`/`-`/`+` prefixes dropped, `$$` → `$`, `$@`/`$<`/`$^` → the target and its prerequisites, and
 * `$(VAR)` → its value from the Makefile or the command line. A variable set nowhere is empty, as in make, which
 * is what makes `rm -rf $(BUILD_DIR)/` dangerous; `$(shell …)` and other functions become an unknown value.
 */
export function recipeLines(mk: Makefile, target: string, overrides: Readonly<Record<string, string>>, env: Readonly<Record<string, string | undefined>>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (t: string, depth: number): void => {
    if (seen.has(t) || depth > 6) return;
    seen.add(t);
    const rule = mk.rules.get(t);
    if (!rule) return;
    for (const d of rule.deps) visit(d, depth + 1);
    for (const line of rule.recipe) out.push(makeToShell(line, t, rule.deps, mk, overrides, env));
  };
  visit(target, 0);
  return out;
}

function makeToShell(line: string, target: string, deps: readonly string[], mk: Makefile, overrides: Readonly<Record<string, string>>, env: Readonly<Record<string, string | undefined>>): string {
  const body = line.replace(/^[@+-]+\s*/, '');
  const value = (name: string, depth: number): string => {
    const raw = overrides[name] ?? mk.vars.get(name) ?? env[name] ?? '';
    return depth > 4 ? raw : expand(raw, depth + 1);
  };
  const expand = (text: string, depth: number): string =>
    text.replace(/\$\$|\$\(([^()]*)\)|\$\{([^{}]*)\}|\$([@<^*?A-Za-z])/g, (m, paren: string | undefined, brace: string | undefined, single: string | undefined) => {
      if (m === '$$') return '\u0000';
      const name = (paren ?? brace ?? single)!;
      if (single === '@') return target;
      if (single === '<') return deps[0] ?? '';
      if (single === '^' || single === '?') return deps.join(' ');
      if (single === '*') return '';
      // Functions: `$(wildcard x/*)` is the glob itself, `$(shell cmd)` is a command substitution; the others
      // (`$(subst …)`, `$(patsubst …)`, `$(foreach …)`) give a value known only when make runs.
      const fn = /^(\w+)\s+(.*)$/s.exec(name);
      if (fn) return fn[1] === 'wildcard' ? expand(fn[2]!, depth) : fn[1] === 'shell' ? `$(${expand(fn[2]!, depth)})` : '$MAKE_FUNCTION_VALUE';
      return value(name, depth);
    });
  return expand(body, 0).replace(/\u0000/g, '$');
}

export function makeInvocation(args: readonly string[]): { dir?: string; file?: string; targets: string[]; vars: Record<string, string>; dryRun: boolean } {
  const targets: string[] = [];
  const vars: Record<string, string> = {};
  let dir: string | undefined;
  let file: string | undefined;
  let dryRun = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-C' || a === '--directory') dir = args[++i];
    else if (a.startsWith('--directory=')) dir = a.slice(12);
    else if (/^-C./.test(a)) dir = a.slice(2);
    else if (a === '-f' || a === '--file' || a === '--makefile') file = args[++i];
    else if (/^--(file|makefile)=/.test(a)) file = a.slice(a.indexOf('=') + 1);
    else if (a === '-n' || a === '--dry-run' || a === '--just-print' || a === '--recon' || a === '-q' || a === '--question' || a === '-p' || a === '--print-data-base') dryRun = true;
    else if (a === '-j' || a === '-l' || a === '-o' || a === '-W' || a === '-I') {
      if (args[i + 1] !== undefined && /^\d/.test(args[i + 1]!) || a !== '-j') i++;
    } else if (a.startsWith('-')) continue;
    else if (/^[A-Za-z_][\w.-]*=/.test(a)) vars[a.slice(0, a.indexOf('='))] = a.slice(a.indexOf('=') + 1);
    else targets.push(a);
  }
  return { dir, file, targets, vars, dryRun };
}
