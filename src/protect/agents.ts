/**
 * Where and how each agent reads its hook configuration, and the exact entries Blast Radius adds.
 * Formats: docs/agent-integrations.md §1–§4, checked against the real CLIs in real-agents-testing.md.
 * Editor-free.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { hookCommand, isOurCommand, type HookProgram } from './command';
import type { JsonPath } from './jsonc';

export type AgentId = 'claude' | 'copilot' | 'cursor' | 'gemini' | 'codex' | 'windsurf' | 'cline';
export const AGENT_IDS: readonly AgentId[] = ['claude', 'copilot', 'cursor', 'gemini', 'codex', 'windsurf', 'cline'];

/** `workspace`: this project only. `user`: every folder the person opens with that agent. */
export type Scope = 'workspace' | 'user';

export interface Environment {
  home: string;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
}

export function currentEnvironment(): Environment {
  return { home: os.homedir(), env: process.env, platform: process.platform };
}

interface SpecBase {
  agent: AgentId;
  label: string;
  /** Config folders whose presence in a workspace means the agent is used there. */
  markers: readonly string[];
  /** Files or folders in the home folder that mean the person uses the agent. */
  userMarkers(e: Environment): string[];
  /** The file Blast Radius writes, absolute. */
  file(scope: Scope, root: string, e: Environment): string;
  /** --wait-seconds written into the command, for agents whose hook timeout the entry raises. */
  waitSeconds?: number;
  /** The hook timeout the entry sets, in words, for the preview. */
  timeoutNote: string;
}

export interface JsonEntry {
  /** Object keys from the root to the array the entry goes into. */
  path: JsonPath;
  value: unknown;
}

export interface JsonSpec extends SpecBase {
  format: 'json';
  /** Root members a file gets when Blast Radius creates it (and that may remain when it removes its entries). */
  scaffold: Record<string, unknown>;
  /** The arrays Blast Radius adds to; `entries` gives one value for each. */
  paths: readonly JsonPath[];
  entries(program: HookProgram, e: Environment): JsonEntry[];
  /** An element of one of `paths` that Blast Radius wrote (any version). */
  isOurs(value: unknown): boolean;
}

export interface ScriptSpec extends SpecBase {
  format: 'script';
  script(program: HookProgram, e: Environment): string;
}

export type AgentSpec = JsonSpec | ScriptSpec;

const obj = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/** Grouped format (Claude, Codex, Gemini): `{matcher, hooks: [handler]}`; ours when one handler is. */
function groupIsOurs(value: unknown): boolean {
  const hooks = obj(value)?.hooks;
  return Array.isArray(hooks) && hooks.some((h) => isOurCommand(obj(h)?.command));
}

/** Flat format (Copilot, Cursor, Windsurf): the handler itself. */
function handlerIsOurs(value: unknown): boolean {
  const h = obj(value);
  return !!h && (isOurCommand(h.command) || isOurCommand(h.bash) || isOurCommand(h.powershell));
}

/** Claude Code and Codex wait 600 s for a hook by default; the hook gives the person 550 s of that. */
const LONG_WAIT = 550;
const LONG_TIMEOUT_S = 600;

const STATUS = 'Blast Radius: waiting for approval in the editor';

const codexHome = (e: Environment): string => e.env.CODEX_HOME || path.join(e.home, '.codex');
const copilotHome = (e: Environment): string => e.env.COPILOT_HOME || path.join(e.home, '.copilot');

export const claudeSpec: JsonSpec = {
  agent: 'claude',
  label: 'Claude Code',
  format: 'json',
  markers: ['.claude'],
  userMarkers: (e) => [path.join(e.home, '.claude')],
  // settings.local.json: the command holds a path on this machine, so it goes in the personal file, not
  // in the team's committed settings.json. Claude Code merges both.
  file: (scope, root, e) => (scope === 'workspace' ? path.join(root, '.claude', 'settings.local.json') : path.join(e.home, '.claude', 'settings.json')),
  waitSeconds: LONG_WAIT,
  timeoutNote: 'timeout 600 s (the default); the hook waits 550 s for you',
  scaffold: {},
  paths: [['hooks', 'PreToolUse']],
  entries: (p) => [{
    path: ['hooks', 'PreToolUse'],
    value: {
      matcher: 'Bash|PowerShell|Edit|Write|MultiEdit|NotebookEdit|mcp__.*',
      hooks: [{ type: 'command', command: hookCommand(p, 'claude', LONG_WAIT), timeout: LONG_TIMEOUT_S, statusMessage: STATUS }],
    },
  }],
  isOurs: groupIsOurs,
};

