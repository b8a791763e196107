/**
 * One rule file (`.blastradius.json`, or the person's own config.json) read into located entries, with diagnostics
 * that carry file:line:column. The shape is checked by the validator compiled from schemas/blastradius.schema.json
 * (the one source of truth); this file adds what a schema cannot say: duplicate keys, unsafe regular expressions.
 * A file with any error is not used at all: the caller keeps the last good version or the built-ins.
 */
import * as crypto from 'node:crypto';
import * as jsonc from 'jsonc-parser';
import validateSchema from './schema-validator.generated';
import type { RuleSetting } from './types';
import type { Decision } from '../types';
import { regexProblem } from './matchers';

export interface Diagnostic {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  endLine: number;
  endColumn: number;
  severity: 'error' | 'warning';
  message: string;
}

/** Where an entry sits in its file, for messages: `line`/`column` are 1-based. */
export interface Location {
  file: string;
  line: number;
  column: number;
}

export interface Located<T> {
  value: T;
  at: Location;
}

export interface CommandSpec {
  match?: string;
  regex?: string;
  decision: Decision;
  message?: string;
  id?: string;
}

export type ProductionKey = 'hosts' | 'envNames' | 'kubeContexts' | 'branches' | 'files';
export const PRODUCTION_KEYS: readonly ProductionKey[] = ['hosts', 'envNames', 'kubeContexts', 'branches', 'files'];

export interface RuleFileData {
  extends: Located<string>[];
  rules: Located<{ id: string; setting: RuleSetting }>[];
  commands: Located<CommandSpec>[];
  protect: Located<string>[];
  production: Record<ProductionKey, Located<string>[]>;
  promptTimeoutSeconds?: Located<number>;
}

export interface RuleFile {
  /** Absolute path. */
  path: string;
  /** sha256 of the exact bytes, hex: what an approval is bound to. */
  hash: string;
  diagnostics: Diagnostic[];
  /** Set only when the file has no errors. */
  data?: RuleFileData;
}

export function hashContent(content: string | Buffer): string {
  return crypto.createHash('sha256').update(content).digest('hex');
}

class Positions {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  at(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }
}

const TOP_KEYS = ['$schema', 'version', 'extends', 'rules', 'commands', 'protect', 'production', 'promptTimeoutSeconds'];
const COMMAND_KEYS = ['match', 'regex', 'decision', 'message', 'id'];

