/**
 * Shared machinery for the infrastructure, cloud and Kubernetes rules: production signals that are strong
 * enough to block (a generic "remote machine" is not), flags that suppress a tool's own confirmation, and a
 * table-driven matcher so a provider's destructive subcommands read as data rather than as code.
 */
import type { Report, RuleContext } from '../../rule';
import type { SimpleCommand } from '../../shell/types';
import { isUnresolved } from '../../shell/types';
import type { Decision } from '../../types';
import { stricter } from '../../types';

export const PROD_WORD = /(^|[^a-z0-9])(prod|production|prd|live)([^a-z0-9]|$)/i;
const DISPOSABLE_WORD = /(^|[^a-z0-9])(test|tests|testing|e2e|scratch|tmp|temp|ephemeral|throwaway)([^a-z0-9]|$)|(^|[^a-z0-9])(pr|review|preview|ci)-?\d+([^a-z0-9]|$)/i;

/** Options meaning "just show me": they make almost any command harmless. */
export const DRY_RUN = /^(--dry-run(=(client|server|true|all))?|--dryrun|-dry-run|--what-if|-whatif|--preview|--preview-only|--plan|--noop|--no-op|--simulate|--check)$/i;

export function hasDryRun(args: readonly string[]): boolean {
  return args.some((a) => DRY_RUN.test(a) && !/=(none|false)$/i.test(a));
}

export function wantsHelp(args: readonly string[]): boolean {
  return args.some((a) => a === '--help' || a === '-h' || a === '-help' || a === 'help' || a === '--usage');
}

/** `--name value`, `--name=value`, `-n value`, `-nvalue` (short names only). */
export function flagValue(args: readonly string[], ...names: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') return undefined;
    for (const n of names) {
      if (a === n) return args[i + 1];
      if (a.startsWith(n + '=')) return a.slice(n.length + 1);
      if (/^-[A-Za-z]$/.test(n) && a.startsWith(n) && a.length > 2 && !a.startsWith('--') && !/^-[A-Za-z]+$/.test(a)) return a.slice(2);
    }
  }
  return undefined;
}

/** True when any of the flags is present; single-letter flags may be combined (`-rf`). */
export function hasAny(args: readonly string[], ...flags: string[]): boolean {
  for (const a of args) {
    if (a === '--') return false;
    const name = a.includes('=') ? a.slice(0, a.indexOf('=')) : a;
    if (flags.includes(name)) {
      // `--force=false`, `-auto-approve=false` switch the flag off.
      if (/=(false|0|no)$/i.test(a)) continue;
      return true;
    }
    if (/^-[A-Za-z]{2,}$/.test(a)) {
      for (const f of flags) if (/^-[A-Za-z]$/.test(f) && a.includes(f[1]!)) return true;
    }
  }
  return false;
}

/** Positional words, skipping the values of options listed in `withValue` (`--opt value`). */
export function words(args: readonly string[], withValue: readonly string[]): string[] {
  const out: string[] = [];
  let rest = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (rest) out.push(a);
    else if (a === '--') rest = true;
    else if (a.startsWith('-') && a.length > 1) {
      if (!a.includes('=') && withValue.includes(a)) i++;
    } else out.push(a);
  }
  return out;
}

/** Names that hold data rather than compute: deleting them loses the data, not just a server that can be rebuilt. */
export const DATA_WORD = /(^|[^a-z])(db|database|databases|pg|pgdata|postgres|postgresql|mysql|mariadb|mongo|mongodb|redis|valkey|elastic|elasticsearch|opensearch|es|sql|kafka|rabbitmq|minio|cassandra|clickhouse|etcd|volume|volumes|vol|backup|backups|snapshot|snapshots|storage|bucket|uploads|media|warehouse|data)([^a-z]|$)/i;

const GENERIC_REMOTE = / is a remote machine$| is a managed cloud service$|\(unknown target\)|\(unknown environment\)/;

