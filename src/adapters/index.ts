/** The adapters by agent name, as used by `blast-radius hook <agent>`. */
import { claude } from './claude';
import { cline } from './cline';
import { codex } from './codex';
import { copilot } from './copilot';
import { cursor } from './cursor';
import { gemini } from './gemini';
import type { Adapter } from './types';
import { windsurf } from './windsurf';

export const adapters: Readonly<Record<string, Adapter>> = { claude, copilot, cursor, gemini, codex, windsurf, cline };

export function getAdapter(agent: string): Adapter | undefined {
  return Object.hasOwn(adapters, agent) ? adapters[agent] : undefined;
}

export type { Adapter, Answer, HookOutput, ToolCall } from './types';
