/**
 * The read-only preview the Protect, Remove protection and Align Copilot Approvals commands show before
 * they write anything: each file, whether it is new, changed or deleted, the exact lines added or removed,
 * and the trust steps. Markdown text; editor-free.
 */
import * as path from 'node:path';
import { diffLines, unifiedHunks } from '../prompt/diff';
import { SPECS } from './agents';
import type { FileChange, PlanProblem } from './plan';
import type { TrustStep } from './steps';

export interface PreviewInput {
  title: string;
  /** One paragraph under the title: what happens when the person confirms. */
  intro: string;
  root: string;
  home: string;
  changes: readonly FileChange[];
  trust?: readonly TrustStep[];
  problems?: readonly PlanProblem[];
  /** Lines after everything else (notes, caveats). */
  notes?: readonly string[];
}

/** `.claude/settings.local.json` inside the workspace, `~/.copilot/…` in the home folder, else absolute. */
export function displayPath(file: string, root: string, home: string): string {
  const rel = path.relative(root, file);
  if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return rel;
  if (file === home || file.startsWith(home + path.sep)) return `~${file.slice(home.length)}`;
  return file;
}

function fence(lines: readonly string[], lang = 'diff'): string[] {
  const longest = Math.max(2, ...lines.map((l) => (/^`+/.exec(l)?.[0].length ?? 0)));
  const f = '`'.repeat(longest + 1);
  return [`${f}${lang}`, ...lines, f];
}

export function changeKind(c: Pick<FileChange, 'before' | 'after'>): 'new file' | 'deleted' | 'changed' {
  if (c.before === undefined) return 'new file';
  if (c.after === undefined) return 'deleted';
  return 'changed';
}

export function previewText(p: PreviewInput): string {
  const out: string[] = [`# ${p.title}`, '', p.intro, ''];
  out.push(`## Files (${p.changes.length})`, '');
  if (p.changes.length === 0) out.push('Nothing to change.', '');
  for (const c of p.changes) {
    const spec = SPECS[c.agent];
    const where = c.scope === 'user' ? 'user level: every folder' : 'this workspace';
    out.push(`### ${displayPath(c.file, p.root, p.home)} (${changeKind(c)})`, '');
    out.push(`${spec.label}, ${where}.${c.added.length > 0 ? ` Hook timeout: ${spec.timeoutNote}.` : ''}${c.removed > 0 ? ` Takes out ${c.removed} Blast Radius entr${c.removed === 1 ? 'y' : 'ies'}.` : ''}`, '');
    if (c.after === undefined && c.before !== undefined) {
      out.push('The file holds nothing but Blast Radius entries, so it is deleted.', '');
    }
    const hunks = unifiedHunks(diffLines(c.before ?? '', c.after ?? ''));
    if (hunks.length > 0) out.push(...fence(hunks), '');
  }
  if (p.trust && p.trust.length > 0) {
    out.push(`## Trust steps (${p.trust.length})`, '');
    out.push('What the agents need besides the hook file before they run it (each was proved with the real agent):', '');
    for (const t of p.trust) out.push(`- ${t.title}. Edits \`${displayPath(t.file, p.root, p.home)}\`.`);
    out.push('');
  }
  if (p.problems && p.problems.length > 0) {
    out.push(`## Not changed (${p.problems.length})`, '');
    for (const pr of p.problems) out.push(`- ${SPECS[pr.agent].label}, \`${displayPath(pr.file, p.root, p.home)}\`: ${pr.message}`);
    out.push('');
  }
  if (p.notes && p.notes.length > 0) out.push(...p.notes.flatMap((n) => [n, '']));
  return out.join('\n');
}
