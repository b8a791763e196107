/**
 * How a `blast-radius scan` finding becomes an editor diagnostic (used by sqlDiagnostics.ts, which has the why):
 * which documents are scanned under which name, the range, the severity, the documentation link, and the SQL rules
 * under a rule file's settings. Kept apart from the feature (no rule-file loading here) so the extension-host tests
 * can bundle these helpers on their own.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { applySetting } from '../engine/config/apply';
import type { RuleSetting } from '../engine/config/types';
import type { SqlRule } from '../engine/rule';
import { sqlRules } from '../engine/rules/sql';
import { languageOf } from '../engine/sql/extract';
import { isCandidate, UNANALYSABLE_ID, type ScanFinding } from '../engine/sql/scan';

export const EXPLAIN_COMMAND = 'blastRadius.explainRule';
const RULES_DOC = 'docs/rules.md';
/** Language modes (VS Code's and common SQL extensions') whose documents are SQL whatever their file name. */
const SQL_LANGUAGE_IDS = new Set(['sql', 'pgsql', 'postgres', 'postgresql', 'mysql', 'sqlite', 'plsql', 'oraclesql', 'tsql', 'mssql', 'snowflake-sql', 'bigquery', 'hql', 'sparksql']);

export interface PackageJsonLike {
  repository?: string | { url?: string };
  homepage?: string;
  contributes?: { commands?: { command?: string }[] };
}

