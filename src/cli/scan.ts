/**
 * `blast-radius scan [--format text|json] [--dialect D] <paths…>`: SQL and migration files. Prints
 * `file:line:column rule-id message` per finding (or one JSON document), says nothing about harmless files, and
 * exits 0 when nothing needs a person, 2 when something should be asked about, 3 when something would be blocked,
 * 1 on a usage or read error.
 */
import type { Io } from './io';
import { scanPaths } from '../engine/sql/scan';
import type { ScanFinding } from '../engine/sql/scan';
import { decisionRank } from '../engine/types';

const USAGE = 'Usage: blast-radius scan [--format text|json] [--dialect postgresql|mysql|sqlite|...] <paths...>';

export async function runScan(args: string[], io: Pick<Io, 'stdout' | 'stderr'>): Promise<number> {
  let format = 'text';
  let dialect: string | undefined;
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = (flag: string): string | undefined => (a === flag ? args[++i] : a.startsWith(`${flag}=`) ? a.slice(flag.length + 1) : undefined);
    if (a === '--json') format = 'json';
    else if (a === '--format' || a.startsWith('--format=')) format = value('--format') ?? '';
    else if (a === '--dialect' || a.startsWith('--dialect=')) dialect = value('--dialect');
    else if (a === '--help' || a === '-h') {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    } else if (a === '--') {
      paths.push(...args.slice(i + 1));
      break;
    } else if (a.startsWith('-')) return usage(io, `unknown option ${a}`);
    else paths.push(a);
  }
  if (format !== 'text' && format !== 'json') return usage(io, '--format must be text or json');
  if (paths.length === 0) return usage(io, 'scan needs at least one file or folder');

  const result = scanPaths(paths, { dialect });
  for (const e of result.errors) io.stderr.write(`blast-radius scan: ${e.file}: ${e.message}\n`);
  if (format === 'json') {
    io.stdout.write(`${JSON.stringify({ findings: result.findings, scanned: result.scanned.length, errors: result.errors }, null, 2)}\n`);
  } else {
    for (const f of result.findings) io.stdout.write(`${line(f)}\n`);
  }
  if (result.errors.length > 0 && result.scanned.length === 0) return 1;
  const worst = result.findings.reduce((d, f) => Math.max(d, decisionRank(f.decision)), 0);
  if (worst >= decisionRank('block')) return 3;
  if (worst >= decisionRank('ask')) return 2;
  return result.errors.length > 0 ? 1 : 0;
}

function line(f: ScanFinding): string {
  return `${f.file}:${f.line}:${f.column} ${f.ruleId} ${f.message}`;
}

function usage(io: Pick<Io, 'stderr'>, message: string): number {
  io.stderr.write(`blast-radius scan: ${message}\n${USAGE}\n`);
  return 1;
}
