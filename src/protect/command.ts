/**
 * The command line a hook config runs: `"<node>" "<…/dist/cli.js>" hook <agent> [--wait-seconds N]`.
 *
 * Why this shape. The extension host's `process.execPath` is the editor's own runtime (Electron, or the
 * server's bundled Node), which may move or vanish with an editor update and is not meant to run scripts.
 * So the hook runs the `node` found on PATH (resolved to an absolute path at protect time, because agents
 * started from a GUI often have a shorter PATH than a terminal) with the extension's own bundled CLI by
 * absolute path. Both are checked before anything is written. An extension update changes the CLI's path;
 * the extension notices hooks that point at another path and offers to update them.
 *
 * Our entries are recognised by the shape of the command (`…cli.js" hook <agent>` or `blast-radius hook
 * <agent>`), not by the exact path, so Remove protection also finds entries an older version wrote.
 * Editor-free.
 */

export interface HookProgram {
  /** Absolute path of the node executable. */
  node: string;
  /** Absolute path of the bundled CLI (dist/cli.js). */
  cli: string;
}

export type ShellKind = 'posix' | 'powershell';

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quotes one word for sh/bash (and Git Bash on Windows): double quotes, escaping what they expand. */
export function quotePosix(word: string): string {
  if (SAFE.test(word)) return word;
  return `"${word.replace(/(["\\$`])/g, '\\$1')}"`;
}

function quotePowershell(word: string): string {
  return `'${word.replace(/'/g, "''")}'`;
}

/** The hook command for `agent`, for a POSIX shell or PowerShell. */
export function hookCommand(program: HookProgram, agent: string, waitSeconds?: number, shell: ShellKind = 'posix'): string {
  const args = ['hook', agent, ...(waitSeconds !== undefined ? ['--wait-seconds', String(waitSeconds)] : [])];
  if (shell === 'powershell') return `& ${quotePowershell(program.node)} ${quotePowershell(program.cli)} ${args.join(' ')}`;
  return [quotePosix(program.node), quotePosix(program.cli), ...args].join(' ');
}

const OURS = /(?:cli\.js|[\\/]blast-radius(?:\.cmd|\.exe)?|^blast-radius|\sblast-radius)["']?\s+hook\s+[a-z]+\b/;

/** True for a command line that runs the Blast Radius hook (any version, any path). */
export function isOurCommand(command: unknown): boolean {
  return typeof command === 'string' && OURS.test(command);
}
