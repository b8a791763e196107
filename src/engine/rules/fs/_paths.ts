/**
 * Shared judgement of filesystem targets: how wide a path is, and whether it can be regenerated.
 */
import * as path from 'node:path';
import { isUnresolved } from '../../shell/types';
import { resolvePath } from '../../shell/words';

/** Folders that tools regenerate: deleting them loses nothing. */
export const REGENERABLE = new Set([
  'node_modules', 'dist', 'build', 'out', '.next', '.nuxt', '.turbo', '.cache', 'coverage', 'target', '__pycache__',
  '.pytest_cache', '.venv', 'venv', '.mypy_cache', '.ruff_cache', '.parcel-cache', '.svelte-kit', '.angular', '.gradle',
  'bin', 'obj', '.tox', '.eggs', 'tmp', '.tmp', 'temp', '.terraform', 'storybook-static', '.expo', '.output', '.vercel',
  '.docusaurus', '.serverless', 'cdk.out', '.aws-sam', '.nyc_output', 'htmlcov', '.sass-cache', 'DerivedData', '.dart_tool',
  'site', '_site', 'public/build', '.webpack', '.vite', '.jest-cache', 'lib-cov', '.eslintcache', 'logs', '.test-output',
  'test-results', 'playwright-report', '.pnpm-store', 'elm-stuff', 'bower_components', '.stack-work', 'zig-cache', 'zig-out',
  '.hypothesis', 'pip-wheel-metadata', '.build', '.swiftpm', 'Pods', '.bundle', '.yarn/cache', '.docker-cache',
]);

export const SYSTEM_DIRS = [
  '/bin', '/boot', '/dev', '/etc', '/home', '/lib', '/lib32', '/lib64', '/opt', '/proc', '/root', '/sbin', '/srv', '/sys',
  '/usr', '/var', '/Users', '/System', '/Library', '/Applications', '/private', '/Volumes', '/mnt', '/media', '/snap',
];

/** Package and build caches in the home folder (relative to it): tools download or rebuild what they hold. */
const HOME_CACHES = /^(\.npm(\/.*)?|\.yarn\/(berry\/)?cache(\/.*)?|\.pnpm-store(\/.*)?|\.local\/share\/pnpm\/store(\/.*)?|\.bun\/install\/cache(\/.*)?|\.gradle\/(caches|wrapper\/dists|daemon)(\/.*)?|\.m2\/repository(\/.*)?|\.ivy2\/cache(\/.*)?|\.cargo\/(registry|git)(\/.*)?|go\/pkg\/mod(\/.*)?|\.nuget\/packages(\/.*)?|\.composer\/cache(\/.*)?|\.pub-cache(\/.*)?|\.node-gyp(\/.*)?|\.electron(\/.*)?|\.cocoapods\/repos(\/.*)?|Library\/Caches(\/.*)?|Library\/Developer\/Xcode\/(DerivedData|Archives\/[^/]+|iOS DeviceSupport)(\/.*)?|\.rustup\/(toolchains|downloads|tmp)\/.+)$/;

const TEMP_ROOTS = ['/tmp', '/var/tmp', '/private/tmp', '/private/var/folders', '/dev/shm'];
const TEMP_VARS = /^\$\{?(TMPDIR|TMP|TEMP|RUNNER_TEMP)\}?\/[^*]/;

export type Width =
  | { kind: 'root' }
  | { kind: 'home' }
  | { kind: 'system'; dir: string }
  | { kind: 'workspace-root' }
  | { kind: 'workspace-ancestor' }
  | { kind: 'git-dir' }
  | { kind: 'unset-variable' }
  | { kind: 'unknown' }
  | { kind: 'home-child' }
  | { kind: 'outside-workspace' }
  | { kind: 'workspace-top' }
  | { kind: 'narrow' };

export interface TargetInfo {
  width: Width;
  /** Absolute path when it could be resolved. */
  resolved?: string;
}

function isUnder(child: string, parent: string): boolean {
  // path.relative resolves a relative or unresolved path (`$UNKNOWN_DIR`) against the process's own folder.
  if (!path.posix.isAbsolute(child) || !path.posix.isAbsolute(parent)) return false;
  const rel = path.posix.relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !path.posix.isAbsolute(rel);
}

