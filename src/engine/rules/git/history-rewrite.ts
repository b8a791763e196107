import { defineCommandRule } from '../../rule';
import { positionals } from '../../shell/words';
import { gitFlag, parseGit } from './_git';

const HELP = /^(-h|--help|--version|-V)$/;

export default defineCommandRule({
  meta: {
    id: 'git/history-rewrite',
    commands: ['git', 'bfg', 'java'],
    decision: 'block',
    severity: 'critical',
    description: 'Rewrites every commit of the repository: `git filter-branch`, `git filter-repo`, BFG Repo-Cleaner, `git replace`. Every clone then diverges, and a force push follows.',
    message: 'Rewrites the repository history with {{tool}}',
    safer: 'Work on a fresh mirror clone (`git clone --mirror`), check the result, and coordinate the force push with everyone who has a clone.',
  },
  check(cmd, ctx) {
    if (cmd.name === 'bfg' || (cmd.name === 'java' && cmd.args.some((a) => /(^|\/)bfg[^/]*\.jar$/i.test(a)))) {
      if (cmd.args.length === 0 || cmd.args.some((a) => HELP.test(a))) return;
      ctx.report({ target: 'every commit', data: { tool: 'BFG Repo-Cleaner' } });
      return;
    }
    if (cmd.name !== 'git') return;
    const git = parseGit(cmd, cmd.cwd ?? ctx.cwd);
    const a = git.args;
    if (a.some((x) => HELP.test(x))) return;
    if (git.sub === 'filter-branch') {
      ctx.report({ target: positionals(a).filter((p) => p !== '--').join(' ') || 'the current branch', data: { tool: 'git filter-branch' } });
    } else if (git.sub === 'filter-repo') {
      if (gitFlag(a, undefined, '--analyze', '--dry-run')) return;
      ctx.report({ target: 'every commit', data: { tool: 'git filter-repo' } });
    } else if (git.sub === 'replace') {
      if (a.length === 0 || gitFlag(a, 'l', '--list') || gitFlag(a, 'd', '--delete')) return;
      ctx.report({ target: positionals(a).join(' ') || 'a commit', data: { tool: 'git replace' }, decision: 'ask' });
    }
  },
  tests: {
    pause: [
      "git filter-branch --tree-filter 'rm -f passwords.txt' HEAD",
      "git filter-branch --force --index-filter 'git rm --cached --ignore-unmatch .env' --prune-empty --tag-name-filter cat -- --all",
      'git filter-branch --msg-filter "sed s/foo/bar/" -- --all',
      'git filter-repo --path secrets/ --invert-paths',
      'git filter-repo --replace-text expressions.txt --force',
      'bfg --delete-files id_rsa',
      'bfg --replace-text passwords.txt my-repo.git',
      'java -jar bfg-1.14.0.jar --strip-blobs-bigger-than 50M',
      'cd repo && git filter-repo --subdirectory-filter packages/core',
      { input: 'git replace --graft HEAD~10', decision: 'ask' },
    ],
    pass: [
      'git filter-repo --analyze',
      'git filter-branch --help',
      'bfg --help',
      'git replace -l',
      'git rebase main',
      'git rebase -i HEAD~3',
      'java -jar target/app.jar --server.port=8080',
      'pip install git-filter-repo',
    ],
  },
});
