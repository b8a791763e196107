/**
 * Does a change to one of the guard's own files weaken protection? The guard's files are the team rule file,
 * each agent's hook and permission settings, editor settings that approve agent actions, and Blast Radius's
 * per-person settings and approvals (classes in _classify.ts).
 *
 * Weakening, in any of these: a Blast Radius hook disappears (recognised by a command containing
 * `blast-radius`, or the bundled `…/cli.js hook <agent>`) or runs for fewer tools; an allowance is added
 * (permission allow lists, auto-approve settings, bypass modes, trusted projects); a restriction is removed
 * (deny/ask lists); hooks are switched off; the file becomes unreadable (an agent ignores a settings file it
 * cannot parse, hooks included); the file is deleted. In `.blastradius.json`: a rule turned off or lowered, an
 * `allow` command rule, a `!` protect entry or a removed protect entry, the `strict` preset dropped, production
 * names removed. Any change to Blast Radius's own `blastRadius.*` editor settings or its per-person files counts:
 * an agent has no business there.
 *
 * Judged on parsed JSON (with comments) where the file is JSON, on text otherwise.
 */
import { parse, type ParseError } from 'jsonc-parser';
import type { GuardKind } from './_classify';

export const OUR_HOOK = /blast-radius|[\\/]cli\.js["']?\s+hook\s+[a-z]+/i;

/** Keys whose growth loosens: allow lists, auto-approval, trust, bypass switches. */
const LOOSEN_KEY = /allow(ed)?(list|tools|_?rules)?$|allow$|enableallproject|mcpjsonservers|autoapprove|auto_approve|autoaccept|auto_accept|trust|bypass|yolo|dangerous|skippermission|alwaysallow|approval_?policy|sandbox_?mode|full_?auto/i;
/** Keys whose shrinking loosens: deny and ask lists. */
const TIGHTEN_KEY = /deny|disallow|block|forbid|(^|\.)ask$|exclude|denylist|ask_?rules/i;
/** Switches that turn hooks or the guard off when true. */
const OFF_WHEN_TRUE = /disable(allhooks|hooks|d)?$|^disabled$|skiphooks|nohooks/i;
/** Switches that turn hooks off when false. */
const OFF_WHEN_FALSE = /(enabled?|usehooks|enablehooks|usecustomagenthooks|useclaudehooks|hooks)$|hooksenabled|hooks-enabled/i;
/** Values that mean "don't ask". */
const PERMISSIVE_VALUE = /^(bypasspermissions|acceptedits|dontask|never|yolo|full-auto|danger-full-access|trusted|auto|always)$/i;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function parseJson(text: string): { value: Json | undefined; ok: boolean } {
  const errors: ParseError[] = [];
  const value = parse(text, errors, { allowTrailingComma: true, disallowComments: false }) as Json | undefined;
  return { value, ok: errors.length === 0 };
}

function strings(v: Json | undefined, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) strings(x, out);
  return out;
}

function ourHookCount(v: Json | undefined): number {
  return strings(v).filter((s) => OUR_HOOK.test(s)).length;
}

/** `matcher` values of the hook groups that run one of our commands: narrowing them loosens. */
function ourMatchers(v: Json | undefined, out: string[] = []): string[] {
  if (Array.isArray(v)) for (const x of v) ourMatchers(x, out);
  else if (v && typeof v === 'object') {
    if (typeof v.matcher === 'string' && strings(v).some((s) => OUR_HOOK.test(s))) out.push(v.matcher);
    for (const x of Object.values(v)) ourMatchers(x, out);
  }
  return out.sort();
}

function truthy(v: Json | undefined): boolean {
  return v !== undefined && v !== null && v !== false && v !== 0 && v !== '' && !(Array.isArray(v) && v.length === 0);
}

function show(v: Json | undefined): string {
  const s = JSON.stringify(v);
  return s === undefined ? 'nothing' : s.length > 60 ? s.slice(0, 57) + '...' : s;
}

