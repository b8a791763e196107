/**
 * The shape of a rule. One file per rule under `rules/<pack>/<name>.ts`, exporting `default defineXxxRule({...})`
 * with its metadata, its behaviour and its own table of cases (which double as documentation examples).
 */
import type { Action, Decision, FileAction, HttpAction, McpAction, Severity } from './types';
import type { SimpleCommand } from './shell/types';
import type { SqlStatement } from './sql/types';
import type { ProductionSignals } from './context/production';
import type { WorkspaceReader } from './context/workspace';

export type RuleKind = 'command' | 'sql' | 'file' | 'http' | 'mcp';

export interface RuleMeta {
  /** Stable id `<pack>/<name>`, equal to the file's path under `rules/` (a test enforces it). */
  id: string;
  /** Decision when the rule fires and the report does not say otherwise. */
  decision: Decision;
  severity: Severity;
  /** One sentence: what the rule protects against. */
  description: string;
  /** Default message; `{{name}}` placeholders are filled from the report's `data` (and `{{target}}`). */
  message: string;
  /** Default safer alternative. */
  safer?: string;
}

export interface CommandRuleMeta extends RuleMeta {
  /** Program names (normalised, see SimpleCommand.name) this rule looks at. Omit to see every command. */
  commands?: readonly string[];
}

/** One case of a rule's table. A string is a shell command line for command rules and SQL text for SQL rules. */
export interface RuleCase {
  input: string | Action;
  /** For `pause` cases: the decision the whole verdict must reach (default: the rule's decision). */
  decision?: Decision;
  cwd?: string;
  env?: Record<string, string>;
  /** Why this case is here (shown when it fails). */
  note?: string;
  /**
   * For rules that hand what they find to other rules (a script's text to the shell rules): the rule whose finding
   * this case expects instead of the rule's own.
   */
  foundBy?: string;
  /** Workspace files the case needs (path relative to the case's folder, or absolute) → content. */
  files?: Record<string, string>;
}

export interface RuleTests {
  /** The rule must fire on each of these, and the whole verdict must be at least the expected decision. */
  pause: readonly (RuleCase | string)[];
  /** The whole verdict must be `allow` for each of these (look-alikes that must stay quiet). */
  pass: readonly (RuleCase | string)[];
}

export interface Report {
  target?: string;
  data?: Record<string, string | number | undefined>;
  decision?: Decision;
  severity?: Severity;
  /** Overrides the meta message (placeholders still filled). */
  message?: string;
  signals?: string[];
  safer?: string;
}

export interface RuleContext {
  /** Working folder of the command or action, when known. */
  readonly cwd: string | undefined;
  /** Root of the workspace or repository the action belongs to, when known. */
  readonly workspaceRoot: string | undefined;
  /** The user's home folder (for `~` handling). */
  readonly home: string;
  /** Protected-file globs of the effective configuration (EngineConfig.protect; empty without one). */
  readonly protect?: readonly string[];
  /** Process environment merged with the action's own environment. */
  readonly env: Readonly<Record<string, string | undefined>>;
  report(report: Report): void;
  /** Production and test signals for a command (its env prefixes, flags, hosts) plus the workspace's own. */
  signals(cmd?: SimpleCommand): ProductionSignals;
  /** Reads workspace files (scripts, package.json, .env): the disk, or the reader a test gave. */
  readonly reader: WorkspaceReader;
  /**
   * Evaluate an action found inside this one (SQL passed to psql, an HTTP call made by curl); its findings join the
   * verdict. `via` names where the inner action was read from (`scripts/reset.sh`), shown before each excerpt.
   */
  nested(action: Action, via?: string): void;
}

export interface CommandRule {
  kind: 'command';
  meta: CommandRuleMeta;
  check(cmd: SimpleCommand, ctx: RuleContext): void;
  tests: RuleTests;
}

export interface SqlRule {
  kind: 'sql';
  meta: RuleMeta;
  check(stmt: SqlStatement, ctx: RuleContext): void;
  tests: RuleTests;
}

export interface FileRule {
  kind: 'file';
  meta: RuleMeta;
  check(action: FileAction, ctx: RuleContext): void;
  tests: RuleTests;
}

export interface HttpRule {
  kind: 'http';
  meta: RuleMeta;
  check(action: HttpAction, ctx: RuleContext): void;
  tests: RuleTests;
}

export interface McpRule {
  kind: 'mcp';
  meta: RuleMeta;
  check(action: McpAction, ctx: RuleContext): void;
  tests: RuleTests;
}

export type Rule = CommandRule | SqlRule | FileRule | HttpRule | McpRule;

export const defineCommandRule = (r: Omit<CommandRule, 'kind'>): CommandRule => ({ kind: 'command', ...r });
export const defineSqlRule = (r: Omit<SqlRule, 'kind'>): SqlRule => ({ kind: 'sql', ...r });
export const defineFileRule = (r: Omit<FileRule, 'kind'>): FileRule => ({ kind: 'file', ...r });
export const defineHttpRule = (r: Omit<HttpRule, 'kind'>): HttpRule => ({ kind: 'http', ...r });
export const defineMcpRule = (r: Omit<McpRule, 'kind'>): McpRule => ({ kind: 'mcp', ...r });