/**
 * A path built from a tool's answer to "where is your cache?" (`$(go env GOCACHE)`, `$(npm config get cache)/_cacache`):
 * `text` is the argument with its substitutions restored. What is in there is downloaded or rebuilt on demand.
 */
export function isCacheDirOutput(text: string): boolean {
  return /^"?\$\(\s*(go env (GOCACHE|GOMODCACHE)|npm config get cache|yarn cache dir|pnpm store path|pip3? cache dir|brew --cache|composer config cache-dir|bun pm cache|poetry config cache-dir|uv cache dir)\s*\)"?(\/[^*]*)?$/.test(text) || /^"?\$\(\s*go env GOPATH\s*\)"?\/pkg\/mod(\/.*)?$/.test(text);
}

export function isTempPath(p: string): boolean {
  return TEMP_ROOTS.some((t) => isUnder(p, t));
}

/** In a temp folder and not part of the project: a project checked out under /tmp is still the person's work. */
export function isDisposableTemp(p: string, workspaceRoot: string | undefined): boolean {
  if (!isTempPath(p)) return false;
  if (!workspaceRoot) return true;
  const root = path.posix.normalize(workspaceRoot);
  return p !== root && !isUnder(p, root) && !isUnder(root, p);
}

/** A glob that matches everything in its folder (`*`, `.*`, `dir/*`) stands for the folder itself. */
function stripWholeGlob(arg: string): string {
  if (arg === '*' || arg === '.*' || arg === './*' || arg === '{*,.*}' || arg === '*/' || arg === './*/') return '.';
  if (/\/(\*|\.\*|\{\*,\.\*\})\/?$/.test(arg)) return arg.replace(/\/(\*|\.\*|\{\*,\.\*\})\/?$/, '') || '/';
  return arg;
}

/**
 * A glob for one kind of file or folder, named by its ending (`*.egg-info`, `*.log`, `report-*.tar.gz`): it picks
 * out things of that kind, not a share of the project the way `src` or `*` does.
 */
