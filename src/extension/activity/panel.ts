/**
 * The activity panel: a webview view in the bottom panel ("Blast Radius" container). The extension owns
 * the data and pages it from the store on request; the webview holds only rows and UI state, renders the
 * visible rows only, and asks for the next page as the user scrolls.
 */
import * as crypto from 'node:crypto';
import * as vscode from 'vscode';
import type { Cursor } from '../../activity/store';
import { matchesFilter, type ActivityEntry, type ActivityFilter } from '../../activity/types';
import { parseFromWebview, toRow, type FromWebview, type PanelState, type Row, type ToWebview } from '../../activity/protocol';
import type { ActivityService } from './service';

export const VIEW_ID = 'blastRadius.activity';
const CLEARED_KEY = 'blastRadius.activity.clearedAt';
const FIRST_PAGE = 300;
const NEXT_PAGE = 500;
const KNOWN_AGENTS = ['claude', 'copilot', 'cursor', 'gemini', 'codex', 'windsurf', 'cline', 'terminal', 'workspace', 'editor'];

export interface PanelHost {
  service: ActivityService;
  log: vscode.LogOutputChannel;
  memento: vscode.Memento;
  observeOnly(): boolean;
  exportEntries(format: 'jsonl' | 'csv', filter: ActivityFilter): Promise<string | undefined>;
  openFile(entry: ActivityEntry): Promise<void>;
  openDiff(entry: ActivityEntry): Promise<void>;
}

interface Query {
  generation: number;
  filter: ActivityFilter;
  cursor: Cursor;
  /** Segment ends when the query started: tail entries before them are already in the pages. */
  start: Cursor;
  done: boolean;
}

