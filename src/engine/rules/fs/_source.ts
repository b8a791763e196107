/**
 * Globs and name filters that pick every source file of one language (`*.ts`, `**\/*.go`, `-name '*.py'`), and the
 * places where such files are generated output (dist/, build/, generated/) rather than the person's work.
 * Also: the command behind a `$(…)` argument, for `rm $(git ls-files)` and `cat $(find . -name .env)`.
 */
import * as path from 'node:path';
import { analyzeShell } from '../../shell/analyze';
import type { SimpleCommand } from '../../shell/types';
import { readable } from '../../shell/types';
import { resolvePath } from '../../shell/words';
import { isDisposableTemp, REGENERABLE } from './_paths';

const SOURCE_EXT = new Set([
  'ts', 'tsx', 'mts', 'cts', 'js', 'jsx', 'mjs', 'cjs', 'py', 'pyi', 'go', 'rs', 'java', 'kt', 'kts', 'scala', 'groovy', 'rb',
  'php', 'c', 'h', 'cc', 'cpp', 'cxx', 'hpp', 'hh', 'cs', 'fs', 'vb', 'swift', 'm', 'mm', 'dart', 'lua', 'ex', 'exs', 'erl',
  'hrl', 'hs', 'elm', 'clj', 'cljs', 'ml', 'mli', 'r', 'jl', 'sql', 'proto', 'vue', 'svelte', 'astro', 'sol', 'zig', 'nim',
  'tf', 'ipynb', 'graphql', 'prisma',
]);

/** Folders whose files are generated or vendored, on top of the regenerable build and cache folders. */
const GENERATED_DIRS = new Set(['generated', '__generated__', '.generated', 'gen', 'vendor', 'third_party_generated', 'fixtures-out']);

/**
 * The language extension when the last segment of a glob picks every file of it (`*.ts`, `**\/*.py`) or every
 * test of it (`*.test.ts`, `*_test.go`, `test_*.py`); undefined for anything narrower (`*.generated.ts`, `*.d.ts`).
 */
export function sourceSweepExt(pattern: string): string | undefined {
  const base = pattern.replace(/^["']|["']$/g, '').split('/').pop() ?? '';
  const m = /^\*+\.(?:(?:test|spec)\.)?([A-Za-z]+)$/.exec(base) ?? /^\*_test\.([A-Za-z]+)$/.exec(base) ?? /^test_\*\.(py)$/.exec(base);
  const ext = m?.[1]?.toLowerCase();
  return ext && SOURCE_EXT.has(ext) ? ext : undefined;
}

/** A path (or glob) inside build output, caches, generated or vendored code. */
export function inGeneratedPlace(p: string): boolean {
  return p.split('/').some((s) => REGENERABLE.has(s) || GENERATED_DIRS.has(s) || /^\*?(generated|gen)\*?$/.test(s) || /\.egg-info$/.test(s));
}

/**
 * True when `dir` (a folder or glob folder part, as written) is the person's own code: inside the project (or
 * relative to an unknown folder), not in a temp folder and not generated output.
 */
export function inProjectSource(dir: string, cwd: string | undefined, home: string, workspaceRoot: string | undefined): boolean {
  const clean = dir.replace(/^["']|["']$/g, '') || '.';
  if (inGeneratedPlace(clean)) return false;
  const resolved = resolvePath(clean.replace(/\/?\*\*$/, '') || '.', cwd, home);
  if (resolved === undefined) return !path.posix.isAbsolute(clean) && !clean.startsWith('~') && !clean.startsWith('$');
  if (isDisposableTemp(resolved, workspaceRoot)) return false;
  if (!workspaceRoot) return !path.posix.isAbsolute(clean);
  const root = path.posix.normalize(workspaceRoot);
  if (resolved !== root && !resolved.startsWith(root + '/')) return false;
  return !inGeneratedPlace(path.posix.relative(root, resolved));
}

/**
 * The command whose output a word stands for (`$(git ls-files)`, `` `find . -name .env` ``, `<(ls)`): the last
 * command of that pipeline, with the pipeline's earlier stages as its stdin producers. Undefined for anything else.
 */
export function substitutedCommand(word: string, cmd: SimpleCommand, cwd: string | undefined, home: string): SimpleCommand | undefined {
  if (!word.includes('$__BRS')) return undefined;
  const text = readable(word, cmd);
  const m = /^"?(?:\$\(|<\(|`)([\s\S]*)(?:\)|`)"?$/.exec(text);
  if (!m) return undefined;
  let commands: SimpleCommand[];
  try {
    commands = analyzeShell(m[1]!, { cwd, home }).commands;
  } catch {
    return undefined;
  }
  const last = commands.filter((c) => !c.pipedTo && c.wrappers.length === 0).pop();
  return last;
}
