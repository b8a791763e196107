/**
 * "Is this production?" — signals read from a command line (env prefixes, flags, hosts, URLs, file names) and its
 * environment, following the production-signals table of destructive-catalog.md §0.
 *
 * Three kinds of signal, each a plain-words reason shown in the verdict:
 * - `production`: the target looks like production, or is an unknown remote (catalog §0.3: unknown counts as production);
 * - `test`: the target is explicitly disposable (`*_test`, `:memory:`, `RAILS_ENV=test`, a dry run);
 * - `local`: the target is a development one on this machine (loopback, a local socket, `RAILS_ENV=development`):
 *   neither production nor disposable.
 * `tierOf()` turns them into one answer; production wins over test, test over local, and no signal at all is
 * `unknown` (which rules treat like production for destructive actions).
 *
 * Workspace signals that need file reads (.env files, kube context, terraform workspace, git branch) live in
 * `workspace.ts` and are merged in by evaluate() only when a rule asks.
 */
import type { SimpleCommand } from '../shell/types';

export interface ProductionSignals {
  /** Plain-words reasons the target looks like production (or unknown remote), e.g. `RAILS_ENV=production`. */
  production: string[];
  /** Plain-words reasons the target looks disposable (test database, in-memory database, dry run). */
  test: string[];
  /** Plain-words reasons the target is a development one on this machine (loopback host, local socket, `NODE_ENV=development`). */
  local?: string[];
}

export type Tier = 'production' | 'test' | 'local' | 'unknown';

/** Team-configured production markers (`.blastradius.json` "production"); simple `*` globs, case-insensitive. */
export interface SignalConfig {
  hosts?: readonly string[];
  envNames?: readonly string[];
  kubeContexts?: readonly string[];
  branches?: readonly string[];
  files?: readonly string[];
}

export const PROD_WORD = /(^|[^a-z0-9])(prod|production|prd|live)([^a-z0-9]|$)/i;
const PROD_ENV_VALUE = /^(prod|production|prd|live)$/i;
const TEST_ENV_VALUE = /^(test|testing|ci|e2e)$/i;
const DEV_ENV_VALUE = /^(dev|development|local)$/i;

/** Variables whose value names the environment a tool runs against. */
const ENV_NAME_VARS = new Set([
  'NODE_ENV', 'RAILS_ENV', 'RACK_ENV', 'APP_ENV', 'MIX_ENV', 'FLASK_ENV', 'ASPNETCORE_ENVIRONMENT', 'DOTNET_ENVIRONMENT',
  'SPRING_PROFILES_ACTIVE', 'STAGE', 'ENV', 'ENVIRONMENT', 'TF_WORKSPACE', 'DEPLOY_ENV', 'APP_ENVIRONMENT', 'SLS_STAGE',
  'SERVERLESS_STAGE', 'VERCEL_ENV', 'PYTHON_ENV', 'GO_ENV', 'DJANGO_ENV', 'DENO_ENV', 'BUN_ENV', 'HASURA_ENV',
]);
/** Variables whose value names a target (profile, context, config file) where a prod-looking word means production. */
const TARGET_NAME_VARS = new Set([
  'AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'KUBECONFIG', 'KUBE_CONTEXT', 'DJANGO_SETTINGS_MODULE', 'CLOUDSDK_CORE_PROJECT',
  'GOOGLE_CLOUD_PROJECT', 'GCLOUD_PROJECT', 'HEROKU_APP', 'PULUMI_STACK', 'DOTENV_CONFIG_PATH', 'AZURE_RESOURCE_GROUP',
  'FIREBASE_PROJECT', 'SUPABASE_PROJECT_REF', 'KUBE_NAMESPACE', 'HELM_KUBECONTEXT', 'HELM_NAMESPACE', 'CLOUDSDK_ACTIVE_CONFIG_NAME',
  'AZURE_SUBSCRIPTION_ID', 'DIGITALOCEAN_CONTEXT',
]);
/** Variables holding a connection string or host. */
const CONNECTION_VARS = new Set([
  'DATABASE_URL', 'PGHOST', 'MYSQL_HOST', 'REDIS_URL', 'REDIS_HOST', 'MONGO_URL', 'MONGODB_URI', 'MONGO_URI', 'MONGODB_URL',
  'DB_HOST', 'DOCKER_HOST', 'POSTGRES_URL', 'POSTGRES_PRISMA_URL', 'POSTGRES_URL_NON_POOLING', 'POSTGRES_HOST', 'DIRECT_URL',
  'DB_URL', 'MYSQL_URL', 'SQLALCHEMY_DATABASE_URI', 'GOOSE_DBSTRING', 'FLYWAY_URL', 'SUPABASE_DB_URL', 'ETCDCTL_ENDPOINTS',
  'INFLUX_HOST', 'ELASTICSEARCH_URL', 'CLICKHOUSE_HOST', 'TURSO_DATABASE_URL', 'LIBSQL_URL', 'MARIADB_HOST',
  'HASURA_GRAPHQL_ENDPOINT', 'HASURA_GRAPHQL_DATABASE_URL', 'CASSANDRA_HOST', 'CQLSH_HOST', 'SQLCMDSERVER', 'SNOWSQL_ACCOUNT',
  'LIQUIBASE_COMMAND_URL', 'ATLAS_URL', 'REDISCLI_HOST', 'MONGOSH_URI',
]);
/** Variables holding a database name. */
const DB_NAME_VARS = new Set(['PGDATABASE', 'DB_DATABASE', 'DB_NAME', 'MYSQL_DATABASE', 'POSTGRES_DB', 'MARIADB_DATABASE']);

