/**
 * Reading an HTTP request for destruction: where it goes (this machine, a production host, some remote API),
 * and what its body asks for (a GraphQL mutation, a JSON-RPC or MCP call, a REST action, SQL).
 * Shared by the HTTP rules and by the rules that build requests from commands and code.
 */
import { classifyHost } from '../../context/production';
import type { ProductionSignals } from '../../context/production';

export const DESTRUCTIVE_VERBS = new Set([
  'delete', 'del', 'destroy', 'drop', 'remove', 'rm', 'purge', 'wipe', 'reset', 'truncate', 'erase', 'terminate', 'nuke',
  'flush', 'flushall', 'flushdb', 'obliterate', 'deleteall', 'deletemany', 'removeall', 'dropall', 'purgeall', 'teardown',
]);

/** What was destroyed matters: these hold data, or everything else. */
export const DATA_NOUNS = new Set([
  'volume', 'volumes', 'database', 'databases', 'db', 'dbs', 'backup', 'backups', 'snapshot', 'snapshots', 'bucket', 'buckets',
  'cluster', 'clusters', 'project', 'projects', 'environment', 'environments', 'account', 'accounts', 'organization',
  'organizations', 'org', 'orgs', 'workspace', 'workspaces', 'repository', 'repositories', 'repo', 'repos', 'table', 'tables',
  'index', 'indices', 'indexes', 'namespace', 'namespaces', 'disk', 'disks', 'storage', 'tenant', 'tenants', 'keyspace',
  'collection', 'collections', 'schema', 'schemas', 'all', 'everything', 'instance', 'instances', 'service', 'services',
  'stack', 'stacks', 'zone', 'zones', 'domain', 'domains', 'site', 'sites', 'app', 'apps', 'plugin', 'branch', 'deployment',
]);

/** `volumeDelete`, `delete_volume`, `projects.delete`, `DeleteInstance` → lower-case words. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** `resetPassword`, `password-reset`, `reset_mfa`: account recovery, not data loss. */
const BENIGN_RESET = /^(password|passwd|pwd|passcode|pin|otp|mfa|2fa|totp|token|link|email|session|filter|filters|form|view|zoom|layout|counter|cursor|offset|timer)$/;

export function isDestructiveName(name: string): boolean {
  const w = nameWords(name);
  const verbs = w.filter((x) => DESTRUCTIVE_VERBS.has(x));
  if (verbs.length && verbs.every((v) => v === 'reset') && w.some((x) => BENIGN_RESET.test(x))) return false;
  return verbs.length > 0 || DESTRUCTIVE_VERBS.has(name.toLowerCase().replace(/[^a-z]/g, ''));
}

export function dataNounIn(name: string): string | undefined {
  const w = nameWords(name);
  if (!w.some((x) => DESTRUCTIVE_VERBS.has(x)) && !DESTRUCTIVE_VERBS.has(name.toLowerCase())) return undefined;
  if (w.some((x) => /^(flushall|flushdb|deleteall|removeall|dropall|purgeall|all|everything)$/.test(x))) return 'everything';
  return w.find((x) => DATA_NOUNS.has(x));
}

// ---------------------------------------------------------------------------------------------------------------
// Where the request goes

export type HostKind = 'local' | 'production' | 'remote' | 'unknown';

export interface HostInfo {
  kind: HostKind;
  host: string | undefined;
  signals: string[];
}

const PRIVATE_TLD = /\.(local|test|example|invalid|internal\.test)$/i;

/** Splits a URL the way curl reads it: a missing scheme means http. */
export function parseUrl(raw: string): { host: string | undefined; path: string; query: string; port: string | undefined } {
  let text = raw.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `http://${text}`;
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]+\]|[^:/?#]*)(?::(\d+|\$\w+))?([^?#]*)(\?[^#]*)?/i.exec(text);
  if (!m) return { host: undefined, path: '', query: '', port: undefined };
  return { host: m[1] || undefined, port: m[2], path: m[3] ?? '', query: m[4] ?? '' };
}

/** URL without its query string and credentials (they may hold tokens), for messages. */
export function displayUrl(raw: string): string {
  return raw.replace(/\?.*$/, '').replace(/\/\/[^@/]*@/, '//');
}

/** Secret keys that only exist for a live (production) account: Stripe's `sk_live_`/`rk_live_`, and the like. */
export const LIVE_KEY = /\b(sk|rk)_live_[A-Za-z0-9]{4,}|\(credentials: live key\)/;

/** A signal when the request authenticates with a live (production) key, in a header or as curl's -u user. */
export function liveCredential(headers: Record<string, string> | undefined): string | undefined {
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (/^(authorization|x-api-key|api-key|stripe-account)$/i.test(k) && LIVE_KEY.test(v)) return 'the request carries a live (production) secret key';
  }
  return undefined;
}

