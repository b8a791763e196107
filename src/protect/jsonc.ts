/**
 * Text edits on JSON-with-comments files that touch nothing but the members they add or remove.
 *
 * jsonc-parser's `modify` re-formats a whole array when it inserts into it (comments move, other people's
 * entries are re-indented), so the edits here are made by hand on the parse tree: an added member is
 * written in the file's own indentation after the last member (before any trailing comment), and removing
 * it takes away exactly the comma and line that adding it put there. Adding and then removing gives back
 * the original bytes. Editor-free.
 */
import { createScanner, findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError, type SyntaxKind } from 'jsonc-parser';

/** jsonc-parser's SyntaxKind is a const enum, which isolatedModules cannot read: its values, by hand. */
const K = { Comma: 5, LineComment: 12, BlockComment: 13, LineBreak: 14, Trivia: 15, EOF: 17 } as const;

export type JsonPath = readonly string[];

export class JsoncError extends Error {
  override readonly name = 'JsoncError';
}

interface Format {
  /** One indentation step: spaces or a tab. */
  unit: string;
  eol: string;
}

/** The file's own indentation step and line ending; two spaces and \n when it has none. */
export function detectFormat(text: string): Format {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const m = /\n([ \t]+)["{[\]}/]/.exec(text);
  let unit = '  ';
  if (m) unit = m[1]!.startsWith('\t') ? '\t' : m[1]!.length >= 2 && m[1]!.length <= 8 ? m[1]! : '  ';
  return { unit, eol };
}

/** Parses, throwing JsoncError on any syntax error (a file we cannot read must not be rewritten). */
export function parseRoot(text: string, what = 'file'): Node {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || !root) {
    const e = errors[0];
    const where = e ? ` at offset ${e.offset}: ${printParseErrorCode(e.error)}` : '';
    throw new JsoncError(`${what} is not valid JSON${where}`);
  }
  if (root.type !== 'object') throw new JsoncError(`${what} does not hold a JSON object`);
  return root;
}

/** The plain value of a node (objects and arrays rebuilt, comments gone). */
export function nodeValue(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const p of node.children ?? []) {
        const [k, v] = p.children ?? [];
        if (k && v) o[k.value as string] = nodeValue(v);
      }
      return o;
    }
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}

interface Token {
  kind: SyntaxKind | number;
  start: number;
  end: number;
}

/** Tokens (comments and commas included, whitespace and line breaks left out) in [from, to). */
function tokens(text: string, from: number, to: number): Token[] {
  const scanner = createScanner(text.slice(0, to), false);
  scanner.setPosition(from);
  const out: Token[] = [];
  for (let k = scanner.scan(); k !== K.EOF; k = scanner.scan()) {
    if (k === K.Trivia || k === K.LineBreak) continue;
    out.push({ kind: k, start: scanner.getTokenOffset(), end: scanner.getTokenOffset() + scanner.getTokenLength() });
  }
  return out;
}

/** Whitespace from the start of the line holding `offset` up to it; '' when something else precedes it. */
function lineIndent(text: string, offset: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  return /^[ \t]*$/.test(before) ? before : undefined;
}

