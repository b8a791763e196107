/**
 * Shared reading of a git invocation: global options before the subcommand (`-C dir`, `-c k=v`, `--git-dir=…`),
 * the subcommand and its own arguments, and how to judge branch and ref names.
 */
import * as path from 'node:path';
import type { SimpleCommand } from '../../shell/types';
import { isUnresolved } from '../../shell/types';
import { isTempPath } from '../fs/_paths';

export interface GitCall {
  /** The subcommand (`push`, `reset`…), undefined for `git --version` and the like. */
  sub: string | undefined;
  /** Arguments after the subcommand. */
  args: string[];
  /** Folder git works in after `-C` (unresolved `-C $X` gives undefined). */
  cwd: string | undefined;
  /** `-c key=value` settings, keys lower-cased. */
  config: Record<string, string>;
}

const GLOBAL_WITH_VALUE = new Set(['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--exec-path', '--super-prefix', '--config-env', '--list-cmds']);

/** Splits `git [global options] <sub> <args>`; `cwd` is the command's folder. */
export function parseGit(cmd: SimpleCommand, cwd: string | undefined): GitCall {
  const config: Record<string, string> = {};
  let dir = cwd;
  const a = cmd.args;
  for (let i = 0; i < a.length; i++) {
    const w = a[i]!;
    if (w === '--') return { sub: a[i + 1], args: a.slice(i + 2), cwd: dir, config };
    if (!w.startsWith('-')) return { sub: w, args: a.slice(i + 1), cwd: dir, config };
    const eq = w.indexOf('=');
    const name = w.startsWith('--') && eq > 0 ? w.slice(0, eq) : w;
    if (!GLOBAL_WITH_VALUE.has(name)) continue;
    const value = name === w ? a[++i] : w.slice(eq + 1);
    if (value === undefined) break;
    if (name === '-C') {
      if (isUnresolved(value) || (dir === undefined && !value.startsWith('/'))) dir = undefined;
      else dir = path.posix.resolve(dir ?? '/', value);
    } else if (name === '-c') {
      const k = value.indexOf('=');
      config[(k === -1 ? value : value.slice(0, k)).toLowerCase()] = k === -1 ? 'true' : value.slice(k + 1);
    }
  }
  return { sub: undefined, args: [], cwd: dir, config };
}

/**
 * A repository the command line moved into under a temp folder (`cd /tmp && git clone … && cd lib`,
 * `git -C /tmp/x`, `cd "$(mktemp -d)"`) is a throwaway clone: resetting or cleaning it loses nothing of the
 * person's. The workspace itself never counts as throwaway, even when it lives in a temp folder.
 */
export function isThrowawayRepo(dir: string | undefined, workspaceRoot: string | undefined): boolean {
  if (!dir || !isTempPath(dir)) return false;
  if (!workspaceRoot) return true;
  const rel = path.posix.relative(workspaceRoot, dir);
  return rel.startsWith('..') || path.posix.isAbsolute(rel);
}

/** Branches whose history others build on: rewriting or deleting them hurts everyone. */
const PROTECTED = /^(main|master|develop|development|dev|trunk|stable|staging|live|release|releases?[/-].+|prod.*|hotfix\/?|HEAD|@)$/i;

/** Strips `refs/heads/`, `refs/remotes/<r>/` and `origin/`-style prefixes are kept (they are names too). */
export function shortRef(ref: string): string {
  return ref.replace(/^refs\/heads\//, '').replace(/^refs\/remotes\//, '');
}

export function isTagRef(ref: string): boolean {
  return ref.startsWith('refs/tags/') || /^v?\d+(\.\d+)+([-.+][\w.]+)?$/.test(ref);
}

export type RefKind = 'protected' | 'tag' | 'unknown' | 'wildcard' | 'topic';

/** How much a ref matters: default/release branches and published tags matter most; `$X` is unknown. */
export function classifyRef(ref: string): RefKind {
  if (isUnresolved(ref)) return 'unknown';
  if (ref.includes('*')) return 'wildcard';
  if (isTagRef(ref)) return 'tag';
  if (PROTECTED.test(shortRef(ref))) return 'protected';
  return 'topic';
}

export function describeRef(ref: string, kind: RefKind): string {
  switch (kind) {
    case 'protected': return `the shared branch ${shortRef(ref)}`;
    case 'tag': return `the published tag ${ref.replace(/^refs\/tags\//, '')}`;
    case 'unknown': return `a ref that is not known until it runs (${ref})`;
    case 'wildcard': return `every ref matching ${ref}`;
    case 'topic': return `the branch ${shortRef(ref)}`;
  }
}

/** True when any short-flag cluster or long flag in `args` (before `--`) matches. */
export function gitFlag(args: readonly string[], short: string | undefined, ...long: string[]): boolean {
  for (const a of args) {
    if (a === '--') return false;
    if (a.startsWith('--')) {
      if (long.includes(a.split('=')[0]!)) return true;
    } else if (short && /^-[A-Za-z]+$/.test(a) && a.includes(short)) return true;
  }
  return false;
}

/** Arguments after a `--` separator (pathspecs), or undefined when there is none. */
export function afterDoubleDash(args: readonly string[]): string[] | undefined {
  const i = args.indexOf('--');
  return i === -1 ? undefined : args.slice(i + 1);
}

/** Pathspecs that cover the whole tree: `.`, `:/`, `*`, `:(top)`, `./`, an empty `$VAR`. */
export function isWholeTreeSpec(spec: string): boolean {
  return /^(\.\/?|\.\/\*|:\/?|:\(top\)\.?|:\/\*|\*|\*\*|\*\*\/\*|\.\.(\/\.\.)*\/?)$/.test(spec) || /^\$\{?\w+\}?\/?$/.test(spec);
}

const EXTENSIONLESS_FILES = /^(Makefile|GNUmakefile|Dockerfile|Containerfile|Gemfile|Rakefile|Procfile|Vagrantfile|Jenkinsfile|Brewfile|Pipfile|LICENSE|LICENCE|COPYING|NOTICE|README|CHANGELOG|AUTHORS|CODEOWNERS|VERSION|Justfile|justfile|Caddyfile|Tiltfile|BUILD|WORKSPACE|OWNERS|go\.mod|go\.sum)$/;

/** A pathspec that probably names a folder (so a discard loses every change under it). */
export function looksLikeDirSpec(spec: string): boolean {
  if (spec.endsWith('/')) return true;
  const base = spec.split('/').pop() ?? spec;
  if (base.startsWith('.') || base.includes('*') || EXTENSIONLESS_FILES.test(base)) return false;
  return !/\.[A-Za-z0-9]{1,10}$/.test(base);
}