export function hostInfo(url: string): HostInfo {
  const { host } = parseUrl(url);
  if (!host || host.includes('$') || url.trim().startsWith('$')) {
    return { kind: 'unknown', host, signals: [`the host ${host ?? url} is not known until the command runs`] };
  }
  const s: ProductionSignals = { production: [], test: [] };
  classifyHost(host, s);
  if (s.test.length || s.local?.length) return { kind: 'local', host, signals: [...s.test, ...(s.local ?? [])] };
  if (PRIVATE_TLD.test(host)) return { kind: 'remote', host, signals: [`host ${host}`] };
  if (/^\d+(\.\d+){3}$/.test(host) || host.startsWith('[')) return { kind: 'production', host, signals: [`host ${host} is a non-loopback IP address`] };
  const strong = s.production.filter((x) => !/ is a remote machine$/.test(x));
  if (strong.length) return { kind: 'production', host, signals: strong };
  return { kind: 'remote', host, signals: [`host ${host} is a remote machine`] };
}

// ---------------------------------------------------------------------------------------------------------------
// What the body asks for

export interface BodyFinding {
  /** `GraphQL mutation volumeDelete`, `JSON-RPC method deleteProject`, `action "delete"`. */
  what: string;
  /** The operation name, judged for data nouns. */
  name: string;
}

function skipSpace(q: string, i: number): number {
  for (;;) {
    while (i < q.length && /[\s,]/.test(q[i]!)) i++;
    if (q[i] === '#') {
      while (i < q.length && q[i] !== '\n') i++;
      continue;
    }
    return i;
  }
}

/** Index past the bracket that closes the one at `i`, honouring GraphQL strings. */
function skipBalanced(q: string, i: number): number {
  const open = q[i]!;
  const close = open === '(' ? ')' : open === '{' ? '}' : ']';
  let depth = 0;
  for (; i < q.length; i++) {
    const c = q[i]!;
    if (c === '"') {
      if (q.startsWith('"""', i)) {
        const end = q.indexOf('"""', i + 3);
        i = end === -1 ? q.length : end + 2;
        continue;
      }
      i++;
      while (i < q.length && q[i] !== '"') i += q[i] === '\\' ? 2 : 1;
      continue;
    }
    if (c === open) depth++;
    else if (c === close && --depth === 0) return i + 1;
  }
  return q.length;
}

function readName(q: string, i: number): { name: string; end: number } | undefined {
  const m = /^[_A-Za-z][_0-9A-Za-z]*/.exec(q.slice(i, i + 200));
  return m ? { name: m[0], end: i + m[0].length } : undefined;
}

/** Top-level field names of every `mutation` operation in a GraphQL document. */
export function graphqlMutationFields(doc: string): string[] {
  const fields: string[] = [];
  const re = /(^|[^_0-9A-Za-z])mutation(?![_0-9A-Za-z])/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(doc))) {
    let i = skipSpace(doc, m.index + m[0].length);
    const name = readName(doc, i);
    if (name) i = skipSpace(doc, name.end);
    if (doc[i] === '(') i = skipSpace(doc, skipBalanced(doc, i));
    while (doc[i] === '@') {
      const d = readName(doc, i + 1);
      i = skipSpace(doc, d ? d.end : i + 1);
      if (doc[i] === '(') i = skipSpace(doc, skipBalanced(doc, i));
    }
    if (doc[i] !== '{') continue;
    const end = skipBalanced(doc, i);
    i = skipSpace(doc, i + 1);
    while (i < end - 1) {
      if (doc.startsWith('...', i)) {
        i = skipSpace(doc, i + 3);
        const frag = readName(doc, i);
        i = skipSpace(doc, frag ? frag.end : i + 1);
        continue;
      }
      const field = readName(doc, i);
      if (!field) {
        i = doc[i] === '{' || doc[i] === '(' ? skipSpace(doc, skipBalanced(doc, i)) : skipSpace(doc, i + 1);
        continue;
      }
      i = skipSpace(doc, field.end);
      let fieldName = field.name;
      if (doc[i] === ':') {
        const real = readName(doc, skipSpace(doc, i + 1));
        if (real) {
          fieldName = real.name;
          i = skipSpace(doc, real.end);
        }
      }
      if (fieldName !== 'on') fields.push(fieldName);
      if (doc[i] === '(') i = skipSpace(doc, skipBalanced(doc, i));
      while (doc[i] === '@') {
        const d = readName(doc, i + 1);
        i = skipSpace(doc, d ? d.end : i + 1);
        if (doc[i] === '(') i = skipSpace(doc, skipBalanced(doc, i));
      }
      if (doc[i] === '{') i = skipSpace(doc, skipBalanced(doc, i));
    }
    re.lastIndex = end;
  }
  return fields;
}

