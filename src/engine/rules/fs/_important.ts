/**
 * Files whose contents cannot be regenerated and whose loss hurts: databases, env files with secrets,
 * infrastructure state, system configuration, SSH keys and the user's own tool configuration.
 */
import * as path from 'node:path';
import { resolvePath } from '../../shell/words';
import { isTempPath } from './_paths';

export type ImportantKind = 'database' | 'env' | 'state' | 'system' | 'ssh' | 'user-config';

export interface ImportantFile {
  kind: ImportantKind;
  /** Plain words for messages: "a database", "an env file with secrets"… */
  what: string;
  /** Absolute path when known, otherwise the word as written. */
  path: string;
}

const DATABASE = /\.(db|db3|sqlite|sqlite3|s3db|sl3|duckdb|mdb|accdb)(-wal|-shm|-journal)?$/i;
const TEST_DATABASE = /(^|[_\-.])(test|tests|testing|spec|e2e)([_\-.]|$)|^:memory:$/i;
const ENV = /^(\.env(\.[\w.-]+)?|[\w.-]+\.env|\.envrc)$/;
const ENV_TEMPLATE = /[._-](example|sample|template|dist|defaults?|schema|tpl)([._-]|$)|^\.env\.(test|ci)$/i;
const STATE = /\.tfstate(\.backup)?$|(^|\/)terraform\.tfstate\.d\//;
const USER_CONFIG = new Set([
  '.bashrc', '.bash_profile', '.profile', '.zshrc', '.zprofile', '.zshenv', '.gitconfig', '.npmrc', '.pypirc', '.netrc', '.pgpass',
  '.aws/credentials', '.aws/config', '.kube/config', '.docker/config.json', '.config/gh/hosts.yml', '.gnupg/pubring.kbx',
]);

const WHAT: Record<ImportantKind, string> = {
  database: 'a database file',
  env: 'an env file with secrets',
  state: 'infrastructure state',
  system: 'system configuration',
  ssh: 'SSH keys and configuration',
  'user-config': 'your own tool configuration',
};

/** Classifies a path argument; undefined for ordinary files, logs, templates, and anything in a temp folder. */
export function importantFile(arg: string, cwd: string | undefined, home: string): ImportantFile | undefined {
  const resolved = resolvePath(arg, cwd, home);
  const p = resolved ?? arg.replace(/^["']|["']$/g, '');
  if (resolved && isTempPath(resolved)) return undefined;
  if (p.startsWith('/dev/')) return undefined;
  const base = path.posix.basename(p);
  const make = (kind: ImportantKind): ImportantFile => ({ kind, what: WHAT[kind], path: p });
  if (resolved) {
    if (resolved.startsWith(home + '/')) {
      const rel = resolved.slice(home.length + 1);
      if (rel.startsWith('.ssh/') && base !== 'known_hosts' && !base.endsWith('.pub')) return make('ssh');
      if (USER_CONFIG.has(rel)) return make('user-config');
    }
    // New drop-in files (`/etc/apt/sources.list.d/x.list`) are how packages are set up; replacing /etc/hosts is not.
    if ((resolved.startsWith('/etc/') && !/\.d\/[^/]+$/.test(resolved)) || resolved.startsWith('/boot/')) return make('system');
  }
  if (STATE.test(p)) return make('state');
  if (ENV.test(base) && !ENV_TEMPLATE.test(base)) return make('env');
  if (DATABASE.test(base) && !TEST_DATABASE.test(base.replace(DATABASE, ''))) return make('database');
  return undefined;
}
