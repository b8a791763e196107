import { defineCommandRule } from '../../rule';
import { HTTP_CLIENTS, parseClient } from './_client';
import { displayUrl, hostInfo } from './_request';

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
    ],
  },
});
