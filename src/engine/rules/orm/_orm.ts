/**
 * Shared judgement for ORM and migration-tool commands. The target is the database the tool would use: one the
 * command names (`--url`, `--db-url`, `--connection`, a DSN), its environment (`DATABASE_URL`, `RAILS_ENV`), or the
 * workspace's default (`.env`, `config/database.yml`, …, read lazily by evaluate() through `ctx.signals`).
 */
import type { RuleContext } from '../../rule';
import type { SimpleCommand } from '../../shell/types';
import type { Decision } from '../../types';
import { decisionRank } from '../../types';
import type { ProductionSignals } from '../../context/production';
import { commandSignals, environmentSignals, mergeSignals, tierOf } from '../../context/production';
import { judge, signalsFor } from '../db/_target';
import type { Weight } from '../db/_target';

export interface OrmHit {
  /** What the command does, as a sentence fragment: `migrate reset drops the database and reapplies every migration`. */
  what: string;
  weight: Weight;
  /** A connection the command names itself (URL, DSN, host). */
  target?: string;
  /** Production signals particular to the tool (`--force`, which Laravel needs only in production). */
  production?: string[];
  /** Test signals particular to the tool. */
  test?: string[];
  /** How to name the target in the message. */
  display?: string;
  /** Never decide more than this (a forward change that is only worth a pause, even against production). */
  cap?: Decision;
}

/** Reports a destructive ORM action scaled to where it runs; says nothing for explicit test targets. */
export function reportOrm(ctx: RuleContext, cmd: SimpleCommand, hit: OrmHit): void {
  let signals: ProductionSignals = signalsFor(ctx, cmd, hit.target);
  if (hit.production?.length || hit.test?.length) signals = mergeSignals(signals, { production: hit.production ?? [], test: hit.test ?? [] });
  const verdict = judge(signals, hit.weight);
  if (!verdict.decision) return;
  const decision = hit.cap && decisionRank(verdict.decision) > decisionRank(hit.cap) ? hit.cap : verdict.decision;
  ctx.report({
    target: hit.display ?? hit.target ?? 'its configured database',
    data: { what: hit.what },
    decision,
    severity: hit.weight === 'mild' ? 'high' : 'critical',
    signals: verdict.signals,
  });
}

/**
 * Production signals the command line and environment state outright (not the workspace's default database):
 * for forward operations that are fine against development but worth a pause against production.
 */
export function explicitlyProduction(ctx: RuleContext, cmd: SimpleCommand): string[] | undefined {
  const s = mergeSignals(commandSignals(cmd), environmentSignals(ctx.env));
  return tierOf(s) === 'production' ? s.production : undefined;
}

/** `STEP=3`, `--step=3`, `--step 3`, `-n 3`, `-3`: how many migrations a rollback undoes (undefined when not given). */
export function stepCount(args: readonly string[], ...names: string[]): number | 'all' | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    for (const n of names) {
      let v: string | undefined;
      if (a === n) v = args[i + 1];
      else if (a.startsWith(`${n}=`)) v = a.slice(n.length + 1);
      else if (n.length === 2 && n.startsWith('-') && a.startsWith(n) && /^\d+$/.test(a.slice(2))) v = a.slice(2);
      if (v === undefined) continue;
      if (/^all$/i.test(v)) return 'all';
      const num = Number(v);
      if (Number.isFinite(num)) return Math.abs(num);
    }
  }
  return undefined;
}

/** Destructive when a rollback undoes more than one step; mild for one. */
export function rollbackWeight(steps: number | 'all' | undefined): Weight {
  return steps === 'all' || (typeof steps === 'number' && steps > 1) ? 'destructive' : 'mild';
}

export function describeSteps(steps: number | 'all' | undefined, unit = 'migration'): string {
  if (steps === 'all') return `every ${unit}`;
  if (steps === undefined || steps === 1) return `the last ${unit}`;
  return `the last ${steps} ${unit}s`;
}

/** The command's own env prefixes, for nested actions (undefined when there are none). */
export function ownEnv(cmd: SimpleCommand): Record<string, string> | undefined {
  return Object.keys(cmd.env).length ? cmd.env : undefined;
}