/** Levenshtein distance, for "did you mean". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

export function didYouMean(word: string, candidates: readonly string[]): string {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? ` (did you mean "${best}"?)` : '';
}

interface SchemaError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

function pointerSegments(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function describePath(segs: readonly (string | number)[]): string {
  if (segs.length === 0) return 'the file';
  let out = '';
  for (const s of segs) out += typeof s === 'number' ? `[${s}]` : out === '' ? s : /^[A-Za-z_$][\w$]*$/.test(s) ? `.${s}` : `["${s}"]`;
  return out;
}

function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? text.slice(0, 57) + '...' : text;
}

/** Plain-words messages for the validator's errors, one per place, most specific first. */
function explainSchemaErrors(errors: readonly SchemaError[], ruleIds: readonly string[], valueAt: (segs: (string | number)[]) => unknown): { segs: (string | number)[]; key?: string; message: string }[] {
  const combinators = new Set(errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.instancePath));
  const out: { segs: (string | number)[]; key?: string; message: string }[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const segs = pointerSegments(e.instancePath);
    const where = describePath(segs);
    const isCombinator = e.keyword === 'anyOf' || e.keyword === 'oneOf';
    // Inside anyOf/oneOf only the combinator speaks for its place, and a deeper error speaks for a shallower combinator.
    if (!isCombinator && combinators.has(e.instancePath)) continue;
    if (isCombinator && errors.some((o) => o.instancePath.startsWith(e.instancePath + '/'))) continue;
    let key: string | undefined;
    let message: string;
    const parent = segs[segs.length - 1];
    switch (e.keyword) {
      case 'additionalProperties': {
        key = String(e.params.additionalProperty);
        if (segs.length === 1 && segs[0] === 'rules') message = `unknown rule id "${key}"${didYouMean(key, ruleIds)}; \`blast-radius rules list\` shows every rule`;
        else if (segs.length === 0) message = `unknown key "${key}"${didYouMean(key, TOP_KEYS)}; allowed: ${TOP_KEYS.join(', ')}`;
        else if (segs[0] === 'commands') message = `unknown key "${key}" in a command rule${didYouMean(key, COMMAND_KEYS)}; allowed: ${COMMAND_KEYS.join(', ')}`;
        else if (segs[0] === 'production') message = `unknown key "${key}" in "production"${didYouMean(key, PRODUCTION_KEYS)}; allowed: ${PRODUCTION_KEYS.join(', ')}`;
        else message = `unknown key "${key}" in ${where}`;
        break;
      }
      case 'enum': {
        const allowed = (e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ');
        message = `${where} is ${show(valueAt(segs))}; it must be one of ${allowed}`;
        break;
      }
      case 'type':
        message = `${where} must be ${/^[aeiou]/.test(String(e.params.type)) ? 'an' : 'a'} ${e.params.type === 'integer' ? 'whole number' : e.params.type}, not ${show(valueAt(segs))}`;
        break;
      case 'required':
        message = `${segs[0] === 'commands' ? 'a command rule' : where} needs "${e.params.missingProperty}"`;
        break;
      case 'oneOf':
        message = segs[0] === 'commands'
          ? e.params.passingSchemas ? 'a command rule takes "match" or "regex", not both' : 'a command rule needs "match" (a glob such as "make deploy-prod*") or "regex"'
          : `${where} does not fit any allowed form`;
        break;
      case 'anyOf':
        message = segs[0] === 'extends'
          ? `extends entry ${show(valueAt(segs))} is neither a preset ("recommended", "strict") nor a relative path to a .json file ("./base.json")`
          : `${where} does not fit any allowed form`;
        break;
      case 'pattern':
        message = e.params.pattern === '\\S' ? `${where} must not be empty` : parent === 'id' ? `${where} must be lowercase letters, digits, ".", "_" or "-"` : `${where} must match ${e.params.pattern}`;
        break;
      case 'minimum':
      case 'maximum':
        message = `${where} is ${show(valueAt(segs))}; it must be between 5 and 3600`;
        break;
      default:
        message = `${where} ${e.message ?? 'is not valid'}`;
    }
    const dedupe = `${e.instancePath}|${key ?? ''}|${message}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    out.push({ segs, key, message });
  }
  return out;
}

const PARSE_ERRORS: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'malformed number',
  PropertyNameExpected: 'a property name in double quotes is expected',
  ValueExpected: 'a value is expected',
  ColonExpected: 'a colon is expected',
  CommaExpected: 'a comma is expected',
  CloseBraceExpected: 'a closing brace } is expected',
  CloseBracketExpected: 'a closing bracket ] is expected',
  EndOfFileExpected: 'end of file expected: there is text after the top-level object',
  InvalidCommentToken: 'malformed comment',
  UnexpectedEndOfComment: 'comment is not closed',
  UnexpectedEndOfString: 'string is not closed',
  UnexpectedEndOfNumber: 'number is not finished',
  InvalidUnicode: 'malformed \\u escape',
  InvalidEscapeCharacter: 'invalid escape character in a string',
  InvalidCharacter: 'invalid character in a string (control characters must be escaped)',
};

/**
 * Reads a rule file's text. `ruleIds` are the known rule ids (for "did you mean"; the schema itself decides what is
 * known). Trailing commas are accepted, as VS Code's JSON-with-comments mode does.
 */
export function parseRuleFile(file: string, text: string, ruleIds: readonly string[] = []): RuleFile {
  const positions = new Positions(text);
  const diagnostics: Diagnostic[] = [];
  const hash = hashContent(text);
  const report = (offset: number, length: number, message: string, severity: Diagnostic['severity'] = 'error'): void => {
    const start = positions.at(offset);
    const end = positions.at(offset + Math.max(length, 0));
    if (diagnostics.some((d) => d.line === start.line && d.column === start.column && d.message === message)) return;
    diagnostics.push({ file, line: start.line, column: start.column, endLine: end.line, endColumn: end.column, severity, message });
  };
  const errors: jsonc.ParseError[] = [];
  const root = jsonc.parseTree(text.replace(/^\uFEFF/, ' '), errors, { allowTrailingComma: true, disallowComments: false });
  for (const e of errors) report(e.offset, e.length, PARSE_ERRORS[jsonc.printParseErrorCode(e.error)] ?? jsonc.printParseErrorCode(e.error));
  if (errors.length > 0 || !root) {
    if (!root && errors.length === 0) report(0, 0, 'the file is empty; write {} for a rule file with no rules');
    diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
    return { path: file, hash, diagnostics };
  }
  if (root.type !== 'object') {
    report(root.offset, root.length, `a rule file is a JSON object ({ ... }), not ${root.type === 'array' ? 'an array' : `a ${root.type}`}`);
    return { path: file, hash, diagnostics };
  }

  // Duplicate keys: JSON.parse keeps the last one silently, which could hide a loosening behind a tightening.
  const walk = (node: jsonc.Node): void => {
    if (node.type === 'object') {
      const seen = new Map<string, jsonc.Node>();
      for (const prop of node.children ?? []) {
        const keyNode = prop.children?.[0];
        if (!keyNode) continue;
        const key = String(keyNode.value);
        const first = seen.get(key);
        if (first) {
          const at = positions.at(first.offset);
          report(keyNode.offset, keyNode.length, `duplicate key "${key}" (first at line ${at.line}); only one may be given`);
        } else seen.set(key, keyNode);
      }
    }
    for (const child of node.children ?? []) walk(child);
  };
  walk(root);

  const value = jsonc.getNodeValue(root) as Record<string, unknown>;
  const nodeAt = (segs: (string | number)[]): jsonc.Node | undefined => jsonc.findNodeAtLocation(root, segs);
  if (!validateSchema(value)) {
    for (const problem of explainSchemaErrors((validateSchema as unknown as { errors: SchemaError[] }).errors ?? [], ruleIds, (s) => jsonc.getNodeValue(nodeAt(s) ?? root))) {
      const container = nodeAt(problem.segs) ?? root;
      let target: jsonc.Node = container;
      if (problem.key !== undefined) {
        const prop = container.children?.find((p) => p.children?.[0]?.value === problem.key);
        target = prop?.children?.[0] ?? container;
      }
      report(target.offset, target.length, problem.message);
    }
  }

  const loc = (segs: (string | number)[]): Location => {
    const node = nodeAt(segs);
    const p = positions.at(node ? (node.parent?.type === 'property' ? node.parent.offset : node.offset) : root.offset);
    return { file, line: p.line, column: p.column };
  };

  // Regular expressions: checked only once the shape is right.
  if (diagnostics.length === 0 && Array.isArray(value.commands)) {
    (value.commands as CommandSpec[]).forEach((c, i) => {
      if (c.regex === undefined) return;
      const problem = regexProblem(c.regex);
      const node = nodeAt(['commands', i, 'regex']);
      if (problem && node) report(node.offset, node.length, `"regex" ${problem}`);
    });
  }
  diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  if (diagnostics.some((d) => d.severity === 'error')) return { path: file, hash, diagnostics };

  const list = (key: string): string[] => (Array.isArray(value[key]) ? (value[key] as string[]) : []);
  const ext = value.extends === undefined ? [] : typeof value.extends === 'string' ? [value.extends] : (value.extends as string[]);
  const production = value.production as Partial<Record<ProductionKey, string[]>> | undefined;
  const data: RuleFileData = {
    extends: ext.map((v, i) => ({ value: v, at: loc(typeof value.extends === 'string' ? ['extends'] : ['extends', i]) })),
    rules: Object.entries((value.rules ?? {}) as Record<string, RuleSetting>).map(([id, setting]) => ({ value: { id, setting }, at: loc(['rules', id]) })),
    commands: (list('commands') as unknown as CommandSpec[]).map((c, i) => ({ value: c, at: loc(['commands', i]) })),
    protect: list('protect').map((g, i) => ({ value: g, at: loc(['protect', i]) })),
    production: Object.fromEntries(PRODUCTION_KEYS.map((k) => [k, (production?.[k] ?? []).map((v, i) => ({ value: v, at: loc(['production', k, i]) }))])) as Record<ProductionKey, Located<string>[]>,
  };
  if (typeof value.promptTimeoutSeconds === 'number') data.promptTimeoutSeconds = { value: value.promptTimeoutSeconds, at: loc(['promptTimeoutSeconds']) };
  return { path: file, hash, diagnostics, data };
}

export function formatDiagnostic(d: Diagnostic, relativeTo?: string): string {
  let file = d.file;
  if (relativeTo && file.startsWith(relativeTo + '/')) file = file.slice(relativeTo.length + 1);
  return `${file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`;
}
