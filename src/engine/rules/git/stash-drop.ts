import { defineCommandRule } from '../../rule';
import { positionals } from '../../shell/words';
import { parseGit } from './_git';

export default defineCommandRule({
  meta: {
    id: 'git/stash-drop',
    commands: ['git'],
    decision: 'block',
    severity: 'high',
    description: '`git stash drop` and `git stash clear` delete stashed work; a stash is often the only copy of uncommitted changes.',
    message: 'Deletes {{target}}, which may be the only copy of that work',
    safer: 'Apply the stash on a branch first (`git stash branch <name>`), or keep it; stashes cost nothing.',
  },
  check(cmd, ctx) {
    const git = parseGit(cmd, cmd.cwd ?? ctx.cwd);
    if (git.sub !== 'stash') return;
    const sub = git.args[0];
    if (sub === 'clear') ctx.report({ target: 'every stash (git stash clear)' });
    else if (sub === 'drop') ctx.report({ target: `the stash ${positionals(git.args.slice(1))[0] ?? 'stash@{0}'}` });
  },
  tests: {
    pause: [
      'git stash drop',
      'git stash drop stash@{2}',
      'git stash clear',
      'git stash -u && git stash drop',
      'git -C api stash clear',
      'git stash list | cut -d: -f1 | xargs -n1 git stash drop',
    ],
    pass: [
      'git stash',
      'git stash -u',
      'git stash push -m "wip parser"',
      'git stash list',
      'git stash pop',
      'git stash apply stash@{1}',
      'git stash show -p',
      'git stash branch recovered stash@{0}',
    ],
  },
});