const SQL_START = /^\s*(drop|delete|truncate|update|alter|insert|create|grant|revoke|merge|replace|with|explain|do|exec|execute|call|copy|vacuum|set)\b/i;
const GRAPHQL_START = /^\s*(mutation|query|subscription|fragment|\{)/;
const ACTION_KEYS = new Set(['action', 'op', 'operation', 'command', 'cmd', 'verb', 'type', 'task', 'intent', 'method']);

export interface BodyAnalysis {
  findings: BodyFinding[];
  /** SQL statements the body carries (`{"query": "DROP TABLE x"}`, a ClickHouse POST). */
  sql: string[];
}

function tryJson(text: string): unknown {
  const t = text.trim();
  if (!/^[[{"]/.test(t)) return undefined;
  try {
    return JSON.parse(t);
  } catch {
    return undefined;
  }
}

function fromGraphql(doc: string, into: BodyAnalysis): void {
  for (const f of graphqlMutationFields(doc)) if (isDestructiveName(f)) into.findings.push({ what: `GraphQL mutation ${f}`, name: f });
}

function visitJson(value: unknown, into: BodyAnalysis, depth: number): void {
  if (depth > 4 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    // Redis over HTTP (Upstash): ["FLUSHALL"]; batched GraphQL or JSON-RPC: [{...}, {...}].
    if (typeof value[0] === 'string' && depth === 0 && /^(flushall|flushdb)$/i.test(value[0])) {
      into.findings.push({ what: `command ${value[0]}`, name: 'flushall' });
    }
    for (const v of value.slice(0, 50)) visitJson(v, into, depth + 1);
    return;
  }
  const obj = value as Record<string, unknown>;
  // MCP over HTTP: {"method":"tools/call","params":{"name":"delete_database"}}
  const params = obj.params as Record<string, unknown> | undefined;
  if (obj.method === 'tools/call' && params && typeof params.name === 'string' && isDestructiveName(params.name)) {
    into.findings.push({ what: `tool call ${params.name}`, name: params.name });
  }
  for (const [key, v] of Object.entries(obj)) {
    const k = key.toLowerCase();
    if (typeof v === 'string') {
      if ((k === 'query' || k === 'mutation') && GRAPHQL_START.test(v)) fromGraphql(v, into);
      else if ((k === 'query' || k === 'sql' || k === 'statement' || k === 'stmt' || k === 'q' || k === 'command') && SQL_START.test(v)) into.sql.push(v);
      else if (k === 'method' && ('jsonrpc' in obj || 'params' in obj || 'id' in obj) && isDestructiveName(v)) {
        into.findings.push({ what: `JSON-RPC method ${v}`, name: v });
      } else if (ACTION_KEYS.has(k) && !(k === 'op' && 'path' in obj) && /^[\w.:/ -]{2,60}$/.test(v) && isDestructiveName(v)) {
        // (`{"op":"remove","path":…}` is a JSON Patch edit of one field, not an action.)
        into.findings.push({ what: `${key} "${v}"`, name: v });
      }
    } else if (typeof v === 'object') visitJson(v, into, depth + 1);
  }
}

/** Finds destructive operations in a request body (JSON, GraphQL text, form data or raw SQL). */
export function analyzeBody(body: string | undefined): BodyAnalysis {
  const out: BodyAnalysis = { findings: [], sql: [] };
  if (!body || !body.trim()) return out;
  const json = tryJson(body);
  if (json !== undefined && typeof json === 'object') visitJson(json, out, 0);
  else if (/^(query|sql|q)=/.test(body) || /&(query|sql)=/.test(body)) {
    for (const part of body.split('&')) {
      const eq = part.indexOf('=');
      if (eq < 0) continue;
      let v = part.slice(eq + 1);
      try {
        v = decodeURIComponent(v.replace(/\+/g, ' '));
      } catch {
        /* keep as is */
      }
      if (GRAPHQL_START.test(v)) fromGraphql(v, out);
      else if (SQL_START.test(v)) out.sql.push(v);
    }
  } else if (GRAPHQL_START.test(body) || /\bmutation\b/.test(body)) {
    // Raw GraphQL (application/graphql), or text we could not read as JSON: unescape what JSON would have.
    fromGraphql(body.replace(/\\"/g, '"').replace(/\\n/g, '\n'), out);
  } else if (SQL_START.test(body)) out.sql.push(body);
  return out;
}

/** Destructive words in the URL path: `/v1/projects/1/delete`, `:delete`, `/_delete_by_query`, `/flushall`. */
export function destructivePath(url: string, method = 'POST'): { segment: string; name: string } | undefined {
  const { path } = parseUrl(url);
  const segs = path.split(/[/:]/).filter(Boolean).slice(-3);
  for (const seg of segs) {
    if (seg.length > 60 || /^\d/.test(seg)) continue;
    // A GET is only judged for endpoints that act on a GET (Upstash's REST API runs Redis commands that way).
    if (method === 'GET' && !/^(flushall|flushdb)$/i.test(seg)) continue;
    if (/^_delete_by_query$/i.test(seg) || isDestructiveName(seg)) return { segment: seg, name: segs.join('_') };
  }
  return undefined;
}

/** The GraphQL query of a GET request (`?query=mutation…`). */
export function queryParamBody(url: string): string | undefined {
  const { query } = parseUrl(url);
  const m = /[?&](query|sql)=([^&]*)/.exec(query);
  return m ? `${m[1]}=${m[2]}` : undefined;
}
