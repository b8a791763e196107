/**
 * How to run each real agent CLI (pinned in package.json devDependencies) non-interactively against a fake
 * model: its binary, environment, flags per mode, the agent's own model-provider setup in the throwaway
 * home, and how its model names the shell and file-write tools. Proven recipe:
 * /work/shared/docs/real-agents-testing.md.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Protocol, ScriptedCall } from './fake-models';
import { REPO, type Sandbox } from './sandbox';

export type AgentName = 'claude' | 'copilot' | 'gemini' | 'codex';
export const AGENTS: readonly AgentName[] = ['claude', 'copilot', 'gemini', 'codex'];

/**
 * `default`: the agent's normal non-interactive mode. `permissive`: its most permissive mode (everything
 * auto-approved), where only the hook stands between the model and the command.
 */
export type Mode = 'default' | 'permissive';

export interface AgentDef {
  name: AgentName;
  /** npm package pinned in package.json devDependencies. */
  pkg: string;
  protocol: Protocol;
  bin: string;
  /** The agent's own setup a user has before Blast Radius: model provider, auth, no telemetry. */
  userSetup(s: Sandbox, modelUrl: string): void;
  env(s: Sandbox, modelUrl: string, mode: Mode): Record<string, string>;
  /** `extra` goes before the prompt (Codex takes the prompt last). */
  args(prompt: string, mode: Mode, extra: string[]): string[];
  shell(command: string): ScriptedCall;
  write(file: string, content: string): ScriptedCall;
  /** An apply_patch envelope (`*** Begin Patch` …), for agents that offer a patch tool (Codex). */
  patch?(text: string): ScriptedCall;
}