/**
 * Production signals strong enough to turn a pause into a block: prod-looking names in env prefixes, flags,
 * hosts, contexts, file and folder names. A plain remote host (every cloud API is one) is not among them.
 */
export function prodSignals(cmd: SimpleCommand, ctx: RuleContext): string[] {
  const out = ctx.signals(cmd).production.filter((s) => !GENERIC_REMOTE.test(s));
  const cwd = cmd.cwd ?? ctx.cwd;
  if (cwd && !isUnresolved(cwd)) {
    const root = ctx.workspaceRoot;
    const rel = root && cwd.startsWith(root) ? cwd.slice(root.length) : cwd;
    const seg = rel.split('/').find((s) => PROD_WORD.test(s) && /^(prod|production|prd|live|.*[-_.](prod|production|prd|live))$/i.test(s));
    if (seg) out.push(`runs in the folder ${seg}`);
  }
  for (const a of cmd.args) {
    const value = a.startsWith('-') && a.includes('=') ? a.slice(a.indexOf('=') + 1) : a;
    if (value.startsWith('-') || value.includes('://')) continue;
    if (!/[\\/]|\.(ya?ml|json|tfvars|tfplan|plan|env|toml|hcl|conf)$/i.test(value)) continue;
    if (PROD_WORD.test(value) && !out.some((s) => s.includes(value))) out.push(`${value} looks like production`);
  }
  return dedupe(out);
}

/** Signals that the target is disposable or on this machine (a test environment, loopback, an emulator, a dry run). */
export function testSignals(cmd: SimpleCommand, ctx: RuleContext): string[] {
  const s = ctx.signals(cmd);
  return [...s.test, ...(s.local ?? [])];
}

export function dedupe(list: string[]): string[] {
  return [...new Set(list)];
}

export function looksProd(name: string | undefined): boolean {
  return name !== undefined && (PROD_WORD.test(name) || PROD_WORD.test(name.replace(/([a-z0-9])([A-Z])/g, '$1-$2')));
}

/** A name that says the thing is disposable: `test-db`, `ci-1234`, `pr-42`, `tmp-bucket`. */
export function looksDisposable(name: string | undefined): boolean {
  return name !== undefined && DISPOSABLE_WORD.test(name) && !PROD_WORD.test(name);
}

/** Test signals that say the command talks to this machine or an emulator, not to a real account. */
export function isLocalTarget(test: readonly string[]): boolean {
  return test.some((t) => /is this machine|local socket|emulator/.test(t));
}

// ---------------------------------------------------------------------------------------------------------------
// Table-driven CLIs

export interface Inv {
  cmd: SimpleCommand;
  args: readonly string[];
  /** Positional words after the matched subcommand path. */
  rest: string[];
  /** The matched subcommand words, as written. */
  path: string[];
  has(...flags: string[]): boolean;
  value(...names: string[]): string | undefined;
}

export interface Op {
  /** Subcommand words after the program: `s3 rb`, `rds delete-db-instance|delete-db-cluster`, `* delete` (`*` = any word), `a b || c` (alternative phrases). */
  sub: string;
  /** What it does, for the message: "deletes the bucket {{target}}". */
  what: string;
  /** Decision without production signals. Default `ask`. */
  decision?: Decision;
  /** Only when this holds (`--recursive`). */
  when?(inv: Inv): boolean;
  /** Allowed when this holds (a single object, a local target). */
  unless?(inv: Inv): boolean;
  /** Extra reasons that make it a block (`--skip-final-snapshot`). */
  escalate?(inv: Inv): (string | false | undefined | null)[];
  /** The target: an index into the remaining positionals, or a function. Default: the first remaining positional. */
  target?: number | ((inv: Inv) => string | undefined);
  safer?: string;
  /** Production signals only make this a pause (`ask`); without them it is allowed. For state changes that destroy nothing by themselves. */
  prodOnly?: boolean;
  /** The tool's confirmation flags do not make this a block by themselves (the flag is what the entry is about). */
  ignoreConfirm?: boolean;
}

