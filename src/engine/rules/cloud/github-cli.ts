import { defineCommandRule } from '../../rule';
import type { RuleContext } from '../../rule';
import type { SimpleCommand } from '../../shell/types';
import type { Cli } from './_cli';
import { flagValue, judgeCli, words } from './_cli';

const GH: Cli = {
  valueOptions: ['-R', '--repo', '--hostname', '-b', '--body', '-t', '--title', '--visibility', '-e', '--env', '--org', '-o'],
  confirm: ['--yes', '-y', '--confirm'],
  safer: 'Archive instead of deleting (`gh repo archive`), keep the tag (drop `--cleanup-tag`), and run it yourself after checking the name.',
  ops: [
    { sub: 'repo delete', decision: 'block', what: 'deletes the repository {{target}} with its issues, pull requests and wiki', target: (inv) => inv.rest[0] ?? inv.value('-R', '--repo') ?? 'the current repository' },
    { sub: 'repo edit', decision: 'block', what: 'makes the repository {{target}} public', when: (inv) => /^public$/i.test(inv.value('--visibility') ?? ''), target: (inv) => inv.rest[0] ?? 'the current repository' },
    { sub: 'repo archive', what: 'archives the repository {{target}} (read-only for everyone)' },
    { sub: 'release delete', what: 'deletes the release {{target}}', escalate: (inv) => [inv.has('--cleanup-tag') && '--cleanup-tag deletes the git tag too'] },
    { sub: 'release delete-asset', what: 'deletes a release asset of {{target}}' },
    { sub: 'secret delete|remove || variable delete|remove', what: 'deletes the secret or variable {{target}} (workflows that use it break)' },
    { sub: 'issue delete', what: 'deletes the issue {{target}} for good' },
    { sub: 'ssh-key delete || gpg-key delete', what: 'deletes the key {{target}}' },
    { sub: 'codespace delete', what: 'deletes codespaces ({{target}}) with any unpushed work', when: (inv) => inv.has('--all') || inv.rest.length > 0 || inv.has('-c', '--codespace'), target: (inv) => (inv.has('--all') ? 'all of them' : inv.value('-c', '--codespace') ?? inv.rest[0]) },
    { sub: 'project delete', what: 'deletes the project {{target}}' },
    { sub: 'environment delete', what: 'deletes the deployment environment {{target}}' },
  ],
};

const GLAB: Cli = {
  valueOptions: ['-R', '--repo', '-g', '--group'],
  confirm: ['--yes', '-y'],
  ops: [
    { sub: 'repo delete', decision: 'block', what: 'deletes the project {{target}}', target: (inv) => inv.rest[0] ?? 'the current project' },
    { sub: 'release delete', what: 'deletes the release {{target}}', escalate: (inv) => [inv.has('--with-tag', '-t') && 'it deletes the tag too'] },
    { sub: 'variable delete', what: 'deletes the CI variable {{target}}' },
  ],
};

const HUB: Cli = { valueOptions: [], confirm: ['-y', '--yes'], ops: [{ sub: 'delete', decision: 'block', what: 'deletes the repository {{target}}' }] };

/** `gh api` / `glab api` are HTTP calls: hand them to the HTTP rules. */
function apiCall(cmd: SimpleCommand, ctx: RuleContext, host: string): boolean {
  const w = words(cmd.args, ['-X', '--method', '-f', '-F', '--field', '--raw-field', '-H', '--header', '--hostname', '--input', '-q', '--jq', '-t', '--template', '--cache']);
  if (w[0] !== 'api' || w[1] === undefined) return false;
  const path = w[1];
  const fields: Record<string, string> = {};
  for (let i = 0; i < cmd.args.length; i++) {
    const a = cmd.args[i]!;
    if ((a === '-f' || a === '-F' || a === '--field' || a === '--raw-field') && cmd.args[i + 1]) {
      const kv = cmd.args[++i]!;
      const eq = kv.indexOf('=');
      if (eq > 0) fields[kv.slice(0, eq)] = kv.slice(eq + 1);
    }
  }
  const explicit = flagValue(cmd.args, '-X', '--method');
  const method = (explicit ?? (Object.keys(fields).length ? 'POST' : 'GET')).toUpperCase();
  const url = /^https?:\/\//.test(path) ? path : path === 'graphql' ? `https://${host}/graphql` : `https://${host}/${path.replace(/^\//, '')}`;
  ctx.nested({ kind: 'http', method, url, body: Object.keys(fields).length ? JSON.stringify(fields) : undefined, env: cmd.env });
  return true;
}

export default defineCommandRule({
  meta: {
    id: 'cloud/github-cli',
    commands: ['gh', 'glab', 'hub'],
    decision: 'ask',
    severity: 'critical',
    description: 'GitHub and GitLab CLI commands that delete or expose: `gh repo delete`, `gh repo edit --visibility public`, `gh release delete --cleanup-tag`, `gh secret delete`, `glab repo delete`; `gh api -X DELETE …` and GraphQL mutations through `gh api graphql` go to the HTTP rules.',
    message: '{{what}}',
    safer: 'Archive rather than delete, keep tags, and check the repository name; run destructive API calls yourself.',
  },
  check(cmd, ctx) {
    if (cmd.name === 'gh' && apiCall(cmd, ctx, flagValue(cmd.args, '--hostname') ?? 'api.github.com')) return;
    if (cmd.name === 'glab' && apiCall(cmd, ctx, `${flagValue(cmd.args, '--hostname') ?? 'gitlab.com'}/api/v4`)) return;
    judgeCli(cmd, ctx, cmd.name === 'gh' ? GH : cmd.name === 'glab' ? GLAB : HUB, cmd.name);
  },
  tests: {
    pause: [
      { input: 'gh repo delete octo/app --yes', decision: 'block' },
      { input: 'gh repo delete', decision: 'block' },
      { input: 'gh repo edit octo/internal --visibility public', decision: 'block' },
      'gh release delete v1.2.0',
      { input: 'gh release delete v1.2.0 --cleanup-tag -y', decision: 'block' },
      'gh secret delete NPM_TOKEN',
      'gh variable delete DEPLOY_ENV',
      'gh issue delete 42',
      'gh repo archive octo/old',
      { input: 'glab repo delete group/app --yes', decision: 'block' },
      { input: 'hub delete octo/app', decision: 'block' },
      'gh codespace delete --all',
    ],
    pass: [
      'gh repo view',
      'gh repo clone octo/app',
      'gh pr list',
      'gh pr create --fill',
      'gh pr merge 12 --squash --delete-branch',
      'gh release list',
      'gh release create v1.3.0 --generate-notes',
      'gh secret list',
      'gh secret set API_KEY --body "$API_KEY"',
      'gh run list --limit 5',
      'gh run delete 123456',
      'gh cache delete --all',
      'gh api repos/octo/app/pulls',
      'gh api graphql -f query="query { viewer { login } }"',
      'gh auth status',
      'glab mr list',
      'gh repo edit octo/app --visibility private',
    ],
  },
});
