import { defineMcpRule } from '../../rule';
import type { McpAction } from '../../types';
import { stringValues } from './_input';

/** Verbs that destroy or take away. Tool names are split into words (`volumeDelete`, `delete_repository`, `drop-table`). */
const DESTRUCTIVE = new Set([
  'delete', 'destroy', 'drop', 'purge', 'wipe', 'reset', 'truncate', 'remove', 'rm', 'del', 'erase', 'terminate',
  'flush', 'unpublish', 'uninstall', 'revoke', 'deprovision', 'decommission', 'nuke', 'clear', 'empty', 'overwrite',
  'rollback', 'forcepush', 'archive', 'disable', 'detach', 'kill', 'prune', 'shred', 'scrub', 'clean', 'cleanup',
]);
/** Verbs that are worse than a pause when something says production. */
const IRREVERSIBLE = new Set(['destroy', 'drop', 'purge', 'wipe', 'truncate', 'nuke', 'erase', 'shred', 'flush', 'unpublish', 'delete', 'terminate']);
const PRODUCTION = /(^|[^a-z0-9])(prod|production|prd|live)([^a-z0-9]|$)/i;
const GRAPHQL_DESTRUCTIVE = /\bmutation\b[\s\S]*?\b([a-z]*(delete|destroy|drop|purge|wipe|reset|truncate|remove)[a-z]*)\s*\(/i;

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

function productionIn(action: McpAction): string | undefined {
  if (action.server && PRODUCTION.test(action.server)) return `server ${action.server}`;
  return stringValues(action.input).find((v) => v.length < 300 && PRODUCTION.test(v));
}

export default defineMcpRule({
  meta: {
    id: 'mcp/destructive-tool',
    decision: 'ask',
    severity: 'high',
    description: 'An MCP tool call whose name says it destroys something (delete, destroy, drop, purge, wipe, reset, truncate…), or whose GraphQL argument is such a mutation. Production in the arguments makes it a block.',
    message: 'MCP tool {{tool}} {{what}}',
    safer: 'Call a read or list tool first to see exactly what would go, and take a backup or snapshot before deleting.',
  },
  check(action, ctx) {
    const tool = action.server ? `${action.server}/${action.tool}` : action.tool;
    const verb = words(action.tool).find((w) => DESTRUCTIVE.has(w));
    const mutation = stringValues(action.input).map((v) => GRAPHQL_DESTRUCTIVE.exec(v)?.[1]).find(Boolean);
    if (!verb && !mutation) return;
    const prod = productionIn(action);
    const severe = (verb !== undefined && IRREVERSIBLE.has(verb)) || mutation !== undefined;
    ctx.report({
      target: tool,
      data: { tool, what: mutation ? `sends the GraphQL mutation ${mutation}` : `is a "${verb}" operation` },
      decision: prod && severe ? 'block' : 'ask',
      signals: prod ? [`production in the arguments: ${prod.slice(0, 80)}`] : undefined,
    });
  },
  tests: {
    pause: [
      { input: { kind: 'mcp', server: 'railway', tool: 'volumeDelete', input: { volumeId: 'vol-123' } } },
      { input: { kind: 'mcp', server: 'github', tool: 'delete_repository', input: { owner: 'acme', repo: 'api' } } },
      { input: { kind: 'mcp', server: 'supabase', tool: 'reset_branch', input: { branch_id: 'b1' } } },
      { input: { kind: 'mcp', server: 'k8s', tool: 'pods_delete', input: { name: 'web-1', namespace: 'default' } } },
      { input: { kind: 'mcp', server: 'neon', tool: 'delete_project', input: { project: 'shop-production' } }, decision: 'block' },
      { input: { kind: 'mcp', server: 'prod-redis', tool: 'flush_db', input: {} }, decision: 'block' },
      { input: { kind: 'mcp', server: 'railway', tool: 'graphql', input: { query: 'mutation { volumeDelete(volumeId: "vol-1") }' } } },
      { input: { kind: 'mcp', server: 'api', tool: 'graphql', input: { query: 'mutation($id: ID!) { projectDestroy(id: $id) }', variables: { env: 'production' } } }, decision: 'block' },
    ],
    pass: [
      { input: { kind: 'mcp', server: 'github', tool: 'list_issues', input: { owner: 'acme', repo: 'api' } } },
      { input: { kind: 'mcp', server: 'fs', tool: 'read_file', input: { path: 'src/index.ts' } } },
      { input: { kind: 'mcp', server: 'railway', tool: 'graphql', input: { query: 'query { volumes { id name } }' } } },
      { input: { kind: 'mcp', server: 'memory', tool: 'create_entities', input: { entities: [{ name: 'deleted items' }] } } },
      { input: { kind: 'mcp', server: 'browser', tool: 'navigate', input: { url: 'https://example.com/delete-account-help' } } },
    ],
  },
});