export interface Cli {
  /** Options anywhere on the line that take a value. */
  valueOptions: readonly string[];
  /** Flags that answer the tool's own confirmation prompt in advance. */
  confirm?: readonly string[];
  /** Extra dry-run flags of this tool (`-n`). */
  dryRun?: readonly string[];
  ops: readonly Op[];
  safer?: string;
}

function matchPath(positional: string[], sub: string): { path: string[]; rest: string[] } | undefined {
  // `a b || c d` lists whole alternative phrases; `a|b c` alternative words.
  if (sub.includes('||')) {
    for (const phrase of sub.split(/\s*\|\|\s*/)) {
      const m = matchPath(positional, phrase);
      if (m) return m;
    }
    return undefined;
  }
  const parts = sub.split(' ');
  if (positional.length < parts.length) return undefined;
  for (let i = 0; i < parts.length; i++) {
    const want = parts[i]!;
    if (want === '*') continue;
    if (!want.split('|').includes(positional[i]!.toLowerCase())) return undefined;
  }
  return { path: positional.slice(0, parts.length), rest: positional.slice(parts.length) };
}

/** Human label for a confirmation-suppressing flag. */
export function confirmSignal(flag: string): string {
  return `${flag} skips the tool's own confirmation`;
}

export interface Judged {
  op: Op;
  inv: Inv;
  decision: Decision;
  signals: string[];
  target: string | undefined;
}

/**
 * Finds the first table entry the command matches and reports it. Returns what was reported (or undefined),
 * so a rule can add its own judgement on top.
 */
export function judgeCli(cmd: SimpleCommand, ctx: RuleContext, cli: Cli, label = cmd.name): Judged | undefined {
  const args = cmd.args;
  if (wantsHelp(args)) return undefined;
  const positional = words(args, cli.valueOptions);
  for (const op of cli.ops) {
    const m = matchPath(positional, op.sub);
    if (!m) continue;
    const inv: Inv = {
      cmd, args, rest: m.rest, path: m.path,
      has: (...f) => hasAny(args, ...f),
      value: (...n) => flagValue(args, ...n),
    };
    if (op.when && !op.when(inv)) continue;
    if (hasDryRun(args) || (cli.dryRun && hasAny(args, ...cli.dryRun))) return undefined;
    if (op.unless?.(inv)) return undefined;
    const target = typeof op.target === 'function' ? op.target(inv) : m.rest[op.target ?? 0];
    const prod = prodSignals(cmd, ctx);
    if (target && looksProd(target) && !prod.some((s) => s.includes(target))) prod.push(`${target} looks like production`);
    const confirm = op.ignoreConfirm ? [] : (cli.confirm ?? []).filter((f) => hasAny(args, f)).map(confirmSignal);
    const extra = (op.escalate?.(inv) ?? []).filter((s): s is string => typeof s === 'string' && s.length > 0);
    const test = testSignals(cmd, ctx);
    if (prod.length === 0 && isLocalTarget(test)) return undefined;
    let decision: Decision;
    let signals: string[];
    if (op.prodOnly) {
      if (prod.length === 0) return undefined;
      decision = confirm.length ? 'block' : 'ask';
      signals = dedupe([...prod, ...confirm, ...extra]);
    } else {
      decision = op.decision ?? 'ask';
      signals = dedupe([...prod, ...confirm, ...extra]);
      if (signals.length) decision = 'block';
      else if (decision === 'ask' && looksDisposable(target)) return undefined;
    }
    const what = op.what.replace(/\{\{target\}\}/g, target ?? 'the target');
    const report: Report = {
      target: target ?? `${label} ${m.path.join(' ')}`,
      message: `\`${label} ${m.path.join(' ')}\` ${what}`,
      decision,
      signals,
      safer: op.safer ?? cli.safer,
    };
    ctx.report(report);
    return { op, inv, decision, signals, target };
  }
  return undefined;
}

export function strictest(...ds: Decision[]): Decision {
  return ds.reduce<Decision>((a, b) => stricter(a, b), 'allow');
}
