/**
 * Reports in plain text: a command rule's target, data and message are built from the command's arguments,
 * where the shell analysis left placeholders for `$(…)`, backticks, `$((…))` and heredocs. Wrapping a rule with
 * `readableReports` puts the original text back (`$__BRS0__/` → `$(pwd)/`) before anything reaches a person.
 */
import type { CommandRule, Report, Rule, RuleContext } from '../rule';
import type { SimpleCommand } from './types';
import { readable } from './types';

export function readableReport(report: Report, cmd: SimpleCommand): Report {
  const text = (s: string): string => readable(s, cmd);
  const out: Report = { ...report };
  if (out.target !== undefined) out.target = text(out.target);
  if (out.message !== undefined) out.message = text(out.message);
  if (out.safer !== undefined) out.safer = text(out.safer);
  if (out.signals) out.signals = out.signals.map(text);
  if (out.data) out.data = Object.fromEntries(Object.entries(out.data).map(([k, v]) => [k, typeof v === 'string' ? text(v) : v]));
  return out;
}

/** The same rule, with every report it makes about a command made readable. Other rule kinds pass unchanged. */
export function readableReports<R extends Rule>(rule: R): R {
  if (rule.kind !== 'command') return rule;
  const check = rule.check;
  const wrapped: CommandRule = {
    ...rule,
    check(cmd: SimpleCommand, ctx: RuleContext): void {
      check(cmd, { ...ctx, report: (report: Report) => ctx.report(readableReport(report, cmd)) });
    },
  };
  return wrapped as R;
}
