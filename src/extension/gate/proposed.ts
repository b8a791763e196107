/**
 * Read-only documents for the diff view of a paused file action: `blast-radius-proposed:/<id>/<side>/<name>`
 * serves the file as it is (`before`) and as the agent would leave it (`after`). The file name keeps its
 * extension so VS Code picks the right language.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FileAction } from '../../engine/types';
import { proposedContent } from '../../prompt/text';

export const PROPOSED_SCHEME = 'blast-radius-proposed';
/** Contents kept for the most recent file actions (the diff stays readable after the answer). */
const KEEP = 20;

export class ProposedContent implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly docs = new Map<string, { before: string; after: string }>();
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(PROPOSED_SCHEME, this);

  provideTextDocumentContent(uri: vscode.Uri): string {
    const [, id, side] = uri.path.split('/');
    const doc = id ? this.docs.get(id) : undefined;
    if (!doc) return '(Blast Radius no longer has this proposed content.)';
    return side === 'before' ? doc.before : doc.after;
  }

  /** Opens the diff of a file action; false when there is nothing to compare (renames). */
  async showDiff(requestId: string, action: FileAction, agent: string): Promise<boolean> {
    const id = requestId.replace(/[^\w-]/g, '_');
    const p = proposedContent(action);
    if (!p) return false;
    this.docs.set(id, { before: p.before, after: p.after });
    while (this.docs.size > KEEP) this.docs.delete(this.docs.keys().next().value as string);
    const name = path.basename(action.path) || 'file';
    const uri = (side: string): vscode.Uri => vscode.Uri.from({ scheme: PROPOSED_SCHEME, path: `/${id}/${side}/${name}` });
    const what = p.partial ? 'the replaced text ↔ its replacement' : 'now ↔ proposed';
    await vscode.commands.executeCommand('vscode.diff', uri('before'), uri('after'), `${name} (${agent}: ${what})`, { preview: true });
    return true;
  }

  dispose(): void {
    this.registration.dispose();
    this.docs.clear();
  }
}
