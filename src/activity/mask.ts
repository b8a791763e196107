/**
 * Masks secrets in text before it is written to the activity log: tokens, passwords and keys in command
 * lines, URLs, headers, environment assignments and JSON. A masked value becomes `****` (fixed length, so
 * the length does not leak); a recognisable prefix such as `ghp_` or the auth scheme is kept so the log
 * still says what kind of secret it was. Variable references (`$TOKEN`, `${TOKEN}`, `%TOKEN%`) are not
 * secrets and stay readable. Idempotent: masking masked text changes nothing. Editor-free.
 */

export const MASK = '****';

/** A value that only names a variable or a command substitution: not a secret itself. */
const REFERENCE = /^(["']?)(\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|\$env:[A-Za-z_][A-Za-z0-9_]*|%[A-Za-z_][A-Za-z0-9_]*%|\$\(.*\)|<[^<>\s]*>|\*{4})\1$/;

function isReference(value: string): boolean {
  return REFERENCE.test(value);
}

/** Masks a value, keeping its surrounding quotes so the command line stays well-formed. */
function maskValue(value: string): string {
  if (isReference(value)) return value;
  const q = value[0];
  if ((q === '"' || q === "'") && value.length >= 2 && value.endsWith(q)) return `${q}${MASK}${q}`;
  return MASK;
}

/** Words of an identifier: `AWS_SECRET_ACCESS_KEY` → aws secret access key; `apiKey` → api key. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const SECRET_WORDS = new Set([
  'password', 'passwd', 'pass', 'pwd', 'passphrase', 'secret', 'secrets', 'token', 'apikey', 'auth', 'credential',
  'credentials', 'cookie', 'dsn', 'signature', 'sig', 'privatekey', 'accesskey', 'secretkey', 'sas',
]);
const KEY_QUALIFIERS = new Set(['api', 'access', 'private', 'secret', 'signing', 'encryption', 'master', 'account', 'client', 'service', 'license', 'session']);

/** Whether a variable, flag, JSON key or query parameter name denotes a secret. */
export function isSecretName(name: string): boolean {
  const lower = name.toLowerCase();
  if (lower === 'pwd' || lower === 'oldpwd') return false; // the working directory, not a password
  // All-caps names run together (PGPASSWORD, MYSQL_PWD, APIKEY).
  if (/password|passwd|secret|apikey|privatekey|accesskey/.test(lower)) return true;
  const w = words(name);
  if (w.includes('public') || w.includes('pub')) return false;
  if (w.some((x) => SECRET_WORDS.has(x))) return true;
  const keyAt = w.lastIndexOf('key');
  if (keyAt > 0) return true; // STRIPE_KEY, OPENAI_KEY, accountKey
  return w.some((x, i) => x === 'key' && KEY_QUALIFIERS.has(w[i - 1] ?? ''));
}

type Rule = [RegExp, (m: string, ...groups: string[]) => string];

const VALUE = String.raw`("[^"]*"|'[^']*'|[^\s;&|'"]+)`;

/** Tokens whose shape gives them away wherever they appear. The prefix is kept. */
const TOKEN_RULES: Rule[] = [
  // PEM private keys, whole block (or to the end when the END line is missing).
  [/-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----[\s\S]*?(?:-----END \1PRIVATE KEY-----|$)/g,
    (_m, kind: string) => `-----BEGIN ${kind}PRIVATE KEY-----${MASK}-----END ${kind}PRIVATE KEY-----`],
  [/\b(gh[pousr]_)[A-Za-z0-9]{20,}/g, (_m, p: string) => p + MASK],
  [/\b(github_pat_)[A-Za-z0-9_]{20,}/g, (_m, p: string) => p + MASK],
  [/\b(glpat-)[A-Za-z0-9_-]{20,}/g, (_m, p: string) => p + MASK],
  [/\b(xox[abposre]-|xapp-)[A-Za-z0-9-]{10,}/g, (_m, p: string) => p + MASK],
  [/\b((?:sk|rk)_(?:live|test)_)[A-Za-z0-9]{16,}/g, (_m, p: string) => p + MASK],
  // OpenAI / Anthropic style: sk-…, sk-proj-…, sk-ant-api03-…; needs a digit so `sk-some-branch-name` stays.
  [/(?<![A-Za-z0-9_-])(sk-(?:proj-|ant-(?:[a-z]+\d*-)?|svcacct-|admin-)?)(?=[A-Za-z0-9_-]*\d)[A-Za-z0-9_-]{20,}/g, (_m, p: string) => p + MASK],
  [/\b((?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA))[0-9A-Z]{16}\b/g, (_m, p: string) => p + MASK],
  [/\b(AIza)[0-9A-Za-z_-]{35}/g, (_m, p: string) => p + MASK],
  [/\b(npm_)[A-Za-z0-9]{36}\b/g, (_m, p: string) => p + MASK],
  [/\b(hf_)[A-Za-z0-9]{30,}/g, (_m, p: string) => p + MASK],
  [/\b(pypi-)AgE[A-Za-z0-9_-]{40,}/g, (_m, p: string) => p + MASK],
  [/\b(SG\.)[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/g, (_m, p: string) => p + MASK],
  // JSON Web Tokens.
  [/\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, () => `eyJ${MASK}`],
  // Webhook URLs whose path is the secret.
  [/(hooks\.slack\.com\/(?:services|workflows|triggers)\/)[A-Za-z0-9/_-]+/g, (_m, p: string) => p + MASK],
  [/(discord(?:app)?\.com\/api\/webhooks\/\d+\/)[A-Za-z0-9_-]+/g, (_m, p: string) => p + MASK],
];

const CONTEXT_RULES: Rule[] = [
  // Authorization: Bearer abc / Basic abc / token abc; also `-H 'Authorization: …'` and `authorization=…`.
  [/\b((?:proxy-)?authorization\s*[:=]\s*)(?:(bearer|basic|token|digest|negotiate|apikey|bot|sso-key|aws4-hmac-sha256)\s+)?([^\s'",;]+(?:,\s*[^\s'",;]+)*)/gi,
    (_m, head: string, scheme: string | undefined, value: string) =>
      isReference(value) ? _m : `${head}${scheme ? scheme + ' ' : ''}${MASK}`],
  // Other headers that carry credentials: `X-Api-Key: abc`, `Cookie: a=b; c=d`.
  [/\b((?:x-)?(?:api-?key|auth-token|access-token|csrf-token|xsrf-token|amz-security-token|goog-api-key|vault-token|private-token|cookie|set-cookie)\s*:\s*)([^'"\r\n]+)/gi,
    (m, head: string, value: string) => (isReference(value.trim()) ? m : head + MASK)],
  // URL user info: scheme://user:password@host → scheme://user:****@host
  [/(?<![a-z0-9+.-])([a-z][a-z0-9+.-]{0,30}:\/\/)([^\s:@/'"]*):([^\s'"/]*)@(?=[^\s@/'"]*(?:[/?#\s'"]|$))/gi,
    (m, scheme: string, user: string, pw: string) => (pw === '' || isReference(pw) ? m : `${scheme}${user}:${MASK}@`)],
  // URL user info that is a token on its own: https://<40 hex>@github.com
  [/(?<![a-z0-9+.-])([a-z][a-z0-9+.-]{0,30}:\/\/)([A-Za-z0-9_.~%-]{20,})@/gi, (_m, scheme: string) => `${scheme}${MASK}@`],
  // Query parameters: ?access_token=…&sig=…
  [/([?&;](?:access_token|refresh_token|id_token|token|api_key|apikey|api-key|key|password|passwd|pwd|secret|client_secret|sig|signature|auth|code|x-amz-signature|x-amz-credential|x-amz-security-token|x-goog-signature|x-goog-credential)=)([^&\s'"#]+)/gi,
    (_m, head: string, value: string) => head + maskValue(value)],
  // Long options: --password x, --password=x, --token=x, --client-secret "a b"
  [new RegExp(String.raw`(--(?:[a-z0-9]+-)*(?:password|passwd|pass|passphrase|token|secret|api-?key|access-key|secret-key|private-key|auth|credentials?|storepass|keypass|sas)(?:-[a-z0-9]+)*)(=|\s+)(?!-)` + VALUE, 'gi'),
    (m, flag: string, sep: string, value: string) => {
      // --password-stdin, --token-file, --secret-name take no secret.
      if (/-(?:stdin|file|path|env|name|id|type|from|ref|arn|helper|command|prompt)$/i.test(flag)) return m;
      if (/^--(?:no-|ask-)/i.test(flag) || value.startsWith('-')) return m;
      return `${flag}${sep}${maskValue(value)}`;
    }],
  // curl/wget user:password: -u user:pw, --user user:pw, --proxy-user u:pw
  [/((?:^|\s)(?:-u|-U|--user|--proxy-user|--http-password)\s*)(["']?)([^\s:'"/]+):(?!\/\/)([^\s'"]+)\2/g,
    (m, head: string, q: string, user: string, pw: string) => (isReference(pw) ? m : `${head}${q}${user}:${MASK}${q}`)],
  // Environment and config assignments: AWS_SECRET_ACCESS_KEY=…, export GITHUB_TOKEN="…", $env:API_KEY = '…',
  // set PASSWORD=…, AccountKey=…; (connection strings).
  [new RegExp(String.raw`(^|[\s;&|({,'"]|\$env:)([A-Za-z_][A-Za-z0-9_.-]*)(\s*=\s*)` + String.raw`("[^"]*"|'[^']*'|[^\s;&|'",)]+)`, 'g'),
    (m, lead: string, name: string, eq: string, value: string) =>
      isSecretName(name) ? `${lead}${name}${eq}${maskValue(value)}` : m],
  // JSON / YAML / Python dict: "password": "x", api_key: x, 'token': 'x'
  [/(?<![A-Za-z0-9_.-])(["']?)([A-Za-z_][A-Za-z0-9_.-]*)\1(\s*:\s*)("(?:[^"\\]|\\.)*"|'[^']*'|(?<=:\s*)[^\s,}'"{[]+)/g,
    (m, q: string, name: string, sep: string, value: string) =>
      // Unquoted YAML-style values only after a quoted key or at a line start, so `host:port` stays.
      isSecretName(name) && (q !== '' || /^["']/.test(value) || /\s/.test(sep)) && !/^(?:true|false|null|\d+)$/.test(value)
        ? `${q}${name}${q}${sep}${maskValue(value)}`
        : m],
];

const MYSQL = /\b(?:mysql|mysqldump|mysqladmin|mysqlimport|mysqlcheck|mysqlpump|mysqlsh|mariadb(?:-dump|-admin)?)\b/;

/** Short options that carry a password only for particular programs. */
function maskProgramOptions(text: string): string {
  let out = text;
  // mysql -psecret (attached; a bare `-p` prompts and is left alone)
  if (MYSQL.test(out)) out = out.replace(/(\s-p)(?!\*{4})("[^"]+"|'[^']+'|[^\s;&|]+)/g, (_m, flag: string, v: string) => flag + maskValue(v));
  // sshpass -p secret
  out = out.replace(/(\bsshpass\s+(?:-[a-zA-Z]\s+)*-p\s*)("[^"]*"|'[^']*'|\S+)/g, (_m, head: string, v: string) => head + maskValue(v));
  // redis-cli -a secret
  out = out.replace(/(\bredis-cli\b[^|;&\n]{0,300}?\s-a\s+)("[^"]*"|'[^']*'|\S+)/g, (_m, head: string, v: string) => head + maskValue(v));
  // docker/podman/helm login -p secret
  out = out.replace(/(\b(?:docker|podman|buildah|skopeo|helm|oras|nerdctl)\s+(?:registry\s+)?login\b[^|;&\n]{0,300}?\s-p\s+)("[^"]*"|'[^']*'|\S+)/g,
    (_m, head: string, v: string) => head + maskValue(v));
  return out;
}

/** Text with every secret it recognises replaced by `****`. */
export function maskSecrets(text: string): string {
  if (text.length === 0) return text;
  let out = text;
  for (const [re, fn] of TOKEN_RULES) out = out.replace(re, fn as (m: string, ...g: unknown[]) => string);
  for (const [re, fn] of CONTEXT_RULES) out = out.replace(re, fn as (m: string, ...g: unknown[]) => string);
  return maskProgramOptions(out);
}

/** A deep copy with every string masked (keys are kept). For objects written to the log. */
export function maskDeep<T>(value: T): T {
  if (typeof value === 'string') return maskSecrets(value) as T;
  if (Array.isArray(value)) return value.map((v) => maskDeep(v)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = maskDeep(v);
    return out as T;
  }
  return value;
}
