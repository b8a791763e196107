/**
 * Rule documentation rendered from the rules' own metadata and case tables, so it cannot drift:
 * docs/rules.md, `blast-radius rules list` and `blast-radius rules explain <id>` all come from here.
 */
import type { Rule, RuleCase } from './rule';

function caseText(c: RuleCase | string): string {
  const input = typeof c === 'string' ? c : c.input;
  return typeof input === 'string' ? input : JSON.stringify(input);
}

function examples(cases: readonly (RuleCase | string)[], limit: number): string[] {
  return cases.slice(0, limit).map(caseText);
}

export function explainRule(rule: Rule): string {
  const m = rule.meta;
  const lines = [
    `${m.id} (${rule.kind} rule, default: ${m.decision}, severity: ${m.severity})`,
    '',
    m.description,
  ];
  if (m.safer) lines.push('', `Safer: ${m.safer}`);
  lines.push('', 'Pauses:', ...examples(rule.tests.pause, 6).map((e) => `  ${e}`));
  lines.push('', 'Stays quiet on:', ...examples(rule.tests.pass, 6).map((e) => `  ${e}`));
  return lines.join('\n');
}

function mdCode(text: string): string {
  const oneLine = text.replace(/\n/g, '⏎');
  const fence = oneLine.includes('`') ? '``' : '`';
  return `${fence}${oneLine.includes('`') ? ' ' : ''}${oneLine}${oneLine.includes('`') ? ' ' : ''}${fence}`;
}

export function renderRuleDocs(rules: readonly Rule[]): string {
  const packs = new Map<string, Rule[]>();
  for (const r of rules) {
    const pack = r.meta.id.split('/')[0]!;
    packs.set(pack, [...(packs.get(pack) ?? []), r]);
  }
  const out: string[] = [
    '# Blast Radius rules',
    '',
    '<!-- Generated from the rules themselves by `npm run docs`; do not edit by hand. -->',
    '',
    'Each rule has a stable id, a default decision (`ask` pauses for a person, `block` denies unless a person',
    'deliberately lets it through) and examples taken from its own test table. A team can tighten any rule in',
    '`.blastradius.json` (`"rules": { "<id>": "block" }`); loosening needs the person\'s approval.',
    '',
  ];
  for (const [pack, list] of [...packs].sort(([a], [b]) => a.localeCompare(b))) {
    out.push(`## ${pack}`, '');
    for (const r of [...list].sort((a, b) => a.meta.id.localeCompare(b.meta.id))) {
      out.push(`### ${r.meta.id}`, '', `Default: **${r.meta.decision}** · severity ${r.meta.severity}`, '', r.meta.description, '');
      if (r.meta.safer) out.push(`Safer: ${r.meta.safer}`, '');
      out.push('Pauses:', '', ...examples(r.tests.pause, 4).map((e) => `- ${mdCode(e)}`), '');
      out.push('Stays quiet on:', '', ...examples(r.tests.pass, 4).map((e) => `- ${mdCode(e)}`), '');
    }
  }
  return out.join('\n');
}
