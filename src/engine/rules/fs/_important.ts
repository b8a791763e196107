/**
 * Files whose contents cannot be regenerated and whose loss hurts: databases, env files with secrets,
 * infrastructure state, system configuration, SSH keys and the user's own tool configuration.
 */
import * as path from 'node:path';
import { resolvePath } from '../../shell/words';
import { isDisposableTemp } from './_paths';

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

/**
 * Folders of /etc where a service or site is added by writing a new file of its own, next to the others
 * (`sudo tee /etc/nginx/sites-available/app.conf`, `install app.service /etc/systemd/system/`). Without looking at
 * the disk the judgement is by name: the files a distribution ships there (`default`, `sshd.service`) exist,
 * and may hold the admin's own changes, so replacing them still counts; another name is a new file.
 */
const SITE_FOLDERS = /^\/etc\/(nginx\/(sites-available|sites-enabled|snippets)|apache2\/(sites-available|sites-enabled))\/[^/]+$/;
const SHIPPED_SITES = /^(default|default-ssl|000-default\.conf|default-ssl\.conf|fastcgi-php\.conf|snakeoil\.conf)$/;
const UNIT_FOLDER = /^\/etc\/systemd\/(system|user)\/[^/]+\.(service|timer|socket|path|mount|automount|target|slice)$/;
/** Units the system itself runs on (a replacement can lock the person out or stop the machine booting). */
const CORE_UNITS = /^(ssh|sshd|systemd-.*|getty@.*|serial-getty@.*|autovt@.*|dbus.*|display-manager|network.*|NetworkManager.*|wpa_supplicant|cron|crond|rsyslog|syslog|docker|containerd|snapd.*|cloud-.*|ufw|firewalld|apparmor|polkit|udev|udisks2|accounts-daemon|gdm.*|lightdm|sddm|default|multi-user|graphical|basic|sysinit|rescue|emergency|reboot|poweroff|halt|shutdown|ctrl-alt-del|local-fs|remote-fs|sockets|timers|paths|swap|getty|nss-.*|time-sync|[a-z-]*-online)\.[a-z]+$/;

/** A new site, snippet or unit file written into one of the SITE_FOLDERS / unit folders (see above). */
function newDropIn(resolved: string, use: 'write' | 'delete'): boolean {
  const base = path.posix.basename(resolved);
  if (SITE_FOLDERS.test(resolved)) {
    // sites-enabled holds symlinks to sites-available: removing one disables a site and loses nothing.
    if (use === 'delete') return /\/sites-enabled\//.test(resolved);
    return !SHIPPED_SITES.test(base);
  }
  return use === 'write' && UNIT_FOLDER.test(resolved) && !CORE_UNITS.test(base);
}

/**
 * Classifies a path argument; undefined for ordinary files, logs, templates, and anything in a temp folder (but the
 * project, even when it lives in one).
 * `use` is what happens to the file: written (created or replaced, the default) or deleted.
 */
export function importantFile(
  arg: string,
  cwd: string | undefined,
  where: { home: string; workspaceRoot?: string | undefined },
  use: 'write' | 'delete' = 'write',
): ImportantFile | undefined {
  const { home } = where;
  const resolved = resolvePath(arg, cwd, home);
  const p = resolved ?? arg.replace(/^["']|["']$/g, '');
  if (resolved && isDisposableTemp(resolved, where.workspaceRoot)) return undefined;
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
    // So are new sites and units (see SITE_FOLDERS).
    if ((resolved.startsWith('/etc/') && !/\.d\/[^/]+$/.test(resolved) && !newDropIn(resolved, use)) || resolved.startsWith('/boot/')) return make('system');
  }
  if (STATE.test(p)) return make('state');
  if (ENV.test(base) && !ENV_TEMPLATE.test(base)) return make('env');
  if (DATABASE.test(base) && !TEST_DATABASE.test(base.replace(DATABASE, ''))) return make('database');
  return undefined;
}
