/**
 * SQL findings as diagnostics in the editor (issue 3, item 6). Started from extension.ts with
 * `registerSqlDiagnostics(context, log)`; the finding → diagnostic helpers are in sqlFindings.ts.
 *
 * What it does
 * - Open documents that `blast-radius scan` would read (every `.sql` file; code and Liquibase changelogs inside
 *   migration folders: Rails, Django, Alembic, Knex, TypeORM, Sequelize, Laravel, Ecto, Liquibase) are scanned with
 *   the CLI's own `scanText` (src/engine/sql/scan.ts): when they open, 300 ms after the last change, and again when
 *   the setting or the rule files change. Closing a document clears its diagnostics. Untitled documents and files
 *   with another extension count as SQL when their language mode is a SQL one (`sql`, `pgsql`, `mysql`, …).
 *   "Inside a migration folder" is judged on the path relative to the workspace folder.
 * - Each finding becomes one diagnostic in the DiagnosticCollection "Blast Radius" (the rule-file diagnostics of
 *   ruleFiles.ts live in their own collection): `source: 'Blast Radius'`, the rule's message, and
 *   `code: { value: <rule id>, target: <its documentation> }`.
 * - Range: from the finding's line and column to the end of the statement when the statement's text can be followed
 *   in the document (plain SQL, SQL in a simple string literal, a one-line DSL call), else to the end of that line.
 * - Severity (decided here):
 *     `block` → Error: an agent running this would be denied outright; it should stand out in the Problems count.
 *     `ask`   → Warning: an agent running this would be paused for a person; normal in a reviewed migration.
 *     `engine/unanalysable` ("Could not analyse: …", SQL the parser could not read) → Information: not a finding of
 *       danger, only "the guard cannot vouch for this" (the CLI still counts it as ask).
 * - The documentation link: `docs/rules.md#<anchor>` on the repository's forge (GitHub or GitLab, from package.json
 *   `repository`, else `homepage`), at HEAD; without a forge URL, a `command:` link that runs "Blast Radius: Explain
 *   Rule…" (blastRadius.explainRule) with the id when that command is contributed; else the repository/homepage URL;
 *   else the code is the bare id.
 * - The team rule file: the effective configuration of the document's folder (`getRuleFiles().configFor`, the same
 *   files the hooks and CLI read; for untitled documents the first workspace folder's) applies to the SQL rules as
 *   evaluate() applies it: `"off"` drops a rule's findings, a setting at or above the default raises them (a floor),
 *   an approved looser one caps them. Custom command rules and `production` do not apply to SQL text (a migration's
 *   target database is unknown, so the scan treats it as production, as `blast-radius scan` does).
 * - Quick fix "Explain <rule id>" on each finding (when Explain Rule is contributed): the rule's text as this
 *   version knows it, and the setting in force here, without leaving the editor (the link goes to HEAD online).
 * - Setting `blastRadius.sqlDiagnostics.enabled` (default true, resource scope): false clears and stops.
 * - Size limits: documents above 200 000 characters are scanned when opened and saved rather than while typing (a
 *   400 KB file takes about a second to scan on a 2-core machine); above 2 000 000 characters they are not scanned
 *   (one log line).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SqlRule } from '../engine/rule';
import { languageOf } from '../engine/sql/extract';
import { createdByCounterpart, scanText } from '../engine/sql/scan';
import { getRuleFiles } from './ruleFiles';
import {
  EXPLAIN_COMMAND, findingRange, hasExplainRule, ruleDocsTarget, rulesUnder, scanNameFor, severityOf, SQL_RULE_IDS,
  type PackageJsonLike,
} from './sqlFindings';

export const SQL_DIAGNOSTICS_SOURCE = 'Blast Radius';
const COLLECTION_NAME = 'Blast Radius';
const DEBOUNCE_MS = 300;
/** Above this many characters a document is scanned on open and save only. */
const LIVE_LIMIT = 200_000;
/** Above this many characters a document is not scanned. */
const MAX_CHARS = 2_000_000;

class SqlDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(COLLECTION_NAME);
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Document version last published, per URI (opening a second editor on it does not scan again). */
  private readonly scannedVersion = new Map<string, number>();
  private readonly toldTooLarge = new Set<string>();
  private readonly targets = new Map<string, vscode.Uri | undefined>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly pkg: PackageJsonLike, private readonly log: vscode.LogOutputChannel) {}

  start(): void {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.scan(d)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.schedule(e.document);
      }),
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (d.getText().length > LIVE_LIMIT) this.scan(d);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.clear(d.uri)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('blastRadius.sqlDiagnostics')) this.rescanAll();
      }),
    );
    const ruleFiles = getRuleFiles();
    if (ruleFiles) this.disposables.push(ruleFiles.onDidChange(() => this.rescanAll()));
    if (hasExplainRule(this.pkg)) {
      this.disposables.push(vscode.languages.registerCodeActionsProvider([{ scheme: 'file' }, { scheme: 'untitled' }], {
        provideCodeActions: (_document, _range, ctx) => this.codeActions(ctx.diagnostics),
      }, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }));
    }
    this.rescanAll();
  }

  /** "Explain <rule id>" for each of our findings under the cursor: the rule, and the setting in force here. */
  private codeActions(diagnostics: readonly vscode.Diagnostic[]): vscode.CodeAction[] {
    const out = new Map<string, vscode.CodeAction>();
    for (const d of diagnostics) {
      const id = typeof d.code === 'object' ? String(d.code.value) : String(d.code);
      if (d.source !== SQL_DIAGNOSTICS_SOURCE || !SQL_RULE_IDS.has(id)) continue;
      const action = out.get(id) ?? new vscode.CodeAction(`Explain ${id}`, vscode.CodeActionKind.QuickFix);
      action.command = { command: EXPLAIN_COMMAND, title: action.title, arguments: [id] };
      action.diagnostics = [...(action.diagnostics ?? []), d];
      out.set(id, action);
    }
    return [...out.values()];
  }

  private enabled(document: vscode.TextDocument): boolean {
    return vscode.workspace.getConfiguration('blastRadius.sqlDiagnostics', document.uri).get<boolean>('enabled', true) !== false;
  }

  private target(id: string): vscode.Uri | undefined {
    if (!this.targets.has(id)) this.targets.set(id, ruleDocsTarget(id, this.pkg));
    return this.targets.get(id);
  }

  private rescanAll(): void {
    this.scannedVersion.clear();
    for (const d of vscode.workspace.textDocuments) this.scan(d);
  }

  private schedule(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const before = this.timers.get(key);
    if (before) clearTimeout(before);
    this.timers.delete(key);
    if (document.getText().length > LIVE_LIMIT) return; // scanned on save
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      if (!document.isClosed) this.scan(document);
    }, DEBOUNCE_MS));
  }

  private clear(uri: vscode.Uri): void {
    const key = uri.toString();
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.delete(key);
    this.scannedVersion.delete(key);
    this.collection.delete(uri);
  }

  private scan(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const name = scanNameFor(document);
    if (!name || !this.enabled(document)) {
      this.clear(document.uri);
      return;
    }
    if (this.scannedVersion.get(key) === document.version) return;
    const text = document.getText();
    if (text.length > MAX_CHARS) {
      this.collection.delete(document.uri);
      if (!this.toldTooLarge.has(key)) this.log.info(`SQL diagnostics: ${name} has ${text.length} characters; files over ${MAX_CHARS} are not scanned.`);
      this.toldTooLarge.add(key);
      return;
    }
    try {
      const started = Date.now();
      const findings = scanText(name, text, { rules: this.rules(document) }, this.created(document, name));
      const seen = new Set<string>();
      const diagnostics: vscode.Diagnostic[] = [];
      for (const f of findings) {
        const id = `${f.line}:${f.column}:${f.ruleId}:${f.message}`;
        if (seen.has(id)) continue;
        seen.add(id);
        const d = new vscode.Diagnostic(findingRange(document, f, text), f.message, severityOf(f));
        d.source = SQL_DIAGNOSTICS_SOURCE;
        const target = this.target(f.ruleId);
        d.code = target ? { value: f.ruleId, target } : f.ruleId;
        diagnostics.push(d);
      }
      this.collection.set(document.uri, diagnostics);
      this.scannedVersion.set(key, document.version);
      this.log.debug(`SQL diagnostics: ${name}: ${diagnostics.length} finding(s) in ${Date.now() - started} ms`);
    } catch (err) {
      this.collection.delete(document.uri);
      this.log.error(`SQL diagnostics: scanning ${name} failed: ${(err as Error).stack ?? String(err)}`);
    }
  }

  /** The SQL rules under the effective rule-file configuration of the document's folder. */
  private rules(document: vscode.TextDocument): SqlRule[] | undefined {
    const ruleFiles = getRuleFiles();
    if (!ruleFiles) return undefined;
    try {
      const config = document.uri.scheme === 'file'
        ? ruleFiles.configFor(path.dirname(document.uri.fsPath)).config
        : ruleFiles.folders[0]?.effective.config;
      return config ? rulesUnder(config.rules) : undefined;
    } catch (err) {
      this.log.warn(`SQL diagnostics: could not read the rule files for ${document.uri.toString(true)}: ${(err as Error).message}`);
      return undefined;
    }
  }

  /** A `down` SQL file may drop the tables its `up` counterpart on disk creates (as `blast-radius scan` reads it). */
  private created(document: vscode.TextDocument, name: string): string[] {
    if (document.uri.scheme !== 'file' || languageOf(name) !== 'sql') return [];
    try {
      return createdByCounterpart(document.uri.fsPath);
    } catch {
      return [];
    }
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const d of this.disposables) d.dispose();
    this.collection.dispose();
  }
}

/** Starts the feature (one line in extension.ts). */
export function registerSqlDiagnostics(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  const feature = new SqlDiagnostics(context.extension.packageJSON as PackageJsonLike, log);
  context.subscriptions.push(feature);
  feature.start();
}
