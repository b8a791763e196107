import type { ShellDialect } from '../types';

export type RedirectOp = '>' | '>>' | '>|' | '&>' | '&>>' | '<' | '<<<' | '>&' | '<&' | '<>';

export interface Redirect {
  op: RedirectOp;
  /** File descriptor written before the operator (`2>`), when there was one. */
  fd?: number;
  target: string;
  /**
   * A `>`, `&>` or `>&` written while `set -o noclobber` (`set -C`) is in effect: the shell refuses to open an
   * existing regular file, so the redirect can only create a new one.
   */
  noclobber?: boolean;
}

/** Where a command's standard input comes from, when it matters (a script fed to a shell or a SQL client). */
export type Stdin =
  | { kind: 'heredoc'; text: string }
  | { kind: 'herestring'; text: string }
  | { kind: 'pipe'; producer: SimpleCommand }
  | { kind: 'file'; path: string };

/**
 * One program invocation after unwrapping: `sudo env X=1 bash -c 'rm -rf "$D"/'` yields a SimpleCommand
 * `{ name: 'rm', args: ['-rf', '$D/'], wrappers: ['sudo', 'env', 'bash -c'], env: { X: '1' } }`.
 * Variables are never expanded: `$NAME` stays in the text, so an argument containing `$` is unresolved.
 */
/** The next stage of a pipeline, and the stages after it. */
export interface PipeLink {
  name: string;
  args: string[];
  pipedTo?: PipeLink;
}

export interface SimpleCommand {
  /** Normalised program name: basename without leading backslash (`/bin/rm` and `\rm` are `rm`). PowerShell and cmd names are lower-cased. */
  name: string;
  /** The program word as written. */
  rawName: string;
  /** Arguments after the name. Globs keep their pattern text (`*.log`). */
  args: string[];
  /** Inline `NAME=value` assignments and `env NAME=value` settings that apply to this command. */
  env: Record<string, string>;
  redirects: Redirect[];
  stdin?: Stdin;
  /** Working folder after following `cd` within the command line; undefined when unknown. */
  cwd?: string;
  /** Wrappers peeled off, outermost first: `sudo`, `env`, `bash -c`, `xargs`, `find -exec`, `ssh`, `$()`. */
  wrappers: string[];
  /** Set when the command runs on another machine or container (`ssh host`, `docker exec db`, `kubectl exec pod`). */
  remote?: string;
  /** The command this one's standard output is piped into (`env | grep JAVA`), when there is one. */
  pipedTo?: PipeLink;
  /** Source text of this command, for messages. */
  text: string;
  shell: ShellDialect;
  /**
   * Original text of the command substitutions of the analysis (`$(git branch --show-current)`), indexed by the
   * number in the `$__BRS<n>__` placeholders that stand for them in `args`, `redirects` and `env`. Shared by every
   * command of one analysis. Use `readable()` to put them back into text shown to people.
   */
  substitutions?: readonly string[];
}

const SUBSTITUTION = /\$__BRS(\d+)__/g;

/**
 * Text for people: puts the original `$(…)`/backtick text back in place of the placeholders the shell analysis
 * leaves in arguments (`$__BRS0__` → `$(pwd)`), `$((…))` for arithmetic and `<<heredoc` for heredoc bodies.
 */
export function readable(text: string, cmd: Pick<SimpleCommand, 'substitutions'> | undefined): string {
  if (!text.includes('__BR') && !text.includes('$__ARITH__')) return text;
  let out = text;
  // A substitution's own text may hold placeholders of an outer one (`bash -c "…$(…)…"`): a few rounds suffice.
  for (let round = 0; round < 4 && out.includes('$__BRS'); round++) {
    out = out.replace(SUBSTITUTION, (_, n: string) => cmd?.substitutions?.[Number(n)] ?? '$(…)');
  }
  return out.replace(/\$__ARITH__/g, '$((…))').replace(/__BRH\d+__/g, '<<heredoc');
}

export interface ShellAnalysis {
  /** Every command found, nested ones included, in source order. */
  commands: SimpleCommand[];
  /** Parts of the line that could not be analysed, as reasons. Any entry makes the verdict at least `ask`. */
  unknowns: string[];
  shell: ShellDialect;
}

/** True when an argument's value depends on a variable, command substitution or default that is not known statically. */
export function isUnresolved(arg: string): boolean {
  return arg.includes('$') || arg.includes('`');
}