function containerIndent(text: string, node: Node): string {
  // The indentation of the line the container starts on (for `"key": {` that is the key's line).
  const lineStart = text.lastIndexOf('\n', node.offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** A value as text: pretty-printed with the file's step, continuation lines indented by `indent`. */
export function formatValue(value: unknown, indent: string, fmt: Format): string {
  return JSON.stringify(value, null, fmt.unit).split('\n').join(fmt.eol + indent);
}

function member(key: string | undefined, value: unknown, indent: string, fmt: Format, inline: boolean): string {
  const v = inline ? JSON.stringify(value) : formatValue(value, indent, fmt);
  return key === undefined ? v : `${JSON.stringify(key)}: ${v}`;
}

function splice(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end);
}

/** Appends a member (`key` set: object property; unset: array element) at the end of a container node. */
function appendMember(text: string, container: Node, key: string | undefined, value: unknown, fmt: Format): string {
  const open = container.offset;
  const close = container.offset + container.length - 1;
  const children = container.children ?? [];
  const inline = !/\n/.test(text.slice(open, close));
  const outer = containerIndent(text, container);
  if (children.length === 0) {
    const inside = tokens(text, open + 1, close);
    if (inline && inside.length === 0) {
      const body = member(key, value, outer + fmt.unit, fmt, false);
      return splice(text, open + 1, close, `${fmt.eol}${outer}${fmt.unit}${body}${fmt.eol}${outer}`);
    }
    // Comments inside the empty container stay where they are; the member goes after them.
    const at = inside.length > 0 ? inside[inside.length - 1]!.end : open + 1;
    const indent = outer + fmt.unit;
    const closeOnOwnLine = lineIndent(text, close) !== undefined;
    return splice(text, at, at, `${fmt.eol}${indent}${member(key, value, indent, fmt, false)}${closeOnOwnLine ? '' : fmt.eol + outer}`);
  }
  const last = children[children.length - 1]!;
  const lastEnd = last.offset + last.length;
  const after = tokens(text, lastEnd, close);
  const hasComma = after.some((t) => t.kind === K.Comma);
  if (inline) {
    const at = after.length > 0 ? after[after.length - 1]!.end : lastEnd;
    return splice(text, at, at, `${hasComma ? ' ' : ', '}${member(key, value, '', fmt, true)}`);
  }
  const first = children[0]!;
  const indent = lineIndent(text, first.offset) ?? outer + fmt.unit;
  const body = `${fmt.eol}${indent}${member(key, value, indent, fmt, false)}`;
  // After the last member's trailing comment (`}, // theirs`), so that comment stays on its line.
  const at = after.length > 0 ? after[after.length - 1]!.end : lastEnd;
  let out = splice(text, at, at, body);
  if (!hasComma) out = splice(out, lastEnd, lastEnd, ',');
  return out;
}

/**
 * Removes one member (property node or array element) of `container` with the separator that belongs to
 * it: for the last member the comma before it, otherwise the comma after it; plus the line break and
 * indentation in front of it.
 */
function removeMember(text: string, container: Node, index: number): string {
  const children = container.children ?? [];
  const node = children[index]!;
  const start = node.offset;
  const end = node.offset + node.length;
  const open = container.offset;
  const close = container.offset + container.length - 1;
  const prevEnd = index > 0 ? children[index - 1]!.offset + children[index - 1]!.length : open + 1;
  const before = tokens(text, prevEnd, start);
  // Where the whitespace in front of this member begins: right after the last token before it.
  const gapStart = before.length > 0 ? before[before.length - 1]!.end : prevEnd;
  if (index === children.length - 1) {
    const after = tokens(text, end, close);
    const trailingComma = after[0]?.kind === K.Comma ? after[0] : undefined;
    let out = text;
    if (children.length === 1) {
      // Alone in the container: take its line and a trailing comma; an emptied `{ }` becomes `{}`.
      const cut = trailingComma ? trailingComma.end : end;
      out = splice(out, gapStart, cut, '');
      const newClose = close - (cut - gapStart);
      if (/^\s*$/.test(out.slice(open + 1, newClose))) out = splice(out, open + 1, newClose, '');
      return out;
    }
    if (trailingComma) out = splice(out, end, trailingComma.end, ''); // `x,` → `x` (the comma before stays)
    out = splice(out, gapStart, end, '');
    const comma = before.find((t) => t.kind === K.Comma);
    if (comma && !trailingComma) out = splice(out, comma.start, comma.end, '');
    return out;
  }
  const next = children[index + 1]!;
  const after = tokens(text, end, next.offset);
  const comma = after.find((t) => t.kind === K.Comma);
  return splice(text, gapStart, comma ? comma.end : end, '');
}

function propertyNode(obj: Node, key: string): { node: Node; index: number } | undefined {
  const children = obj.children ?? [];
  for (let i = children.length - 1; i >= 0; i--) {
    if (children[i]!.children?.[0]?.value === key) return { node: children[i]!, index: i };
  }
  return undefined;
}

/**
 * Appends `value` to the array at `path` (object keys from the root), creating missing objects and the
 * array on the way. Throws JsoncError when something on the path has another type.
 */
export function appendToArray(text: string, path: JsonPath, value: unknown, what?: string): string {
  const fmt = detectFormat(text);
  const root = parseRoot(text, what);
  let node = root;
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    const prop = propertyNode(node, key);
    if (!prop) {
      // Build the rest of the path as one new property.
      let nested: unknown = [value];
      for (let j = path.length - 1; j > i; j--) nested = { [path[j]!]: nested };
      return appendMember(text, node, key, nested, fmt);
    }
    const child = prop.node.children?.[1];
    const last = i === path.length - 1;
    if (!child || child.type !== (last ? 'array' : 'object')) {
      throw new JsoncError(`${what ?? 'file'}: "${path.slice(0, i + 1).join('.')}" is not ${last ? 'an array' : 'an object'}`);
    }
    node = child;
  }
  return appendMember(text, node, undefined, value, fmt);
}

