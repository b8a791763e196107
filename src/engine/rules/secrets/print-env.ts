import { defineCommandRule } from '../../rule';
import type { SimpleCommand } from '../../shell/types';
import { harmlessExpansion, isSecretVar, NETWORK_SENDERS, REDUCING_CONSUMERS, varRefs } from './_secrets';

const FILTERS = new Set(['grep', 'egrep', 'fgrep', 'rg', 'findstr', 'select-string', 'where-object', 'awk', 'sed']);
const SECRET_PATTERN = /key|token|secret|pass|pwd|cred|auth|dsn|database_url|_url|conn|private|session|cookie|aws|api|gh_|github|openai|anthropic|stripe|npm|^\.$|^\.\*$|^=$/i;

/** Where a dump of every variable ends up: printed, filtered for harmless names, counted, or sent away. */
function dumpFate(cmd: SimpleCommand): 'printed' | 'filtered' | 'sent' | 'captured' {
  if (cmd.wrappers.some((w) => w === '$()' || w === '<()')) return 'captured';
  if (cmd.redirects.some((r) => (r.op === '>' || r.op === '>>') && (r.fd === undefined || r.fd === 1) && !/^\/dev\/(stdout|stderr|tty|tcp\/)/.test(r.target))) return 'captured';
  const to = cmd.pipedTo;
  if (!to) return 'printed';
  if (NETWORK_SENDERS.has(to.name)) return 'sent';
  if (REDUCING_CONSUMERS.has(to.name)) return 'captured';
  if (to.name === 'cut' && to.args.some((a) => /^-f1$|^--fields=1$/.test(a) || a === '1')) return 'captured';
  if (FILTERS.has(to.name)) {
    // `printenv | grep npm_ | wc -l`: the filtered lines are only counted.
    if (to.pipedTo && REDUCING_CONSUMERS.has(to.pipedTo.name)) return 'captured';
    if (to.args.some((a) => /^-[A-Za-z]*[clq][A-Za-z]*$/.test(a) || /^--(count|quiet|files-with-matches)$/.test(a))) return 'captured';
    const pattern = to.args.find((a) => !a.startsWith('-')) ?? '';
    if (/print\s+\$1\b/.test(pattern) && !/\$2|\$0/.test(pattern)) return 'captured';
    if (pattern && !SECRET_PATTERN.test(pattern) && pattern.length >= 2) return 'filtered';
  }
  return 'printed';
}

const DUMPERS = ['env', 'printenv', 'export', 'declare', 'typeset', 'set', 'compgen', 'get-childitem', 'get-item', 'dir'];
const ECHOERS = ['echo', 'printf', 'print', 'write-output', 'write-host', 'out-host', 'say'];

