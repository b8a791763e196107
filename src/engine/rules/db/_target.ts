/**
 * Shared judgement for the db and orm packs: where a command's data lives (its explicit target, its environment, the
 * workspace's default database) and what that means for a destructive action (catalog §0):
 * production → block, explicit test/ephemeral target → allow, a development target on this machine → ask,
 * nothing known → treated as production.
 */
import type { RuleContext } from '../../rule';
import type { Decision } from '../../types';
import type { SimpleCommand } from '../../shell/types';
import type { ProductionSignals, Tier } from '../../context/production';
import { mergeSignals, targetSignals, tierOf } from '../../context/production';

export const UNKNOWN_TARGET = 'the target is not named, so it counts as production';

/** How bad the action is when it reaches its target: `destructive` loses data, `mild` loses little or can be redone. */
export type Weight = 'destructive' | 'mild';

export interface Judgement {
  tier: Tier;
  /** undefined means allow. */
  decision: Decision | undefined;
  /** The signals that made the difference, for the finding. */
  signals: string[];
}

/** Messages for connection variables read from the environment (`DATABASE_URL (in the environment): …`). */
const ENV_CONNECTION = /^[A-Z][A-Z0-9_]* \(in the environment\): /;

/**
 * Signals for a command: its own flags and env prefixes, the environment, the workspace (for ORMs), plus an
 * explicit target it names (a URL, a host). When it names one, connection variables in the environment do not count.
 */
export function signalsFor(ctx: RuleContext, cmd: SimpleCommand, target?: string): ProductionSignals {
  const base = ctx.signals(cmd);
  if (target === undefined) return base;
  const own = targetSignals(target);
  const strip = (xs: string[]): string[] => xs.filter((s) => !ENV_CONNECTION.test(s));
  return mergeSignals({ production: strip(base.production), test: strip(base.test), local: strip(base.local ?? []) }, own);
}

/** The decision for an action of `weight` given where it goes. */
export function judge(signals: ProductionSignals, weight: Weight = 'destructive'): Judgement {
  const tier = tierOf(signals);
  switch (tier) {
    case 'production':
      return { tier, decision: 'block', signals: signals.production };
    case 'test':
      return { tier, decision: undefined, signals: signals.test };
    case 'local':
      return { tier, decision: 'ask', signals: signals.local ?? [] };
    case 'unknown':
      return { tier, decision: weight === 'destructive' ? 'block' : 'ask', signals: [UNKNOWN_TARGET] };
  }
}

/** Builds a libpq-style `key=value` target from the parts a command named; undefined when it named none. */
export function kvTarget(parts: Record<string, string | undefined>): string | undefined {
  const out = Object.entries(parts)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${/\s/.test(v!) ? `'${v}'` : v}`);
  return out.length ? out.join(' ') : undefined;
}

/** Looks a variable up in the command's own prefixes, then the environment it runs in. */
export function envValue(cmd: SimpleCommand, ctx: RuleContext, name: string): string | undefined {
  const v = cmd.env[name] ?? ctx.env[name];
  return v === '' ? undefined : v;
}

/** Reads options the way most database CLIs do: `-x value`, `-xvalue`, `--long value`, `--long=value`. */
export interface ParsedArgs {
  /** Option name (as written, without the value) → values in order. */
  options: Map<string, string[]>;
  /** Flags without values, as written (`-l`, `--list`); combined short flags are split (`-At` → `-A`, `-t`). */
  flags: Set<string>;
  positionals: string[];
  /** Options and flags in order, for tools where order matters (psql runs `-c` and `-f` in order). */
  sequence: { name: string; value?: string }[];
}

/**
 * `withValue`: option names that take a value (both `-c` and `--command`). Short options may be glued to the value
 * (`-hlocalhost`). `optional` options take a value only when glued (`mysql -pSECRET`).
 */
export function parseArgs(args: readonly string[], withValue: readonly string[], optional: readonly string[] = [], singleDashLong = false): ParsedArgs {
  const out: ParsedArgs = { options: new Map(), flags: new Set(), positionals: [], sequence: [] };
  const add = (name: string, value: string): void => {
    out.options.set(name, [...(out.options.get(name) ?? []), value]);
    out.sequence.push({ name, value });
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      out.positionals.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq === -1 ? a : a.slice(0, eq);
      if (eq !== -1) add(name, a.slice(eq + 1));
      else if (withValue.includes(name) && i + 1 < args.length) add(name, args[++i]!);
      else {
        out.flags.add(name);
        out.sequence.push({ name });
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1 && !/^-\d/.test(a)) {
      if (withValue.includes(a)) {
        if (i + 1 < args.length) add(a, args[++i]!);
        continue;
      }
      const two = a.slice(0, 2);
      if (!singleDashLong && (withValue.includes(two) || optional.includes(two)) && a.length > 2) {
        add(two, a.slice(2));
        continue;
      }
      if (withValue.includes(a.split('=')[0]!) && a.includes('=')) {
        add(a.split('=')[0]!, a.slice(a.indexOf('=') + 1));
        continue;
      }
      // Combined short flags (`-At`, `-Atc 'SELECT 1'`); tools with single-dash long options (`-readonly`) keep them whole.
      if (!singleDashLong && /^-[A-Za-z]+$/.test(a) && a.length > 2) {
        out.flags.add(a);
        for (let j = 1; j < a.length; j++) {
          const f = `-${a[j]}`;
          if (withValue.includes(f)) {
            const rest = a.slice(j + 1);
            if (rest) add(f, rest);
            else if (i + 1 < args.length) add(f, args[++i]!);
            break;
          }
          out.flags.add(f);
          out.sequence.push({ name: f });
        }
        continue;
      }
      out.flags.add(a);
      out.sequence.push({ name: a });
      continue;
    }
    out.positionals.push(a);
  }
  return out;
}

export function opt(p: ParsedArgs, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = p.options.get(n);
    if (v?.length) return v[v.length - 1];
  }
  return undefined;
}

export function flag(p: ParsedArgs, ...names: string[]): boolean {
  return names.some((n) => p.flags.has(n));
}

/** A name that reads as a test or throw-away target (`*_test`, `test_*`, `*_ci`). */
export function isTestName(name: string): boolean {
  return /(^|[_\-.])(test|tests|testing|ci|e2e)($|[_\-.])/i.test(name);
}
