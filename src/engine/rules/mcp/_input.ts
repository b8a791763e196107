/** Reading MCP tool arguments: every string value, and values under well-known keys. */

/** Every string in a JSON-like value (depth-limited; arguments are agent-controlled). */
export function stringValues(value: unknown, depth = 0, out: string[] = []): string[] {
  if (depth > 8 || out.length > 500) return out;
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringValues(v, depth + 1, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) stringValues(v, depth + 1, out);
  return out;
}

/** String values whose key (case-insensitive) is one of `keys`, at any depth. */
export function valuesAt(value: unknown, keys: ReadonlySet<string>, depth = 0, out: string[] = []): string[] {
  if (depth > 8 || !value || typeof value !== 'object') return out;
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string' && keys.has(k.toLowerCase())) out.push(v);
    else valuesAt(v, keys, depth + 1, out);
  }
  return out;
}
