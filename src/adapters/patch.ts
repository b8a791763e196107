/**
 * The apply_patch envelope (Codex, VS Code Copilot) → file actions:
 *
 *   *** Begin Patch
 *   *** Add File: a.txt        + lines are the new content
 *   *** Update File: b.txt     optional "*** Move to: c.txt", then @@ hunks of " ", "-", "+" lines
 *   *** Delete File: d.txt
 *   *** End Patch
 */
import type { FileAction } from '../engine/types';
import { currentContent, resolvePath, writeAction } from './files';
import { PayloadError } from './types';

export function parsePatch(text: string, cwd: string | undefined): FileAction[] {
  const actions: FileAction[] = [];
  let current: { action: FileAction; added: string[]; removed: string[] } | undefined;
  const finish = (): void => {
    if (!current) return;
    const { action, added, removed } = current;
    if (action.op === 'create' || action.op === 'write') action.newContent = added.join('\n');
    else if (action.op === 'edit' || action.op === 'rename') {
      action.oldText = removed.join('\n');
      action.newContent = added.join('\n');
    }
    actions.push(action);
    current = undefined;
  };

  for (const line of text.split(/\r?\n/)) {
    const header = /^\*\*\* (Add|Update|Delete) File: (.+)$/.exec(line);
    if (header) {
      finish();
      const [, verb, file] = header;
      const abs = resolvePath(file!.trim(), cwd);
      const action: FileAction =
        verb === 'Add' ? writeAction(abs, undefined, cwd)
        : verb === 'Delete' ? { kind: 'file', op: 'delete', path: abs, oldContent: currentContent(abs).content, cwd }
        : { kind: 'file', op: 'edit', path: abs, oldContent: currentContent(abs).content, cwd };
      current = { action, added: [], removed: [] };
      continue;
    }
    const move = /^\*\*\* Move to: (.+)$/.exec(line);
    if (move && current) {
      current.action.op = 'rename';
      current.action.newPath = resolvePath(move[1]!.trim(), cwd);
      continue;
    }
    if (line.startsWith('***')) continue; // Begin/End Patch, End of File
    if (!current) continue;
    if (line.startsWith('+')) current.added.push(line.slice(1));
    else if (line.startsWith('-')) current.removed.push(line.slice(1));
  }
  finish();
  if (actions.length === 0) throw new PayloadError('apply_patch: no file sections in the patch');
  // Each action is judged on its own; a sweep of deletions is only visible with the count.
  const deletes = actions.filter((a) => a.op === 'delete');
  if (deletes.length > 1) for (const a of deletes) a.deletesInCall = deletes.length;
  return actions;
}
