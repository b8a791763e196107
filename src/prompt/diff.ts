/**
 * A small line diff (Myers, O((N+M)·D)) for the prompt's "+3 −10 lines" summary and the Protect preview.
 * Past `maxEdits` changed lines it gives up on alignment and reports the texts as replaced wholesale, so a
 * huge rewrite never stalls the editor. Editor-free.
 */

export type DiffOp = { op: 'equal' | 'insert' | 'delete'; line: string };

export interface LineDiff {
  ops: DiffOp[];
  added: number;
  removed: number;
  /** True when the diff gave up aligning lines (too many changes) and shows a wholesale replacement. */
  approximate: boolean;
}

export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop(); // a final newline ends the last line, it adds none
  return lines;
}

export function diffLines(before: string, after: string, maxEdits = 4000): LineDiff {
  const a = splitLines(before);
  const b = splitLines(after);
  // Common head and tail first: protect/remove edits and most agent edits touch a small middle part.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const middle = myers(midA, midB, maxEdits);
  const ops: DiffOp[] = [
    ...a.slice(0, head).map((line) => ({ op: 'equal' as const, line })),
    ...(middle ?? [...midA.map((line) => ({ op: 'delete' as const, line })), ...midB.map((line) => ({ op: 'insert' as const, line }))]),
    ...a.slice(a.length - tail).map((line) => ({ op: 'equal' as const, line })),
  ];
  return {
    ops,
    added: ops.filter((o) => o.op === 'insert').length,
    removed: ops.filter((o) => o.op === 'delete').length,
    approximate: middle === undefined,
  };
}

/** The shortest edit script, or undefined when it needs more than maxEdits edits. */
function myers(a: readonly string[], b: readonly string[], maxEdits: number): DiffOp[] | undefined {
  const n = a.length;
  const m = b.length;
  if (n === 0) return b.map((line) => ({ op: 'insert', line }));
  if (m === 0) return a.map((line) => ({ op: 'delete', line }));
  const max = Math.min(n + m, maxEdits);
  const offset = max + 1;
  let v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    const next = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let x: number;
      if (k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!)) x = v[offset + k + 1]!;
      else x = v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next[offset + k] = x;
      if (x >= n && y >= m) {
        trace.push(next);
        return backtrack(trace, a, b, offset, d);
      }
    }
    v = next;
  }
  return undefined;
}

function backtrack(trace: Int32Array[], a: readonly string[], b: readonly string[], offset: number, dEnd: number): DiffOp[] {
  const ops: DiffOp[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = dEnd; d > 0; d--) {
    const v = trace[d]!; // the state before round d
    const k = x - y;
    const prevK = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = v[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ op: 'equal', line: a[--x]! });
      y--;
    }
    if (x === prevX) ops.push({ op: 'insert', line: b[--y]! });
    else ops.push({ op: 'delete', line: a[--x]! });
  }
  while (x > 0 && y > 0) {
    ops.push({ op: 'equal', line: a[--x]! });
    y--;
  }
  return ops.reverse();
}

/**
 * Unified-diff style hunks (`@@ -l,s +l,s @@`, ` `/`+`/`-` lines) with `context` lines around changes; empty
 * when the texts are equal.
 */
export function unifiedHunks(d: LineDiff, context = 3): string[] {
  const out: string[] = [];
  const ops = d.ops;
  const changed = ops.map((o, i) => (o.op !== 'equal' ? i : -1)).filter((i) => i >= 0);
  if (changed.length === 0) return out;
  // Group changes whose context overlaps.
  const groups: [number, number][] = [];
  for (const i of changed) {
    const last = groups[groups.length - 1];
    if (last && i - last[1] <= 2 * context + 1) last[1] = i;
    else groups.push([i, i]);
  }
  // Line numbers before each op.
  const aLine: number[] = [];
  const bLine: number[] = [];
  let la = 1;
  let lb = 1;
  for (const o of ops) {
    aLine.push(la);
    bLine.push(lb);
    if (o.op !== 'insert') la++;
    if (o.op !== 'delete') lb++;
  }
  for (const [first, last] of groups) {
    const from = Math.max(0, first - context);
    const to = Math.min(ops.length - 1, last + context);
    const slice = ops.slice(from, to + 1);
    const aCount = slice.filter((o) => o.op !== 'insert').length;
    const bCount = slice.filter((o) => o.op !== 'delete').length;
    const aStart = aCount === 0 ? aLine[from]! - 1 : aLine[from]!;
    const bStart = bCount === 0 ? bLine[from]! - 1 : bLine[from]!;
    out.push(`@@ -${aStart},${aCount} +${bStart},${bCount} @@`);
    for (const o of slice) out.push(`${o.op === 'equal' ? ' ' : o.op === 'insert' ? '+' : '-'}${o.line}`);
  }
  return out;
}
