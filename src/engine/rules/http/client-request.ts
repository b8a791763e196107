import { defineCommandRule } from '../../rule';
import { HTTP_CLIENTS, parseClient } from './_client';
import { displayUrl, hostInfo, isDestructiveName } from './_request';

/**
 * `-d @delete-volume.json`: a request body in a file named after destruction (its content may not be readable here).
 * Only text formats that carry API calls; an uploaded `remove-bg.png` is data.
 */
function destructiveBodyFile(sources: readonly { kind: string; path?: string }[]): string | undefined {
  return sources.find((s) => {
    const base = s.kind === 'file' ? s.path?.split('/').pop() : undefined;
    const m = base ? /^(.+?)(\.(json|jsonl|graphql|gql|txt|xml|ya?ml))?$/i.exec(base) : null;
    return m !== null && (m[2] !== undefined || !base!.includes('.')) && isDestructiveName(m[1]!);
  })?.path;
}

export default defineCommandRule({
  meta: {
    id: 'http/client-request',
    commands: HTTP_CLIENTS,
    decision: 'ask',
    severity: 'medium',
    description: 'Reads HTTP client commands (curl, wget, HTTPie, xh, grpcurl, Invoke-RestMethod) into requests that the HTTP rules judge; pauses by itself when the method or the request comes from somewhere it cannot read.',
    message: '{{tool}} sends a request whose {{what}} is not known until it runs ({{target}})',
    safer: 'Write the method and URL out literally so the request can be checked, or GET the resource first.',
  },
  check(cmd, ctx) {
    const req = parseClient(cmd, cmd.cwd ?? ctx.cwd);
    if (!req) return;
    for (const url of req.urls) {
      if (!url) continue;
      ctx.nested({ kind: 'http', method: req.methodUnknown ? 'UNKNOWN' : req.method, url, headers: req.headers, body: req.body, env: cmd.env });
      if (req.methodUnknown && hostInfo(url).kind !== 'local') {
        ctx.report({ target: displayUrl(url), data: { tool: req.tool, what: 'method' }, signals: hostInfo(url).signals });
      }
      const bodyFile = req.method !== 'GET' ? destructiveBodyFile(req.bodySources) : undefined;
      if (bodyFile && hostInfo(url).kind !== 'local') {
        ctx.report({ target: displayUrl(url), message: `${req.tool} sends ${bodyFile}, a body named after a deletion, to ${displayUrl(url)}`, signals: hostInfo(url).signals });
      }
    }
    if (req.configFile !== undefined) {
      ctx.report({ target: req.configFile, data: { tool: req.tool, what: 'method, URL and body (they are read from a config file)' } });
    }
  },
  tests: {
    pause: [
      'curl -X "$METHOD" https://api.example.com/v1/items/1',
      'curl -s -X $VERB "https://api.example.com/v1/items/$ID"',
      'wget --method=$M https://api.example.com/v1/items/1',
      'curl -K request.cfg',
      'http $METHOD https://api.example.com/v1/items/1',
      { input: 'curl -X POST https://api.example.com/graphql -H "Authorization: Bearer $T" -d @delete-volume.json', note: 'the body is a file named after a deletion' },
      'http POST https://api.example.com/graphql @mutations/drop-database.json',
    ],
    pass: [
      'curl -s https://api.example.com/v1/items/1',
      'curl -fsSL https://example.com/install.sh -o install.sh',
      'curl -X "$METHOD" http://localhost:3000/api/items/1',
      'curl -sS -X POST https://api.example.com/v1/items -H "Content-Type: application/json" -d \'{"name":"x"}\'',
      'curl -s -o /dev/null -w "%{http_code}" https://example.com/health',
      'wget -qO- https://api.example.com/status | jq .',
      'http https://api.example.com/v1/items page==2',
      'xh get httpbin.org/json',
      'grpcurl -plaintext localhost:50051 list',
      'curl -u "$USER:$PASS" https://api.example.com/v1/me',
      'curl -G https://api.example.com/search --data-urlencode "q=delete account"',
      'curl -X PUT -T build.zip https://uploads.example.com/artifacts/build.zip',
      'curl -X POST https://api.example.com/graphql -d @query.json',
      'curl -X POST http://localhost:4000/graphql -d @delete-volume.json',
      'curl -X POST https://api.example.com/v1/password -d @reset-password.json',
      'curl -T remove-bg.png https://uploads.example.com/x',
    ],
  },
});