/** An https URL for a repository or homepage field (`git+https://…git`, `git@host:o/r.git`, `github:o/r`, `o/r`). */
export function webUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let u = raw.trim();
  const short = /^(github|gitlab|bitbucket):([\w.-]+\/[\w.-]+)$/.exec(u);
  if (short) u = `https://${short[1] === 'bitbucket' ? 'bitbucket.org' : `${short[1]}.com`}/${short[2]}`;
  else if (/^[\w.-]+\/[\w.-]+$/.test(u)) u = `https://github.com/${u}`;
  u = u.replace(/^git\+/, '');
  const ssh = /^(?:ssh:\/\/)?git@([^:/]+)[:/](.+)$/.exec(u);
  if (ssh) u = `https://${ssh[1]}/${ssh[2]}`;
  u = u.replace(/^(git|http):\/\//, 'https://');
  if (!/^https:\/\/[^/\s]+/.test(u)) return undefined;
  return u.replace(/[?#].*$/, '').replace(/\.git$/, '').replace(/\/+$/, '');
}

/** GitHub's and GitLab's heading anchor: lower case, punctuation other than `-` and `_` dropped, spaces as `-`. */
export function headingAnchor(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
}

/** docs/rules.md on a known forge (`https://host/owner/repo` only), at the default branch. */
function forgeDocs(base: string | undefined, anchor: string | undefined): string | undefined {
  if (!base) return undefined;
  const m = /^https:\/\/(github\.com|gitlab\.com)\/([^/]+\/[^/]+)$/.exec(base);
  if (!m) return undefined;
  const blob = m[1] === 'gitlab.com' ? '-/blob' : 'blob';
  return `${base}/${blob}/HEAD/${RULES_DOC}${anchor ? `#${anchor}` : ''}`;
}

/** Whether "Blast Radius: Explain Rule…" is contributed (ruleFiles.ts registers it). */
export function hasExplainRule(pkg: PackageJsonLike): boolean {
  return (pkg.contributes?.commands ?? []).some((c) => c.command === EXPLAIN_COMMAND);
}

/** Ids of the SQL rules: what a quick fix may explain. */
export const SQL_RULE_IDS: ReadonlySet<string> = new Set(sqlRules.map((r) => r.meta.id));

/**
 * Where a diagnostic's code links to: the rule's section of docs/rules.md on the repository's forge (package.json
 * `repository`, else `homepage`); else Explain Rule through a command link (when the command is contributed); else
 * the repository or homepage; else nothing. `engine/unanalysable` is no rule: rules.md without an anchor.
 */
export function ruleDocsTarget(id: string, pkg: PackageJsonLike): vscode.Uri | undefined {
  const isRule = id !== UNANALYSABLE_ID;
  const anchor = isRule ? headingAnchor(id) : undefined;
  const repo = webUrl(typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url);
  const home = webUrl(pkg.homepage);
  const docs = forgeDocs(repo, anchor) ?? forgeDocs(home, anchor);
  if (docs) return vscode.Uri.parse(docs, true);
  if (isRule && hasExplainRule(pkg)) {
    return vscode.Uri.from({ scheme: 'command', path: EXPLAIN_COMMAND, query: JSON.stringify([id]) });
  }
  const site = repo ?? home;
  return site ? vscode.Uri.parse(site, true) : undefined;
}

/** block → Error, ask → Warning, "could not analyse" → Information (see sqlDiagnostics.ts). */
export function severityOf(finding: Pick<ScanFinding, 'ruleId' | 'decision'>): vscode.DiagnosticSeverity {
  if (finding.ruleId === UNANALYSABLE_ID) return vscode.DiagnosticSeverity.Information;
  return finding.decision === 'block' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
}

/**
 * Offset just past `excerpt` read from `offset` in `text`, where any run of white space in the excerpt stands for
 * any run of white space in the text (statements are reported with their white space collapsed); undefined when
 * the text there is not the excerpt (escapes in a string literal, interpolations, a multi-line DSL call).
 */
export function excerptEnd(text: string, offset: number, excerpt: string): number | undefined {
  const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/.test(c);
  const want = excerpt.trim();
  if (!want) return undefined;
  let i = offset;
  let j = 0;
  while (j < want.length) {
    if (isSpace(want[j])) {
      if (!isSpace(text[i])) return undefined;
      while (isSpace(text[i])) i++;
      while (isSpace(want[j])) j++;
      continue;
    }
    if (text[i] !== want[j]) return undefined;
    i++;
    j++;
  }
  return i;
}

/** From the finding's line and column to the end of its statement when it can be followed, else of its line. */
export function findingRange(document: vscode.TextDocument, finding: Pick<ScanFinding, 'line' | 'column' | 'excerpt'>, text = document.getText()): vscode.Range {
  const line = Math.min(Math.max(finding.line - 1, 0), document.lineCount - 1);
  const start = document.validatePosition(new vscode.Position(line, Math.max(finding.column - 1, 0)));
  const from = document.offsetAt(start);
  const end = excerptEnd(text, from, finding.excerpt);
  if (end !== undefined && end > from) return new vscode.Range(start, document.positionAt(end));
  const lineEnd = document.lineAt(start.line).range.end;
  return new vscode.Range(start, lineEnd.isAfter(start) ? lineEnd : start);
}

/** The SQL rules under a rule-file configuration's settings, applied as evaluate() applies them (floor, cap, off). */
export function rulesUnder(settings: Readonly<Record<string, RuleSetting>>): SqlRule[] {
  const out: SqlRule[] = [];
  for (const rule of sqlRules) {
    const setting = settings[rule.meta.id];
    if (setting === undefined) out.push(rule);
    else if (setting !== 'off') {
      out.push({
        ...rule,
        check(stmt, ctx) {
          rule.check(stmt, {
            ...ctx,
            report(r) {
              const decision = applySetting(setting, rule.meta.decision, r.decision ?? rule.meta.decision);
              if (decision !== undefined) ctx.report({ ...r, decision });
            },
          });
        },
      });
    }
  }
  return out;
}

/**
 * The name `scanText` should see for a document (it picks the language and the migration reading from it), or
 * undefined when the document is neither SQL nor a migration. Relative to its workspace folder when inside one, so
 * a workspace that itself lives under e.g. `~/migrations/` does not turn all its code into migrations. Untitled
 * documents, and files whose extension says nothing, count as SQL when their language mode is a SQL one.
 */
export function scanNameFor(document: Pick<vscode.TextDocument, 'uri' | 'languageId'>): string | undefined {
  const { uri } = document;
  if (uri.scheme !== 'file' && uri.scheme !== 'untitled') return undefined;
  const folder = uri.scheme === 'file' ? vscode.workspace.getWorkspaceFolder(uri) : undefined;
  const name = uri.scheme === 'untitled'
    ? path.posix.basename(uri.path) || 'untitled'
    : folder && folder.uri.scheme === 'file' ? path.relative(folder.uri.fsPath, uri.fsPath) : uri.fsPath;
  const lang = languageOf(name);
  if (SQL_LANGUAGE_IDS.has(document.languageId) && lang !== 'sql') return `${name}.sql`;
  if (!lang) return undefined;
  return isCandidate(name, false) ? name : undefined;
}