export const codexSpec: JsonSpec = {
  agent: 'codex',
  label: 'Codex CLI',
  format: 'json',
  markers: ['.codex'],
  userMarkers: (e) => [codexHome(e)],
  file: (scope, root, e) => (scope === 'workspace' ? path.join(root, '.codex', 'hooks.json') : path.join(codexHome(e), 'hooks.json')),
  waitSeconds: LONG_WAIT,
  timeoutNote: 'timeout 600 s; the hook waits 550 s for you',
  scaffold: {},
  paths: [['hooks', 'PreToolUse']],
  entries: (p) => [{
    path: ['hooks', 'PreToolUse'],
    value: {
      matcher: 'Bash|apply_patch|Edit|Write|mcp__.*',
      hooks: [{ type: 'command', command: hookCommand(p, 'codex', LONG_WAIT), timeout: LONG_TIMEOUT_S }],
    },
  }],
  isOurs: groupIsOurs,
};

export const geminiSpec: JsonSpec = {
  agent: 'gemini',
  label: 'Gemini CLI',
  format: 'json',
  markers: ['.gemini'],
  userMarkers: (e) => [path.join(e.home, '.gemini')],
  file: (scope, root, e) => path.join(scope === 'workspace' ? root : e.home, '.gemini', 'settings.json'),
  waitSeconds: LONG_WAIT,
  timeoutNote: 'timeout 600 000 ms (Gemini counts milliseconds; its default is 60 000); the hook waits 550 s for you',
  scaffold: {},
  paths: [['hooks', 'BeforeTool']],
  entries: (p) => [{
    path: ['hooks', 'BeforeTool'],
    value: {
      matcher: 'run_shell_command|write_file|replace|mcp__.*',
      hooks: [{
        type: 'command',
        name: 'blast-radius',
        command: hookCommand(p, 'gemini', LONG_WAIT),
        timeout: LONG_TIMEOUT_S * 1000,
        description: 'Blast Radius: pauses destructive actions for approval in the editor',
      }],
    },
  }],
  isOurs: groupIsOurs,
};

export const copilotSpec: JsonSpec = {
  agent: 'copilot',
  label: 'GitHub Copilot (VS Code agent hooks and Copilot CLI)',
  format: 'json',
  markers: ['.github/hooks', '.github/copilot'],
  userMarkers: (e) => [copilotHome(e)],
  // A file of our own: both the VS Code Local harness and the Copilot CLI load every *.json there.
  file: (scope, root, e) => (scope === 'workspace' ? path.join(root, '.github', 'hooks', 'blast-radius.json') : path.join(copilotHome(e), 'hooks', 'blast-radius.json')),
  waitSeconds: LONG_WAIT,
  timeoutNote: 'timeoutSec 600 and timeout 600 (the default is 30 s; the CLI reads timeoutSec, VS Code timeout); the hook waits 550 s for you',
  scaffold: { version: 1 },
  paths: [['hooks', 'preToolUse']],
  entries: (p) => [{
    path: ['hooks', 'preToolUse'],
    value: {
      type: 'command',
      bash: hookCommand(p, 'copilot', LONG_WAIT),
      powershell: hookCommand(p, 'copilot', LONG_WAIT, 'powershell'),
      timeoutSec: LONG_TIMEOUT_S,
      timeout: LONG_TIMEOUT_S,
    },
  }],
  isOurs: handlerIsOurs,
};

