/**
 * Before and after of a file action, as far as the action tells: the whole new content when it can be worked
 * out, and line counts for summaries ("+3 −120 lines").
 *
 * Shapes the adapters produce: write/create carry the whole new content; an edit carries the replaced text
 * (`oldText`) and its replacement (`newContent`), which splice into `oldContent` when that was read from disk;
 * an apply_patch update carries the removed lines as `oldText` and the added lines as `newContent` (not one
 * contiguous piece, so only counts are known); delete carries the old content.
 */
import type { FileAction } from '../../types';

/** Lines without their line endings; a trailing newline does not make an extra empty line. */
export function linesOf(text: string | undefined): string[] {
  if (!text) return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Lines that carry something (not blank). */
export function contentLines(text: string | undefined): string[] {
  return linesOf(text).filter((l) => l.trim() !== '');
}

/** The whole content after the action, when it can be known. */
export function contentAfter(a: FileAction): string | undefined {
  switch (a.op) {
    case 'create':
    case 'write':
      return a.newContent;
    case 'delete':
      return undefined;
    case 'rename':
      if (a.newContent === undefined && a.oldText === undefined) return a.oldContent;
      return splice(a);
    case 'edit':
      return splice(a);
  }
}

function splice(a: FileAction): string | undefined {
  if (a.oldContent === undefined || a.oldText === undefined || a.oldText === '') return undefined;
  const at = a.oldContent.indexOf(a.oldText);
  if (at < 0) return undefined;
  return a.oldContent.slice(0, at) + (a.newContent ?? '') + a.oldContent.slice(at + a.oldText.length);
}

/** Lines only in `a` (as a multiset) compared with `b`. */
function onlyIn(a: readonly string[], b: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const l of b) counts.set(l, (counts.get(l) ?? 0) + 1);
  let n = 0;
  for (const l of a) {
    const c = counts.get(l) ?? 0;
    if (c > 0) counts.set(l, c - 1);
    else n++;
  }
  return n;
}

export interface ChangeStats {
  added: number;
  removed: number;
  /** Non-blank lines before and after, when known. */
  before?: number;
  after?: number;
}

/** How many lines an action adds and removes. */
export function changeStats(a: FileAction): ChangeStats {
  const before = a.oldContent;
  if (a.op === 'delete') return { added: 0, removed: linesOf(before).length, before: before === undefined ? undefined : contentLines(before).length, after: 0 };
  const after = contentAfter(a);
  if (after !== undefined) {
    const b = linesOf(before).map((l) => l.trimEnd());
    const n = linesOf(after).map((l) => l.trimEnd());
    return {
      added: onlyIn(n, b),
      removed: onlyIn(b, n),
      before: before === undefined ? (a.op === 'create' ? 0 : undefined) : contentLines(before).length,
      after: contentLines(after).length,
    };
  }
  // A fragment edit or a patch: the replaced and the replacing lines.
  const removedText = linesOf(a.oldText).map((l) => l.trimEnd());
  const addedText = linesOf(a.newContent).map((l) => l.trimEnd());
  const stats: ChangeStats = { added: onlyIn(addedText, removedText), removed: onlyIn(removedText, addedText) };
  if (before !== undefined) {
    stats.before = contentLines(before).length;
    const removedBlank = removedText.filter((l) => l.trim() !== '').length;
    const addedBlank = addedText.filter((l) => l.trim() !== '').length;
    stats.after = Math.max(0, stats.before - removedBlank + addedBlank);
  }
  return stats;
}

/** "+3 −120 lines", "a new file of 12 lines", "deletes 40 lines". */
export function describeChange(a: FileAction): string {
  const s = changeStats(a);
  if (a.op === 'delete') return s.before === undefined ? 'deletes the file' : `deletes the file (${linesOf(a.oldContent).length} lines)`;
  if (a.op === 'create' || (a.op === 'write' && a.oldContent === undefined && s.before === undefined)) {
    return a.op === 'create' ? `creates it (${linesOf(a.newContent).length} lines)` : `replaces it with ${linesOf(a.newContent).length} lines`;
  }
  const lines = `+${s.added} −${s.removed} lines`;
  if (a.op === 'rename') return `moves it to ${a.newPath ?? 'another path'}${s.added + s.removed > 0 ? ` (${lines})` : ''}`;
  return lines;
}
