import { defineHttpRule } from '../../rule';
import type { Decision } from '../../types';
import { sh } from './_cases';
import { DATA_NOUNS, displayUrl, hostInfo, liveCredential, nameWords, parseUrl } from './_request';

const OVERRIDE_HEADERS = ['x-http-method-override', 'x-http-method', 'x-method-override'];
/** Nouns that name compute or configuration rather than data: deleting one is not judged as data loss by itself. */
const NOT_DATA = new Set(['app', 'apps', 'service', 'services', 'site', 'sites', 'branch', 'deployment', 'instance', 'instances', 'plugin']);

/** The effective method, honouring the override headers some APIs accept on a POST. */
export function effectiveMethod(method: string, headers: Record<string, string> | undefined): string {
  for (const [k, v] of Object.entries(headers ?? {})) if (OVERRIDE_HEADERS.includes(k.toLowerCase())) return v.toUpperCase();
  return method.toUpperCase();
}

function isSearchEngine(host: string | undefined, port: string | undefined): boolean {
  return port === '9200' || port === '9243' || /(^|[.-])(es|elastic|elasticsearch|opensearch|search)([.-]|$)/i.test(host ?? '');
}

export default defineHttpRule({
  meta: {
    id: 'http/delete-request',
    decision: 'ask',
    severity: 'high',
    description: 'An HTTP DELETE sent to another machine (curl -X DELETE, Invoke-RestMethod -Method Delete, an MCP or hook HTTP call): it removes whatever the URL names, usually for good.',
    message: 'Sends DELETE {{target}}',
    safer: 'GET the resource first and keep a copy (or take a snapshot), then delete one item by its id, against a staging host if there is one.',
  },
  check(action, ctx) {
    if (effectiveMethod(action.method, action.headers) !== 'DELETE') return;
    const host = hostInfo(action.url);
    if (host.kind === 'local') return;
    const { path, port, query } = parseUrl(action.url);
    const segs = path.split('/').filter(Boolean);
    const signals = [...host.signals];
    let decision: Decision = host.kind === 'production' ? 'block' : 'ask';
    let what = '';
    if (/[?&](recurse|recursive)(=(true|1)?)?(&|$)/i.test(query)) {
      // Consul KV `?recurse`, and APIs like it: everything under the path goes.
      signals.push('?recurse deletes everything under the path');
      decision = 'block';
      what = ' (and everything under it)';
    } else if (segs.some((s) => s === '_all' || s === '*' || s.includes('*') || /^_(all|data_stream)$/.test(s))) {
      signals.push('the path matches every index or every item');
      decision = 'block';
      what = ' (everything the wildcard matches)';
    } else if (isSearchEngine(host.host, port) && segs.length === 1 && !segs[0]!.startsWith('_')) {
      signals.push(`deletes the whole search index ${segs[0]}`);
      decision = 'block';
      what = ' (a whole index)';
    } else {
      // The thing deleted is named near the end of the path: `/volumes/vol-1`, `/repos/owner/name`. A data noun
      // further up (`/repos/o/r/git/refs/heads/x`) names the parent, not what goes.
      let noun: string | undefined;
      segs.forEach((seg, i) => {
        const hit = nameWords(seg).find((w) => DATA_NOUNS.has(w) && !NOT_DATA.has(w));
        if (hit && segs.length - 1 - i <= 2) noun = hit;
      });
      if (noun) {
        signals.push(`the URL names a ${noun.replace(/s$/, '')}, which holds data`);
        decision = 'block';
      }
    }
    const live = liveCredential(action.headers);
    if (live) {
      signals.push(live);
      decision = 'block';
    }
    ctx.report({ target: displayUrl(action.url) + what, decision, signals });
  },
  tests: {
    pause: [
      { input: { kind: 'http', method: 'DELETE', url: 'https://api.example.com/v1/users/42' } },
      { input: sh('curl -u sk_live_51HabcDEF: -X DELETE https://api.stripe.com/v1/customers/cus_123'), decision: 'block', note: 'a live secret key: the production account' },
      { input: sh('curl -X DELETE https://api.stripe.com/v1/subscriptions/sub_1 -H "Authorization: Bearer rk_live_51HabcDEF"'), decision: 'block' },
      { input: { kind: 'http', method: 'delete', url: 'https://api.example.com/items/7' } },
      { input: { kind: 'http', method: 'DELETE', url: 'https://api.prod.example.com/v1/users/42' }, decision: 'block' },
      { input: { kind: 'http', method: 'DELETE', url: 'http://10.0.3.7:8080/api/jobs/1' }, decision: 'block', note: 'a non-loopback IP' },
      { input: { kind: 'http', method: 'DELETE', url: 'https://es.internal.example.com:9200/_all' }, decision: 'block' },
      { input: { kind: 'http', method: 'DELETE', url: 'http://search.example.com:9200/logs-*' }, decision: 'block' },
      { input: { kind: 'http', method: 'DELETE', url: 'https://es.example.com:9243/customers' }, decision: 'block' },
      { input: { kind: 'http', method: 'DELETE', url: 'https://api.example.app/v2/volumes/vol-123' }, decision: 'block' },
      { input: { kind: 'http', method: 'DELETE', url: 'https://api.neon.tech/api/v2/projects/p-1/branches/br-2/databases/app' }, decision: 'block' },
      { input: { kind: 'http', method: 'POST', url: 'https://api.example.com/v1/users/42', headers: { 'X-HTTP-Method-Override': 'DELETE' } } },
      { input: { kind: 'http', method: 'DELETE', url: '$API_URL/users/42' }, note: 'the host is unknown' },
      { input: sh('curl -X DELETE https://api.example.com/v1/users/42') },
      { input: sh('curl -sS -XDELETE "https://api.example.com/v1/items/9" -H "Authorization: Bearer $TOKEN"') },
      { input: sh('curl --request DELETE https://api.production.example.com/items/9'), decision: 'block' },
      { input: sh('curl -X DELETE http://prod-es.example.com:9200/orders'), decision: 'block' },
      { input: sh('curl -X DELETE "$ES_URL/_all"'), decision: 'block' },
      { input: sh('http DELETE https://api.example.com/users/42 Authorization:"Bearer $T"') },
      { input: sh('xh DELETE api.example.com/v1/snapshots/snap-1'), decision: 'block' },
      { input: sh('wget --method=DELETE -qO- https://api.example.com/v1/items/1') },
      { input: sh('Invoke-RestMethod -Method Delete -Uri https://api.example.com/v1/items/1') },
      { input: sh('irm https://api.live.example.com/v1/items/1 -Method DELETE'), decision: 'block' },
      { input: sh('bash -c \'curl -X DELETE https://api.example.com/v1/users/42\'') },
      { input: sh('ssh bastion "curl -X DELETE http://10.0.0.5:9200/orders"'), decision: 'block' },
      { input: sh('gh api -X DELETE repos/acme/app'), decision: 'block', note: 'deletes a repository through the API' },
      { input: sh('gh api -X DELETE repos/acme/app/git/refs/heads/old-feature'), note: 'a branch ref: the repository is only the parent' },
      { input: sh('curl -X DELETE "http://consul.internal:8500/v1/kv/app?recurse"'), decision: 'block', note: 'every key under app/' },
      { input: sh('xh delete https://api.example.com/v1/volumes/v1'), decision: 'block', note: 'xh and HTTPie take the method in lower case too' },
    ],
    pass: [
      { input: { kind: 'http', method: 'GET', url: 'https://api.example.com/v1/users/42' } },
      { input: { kind: 'http', method: 'DELETE', url: 'http://localhost:3000/api/users/42' } },
      { input: { kind: 'http', method: 'DELETE', url: 'http://127.0.0.1:9200/test-index' } },
      { input: sh('curl -s https://api.example.com/v1/users/42') },
      { input: sh('curl -X DELETE http://localhost:8080/api/todos/1') },
      { input: sh('curl -X DELETE http://127.0.0.1:9200/my-index') },
      { input: sh('curl -X DELETE "http://localhost:8500/v1/kv/app?recurse"') },
      { input: sh('curl -s "http://consul.internal:8500/v1/kv/app?recurse"') },
      { input: sh('http delete localhost:8000/api/items/1') },
      { input: sh('http localhost:8000/api/items name=x') },
      { input: sh('curl -sI https://example.com') },
      { input: sh('curl -s "https://api.github.com/repos/octo/hello/issues?state=closed" | jq ".[].title"') },
      { input: sh('http GET https://api.example.com/users') },
      { input: sh('wget -q https://example.com/file.tar.gz') },
      { input: sh('curl --delete-after https://example.com || true') },
      { input: sh('Invoke-RestMethod -Uri https://api.example.com/v1/items -Method Get') },
      { input: sh('echo "curl -X DELETE https://api.example.com/v1/users/42"') },
    ],
  },
});