export class ActivityViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private query: Query | undefined;
  private generation = 0;
  private busy: Promise<void> = Promise.resolve();
  private readonly disposables: vscode.Disposable[] = [];
  /** Milliseconds from `ready` to the first page posted (for the bench and the log). */
  lastFirstPageMs: number | undefined;

  constructor(private readonly extensionUri: vscode.Uri, private readonly host: PanelHost) {
    host.service.onDidAppend((batch) => this.onAppend(batch), undefined, this.disposables);
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    view.webview.options = { enableScripts: true, localResourceRoots: [media] };
    view.webview.html = this.html(view.webview);
    view.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m), undefined, this.disposables);
    view.onDidDispose(() => {
      if (this.view === view) this.view = undefined;
      this.query = undefined;
    }, undefined, this.disposables);
  }

  /** Pushes observe-only changes and the like to an open view. */
  refreshState(): void {
    this.post({ type: 'state', state: this.state() });
  }

  get clearedAt(): number | undefined {
    return this.host.memento.get<number>(CLEARED_KEY);
  }

  async clearView(): Promise<void> {
    await this.host.memento.update(CLEARED_KEY, Date.now());
    if (this.query) this.startQuery(this.query.filter);
  }

  /** The panel's current filter, with "Clear view" applied (for export). */
  effectiveFilter(filter: ActivityFilter | undefined = this.query?.filter): ActivityFilter {
    const f: ActivityFilter = { ...(filter ?? {}) };
    const cleared = this.clearedAt;
    if (cleared !== undefined) f.from = Math.max(f.from ?? 0, cleared);
    return f;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  private state(): PanelState {
    const agents = new Set([...KNOWN_AGENTS, ...this.host.service.agentsSeen]);
    return { observeOnly: this.host.observeOnly(), agents: [...agents].sort(), clearedAt: this.clearedAt };
  }

  private post(msg: ToWebview): void {
    if (this.view) void this.view.webview.postMessage(msg);
  }

  /** Runs store work one request at a time, so pages arrive in order. */
  private serial(work: () => Promise<void>): void {
    this.busy = this.busy.then(work).catch((e: unknown) => {
      this.host.log.error(`Activity panel: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      this.post({ type: 'notice', text: `Could not read the activity log: ${e instanceof Error ? e.message : String(e)}` });
    });
  }

  private onMessage(raw: unknown): void {
    const m = parseFromWebview(raw);
    if (!m) {
      this.host.log.warn('Activity panel: ignored a malformed message from the webview');
      return;
    }
    void this.handle(m);
  }

  private async handle(m: FromWebview): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.startQuery(m.filter ?? {}, true);
        return;
      case 'log/query':
        this.startQuery(m.filter);
        return;
      case 'log/more':
        this.serial(() => this.nextPage(m.generation));
        return;
      case 'entry/get': {
        const entry = await this.host.service.reader.get(m.ref);
        this.post({ type: 'entry/details', ref: m.ref, entry: entry ?? null });
        return;
      }
      case 'entry/copy': {
        const entry = await this.host.service.reader.get(m.ref);
        if (!entry) return;
        await vscode.env.clipboard.writeText(m.what === 'json' ? JSON.stringify(entry, null, 2) : entry.detail ?? entry.summary);
        this.post({ type: 'notice', text: m.what === 'json' ? 'Entry copied as JSON.' : 'Action copied.' });
        return;
      }
      case 'entry/openFile':
      case 'entry/openDiff': {
        const entry = await this.host.service.reader.get(m.ref);
        if (!entry) return;
        await (m.type === 'entry/openFile' ? this.host.openFile(entry) : this.host.openDiff(entry)).catch((e: unknown) =>
          this.post({ type: 'notice', text: e instanceof Error ? e.message : String(e) }));
        return;
      }
      case 'log/export': {
        const file = await this.host.exportEntries(m.format, this.effectiveFilter());
        if (file) this.post({ type: 'notice', text: `Exported to ${file}` });
        return;
      }
      case 'log/clear':
        await this.clearView();
        return;
      case 'log/unclear':
        await this.host.memento.update(CLEARED_KEY, undefined);
        this.startQuery(this.query?.filter ?? {});
        return;
    }
  }

  private startQuery(filter: ActivityFilter, first = false): void {
    const generation = ++this.generation;
    const started = Date.now();
    this.serial(async () => {
      if (generation !== this.generation) return; // a newer query replaced this one
      const reader = this.host.service.reader;
      const start = reader.snapshot();
      const page = await reader.page({ cursor: start, limit: FIRST_PAGE, filter: this.effectiveFilter(filter) });
      if (generation !== this.generation) return;
      this.query = { generation, filter, cursor: page.cursor, start, done: page.done };
      this.post({ type: 'log/reset', generation, rows: page.entries.map((s) => toRow(s.entry, s.ref)), done: page.done, state: this.state() });
      if (first) {
        this.lastFirstPageMs = Date.now() - started;
        this.host.log.debug(`Activity panel: first page in ${this.lastFirstPageMs} ms`);
      }
    });
  }

  private async nextPage(generation: number): Promise<void> {
    const q = this.query;
    if (!q || q.generation !== generation || q.done) return;
    const page = await this.host.service.reader.page({ cursor: q.cursor, limit: NEXT_PAGE, filter: this.effectiveFilter(q.filter) });
    if (this.query !== q) return;
    q.cursor = page.cursor;
    q.done = page.done;
    this.post({ type: 'log/page', generation, rows: page.entries.map((s) => toRow(s.entry, s.ref)), done: page.done });
  }

  private onAppend(batch: Array<{ entry: ActivityEntry; ref: string }>): void {
    const q = this.query;
    if (!q || !this.view) return;
    const filter = this.effectiveFilter(q.filter);
    const rows: Row[] = [];
    for (const s of batch) {
      const [file, offset] = splitRef(s.ref);
      if (file !== undefined && (q.start.files[file] ?? 0) > offset) continue; // already in the pages
      if (matchesFilter(s.entry, filter)) rows.push(toRow(s.entry, s.ref));
    }
    // A bulk arrival is better shown by querying again than by pushing thousands of rows.
    if (rows.length > 1000) this.startQuery(q.filter);
    else if (rows.length > 0) this.post({ type: 'log/append', generation: q.generation, rows: rows.reverse() });
    if (batch.some((s) => !this.state().agents.includes(s.entry.agent))) this.refreshState();
  }

  private html(webview: vscode.Webview): string {
    const nonce = crypto.randomBytes(18).toString('base64');
    const media = (f: string): string => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', f)).toString();
    const csp = [
      "default-src 'none'",
      `style-src ${webview.cspSource}`,
      `script-src 'nonce-${nonce}'`,
      `font-src ${webview.cspSource}`,
      `img-src ${webview.cspSource}`,
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link href="${media('activity.css')}" rel="stylesheet">
<title>Blast Radius activity</title>
</head>
<body>
<div id="app"></div>
<script nonce="${nonce}" src="${media('dist/activity.js')}"></script>
</body>
</html>`;
  }
}

function splitRef(ref: string): [string | undefined, number] {
  const i = ref.lastIndexOf(':');
  return i < 0 ? [undefined, 0] : [ref.slice(0, i), Number(ref.slice(i + 1))];
}
