/**
 * evaluate(action) → verdict: the only door into the engine.
 */
import * as os from 'node:os';
import type { Action, Decision, Finding, ShellAction, Verdict } from './types';
import { stricter } from './types';
import type { CommandRule, Report, Rule, RuleContext, RuleMeta } from './rule';
import type { SimpleCommand } from './shell/types';
import { analyzeShell } from './shell/analyze';
import { readableReport } from './shell/readable';
import { analyzeSql } from './sql/analyze';
import { allRules } from './rules';
import type { EngineConfig } from './config/types';
import { EMPTY_CONFIG } from './config/types';
import { allowRuleFor, applySetting, customFindings } from './config/apply';
import type { ProductionSignals } from './context/production';
import { commandSignals, environmentSignals, mergeSignals } from './context/production';
import type { WorkspaceReader } from './context/workspace';
import { nodeReader, workspaceSignals } from './context/workspace';

export interface EvaluateOptions {
  config?: EngineConfig;
  /** Environment the action runs in. Defaults to `process.env`. Tests pass `{}` for determinism. */
  env?: Record<string, string | undefined>;
  home?: string;
  /** Root of the workspace or repository; defaults to the action's cwd. */
  workspaceRoot?: string;
  /** Rules to use instead of the built-in set (tests). */
  rules?: readonly Rule[];
  /** Reads workspace files for production signals (.env files, kube config, git HEAD); tests inject one. Defaults to the disk. */
  reader?: WorkspaceReader;
}

const MAX_NESTING = 6;

export const UNANALYSABLE_RULE_ID = 'engine/unanalysable';

interface RuleIndex {
  byCommand: Map<string, CommandRule[]>;
  anyCommand: CommandRule[];
  sql: Rule[];
  file: Rule[];
  http: Rule[];
  mcp: Rule[];
}

const indexCache = new WeakMap<readonly Rule[], RuleIndex>();

function indexRules(rules: readonly Rule[]): RuleIndex {
  const cached = indexCache.get(rules);
  if (cached) return cached;
  const index: RuleIndex = { byCommand: new Map(), anyCommand: [], sql: [], file: [], http: [], mcp: [] };
  for (const rule of rules) {
    if (rule.kind === 'command') {
      if (!rule.meta.commands) index.anyCommand.push(rule);
      else for (const name of rule.meta.commands) {
        const list = index.byCommand.get(name) ?? [];
        list.push(rule);
        index.byCommand.set(name, list);
      }
    } else index[rule.kind].push(rule);
  }
  indexCache.set(rules, index);
  return index;
}

function fill(template: string, data: Record<string, string | number | undefined>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => String(data[key] ?? `<${key}>`));
}

class Evaluation {
  readonly findings: Finding[] = [];
  private readonly index: RuleIndex;
  private readonly config: EngineConfig;
  private readonly env: Record<string, string | undefined>;
  private readonly home: string;
  private envSignalsCache: ProductionSignals | undefined;
  /** The shell command an inner action (an HTTP call made by curl, SQL given to psql) came from. */
  origin: SimpleCommand | undefined;
  /** Where the actions being evaluated were read from (a script file), when they were not typed. */
  via: string | undefined;

  constructor(private readonly options: EvaluateOptions) {
    this.index = indexRules(options.rules ?? allRules);
    this.config = options.config ?? EMPTY_CONFIG;
    this.env = options.env ?? process.env;
    this.home = options.home ?? this.env.HOME ?? os.homedir();
  }

  run(action: Action, depth: number): void {
    if (depth > MAX_NESTING) {
      this.unknown('nesting is too deep to follow', undefined);
      return;
    }
    const env = action.env ? { ...this.env, ...action.env } : this.env;
    switch (action.kind) {
      case 'shell':
        this.runShell(action, env, depth);
        return;
      case 'sql': {
        const analysis = analyzeSql(action.sql, action.dialect, { target: action.target });
        for (const reason of analysis.unknowns) this.unknown(reason, action.sql);
        for (const stmt of analysis.statements) {
          for (const rule of this.index.sql) {
            if (rule.kind === 'sql') rule.check(stmt, this.context(rule, action.cwd, env, depth, undefined, stmt.text, action.target));
          }
        }
        return;
      }
      case 'file':
      case 'http':
      case 'mcp':
        for (const rule of this.index[action.kind]) {
          const ctx = this.context(rule, action.cwd, env, depth, undefined, undefined);
          // The index guarantees the rule kind matches the action kind.
          (rule.check as (a: Action, c: RuleContext) => void)(action, ctx);
        }
        return;
    }
  }

