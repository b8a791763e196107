import { defineCommandRule } from '../../rule';
import { NETWORK_SENDERS, outputIsCaptured, printedSecretFiles, secretFile } from './_secrets';

const READING = [
  'cat', 'tac', 'less', 'more', 'most', 'head', 'tail', 'bat', 'batcat', 'nl', 'od', 'xxd', 'hexdump', 'hd', 'strings', 'base64',
  'base32', 'basenc', 'column', 'fold', 'fmt', 'pr', 'paste', 'diff', 'colordiff', 'sort', 'uniq', 'rev', 'expand', 'get-content',
  'type', 'vimcat', 'view', 'zcat', 'gzcat', 'bzcat', 'xzcat', 'zless', 'grep', 'egrep', 'fgrep', 'zgrep', 'rg', 'ag', 'ack', 'awk',
  'gawk', 'mawk', 'sed', 'jq', 'yq', 'cut', 'select-string', 'findstr', 'dd', 'cp', 'install', 'openssl', 'git',
];
/** Readers that print what arrives on standard input when no file is named. */
const STDIN_PRINTERS = new Set(['cat', 'tac', 'less', 'more', 'head', 'tail', 'bat', 'nl', 'od', 'xxd', 'hexdump', 'strings', 'base64', 'grep', 'egrep', 'rg', 'awk', 'sed', 'jq', 'yq', 'sort', 'column']);

export default defineCommandRule({
  meta: {
    id: 'secrets/print-secret-file',
    commands: READING,
    decision: 'ask',
    severity: 'high',
    description: 'Printing a file that holds secrets (.env files, private keys, cloud and tool credentials, kubeconfigs, Terraform state and variables) into the agent\'s transcript, which leaves the machine and cannot be taken back.',
    message: 'Prints {{what}} ({{target}}) into the agent\'s transcript',
    safer: 'Check that the file exists or which keys it defines without printing values: `test -f .env`, `wc -l .env`, `cut -d= -f1 .env`, or read `.env.example`.',
  },
  check(cmd, ctx) {
    if (outputIsCaptured(cmd)) return;
    if (cmd.pipedTo && NETWORK_SENDERS.has(cmd.pipedTo.name)) return; // secrets/exfiltration judges the whole pipe
    const cwd = cmd.cwd ?? ctx.cwd;
    const found = printedSecretFiles(cmd, cwd, ctx.home);
    if (!found.length && cmd.stdin?.kind === 'file' && STDIN_PRINTERS.has(cmd.name)) {
      const what = secretFile(cmd.stdin.path, cwd, ctx.home);
      if (what && !(cmd.name === 'grep' && cmd.args.some((a) => /^-[A-Za-z]*[clq]/.test(a)))) found.push({ file: cmd.stdin.path, what });
    }
    for (const f of found) {
      ctx.report({ target: f.file, data: { what: f.what }, signals: [`${f.file} is ${f.what}`] });
    }
  },
  tests: {
    pause: [
      'cat .env',
      'cat .env.local',
      'cat .env.production',
      'less backend/.env',
      'head -n 20 .env.development',
      'tail -5 ./config/.env',
      'bat .env',
      'grep API_KEY .env',
      'grep -i stripe .env.local',
      'base64 .env',
      'xxd .env | head',
      'cut -d= -f2 .env',
      'sed -n "1,20p" .env',
      'awk -F= \'{print $2}\' .env',
      'jq . secrets.json',
      'jq -r .private_key service-account.json',
      'cat ~/.aws/credentials',
      'cat ~/.config/gh/hosts.yml',
      'cat ~/.npmrc',
      'cat ~/.docker/config.json',
      'cat ~/.netrc',
      'cat ~/.pgpass',
      'cat ~/.kube/config',
      'cat ~/.ssh/id_rsa',
      'cat $HOME/.ssh/id_ed25519',
      'cat server.key',
      'cat certs/private.pem',
      'openssl rsa -in key.pem -text',
      'cat terraform.tfstate',
      'cat prod.tfvars',
      'cat config/master.key',
      'cat /proc/self/environ',
      'sudo cat /etc/shadow',
      'cat < .env',
      'sort .env',
      'diff .env .env.example',
      'git show HEAD:.env',
      'cd backend && cat .env',
      { input: 'Get-Content .env', note: 'PowerShell' },
      { input: { kind: 'shell', command: 'type .env', shell: 'cmd' }, note: 'cmd.exe' },
      { input: 'cmd /c type .env', note: 'cmd.exe inside bash' },
      'ssh prod "cat /srv/app/.env"',
      'docker exec api cat /app/.env',
    ],
    pass: [
      'cat .env.example',
      'cat .env.sample',
      'cat .env.template',
      'cp .env.example .env',
      'wc -l .env',
      'test -f .env',
      'ls -la .env',
      'source .env',
      'set -a && . ./.env && set +a',
      'chmod 600 .env',
      'cat ~/.ssh/id_ed25519.pub',
      'cat ~/.ssh/config',
      'grep -c "^DB_" .env',
      'grep -q STRIPE_KEY .env && echo present',
      'cut -d= -f1 .env',
      'awk -F= \'{print $1}\' .env',
      'cat .env | wc -l',
      'export $(grep -v "^#" .env | xargs)',
      'export $(cat .env | xargs)',
      'sha256sum .env',
      'cat package.json',
      'cat cert.pem',
      'cat fullchain.pem',
      'jq . tsconfig.json',
      'grep -rn "process.env.API_KEY" src/',
      'sed -i "s/^DEBUG=.*/DEBUG=true/" .env',
      'head -n 50 src/env.ts',
      'cat environment.ts',
      'cat docs/secrets.md',
      'less terraform.tfvars.example',
      'cat .envrc.example',
    ],
  },
});
