import * as vscode from 'vscode';
import { registerSnapshots } from './snapshots';
import { startRuleFiles } from './ruleFiles';
import { registerActivity } from './activity';
import { registerSqlDiagnostics } from './sqlDiagnostics';
import { activateGate } from './gate';
import { activateProtection } from './protect';

/**
 * Activation only builds the pieces and hands their disposables to VS Code. Each feature lives in its
 * own module under src/extension/ and is started from here with one line.
 */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Blast Radius', { log: true });
  context.subscriptions.push(log);
  log.info(`Blast Radius ${context.extension.packageJSON.version as string} activated`);
  registerSnapshots(context, log);
  startRuleFiles(context, log);
  registerActivity(context, log);
  registerSqlDiagnostics(context, log);
  activateProtection(context, log, activateGate(context, log));
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
