/**
 * Which files the file guard protects, and how. One place decides, for the file rules (agent writes through
 * hooks), the command rules (shell commands that write files) and the editor's snapshots.
 *
 * Classes, and what a change by an agent gets (decided here because the issue left it open):
 *
 * | class            | examples                                                        | create | change | delete / move away |
 * | ---------------- | --------------------------------------------------------------- | ------ | ------ | ------------------ |
 * | `production-env` | `.env.production`, `.env.prod`, `config/production/.env`        | ask    | ask    | block              |
 * | `production`     | `config/production.yml`, `k8s/production/**`, `values-prod.yaml`, `fly.toml`, deploy workflows | ask | ask | ask |
 * | `secret`         | `*.pem`, `*.key`, `id_rsa`, `credentials.json`, `config/master.key` | allow | block | block          |
 * | `state`          | `*.tfstate`, `terraform.tfstate.d/**`                           | allow  | block  | block              |
 * | `team`           | the team's `protect` globs (and the person's own)               | ask    | ask    | ask                |
 * | `local-env`      | `.env`, `.env.local`, `.env.development`                        | allow  | allow unless wiped or cut | ask |
 * | `guard`          | `.blastradius.json`, agents' hook configs, `.vscode/settings.json` | judged by the tamper rules: weakening blocks |
 *
 * Keys and state block: a private key cannot be re-issued with the same identity and a lost state file orphans
 * live infrastructure, and an agent has no ordinary reason to rewrite either; creating a new one loses nothing.
 * Production files ask: changing them is sometimes the task, but the person should see it. Local env files are
 * the developer's own (the catalog says edits there are not flagged) but wiping one loses secrets that often
 * exist nowhere else.
 *
 * Globs: built-ins first, then EngineConfig.protect (which the config layer builds as its own built-ins, then
 * the person's and the team's entries). A `!` entry there removes a file from protection, except guard files:
 * the guard's own configuration stays protected whatever a rule file says (an agent could write that `!`).
 */
import * as path from 'node:path';
import picomatch from 'picomatch';
import { BUILTIN_PROTECT } from '../../config/presets';
import { isUnresolved } from '../../shell/types';
import { isTempPath } from '../fs/_paths';

export type FileClass = 'production-env' | 'production' | 'secret' | 'state' | 'team' | 'local-env' | 'guard';

/** Kinds of guard files: each is read differently when judging whether a change weakens protection. */
export type GuardKind = 'rule-file' | 'hook-config' | 'editor-settings' | 'guard-home';

export interface Protection {
  cls: FileClass;
  guard?: GuardKind;
  /** Plain words for messages: "a production env file", "a private key"… */
  what: string;
  /** Absolute path; empty when the path depends on a variable (the class then comes from the name alone). */
  abs: string;
  /** Relative to the workspace root when inside it, else `~/…` or the absolute path: for messages. */
  shown: string;
}

export interface ClassifyOptions {
  cwd: string | undefined;
  workspaceRoot: string | undefined;
  home: string;
  /** EngineConfig.protect (built-ins of the config layer first, then the person's and the team's entries). */
  protect?: readonly string[];
}

const WHAT: Record<Exclude<FileClass, 'guard'>, string> = {
  'production-env': 'a production env file',
  production: 'production configuration',
  secret: 'a private key or credential file',
  state: 'infrastructure state',
  team: 'a file your team protects',
  'local-env': 'a local env file with secrets',
};

const GUARD_WHAT: Record<GuardKind, string> = {
  'rule-file': "Blast Radius's rule file",
  'hook-config': "an agent's hook and permission settings",
  'editor-settings': 'editor settings that control agent approvals',
  'guard-home': "Blast Radius's own settings and approvals",
};

/** Config-like extensions: a `prod` folder or name makes these production configuration (source code is not). */
export const CONFIG_EXT = new Set([
  'yml', 'yaml', 'json', 'jsonc', 'json5', 'toml', 'ini', 'conf', 'cfg', 'config', 'env', 'properties', 'xml', 'hcl', 'tf',
  'tfvars', 'nomad', 'service', 'plist',
]);

