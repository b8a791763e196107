/**
 * Tautology folding for WHERE clauses (parser-notes P5). The parser reads `WHERE 1=1` as an ordinary expression;
 * this folds constants so `1=1`, `true`, `1`, `'a'='a'`, `x = x`, `… OR 1=1`, `NOT false`, `2>1` and
 * `id IS NOT NULL` count as "every row", while `1=1 AND id = 7` stays restricted.
 */

type Folded = { kind: 'const'; value: unknown } | { kind: 'column'; name: string } | { kind: 'unknown' };

const UNKNOWN: Folded = { kind: 'unknown' };

interface Expr {
  type?: string;
  operator?: string;
  left?: Expr;
  right?: Expr;
  expr?: Expr;
  value?: unknown;
  table?: string | null;
  column?: unknown;
}

function columnName(e: Expr): string | undefined {
  const c = e.column;
  let name: unknown = c;
  if (c && typeof c === 'object') name = (c as { expr?: { value?: unknown } }).expr?.value;
  if (typeof name !== 'string') return undefined;
  return (e.table ? `${e.table}.${name}` : name).toLowerCase();
}

function truthy(v: unknown): boolean | undefined {
  if (v === null) return undefined;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') {
    const n = Number(v);
    return Number.isNaN(n) ? false : n !== 0; // MySQL casts a non-numeric string to 0
  }
  return undefined;
}

function compare(op: string, a: unknown, b: unknown): boolean | undefined {
  if (a === null || b === null) return undefined;
  const x = typeof a === 'string' && typeof b === 'number' ? Number(a) : a;
  const y = typeof b === 'string' && typeof a === 'number' ? Number(b) : b;
  switch (op) {
    case '=':
    case '==':
      return x === y;
    case '!=':
    case '<>':
      return x !== y;
    case '<':
      return (x as number) < (y as number);
    case '>':
      return (x as number) > (y as number);
    case '<=':
      return (x as number) <= (y as number);
    case '>=':
      return (x as number) >= (y as number);
    default:
      return undefined;
  }
}

/** A column named like a primary key, for `id IS NOT NULL` (every row, since a key is never null). */
const KEY_COLUMN = /(^|\.)(id|uuid|pk|guid)$/;

function fold(e: Expr | undefined): Folded {
  if (!e || typeof e !== 'object') return UNKNOWN;
  switch (e.type) {
    case 'bool':
    case 'boolean':
      return { kind: 'const', value: Boolean(e.value) };
    case 'number':
      return { kind: 'const', value: Number(e.value) };
    case 'single_quote_string':
    case 'double_quote_string':
    case 'string':
    case 'natural_string':
    case 'var_string':
      return { kind: 'const', value: String(e.value) };
    case 'null':
      return { kind: 'const', value: null };
    case 'column_ref': {
      const name = columnName(e);
      return name ? { kind: 'column', name } : UNKNOWN;
    }
    case 'unary_expr': {
      if (String(e.operator).toUpperCase() !== 'NOT') return UNKNOWN;
      const inner = fold(e.expr);
      if (inner.kind !== 'const') return UNKNOWN;
      const t = truthy(inner.value);
      return t === undefined ? UNKNOWN : { kind: 'const', value: !t };
    }
    case 'binary_expr':
      return foldBinary(e);
    case 'expr_list': {
      const list = (e as { value?: Expr[] }).value;
      return Array.isArray(list) && list.length === 1 ? fold(list[0]) : UNKNOWN;
    }
    case 'function': {
      // The postgresql grammar reads `NOT (1 = 0)` as a call to a function named NOT.
      const name = (e as { name?: { name?: { value?: string }[] } }).name?.name?.[0]?.value;
      if (String(name).toUpperCase() !== 'NOT') return UNKNOWN;
      return fold({ type: 'unary_expr', operator: 'NOT', expr: (e as { args?: Expr }).args });
    }
    default:
      return UNKNOWN;
  }
}

