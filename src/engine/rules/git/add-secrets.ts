import { defineCommandRule } from '../../rule';
import { positionals } from '../../shell/words';
import { parseGit } from './_git';

/**
 * Files that hold credentials (catalog §2 "Committing secrets" and §8), also named by a glob (`*.pem`,
 * `secrets/*.key`, `.env*`, `id_*`): the shell or git expands it to the same files. Templates are fine.
 */
const SECRET = /(^|\/)(\.env\*?(\.[\w.*?-]+)?|[\w.*?-]+\.env|\.envrc|[\w.*?-]*\.pem|[\w.*?-]*\.key|[\w.*?-]*\.p12|[\w.*?-]*\.pfx|[\w.*?-]*\.jks|[\w.*?-]*\.keystore|id_(rsa|dsa|ecdsa|ed25519|\*)|credentials(\.json)?|service[-_]account[\w.*?-]*\.json|[\w.*?-]*\.tfstate(\.backup)?|[\w.*?-]*\.tfvars|secrets?\.(ya?ml|json|toml)|\.netrc|\.pgpass|\.npmrc|\.pypirc|master\.key|htpasswd|\.htpasswd)$/i;
const TEMPLATE = /(\.|_|-)(example|sample|template|dist|defaults?|schema|tpl|ci|test)$|\.pub$|^\.env\.test\b/i;

/** Folders of keys and credentials: `git add -f` of one (or of everything in it) brings ignored secrets in. */
const SECRET_FOLDER = /(^|\/)(secrets?|credentials|private[-_]?keys?|keys|certs|\.ssh|\.aws|\.gnupg)(\/(\*\*?(\/\*)?)?)?$/i;

function isSecretPath(p: string): boolean {
  const spec = p.replace(/^["']|["']$/g, '');
  // `:!.env`, `:^.env` and `:(exclude).env` keep the file out.
  if (/^:([!^]|\([^)]*\bexclude\b)/.test(spec)) return false;
  // `:(glob)**/*.key`, `:/x` and other pathspec magic in front of the pattern.
  const clean = spec.replace(/^:(\([^)]*\)|\/)/, '').replace(/^\.\//, '').replace(/^["']|["']$/g, '');
  const base = clean.split('/').pop() ?? clean;
  return SECRET.test(clean) && !TEMPLATE.test(base) && !/\.(ts|js|py|rb|go|rs|java|md|txt)$/i.test(base);
}

export default defineCommandRule({
  meta: {
    id: 'git/add-secrets',
    commands: ['git'],
    decision: 'block',
    severity: 'critical',
    description: 'Stages or commits files that hold credentials (`.env`, private keys, `credentials.json`, `*.tfstate`); once pushed, the secret has to be rotated.',
    message: 'Puts {{target}} (a file with credentials) into git history',
    safer: 'Add the file to .gitignore and commit a template such as `.env.example` instead.',
  },
  check(cmd, ctx) {
    const git = parseGit(cmd, cmd.cwd ?? ctx.cwd);
    const a = git.args;
    let paths: string[];
    if (git.sub === 'add' || git.sub === 'stage') paths = positionals(a, ['--chmod', '--pathspec-from-file']);
    else if (git.sub === 'commit') paths = positionals(a, ['-m', '--message', '-F', '--file', '-C', '-c', '--author', '--date', '-t', '--template', '--fixup', '--squash', '--trailer', '--cleanup']);
    else return;
    const forced = git.sub !== 'commit' && a.some((x) => x === '-f' || x === '--force' || /^-[A-Za-z]*f[A-Za-z]*$/.test(x));
    const secrets = paths.filter((p) => isSecretPath(p) || (forced && SECRET_FOLDER.test(p.replace(/^["']|["']$/g, '').replace(/^\.\//, ''))));
    if (secrets.length) ctx.report({ target: secrets.join(', ') });
  },
  tests: {
    pause: [
      'git add .env',
      'git add -f .env',
      'git add --force .env.local',
      'git add .env.production',
      'git add config/master.key',
      'git add ~/.ssh/id_rsa',
      'git add certs/server.key certs/server.crt',
      'git add terraform/terraform.tfstate',
      'git add gcp/service-account-prod.json',
      'git add . .env && git commit -m "wip"',
      'git commit -m "add config" .env',
      'git add -- ./.env',
      'git -C app add credentials.json',
      'git add *.pem',
      'git add -f secrets/*.key',
      "git add '*.p12' && git commit -m certs",
      'git add -f .env*',
      'git add ~/.ssh/id_*',
      "git add ':(glob)**/*.tfvars'",
      'git add -f secrets/',
      'git add --force config/credentials/*',
      'git add deploy/*.tfstate',
    ],
    pass: [
      'git add .env.example',
      'git add .env.sample .env.template',
      'git add -A',
      'git add .',
      'git add src/config/env.ts',
      'git add docs/env.md',
      'git add ~/.ssh/id_ed25519.pub',
      'git commit -m "document .env setup"',
      'git add src/ tests/ && git commit -m "feat: parser"',
      'git add .gitignore',
      'git add *.ts *.json',
      'git add src/*.py',
      "git add -A -- . ':!.env'",
      "git add . ':(exclude)*.pem'",
      'git add .env*.example',
      'git add docs/keys.md',
      'git add -f dist/',
      'git add secrets/README.md',
    ],
  },
});
