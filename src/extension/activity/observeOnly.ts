/**
 * Observe-only mode (`blastRadius.observeOnly`): every action is still evaluated and recorded, but nothing
 * is paused; what would have been paused is logged as "would have paused". The hook/prompt side asks
 * `isObserveOnly()` before it pauses anything.
 */
import * as vscode from 'vscode';

export const OBSERVE_ONLY_SETTING = 'blastRadius.observeOnly';

export function isObserveOnly(): boolean {
  return vscode.workspace.getConfiguration('blastRadius').get<boolean>('observeOnly', false) === true;
}

/**
 * Flips the mode where it is set: the workspace value when the workspace overrides it, else the user value.
 * Returns the new mode.
 */
export async function toggleObserveOnly(): Promise<boolean> {
  const config = vscode.workspace.getConfiguration('blastRadius');
  const next = !isObserveOnly();
  const inspected = config.inspect<boolean>('observeOnly');
  const target = inspected?.workspaceFolderValue !== undefined || inspected?.workspaceValue !== undefined
    ? vscode.ConfigurationTarget.Workspace
    : vscode.ConfigurationTarget.Global;
  await config.update('observeOnly', next, target);
  return next;
}