/** Flags whose value names an environment, stage, context, profile, project, stack or namespace. */
const TARGET_FLAGS = new Set([
  '--env', '-e', '--environment', '--stage', '-s', '--context', '--kube-context', '-n', '--namespace', '--profile',
  '--project', '--stack', '-w', '--workspace', '--app', '-a', '--settings', '--resource-group', '-g', '--target',
  '--database', '--config-env', '-x', '--deployment', '--project-ref', '--alias',
]);
/** Flags whose value is a host. */
const HOST_FLAGS = new Set(['--host', '--hostname', '--db-host', '--server']);
const PROD_FLAGS = new Set(['--prod', '--production', '--linked', '--live']);
const DRY_RUN_FLAGS = /^(--dry-run(=(?!none$).*)?|--dryrun|--pretend|--what-if|-whatif|--preview|--emulator|--check-only)$/i;

const CLOUD_DB_HOST = /\.(rds\.amazonaws\.com|database\.azure\.com|database\.windows\.net|documents\.azure\.com|supabase\.co|supabase\.com|pooler\.supabase\.com|neon\.tech|psdb\.cloud|mongodb\.net|cache\.amazonaws\.com|redis\.cloud|redislabs\.com|upstash\.io|planetscale\.com|cockroachlabs\.cloud|aivencloud\.com|render\.com|railway\.app|rlwy\.net|elephantsql\.com|timescale\.com|tsdb\.cloud\.timescale\.com|clickhouse\.cloud|snowflakecomputing\.com|turso\.io|xata\.sh|heroku\.com|herokuapp\.com|amazonaws\.com|cloud\.es\.io|elastic-cloud\.com|azure\.com|googleapis\.com)$/i;
const LOOPBACK = /^(localhost|127(\.\d+){3}|::1|\[::1\]|0\.0\.0\.0|host\.docker\.internal|[a-z0-9-]+\.localhost|0:0:0:0:0:0:0:1)$/i;
export const TEST_NAME = /(^|[_\-.])(test|tests|testing|ci|e2e)($|[_\-.])|^:memory:$|(^|\/)test\.db$/i;
const TEMP_PATH = /^(\/tmp\/|\/var\/tmp\/|\/private\/tmp\/|\/dev\/shm\/|\$\{?(TMPDIR|TMP|TEMP|RUNNER_TEMP)\}?\/)/;

/** Compiles a `*` glob to a case-insensitive regex. */
function glob(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
}

export function matchesAny(value: string, patterns: readonly string[] | undefined): boolean {
  return !!patterns?.some((p) => glob(p).test(value));
}

function empty(): Required<ProductionSignals> {
  return { production: [], test: [], local: [] };
}

