import { defineMcpRule } from '../../rule';
import { valuesAt } from './_input';

const SQL_KEYS = new Set(['sql', 'query', 'statement', 'statements', 'sql_query', 'sqlquery']);
const SHELL_KEYS = new Set(['command', 'cmd', 'script', 'shell_command', 'commandline', 'command_line', 'cli_command', 'clicommand']);
const TARGET_KEYS = new Set(['connection_string', 'connectionstring', 'database_url', 'databaseurl', 'dsn', 'url', 'uri', 'host']);
const RUNS_CODE = /(^|[^a-z])(exec|execute|run|eval|sql|shell|bash|terminal|script)($|[^a-z])|execute|command/i;
const LOOKS_LIKE_SQL = /^\s*(?:--[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*(select|insert|update|delete|drop|truncate|alter|create|grant|revoke|merge|replace|with|explain|do|exec|execute|call|set|pragma|begin|copy|vacuum|rename)\b/i;

/** `{ argv: ["rm", "-rf", "x"] }` or `{ command: "rm", args: ["-rf", "x"] }`: a command given as words. */
function argvOf(input: unknown): string[] | undefined {
  if (!input || typeof input !== 'object') return undefined;
  const o = input as Record<string, unknown>;
  const list = Array.isArray(o.argv) ? o.argv : Array.isArray(o.args) && typeof o.command === 'string' ? [o.command, ...o.args] : undefined;
  return list && list.every((w) => typeof w === 'string') ? (list as string[]) : undefined;
}

/** `{ commands: ["kubectx prod", "kubectl delete deploy api"] }`: lines of one script, run in order. */
function commandLines(input: unknown): string | undefined {
  if (!input || typeof input !== 'object') return undefined;
  const list = (input as Record<string, unknown>).commands;
  return Array.isArray(list) && list.length && list.every((w) => typeof w === 'string') ? (list as string[]).join('\n') : undefined;
}

/** `{ url, method, headers, body }`: a fetch or HTTP tool's request, judged by the HTTP rules. */
function httpRequestOf(input: unknown): { method: string; url: string; headers?: Record<string, string>; body?: string } | undefined {
  if (!input || typeof input !== 'object') return undefined;
  const o = input as Record<string, unknown>;
  const url = [o.url, o.uri, o.endpoint].find((v): v is string => typeof v === 'string');
  const method = typeof o.method === 'string' ? o.method.toUpperCase() : undefined;
  if (!url || !method || !/^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)$/.test(method)) return undefined;
  const raw = o.body ?? o.data ?? o.json;
  const body = typeof raw === 'string' ? raw : raw !== undefined ? JSON.stringify(raw) : undefined;
  const headers = o.headers && typeof o.headers === 'object' && !Array.isArray(o.headers)
    ? Object.fromEntries(Object.entries(o.headers as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'))
    : undefined;
  return { method, url, headers, body };
}

function quote(word: string): string {
  return /^[A-Za-z0-9_\-./:=@%+,]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * SQL and shell commands carried in MCP tool arguments (a database server's `query`, a terminal server's
 * `command`) are judged by the SQL and shell rules, with the connection target when the arguments name one.
 */
export default defineMcpRule({
  meta: {
    id: 'mcp/embedded-code',
    decision: 'ask',
    severity: 'medium',
    description: 'Hands SQL, shell commands and HTTP requests (`{url, method}`) found in an MCP tool call\'s arguments to the SQL, shell and HTTP rules; the findings are theirs. Reports by itself only when the tool runs code that cannot be read.',
    message: 'MCP tool {{tool}} runs code that cannot be read',
  },
  check(action, ctx) {
    const target = valuesAt(action.input, TARGET_KEYS)[0];
    let seen = false;
    for (const sql of valuesAt(action.input, SQL_KEYS)) {
      seen = true;
      if (LOOKS_LIKE_SQL.test(sql)) ctx.nested({ kind: 'sql', sql, target });
    }
    for (const command of valuesAt(action.input, SHELL_KEYS)) {
      seen = true;
      if (command.trim()) ctx.nested({ kind: 'shell', command });
    }
    const lines = commandLines(action.input);
    if (lines) {
      seen = true;
      ctx.nested({ kind: 'shell', command: lines });
    }
    const request = httpRequestOf(action.input);
    if (request) ctx.nested({ kind: 'http', ...request });
    const argv = argvOf(action.input);
    if (argv) {
      seen = true;
      ctx.nested({ kind: 'shell', command: argv.map(quote).join(' ') });
    }
    // A tool that runs code, but whose code is not among its arguments (a file, an encoded blob, another shape).
    const tool = action.server ? `${action.server}/${action.tool}` : action.tool;
    if (!seen && RUNS_CODE.test(action.tool)) ctx.report({ target: tool, data: { tool } });
  },
  tests: {
    pause: [
      { input: { kind: 'mcp', server: 'postgres', tool: 'execute_sql', input: { file: 'scripts/cleanup.sql' } } },
      { input: { kind: 'mcp', server: 'shell', tool: 'run_command', input: { encoded: 'cm0gLXJmIH4=' } } },
      { input: { kind: 'mcp', server: 'db', tool: 'execute', input: { statements: 42 } } },
    ],
    pass: [
      { input: { kind: 'mcp', server: 'postgres', tool: 'query', input: { sql: 'SELECT id, email FROM users WHERE id = 42' } } },
      { input: { kind: 'mcp', server: 'shell', tool: 'run', input: { argv: ['npm', 'run', 'build'] } } },
      { input: { kind: 'mcp', server: 'terminal', tool: 'run_command', input: { command: 'npm test' } } },
      { input: { kind: 'mcp', server: 'search', tool: 'web_search', input: { query: 'how to drop a table in postgres' } } },
      { input: { kind: 'mcp', server: 'aws', tool: 'call_aws', input: { cli_command: 'aws s3 ls s3://company-data' } } },
      { input: { kind: 'mcp', server: 'terminal', tool: 'execute_command', input: { commands: ['kubectx prod', 'kubectl get pods'] } } },
      { input: { kind: 'mcp', server: 'fetch', tool: 'fetch', input: { url: 'https://api.example.com/v1/users/1', method: 'GET' } } },
      { input: { kind: 'mcp', server: 'http', tool: 'request', input: { url: 'http://localhost:3000/api/users/1', method: 'DELETE' } } },
      { input: { kind: 'mcp', server: 'fetch', tool: 'fetch', input: { url: 'https://api.example.com/graphql', method: 'POST', body: { query: 'query { volumes { id } }' } } } },
    ],
  },
});
