/** File actions with the file's current content read from disk, so rules can compare before and after. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileAction } from '../engine/types';

const MAX_OLD_CONTENT = 1024 * 1024;

export function resolvePath(p: string, cwd: string | undefined): string {
  return path.resolve(cwd ?? process.cwd(), p);
}

/** The file's text when it exists and is small enough to compare; `exists` either way. */
export function currentContent(absPath: string): { exists: boolean; content?: string } {
  try {
    const st = fs.statSync(absPath);
    if (!st.isFile()) return { exists: true };
    if (st.size >= MAX_OLD_CONTENT) return { exists: true };
    return { exists: true, content: fs.readFileSync(absPath, 'utf8') };
  } catch {
    return { exists: false };
  }
}

export function writeAction(p: string, content: string | undefined, cwd: string | undefined): FileAction {
  const abs = resolvePath(p, cwd);
  const now = currentContent(abs);
  return { kind: 'file', op: now.exists ? 'write' : 'create', path: abs, oldContent: now.content, newContent: content, cwd };
}

export function editAction(p: string, oldText: string | undefined, newText: string | undefined, cwd: string | undefined): FileAction {
  const abs = resolvePath(p, cwd);
  return { kind: 'file', op: 'edit', path: abs, oldContent: currentContent(abs).content, oldText, newContent: newText, cwd };
}

