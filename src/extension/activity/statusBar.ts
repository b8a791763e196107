/**
 * The status bar item: protection state (protected / observe-only / off), how many agents are hooked, and
 * today's paused and blocked actions. Clicking it opens the activity panel.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TodayCounts } from './service';

export type ProtectionState = 'protected' | 'observe-only' | 'off';

/** Where each agent keeps hook configs (workspace-relative, then home-relative). */
const HOOK_CONFIGS: Record<string, { workspace: string[]; home: string[] }> = {
  claude: { workspace: ['.claude/settings.json', '.claude/settings.local.json'], home: ['.claude/settings.json'] },
  copilot: { workspace: ['.github/hooks/*.json'], home: ['.copilot/hooks/*.json'] },
  cursor: { workspace: ['.cursor/hooks.json'], home: ['.cursor/hooks.json'] },
  gemini: { workspace: ['.gemini/settings.json'], home: ['.gemini/settings.json'] },
  codex: { workspace: ['.codex/hooks.json'], home: ['.codex/hooks.json'] },
  windsurf: { workspace: ['.windsurf/hooks.json'], home: ['.codeium/windsurf/hooks.json'] },
  cline: { workspace: ['.clinerules/hooks/PreToolUse'], home: ['Documents/Cline/Hooks/PreToolUse'] },
};

function filesFor(base: string, pattern: string): string[] {
  if (!pattern.endsWith('/*.json')) return [path.join(base, pattern)];
  const dir = path.join(base, pattern.slice(0, -'/*.json'.length));
  try {
    return fs.readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => path.join(dir, f));
  } catch {
    return [];
  }
}

function mentionsUs(file: string): boolean {
  try {
    const st = fs.statSync(file);
    return st.isFile() && st.size < 1024 * 1024 && fs.readFileSync(file, 'utf8').includes('blast-radius');
  } catch {
    return false;
  }
}

/** Agents whose hook config (in these folders or the home folder) runs `blast-radius`. */
export function detectHookedAgents(folders: readonly string[], home = os.homedir()): string[] {
  return Object.entries(HOOK_CONFIGS)
    .filter(([, where]) =>
      folders.some((f) => where.workspace.some((p) => filesFor(f, p).some(mentionsUs))) ||
      where.home.some((p) => filesFor(home, p).some(mentionsUs)))
    .map(([agent]) => agent);
}

export class ActivityStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('blastRadius.status', vscode.StatusBarAlignment.Left, 50);
  /** Set by the Protect command; until then, detected from hook configs. */
  private explicitAgents: string[] | undefined;
  private detectedAgents: string[] = [];
  private counts: TodayCounts = { paused: 0, blocked: 0, wouldHavePaused: 0, warned: 0 };
  private observeOnly = false;

  constructor(command: string) {
    this.item.name = 'Blast Radius';
    this.item.command = command;
    this.item.show();
  }

  get agents(): string[] {
    return this.explicitAgents ?? this.detectedAgents;
  }

  get state(): ProtectionState {
    if (this.observeOnly) return 'observe-only';
    return this.agents.length > 0 ? 'protected' : 'off';
  }

  setAgents(agents: readonly string[] | undefined): void {
    this.explicitAgents = agents ? [...agents] : undefined;
    this.render();
  }

  setDetectedAgents(agents: readonly string[]): void {
    this.detectedAgents = [...agents];
    this.render();
  }

  setCounts(counts: TodayCounts): void {
    this.counts = counts;
    this.render();
  }

  setObserveOnly(on: boolean): void {
    this.observeOnly = on;
    this.render();
  }

  /** The text shown, for tests and the tooltip. */
  render(): void {
    const n = this.agents.length;
    const agents = `${n} agent${n === 1 ? '' : 's'}`;
    const c = this.counts;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.isTrusted = false;
    let text: string;
    let label: string;
    switch (this.state) {
      case 'observe-only':
        text = `$(eye) Blast Radius: observe-only · ${c.wouldHavePaused} would pause`;
        label = `Blast Radius is in observe-only mode: nothing is paused. ${c.wouldHavePaused} actions would have been paused today.`;
        this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
        break;
      case 'protected':
        text = `$(shield) Blast Radius: ${agents} · ${c.paused} paused · ${c.blocked} blocked`;
        label = `Blast Radius protects ${agents} (${this.agents.join(', ')}). Today: ${c.paused} paused, ${c.blocked} blocked.`;
        this.item.backgroundColor = undefined;
        break;
      default:
        text = `$(circle-slash) Blast Radius: off · ${c.paused} paused · ${c.blocked} blocked`;
        label = `Blast Radius: no agent is hooked, so nothing can be paused before it runs. Terminal commands and file changes are still logged. Today: ${c.paused} paused, ${c.blocked} blocked.`;
        this.item.backgroundColor = undefined;
    }
    if (c.warned > 0) {
      text += ` · $(warning) ${c.warned}`;
      label += ` ${c.warned} destructive terminal commands ran without a hook today.`;
    }
    this.item.text = text;
    tooltip.appendText(label);
    tooltip.appendMarkdown('\n\n$(list-flat) Click to open the activity log.');
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: `${label} Click to open the activity log.`, role: 'button' };
  }

  dispose(): void {
    this.item.dispose();
  }
}
