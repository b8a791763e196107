/**
 * Workspace signals: what the files around a command say about its target, for commands that do not name one.
 *
 * - the default database of an ORM or migration tool: `.env*` files (`DATABASE_URL` and friends), and the tool's own
 *   config where it keeps the address (`config/database.yml`, `prisma/schema.prisma`, `config/dev.exs`, `alembic.ini`,
 *   `config/config.json`, `appsettings.*.json`, `flyway.conf`, `liquibase.properties`, a literal URL in
 *   `drizzle.config.*`/`knexfile.*`, Hasura's `config.yaml`, Convex's `CONVEX_DEPLOYMENT`);
 * - the kube config's current context (`$KUBECONFIG` or `~/.kube/config`) for kubectl, helm and friends;
 * - the Terraform workspace (`.terraform/environment`) for terraform, tofu and terragrunt;
 * - the current git branch (`.git/HEAD`) for git and gh;
 * - the folder an infrastructure command runs in (`k8s/production`, `terraform/envs/prod`).
 *
 * Reads are lazy (only when a rule asks for signals, and only the files the command's tool uses), capped at 1 MB,
 * cached per reader and path for the life of the process, and re-read when a file's mtime or size changes. Tests
 * inject a reader (`memoryReader`) instead of the disk.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SimpleCommand } from '../shell/types';
import type { ProductionSignals, SignalConfig } from './production';
import { connectionSignals, fileDatabaseSignals, matchesAny, PROD_WORD, TEST_NAME } from './production';

export interface FileStamp {
  mtimeMs: number;
  size: number;
}

/** The few file-system calls workspace signals need; `nodeReader` reads the disk, tests pass `memoryReader(...)`. */
export interface WorkspaceReader {
  /** undefined when the file does not exist (or is not a file). */
  stat(file: string): FileStamp | undefined;
  readFile(file: string): string | undefined;
}

export const MAX_READ_BYTES = 1024 * 1024;