export const BIN_DIR = path.join(REPO, 'node_modules', '.bin');
/** PATH inside every run: this node first (agents and hooks need `node`), then the system. */
export const RUN_PATH = [path.dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'].join(':');

function base(s: Sandbox): Record<string, string> {
  return { PATH: RUN_PATH, HOME: s.home, TERM: 'dumb', LANG: 'C.UTF-8', BLAST_RADIUS_HOOK_LOG: s.hookLog };
}

function writeFile(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

export const claude: AgentDef = {
  name: 'claude',
  pkg: '@anthropic-ai/claude-code',
  protocol: 'anthropic',
  bin: path.join(BIN_DIR, 'claude'),
  userSetup: () => {},
  env: (s, url, mode) => ({
    ...base(s),
    ANTHROPIC_BASE_URL: url,
    ANTHROPIC_API_KEY: 'sk-ant-fake-key',
    DISABLE_TELEMETRY: '1',
    DISABLE_AUTOUPDATER: '1',
    DISABLE_ERROR_REPORTING: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    // Bypass mode refuses to start as root unless it is told it runs in a sandbox (CI containers are root).
    ...(mode === 'permissive' ? { IS_SANDBOX: '1' } : {}),
  }),
  args: (prompt, mode, extra) => ['-p', prompt, '--output-format', 'json', ...(mode === 'permissive' ? ['--dangerously-skip-permissions'] : []), ...extra],
  shell: (command) => ({ tool: 'Bash', input: { command, description: 'Run the command' } }),
  write: (file, content) => ({ tool: 'Write', input: { file_path: file, content } }),
};

export const copilot: AgentDef = {
  name: 'copilot',
  pkg: '@github/copilot',
  protocol: 'anthropic',
  bin: path.join(BIN_DIR, 'copilot'),
  userSetup: () => {},
  env: (s, url, mode) => ({
    ...base(s),
    COPILOT_OFFLINE: 'true',
    COPILOT_AUTO_UPDATE: 'false',
    COPILOT_PROVIDER_BASE_URL: url,
    COPILOT_PROVIDER_TYPE: 'anthropic',
    COPILOT_PROVIDER_API_KEY: 'sk-fake',
    COPILOT_MODEL: 'claude-sonnet-4.5',
    // Exactly "true" also trusts the cwd (loads its .github/hooks); other truthy values only approve tools.
    ...(mode === 'permissive' ? { COPILOT_ALLOW_ALL: 'true' } : {}),
  }),
  args: (prompt, mode, extra) => ['-p', prompt, ...(mode === 'permissive' ? ['--allow-all-tools'] : []), ...extra],
  shell: (command) => ({ tool: 'bash', input: { command, description: 'Run the command' } }),
  write: (file, content) => ({ tool: 'create', input: { path: file, file_text: content } }),
};

export const gemini: AgentDef = {
  name: 'gemini',
  pkg: '@google/gemini-cli',
  protocol: 'gemini',
  bin: path.join(BIN_DIR, 'gemini'),
  userSetup: (s) => {
    // With a base URL and no selectedType the CLI picks a gateway auth and exits 41.
    writeFile(path.join(s.home, '.gemini', 'settings.json'), `${JSON.stringify({
      security: { auth: { selectedType: 'gemini-api-key' } },
      privacy: { usageStatisticsEnabled: false },
      general: { enableAutoUpdate: false, enableAutoUpdateNotification: false },
      telemetry: { enabled: false },
    }, null, 2)}\n`);
  },
  env: (s, url) => ({ ...base(s), GEMINI_API_KEY: 'fake-gemini-key', GOOGLE_GEMINI_BASE_URL: url }),
  // In its default -p mode Gemini does not offer the shell or write tools to the model at all; allowing
  // them by name is the narrowest mode in which the model can call them.
  args: (prompt, mode, extra) => ['-p', prompt, '--output-format', 'json', ...(mode === 'permissive' ? ['--yolo'] : ['--allowed-tools', 'run_shell_command,write_file']), ...extra],
  shell: (command) => ({ tool: 'run_shell_command', input: { command, description: 'Run the command' } }),
  write: (file, content) => ({ tool: 'write_file', input: { file_path: file, content } }),
};

/** An unknown slug (`fake-model`) gets no apply_patch tool; this one gets it as a custom (freeform) tool. */
export const CODEX_MODEL = 'gpt-5.5';

export const codex: AgentDef = {
  name: 'codex',
  pkg: '@openai/codex',
  protocol: 'openai',
  bin: path.join(BIN_DIR, 'codex'),
  userSetup: (s, url) => {
    writeFile(path.join(s.home, '.codex', 'config.toml'), [
      // A real slug: Codex offers apply_patch (a freeform tool) only to models its catalog says take it.
      `model = "${CODEX_MODEL}"`,
      'model_provider = "fake"',
      'check_for_update_on_startup = false',
      '',
      '[model_providers.fake]',
      'name = "Fake local"',
      `base_url = "${url}/v1"`,
      'wire_api = "responses"',
      'env_key = "FAKE_OPENAI_API_KEY"',
      'request_max_retries = 0',
      'stream_max_retries = 0',
      '',
      '[analytics]',
      'enabled = false',
      '',
    ].join('\n'));
  },
  env: (s) => ({ ...base(s), CODEX_HOME: path.join(s.home, '.codex'), FAKE_OPENAI_API_KEY: 'sk-fake' }),
  args: (prompt, mode, extra) => ['exec', '--skip-git-repo-check', '--json', ...(mode === 'permissive' ? ['--dangerously-bypass-approvals-and-sandbox'] : []), ...extra, prompt],
  // Codex's own guard refuses `rm -rf`/`rm -f` before any hook; callers use `rm -r`.
  shell: (command) => ({ tool: 'exec_command', input: { cmd: command } }),
  // A write goes through the shell (the env-write payload fixtures are shell calls); patches: `patch`.
  write: (file, content) => ({ tool: 'exec_command', input: { cmd: `printf '%s\\n' '${content}' > ${file}` } }),
  patch: (text) => ({ tool: 'apply_patch', input: { input: text } }),
};

export const DEFS: Readonly<Record<AgentName, AgentDef>> = { claude, copilot, gemini, codex };
