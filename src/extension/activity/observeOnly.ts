/**
 * Observe-only mode (`blastRadius.observeOnly`): every action is still evaluated and recorded, but nothing
 * is paused; what would have been paused is logged as "would have paused". The hook/prompt side asks
 * `isObserveOnly()` before it pauses anything. The setting is application-scoped (user settings only), so a
 * repository's .vscode/settings.json cannot switch protection off.
 */
import * as vscode from 'vscode';

export function isObserveOnly(): boolean {
  return vscode.workspace.getConfiguration('blastRadius').get<boolean>('observeOnly', false) === true;
}

/** Flips the mode in the user settings; returns the new mode. */
export async function toggleObserveOnly(): Promise<boolean> {
  const next = !isObserveOnly();
  await vscode.workspace.getConfiguration('blastRadius').update('observeOnly', next, vscode.ConfigurationTarget.Global);
  return next;
}