function local(into: ProductionSignals): string[] {
  return (into.local ??= []);
}

/** Hostname of a URL-ish string (first host of a multi-host URL), or undefined. Empty for `postgresql:///db`. */
export function hostOf(text: string): string | undefined {
  return hostsOf(text)?.[0];
}

function hostsOf(text: string): string[] | undefined {
  const url = /^(?:jdbc:)?[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^/?#]*)/i.exec(text);
  if (!url) return undefined;
  return url[1]!
    .split(',')
    .map((h) => (h.startsWith('[') ? h.slice(0, h.indexOf(']') + 1) : h.replace(/:\d*$/, '')))
    .map((h) => { try { return decodeURIComponent(h); } catch { return h; } });
}

/** Database name from a connection URL path, when present. */
function dbNameOf(text: string): string | undefined {
  const m = /^(?:jdbc:)?[a-z][a-z0-9+.-]*:\/\/[^/?#]*\/([^?#/]+)/i.exec(text);
  return m?.[1];
}

/** Classifies a host: production-looking, loopback, or just remote (unknown counts as production). */
export function classifyHost(host: string, into: ProductionSignals, label = 'host', config?: SignalConfig): void {
  // `[::1]:5432` → `::1`; `db:5432` → `db`; a bare IPv6 address keeps its colons.
  const h = host.startsWith('[') ? host.slice(1, host.indexOf(']') === -1 ? undefined : host.indexOf(']')) : (host.match(/:/g)?.length ?? 0) === 1 ? host.replace(/:\d*$/, '') : host;
  if (h === '' || h.startsWith('/')) local(into).push(`${label} is a local socket`);
  else if (/\$/.test(h)) into.production.push(`${label} ${h} comes from a variable (unknown target)`);
  else if (matchesAny(h, config?.hosts)) into.production.push(`${label} ${h} is listed as production`);
  else if (LOOPBACK.test(h)) local(into).push(`${label} ${h} is this machine`);
  else if (CLOUD_DB_HOST.test(h) || /upstash/i.test(h)) into.production.push(`${label} ${h} is a managed cloud service`);
  else if (PROD_WORD.test(h) || /(^|[.-])(primary|master)([.-]|$)/i.test(h)) into.production.push(`${label} ${h} looks like production`);
  else into.production.push(`${label} ${h} is a remote machine`);
}

/** Signals for a database file path (SQLite, DuckDB): in-memory and test files are disposable, the rest local. */
export function fileDatabaseSignals(file: string, into: ProductionSignals): void {
  const name = file.replace(/^(file|sqlite3?|duckdb|libsql):(\/\/)?/i, '').replace(/\?.*$/, '');
  const base = name.split('/').pop() ?? name;
  if (name === ':memory:' || name === '' || /^file::memory:/i.test(file)) into.test.push('an in-memory database');
  else if (TEMP_PATH.test(name)) into.test.push(`database file ${name} is in a temporary folder`);
  else if (/(^|[_\-.])(test|tests|testing|ci|e2e)([_\-.]|$)/i.test(base)) into.test.push(`database file ${base} is a test database`);
  else if (PROD_WORD.test(name) || /^\/(var|srv|opt|data)\//.test(name)) into.production.push(`database file ${name} looks like production`);
  else if (/\$/.test(name)) into.production.push(`database file ${name} comes from a variable (unknown target)`);
  else local(into).push(`database file ${name} is on this machine`);
}

/** Key-value connection strings: ADO.NET (`Server=x;Database=y`) and libpq (`host=x dbname=y`). */
function keyValueConnection(text: string): { host?: string; db?: string; file?: string } | undefined {
  if (!/[=]/.test(text) || /^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return undefined;
  const pairs = new Map<string, string>();
  for (const m of text.matchAll(/([A-Za-z][A-Za-z ]*?)\s*=\s*('[^']*'|"[^"]*"|[^;\s]*)/g)) {
    pairs.set(m[1]!.trim().toLowerCase(), m[2]!.replace(/^['"]|['"]$/g, ''));
  }
  const host = pairs.get('server') ?? pairs.get('host') ?? pairs.get('hostaddr') ?? pairs.get('address') ?? pairs.get('addr');
  const source = pairs.get('data source');
  const db = pairs.get('database') ?? pairs.get('dbname') ?? pairs.get('initial catalog');
  if (source !== undefined && /\.(db|sqlite3?|duckdb)$|^:memory:$/i.test(source)) return { file: source };
  const h = host ?? source;
  if (h === undefined && db === undefined) return undefined;
  return { host: h?.replace(/^tcp:/i, '').replace(/[,\\].*$/, ''), db };
}

/** Signals from a connection string, URL or host (host, database name, sslmode). */
export function connectionSignals(text: string, into: ProductionSignals, config?: SignalConfig): void {
  const t = text.trim();
  if (/^(file|sqlite3?|duckdb):/i.test(t) || t === ':memory:' || /\.(db|sqlite3?|duckdb)$/i.test(t)) {
    fileDatabaseSignals(t, into);
    return;
  }
  if (/^unix:\/\//i.test(t)) {
    local(into).push('a local socket');
    return;
  }
  const hosts = hostsOf(t);
  if (hosts) {
    const socket = /[?&]host=(%2F|\/)/i.test(t);
    if (socket) local(into).push('the connection uses a local socket');
    else for (const h of hosts) classifyHost(h, into, 'host', config);
    if (/^mongodb\+srv:/i.test(t) && !hosts.some((h) => LOOPBACK.test(h))) into.production.push('a mongodb+srv (cluster) address');
    const db = dbNameOf(t);
    if (db) nameSignals(db, into, 'database');
    if (/sslmode=(require|verify-ca|verify-full)/i.test(t)) into.production.push('sslmode=require');
    return;
  }
  const kv = keyValueConnection(t);
  if (kv) {
    if (kv.file) fileDatabaseSignals(kv.file, into);
    if (kv.host !== undefined) classifyHost(kv.host, into, 'host', config);
    if (kv.db) nameSignals(kv.db, into, 'database');
    if (/sslmode=(require|verify-ca|verify-full)/i.test(t)) into.production.push('sslmode=require');
    return;
  }
  if (/^[A-Za-z0-9.\-_[\]:$]+$/.test(t)) classifyHost(t, into, 'host', config);
}

/** A database (or other resource) name: `*_test` is disposable, a prod-looking name is production. */
export function nameSignals(name: string, into: ProductionSignals, label = 'database'): void {
  const n = name.replace(/^["'`]|["'`]$/g, '');
  if (/\$/.test(n)) return;
  if (TEST_NAME.test(n)) into.test.push(`${label} ${n} is a test database`);
  else if (PROD_WORD.test(n)) into.production.push(`${label} ${n} looks like production`);
}

/**
 * Signals for the target a nested action names (a SqlAction's `target`): a URL, a key-value connection string,
 * a database file or a host.
 */
export function targetSignals(target: string, config?: SignalConfig): ProductionSignals {
  const out = empty();
  connectionSignals(target, out, config);
  return out;
}

export interface EnvSignalOptions {
  /** Read connection variables (DATABASE_URL, PGHOST…); false when the action names its own target. */
  connections?: boolean;
  config?: SignalConfig;
}

function envSignal(name: string, value: string, into: ProductionSignals, origin: string, options: EnvSignalOptions): void {
  if (value === '') return;
  const config = options.config;
  if (ENV_NAME_VARS.has(name)) {
    const v = value.replace(/^["']|["']$/g, '');
    const prodValue = PROD_ENV_VALUE.test(v) || matchesAny(v, config?.envNames)
      || (name === 'SPRING_PROFILES_ACTIVE' && v.split(',').some((p) => PROD_ENV_VALUE.test(p.trim())))
      || (name === 'TF_WORKSPACE' && PROD_WORD.test(v)); // a workspace is a name: `prod-eu`
    if (prodValue) {
      into.production.push(`${name}=${v}${origin}`);
    } else if (TEST_ENV_VALUE.test(v)) into.test.push(`${name}=${v}${origin}`);
    else if (DEV_ENV_VALUE.test(v)) local(into).push(`${name}=${v}${origin}`);
    else if (/\$/.test(v)) into.production.push(`${name}=${v}${origin} (unknown environment)`);
  } else if (TARGET_NAME_VARS.has(name)) {
    const prodLike = PROD_WORD.test(value) || ((name === 'AWS_PROFILE' || name === 'AWS_DEFAULT_PROFILE') && /^prod/i.test(value)) || (name === 'KUBECONFIG' && /prod/i.test(value));
    if (prodLike) into.production.push(`${name}=${value}${origin}`);
    else if (TEST_NAME.test(value) || /^demo-/i.test(value) || /(^|[._-])test(s|ing)?([._-]|$)/i.test(value)) into.test.push(`${name}=${value}${origin}`);
  } else if (CONNECTION_VARS.has(name) || /_(DATABASE_URL|DB_URL)$/.test(name)) {
    if (options.connections === false) return;
    // Say where the address came from: `DATABASE_URL: host db.internal is a remote machine`.
    const found = empty();
    connectionSignals(value, found, config);
    const label = `${name}${origin}`;
    into.production.push(...found.production.map((m) => `${label}: ${m}`));
    into.test.push(...found.test.map((m) => `${label}: ${m}`));
    local(into).push(...found.local.map((m) => `${label}: ${m}`));
  } else if (DB_NAME_VARS.has(name)) {
    if (options.connections === false) return;
    nameSignals(value, into, `${name}${origin}: database`);
  } else if (name === 'PRISMA_USER_CONSENT_FOR_DANGEROUS_AI_ACTION') {
    into.production.push(`${name} is set${origin} (it overrides Prisma's own guard against agents)`);
  } else if (name === 'DISABLE_DATABASE_ENVIRONMENT_CHECK' && value !== '0' && value.toLowerCase() !== 'false') {
    into.production.push(`${name}=${value}${origin} (it turns off Rails' guard against production)`);
  } else if (name === 'CONVEX_DEPLOYMENT') {
    if (/^prod:/i.test(value)) into.production.push(`${name}=${value}${origin}`);
    else if (/^(dev|local|anonymous):/i.test(value)) local(into).push(`${name}=${value}${origin} (a development deployment)`);
  }
}

function envSignals(env: Readonly<Record<string, string | undefined>>, into: ProductionSignals, origin: string, options: EnvSignalOptions): void {
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined) envSignal(name, value, into, origin, options);
  }
}

/** Variables that count when written as `NAME=value` arguments (rake, make, `docker run -e`). */
function isSignalVar(name: string): boolean {
  return ENV_NAME_VARS.has(name) || TARGET_NAME_VARS.has(name) || CONNECTION_VARS.has(name) || DB_NAME_VARS.has(name)
    || name === 'DISABLE_DATABASE_ENVIRONMENT_CHECK' || name === 'PRISMA_USER_CONSENT_FOR_DANGEROUS_AI_ACTION' || name === 'CONVEX_DEPLOYMENT';
}

const PATH_LIKE = /^(\.env(\..+)?|.*\/.*|.*\.(ya?ml|json|env|tfvars|tfstate|tf|toml|conf|ini|properties|exs|cfg|hcl|xml|config\.[cm]?[jt]s))$/i;
const PROD_PATH = /(^|[/._-])(prod|production|prd|live)([/._-]|$)/i;
const TEST_ENV_FILE = /(^|\/)\.env\.(test|testing|ci|e2e)(\.local)?$/i;

/** Signals from a file or folder an argument names (`-f docker-compose.prod.yml`, `--env-file .env.production`). */
export function pathSignals(arg: string, into: ProductionSignals, config?: SignalConfig): void {
  if (/\s/.test(arg) || arg.includes('://') || arg.length > 300 || !PATH_LIKE.test(arg)) return;
  if (matchesAny(arg, config?.files) || matchesAny(arg.split('/').pop() ?? arg, config?.files)) into.production.push(`uses ${arg}, listed as production`);
  else if (PROD_PATH.test(arg)) into.production.push(`uses ${arg}`);
  else if (TEST_ENV_FILE.test(arg)) into.test.push(`uses ${arg}`);
}

/** Production configuration files by name (catalog §0 "File names"), for file edits and commands that name them. */
const PROD_FILES: [RegExp, string][] = [
  [/(^|\/)\.env\.(prod|production)(\.local)?$/i, 'a production env file'],
  [/(^|\/)[^/]*[._-](prod|production)\.ya?ml$/i, 'a production config file'],
  [/(^|\/)(docker-)?compose[._-](prod|production)\.ya?ml$/i, 'the production Compose file'],
  [/(^|\/)values[._-](prod|production)\.ya?ml$/i, 'production Helm values'],
  [/(^|\/)(k8s|kubernetes|deploy|manifests)\/(prod|production)\//i, 'production Kubernetes manifests'],
  [/(^|\/)overlays\/(prod|production)\//i, 'a production kustomize overlay'],
  [/(^|\/)terraform\/(envs|environments)\/(prod|production)\//i, 'production Terraform'],
  [/\.tfstate(\.backup)?$/i, 'Terraform state'],
  [/(^|\/)[^/]*(prod|production)[^/]*\.tfvars(\.json)?$/i, 'production Terraform variables'],
  [/(^|\/)config\/database\.yml$/, 'the Rails database configuration'],
  [/(^|\/)config\/credentials\/production\./, 'Rails production credentials'],
  [/(^|\/)config\/master\.key$/, 'the Rails master key'],
  [/(^|\/)appsettings\.Production\.json$/i, 'ASP.NET production settings'],
  [/(^|\/)settings\/(prod|production)\.py$/i, 'Django production settings'],
  [/(^|\/)application-(prod|production)\.(ya?ml|properties)$/i, 'Spring production settings'],
  [/(^|\/)Pulumi\.(prod|production)\.ya?ml$/i, 'the production Pulumi stack'],
  [/(^|\/)(fly\.toml|vercel\.json|netlify\.toml|render\.yaml|app\.yaml|Procfile)$/, 'deployment configuration'],
  [/(^|\/)\.github\/workflows\/(deploy|release|prod)[^/]*\.ya?ml$/i, 'a deploy workflow'],
];

/**
 * Why a file is production configuration, or undefined. `content` (when the caller has it) adds what only the
 * content says: `stage: prod` in serverless.yml, `[env.production]` in wrangler.toml.
 */
export function productionFile(file: string, content?: string): string | undefined {
  const f = file.replace(/\\/g, '/');
  for (const [re, why] of PROD_FILES) if (re.test(f)) return `${file} is ${why}`;
  if (content !== undefined) {
    if (/(^|\/)serverless\.ya?ml$/.test(f) && /^\s*stage:\s*['"]?(prod|production)\b/m.test(content)) return `${file} deploys stage prod`;
    if (/(^|\/)wrangler\.(toml|jsonc?)$/.test(f) && /\[env\.(prod|production)\]|"(prod|production)"\s*:/.test(content)) return `${file} has a production environment`;
  }
  return undefined;
}

const APP_TOOLS = new Set(['heroku', 'fly', 'flyctl']);

/** A URL inside an argument (`--url=postgres://…`, `postgres://…`), when there is one. */
function urlIn(arg: string): string | undefined {
  const m = /(?:^|=)((?:jdbc:)?[a-z][a-z0-9+.-]*:\/\/\S*)/i.exec(arg);
  return m?.[1];
}

/** Signals carried by one command: its env prefixes, flags, hosts, URLs and files among its arguments, where it runs. */
export function commandSignals(cmd: SimpleCommand, config?: SignalConfig): ProductionSignals {
  const out = empty();
  const options: EnvSignalOptions = { config };
  envSignals(cmd.env, out, '', options);
  const args = cmd.args;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (PROD_FLAGS.has(arg)) {
      out.production.push(arg);
      continue;
    }
    if (DRY_RUN_FLAGS.test(arg)) {
      out.test.push(`${arg} (dry run)`);
      continue;
    }
    const assign = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(arg);
    if (assign && isSignalVar(assign[1]!)) {
      envSignal(assign[1]!, assign[2]!, out, '', options);
      continue;
    }
    const eq = arg.indexOf('=');
    const isOpt = arg.startsWith('-');
    const flag = eq > 0 && isOpt ? arg.slice(0, eq) : arg;
    const inline = eq > 0 && isOpt ? arg.slice(eq + 1) : undefined;
    if (APP_TOOLS.has(cmd.name) && (flag === '--app' || flag === '-a')) {
      const value = inline ?? args[i + 1];
      if (value !== undefined && !value.startsWith('-')) out.production.push(`${cmd.name} app ${value}`);
      if (inline === undefined) i++;
      continue;
    }
    if (TARGET_FLAGS.has(flag)) {
      const value = inline ?? args[i + 1];
      if (value !== undefined && !value.startsWith('-') && !/\s/.test(value) && value.length <= 200) {
        if (PROD_WORD.test(value) || matchesAny(value, config?.envNames) || matchesAny(value, config?.kubeContexts)) out.production.push(`${flag} ${value}`);
        else if (TEST_NAME.test(value) || TEST_ENV_VALUE.test(value) || /^demo-/i.test(value)) out.test.push(`${flag} ${value}`);
        else if (DEV_ENV_VALUE.test(value)) out.local.push(`${flag} ${value}`);
        else pathSignals(value, out, config);
        if (inline === undefined) i++;
      }
      continue;
    }
    if (HOST_FLAGS.has(flag)) {
      const value = inline ?? args[i + 1];
      if (value !== undefined && !value.startsWith('-') && /^[A-Za-z0-9.\-_[\]:]+$/.test(value)) classifyHost(value, out, `${flag} host`, config);
      if (inline === undefined) i++;
      continue;
    }
    if (/^(file|sqlite3?|duckdb|libsql):/i.test(arg) && !/\s/.test(arg)) {
      connectionSignals(arg, out, config);
      continue;
    }
    const url = urlIn(arg);
    // `ss:///bucket/path` names Supabase Storage, not a host on this machine.
    if (url && /^ss:/i.test(url)) continue;
    if (url) {
      connectionSignals(url, out, config);
      continue;
    }
    pathSignals(inline ?? arg, out, config);
  }
  if (cmd.remote) remoteSignals(cmd.remote, out, config);
  return dedupe(out);
}

/** Where a command runs when it is not this shell: `host x` (ssh), `container x`, `pod x`, a PaaS app. */
function remoteSignals(remote: string, into: ProductionSignals, config?: SignalConfig): void {
  if (remote.startsWith('host ')) classifyHost(remote.slice(5), into, 'runs on ssh host', config);
  else if (remote.startsWith('container ')) local(into).push(`runs in ${remote} on this machine`);
  else into.production.push(`runs on ${remote}`);
}

/** Signals from the environment the action runs in (process env merged with the action's env). */
export function environmentSignals(env: Readonly<Record<string, string | undefined>>, options: EnvSignalOptions = {}): ProductionSignals {
  const out = empty();
  envSignals(env, out, ' (in the environment)', options);
  return dedupe(out);
}

function dedupe(s: ProductionSignals): ProductionSignals {
  const out: ProductionSignals = { production: [...new Set(s.production)], test: [...new Set(s.test)] };
  if (s.local?.length) out.local = [...new Set(s.local)];
  return out;
}

export function mergeSignals(...parts: ProductionSignals[]): ProductionSignals {
  return dedupe({
    production: parts.flatMap((p) => p.production),
    test: parts.flatMap((p) => p.test),
    local: parts.flatMap((p) => p.local ?? []),
  });
}

export function isProduction(s: ProductionSignals): boolean {
  return s.production.length > 0;
}

/** Explicitly disposable: a test signal and no production signal. */
export function isTestOnly(s: ProductionSignals): boolean {
  return s.test.length > 0 && s.production.length === 0;
}

/** One answer from the signals: production beats test, test beats local; no signal at all is `unknown`. */
export function tierOf(s: ProductionSignals): Tier {
  if (s.production.length) return 'production';
  if (s.test.length) return 'test';
  if (s.local?.length) return 'local';
  return 'unknown';
}

/** The signals that decided the tier, for a verdict's `signals` list. */
export function decisiveSignals(s: ProductionSignals): string[] {
  switch (tierOf(s)) {
    case 'production':
      return s.production;
    case 'test':
      return s.test;
    case 'local':
      return s.local ?? [];
    case 'unknown':
      return [];
  }
}
