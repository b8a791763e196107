/**
 * The Check Protection report as Markdown: per agent whether its hook will run, each check with ✓ / ✗ / ?,
 * and the fix for every gap. Editor-free (the checks themselves are in check.ts).
 */
import type { AgentReport, CheckItem } from './check';

export interface ExtraSection {
  title: string;
  items: CheckItem[];
}

const mark = (i: CheckItem): string => (i.state === 'ok' ? '✓' : i.state === 'gap' ? '✗' : '?');

function itemLines(items: readonly CheckItem[]): string[] {
  return items.map((i) => `- ${mark(i)} ${i.what}${i.state !== 'ok' && i.fix ? `  \n  **Fix:** ${i.fix}` : ''}`);
}

export function headline(r: AgentReport): string {
  if (r.placements.length === 0) return `— ${r.label}: not protected`;
  if (r.willRun === true) return `✓ ${r.label}: ${r.summary}`;
  if (r.willRun === false) return `✗ ${r.label}: hook will NOT run`;
  return `? ${r.label}: hook may not run`;
}

/**
 * `reports`: the agents worth showing (protected or used here); `unused`: labels of the others, listed in one
 * line; `extra`: checks of the editor itself (channel, workspace trust), first.
 */
export function checkReportText(workspace: string, reports: readonly AgentReport[], unused: readonly string[], extra: readonly ExtraSection[] = []): string {
  const out: string[] = [`# Blast Radius: Check Protection`, '', `Workspace: \`${workspace}\``, ''];
  const gaps = reports.filter((r) => r.willRun !== true).length;
  out.push(reports.length === 0
    ? 'No agent is protected or set up in this workspace. Run **Blast Radius: Protect This Workspace** to add hooks.'
    : gaps === 0
      ? `All ${reports.length} agent${reports.length === 1 ? '' : 's'} below will run the Blast Radius hook.`
      : `${gaps} of ${reports.length} agent${reports.length === 1 ? '' : 's'} below will not (or may not) run the Blast Radius hook. Each gap says how to fix it.`, '');
  for (const x of extra) {
    out.push(`## ${x.title}`, '', ...itemLines(x.items), '');
  }
  for (const r of reports) {
    out.push(`## ${headline(r)}`, '');
    if (r.items.length > 0) out.push(...itemLines(r.items), '');
    for (const p of r.placements) {
      out.push(`**${p.scope === 'workspace' ? 'This workspace' : 'User level'}**: \`${p.file}\``, '', ...itemLines(p.items), '');
    }
  }
  if (unused.length > 0) out.push(`Not used here and not protected: ${unused.join(', ')}.`, '');
  return out.join('\n');
}