export const nodeReader: WorkspaceReader = {
  stat(file) {
    try {
      const s = fs.statSync(file, { throwIfNoEntry: false });
      return s && s.isFile() ? { mtimeMs: s.mtimeMs, size: s.size } : undefined;
    } catch {
      return undefined;
    }
  },
  readFile(file) {
    try {
      const s = fs.statSync(file, { throwIfNoEntry: false });
      if (!s || !s.isFile() || s.size > MAX_READ_BYTES) return undefined;
      return fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  },
};

/** An in-memory reader for tests: absolute path → content. `stamp` bumps make cached entries stale. */
export function memoryReader(files: Record<string, string>): WorkspaceReader & { files: Record<string, string>; reads: number; touch(file: string): void } {
  const stamps = new Map<string, number>();
  const reader = {
    files,
    reads: 0,
    stat(file: string) {
      const content = reader.files[file];
      return content === undefined ? undefined : { mtimeMs: stamps.get(file) ?? 1, size: content.length };
    },
    readFile(file: string) {
      reader.reads++;
      const content = reader.files[file];
      return content === undefined || content.length > MAX_READ_BYTES ? undefined : content;
    },
    touch(file: string) {
      stamps.set(file, (stamps.get(file) ?? 1) + 1);
    },
  };
  return reader;
}

interface CacheEntry {
  stamp: string;
  value: unknown;
}

const caches = new WeakMap<WorkspaceReader, Map<string, CacheEntry>>();

/** Reads and parses a file once per (reader, path, mtime, size). undefined when it does not exist or is too large. */
export function cachedFile<T>(reader: WorkspaceReader, file: string, kind: string, parse: (text: string) => T): T | undefined {
  const stat = reader.stat(file);
  if (!stat || stat.size > MAX_READ_BYTES) return undefined;
  let cache = caches.get(reader);
  if (!cache) caches.set(reader, (cache = new Map()));
  const key = `${kind}\0${file}`;
  const stamp = `${stat.mtimeMs}:${stat.size}`;
  const hit = cache.get(key);
  if (hit && hit.stamp === stamp) return hit.value as T;
  const text = reader.readFile(file);
  if (text === undefined) return undefined;
  const value = parse(text);
  cache.set(key, { stamp, value });
  return value;
}

// ---------------------------------------------------------------------------------------------------------------
// .env files

/** Parses a dotenv file: `KEY=value`, `export KEY=value`, quotes, `#` comments. */
export function parseDotenv(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*[=:]\s*(.*)$/.exec(raw);
    if (!m) continue;
    let value = m[2]!.trim();
    if (/^["']/.test(value)) {
      const q = value[0]!;
      const end = value.indexOf(q, 1);
      value = end === -1 ? value.slice(1) : value.slice(1, end);
    } else value = value.replace(/\s+#.*$/, '');
    out.set(m[1]!, value);
  }
  return out;
}

function dotenv(reader: WorkspaceReader, file: string): Map<string, string> | undefined {
  return cachedFile(reader, file, 'dotenv', parseDotenv);
}

/** dotenv-flow order, most specific first: `.env.<env>.local`, `.env.local` (not for test), `.env.<env>`, `.env`. */
export function envFileChain(envName: string): string[] {
  const files = [`.env.${envName}.local`];
  if (envName !== 'test') files.push('.env.local');
  files.push(`.env.${envName}`, '.env');
  return files;
}

interface Found {
  value: string;
  /** Where it was found, for messages: `.env.local`, `config/database.yml (development)`. */
  source: string;
}

function fromEnvFiles(reader: WorkspaceReader, root: string, files: readonly string[], names: readonly string[]): Found | undefined {
  for (const name of names) {
    for (const file of files) {
      const value = dotenv(reader, path.join(root, file))?.get(name);
      if (value !== undefined && value !== '') return { value: expand(value, reader, root, files), source: `${name} in ${file}` };
    }
  }
  return undefined;
}

/** Expands `${VAR}` references from the same env files (dotenv-expand), one level deep. */
function expand(value: string, reader: WorkspaceReader, root: string, files: readonly string[]): string {
  return value.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (whole, name: string) => {
    for (const file of files) {
      const v = dotenv(reader, path.join(root, file))?.get(name);
      if (v !== undefined && !v.includes('$')) return v;
    }
    return whole;
  });
}

const URL_VARS = [
  'DATABASE_URL', 'POSTGRES_PRISMA_URL', 'POSTGRES_URL', 'DB_URL', 'DATABASE_URI', 'MYSQL_URL', 'SQLALCHEMY_DATABASE_URI',
  'MONGODB_URI', 'MONGO_URL', 'MONGO_URI', 'SUPABASE_DB_URL', 'TURSO_DATABASE_URL', 'LIBSQL_URL', 'DIRECT_URL',
];

// ---------------------------------------------------------------------------------------------------------------
// Tool-specific configuration

/** Tools that pick their database from the workspace when the command line does not name one. */
export type DbTool =
  | 'prisma' | 'rails' | 'django' | 'laravel' | 'ecto' | 'alembic' | 'flyway' | 'liquibase' | 'hasura' | 'convex'
  | 'drizzle' | 'knex' | 'sequelize' | 'typeorm' | 'efcore' | 'generic';

const TOOL_OF: Record<string, DbTool> = {
  prisma: 'prisma', rails: 'rails', rake: 'rails', 'manage.py': 'django', 'django-admin': 'django', artisan: 'laravel',
  mix: 'ecto', alembic: 'alembic', flask: 'alembic', flyway: 'flyway', liquibase: 'liquibase', hasura: 'hasura',
  convex: 'convex', 'drizzle-kit': 'drizzle', knex: 'knex', sequelize: 'sequelize', 'sequelize-cli': 'sequelize',
  typeorm: 'typeorm', 'typeorm-ts-node-commonjs': 'typeorm', 'typeorm-ts-node-esm': 'typeorm', dotnet: 'efcore',
  'dotnet-ef': 'efcore', 'mikro-orm': 'generic', 'mikro-orm-esm': 'generic', goose: 'generic', dbmate: 'generic',
  diesel: 'generic', sqlx: 'generic', 'sea-orm-cli': 'generic', atlas: 'generic', ace: 'generic', 'node-pg-migrate': 'generic',
  'db-migrate': 'generic', 'postgrator': 'generic', 'graphile-migrate': 'generic', 'kysely-ctl': 'generic', kysely: 'generic',
  'wrangler': 'generic', supabase: 'generic', console: 'generic', yii: 'generic', 'ts-node': 'generic',
};

export function dbToolOf(cmd: SimpleCommand): DbTool | undefined {
  if (cmd.name === 'php' && cmd.args[0] && /(^|\/)(console|yii)$/.test(cmd.args[0])) return 'generic';
  if (cmd.name === 'node' && cmd.args[0] === 'ace') return 'generic';
  return TOOL_OF[cmd.name];
}

/** The environment name a tool runs in (`development` unless the env says otherwise). */
export function environmentName(tool: DbTool, env: Readonly<Record<string, string | undefined>>): string {
  const vars: Record<DbTool, string[]> = {
    rails: ['RAILS_ENV', 'RACK_ENV'], ecto: ['MIX_ENV'], laravel: ['APP_ENV'], efcore: ['ASPNETCORE_ENVIRONMENT', 'DOTNET_ENVIRONMENT'],
    alembic: ['FLASK_ENV', 'APP_ENV'], django: ['DJANGO_ENV', 'APP_ENV'], prisma: ['NODE_ENV'], drizzle: ['NODE_ENV'],
    knex: ['NODE_ENV'], sequelize: ['NODE_ENV'], typeorm: ['NODE_ENV'], flyway: [], liquibase: [], hasura: ['HASURA_ENV'],
    convex: [], generic: ['NODE_ENV', 'APP_ENV'],
  };
  for (const v of vars[tool]) {
    const value = env[v];
    if (value) return normaliseEnvName(value);
  }
  return 'development';
}

function normaliseEnvName(v: string): string {
  const l = v.toLowerCase();
  if (l === 'prod') return 'production';
  if (l === 'dev') return 'development';
  return l;
}

/** Very small YAML reader for `config/database.yml`-like files: top-level sections of `key: value` lines, `<<: *anchor`. */
export function yamlSections(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  const anchors = new Map<string, string>();
  const merges = new Map<string, string[]>();
  let current: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*(#|$)/.test(line)) continue;
    const top = /^([A-Za-z0-9_.-]+):\s*(?:&([A-Za-z0-9_-]+))?\s*$/.exec(line);
    if (top) {
      current = top[1]!;
      sections.set(current, new Map());
      if (top[2]) anchors.set(top[2], current);
      continue;
    }
    if (!current) continue;
    const kv = /^\s{1,8}([A-Za-z0-9_<]+):\s*(.*?)\s*$/.exec(line);
    if (!kv) continue;
    if (kv[1] === '<<') {
      const ref = /^\*([A-Za-z0-9_-]+)/.exec(kv[2]!);
      if (ref) merges.set(current, [...(merges.get(current) ?? []), ref[1]!]);
      continue;
    }
    sections.get(current)!.set(kv[1]!, kv[2]!.replace(/^["']|["']$/g, ''));
  }
  for (const [name, refs] of merges) {
    const own = sections.get(name)!;
    for (const ref of refs) {
      const base = sections.get(anchors.get(ref) ?? '');
      if (base) for (const [k, v] of base) if (!own.has(k)) own.set(k, v);
    }
  }
  return sections;
}

/** An ERB or code expression reading an env var: `<%= ENV['DATABASE_URL'] %>`, `ENV.fetch("DB_HOST") { "localhost" }`. */
function envReference(value: string): { name: string; fallback?: string } | undefined {
  const m = /ENV(?:\.fetch)?\s*[([]\s*["']([A-Z0-9_]+)["']\s*[)\]](?:\s*\{\s*["']([^"']*)["']\s*\}|\s*,\s*["']([^"']*)["']\s*\)?|\s*\|\|\s*["']([^"']*)["'])?/.exec(value);
  if (!m) return undefined;
  return { name: m[1]!, fallback: m[2] ?? m[3] ?? m[4] };
}

interface DbDefault {
  /** A URL, connection string, file path or host; undefined when the tool's default could not be found. */
  target?: string;
  /** A host or file that was found without a URL (Rails and Laravel keep them apart). */
  host?: string;
  database?: string;
  file?: string;
  /** Where it came from. */
  source: string;
  /** The workspace itself says production (`APP_ENV=production` in `.env`). */
  production?: string;
}

function resolveValue(value: string, reader: WorkspaceReader, root: string, env: Readonly<Record<string, string | undefined>>, files: readonly string[]): string | undefined {
  if (!/ENV|<%|System\.get_env|process\.env|env\(/.test(value)) return value;
  const ref = envReference(value) ?? (() => {
    const m = /(?:System\.get_env|process\.env\.?|env)\(?\s*["']?([A-Z0-9_]+)["']?\s*\)?/.exec(value);
    return m ? { name: m[1]!, fallback: undefined } : undefined;
  })();
  if (!ref) return undefined;
  const fromEnv = env[ref.name];
  if (fromEnv) return fromEnv;
  const found = fromEnvFiles(reader, root, files, [ref.name]);
  return found?.value ?? ref.fallback;
}

function railsDefault(reader: WorkspaceReader, root: string, envName: string, env: Readonly<Record<string, string | undefined>>, files: readonly string[]): DbDefault | undefined {
  const sections = cachedFile(reader, path.join(root, 'config/database.yml'), 'yaml', yamlSections);
  const section = sections?.get(envName);
  if (!section) return undefined;
  const source = `config/database.yml (${envName})`;
  const url = section.get('url');
  if (url) {
    const resolved = resolveValue(url, reader, root, env, files);
    if (resolved) return { target: resolved, source };
  }
  const adapter = section.get('adapter') ?? '';
  const database = section.get('database');
  if (/sqlite/i.test(adapter) && database) return { file: database, source };
  const hostRaw = section.get('host');
  const host = hostRaw === undefined ? '' : resolveValue(hostRaw, reader, root, env, files);
  if (host === undefined) return { database: resolveValue(database ?? '', reader, root, env, files), source };
  return { host, database: database && resolveValue(database, reader, root, env, files), source };
}

function laravelDefault(reader: WorkspaceReader, root: string): DbDefault | undefined {
  const vars = dotenv(reader, path.join(root, '.env'));
  if (!vars) return undefined;
  const out: DbDefault = { source: '.env' };
  const appEnv = vars.get('APP_ENV');
  if (appEnv && /^(prod|production|live)$/i.test(appEnv)) out.production = `APP_ENV=${appEnv} in .env`;
  const url = vars.get('DB_URL') ?? vars.get('DATABASE_URL');
  if (url) return { ...out, target: url, source: 'DB_URL in .env' };
  const connection = vars.get('DB_CONNECTION') ?? '';
  if (/sqlite/i.test(connection)) return { ...out, file: vars.get('DB_DATABASE') || 'database/database.sqlite', source: 'DB_DATABASE in .env' };
  const host = vars.get('DB_HOST');
  if (host === undefined && !out.production) return undefined;
  return { ...out, host, database: vars.get('DB_DATABASE'), source: 'DB_HOST in .env' };
}

function ectoDefault(reader: WorkspaceReader, root: string, envName: string, env: Readonly<Record<string, string | undefined>>, files: readonly string[]): DbDefault | undefined {
  const file = envName === 'production' ? 'config/runtime.exs' : `config/${envName === 'development' ? 'dev' : envName}.exs`;
  const text = cachedFile(reader, path.join(root, file), 'text', (t) => t);
  if (text === undefined) return undefined;
  const url = /\burl:\s*("([^"]*)"|System\.get_env\("([A-Z0-9_]+)"\))/.exec(text);
  if (url) {
    const value = url[2] ?? resolveValue(`System.get_env("${url[3]}")`, reader, root, env, files);
    if (value) return { target: value, source: file };
  }
  const host = /\bhostname:\s*"([^"]*)"/.exec(text)?.[1];
  const database = /\bdatabase:\s*"([^"#{]*)/.exec(text)?.[1];
  if (host === undefined && database === undefined) return undefined;
  return { host: host ?? '', database, source: file };
}

function prismaDefault(reader: WorkspaceReader, root: string, env: Readonly<Record<string, string | undefined>>): DbDefault | undefined {
  let varName = 'DATABASE_URL';
  for (const schema of ['prisma/schema.prisma', 'schema.prisma', 'prisma/schema/schema.prisma']) {
    const text = cachedFile(reader, path.join(root, schema), 'text', (t) => t);
    if (text === undefined) continue;
    const ds = /datasource\s+\w+\s*\{([^}]*)\}/.exec(text)?.[1] ?? '';
    const literal = /\burl\s*=\s*"([^"]+)"/.exec(ds);
    if (literal) return { target: literal[1]!, source: schema };
    const ref = /\burl\s*=\s*env\(\s*"([A-Za-z0-9_]+)"\s*\)/.exec(ds);
    if (ref) varName = ref[1]!;
    break;
  }
  if (env[varName]) return undefined; // the environment wins; environment signals cover it
  const found = fromEnvFiles(reader, root, ['.env', 'prisma/.env'], [varName]);
  return found && { target: found.value, source: found.source };
}

function literalUrlIn(reader: WorkspaceReader, root: string, candidates: readonly string[]): DbDefault | undefined {
  for (const file of candidates) {
    const text = cachedFile(reader, path.join(root, file), 'text', (t) => t);
    if (text === undefined) continue;
    const url = /["'`]((?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|libsql|file|sqlite):\/?\/?[^"'`\s]+)["'`]/.exec(text);
    if (url) return { target: url[1]!, source: file };
    const filename = /\bfilename\s*:\s*["'`]([^"'`]+)["'`]/.exec(text);
    if (filename) return { file: filename[1]!, source: file };
    return undefined; // the config reads the environment: fall back to the env files
  }
  return undefined;
}

function sequelizeDefault(reader: WorkspaceReader, root: string, envName: string, env: Readonly<Record<string, string | undefined>>, files: readonly string[]): DbDefault | undefined {
  const config = cachedFile(reader, path.join(root, 'config/config.json'), 'json', (t) => {
    try {
      return JSON.parse(t) as Record<string, Record<string, string> | undefined>;
    } catch {
      return undefined;
    }
  });
  const section = config?.[envName];
  if (!section) return undefined;
  const source = `config/config.json (${envName})`;
  if (section.use_env_variable) {
    const v = env[section.use_env_variable] ?? fromEnvFiles(reader, root, files, [section.use_env_variable])?.value;
    return v ? { target: v, source } : undefined;
  }
  if (section.dialect === 'sqlite' && section.storage) return { file: section.storage, source };
  return { host: section.host ?? '', database: section.database, source };
}

function efDefault(reader: WorkspaceReader, root: string, envName: string): DbDefault | undefined {
  const pretty = envName.charAt(0).toUpperCase() + envName.slice(1);
  for (const file of [`appsettings.${pretty}.json`, 'appsettings.json']) {
    const text = cachedFile(reader, path.join(root, file), 'text', (t) => t);
    if (text === undefined) continue;
    const block = /"ConnectionStrings"\s*:\s*\{([^}]*)\}/.exec(text)?.[1];
    const first = block && /"[^"]+"\s*:\s*"([^"]+)"/.exec(block)?.[1];
    if (first) return { target: first, source: file };
  }
  return undefined;
}

function keyFile(reader: WorkspaceReader, root: string, files: readonly string[], key: RegExp): DbDefault | undefined {
  for (const file of files) {
    const text = cachedFile(reader, path.join(root, file), 'text', (t) => t);
    if (text === undefined) continue;
    const m = key.exec(text);
    if (m && m[1] && !m[1].includes('%(') && !m[1].includes('${')) return { target: m[1].trim().replace(/^["']|["']$/g, ''), source: file };
  }
  return undefined;
}

/** Finds the database a tool would use by default in `root`. */
export function databaseDefault(
  tool: DbTool,
  root: string,
  env: Readonly<Record<string, string | undefined>>,
  reader: WorkspaceReader = nodeReader,
): DbDefault | undefined {
  const envName = environmentName(tool, env);
  const files = envFileChain(envName);
  const generic = (): DbDefault | undefined => {
    if (URL_VARS.some((v) => env[v])) return undefined; // the environment wins; environment signals cover it
    const found = fromEnvFiles(reader, root, files, URL_VARS);
    return found && { target: found.value, source: found.source };
  };
  switch (tool) {
    case 'prisma':
      return prismaDefault(reader, root, env);
    case 'rails':
      return env.DATABASE_URL ? undefined : railsDefault(reader, root, envName, env, files) ?? generic();
    case 'laravel':
      return laravelDefault(reader, root) ?? generic();
    case 'ecto':
      return ectoDefault(reader, root, envName, env, files) ?? generic();
    case 'alembic':
      return keyFile(reader, root, ['alembic.ini', 'migrations/alembic.ini'], /^\s*sqlalchemy\.url\s*=\s*(\S.*)$/m) ?? generic();
    case 'flyway':
      return keyFile(reader, root, ['flyway.conf', 'conf/flyway.conf', 'flyway.toml'], /^\s*(?:flyway\.)?url\s*[=:]\s*(\S.*)$/m) ?? generic();
    case 'liquibase':
      return keyFile(reader, root, ['liquibase.properties'], /^\s*url\s*[=:]\s*(\S.*)$/m) ?? generic();
    case 'hasura': {
      const endpoint = env.HASURA_GRAPHQL_ENDPOINT ? undefined : fromEnvFiles(reader, root, files, ['HASURA_GRAPHQL_ENDPOINT']);
      if (endpoint) return { target: endpoint.value, source: endpoint.source };
      return keyFile(reader, root, ['config.yaml', 'hasura/config.yaml'], /^\s*endpoint:\s*(\S+)/m);
    }
    case 'convex': {
      if (env.CONVEX_DEPLOYMENT) return undefined;
      const found = fromEnvFiles(reader, root, ['.env.local', '.env'], ['CONVEX_DEPLOYMENT']);
      return found && { target: `convex:${found.value}`, source: found.source };
    }
    case 'drizzle':
      return literalUrlIn(reader, root, ['drizzle.config.ts', 'drizzle.config.js', 'drizzle.config.mjs', 'drizzle.config.json']) ?? generic();
    case 'knex':
      return literalUrlIn(reader, root, ['knexfile.js', 'knexfile.ts', 'knexfile.cjs', 'knexfile.mjs']) ?? generic();
    case 'sequelize':
      return sequelizeDefault(reader, root, envName, env, files) ?? generic();
    case 'efcore':
      return efDefault(reader, root, envName);
    case 'typeorm':
    case 'django':
    case 'generic':
      return generic();
  }
}

/** Signals for a tool's default database, each saying which file it came from. */
export function databaseDefaultSignals(def: DbDefault | undefined): ProductionSignals {
  const out: ProductionSignals = { production: [], test: [], local: [] };
  if (!def) return out;
  const found: ProductionSignals = { production: [], test: [], local: [] };
  if (def.production) out.production.push(def.production);
  if (def.target?.startsWith('convex:')) {
    const d = def.target.slice(7);
    if (/^prod:/i.test(d)) found.production.push(`deployment ${d} is a production deployment`);
    else found.local!.push(`deployment ${d} is a development deployment`);
  } else if (def.target !== undefined) connectionSignals(def.target, found);
  else if (def.file !== undefined) fileDatabaseSignals(def.file, found);
  else {
    if (def.host !== undefined) {
      if (def.host === '') found.local!.push('no host is set, so it is the local socket');
      else connectionSignals(def.host, found);
    }
    if (def.database) {
      if (TEST_NAME.test(def.database)) found.test.push(`database ${def.database} is a test database`);
      else if (PROD_WORD.test(def.database)) found.production.push(`database ${def.database} looks like production`);
    }
  }
  const label = (m: string): string => `${def.source}: ${m}`;
  out.production.push(...found.production.map(label));
  out.test.push(...found.test.map(label));
  out.local!.push(...found.local!.map(label));
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Kubernetes, Terraform, git

const KUBE_TOOLS = new Set(['kubectl', 'helm', 'oc', 'k9s', 'kustomize', 'skaffold', 'helmfile', 'kubens', 'kubectx', 'argocd', 'kubecolor', 'stern', 'tilt', 'velero', 'flux']);
const TF_TOOLS = new Set(['terraform', 'tofu', 'terragrunt', 'terraform-docs', 'tfenv']);
const GIT_TOOLS = new Set(['git', 'gh', 'glab']);
const INFRA_TOOLS = new Set([...KUBE_TOOLS, ...TF_TOOLS, 'pulumi', 'cdk', 'serverless', 'sls', 'sam', 'docker-compose', 'docker', 'ansible-playbook', 'ansible']);
const LOCAL_KUBE_CONTEXT = /^(kind-.*|minikube|docker-desktop|docker-for-desktop|k3d-.*|rancher-desktop|orbstack|colima.*|microk8s|k3s-default)$/i;

/** The kube config's current context: the first file of `$KUBECONFIG`, else `~/.kube/config`. */
export function kubeContext(env: Readonly<Record<string, string | undefined>>, home: string, reader: WorkspaceReader = nodeReader): string | undefined {
  const files = env.KUBECONFIG ? env.KUBECONFIG.split(':').filter(Boolean) : [path.join(home, '.kube/config')];
  for (const file of files) {
    const abs = file.startsWith('~/') ? path.join(home, file.slice(2)) : file;
    const ctx = cachedFile(reader, abs, 'kube', (t) => /^current-context:\s*["']?([^"'\s#]+)/m.exec(t)?.[1] ?? null);
    if (ctx) return ctx;
  }
  return undefined;
}

/** The selected Terraform workspace in `dir` (`.terraform/environment`), or undefined for `default`. */
export function terraformWorkspace(dir: string, reader: WorkspaceReader = nodeReader): string | undefined {
  const name = cachedFile(reader, path.join(dir, '.terraform/environment'), 'text', (t) => t.trim());
  return name && name !== 'default' ? name : undefined;
}

/** The current git branch of the repository at `root` (follows a `.git` file of a worktree); undefined when detached. */
export function gitBranch(root: string, reader: WorkspaceReader = nodeReader): string | undefined {
  let gitDir = path.join(root, '.git');
  const pointer = cachedFile(reader, gitDir, 'text', (t) => /^gitdir:\s*(.+)$/m.exec(t)?.[1]?.trim() ?? null);
  if (pointer) gitDir = path.resolve(root, pointer);
  const head = cachedFile(reader, path.join(gitDir, 'HEAD'), 'text', (t) => /^ref:\s*refs\/heads\/(.+)$/m.exec(t.trim())?.[1] ?? null);
  return head ?? undefined;
}

/** Production-looking files at the top of the workspace (`.env.production`, `docker-compose.prod.yml`, …). */
export function productionFiles(root: string, reader: WorkspaceReader = nodeReader): string[] {
  const candidates = [
    '.env.production', '.env.prod', '.env.production.local', 'docker-compose.prod.yml', 'docker-compose.production.yml',
    'compose.prod.yml', 'compose.production.yaml', 'values-prod.yaml', 'config/credentials/production.yml.enc', 'config/master.key',
    'appsettings.Production.json', 'fly.toml', 'vercel.json', 'wrangler.toml',
  ];
  return candidates.filter((f) => reader.stat(path.join(root, f)) !== undefined);
}

const PROD_DIR = /(^|\/)(prod|production|prd|live)(\/|$)/i;

// ---------------------------------------------------------------------------------------------------------------
// Wiring

export interface WorkspaceOptions {
  /** The workspace (repository) root; nothing is read without one. */
  root: string | undefined;
  /** The command's working folder. */
  cwd: string | undefined;
  home: string;
  /** Environment the command runs with (process env, action env and the command's own prefixes). */
  env: Readonly<Record<string, string | undefined>>;
  reader?: WorkspaceReader;
  config?: SignalConfig;
}

function hasExplicitConnection(cmd: SimpleCommand): boolean {
  return cmd.args.some((a) => a.includes('://') || /^(--url|--db-url|--database-url|--dsn|--connection|--connection-string|--conn)(=|$)/.test(a))
    || Object.keys(cmd.env).some((k) => URL_VARS.includes(k) || /^(DB_HOST|PGHOST|DB_CONNECTION|CONVEX_DEPLOYMENT|HASURA_GRAPHQL_ENDPOINT|GOOSE_DBSTRING)$/.test(k));
}

/**
 * Workspace signals for one command, only for the domain its program belongs to: the default database of ORMs and
 * migration tools (when the command names no database), the kube context, the Terraform workspace, the git branch,
 * and production folders for infrastructure tools. Commands of other programs read nothing.
 */
export function workspaceSignals(cmd: SimpleCommand | undefined, options: WorkspaceOptions): ProductionSignals {
  const out: ProductionSignals = { production: [], test: [], local: [] };
  if (!cmd) return out;
  const reader = options.reader ?? nodeReader;
  const env = { ...options.env, ...cmd.env };
  const root = options.root;
  const cwd = cmd.cwd && !cmd.cwd.includes('$') ? cmd.cwd : options.cwd;

  const tool = dbToolOf(cmd);
  if (tool && root && !cmd.remote && !hasExplicitConnection(cmd)) {
    const def = databaseDefault(tool, root, env, reader);
    const found = databaseDefaultSignals(def);
    out.production.push(...found.production);
    out.test.push(...found.test);
    out.local!.push(...(found.local ?? []));
  }

  if (KUBE_TOOLS.has(cmd.name) && !cmd.args.some((a) => /^--(context|kube-context|kubeconfig)(=|$)/.test(a)) && !cmd.remote) {
    // A context selected earlier in the line (`kubectx kind-dev && …`) replaces the one in the kubeconfig file.
    const ctx = cmd.env.KUBE_CONTEXT ?? cmd.env.HELM_KUBECONTEXT ?? kubeContext(env, options.home, reader);
    if (ctx) {
      if (PROD_WORD.test(ctx) || matchesAny(ctx, options.config?.kubeContexts)) out.production.push(`kube context ${ctx}`);
      else if (LOCAL_KUBE_CONTEXT.test(ctx)) out.local!.push(`kube context ${ctx} is a local cluster`);
    }
  }

  if (TF_TOOLS.has(cmd.name) && !env.TF_WORKSPACE && cwd) {
    const chdir = cmd.args.find((a) => a.startsWith('-chdir='))?.slice(7);
    const dir = chdir ? path.resolve(cwd, chdir) : cwd;
    const ws = terraformWorkspace(dir, reader);
    if (ws && (PROD_WORD.test(ws) || matchesAny(ws, options.config?.envNames))) out.production.push(`terraform workspace ${ws}`);
  }

  if (GIT_TOOLS.has(cmd.name) && root) {
    const branch = gitBranch(root, reader);
    if (branch && (PROD_WORD.test(branch) || matchesAny(branch, options.config?.branches))) out.production.push(`on branch ${branch}`);
  }

  if (INFRA_TOOLS.has(cmd.name) && root && cwd) {
    const rel = path.relative(root, cwd);
    if (rel && !rel.startsWith('..') && PROD_DIR.test(rel)) out.production.push(`runs in ${rel}`);
  }
  return out;
}