const KIND_GLOB = /^[^/]*[*?][^/*?[\]]*\.[A-Za-z0-9][\w-]*$/;

function segmentsOf(p: string): string[] {
  return p.split('/').filter(Boolean);
}

/** How wide a deletion target is. `arg` is the word as written; cwd may be unknown. */
export function classifyTarget(arg: string, cwd: string | undefined, home: string, workspaceRoot: string | undefined): TargetInfo {
  if (isUnresolved(arg)) {
    if (TEMP_VARS.test(arg)) return { width: { kind: 'narrow' } };
    // `${DIR:?}` aborts when DIR is unset, so the path can never collapse to `/`.
    if (/^"?\$\{?[A-Za-z_][A-Za-z0-9_]*:\?/.test(arg)) return { width: { kind: 'narrow' } };
    // `$DIR`, `$DIR/`, `$DIR/*`, `${DIR:-/}`: empty or defaulted, this is `/` or everything in the current folder.
    if (/^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?(:-\/?)?\/?(\*)?$/.test(arg) || arg === '$HOME' || arg.startsWith('$HOME/')) {
      return arg === '$HOME' || arg === '$HOME/' || arg === '$HOME/*' ? { width: { kind: 'home' } } : { width: { kind: 'unset-variable' } };
    }
    const last = segmentsOf(arg).pop() ?? '';
    if (REGENERABLE.has(last)) return { width: { kind: 'narrow' } };
    return { width: { kind: 'unknown' } };
  }
  const base = stripWholeGlob(arg);
  const resolved = resolvePath(base, cwd, home);
  const segs = segmentsOf(base);
  const last = segs[segs.length - 1] ?? '';
  if (last === '.git') return { width: { kind: 'git-dir' }, resolved };
  // The history inside it: objects, refs, the reflog (`rm -rf .git/refs/original` after a filter-branch drops the backup).
  const inGit = segs.lastIndexOf('.git');
  if (inGit !== -1 && /^(objects|refs|logs|packed-refs)$/.test(segs[inGit + 1] ?? '')) return { width: { kind: 'git-dir' }, resolved };
  if (resolved === undefined) {
    // Relative to a folder we do not know.
    if (REGENERABLE.has(last) || REGENERABLE.has(segs.slice(-2).join('/'))) return { width: { kind: 'narrow' } };
    if (base === '.' || base === '..' || base.startsWith('../')) return { width: { kind: 'unknown' } };
    return { width: { kind: 'unknown' } };
  }
  if (resolved === '/') return { width: { kind: 'root' }, resolved };
  if (resolved === home || resolved === path.posix.dirname(home)) return { width: { kind: resolved === home ? 'home' : 'system', dir: resolved } as Width, resolved };
  if (workspaceRoot && resolved === path.posix.normalize(workspaceRoot)) return { width: { kind: 'workspace-root' }, resolved };
  if (workspaceRoot && isUnder(workspaceRoot, resolved)) return { width: { kind: 'workspace-ancestor' }, resolved };
  const resolvedLast = path.posix.basename(resolved);
  if (REGENERABLE.has(resolvedLast) || /\/(node_modules|\.cache)\//.test(resolved + '/')) return { width: { kind: 'narrow' }, resolved };
  if (resolved.startsWith(home + '/') && HOME_CACHES.test(resolved.slice(home.length + 1))) return { width: { kind: 'narrow' }, resolved };
  if (isDisposableTemp(resolved, workspaceRoot)) return { width: { kind: 'narrow' }, resolved };
  for (const dir of SYSTEM_DIRS) {
    if (resolved === dir || (isUnder(resolved, dir) && segmentsOf(resolved).length <= 3 && !isUnder(resolved, home))) {
      return { width: { kind: 'system', dir }, resolved };
    }
  }
  if (workspaceRoot && isUnder(resolved, workspaceRoot)) {
    const depth = segmentsOf(path.posix.relative(workspaceRoot, resolved)).length;
    // A top-level folder of the project (src/, tests/, migrations/) is a large share of the work; a file is not.
    if (depth === 1 && !/\.[A-Za-z0-9]{1,8}$/.test(resolvedLast) && !KIND_GLOB.test(resolvedLast)) return { width: { kind: 'workspace-top' }, resolved };
    return { width: { kind: 'narrow' }, resolved };
  }
  if (path.posix.dirname(resolved) === home) return { width: { kind: 'home-child' }, resolved };
  return { width: { kind: 'outside-workspace' }, resolved };
}

export function describeWidth(w: Width): string {
  switch (w.kind) {
    case 'root': return 'the whole filesystem';
    case 'home': return 'your home folder';
    case 'system': return `the system folder ${w.dir}`;
    case 'workspace-root': return 'the whole project';
    case 'workspace-ancestor': return 'a folder that contains the project';
    case 'git-dir': return "the repository's history (.git)";
    case 'unset-variable': return 'a path that becomes / or the current folder if the variable or command output is empty';
    case 'unknown': return 'a target that is not known until the command runs';
    case 'home-child': return 'a folder directly in your home';
    case 'outside-workspace': return 'a folder outside the project';
    case 'workspace-top': return 'a top-level folder of the project';
    case 'narrow': return 'a narrow target';
  }
}

/**
 * PowerShell's Copy-Item/Move-Item words as `cp`/`mv` would take them: the paths (`-Path`, `-LiteralPath`, or
 * positional) then the `-Destination`, with every other parameter dropped; `force` when `-Force` is given.
 */
export function psCopyArgs(args: readonly string[]): { args: string[]; force: boolean } {
  const paths: string[] = [];
  let dest: string | undefined;
  let force = false;
  for (let i = 0; i < args.length; i++) {
    const m = /^-([A-Za-z]+)(?::(.*))?$/.exec(args[i]!);
    if (!m) {
      paths.push(args[i]!);
      continue;
    }
    const name = m[1]!.toLowerCase();
    const value = (): string | undefined => m[2] ?? args[++i];
    if ('destination'.startsWith(name) && name.length >= 1 && name !== 'd') dest = value();
    else if (name === 'path' || name === 'literalpath' || name === 'lp') {
      const v = value();
      if (v !== undefined) paths.push(v);
    } else if ('force'.startsWith(name) && name.length >= 2) force = m[2] === undefined || !/^\$?false$/i.test(m[2]);
    else if (/^(filter|include|exclude|credential|container|tosession|fromsession)$/.test(name)) i++;
  }
  if (dest !== undefined) paths.push(dest);
  return { args: paths, force };
}