/** Sets `key` in the object at `path` when it is missing (creating objects on the way); existing keys stay. */
export function addProperty(text: string, path: JsonPath, key: string, value: unknown, what?: string): string {
  const fmt = detectFormat(text);
  const root = parseRoot(text, what);
  let node = root;
  for (let i = 0; i < path.length; i++) {
    const prop = propertyNode(node, path[i]!);
    if (!prop) {
      let nested: unknown = { [key]: value };
      for (let j = path.length - 1; j > i; j--) nested = { [path[j]!]: nested };
      return appendMember(text, node, path[i]!, nested, fmt);
    }
    const child = prop.node.children?.[1];
    if (!child || child.type !== 'object') throw new JsoncError(`${what ?? 'file'}: "${path.slice(0, i + 1).join('.')}" is not an object`);
    node = child;
  }
  if (propertyNode(node, key)) return text;
  return appendMember(text, node, key, value, fmt);
}

/** The elements of the array at `path`, as plain values; [] when the path does not exist. */
export function arrayAt(text: string, path: JsonPath, what?: string): unknown[] {
  const node = findNodeAtLocation(parseRoot(text, what), [...path]);
  return node?.type === 'array' ? (node.children ?? []).map(nodeValue) : [];
}

/** Replaces element `index` of the array at `path` with `value`, in the element's own indentation. */
export function replaceArrayElement(text: string, path: JsonPath, index: number, value: unknown, what?: string): string {
  const fmt = detectFormat(text);
  const arr = findNodeAtLocation(parseRoot(text, what), [...path]);
  const el = arr?.type === 'array' ? arr.children?.[index] : undefined;
  if (!arr || !el) throw new JsoncError(`${what ?? 'file'}: no element ${index} at "${path.join('.')}"`);
  const inline = !/\n/.test(text.slice(arr.offset, arr.offset + arr.length));
  const indent = lineIndent(text, el.offset) ?? containerIndent(text, arr) + fmt.unit;
  return splice(text, el.offset, el.offset + el.length, inline ? JSON.stringify(value) : formatValue(value, indent, fmt));
}

/**
 * Removes the elements of the array at `path` for which `match` is true. Containers on the path that this
 * leaves empty are removed too (deepest first; never the root object), so a property the matching
 * `appendToArray` created disappears with it. Returns the text unchanged when nothing matched.
 */
export function removeFromArray(text: string, path: JsonPath, match: (value: unknown) => boolean, what?: string): string {
  const first = findNodeAtLocation(parseRoot(text, what), [...path]);
  if (first?.type !== 'array') return text;
  const total = (first.children ?? []).length;
  // `match` runs once per element, in order; removal goes from the last match back, so indices stay valid.
  const indices = (first.children ?? []).map((c, i) => (match(nodeValue(c)) ? i : -1)).filter((i) => i >= 0);
  if (indices.length === 0) return text;
  let out = text;
  for (const index of indices.reverse()) {
    const arr = findNodeAtLocation(parseRoot(out, what), [...path])!;
    out = removeMember(out, arr, index);
  }
  return indices.length === total ? pruneEmpty(out, path, what) : out;
}

/** Removes the property at `path` if its value is an empty array or object, then its emptied parents. */
function pruneEmpty(text: string, path: JsonPath, what?: string): string {
  let out = text;
  for (let depth = path.length; depth >= 1; depth--) {
    const root = parseRoot(out, what);
    const parent = depth === 1 ? root : findNodeAtLocation(root, [...path.slice(0, depth - 1)]);
    if (parent?.type !== 'object') return out;
    const prop = propertyNode(parent, path[depth - 1]!);
    const value = prop?.node.children?.[1];
    if (!prop || !value || (value.type !== 'array' && value.type !== 'object') || (value.children ?? []).length > 0) return out;
    // A comment inside the emptied container is someone's note: keep the container.
    if (tokens(out, value.offset + 1, value.offset + value.length - 1).length > 0) return out;
    out = removeMember(out, parent, prop.index);
  }
  return out;
}

/** True when the text is an object with no members other than `allowedKeys`, and no comments. */
export function isTrivialDocument(text: string, allowedKeys: readonly string[] = []): boolean {
  let root: Node;
  try {
    root = parseRoot(text);
  } catch {
    return false;
  }
  const keys = (root.children ?? []).map((p) => p.children?.[0]?.value as string);
  if (!keys.every((k) => allowedKeys.includes(k))) return false;
  return !tokens(text, 0, text.length).some((t) => t.kind === K.LineComment || t.kind === K.BlockComment);
}
