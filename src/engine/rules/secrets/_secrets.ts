/**
 * What counts as a secret: files that hold credentials, variable names that hold tokens, and the commands that
 * print a file's contents. Shared by the secrets rules (printing, exfiltration).
 */
import * as path from 'node:path';
import type { SimpleCommand } from '../../shell/types';
import { resolvePath } from '../../shell/words';
import { substitutedCommand } from '../fs/_source';

const ENV_FILE = /^(\.env(\..+)?|[\w.-]+\.env|\.envrc|\.env\.local)$/i;
const ENV_TEMPLATE = /([._-](example|sample|template|dist|defaults?|schema|tpl|skel|orig)(\.|$))|[._-]example\.local$/i;
const PRIVATE_KEY = /^(id_(rsa|dsa|ecdsa|ed25519)(_sk)?|.*\.(key|p12|pfx|jks|keystore|ppk|p8|ovpn))$/i;
const PEM = /\.pem$/i;
const PUBLIC_PEM = /(cert|chain|ca|bundle|pub|public|crt|root|intermediate)[^/]*\.pem$/i;
const CREDENTIAL_JSON = /(service[-_]?account|credentials?|client[-_]?secrets?|sa[-_]key|gcp[-_]key|adminsdk|keyfile)[^/]*\.json$/i;
const SECRETS_FILE = /(^|[._-])secrets?\.(ya?ml|json|toml|env|txt|ini|properties|conf|cfg)$/i;
const TF_SECRET = /\.tfvars(\.json)?$|\.tfstate(\.backup)?$/i;
const KUBECONFIG = /^(kubeconfig([._-].*)?(\.ya?ml)?|.*\.kubeconfig)$/i;
const OTHER = /^(\.htpasswd|\.pgpass|\.netrc|_netrc|\.git-credentials|\.my\.cnf|\.boto|\.s3cfg|\.vault-token|\.databrickscfg|master\.key)$/i;

