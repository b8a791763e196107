/**
 * MCP tool calls are actions too (issue 4): SQL and shell commands in their arguments are judged by the SQL and
 * shell rules, with the connection target when the arguments name one.
 */
import { it } from 'node:test';
import * as assert from 'node:assert/strict';
import { evaluate } from '../../src/engine/evaluate';
import type { McpAction } from '../../src/engine/types';

const options = { env: {}, home: '/home/dev', workspaceRoot: '/home/dev/project' };
const judge = (server: string, tool: string, input: unknown) =>
  evaluate({ kind: 'mcp', server, tool, input, cwd: '/home/dev/project' } satisfies McpAction, options);

it('hands SQL in the arguments to the SQL rules, with the target it names', () => {
  const prod = judge('postgres', 'query', { sql: 'DELETE FROM users', connection_string: 'postgres://app@db.prod.internal/app' });
  assert.equal(prod.decision, 'block');
  assert.ok(prod.findings.some((f) => f.ruleId === 'sql/delete-without-where'));
  const test = judge('postgres', 'query', { sql: 'DELETE FROM users WHERE id = 42', connection_string: 'postgres://localhost/app_test' });
  assert.equal(test.decision, 'allow', test.reason);
  assert.equal(judge('db', 'execute_sql', { query: 'DROP TABLE users' }).decision, 'block');
});

it('hands shell commands in the arguments to the shell rules', () => {
  assert.equal(judge('terminal', 'run_command', { command: 'rm -rf ~' }).decision, 'block');
  assert.equal(judge('terminal', 'run', { argv: ['rm', '-rf', '/'] }).decision, 'block');
  assert.equal(judge('terminal', 'run_command', { command: 'git status' }).decision, 'allow');
});

it('reads cloud CLI commands, command lists and HTTP requests in the arguments', () => {
  assert.equal(judge('aws', 'call_aws', { cli_command: 'aws s3 rb s3://company-data --force' }).decision, 'block');
  assert.equal(judge('aws', 'call_aws', { cli_command: 'aws s3 ls' }).decision, 'allow');
  // The lines of a command list share one shell: the context selected first applies to the delete.
  assert.equal(judge('terminal', 'execute_command', { commands: ['kubectl config use-context prod', 'kubectl delete deploy api'] }).decision, 'block');
  assert.equal(judge('terminal', 'execute_command', { commands: ['kubectx prod', 'kubectl get pods -A'] }).decision, 'allow');
  const del = judge('fetch', 'fetch', { url: 'https://api.example.com/v1/databases/main', method: 'DELETE' });
  assert.equal(del.decision, 'block');
  assert.ok(del.findings.some((f) => f.ruleId === 'http/delete-request'));
  assert.equal(judge('http', 'http_request', { url: 'https://api.example.com/v1/users/1', method: 'delete', headers: { Authorization: 'Bearer x' } }).decision, 'ask');
  const mutation = judge('http', 'request', { url: 'https://backboard.example.app/graphql/v2', method: 'POST', json: { query: 'mutation { volumeDelete(volumeId: "v") }' } });
  assert.equal(mutation.decision, 'block');
  assert.equal(judge('http', 'http_request', { url: 'https://api.example.com/v1/users/1', method: 'GET' }).decision, 'allow');
  assert.equal(judge('http', 'http_request', { url: 'http://localhost:3000/api/users/1', method: 'DELETE' }).decision, 'allow');
});

it('pauses tools named after destruction even with harmless-looking arguments, and reads without a pause', () => {
  assert.equal(judge('railway', 'volumeDelete', { volumeId: 'vol-1' }).decision, 'ask');
  assert.equal(judge('github', 'get_file_contents', { path: 'README.md' }).decision, 'allow');
});
