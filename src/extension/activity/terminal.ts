/**
 * Observes commands run in integrated terminals through shell integration. These events fire after the
 * fact (the command is already running, often finished): they feed the log and after-the-fact warnings,
 * never the safety gate. A command the engine would have paused that no hook saw raises a warning.
 */
import * as vscode from 'vscode';
import { evaluate, type EvaluateOptions } from '../../engine/evaluate';
import type { Verdict } from '../../engine/types';
import { terminalEntry } from '../../activity/entries';
import { maskSecrets } from '../../activity/mask';
import type { ActivityService } from './service';

export type OptionsFor = (cwd: string | undefined) => EvaluateOptions;

interface Running {
  commandLine: string;
  cwd?: string;
  terminalName: string;
  verdict: Verdict;
  hookedBy?: string;
  warned: boolean;
}

export interface TerminalObserverOptions {
  service: ActivityService;
  log: vscode.LogOutputChannel;
  optionsFor: OptionsFor;
  warningsEnabled: () => boolean;
  showActivityCommand: string;
}

export function evaluateCommand(commandLine: string, cwd: string | undefined, optionsFor: OptionsFor): Verdict {
  try {
    return evaluate({ kind: 'shell', command: commandLine, ...(cwd ? { cwd } : {}) }, optionsFor(cwd));
  } catch (e) {
    return { decision: 'ask', reason: `could not analyse: ${e instanceof Error ? e.message : String(e)}`, findings: [] };
  }
}

export class TerminalObserver implements vscode.Disposable {
  private readonly running = new Map<vscode.TerminalShellExecution, Running>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly o: TerminalObserverOptions) {
    vscode.window.onDidStartTerminalShellExecution((e) => this.started(e), undefined, this.disposables);
    vscode.window.onDidEndTerminalShellExecution((e) => this.ended(e), undefined, this.disposables);
  }

  private started(e: vscode.TerminalShellExecutionStartEvent): void {
    const commandLine = e.execution.commandLine.value.trim();
    if (!commandLine) return;
    const cwd = e.execution.cwd?.fsPath ?? e.shellIntegration.cwd?.fsPath;
    const verdict = evaluateCommand(commandLine, cwd, this.o.optionsFor);
    const hookedBy = this.o.service.hookedCommand(commandLine);
    const warn = verdict.decision !== 'allow' && !hookedBy && this.o.warningsEnabled();
    this.running.set(e.execution, { commandLine, cwd, terminalName: e.terminal.name, verdict, hookedBy, warned: warn });
    if (warn) this.warn(commandLine, e.terminal.name, verdict);
  }

  private ended(e: vscode.TerminalShellExecutionEndEvent): void {
    const run = this.running.get(e.execution);
    this.running.delete(e.execution);
    // The command line can be more accurate at the end; it may also be the first time we see it.
    const commandLine = e.execution.commandLine.value.trim() || run?.commandLine || '';
    if (!commandLine) return;
    let r = run;
    if (!r || r.commandLine !== commandLine) {
      const cwd = run?.cwd ?? e.execution.cwd?.fsPath;
      const verdict = evaluateCommand(commandLine, cwd, this.o.optionsFor);
      const hookedBy = this.o.service.hookedCommand(commandLine);
      const warn = !run?.warned && verdict.decision !== 'allow' && !hookedBy && this.o.warningsEnabled();
      if (warn) this.warn(commandLine, e.terminal.name, verdict);
      r = { commandLine, cwd, terminalName: e.terminal.name, verdict, hookedBy, warned: warn || !!run?.warned };
    }
    this.record(r, e.exitCode, e.execution.commandLine.confidence);
  }

  private record(r: Running, exitCode: number | undefined, confidence: vscode.TerminalShellExecutionCommandLineConfidence | undefined): void {
    const names = ['low', 'medium', 'high'];
    this.o.service.record(terminalEntry({
      commandLine: r.commandLine,
      cwd: r.cwd,
      terminalName: r.terminalName,
      exitCode,
      confidence: confidence === undefined ? undefined : names[confidence],
      verdict: r.verdict,
      hooked: r.hookedBy !== undefined,
      warned: r.warned,
      ...(r.hookedBy ? { agent: r.hookedBy } : {}),
    }));
  }

  private warn(commandLine: string, terminal: string, verdict: Verdict): void {
    const rules = [...new Set(verdict.findings.filter((f) => f.decision !== 'allow').map((f) => f.ruleId))];
    const masked = maskSecrets(commandLine);
    const shown = masked.length > 120 ? `${masked.slice(0, 117)}…` : masked;
    this.o.log.warn(`Terminal "${terminal}": "${shown}" ran without a hook; it would have been ${verdict.decision === 'block' ? 'blocked' : 'paused'} (${rules.join(', ') || verdict.reason})`);
    const msg = `Blast Radius: "${shown}" ran in terminal "${terminal}" without passing through a hook, so it could not be paused. ${verdict.reason || ''}`.trim();
    void vscode.window.showWarningMessage(msg, 'Show Activity').then((choice) => {
      if (choice) void vscode.commands.executeCommand(this.o.showActivityCommand);
    });
  }

  dispose(): void {
    // Commands still running when the window closes: record them without an exit code.
    for (const r of this.running.values()) this.record(r, undefined, undefined);
    this.running.clear();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