function foldBinary(e: Expr): Folded {
  const op = String(e.operator).toUpperCase();
  const l = fold(e.left);
  const r = fold(e.right);
  const lt = l.kind === 'const' ? truthy(l.value) : undefined;
  const rt = r.kind === 'const' ? truthy(r.value) : undefined;
  if (op === 'OR' || op === '||') {
    if (lt === true || rt === true) return { kind: 'const', value: true };
    if (lt === false && rt === false) return { kind: 'const', value: false };
    return UNKNOWN;
  }
  if (op === 'AND' || op === '&&') {
    if (lt === false || rt === false) return { kind: 'const', value: false };
    if (lt === true && rt === true) return { kind: 'const', value: true };
    return UNKNOWN;
  }
  if (op === 'IS' || op === 'IS NOT') {
    const isNull = r.kind === 'const' && r.value === null;
    if (!isNull) return UNKNOWN;
    if (l.kind === 'const') return { kind: 'const', value: (l.value === null) === (op === 'IS') };
    if (l.kind === 'column' && op === 'IS NOT' && KEY_COLUMN.test(l.name)) return { kind: 'const', value: true };
    return UNKNOWN;
  }
  // `email LIKE '%'` matches every non-null value: in practice every row, like `x = x`.
  if (l.kind === 'column' && (op === 'LIKE' || op === 'ILIKE') && r.kind === 'const' && typeof r.value === 'string' && /^%+$/.test(r.value)) {
    return { kind: 'const', value: true };
  }
  if ((op === 'IN' || op === 'NOT IN') && l.kind === 'const' && l.value !== null) {
    const list = (e.right as { type?: string; value?: Expr[] } | undefined);
    const items = list?.type === 'expr_list' && Array.isArray(list.value) ? list.value.map(fold) : [];
    if (!items.length || items.some((i) => i.kind !== 'const' || i.value === null)) return UNKNOWN;
    const found = items.some((i) => compare('=', l.value, (i as { value: unknown }).value) === true);
    return { kind: 'const', value: op === 'IN' ? found : !found };
  }
  if (l.kind === 'column' && r.kind === 'column' && l.name === r.name) {
    // `x = x` is true for every non-null x: in practice every row.
    if (['=', '>=', '<=', 'LIKE', 'ILIKE', '<=>'].includes(op)) return { kind: 'const', value: true };
    if (['<>', '!=', '<', '>'].includes(op)) return { kind: 'const', value: false };
    return UNKNOWN;
  }
  if (l.kind === 'const' && r.kind === 'const') {
    if (op === 'LIKE' || op === 'ILIKE') {
      if (typeof r.value === 'string' && /^%+$/.test(r.value)) return { kind: 'const', value: true };
      return typeof l.value === 'string' && l.value === r.value ? { kind: 'const', value: true } : UNKNOWN;
    }
    const v = compare(op, l.value, r.value);
    return v === undefined ? UNKNOWN : { kind: 'const', value: v };
  }
  return UNKNOWN;
}

/** True when a parsed WHERE expression holds for every row. */
export function isTautology(where: unknown): boolean {
  const f = fold(where as Expr);
  return f.kind === 'const' && truthy(f.value) === true;
}

const TEXT_TAUTOLOGY = [
  /^(TRUE|1|'[^']*'\s*=\s*'[^']*'|NOT\s+FALSE|NOT\s+0)$/,
  /^(\d+)\s*(=|>=|<=)\s*\1$/,
  /^([A-Z_][\w.]*)\s*(=|>=|<=)\s*\1$/,
  /^(ID|[\w.]+\.ID)\s+IS\s+NOT\s+NULL$/,
  /^[A-Z_][\w.]*\s+I?LIKE\s+'%+'$/,
];

/**
 * Text-only fallback for a WHERE expression no grammar could parse: top-level `OR` alternatives are checked one
 * by one; anything with a top-level `AND` counts as restricted (one restricting conjunct is enough).
 */
export function isTautologyText(where: string): boolean {
  const text = stripParens(where.trim().toUpperCase().replace(/\s+/g, ' '));
  const ors = splitTop(text, ' OR ');
  if (ors.length > 1) return ors.some((part) => isTautologyText(part));
  if (splitTop(text, ' AND ').length > 1) return splitTop(text, ' AND ').every((part) => isTautologyText(part));
  return TEXT_TAUTOLOGY.some((re) => {
    const m = re.exec(text);
    if (!m) return false;
    if (re === TEXT_TAUTOLOGY[0] && m[1]!.includes('=')) {
      const [a, b] = m[1]!.split(/\s*=\s*/);
      return a === b;
    }
    return true;
  });
}

function stripParens(s: string): string {
  let t = s;
  while (t.startsWith('(') && t.endsWith(')') && splitTop(t.slice(1, -1), ')(').length === 1 && balanced(t.slice(1, -1))) {
    t = t.slice(1, -1).trim();
  }
  return t;
}

function balanced(s: string): boolean {
  let d = 0;
  for (const c of s) {
    if (c === '(') d++;
    else if (c === ')' && --d < 0) return false;
  }
  return d === 0;
}

function splitTop(s: string, sep: string): string[] {
  const parts: string[] = [];
  let d = 0;
  let quote = false;
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === "'") quote = !quote;
    if (quote) continue;
    if (c === '(') d++;
    else if (c === ')') d--;
    else if (d === 0 && s.startsWith(sep, i)) {
      parts.push(s.slice(from, i).trim());
      from = i + sep.length;
      i += sep.length - 1;
    }
  }
  parts.push(s.slice(from).trim());
  return parts;
}