export const cursorSpec: JsonSpec = {
  agent: 'cursor',
  label: 'Cursor',
  format: 'json',
  markers: ['.cursor'],
  userMarkers: (e) => [path.join(e.home, '.cursor')],
  file: (scope, root, e) => path.join(scope === 'workspace' ? root : e.home, '.cursor', 'hooks.json'),
  waitSeconds: LONG_WAIT,
  timeoutNote: 'timeout 600 s and failClosed: true (a crash or timeout blocks instead of letting the call run); the hook waits 550 s for you',
  scaffold: { version: 1 },
  paths: [['hooks', 'beforeShellExecution'], ['hooks', 'beforeMCPExecution'], ['hooks', 'preToolUse']],
  entries: (p) => {
    const handler = { type: 'command', command: hookCommand(p, 'cursor', LONG_WAIT), timeout: LONG_TIMEOUT_S, failClosed: true };
    return [
      { path: ['hooks', 'beforeShellExecution'], value: handler },
      { path: ['hooks', 'beforeMCPExecution'], value: handler },
      // Shell and MCP calls have their own events above; preToolUse adds the file writes.
      { path: ['hooks', 'preToolUse'], value: { ...handler, matcher: 'Write|Delete' } },
    ];
  },
  isOurs: handlerIsOurs,
};

export const windsurfSpec: JsonSpec = {
  agent: 'windsurf',
  label: 'Windsurf (Cascade)',
  format: 'json',
  markers: ['.windsurf'],
  userMarkers: (e) => [path.join(e.home, '.codeium', 'windsurf')],
  file: (scope, root, e) => (scope === 'workspace' ? path.join(root, '.windsurf', 'hooks.json') : path.join(e.home, '.codeium', 'windsurf', 'hooks.json')),
  timeoutNote: 'Windsurf documents no hook timeout setting; the hook waits 25 s for you',
  scaffold: {},
  paths: [['hooks', 'pre_run_command'], ['hooks', 'pre_write_code'], ['hooks', 'pre_mcp_tool_use']],
  entries: (p) => {
    const handler = { command: hookCommand(p, 'windsurf'), show_output: true };
    return [
      { path: ['hooks', 'pre_run_command'], value: handler },
      { path: ['hooks', 'pre_write_code'], value: handler },
      { path: ['hooks', 'pre_mcp_tool_use'], value: handler },
    ];
  },
  isOurs: handlerIsOurs,
};

export const CLINE_MARKER = '# Blast Radius hook:';

export const clineSpec: ScriptSpec = {
  agent: 'cline',
  label: 'Cline',
  format: 'script',
  markers: ['.clinerules'],
  userMarkers: (e) => [path.join(e.home, 'Documents', 'Cline')],
  // Cline runs an executable named after the event (PreToolUse.ps1 on Windows).
  file: (scope, root, e) => {
    const name = e.platform === 'win32' ? 'PreToolUse.ps1' : 'PreToolUse';
    return scope === 'workspace' ? path.join(root, '.clinerules', 'hooks', name) : path.join(e.home, 'Documents', 'Cline', 'Hooks', name);
  },
  timeoutNote: 'Cline documents no hook timeout; the hook waits 25 s for you',
  script: (p, e) => e.platform === 'win32'
    ? `${CLINE_MARKER} written by the Blast Radius extension; "Remove protection" deletes this file.\r\n$input | ${hookCommand(p, 'cline', undefined, 'powershell')}\r\nexit $LASTEXITCODE\r\n`
    : `#!/bin/sh\n${CLINE_MARKER} written by the Blast Radius extension; "Remove protection" deletes this file.\nexec ${hookCommand(p, 'cline')}\n`,
};

export const SPECS: Readonly<Record<AgentId, AgentSpec>> = {
  claude: claudeSpec,
  copilot: copilotSpec,
  cursor: cursorSpec,
  gemini: geminiSpec,
  codex: codexSpec,
  windsurf: windsurfSpec,
  cline: clineSpec,
};

export function isAgentId(s: string): s is AgentId {
  return (AGENT_IDS as readonly string[]).includes(s);
}