const PROD_TOKEN = /(^|[._-])(prod|production|prd)([._-]|$)/i;
const PROD_DIR = /^(prod|production|prd)([._-].*)?$/i;
const TEMPLATE = /[._-](example|sample|template|dist|tpl|defaults?|schema)([._-]|$)/i;
const ENV_FILE = /^(\.env(\.[\w.-]+)?|[\w.-]+\.env|\.envrc)$/;
const PROD_ENV = /^\.env\.(prod|production|prd|live)(\.[\w-]+)*$|^(prod|production)\.env$/i;
const KEY = /^id_(rsa|dsa|ecdsa|ed25519)(_sk)?$|\.(pem|key|p12|pfx|jks|keystore|kdbx|ppk)$|^\.htpasswd$/i;
const CREDENTIALS = /^(credentials|client_secrets?|service[-_]?account([-_][\w.-]*)?|gcp[-_]key|firebase[-_]adminsdk[\w.-]*)\.json$|^secrets?\.(ya?ml|json|toml)$|^(credentials|master)\.(ya?ml\.)?(enc|key)$/i;
const STATE = /\.tfstate(\.backup|\.\d+\.backup)?$/i;

/** Named deployment files (the catalog's production-signal file names). */
const DEPLOY_NAMES = new Set(['fly.toml', 'vercel.json', 'wrangler.toml', 'netlify.toml', 'render.yaml', 'serverless.yml', 'serverless.yaml', 'codeowners']);

const m = (globs: string[]): ((p: string) => boolean) => picomatch(globs, { dot: true, nocase: false });

/** Workspace-relative production paths beyond the name rules. */
const PRODUCTION_GLOBS = m([
  'config/database.yml',
  'config/credentials/production.*',
  '.github/workflows/deploy*.{yml,yaml}',
  '.github/workflows/*prod*.{yml,yaml}',
  '.github/workflows/release*.{yml,yaml}',
  '.github/CODEOWNERS',
]);

/** Guard files inside the workspace, by kind. */
const GUARD_WORKSPACE: [GuardKind, (p: string) => boolean][] = [
  ['rule-file', m(['.blastradius.json', '**/.blastradius.json'])],
  ['hook-config', m([
    '.claude/settings*.json', '.github/hooks/**', '.github/copilot/settings*.json', '.cursor/hooks.json', '.gemini/settings.json',
    '.codex/**', '.windsurf/hooks.json', '.clinerules/hooks/**', '.kiro/hooks/**',
  ])],
  ['editor-settings', m(['.vscode/settings.json', '*.code-workspace'])],
];

/** Guard files under the home folder (an agent's user-level settings apply to every project). */
const GUARD_HOME: [GuardKind, (p: string) => boolean][] = [
  ['guard-home', m(['.blast-radius/**'])],
  ['hook-config', m([
    '.claude/settings*.json', '.copilot/hooks/**', '.copilot/settings*.json', '.cursor/hooks.json', '.gemini/settings.json',
    '.codex/**', '.codeium/windsurf/hooks.json', 'Documents/Cline/Hooks/**', '.kiro/hooks/**',
  ])],
  ['editor-settings', m([
    '.config/*/User/settings.json', 'Library/Application Support/*/User/settings.json', '.vscode-server/data/{User,Machine}/settings.json',
    '.local/share/code-server/{User,Machine}/settings.json', '.cursor-server/data/{User,Machine}/settings.json',
  ])],
];

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

function within(child: string, parent: string): string | undefined {
  const rel = path.posix.relative(parent, child);
  if (rel === '' || rel === '..' || rel.startsWith('../') || path.posix.isAbsolute(rel)) return undefined;
  return rel;
}

