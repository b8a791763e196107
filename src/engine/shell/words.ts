/**
 * Small helpers for reading a command's words: flags, positionals, paths.
 */
import * as path from 'node:path';
import type { SimpleCommand } from './types';
import { isUnresolved } from './types';

/** Short flags combine (`-rf`); long flags stand alone. `hasFlag(cmd, 'r', '--recursive')`. */
export function hasFlag(args: readonly string[], short: string | undefined, ...long: string[]): boolean {
  for (const a of args) {
    if (a === '--') return false;
    if (a.startsWith('--')) {
      const name = a.split('=')[0]!;
      if (long.includes(name)) return true;
    } else if (short && a.startsWith('-') && a.length > 1 && /^-[A-Za-z]+$/.test(a) && a.includes(short)) {
      return true;
    }
  }
  return false;
}

/** Value of an option given as `--name value`, `--name=value`, `-x value` or `-xvalue`. */
export function optionValue(args: readonly string[], ...names: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') return undefined;
    for (const n of names) {
      if (a === n) return args[i + 1];
      if (n.startsWith('--') && a.startsWith(n + '=')) return a.slice(n.length + 1);
      if (!n.startsWith('--') && n.length === 2 && a.startsWith(n) && a.length > 2 && !a.startsWith('--')) return a.slice(2);
    }
  }
  return undefined;
}

/**
 * Positional arguments: everything that is not a flag, skipping the values of options listed in `withValue`.
 * After `--`, everything is positional.
 */
export function positionals(args: readonly string[], withValue: readonly string[] = []): string[] {
  const out: string[] = [];
  let rest = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (rest) out.push(a);
    else if (a === '--') rest = true;
    else if (a.startsWith('-') && a.length > 1) {
      if (withValue.includes(a)) i++;
    } else out.push(a);
  }
  return out;
}

/** The first positional (subcommand) and the rest, e.g. `git -C x push -f` → `push`. */
export function subcommand(args: readonly string[], withValue: readonly string[] = []): { name: string | undefined; rest: string[] } {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('-') && a.length > 1) {
      if (withValue.includes(a)) i++;
      continue;
    }
    return { name: a, rest: args.slice(i + 1) };
  }
  return { name: undefined, rest: [] };
}

/**
 * Resolves a path argument against the command's working folder and the home folder.
 * Returns undefined when the path (or the folder it is relative to) is not known statically.
 */
export function resolvePath(arg: string, cwd: string | undefined, home: string): string | undefined {
  if (isUnresolved(arg)) return undefined;
  // `~/` and `/etc/` name the same folder as `~` and `/etc`: no trailing slash, so comparisons see them alike.
  const trim = (p: string): string => (p.length > 1 ? p.replace(/\/+$/, '') : p);
  if (arg === '~' || arg.startsWith('~/')) return trim(path.posix.join(home, arg.slice(1)));
  if (arg.startsWith('~')) return undefined; // ~user
  if (arg.startsWith('/')) return trim(path.posix.normalize(arg));
  if (!cwd || isUnresolved(cwd)) return undefined;
  return path.posix.resolve(cwd, arg);
}

/**
 * Whether the command asks a person before acting (`rm -i`, `rm -I`, `--interactive`, `crontab -ri`). Not when
 * the answers are piped in (`yes | rm -ri ~`, `echo y | crontab -ri`), when `--interactive=never` says so, or
 * when a later `-f`/`--force` switches the questions off again (`rm -i -f`; pass `forceCancels: false` for
 * programs where it does not, such as cp).
 */
export function asksFirst(cmd: SimpleCommand, short: readonly string[] = ['i', 'I'], forceCancels = true): boolean {
  let asking = false;
  for (const a of cmd.args) {
    if (a === '--') break;
    if (a.startsWith('--')) {
      const [name, value] = a.split('=', 2) as [string, string | undefined];
      if (name === '--interactive') asking = value === undefined || /^(always|once|yes)$/.test(value);
      else if (name === '--force' && forceCancels) asking = false;
    } else if (/^-[A-Za-z]+$/.test(a)) {
      for (const letter of a.slice(1)) {
        if (short.includes(letter)) asking = true;
        else if (letter === 'f' && forceCancels) asking = false;
      }
    }
  }
  if (!asking) return false;
  const stdin = cmd.stdin;
  if (stdin?.kind === 'pipe') {
    const p = stdin.producer;
    if (p.name === 'yes') return false;
    if ((p.name === 'echo' || p.name === 'printf') && /^["']?y/i.test(p.args.filter((x) => !/^-[neE]+$/.test(x)).join(' '))) return false;
  }
  if ((stdin?.kind === 'herestring' || stdin?.kind === 'heredoc') && /^\s*y/i.test(stdin.text)) return false;
  return true;
}

export function commandLine(cmd: SimpleCommand): string {
  return [cmd.rawName, ...cmd.args].join(' ');
}