/** Compare two JSON trees key by key, collecting loosening changes. */
function diff(path: string, key: string, a: Json | undefined, b: Json | undefined, out: string[], inherited?: 'loosen' | 'tighten'): void {
  if (JSON.stringify(a) === JSON.stringify(b)) return;
  const where = path || key || 'the file';
  if (/blast_?radius/i.test(key)) {
    out.push(`changes ${where}`);
    return;
  }
  // Inside an allow list or an auto-approve map, every entry is an allowance (`"rm": true`).
  const loosenKey = LOOSEN_KEY.test(key) || (inherited === 'loosen' && !TIGHTEN_KEY.test(key));
  const tightenKey = !loosenKey && (TIGHTEN_KEY.test(key) || inherited === 'tighten');
  const mode = loosenKey ? 'loosen' : tightenKey ? 'tighten' : undefined;
  if (Array.isArray(b) || Array.isArray(a)) {
    const before = Array.isArray(a) ? a.map((x) => JSON.stringify(x)) : [];
    const after = Array.isArray(b) ? b.map((x) => JSON.stringify(x)) : [];
    const added = after.filter((x) => !before.includes(x));
    const removed = before.filter((x) => !after.includes(x));
    if (loosenKey && added.length > 0) out.push(`adds to ${where}: ${added.slice(0, 3).join(', ')}`);
    if (tightenKey && removed.length > 0) out.push(`removes from ${where}: ${removed.slice(0, 3).join(', ')}`);
    // Lists of hook groups and handlers: compare element-wise for the switches inside.
    if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) for (let i = 0; i < a.length; i++) diff(`${where}[${i}]`, key, a[i], b[i], out, mode);
    return;
  }
  const objA = a && typeof a === 'object' ? (a as Record<string, Json>) : undefined;
  const objB = b && typeof b === 'object' ? (b as Record<string, Json>) : undefined;
  if (objA || objB) {
    const keys = new Set([...Object.keys(objA ?? {}), ...Object.keys(objB ?? {})]);
    for (const k of keys) {
      const va = objA?.[k];
      const vb = objB?.[k];
      if (loosenKey && va === undefined && truthy(vb)) out.push(`adds ${where}.${k} = ${show(vb)}`);
      else if (tightenKey && vb === undefined && truthy(va)) out.push(`removes ${where}.${k}`);
      else diff(path ? `${path}.${k}` : k, k, va, vb, out, mode);
    }
    return;
  }
  // Scalars.
  // Only switches of hooks count (`disableAllHooks`, `chat.useHooks`, a hook entry's `enabled`), not every `…Enabled`.
  const aboutHooks = /hook/i.test(where);
  if (aboutHooks && OFF_WHEN_TRUE.test(key) && b === true) out.push(`sets ${where} to true`);
  else if (aboutHooks && OFF_WHEN_FALSE.test(key) && b === false && a !== false) out.push(`sets ${where} to false`);
  else if (loosenKey && (b === true || (typeof b === 'string' && (PERMISSIVE_VALUE.test(b) || /\*/.test(b))))) out.push(`sets ${where} to ${show(b)}`);
  else if (/mode$/i.test(key) && typeof b === 'string' && PERMISSIVE_VALUE.test(b)) out.push(`sets ${where} to ${show(b)}`);
  else if (tightenKey && a === true && b !== true) out.push(`turns ${where} off`);
}

const RANK: Record<string, number> = { off: -1, allow: 0, ask: 1, block: 2 };

/** `.blastradius.json`: what the config layer would count as loosening. */
function ruleFileDiff(a: Json | undefined, b: Json | undefined, out: string[]): void {
  const obj = (v: Json | undefined): Record<string, Json> => (v && typeof v === 'object' && !Array.isArray(v) ? v : {});
  const A = obj(a);
  const B = obj(b);
  const ra = obj(A.rules);
  const rb = obj(B.rules);
  for (const id of new Set([...Object.keys(ra), ...Object.keys(rb)])) {
    const setting = (v: Json | undefined): string | undefined => (typeof v === 'string' ? v : v && typeof v === 'object' && !Array.isArray(v) && typeof v.decision === 'string' ? v.decision : undefined);
    const before = setting(ra[id]);
    const after = setting(rb[id]);
    if (after !== undefined && RANK[after] !== undefined && (before === undefined ? after === 'off' || after === 'allow' : RANK[after]! < (RANK[before] ?? 0))) out.push(`sets rule ${id} to ${after}`);
    else if (before !== undefined && after === undefined && RANK[before]! > 0) out.push(`removes the rule setting ${id}: ${before}`);
  }
  const list = (v: Json | undefined): Json[] => (Array.isArray(v) ? v : []);
  const decisionOf = (c: Json): string | undefined => (c && typeof c === 'object' && !Array.isArray(c) && typeof c.decision === 'string' ? c.decision : undefined);
  const ca = list(A.commands).map((c) => JSON.stringify(c));
  for (const c of list(B.commands)) if (decisionOf(c) === 'allow' && !ca.includes(JSON.stringify(c))) out.push(`adds an allow rule ${show(c)}`);
  const cb = list(B.commands).map((c) => JSON.stringify(c));
  for (const c of list(A.commands)) if (decisionOf(c) !== 'allow' && !cb.includes(JSON.stringify(c))) out.push(`removes the command rule ${show(c)}`);
  const pa = list(A.protect).filter((g): g is string => typeof g === 'string');
  const pb = list(B.protect).filter((g): g is string => typeof g === 'string');
  for (const g of pb) if (g.startsWith('!') && !pa.includes(g)) out.push(`removes files from protection: ${g}`);
  for (const g of pa) if (!g.startsWith('!') && !pb.includes(g)) out.push(`stops protecting ${g}`);
  const ext = (v: Json | undefined): string[] => (typeof v === 'string' ? [v] : list(v).filter((x): x is string => typeof x === 'string'));
  if (ext(A.extends).includes('strict') && !ext(B.extends).includes('strict')) out.push('drops the strict preset');
  const prodA = strings(A.production);
  const prodB = strings(B.production);
  const goneProd = prodA.filter((x) => !prodB.includes(x));
  if (goneProd.length > 0) out.push(`removes production names: ${goneProd.slice(0, 3).join(', ')}`);
}

