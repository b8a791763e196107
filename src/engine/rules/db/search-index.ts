import { defineHttpRule } from '../../rule';
import type { Decision, ShellAction } from '../../types';
import { classifyHost } from '../../context/production';
import type { ProductionSignals } from '../../context/production';

const sh = (command: string): ShellAction => ({ kind: 'shell', command });

/** Elasticsearch / OpenSearch: its ports, or a host that says so. */
function searchEngine(url: URL): boolean {
  return url.port === '9200' || url.port === '9243' || /(^|[.-])(es|elastic|elasticsearch|opensearch|search)([.-]|$)/i.test(url.hostname);
}

function parse(raw: string): URL | undefined {
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw.trim()) ? raw.trim() : `http://${raw.trim()}`);
  } catch {
    return undefined;
  }
}

/** A `_delete_by_query` body that matches every document: `match_all`, an empty query, or no body. */
function matchesEverything(body: string | undefined, query: string): boolean {
  if (/(^|&)q=\*(&|$)/.test(query.replace(/^\?/, '')) || /(^|&)q=\*:\*(&|$)/.test(query.replace(/^\?/, ''))) return true;
  if (body === undefined || !body.trim()) return !/(^|&)q=/.test(query.replace(/^\?/, ''));
  const compact = body.replace(/\s+/g, '');
  return /"match_all":\{\}/.test(compact) || /^\{\}$/.test(compact) || /"query":\{\}/.test(compact);
}

export default defineHttpRule({
  meta: {
    id: 'db/search-index',
    decision: 'block',
    severity: 'critical',
    description: 'Elasticsearch/OpenSearch requests that wipe data the generic DELETE rule lets through: `_delete_by_query` matching every document (`match_all`, `q=*`), and deleting every index (`_all`, `*`, wildcards) even on this machine.',
    message: '{{what}} ({{target}})',
    safer: 'Take a snapshot first (`PUT _snapshot/<repo>/<name>`), and delete by a narrow query or a single index name.',
  },
  check(action, ctx) {
    const url = parse(action.url);
    if (!url || !searchEngine(url)) return;
    const method = action.method.toUpperCase();
    const segs = url.pathname.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
    const s: ProductionSignals = { production: [], test: [] };
    classifyHost(url.hostname || 'localhost', s);
    const local = s.production.length === 0;
    let what: string | undefined;
    let decision: Decision = local ? 'ask' : 'block';
    if (segs.includes('_delete_by_query') && (method === 'POST' || method === 'GET')) {
      if (!matchesEverything(action.body, url.search)) return;
      const index = segs[0] === '_delete_by_query' ? 'every index' : segs[0]!;
      what = `_delete_by_query matching every document deletes all of ${index}`;
      if (/^(_all|\*)$/.test(segs[0] ?? '') || segs[0] === '_delete_by_query') decision = 'block';
    } else if (method === 'DELETE' && local && segs.length === 1 && (segs[0] === '_all' || segs[0]!.includes('*'))) {
      // Remote hosts are judged by http/delete-request; on this machine a wildcard still wipes every index.
      what = `DELETE ${segs[0]} deletes every index it matches`;
    }
    if (!what) return;
    ctx.report({ target: `${url.host}${url.pathname}`, data: { what }, decision, signals: local ? (s.local ?? []) : s.production });
  },
  tests: {
    pause: [
      { input: { kind: 'http', method: 'POST', url: 'http://localhost:9200/orders/_delete_by_query', body: '{"query":{"match_all":{}}}' }, decision: 'ask' },
      { input: { kind: 'http', method: 'POST', url: 'https://es.prod.internal:9200/orders/_delete_by_query', body: '{ "query": { "match_all": {} } }' } },
      { input: sh('curl -X POST "http://localhost:9200/logs-*/_delete_by_query?q=*"'), decision: 'ask' },
      { input: sh('curl -XPOST https://search.example.com:9243/customers/_delete_by_query -H "Content-Type: application/json" -d \'{"query":{"match_all":{}}}\'') },
      { input: sh('curl -X DELETE http://localhost:9200/_all'), decision: 'ask' },
      { input: sh('curl -X DELETE "http://127.0.0.1:9200/*"'), decision: 'ask' },
    ],
    pass: [
      { input: { kind: 'http', method: 'POST', url: 'http://localhost:9200/orders/_delete_by_query', body: '{"query":{"term":{"status":"cancelled"}}}' } },
      { input: sh('curl -s "http://localhost:9200/products/_search?q=title:shoe"') },
      { input: sh('curl -X DELETE http://localhost:9200/test-index') },
      { input: sh('curl -s http://localhost:9200/_cat/indices?v') },
      { input: sh('curl -X POST http://localhost:9200/orders/_delete_by_query?q=status:cancelled') },
    ],
  },
});