/** The absolute path of a file argument, or undefined when it depends on variables or an unknown folder. */
export function absolutePath(file: string, cwd: string | undefined, home: string): string | undefined {
  const f = file.replace(/^["']|["']$/g, '');
  if (!f || isUnresolved(f)) return undefined;
  if (f === '~' || f.startsWith('~/')) return path.posix.join(home, f.slice(1));
  if (f.startsWith('~')) return undefined;
  if (f.startsWith('/')) return path.posix.normalize(f);
  if (!cwd || isUnresolved(cwd)) return undefined;
  return path.posix.resolve(toPosix(cwd), f);
}

/**
 * The entries of EngineConfig.protect that are not the config layer's own built-ins (those name the same files
 * as the classes here: env files and keys). Its list starts with BUILTIN_PROTECT; what follows is the person's and
 * the team's.
 */
export function extraEntries(protect: readonly string[] | undefined): readonly string[] {
  if (!protect || protect.length === 0) return [];
  const n = BUILTIN_PROTECT.length;
  if (protect.length >= n && BUILTIN_PROTECT.every((g, i) => protect[i] === g)) return protect.slice(n);
  return protect;
}

const entryCache = new Map<string, (p: string) => boolean>();

function entryMatcher(glob: string): (p: string) => boolean {
  let fn = entryCache.get(glob);
  if (!fn) {
    // As in config/protect.ts: gitignore-style, a glob without a slash matches at any depth.
    const pattern = glob.includes('/') ? glob.replace(/^\.?\//, '') : `**/${glob}`;
    fn = picomatch(pattern, { dot: true, windows: false });
    entryCache.set(glob, fn);
  }
  return fn;
}

/** Last matching entry wins: 'protect', 'unprotect', or undefined when none matches. */
function teamVerdict(rel: string, abs: string, entries: readonly string[]): 'protect' | 'unprotect' | undefined {
  let result: 'protect' | 'unprotect' | undefined;
  for (const entry of entries) {
    const negated = entry.startsWith('!');
    const glob = negated ? entry.slice(1) : entry;
    const hit = path.posix.isAbsolute(glob) ? picomatch(glob, { dot: true })(abs) : entryMatcher(glob)(rel);
    if (hit) result = negated ? 'unprotect' : 'protect';
  }
  return result;
}

/** The built-in class of a file from its name and (when inside the workspace) its path. */
export function builtinClass(abs: string, rel: string | undefined): Exclude<FileClass, 'guard' | 'team'> | undefined {
  const base = path.posix.basename(abs);
  const lower = base.toLowerCase();
  const dirs = (rel ?? '').split('/').slice(0, -1);
  if (STATE.test(base) || (rel ?? abs).split('/').includes('terraform.tfstate.d')) return 'state';
  if (KEY.test(base) && !lower.endsWith('.pub')) return 'secret';
  if (CREDENTIALS.test(base)) return 'secret';
  if (rel !== undefined && /^config\/(master\.key|credentials(\/[^/]+)?\.key)$/.test(rel)) return 'secret';
  if (TEMPLATE.test(base)) return undefined;
  if (ENV_FILE.test(base)) {
    if (PROD_ENV.test(base) || dirs.some((d) => PROD_DIR.test(d))) return 'production-env';
    return 'local-env';
  }
  if (rel === undefined) return undefined;
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
  const stem = dot > 0 ? base.slice(0, dot) : base;
  if (DEPLOY_NAMES.has(lower) || PRODUCTION_GLOBS(rel)) return 'production';
  if (/\.prod\./i.test(base)) return 'production';
  if (CONFIG_EXT.has(ext) && PROD_TOKEN.test(stem)) return 'production';
  if (/^(prod|production)$/i.test(stem) && dirs.length > 0 && /^(config|settings|environments|envs?|conf|deploy)$/i.test(dirs[dirs.length - 1]!)) return 'production';
  if ((CONFIG_EXT.has(ext) || base === 'Dockerfile') && dirs.some((d) => PROD_DIR.test(d))) return 'production';
  if (ext === 'tfvars' && PROD_TOKEN.test(stem)) return 'production';
  return undefined;
}

function guardKind(abs: string, rel: string | undefined, home: string): GuardKind | undefined {
  if (rel !== undefined) for (const [kind, match] of GUARD_WORKSPACE) if (match(rel)) return kind;
  const inHome = within(abs, home);
  if (inHome !== undefined) for (const [kind, match] of GUARD_HOME) if (match(inHome)) return kind;
  return undefined;
}

/**
 * How a file is protected, or undefined when it is not. `file` is a path as an agent or a command wrote it
 * (absolute, `~/…`, or relative to `cwd`).
 */
export function classifyFile(file: string, o: ClassifyOptions): Protection | undefined {
  const abs = absolutePath(file, o.cwd ?? o.workspaceRoot, o.home);
  if (abs === undefined) {
    // `"$DIR/credentials.json"`: the folder is unknown but the name still tells keys, state and env files apart.
    const word = file.replace(/^["']|["']$/g, '');
    const base = word.slice(word.lastIndexOf('/') + 1);
    if (!base || base.includes('$') || base.includes('`')) return undefined;
    const cls = builtinClass(`/${base}`, undefined);
    return cls && cls !== 'local-env' ? { cls, what: WHAT[cls], abs: '', shown: word } : undefined;
  }
  const root = o.workspaceRoot ? path.posix.normalize(toPosix(o.workspaceRoot)) : undefined;
  const rel = root ? within(abs, root) : undefined;
  const inHome = within(abs, o.home);
  const shown = rel ?? (inHome !== undefined ? `~/${inHome}` : abs);
  const guard = guardKind(abs, rel, o.home);
  if (guard) return { cls: 'guard', guard, what: GUARD_WHAT[guard], abs, shown };
  // Scratch files in /tmp are disposable, unless the workspace itself lives there.
  if (rel === undefined && isTempPath(abs)) return undefined;
  const team = rel !== undefined ? teamVerdict(rel, abs, extraEntries(o.protect)) : undefined;
  if (team === 'unprotect') return undefined;
  const cls = builtinClass(abs, rel);
  if (cls && !(cls === 'local-env' && team === 'protect')) return { cls, what: WHAT[cls], abs, shown };
  if (team === 'protect') return { cls: 'team', what: WHAT.team, abs, shown };
  return undefined;
}

/**
 * Globs (workspace-relative) that find every built-in protected file: for the editor's start-up snapshot with
 * `findFiles`. The class functions above stay the judge; these only narrow the search.
 */
export const SNAPSHOT_SEARCH_GLOBS: readonly string[] = [
  '**/.env', '**/.env.*', '**/*.env', '**/.envrc',
  '**/*.{pem,key,p12,pfx,jks,keystore,kdbx,ppk}', '**/id_{rsa,dsa,ecdsa,ed25519}', '**/.htpasswd',
  '**/{credentials,client_secret,client_secrets,secrets,secret}.*', '**/service*account*.json', '**/*.tfstate', '**/*.tfstate.*',
  '**/*prod*', '**/*Prod*', '**/*PROD*', '**/*prd*',
  '**/{fly.toml,vercel.json,wrangler.toml,netlify.toml,render.yaml,serverless.yml,serverless.yaml,CODEOWNERS}',
  'config/database.yml', 'config/master.key', '.github/workflows/*',
  '**/{prod,production,prd}*/**',
  '**/.blastradius.json', '.claude/settings*.json', '.github/hooks/**', '.github/copilot/settings*.json', '.cursor/hooks.json',
  '.gemini/settings.json', '.codex/**', '.windsurf/hooks.json', '.clinerules/hooks/**', '.kiro/hooks/**', '.vscode/settings.json',
  '*.code-workspace',
];

/** Lines of a text, for change summaries. */
export function countLines(text: string | undefined): number {
  if (!text) return 0;
  const n = text.split('\n').length;
  return text.endsWith('\n') ? n - 1 : n;
}
