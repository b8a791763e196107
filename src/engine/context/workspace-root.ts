import * as fs from 'node:fs';
import * as path from 'node:path';

const cache = new Map<string, string>();

/** The repository root containing `cwd` (nearest folder with `.git`), or `cwd` itself outside a repository. */
export function findWorkspaceRoot(cwd: string): string {
  const cached = cache.get(cwd);
  if (cached) return cached;
  let dir = path.resolve(cwd);
  let root = path.resolve(cwd);
  for (;;) {
    if (fs.existsSync(path.join(dir, '.git'))) {
      root = dir;
      break;
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  cache.set(cwd, root);
  return root;
}