/** Paths under the home folder that hold credentials (a trailing `/` means everything below). */
const HOME_SECRETS = [
  '.aws/credentials', '.aws/sso/cache/', '.aws/cli/cache/', '.config/gh/hosts.yml', '.npmrc', '.yarnrc.yml', '.netrc', '.pgpass',
  '.docker/config.json', '.kube/config', '.kube/', '.git-credentials', '.pypirc', '.gem/credentials', '.cargo/credentials',
  '.cargo/credentials.toml', '.vault-token', '.terraform.d/credentials.tfrc.json', '.config/gcloud/application_default_credentials.json',
  '.config/gcloud/credentials.db', '.config/gcloud/access_tokens.db', '.config/gcloud/legacy_credentials/',
  '.azure/accessTokens.json', '.azure/msal_token_cache.json', '.azure/msal_token_cache.bin', '.config/hub', '.boto',
  '.s3cfg', '.config/rclone/rclone.conf', '.databrickscfg', '.snowsql/config', '.my.cnf', '.fly/config.yml',
  '.config/heroku/', '.local/share/com.vercel.cli/auth.json', '.config/netlify/config.json', '.supabase/access-token',
  '.config/doctl/config.yaml', '.config/op/', '.password-store/', '.gnupg/private-keys-v1.d/', '.mc/config.json',
  '.config/stripe/config.toml', '.config/configstore/firebase-tools.json', '.railway/config.json', '.wrangler/config/',
  '.config/.wrangler/config/', '.oci/config', '.composer/auth.json', '.config/composer/auth.json',
  '.m2/settings.xml', '.gradle/gradle.properties', '.nuget/NuGet/NuGet.Config', '.bundle/config',
];
const SYSTEM_SECRETS = [/^\/etc\/(g?shadow|sudoers)$/, /^\/etc\/ssl\/private\//, /^\/root\/\.ssh\//, /^\/proc\/(self|\d+)\/environ$/, /^\/var\/run\/secrets\//, /^\/run\/secrets\//];

/** What kind of secret a path holds ("an env file", "a private key"), or undefined for ordinary files. */
export function secretFile(arg: string, cwd: string | undefined, home: string): string | undefined {
  if (!arg || arg.startsWith('-') || arg.includes('://')) return undefined;
  // A glob in the last segment (`.env*`, `*.pem`, `config/*.key`) counts when a name it can match is a secret.
  const unquoted = arg.replace(/^["']|["']$/g, '');
  const cut = Math.max(unquoted.lastIndexOf('/'), unquoted.lastIndexOf('\\')) + 1;
  const last = unquoted.slice(cut);
  if (/[*?]/.test(last) && !/^[*?.]*$/.test(last)) {
    for (const fill of ['', 'x']) {
      const what = secretFile(unquoted.slice(0, cut) + last.replace(/\*+/g, fill).replace(/\?/g, 'x'), cwd, home);
      if (what) return what;
    }
  }
  const clean = arg.replace(/^["']|["']$/g, '').replace(/\\/g, '/');
  const homeRel = clean
    .replace(/^\$HOME(?=\/)/, '~')
    .replace(/^\$\{HOME\}(?=\/)/, '~')
    .replace(/^%USERPROFILE%(?=\/)/i, '~')
    .replace(/^\$env:USERPROFILE(?=\/)/i, '~');
  const resolved = resolvePath(homeRel, cwd, home);
  const base = path.posix.basename(clean);
  if (resolved) {
    if (resolved.startsWith(home + '/')) {
      const rel = resolved.slice(home.length + 1);
      if (rel.startsWith('.ssh/')) {
        if (base.endsWith('.pub') || /^(known_hosts(\.old)?|config|authorized_keys|environment)$/.test(base)) return undefined;
        return 'a private SSH key';
      }
      if (HOME_SECRETS.some((h) => (h.endsWith('/') ? rel.startsWith(h) : rel === h))) return `your credentials in ~/${rel}`;
    }
    if (SYSTEM_SECRETS.some((r) => r.test(resolved))) return `the system secret ${resolved}`;
  }
  // `.env.test` and `.env.ci` hold test settings and are committed by convention (Next.js, Rails).
  if (ENV_FILE.test(base) && !ENV_TEMPLATE.test(base) && !/^\.env\.(test|testing|ci)$/i.test(base)) return 'an env file with secrets';
  if (PEM.test(base) && !PUBLIC_PEM.test(base)) return 'a private key';
  if (PRIVATE_KEY.test(base) && !/\.pub$/i.test(base)) return 'a private key';
  if (CREDENTIAL_JSON.test(base) && !ENV_TEMPLATE.test(base.replace(/\.json$/i, ''))) return 'a credentials file';
  if (SECRETS_FILE.test(base) && !/sealed|encrypted|\.enc\./i.test(base)) return 'a secrets file';
  if (TF_SECRET.test(base) && !ENV_TEMPLATE.test(base.replace(/\.tfvars(\.json)?$/i, ''))) {
    return /tfstate/i.test(base) ? 'infrastructure state (it holds secrets in plain text)' : 'Terraform variables (they often hold secrets)';
  }
  if (KUBECONFIG.test(base)) return 'a kubeconfig with cluster credentials';
  if (OTHER.test(base)) return 'a credentials file';
  if (/(^|\/)config\/credentials\/[^/]+\.key$/.test(clean)) return 'a Rails credentials key';
  return undefined;
}

/** Names of variables that hold secrets: `GITHUB_TOKEN`, `AWS_SECRET_ACCESS_KEY`, `DATABASE_URL`, `DB_PASSWORD`. */
export function isSecretVar(name: string): boolean {
  const n = name.toUpperCase();
  if (/^(PWD|OLDPWD|PATH|HOME|USER|SHELL|TERM|LANG|HOSTNAME|EDITOR|PAGER|TMPDIR)$/.test(n)) return false;
  if (/_(SOCK|SOCKET|FILE|PATH|DIR|ID_FILE|HOST|PORT|USER|USERNAME|REGION|ENDPOINT|DOMAIN|NAME|TYPE|ENABLED|LENGTH|TTL|EXPIRY|EXPIRES)$/.test(n) && !/(DATABASE|DB|REDIS|MONGO)/.test(n)) return false;
  if (/(^|_)(KEY|KEYS|TOKEN|TOKENS|SECRET|SECRETS|PASS|PASSWD|PASSWORD|PASSPHRASE|PWD|CREDENTIAL|CREDENTIALS|CREDS|DSN|AUTH|PRIVATE|SESSION|COOKIE|SIGNATURE|APIKEY|PAT|OTP|SALT|PEPPER|WEBHOOK)(_|$)/.test(n)) return true;
  if (/(DATABASE|DB|REDIS|MONGO\w*|POSTGRES\w*|PG|MYSQL|AMQP|RABBITMQ|CONN\w*|CONNECTION|SQLALCHEMY_DATABASE)_(URL|URI|DSN|STRING)$/.test(n)) return true;
  if (/^(DATABASE_URL|DIRECT_URL|PGPASSWORD|MYSQL_PWD|NPM_TOKEN|NODE_AUTH_TOKEN|GH_TOKEN|GITHUB_TOKEN|HF_TOKEN|CI_JOB_TOKEN)$/.test(n)) return true;
  if (/(APIKEY|SECRETKEY|ACCESSKEY|AUTHTOKEN|PRIVATEKEY|PASSWORD|TOKEN$|SECRET$)/.test(n)) return true;
  return false;
}

/** `$TOKEN`, `${TOKEN}`, `%TOKEN%`, `$env:TOKEN` references in a word. */
export function varRefs(word: string): string[] {
  const out: string[] = [];
  for (const m of word.matchAll(/\$(?:env:)?\{?([A-Za-z_][A-Za-z0-9_]*)/gi)) out.push(m[1]!);
  for (const m of word.matchAll(/%([A-Za-z_][A-Za-z0-9_]*)%/g)) out.push(m[1]!);
  return out.filter((n) => !/^__BR|^UNKNOWN_DIR$/.test(n));
}

/** A shell variable reference that prints a derived value, not the secret (`${#TOKEN}`, `${TOKEN:+set}`). */
export function harmlessExpansion(word: string): boolean {
  return /\$\{#|:\+/.test(word);
}

// ---------------------------------------------------------------------------------------------------------------
// Commands that print the files they are given

/** Program → options that take a value (so the value is not mistaken for a file). */
const READERS: Record<string, readonly string[]> = {
  cat: [], tac: [], less: ['-p', '-x', '-y', '-b', '-h', '-j', '-k', '-o', '-O', '-P', '-t', '-T', '-z'], more: ['-n'], most: [],
  head: ['-n', '-c', '--lines', '--bytes'], tail: ['-n', '-c', '--lines', '--bytes', '-s', '--pid', '--sleep-interval'],
  bat: ['-l', '--language', '-r', '--line-range', '-H', '--highlight-line', '--style', '--theme', '--paging', '--color', '--tabs', '-m', '--map-syntax', '--wrap', '--terminal-width'],
  batcat: ['-l', '--language', '-r', '--line-range', '--style', '--theme', '--paging', '--color'],
  nl: ['-b', '-d', '-f', '-h', '-i', '-l', '-n', '-s', '-v', '-w'], od: ['-A', '-j', '-N', '-t', '-w'], xxd: ['-c', '-g', '-l', '-o', '-s', '-n'],
  hexdump: ['-e', '-f', '-n', '-s'], hd: ['-n', '-s'], strings: ['-n', '-t', '-e'], base64: ['-w', '--wrap'], base32: ['-w'], basenc: ['-w'],
  column: ['-s', '-t', '-c', '-o'], fold: ['-w'], fmt: ['-w'], pr: [], paste: ['-d'], diff: ['-U', '-C', '--label', '-L', '-x', '-I'],
  colordiff: [], sort: ['-k', '-t', '-o', '-S', '-T', '--key', '--field-separator'], uniq: ['-f', '-s', '-w'], rev: [], expand: ['-t'],
  'get-content': ['-tail', '-totalcount', '-head', '-first', '-last', '-encoding', '-delimiter', '-readcount', '-stream'],
  type: [], vimcat: [], view: [], zcat: [], gzcat: [], bzcat: [], xzcat: [], zless: [],
};

/** Programs whose first positional is a pattern or program, not a file. */
const PATTERN_FIRST: Record<string, readonly string[]> = {
  grep: ['-e', '-f', '-A', '-B', '-C', '-m', '--max-count', '--include', '--exclude', '--exclude-dir', '--label', '--color', '--colour', '-d', '-D', '--regexp', '--file', '--context', '--after-context', '--before-context'],
  egrep: ['-e', '-f', '-A', '-B', '-C', '-m'], fgrep: ['-e', '-f', '-A', '-B', '-C', '-m'], zgrep: ['-e', '-A', '-B', '-C', '-m'],
  rg: ['-e', '-f', '-A', '-B', '-C', '-m', '-g', '--glob', '-t', '--type', '-T', '--type-not', '--max-count', '-r', '--replace', '--color', '-M', '--max-columns', '-j', '--threads', '--sort', '--sortr'],
  ag: ['-A', '-B', '-C', '-m', '-G', '--ignore'], ack: ['-A', '-B', '-C', '-m'],
  awk: ['-F', '-v', '-f', '--field-separator', '--assign'], gawk: ['-F', '-v', '-f'], mawk: ['-F', '-v', '-f'],
  sed: ['-e', '-f', '-l', '--expression', '--file', '--line-length'],
  jq: ['--arg', '--argjson', '--slurpfile', '--rawfile', '--indent', '-L', '--tab', '--args', '--jsonargs', '-f', '--from-file'],
  yq: ['--arg', '-I', '--indent', '-o', '--output-format', '-p', '--input-format', '--expression'],
  cut: ['-d', '-f', '-c', '-b', '--delimiter', '--fields', '--characters', '--bytes', '--output-delimiter'],
  'select-string': ['-pattern', '-encoding', '-context'], findstr: [],
};

/** Interpreters and the options that take inline code (`python3 -c "print(open('.env').read())"`). */
const INLINE_CODE: Record<string, readonly string[]> = {
  python: ['-c'], python3: ['-c'], node: ['-e', '--eval', '-p', '--print'], bun: ['-e', '--eval', '-p', '--print'], deno: ['eval'],
  ruby: ['-e'], perl: ['-e', '-E'], php: ['-r'],
};

export interface PrintedFile {
  file: string;
  what: string;
}

function positionalFiles(args: readonly string[], withValue: readonly string[], skipFirst: boolean, powershell: boolean): string[] {
  const out: string[] = [];
  let rest = false;
  let skipped = !skipFirst;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const lower = a.toLowerCase();
    if (rest) {
      out.push(a);
      continue;
    }
    if (a === '--') {
      rest = true;
      continue;
    }
    if (powershell && /^-(path|literalpath|pspath)$/i.test(a)) {
      if (args[i + 1] !== undefined) out.push(args[++i]!);
      continue;
    }
    if (powershell && /^-(path|literalpath):/i.test(a)) {
      out.push(a.slice(a.indexOf(':') + 1));
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      if (!a.includes('=') && (withValue.includes(a) || withValue.includes(lower))) i++;
      continue;
    }
    if (!skipped) {
      skipped = true;
      continue;
    }
    out.push(a);
  }
  return out;
}

/** True when the reader only counts or lists (grep -c/-l/-q, cut -f1 of KEY=value, awk printing $1). */
export function reducesOutput(name: string, args: readonly string[]): boolean {
  if (/^(grep|egrep|fgrep|zgrep|rg|ag|ack)$/.test(name)) {
    return args.some((a) => /^-[A-Za-z]*[clLq][A-Za-z]*$/.test(a) && !a.startsWith('--')) || args.some((a) => /^--(count|files-with-matches|files-without-match|quiet|silent|count-matches)$/.test(a));
  }
  if (name === 'cut') {
    const fi = args.indexOf('-f');
    const f = args.find((a) => /^(-f|--fields=?)/.test(a));
    const fields = f === '-f' ? args[fi + 1] : f?.replace(/^(-f|--fields=)/, '');
    const di = args.indexOf('-d');
    const d = args.find((a) => /^-d/.test(a));
    const delim = d === '-d' ? args[di + 1] : d?.slice(2);
    return fields === '1' && (delim === '=' || delim === ':');
  }
  if (/^(awk|gawk|mawk)$/.test(name)) {
    const prog = args.find((a) => a.includes('print'));
    return prog !== undefined && /print\s+\$1\s*\}/.test(prog) && !/\$(0|2|NF)/.test(prog);
  }
  if (name === 'sed') return args.some((a) => a === '-i' || a.startsWith('-i') || a === '--in-place' || a.startsWith('--in-place'));
  if (name === 'diff') return args.some((a) => a === '-q' || a === '--brief');
  if (name === 'head' || name === 'tail') {
    const n = args.find((a) => /^-(n|c)?0$/.test(a));
    return n !== undefined || (args.includes('-n') && args[args.indexOf('-n') + 1] === '0');
  }
  return false;
}

/** Commands that only count or hash what they read. */
export const REDUCING_CONSUMERS = new Set([
  'wc', 'sha256sum', 'sha1sum', 'sha512sum', 'shasum', 'md5sum', 'md5', 'cksum', 'b2sum', 'sum', 'openssl', 'true', 'test',
  'measure-object', 'get-filehash', 'xxh64sum', 'xxhsum', 'file', 'cmp', 'null', 'out-null',
]);

/** Consumers that print what they read (or part of it). */
export const DISPLAY_CONSUMERS = new Set([
  'cat', 'tac', 'less', 'more', 'most', 'tee', 'head', 'tail', 'base64', 'base32', 'xxd', 'od', 'hexdump', 'jq', 'yq', 'sed', 'awk',
  'gawk', 'cut', 'sort', 'uniq', 'column', 'grep', 'egrep', 'fgrep', 'rg', 'tr', 'fold', 'nl', 'bat', 'batcat', 'strings', 'gunzip',
  'zcat', 'iconv', 'rev', 'paste', 'select-string', 'findstr', 'out-string', 'format-list', 'format-table', 'write-output', 'echo',
  'out-host', 'convertto-json', 'convertfrom-json', 'python', 'python3', 'json.tool',
]);

/** Files whose content this command prints to its output, with what they are. */
export function printedSecretFiles(cmd: SimpleCommand, cwd: string | undefined, home: string): PrintedFile[] {
  const name = cmd.name;
  const ps = cmd.shell === 'powershell';
  let files: string[] = [];
  if (name in READERS) {
    if (name === 'type' && cmd.shell === 'bash') return [];
    files = positionalFiles(cmd.args, READERS[name]!, false, ps);
  } else if (name in PATTERN_FIRST) {
    if (reducesOutput(name, cmd.args)) return [];
    const patternGiven = cmd.args.some((a) => /^(-e|-f|--regexp|--file|--expression|-pattern)$/i.test(a) || /^--(regexp|file|expression)=/.test(a));
    files = positionalFiles(cmd.args, PATTERN_FIRST[name]!, !patternGiven && name !== 'cut', ps);
    if (name === 'yq' && files[0] && /^(e|eval|ea|eval-all)$/.test(files[0])) files = files.slice(1);
  } else if (name === 'dd') {
    const input = cmd.args.find((a) => a.startsWith('if='));
    if (input && !cmd.args.some((a) => a.startsWith('of='))) files = [input.slice(3)];
  } else if (name === 'cp' || name === 'install') {
    const pos = cmd.args.filter((a) => !a.startsWith('-'));
    if (pos.length >= 2 && /^\/dev\/(stdout|stderr|tty|fd\/[12])$/.test(pos[pos.length - 1]!)) files = pos.slice(0, -1);
  } else if (name === 'openssl') {
    const sub = cmd.args[0];
    if (sub && /^(rsa|pkey|ec|pkcs12|pkcs8|dsa|genpkey|genrsa)$/.test(sub) && !cmd.args.some((a) => a === '-pubout' || a === '-noout' || a === '-out' || a === '-nokeys')) {
      const i = cmd.args.indexOf('-in');
      if (i >= 0 && cmd.args[i + 1]) files = [cmd.args[i + 1]!];
      if (sub === 'genrsa' || sub === 'genpkey') files = ['(a new private key)'];
    }
  } else if (name === 'git') {
    const sub = cmd.args.find((a) => !a.startsWith('-'));
    if (sub === 'show' || sub === 'cat-file') {
      for (const a of cmd.args) {
        const m = /^[^:\s]*:(.+)$/.exec(a);
        if (m && !a.startsWith('-')) files.push(m[1]!);
      }
    }
    // `git log -p -- .env`, `git diff HEAD~1 -- .env`, `git blame .env`: the file's contents, past or present.
    const patch = sub === 'diff' || sub === 'blame' || sub === 'show' || (sub === 'log' && cmd.args.some((a) => /^(-p|-u|--patch|-L.*)$/.test(a)));
    if (patch && !cmd.args.some((a) => /^--(stat|name-only|name-status|numstat|shortstat|quiet|exit-code)$/.test(a))) {
      files.push(...cmd.args.filter((a) => !a.startsWith('-') && a !== sub && !a.includes(':')));
    }
  } else if (name in INLINE_CODE) {
    const at = cmd.args.findIndex((a) => INLINE_CODE[name]!.includes(a));
    const code = at >= 0 ? cmd.args[at + 1] ?? '' : '';
    const prints = /print|console\.(log|info|dir)|\bputs\b|\bp\(|\bsay\b|\becho\b|stdout|\bpp\b/.test(code) || /^(-p|--print)$/.test(cmd.args[at] ?? '');
    const reads = /\bopen\(|read_text|read_bytes|readFile|File\.read|IO\.read|file_get_contents|\bslurp|readTextFile|Bun\.file|\.read\(\)/.test(code);
    if (prints && reads) for (const m of code.matchAll(/["'`]([^"'`\s]+)["'`]/g)) files.push(m[1]!);
  }
  const out: PrintedFile[] = [];
  // Paths that arrive from a listing: `find … -exec cat {} \;`, `find … | xargs cat`, `cat $(find . -name .env)`.
  const viaFind = cmd.wrappers.some((w) => w.startsWith('find -')) && cmd.stdin?.kind === 'pipe' ? cmd.stdin.producer : undefined;
  const viaXargs = cmd.wrappers.includes('xargs') && cmd.stdin?.kind === 'pipe' ? cmd.stdin.producer : undefined;
  if (viaXargs) out.push(...listedSecretFiles(viaXargs, cwd, home));
  // `Get-ChildItem -Recurse -Filter *.env | Get-Content`: PowerShell passes the files down the pipe.
  if (name === 'get-content' && files.length === 0 && cmd.stdin?.kind === 'pipe') out.push(...listedSecretFiles(cmd.stdin.producer, cwd, home));
  for (const f of files) {
    if (f === '{}' && viaFind) {
      out.push(...listedSecretFiles(viaFind, cwd, home));
      continue;
    }
    const sub = substitutedCommand(f, cmd, cwd, home);
    if (sub) {
      out.push(...listedSecretFiles(sub, cwd, home));
      continue;
    }
    if (f === '(a new private key)') {
      out.push({ file: 'a new private key', what: 'a private key' });
      continue;
    }
    const what = secretFile(f, cwd, home);
    if (what) out.push({ file: f, what });
  }
  return out;
}

/**
 * Secret files a listing command picks out: the names a `find` selects (`-name .env`, `-iname '*.pem'`), the paths
 * `ls` or `git ls-files` is given. Its own pipeline's filters (`| grep -v example`) are not followed.
 */
function listedSecretFiles(p: SimpleCommand, cwd: string | undefined, home: string): PrintedFile[] {
  let names: string[] = [];
  if (p.name === 'find') {
    names = p.args.filter((_, i) => /^-i?name$/.test(p.args[i - 1] ?? '') && !/^(!|-not)$/.test(p.args[i - 2] ?? ''));
  } else if (p.name === 'ls' || p.name === 'echo' || (p.name === 'git' && p.args.includes('ls-files'))) {
    names = p.args.filter((a) => !a.startsWith('-') && a !== 'ls-files');
  } else if (p.name === 'get-childitem' || p.name === 'gci' || p.name === 'dir') {
    names = p.args.filter((a, i) => !a.startsWith('-') && (!(p.args[i - 1] ?? '').startsWith('-') || /^-(filter|include|path|literalpath)$/i.test(p.args[i - 1]!)));
  } else if (p.stdin?.kind === 'pipe' && /^(grep|egrep|sort|uniq|head|tail)$/.test(p.name) && !p.args.includes('-v')) {
    return listedSecretFiles(p.stdin.producer, cwd, home);
  }
  const out: PrintedFile[] = [];
  for (const n of names) {
    const what = secretFile(n, cwd, home);
    if (what) out.push({ file: n, what });
  }
  return out;
}

/** Output that goes into a file, a variable or a consumer that only counts or uses it is not printed. */
export function outputIsCaptured(cmd: SimpleCommand): boolean {
  if (cmd.wrappers.some((w) => w === '$()' || w === '<()')) return true;
  if (cmd.redirects.some((r) => (r.op === '>' || r.op === '>>' || r.op === '>|' || r.op === '&>') && (r.fd === undefined || r.fd === 1) && !/^\/dev\/(stdout|stderr|tty|fd\/[12])$/.test(r.target) && !r.target.startsWith('/dev/tcp/'))) return true;
  if (cmd.pipedTo) {
    const c = cmd.pipedTo;
    if (REDUCING_CONSUMERS.has(c.name)) return true;
    if (reducesOutput(c.name, c.args)) return true;
    if (c.name === 'xargs') return c.args.length > 0 && !/^(echo|printf)$/.test(c.args.find((a) => !a.startsWith('-')) ?? 'echo');
    // Anything that does not display its input consumes it (`| docker login --password-stdin`, `| python3 script.py`).
    if (!DISPLAY_CONSUMERS.has(c.name)) return true;
  }
  return false;
}

export const NETWORK_SENDERS = new Set([
  'curl', 'curlie', 'wget', 'http', 'https', 'xh', 'xhs', 'httpie', 'nc', 'ncat', 'netcat', 'socat', 'telnet', 'openssl',
  'invoke-restmethod', 'invoke-webrequest', 'mail', 'mailx', 'sendmail', 'mutt', 'ssh', 'scp', 'sftp', 'rsync', 'ftp', 'lftp',
  'tftp', 'smbclient', 'aws', 'gsutil', 'gcloud', 'az', 'rclone', 'gh', 'send-mailmessage',
]);
