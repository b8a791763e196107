import { defineCommandRule } from '../../rule';
import type { Decision } from '../../types';
import { positionals } from '../../shell/words';
import { classifyRef, describeRef, gitFlag, parseGit, shortRef } from './_git';
import { PUSH_VALUE } from './force-push';

/** Topic branches by convention (an agent's or a person's short-lived work): `feat/x`, `fix-y`, `tmp/z`, `claude/…`. */
const TOPIC = /^(feat|feature|features|fix|bugfix|chore|docs|doc|refactor|test|tests|ci|build|perf|style|tmp|temp|wip|spike|experiment|exp|agent|ai|claude|copilot|codex|cursor|devin|gemini|windsurf|cline|dependabot|renovate|deps|topic|try|pr|patch|cleanup)[/_-]/i;

export default defineCommandRule({
  meta: {
    id: 'git/delete-remote-ref',
    commands: ['git'],
    decision: 'block',
    severity: 'high',
    description: 'Deletes branches or tags on the remote: `git push origin --delete <b>`, `git push origin :<b>`, `:refs/tags/v1`, `git push --prune`. Topic branches (`feat/…`, `fix/…`, `tmp/…`) may be deleted after a merge.',
    message: 'Deletes {{target}} on the remote',
    safer: 'Delete only merged topic branches, and keep release branches and published tags.',
  },
  check(cmd, ctx) {
    const git = parseGit(cmd, cmd.cwd ?? ctx.cwd);
    if (git.sub !== 'push') return;
    const a = git.args;
    if (gitFlag(a, 'n', '--dry-run')) return;
    if (gitFlag(a, undefined, '--prune')) {
      ctx.report({ target: 'every remote branch without a local counterpart (--prune)' });
      return;
    }
    const specs = positionals(a, PUSH_VALUE).slice(1);
    const deleting = gitFlag(a, 'd', '--delete');
    const refs = deleting ? specs.map((s) => s.replace(/^\+/, '').replace(/^:/, '')) : specs.filter((s) => /^\+?:./.test(s)).map((s) => s.replace(/^\+?:/, ''));
    if (deleting && refs.length === 0) {
      ctx.report({ target: 'remote refs that are not known until it runs' });
      return;
    }
    for (const ref of refs) {
      const kind = classifyRef(ref);
      let decision: Decision = 'block';
      if (kind === 'topic') decision = TOPIC.test(shortRef(ref)) ? 'allow' : 'ask';
      if (decision === 'allow') continue;
      ctx.report({ target: describeRef(ref, kind), decision });
    }
  },
  tests: {
    pause: [
      'git push origin --delete main',
      'git push origin -d master',
      'git push origin :main',
      'git push origin :refs/tags/v1.0.0',
      'git push origin --delete v2.3.1',
      'git push origin :release/1.4',
      'git push --prune origin',
      'git push --prune origin "refs/heads/*:refs/heads/*"',
      'git push origin --delete "$BRANCH"',
      'git push --delete origin develop',
      'git branch -r | grep -v main | sed "s/origin\\///" | xargs git push origin --delete',
      { input: 'git push origin --delete payments-rework', decision: 'ask', note: 'not a conventional topic branch: maybe someone else’s' },
      { input: 'git push origin :alice-spike', decision: 'ask' },
    ],
    pass: [
      'git push origin --delete feat/tmp-x',
      'git push origin :fix/login-redirect',
      'git push origin -d claude/refactor-parser',
      'git push origin --delete tmp-experiment',
      'git push origin feat/x',
      'git push origin main:main',
      'git push --dry-run origin --delete main',
      'git fetch --prune',
      'git remote prune origin',
    ],
  },
});
