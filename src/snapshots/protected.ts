/**
 * Which files get snapshots, editor-free: the file guard's classes (engine/rules/files/_classify.ts decides;
 * the same judge as the rules), the glob the editor searches with at start-up, and the guard files that live in
 * the home folder (agents' user-level hook settings).
 */
import * as path from 'node:path';
import { classifyFile, extraEntries, SNAPSHOT_SEARCH_GLOBS, type Protection } from '../engine/rules/files/_classify';

export { classifyFile, type Protection } from '../engine/rules/files/_classify';

/** `a/{b,c}/*.{x,y}` → the four plain globs (VS Code's glob has no nested braces). */
export function expandBraces(glob: string): string[] {
  const open = glob.indexOf('{');
  if (open < 0) return [glob];
  let depth = 0;
  for (let i = open; i < glob.length; i++) {
    if (glob[i] === '{') depth++;
    else if (glob[i] === '}' && --depth === 0) {
      const inner = glob.slice(open + 1, i);
      const parts: string[] = [];
      let d = 0;
      let start = 0;
      for (let j = 0; j < inner.length; j++) {
        if (inner[j] === '{') d++;
        else if (inner[j] === '}') d--;
        else if (inner[j] === ',' && d === 0) {
          parts.push(inner.slice(start, j));
          start = j + 1;
        }
      }
      parts.push(inner.slice(start));
      return parts.flatMap((p) => expandBraces(glob.slice(0, open) + p + glob.slice(i + 1)));
    }
  }
  return [glob];
}

/**
 * One glob (`{a,b,…}`) that finds every candidate in a workspace folder: the built-in search globs and the
 * positive entries of the configuration's protect list (relative ones; a glob without a slash at any depth).
 */
export function searchGlob(protect: readonly string[] | undefined): string {
  const extra = extraEntries(protect)
    .filter((g) => !g.startsWith('!') && !path.posix.isAbsolute(g))
    .map((g) => (g.includes('/') ? g.replace(/^\.?\//, '') : `**/${g}`));
  const all = [...new Set([...SNAPSHOT_SEARCH_GLOBS, ...extra].flatMap(expandBraces))];
  return `{${all.join(',')}}`;
}

/** Agents' user-level hook and permission settings (home-relative): snapshotted and watched when they exist. */
export const HOME_GUARD_FILES: readonly string[] = [
  '.claude/settings.json',
  '.claude/settings.local.json',
  '.gemini/settings.json',
  '.codex/hooks.json',
  '.codex/config.toml',
  '.cursor/hooks.json',
  '.codeium/windsurf/hooks.json',
  '.copilot/settings.json',
];

/** Protection of a file for the snapshot feature: `root` is the workspace folder holding it, when there is one. */
export function protectionOf(file: string, root: string | undefined, home: string, protect: readonly string[] | undefined): Protection | undefined {
  return classifyFile(file, { cwd: root, workspaceRoot: root, home, protect });
}
