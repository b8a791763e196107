/**
 * Observes file creations, changes and deletions in the workspace (after the fact) and records them,
 * debounced and folded: a create followed by changes is one "created"; a create then delete is nothing;
 * a burst (npm install, a build) becomes a few entries per folder instead of thousands. The source is the
 * agent whose hook touched the path shortly before, "editor" for saves and explorer operations in this
 * window, else "workspace". .git internals, the extension's own storage and ignored globs are skipped.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { fileEntry } from '../../activity/entries';
import type { ActivityService } from './service';

type Op = 'created' | 'changed' | 'deleted';

export interface FileObserverOptions {
  service: ActivityService;
  log: vscode.LogOutputChannel;
  /** Folders never to record (the activity store when it sits in the workspace). */
  ignoreDirs: string[];
  /** Glob patterns (`**`, `*`, `?`) relative to the workspace folder. */
  ignoreGlobs: () => string[];
  debounceMs?: number;
}

/** Paths changed by this window's own editor recently count as "editor". */
const EDITOR_MEMORY_MS = 3000;
/** At most this many single-file entries per flush; the rest is folded per top-level folder. */
const MAX_SINGLE = 50;

export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') {
          i++;
          re += '(?:.*/)?';
        } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Combines a new event with what is pending for the same path; 'drop' means nothing happened overall. */
export function fold(prev: Op | undefined, next: Op): Op | 'drop' {
  if (!prev) return next;
  if (prev === 'created' && next === 'deleted') return 'drop';
  if (prev === 'created') return 'created';
  if (prev === 'deleted' && next === 'created') return 'changed';
  return next === 'deleted' ? 'deleted' : prev === 'deleted' ? 'deleted' : 'changed';
}

export class FileObserver implements vscode.Disposable {
  private readonly pending = new Map<string, Op>();
  private timer: NodeJS.Timeout | undefined;
  private readonly editorTouched = new Map<string, number>();
  private readonly disposables: vscode.Disposable[] = [];
  private globCache: { key: string; res: RegExp[] } = { key: '', res: [] };

  constructor(private readonly o: FileObserverOptions) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    this.disposables.push(
      watcher,
      watcher.onDidCreate((u) => this.event(u, 'created')),
      watcher.onDidChange((u) => this.event(u, 'changed')),
      watcher.onDidDelete((u) => this.event(u, 'deleted')),
      vscode.workspace.onDidSaveTextDocument((d) => this.touchedByEditor(d.uri)),
      vscode.workspace.onDidCreateFiles((e) => e.files.forEach((u) => this.touchedByEditor(u))),
      vscode.workspace.onDidDeleteFiles((e) => e.files.forEach((u) => this.touchedByEditor(u))),
      vscode.workspace.onDidRenameFiles((e) => e.files.forEach((f) => {
        this.touchedByEditor(f.oldUri);
        this.touchedByEditor(f.newUri);
      })),
    );
  }

  private touchedByEditor(u: vscode.Uri): void {
    if (u.scheme === 'file') this.editorTouched.set(u.fsPath, Date.now());
  }

  private ignored(fsPath: string): boolean {
    if (fsPath.split(path.sep).includes('.git')) return true;
    if (this.o.ignoreDirs.some((d) => fsPath === d || fsPath.startsWith(d + path.sep))) return true;
    const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(fsPath));
    if (!folder) return false;
    const rel = path.relative(folder.uri.fsPath, fsPath).split(path.sep).join('/');
    const globs = this.o.ignoreGlobs();
    const key = globs.join('\n');
    if (key !== this.globCache.key) this.globCache = { key, res: globs.map(globToRegExp) };
    return this.globCache.res.some((re) => re.test(rel));
  }

  private event(u: vscode.Uri, op: Op): void {
    if (u.scheme !== 'file' || this.ignored(u.fsPath)) return;
    const next = fold(this.pending.get(u.fsPath), op);
    if (next === 'drop') this.pending.delete(u.fsPath);
    else this.pending.set(u.fsPath, next);
    if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), this.o.debounceMs ?? 400);
    }
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = [...this.pending];
    this.pending.clear();
    if (batch.length === 0) return;
    const now = Date.now();
    for (const [p, t] of this.editorTouched) if (now - t > EDITOR_MEMORY_MS) this.editorTouched.delete(p);
    const describe = (fsPath: string): { relative: string; workspace?: string } => {
      const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(fsPath));
      return folder ? { relative: path.relative(folder.uri.fsPath, fsPath), workspace: folder.uri.fsPath } : { relative: fsPath };
    };
    const agentOf = (fsPath: string): string | undefined =>
      this.o.service.fileAgent(fsPath) ?? (this.editorTouched.has(fsPath) ? 'editor' : undefined);

    const singles = batch.length <= MAX_SINGLE ? batch : batch.slice(0, MAX_SINGLE);
    for (const [fsPath, op] of singles) {
      const d = describe(fsPath);
      this.o.service.record(fileEntry({ op, path: fsPath, relative: d.relative, workspace: d.workspace, agent: agentOf(fsPath) }));
    }
    if (batch.length > MAX_SINGLE) {
      // Fold the rest per top-level folder and operation.
      const groups = new Map<string, { op: Op; dir: string; count: number; workspace?: string }>();
      for (const [fsPath, op] of batch.slice(MAX_SINGLE)) {
        const d = describe(fsPath);
        const top = d.relative.split(path.sep)[0] ?? d.relative;
        const dir = d.workspace ? path.join(d.workspace, top) : path.dirname(fsPath);
        const key = `${op}\0${dir}`;
        const g = groups.get(key) ?? { op, dir, count: 0, workspace: d.workspace };
        g.count++;
        groups.set(key, g);
      }
      for (const g of groups.values()) {
        const rel = g.workspace ? `${path.relative(g.workspace, g.dir)}${path.sep}…` : g.dir;
        this.o.service.record(fileEntry({ op: g.op, path: g.dir, relative: `${g.count} files under ${rel}`, workspace: g.workspace }));
      }
    }
  }

  dispose(): void {
    this.flush();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
