/**
 * Words and shapes for rule files in the editor (src/extension/ruleFiles.ts), kept free of `vscode` so they can be
 * unit-tested under node: diagnostic messages, the approval notification, the review summary, the ranges of
 * entries, the "Show Active Configuration" list and the "Explain Rule" document.
 */
import * as path from 'node:path';
import * as jsonc from 'jsonc-parser';
import type { Diagnostic, EffectiveConfig, IgnoredEntry, RuleFileStatus } from '../engine/config';
import { PRESET_NAMES } from '../engine/config';
import type { Rule } from '../engine/rule';
import { explainRule } from '../engine/docs';

/** A file whose loosening entries wait for this person's approval, for the exact content `hash`. */
export interface PendingFile {
  file: string;
  hash: string;
  entries: IgnoredEntry[];
}

/** Loosening entries grouped by file (needs-approval only), in the order they were found. */
export function pendingFiles(ignored: readonly IgnoredEntry[]): PendingFile[] {
  const groups = new Map<string, PendingFile>();
  for (const e of ignored) {
    if (e.kind !== 'needs-approval') continue;
    const key = `${e.file}\0${e.hash}`;
    const g = groups.get(key) ?? { file: e.file, hash: e.hash, entries: [] };
    if (!g.entries.some((x) => x.line === e.line && x.column === e.column && x.entry === e.entry)) g.entries.push(e);
    groups.set(key, g);
  }
  return [...groups.values()];
}

/** Repository text in a notification: one line, and short, so a crafted glob cannot fill or fake the message. */
export function clip(text: string, max = 80): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** Text for a notification or a quick pick: no `[label](target)` links, no `$(icon)` syntax from repository text. */
export function plain(text: string): string {
  return text.replace(/\]\(/g, '] (').replace(/\$\(/g, '$ (');
}

/** `a, b and 2 more` */
export function listEntries(entries: readonly IgnoredEntry[], max = 3): string {
  const shown = entries.slice(0, max).map((e) => clip(e.entry));
  const rest = entries.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} and ${rest} more` : shown.join(', ');
}

/** The notification for a file that loosens protection. `where` is the file as the person knows it (relative). */
export function approvalPrompt(where: string, entries: readonly IgnoredEntry[]): string {
  const n = entries.length;
  return (
    `This rule file loosens protection: ${listEntries(entries)} (${where}). ` +
    `${n === 1 ? 'It is' : `These ${n} entries are`} ignored until you approve this exact version ` +
    '(for you only; the CLI and agent hooks honour it too).'
  );
}

/** Problems-panel text for an entry that is not in force. */
export function ignoredMessage(e: IgnoredEntry, keptIgnoring = false): string {
  if (e.kind === 'below-your-setting') return `Ignored: ${e.entry}: ${e.reason}.`;
  const tail = keptIgnoring
    ? 'You chose to keep ignoring this version; "Blast Radius: Show Active Configuration" can still approve it.'
    : 'Approve this version of the file (quick fix, or "Blast Radius: Show Active Configuration") to apply it.';
  return `Ignored until you approve this file: ${e.entry} ${e.reason}. ${tail}`;
}

export type FileState = RuleFileStatus['state'] | undefined;

/** What stays in force while a file has errors. */
export function fallbackText(state: FileState): string {
  return state === 'last-good'
    ? 'the last good version of this file (read earlier in this window) stays in force'
    : 'this file is not in force: the built-in rules, your own settings and the other rule files apply';
}

/** Problems-panel text for an error of a rule file: the problem, then what applies meanwhile. */
export function errorMessage(d: Diagnostic, state: FileState): string {
  if (d.severity !== 'error') return d.message;
  return `${d.message}. Until this is fixed, ${fallbackText(state)}.`;
}

/** The one warning notification for a bad file. */
export function badFileNotification(where: string, errors: readonly Diagnostic[], state: FileState): string {
  const first = errors[0];
  const at = first ? ` ${where}:${first.line}:${first.column}: ${first.message}` : '';
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''})` : '';
  const keep = state === 'last-good' ? 'The last good configuration stays in force' : 'This file is not in force; the built-in rules and the other rule files stay in force';
  return `Blast Radius: ${where} has errors:${at}${more}. ${keep} until it is fixed.`;
}

/** 0-based range of an entry of a rule file: the whole property (or array element) starting at line:column. */
export function entryRange(text: string, line: number, column: number): { start: [number, number]; end: [number, number] } {
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++) offset += lines[i]!.length + 1;
  offset += column - 1;
  const at = (o: number): [number, number] => {
    let l = 0;
    let rest = o;
    while (l < lines.length - 1 && rest > lines[l]!.length) {
      rest -= lines[l]!.length + 1;
      l++;
    }
    return [l, Math.max(0, rest)];
  };
  const tree = jsonc.parseTree(text, [], { allowTrailingComma: true });
  let node = tree ? jsonc.findNodeAtOffset(tree, offset, false) : undefined;
  // The location points at a property's key (or at an array element): widen a key to its whole property.
  if (node?.parent?.type === 'property' && node.parent.offset === node.offset) node = node.parent;
  if (node && node.offset === offset) return { start: at(node.offset), end: at(node.offset + node.length) };
  const [l, c] = at(offset);
  const lineText = lines[l] ?? '';
  return { start: [l, c], end: [l, Math.max(c, lineText.replace(/[,\s]+$/, '').length)] };
}