/** Text-level signs of loosening, for TOML, Starlark rules and hook scripts. */
const TEXT_LOOSEN = /approval_policy\s*=\s*["']?never|sandbox_mode\s*=\s*["']?danger-full-access|trust_level\s*=\s*["']?trusted|decision\s*=\s*["']allow["']|dangerously|bypass_?permissions|--yolo|full-auto|disable_?all_?hooks|hooks-enabled\s*=\s*false|codex_hooks\s*=\s*false|^\s*exit\s+0\s*$/im;

function textWeakening(before: string, after: string): string[] {
  const out: string[] = [];
  const count = (t: string): number => t.split('\n').filter((l) => OUR_HOOK.test(l)).length;
  if (count(after) < count(before)) out.push('removes a Blast Radius hook');
  const old = new Set(before.split('\n').map((l) => l.trim()));
  const added = after.split('\n').filter((l) => !old.has(l.trim()) && TEXT_LOOSEN.test(l));
  if (added.length > 0) out.push(`adds ${added.slice(0, 2).map((l) => `\`${l.trim()}\``).join(', ')}`);
  return out;
}

export type TamperJudgement = { weakens: string[] } | { unknown: string };

/**
 * Reasons the change from `before` to `after` weakens protection (empty: it does not). `after` undefined means
 * the file is deleted; `before` undefined means it is new (or could not be read).
 */
export function judgeGuardChange(kind: GuardKind, file: string, before: string | undefined, after: string | undefined): TamperJudgement {
  if (kind === 'guard-home') return { weakens: [after === undefined ? "deletes Blast Radius's own settings or approvals" : "changes Blast Radius's own settings or approvals"] };
  if (after === undefined) return { weakens: before !== undefined && before.trim() === '' ? [] : ['deletes it'] };
  const isJson = /\.(json|jsonc|code-workspace)$/i.test(file);
  if (!isJson) return { weakens: textWeakening(before ?? '', after) };
  const a = before === undefined || before.trim() === '' ? { value: undefined, ok: true } : parseJson(before);
  const b = parseJson(after);
  if (!b.ok && after.trim() !== '') return { weakens: ['leaves it unreadable (agents skip settings files they cannot parse, hooks included)'] };
  if (!a.ok) return { unknown: 'the current file is not valid JSON, so the change cannot be compared' };
  const out: string[] = [];
  if (ourHookCount(b.value) < ourHookCount(a.value)) out.push('removes a Blast Radius hook');
  else if (JSON.stringify(ourMatchers(a.value)) !== JSON.stringify(ourMatchers(b.value)) && ourMatchers(a.value).length > 0) out.push('changes which tools the Blast Radius hook sees');
  if (kind === 'rule-file') ruleFileDiff(a.value, b.value, out);
  else diff('', '', a.value, b.value, out);
  return { weakens: [...new Set(out)] };
}

/** For an edit whose whole file is not known: judge the replaced text against its replacement. */
export function judgeGuardFragment(oldText: string | undefined, newText: string | undefined): TamperJudgement {
  const before = oldText ?? '';
  const after = newText ?? '';
  const out = textWeakening(before, after);
  if (/autoApprove|allow|bypass|trust|disable|"enabled"\s*:\s*false/i.test(after) && !/autoApprove|allow|bypass|trust|disable/i.test(before)) out.push('adds an allowance');
  if (out.length > 0) return { weakens: out };
  return { unknown: 'the file could not be read, so the whole result of the edit is unknown' };
}
