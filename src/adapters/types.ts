/**
 * What an agent adapter does: turn one hook payload into engine actions, and turn an answer back into
 * the exact bytes and exit code that agent obeys. Adapters never import `vscode`.
 */
import type { Action } from '../engine/types';

/** The final answer for one tool call, in agent-neutral words. */
export type AnswerDecision = 'allow' | 'deny' | 'ask';

export interface Answer {
  decision: AnswerDecision;
  /** Shown to the agent (and, where the agent has a place for it, to the person). */
  reason: string;
  /**
   * For `allow`: a person allowed it in the editor, so the agent may skip its own prompt too. A plain engine
   * allow is rendered as "no objection" wherever the agent has that form, so its own permission settings
   * still apply.
   */
  explicit?: boolean;
}

/** One tool call read from a hook payload. */
export interface ToolCall {
  /** Tool name as the agent reported it. */
  tool: string;
  /** What the call would do. Empty for reads and other harmless tools: those are allowed unanalysed. */
  actions: Action[];
  cwd?: string;
  /** When the payload names it (Cursor, Cline); otherwise found from cwd. */
  workspaceRoot?: string;
  /** One line for logs and prompts: `Bash: rm -rf build`. */
  summary: string;
  /** Adapter-private detail the renderer needs (for example which Copilot payload shape arrived). */
  variant?: string;
}

export interface HookOutput {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface Adapter {
  readonly agent: string;
  /** True when the agent has its own confirmation prompt that an `ask` answer opens. */
  readonly canAsk: boolean;
  /** How long to wait for a person in the editor by default: shorter than the agent's default hook timeout. */
  readonly waitSeconds: number;
  /** Throws PayloadError for anything it cannot read. */
  parse(payload: unknown): ToolCall;
  /** `call` is missing when the payload could not be read. Never answers `ask` unless canAsk. */
  render(answer: Answer, call?: ToolCall): HookOutput;
}

/** A payload that is not what the agent is documented to send. The hook denies it. */
export class PayloadError extends Error {
  override readonly name = 'PayloadError';
}
