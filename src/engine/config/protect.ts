/**
 * "Is this file protected?" against EngineConfig.protect: gitignore-style globs (picomatch) relative to the
 * workspace root; a glob without a slash matches at any depth; a leading `!` removes matches again; the last
 * matching entry wins. Files outside the workspace root are not matched (other rules judge those).
 */
import * as path from 'node:path';
import picomatch from 'picomatch';

const compiled = new Map<string, (p: string) => boolean>();

function matcher(glob: string): (p: string) => boolean {
  let m = compiled.get(glob);
  if (!m) {
    // A glob without a slash matches at any depth, as in .gitignore.
    const pattern = glob.includes('/') ? glob.replace(/^\.?\//, '') : `**/${glob}`;
    m = picomatch(pattern, { dot: true, windows: false });
    compiled.set(glob, m);
  }
  return m;
}

export function isProtected(file: string, protect: readonly string[], workspaceRoot: string): boolean {
  const abs = path.resolve(workspaceRoot, file);
  const rel = path.relative(workspaceRoot, abs).split(path.sep).join('/');
  if (rel === '' || rel === '..' || rel.startsWith('../') || path.isAbsolute(rel)) return false;
  let result = false;
  for (const entry of protect) {
    const negated = entry.startsWith('!');
    if (matcher(negated ? entry.slice(1) : entry)(rel)) result = !negated;
  }
  return result;
}