/** Presets a file names in `extends` (read from its data), in order. */
export function presetsOf(extendsValues: readonly string[]): string[] {
  return extendsValues.filter((v) => (PRESET_NAMES as readonly string[]).includes(v));
}

function roleText(s: RuleFileStatus): string {
  if (s.role === 'user') return 'your own file';
  if (s.role === 'extended') return 'extended by a rule file';
  return 'rule file';
}

/** One line about a file's state for the quick pick. */
export function fileStateText(s: RuleFileStatus, pendingCount: number): string {
  const parts = [roleText(s)];
  if (s.state === 'in-force') parts.push('in force');
  else if (s.state === 'last-good') parts.push('has errors: its last good version is in force');
  else parts.push('has errors: not in force');
  if (s.role !== 'user' && s.loosening > 0) {
    if (s.trusted) parts.push(`approved by you (${s.loosening} loosening ${s.loosening === 1 ? 'entry applies' : 'entries apply'})`);
    else if (pendingCount > 0) parts.push(`${pendingCount} loosening ${pendingCount === 1 ? 'entry' : 'entries'} ignored pending your approval`);
  }
  return parts.join(' · ');
}

/** A short status line for the whole configuration of one folder. */
export function statusLine(eff: EffectiveConfig, presets: readonly string[]): string {
  const repo = eff.files.filter((f) => f.role !== 'user');
  const broken = eff.files.filter((f) => f.state !== 'in-force').length;
  const pending = eff.ignored.filter((e) => e.kind === 'needs-approval').length;
  const parts = [repo.length === 0 ? 'no rule file: built-in rules' : `${repo.length} rule file${repo.length === 1 ? '' : 's'}`];
  parts.push(`preset ${presets.length ? [...new Set(presets)].join(' + ') : 'recommended'}`);
  if (broken) parts.push(`${broken} with errors`);
  parts.push(pending ? `${pending} ${pending === 1 ? 'entry' : 'entries'} ignored pending approval` : 'nothing pending approval');
  return parts.join(' · ');
}

/** The read-only review summary opened beside a loosening file. `ruleOf` finds a rule's metadata for context. */
export function reviewSummary(p: PendingFile, where: string, ruleOf: (id: string) => Rule | undefined, approvalsFile: string): string {
  const out = [
    `# Review: ${where}`,
    '',
    `This rule file loosens protection. The ${p.entries.length === 1 ? 'entry below is' : `${p.entries.length} entries below are`} ignored until you approve this exact version; everything else in the file (what adds or tightens protection) already applies.`,
    '',
    `- File: \`${p.file}\``,
    `- Content (sha256): \`${p.hash}\``,
    '',
    '## Ignored entries',
    '',
  ];
  p.entries.forEach((e, i) => {
    out.push(`${i + 1}. Line ${e.line}, column ${e.column}: \`${clip(e.entry, 200).replace(/`/g, "'")}\``, `   ${e.reason}.`);
    const id = /^rules\["([^"]+)"\]/.exec(e.entry)?.[1];
    const rule = id ? ruleOf(id) : undefined;
    if (rule) out.push(`   The rule: ${rule.meta.description} (default ${rule.meta.decision}, severity ${rule.meta.severity}; "Blast Radius: Explain Rule…" shows examples).`);
    out.push('');
  });
  out.push(
    '## What approving does',
    '',
    `Approve this version stores the file's path and content hash for you only, in \`${approvalsFile}\` (outside every repository). The editor, the \`blast-radius\` CLI and agent hooks then apply these entries. Any later edit of the file, by you, a teammate or an agent, needs a new approval.`,
    '',
    'Keep ignoring leaves these entries out; Blast Radius does not ask again for this version of the file.',
    '',
  );
  return out.join('\n');
}

/** The text of "Blast Radius: Explain Rule…": what `blast-radius rules explain <id>` prints, then this workspace's setting. */
export function explainDocument(rule: Rule, settingHere: string | undefined, where: string | undefined): string {
  const lines = [explainRule(rule), ''];
  if (settingHere !== undefined) lines.push(`In ${where ?? 'this workspace'}: set to "${settingHere}" by the rule files in force.`);
  else lines.push(`In ${where ?? 'this workspace'}: default ("${rule.meta.decision}"); no rule file changes it.`);
  lines.push('', `Same text as: blast-radius rules explain ${rule.meta.id}`);
  return lines.join('\n') + '\n';
}

/** `~/x` for paths under home. */
export function tildify(p: string, home: string): string {
  return home && (p === home || p.startsWith(home + path.sep)) ? `~${p.slice(home.length)}` : p;
}
