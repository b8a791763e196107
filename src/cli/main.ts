/**
 * The `blast-radius` command line. Editor-free: it must never import `vscode`.
 */
import { runCheck } from './check';
import { runHook } from './hook';
import { runRules } from './rules';
import { runScan } from './scan';
import { configOptionsFor } from './config';
import type { CheckFlags } from './check';
import type { Io } from './io';
import type { ShellDialect } from '../engine/types';

const USAGE = `Usage:
  blast-radius check [--cwd DIR] [--json] [--shell bash|powershell|cmd] [--trust-rules] -- <command>
  blast-radius check --batch            JSON Lines on stdin, one verdict per line on stdout
  blast-radius hook <agent> [--wait-seconds N]
                                        hook entry for claude, copilot, cursor, gemini, codex, windsurf, cline;
                                        N: how long to wait for a person in the editor
  blast-radius scan [--format json] <paths...>
  blast-radius rules list | explain <rule-id> | test [dir] [--trust-rules]

Exit codes of check: 0 allow, 2 ask, 3 block, 1 error.`;

export class UsageError extends Error {}

export function parseCheckArgs(args: string[], cwd: string): CheckFlags {
  const flags: CheckFlags = { cwd, json: false, batch: false, trustRules: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      const rest = args.slice(i + 1);
      // One argument is the whole command line; several are quoted back into one line.
      flags.command = rest.length === 1 ? rest[0] : rest.map(quoteArg).join(' ');
      return flags;
    }
    if (a === '--json') flags.json = true;
    else if (a === '--batch') flags.batch = true;
    else if (a === '--trust-rules') flags.trustRules = true;
    else if (a === '--cwd' || a.startsWith('--cwd=')) {
      const v = a === '--cwd' ? args[++i] : a.slice(6);
      if (!v) throw new UsageError('--cwd needs a folder');
      flags.cwd = v;
    } else if (a === '--shell' || a.startsWith('--shell=')) {
      const v = a === '--shell' ? args[++i] : a.slice(8);
      if (v !== 'bash' && v !== 'powershell' && v !== 'cmd') throw new UsageError('--shell must be bash, powershell or cmd');
      flags.shell = v as ShellDialect;
    } else if (!a.startsWith('-') && flags.command === undefined) {
      flags.command = args.slice(i).map(quoteArg).join(' ');
      return flags;
    } else throw new UsageError(`unknown option ${a}`);
  }
  return flags;
}

/** Options after `hook <agent>`. Unknown ones are ignored: a hook must never fail open on a usage error. */
export function parseHookArgs(args: string[]): { waitSeconds?: number } {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const v = a === '--wait-seconds' ? args[i + 1] : a.startsWith('--wait-seconds=') ? a.slice(15) : undefined;
    if (v === undefined) continue;
    const n = Number(v);
    if (Number.isFinite(n) && n > 0) return { waitSeconds: n };
  }
  return {};
}

function quoteArg(a: string): string {
  return /^[A-Za-z0-9_\-./:=@%+,]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}

export async function main(argv: string[], io: Io, cwd = process.cwd()): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check': {
        const flags = parseCheckArgs(rest, cwd);
        return await runCheck(flags, io, configOptionsFor({ env: io.env, trustRules: flags.trustRules, stderr: io.stderr }));
      }
      case 'scan':
        return await runScan(rest, io);
      case 'rules':
        return await runRules(rest, io, cwd);
      case 'hook':
        return await runHook(rest[0] ?? '', io, parseHookArgs(rest.slice(1)));
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout.write(USAGE + '\n');
        return command === undefined ? 1 : 0;
      default:
        throw new UsageError(`unknown command ${command}`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`blast-radius: ${err.message}\n${USAGE}\n`);
      return 1;
    }
    io.stderr.write(`blast-radius: ${(err as Error).stack ?? String(err)}\n`);
    return 1;
  }
}

/** Runs the CLI on this process's arguments and standard streams (dist/cli.js calls it). */
export function run(): void {
  void main(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env }).then((code) => {
    process.exitCode = code;
  });
}

if (require.main === module) run();