  private runShell(action: ShellAction, env: Record<string, string | undefined>, depth: number): void {
    const analysis = analyzeShell(action.command, { cwd: action.cwd, shell: action.shell, home: this.home });
    for (const reason of analysis.unknowns) this.unknown(reason, action.command);
    for (const cmd of analysis.commands) {
      // A team's (approved) or the person's `allow` rule for this command silences the built-in rules on it.
      const allowed = allowRuleFor(this.config, cmd);
      const applies = (rule: Rule): boolean => !allowed || (allowed.keep?.includes(rule.meta.id) ?? false);
      const rules = this.index.byCommand.get(cmd.name);
      if (rules) for (const rule of rules) if (applies(rule)) rule.check(cmd, this.context(rule, cmd.cwd ?? action.cwd, env, depth, cmd, cmd.text));
      for (const rule of this.index.anyCommand) if (applies(rule)) rule.check(cmd, this.context(rule, cmd.cwd ?? action.cwd, env, depth, cmd, cmd.text));
    }
    this.findings.push(...customFindings(this.config, action.command, analysis.commands));
  }

  private unknown(reason: string, excerpt: string | undefined): void {
    // A script read from the project (`bash scripts/x.sh`) was not typed by the agent: a construct the analysis
    // cannot follow there must not stop every run of it; what the rules find in it still counts.
    if (this.via !== undefined) return;
    this.findings.push({
      ruleId: UNANALYSABLE_RULE_ID,
      decision: 'ask',
      severity: 'medium',
      message: `Could not analyse: ${reason}`,
      excerpt: this.via && excerpt !== undefined ? `${this.via}: ${excerpt}` : excerpt,
    });
  }

  private context(
    rule: Rule,
    cwd: string | undefined,
    env: Record<string, string | undefined>,
    depth: number,
    cmd: SimpleCommand | undefined,
    excerpt: string | undefined,
    sqlTarget?: string,
  ): RuleContext {
    const self = this;
    return {
      cwd,
      workspaceRoot: this.options.workspaceRoot ?? cwd,
      home: this.home,
      protect: this.config.protect,
      env,
      report(report: Report) {
        // Placeholders the shell analysis left for `$(…)` and heredocs never reach a person.
        const from = cmd ?? self.origin;
        self.record(rule.meta, from ? readableReport(report, from) : report, excerpt);
      },
      signals(target?: SimpleCommand) {
        const config = self.config.production;
        // SQL sent to a named target: connection variables in the environment are not where it goes.
        const fromEnv = sqlTarget !== undefined
          ? environmentSignals(env, { connections: false, config })
          : env === self.env ? (self.envSignalsCache ??= environmentSignals(env, { config })) : environmentSignals(env, { config });
        const which = target ?? cmd;
        if (!which) return fromEnv;
        // Workspace files (.env, kube config, git HEAD) are read lazily, only for the command's own tool.
        const root = self.options.workspaceRoot ?? cwd;
        const fromWorkspace = workspaceSignals(which, { root, cwd, home: self.home, env, reader: self.options.reader, config });
        return mergeSignals(commandSignals(which, config), fromEnv, fromWorkspace);
      },
      reader: this.options.reader ?? nodeReader,
      nested(inner: Action, via?: string) {
        const outer = self.origin;
        const outerVia = self.via;
        self.origin = cmd ?? outer; // reports about the inner action are made readable against this command
        if (via !== undefined) self.via = outerVia ? `${outerVia} → ${via}` : via;
        try {
          self.run({ ...inner, cwd: inner.cwd ?? cwd }, depth + 1);
        } finally {
          self.origin = outer;
          self.via = outerVia;
        }
      },
    };
  }

  private record(meta: RuleMeta, report: Report, excerpt: string | undefined): void {
    const decision = applySetting(this.config.rules[meta.id], meta.decision, report.decision ?? meta.decision);
    if (decision === undefined) return;
    // A script of the project (`make clean`, `bash scripts/x.sh`) is the team's own, run as ordinary work: inside it
    // only what would block counts, and only about what it names. Scripts compute their paths and hosts
    // (`rm -rf "$WORK"`, `curl -X DELETE "$API/x"`) from values the analysis cannot see.
    if (this.via !== undefined && (decision !== 'block' || /\$(?!HOME\b|\{HOME\})/.test(report.target ?? ''))) return;
    const data = { target: report.target, ...report.data };
    this.findings.push({
      ruleId: meta.id,
      decision,
      severity: report.severity ?? meta.severity,
      message: fill(report.message ?? meta.message, data),
      target: report.target,
      signals: report.signals,
      safer: report.safer ?? (meta.safer === undefined ? undefined : fill(meta.safer, data)),
      excerpt: this.via && excerpt !== undefined ? `${this.via}: ${excerpt}` : excerpt,
    });
  }
}

export function summarise(findings: readonly Finding[]): { decision: Decision; reason: string } {
  let decision: Decision = 'allow';
  for (const f of findings) decision = stricter(decision, f.decision);
  const paused = findings.filter((f) => f.decision !== 'allow');
  const reason = [...new Set(paused.map((f) => `${f.message} [${f.ruleId}]`))].join('; ');
  return { decision, reason };
}

export function evaluate(action: Action, options: EvaluateOptions = {}): Verdict {
  const evaluation = new Evaluation(options);
  evaluation.run(action, 0);
  const findings = evaluation.findings;
  return { ...summarise(findings), findings };
}
