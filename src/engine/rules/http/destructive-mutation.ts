import { defineHttpRule } from '../../rule';
import type { Decision } from '../../types';
import { sh } from './_cases';
import { analyzeBody, dataNounIn, destructivePath, displayUrl, hostInfo, queryParamBody } from './_request';
import { effectiveMethod } from './delete-request';

const INCIDENT = 'curl -X POST https://backboard.example.app/graphql -H "Authorization: Bearer $TOKEN" -d \'{"query":"mutation { volumeDelete(volumeId: \\"vol-123\\") }"}\'';

export default defineHttpRule({
  meta: {
    id: 'http/destructive-mutation',
    decision: 'ask',
    severity: 'critical',
    description: 'A POST, PUT or PATCH whose body or path names a destructive operation: a GraphQL mutation such as volumeDelete, a JSON-RPC or MCP call such as delete_project, an action "purge", or an endpoint like /reset. One such call deleted a production database and its backups.',
    message: 'Sends {{what}} to {{target}}',
    safer: 'Run the matching query first to see exactly what would be deleted, take a backup or snapshot, and make the call against a staging project with a token scoped to it.',
  },
  check(action, ctx) {
    const method = effectiveMethod(action.method, action.headers);
    if (method === 'DELETE' || method === 'HEAD' || method === 'OPTIONS') return;
    const host = hostInfo(action.url);
    const body = analyzeBody(action.body);
    const fromQuery = queryParamBody(action.url);
    if (fromQuery) {
      const q = analyzeBody(fromQuery);
      body.findings.push(...q.findings);
      body.sql.push(...q.sql);
    }
    // SQL carried in the request (a database HTTP API, ClickHouse, a `{"query": "DROP …"}` endpoint): the SQL rules judge it.
    for (const sql of body.sql) ctx.nested({ kind: 'sql', sql, target: action.url });
    if (host.kind === 'local') return;
    const found = [...body.findings];
    const seg = destructivePath(action.url, method);
    if (seg) found.push({ what: `a call to the ${seg.segment} endpoint`, name: seg.name });
    if (!found.length) return;
    for (const f of found) {
      const signals = [...host.signals];
      let decision: Decision = host.kind === 'production' ? 'block' : 'ask';
      const noun = dataNounIn(f.name);
      if (noun) {
        signals.push(noun === 'everything' || noun === 'all' ? `${f.name} removes everything` : `${f.name} deletes a ${noun.replace(/e?s$/, '') || noun}, which holds data`);
        decision = 'block';
      }
      if (/_delete_by_query/i.test(f.name) && /match_all/.test(action.body ?? '')) {
        signals.push('the query matches every document');
        decision = 'block';
      }
      ctx.report({ target: displayUrl(action.url), data: { what: f.what }, decision, signals });
    }
  },
  tests: {
    pause: [
      { input: sh(INCIDENT), decision: 'block', note: 'the April 2026 incident: one GraphQL call deleted a volume and its backups' },
      { input: sh('curl -X POST https://backboard.example.app/graphql -H "Authorization: Bearer $TOKEN" --json \'{"query":"mutation { volumeDelete(volumeId: \\"vol-123\\") }"}\''), decision: 'block' },
      { input: sh('curl -X POST https://backboard.example.app/graphql -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" -d \'{"query":"mutation($id: String!) { volumeDelete(volumeId: $id) }","variables":{"id":"vol-123"}}\''), decision: 'block' },
      { input: sh('curl https://backboard.example.app/graphql -H "Authorization: Bearer $TOKEN" --data-binary @- <<EOF\n{"query":"mutation DeleteIt { volumeDelete(volumeId: \\"vol-123\\") }"}\nEOF'), decision: 'block' },
      { input: sh('curl -s https://api.example.com/graphql -H "Content-Type: application/graphql" -d \'mutation { deleteUser(id: 4) { id } }\'') },
      { input: sh('curl -s https://api.example.com/graphql --json \'{"query":"mutation { a: projectDelete(id: \\"p1\\") }"}\''), decision: 'block' },
      { input: sh('curl -s https://api.example.com/graphql --json \'{"query":"mutation { createNote(text: \\"x\\") { id } removeTag(id: 3) }"}\'') },
      { input: sh('echo \'{"query":"mutation { environmentDelete(id: \\"e1\\") }"}\' | curl -X POST https://backboard.example.app/graphql -d @-'), decision: 'block' },
      { input: sh('http POST https://api.example.com/graphql query=\'mutation { serviceInstanceRedeploy(id: 1) databaseReset(id: 2) }\''), decision: 'block' },
      { input: sh('curl -X POST https://rpc.example.com -d \'{"jsonrpc":"2.0","id":1,"method":"deleteProject","params":{"id":"p1"}}\''), decision: 'block' },
      { input: sh('curl -X POST https://mcp.example.com/mcp -H "Content-Type: application/json" -d \'{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"drop_table","arguments":{"table":"users"}}}\''), decision: 'block' },
      { input: sh('curl -X POST https://api.example.com/v1/admin -d \'{"action":"purge"}\'') },
      { input: sh('curl -X POST https://api.example.com/v1/cache/purge') },
      { input: sh('curl -X POST https://api.example.com/v1/projects/p1:delete'), decision: 'block' },
      { input: sh('curl -X POST "https://es.example.com:9200/orders/_delete_by_query" -d \'{"query":{"match_all":{}}}\''), decision: 'block' },
      { input: sh('curl -X POST https://api.prod.example.com/admin/reset'), decision: 'block' },
      { input: sh('curl https://my-db.upstash.io/flushall -H "Authorization: Bearer $UPSTASH_TOKEN"'), decision: 'block' },
      { input: sh('grpcurl -d \'{"name":"projects/p1"}\' api.example.com:443 example.v1.Projects/DeleteProject'), decision: 'block' },
      { input: sh('Invoke-RestMethod -Uri https://api.example.com/graphql -Method Post -Body \'{"query":"mutation { deleteAccount(id: 1) }"}\''), decision: 'block' },
      { input: sh('gh api graphql -f query=\'mutation { deleteRepository(input: {repositoryId: "R_1"}) { clientMutationId } }\''), decision: 'block' },
      { input: sh('python3 -c "import requests; requests.post(\'https://backboard.example.app/graphql\', json={\'query\': \'mutation { volumeDelete(volumeId: 1) }\'})"'), decision: 'block', note: 'the same call from Python' },
      { input: { kind: 'http', method: 'POST', url: 'https://backboard.example.app/graphql', body: '{"query":"mutation { volumeDelete(volumeId: \\"vol-123\\") }"}' }, decision: 'block' },
      { input: { kind: 'http', method: 'POST', url: 'https://api.example.com/graphql', body: '{"query":"mutation Wipe($id: ID!) { wipeData(id: $id) }","variables":{"id":"1"}}' } },
      { input: { kind: 'http', method: 'POST', url: 'https://api.example.com/graphql', body: '[{"query":"query { me { id } }"},{"query":"mutation { backupDelete(id: 9) }"}]' }, decision: 'block' },
      { input: { kind: 'http', method: 'GET', url: 'https://api.example.com/graphql?query=mutation%20%7B%20deleteUser(id%3A%201)%20%7D' } },
      { input: { kind: 'http', method: 'PATCH', url: 'https://api.live-shop.com/v1/config', body: '{"action":"drop_cache"}' }, decision: 'block' },
      { input: { kind: 'http', method: 'POST', url: 'https://api.example.com/v1/tasks', body: '{"type":"deleteAll"}' }, decision: 'block' },
    ],
    pass: [
      { input: sh('curl -X POST https://api.example.com/graphql -H "Authorization: Bearer $TOKEN" -d \'{"query":"query { volumes { id name } }"}\'') },
      { input: sh('curl -X POST https://api.example.com/graphql --json \'{"query":"mutation { createUser(name: \\"deleteme\\") { id } }"}\'') },
      { input: sh('curl -X POST https://api.example.com/graphql --json \'{"query":"query { deletedItems { id } }"}\'') },
      { input: sh('curl -X POST http://localhost:4000/graphql --json \'{"query":"mutation { volumeDelete(volumeId: \\"v\\") }"}\'') },
      { input: sh('curl -X POST https://api.example.com/v1/users -d \'{"name":"Ada","email":"ada@example.com"}\'') },
      { input: sh('curl -X POST https://hooks.slack.com/services/example -d \'{"text":"deploy finished: removed the old banner"}\'') },
      { input: sh('curl -X POST https://rpc.example.com -d \'{"jsonrpc":"2.0","id":1,"method":"eth_blockNumber","params":[]}\'') },
      { input: sh('curl -s -X POST https://api.example.com/v1/search -d \'{"query":{"match":{"title":"delete"}}}\'') },
      { input: sh('echo \'mutation { volumeDelete(volumeId: "vol-123") }\' > mutation.graphql') },
      { input: sh('curl -s https://api.example.com/v1/items | python3 -m json.tool') },
      { input: sh('curl https://api.example.com/v1/reset-password -d "email=a@example.com"') },
      { input: sh('gh api graphql -f query="query { viewer { login } }"') },
      { input: { kind: 'http', method: 'POST', url: 'https://api.example.com/graphql', body: '{"query":"mutation { updateDeletionPolicy(days: 30) }"}' } },
      { input: { kind: 'http', method: 'PUT', url: 'https://api.example.com/v1/items/4', body: '{"name":"renamed"}' } },
      { input: { kind: 'http', method: 'PATCH', url: 'https://api.example.com/v1/items/4', body: '[{"op":"remove","path":"/tags/0"}]' } },
      { input: { kind: 'http', method: 'POST', url: 'https://api.example.com/v1/users', body: '{"user":{"name":"remove-me"}}' } },
    ],
  },
});