export default defineCommandRule({
  meta: {
    id: 'secrets/print-env',
    commands: [...DUMPERS, ...ECHOERS],
    decision: 'ask',
    severity: 'high',
    description: 'Printing environment variables that hold tokens: a full dump (`env`, `printenv`, `export -p`, `set`, `Get-ChildItem env:`) or one secret-looking variable (`echo $GITHUB_TOKEN`, `printenv AWS_SECRET_ACCESS_KEY`). The transcript keeps them.',
    message: '{{how}} prints {{target}} into the agent\'s transcript',
    safer: 'Filter for the variable you need by a harmless name (`env | grep JAVA`), print only names (`env | cut -d= -f1`), or test for presence: `[ -n "$TOKEN" ] && echo set`, `echo ${#TOKEN}`.',
  },
  check(cmd, ctx) {
    const name = cmd.name;
    const args = cmd.args;
    const report = (target: string, how: string): void => ctx.report({ target, data: { how }, signals: [`${target} may hold tokens and passwords`] });
    if (name === 'env' || name === 'printenv') {
      const names = args.filter((a) => !a.startsWith('-'));
      if (name === 'env' && names.length) return; // `env X=1 cmd` runs a command (unwrapped elsewhere)
      if (names.length) {
        const secret = names.filter(isSecretVar);
        if (secret.length && !cmd.wrappers.some((w) => w === '$()') && !cmd.pipedTo) report(secret.join(', '), `\`${name}\``);
        return;
      }
      if (dumpFate(cmd) === 'printed') report('every environment variable', `\`${name}\``);
      return;
    }
    if ((name === 'export' || name === 'declare' || name === 'typeset') && (args.length === 0 || args.every((a) => /^-[pxg]+$/.test(a)))) {
      if (dumpFate(cmd) === 'printed') report('every exported variable', `\`${name}${args.length ? ' ' + args.join(' ') : ''}\``);
      return;
    }
    if (name === 'set' && cmd.shell !== 'powershell') {
      if (cmd.shell === 'cmd') {
        const prefix = args.find((a) => !a.startsWith('/'));
        if (prefix === undefined && dumpFate(cmd) === 'printed') report('every environment variable', '`set`');
        else if (prefix !== undefined && !prefix.includes('=') && isSecretVar(prefix) && dumpFate(cmd) === 'printed') report(prefix, '`set`');
        return;
      }
      if (args.length === 0 && dumpFate(cmd) === 'printed') report('every shell variable', '`set`');
      return;
    }
    if (name === 'compgen') return;
    if (name === 'get-childitem' || name === 'get-item' || name === 'dir') {
      const target = args.find((a) => /^env:/i.test(a.replace(/^-path:?/i, '')));
      if (!target) return;
      const rest = target.replace(/^env:\\?/i, '');
      if (rest === '' || rest === '*') {
        if (dumpFate(cmd) === 'printed') report('every environment variable', `\`${cmd.rawName} env:\``);
      } else if (isSecretVar(rest.replace(/\*/g, '')) || /\*(key|token|secret|pass)/i.test(rest)) {
        if (dumpFate(cmd) === 'printed') report(rest, `\`${cmd.rawName}\``);
      }
      return;
    }
    // echo/printf of a secret-looking variable. Output that is piped on (to `gh auth login --with-token`), captured
    // or written to a file is not printed.
    if (cmd.pipedTo || cmd.wrappers.some((w) => w === '$()') || cmd.redirects.some((r) => r.op === '>' || r.op === '>>')) return;
    const refs = args.filter((a) => !harmlessExpansion(a)).flatMap(varRefs).filter(isSecretVar);
    if (refs.length) report([...new Set(refs)].map((r) => `$${r}`).join(', '), `\`${name}\``);
  },
  tests: {
    pause: [
      'printenv',
      'env',
      'env | sort',
      'env | grep -i token',
      'printenv | grep KEY',
      'export -p',
      'declare -x',
      'set',
      'echo $GITHUB_TOKEN',
      'echo "token is $OPENAI_API_KEY"',
      'echo ${AWS_SECRET_ACCESS_KEY}',
      'printenv AWS_SECRET_ACCESS_KEY',
      'printf "%s\\n" "$DATABASE_URL"',
      'echo $DB_PASSWORD',
      'cd app && echo "$STRIPE_SECRET_KEY"',
      { input: 'Get-ChildItem env:' },
      { input: 'gci env:' },
      { input: 'echo $env:GITHUB_TOKEN' },
      { input: { kind: 'shell', command: 'set', shell: 'cmd' } },
      { input: { kind: 'shell', command: 'echo %API_KEY%', shell: 'cmd' } },
      'ssh prod "printenv"',
      'docker exec api env',
      'kubectl exec deploy/api -- env',
    ],
    pass: [
      'env | grep JAVA',
      'env | grep -i node',
      'printenv | grep PATH',
      'env | grep -c .',
      'env | wc -l',
      'printenv | grep -i ^npm_ | wc -l',
      'env | cut -d= -f1',
      'printenv HOME',
      'printenv NODE_ENV',
      'echo $PATH',
      'echo $NODE_ENV',
      'echo $PWD',
      'echo $SSH_AUTH_SOCK',
      'echo ${#GITHUB_TOKEN}',
      'echo ${GITHUB_TOKEN:+set}',
      '[ -n "$GITHUB_TOKEN" ] && echo "token set"',
      'echo "$GITHUB_TOKEN" | gh auth login --with-token',
      'echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" >> ~/.npmrc',
      'env NODE_ENV=test npm test',
      'env -u DEBUG node app.js',
      'export NODE_ENV=production',
      'export PATH="$HOME/.local/bin:$PATH"',
      'set -euo pipefail',
      'set -x',
      'declare -a items=(a b c)',
      'echo "done"',
      { input: '$env:NODE_ENV = "test"' },
      { input: 'Get-ChildItem env:PATH' },
    ],
  },
});
