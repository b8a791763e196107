/**
 * "Align Copilot Approvals": entries for a workspace's `.vscode/settings.json` that make GitHub Copilot ask
 * before it runs destructive terminal commands (`chat.tools.terminal.autoApprove`, value `false` = always
 * ask) and before it edits sensitive files without review (`chat.tools.edits.autoApprove`, glob → `false`),
 * including Blast Radius's own hook and rule files. These only force Copilot's own confirmation: Bypass
 * Approvals and Autopilot ignore them (agent-integrations.md §2b); the hooks are what still stops those.
 *
 * Adds only keys that are missing: a key the person set (to anything) stays as it is. Comment-preserving
 * text edits; editor-free.
 */
import { addProperty, nodeValue, parseRoot } from './jsonc';

export const TERMINAL_SETTING = 'chat.tools.terminal.autoApprove';
export const EDITS_SETTING = 'chat.tools.edits.autoApprove';

/** Command rules: a plain key is a command name (each sub-command is matched), `/…/` a regular expression. */
export const TERMINAL_RULES: Readonly<Record<string, unknown>> = {
  rm: false,
  rmdir: false,
  shred: false,
  dd: false,
  mkfs: false,
  'Remove-Item': false,
  '/^git\\s+push\\b.*\\s(--force|--force-with-lease|-f)\\b/': false,
  '/^git\\s+(reset\\s+--hard|clean\\s+-\\w*f|filter-branch|filter-repo|reflog\\s+expire|branch\\s+-D|checkout\\s+--\\s)/': false,
  '/^(terraform|tofu)\\s+(destroy|apply)\\b/': false,
  '/^(kubectl|helm)\\s+(delete|uninstall|drain)\\b/': false,
  '/^(psql|mysql|sqlite3|mongosh|redis-cli)\\b/': false,
  '/\\b(DROP|TRUNCATE)\\s+(TABLE|DATABASE|SCHEMA)\\b|\\bDELETE\\s+FROM\\b/i': { approve: false, matchCommandLine: true },
  '/\\b(prisma\\s+(migrate\\s+reset|db\\s+push)|drizzle-kit\\s+push|rails\\s+db:(drop|reset)|manage\\.py\\s+flush)\\b/': { approve: false, matchCommandLine: true },
  '/\\bcurl\\b.*\\s-X\\s*(DELETE|PUT|PATCH)\\b/i': { approve: false, matchCommandLine: true },
};

/** Files whose edits always need Copilot's review: secrets, deploy config, agent and Blast Radius config. */
export const EDIT_RULES: Readonly<Record<string, boolean>> = {
  '**/.env': false,
  '**/.env.*': false,
  '**/*.pem': false,
  '**/*.key': false,
  '**/secrets/**': false,
  '**/*.tfstate': false,
  '**/*.tfvars': false,
  '**/migrations/**': false,
  '.github/workflows/**': false,
  '.github/hooks/**': false,
  '.claude/**': false,
  '.codex/**': false,
  '.gemini/**': false,
  '.cursor/**': false,
  '.windsurf/**': false,
  '.clinerules/**': false,
  '.vscode/settings.json': false,
  '.blastradius.json': false,
};

export interface AlignResult {
  text: string;
  changed: boolean;
  /** `setting: key` for each entry added. */
  added: string[];
  /** `setting: key` for entries the person already set to something else (left alone). */
  kept: string[];
}

function existing(text: string, setting: string): Record<string, unknown> {
  const root = nodeValue(parseRoot(text, '.vscode/settings.json')) as Record<string, unknown>;
  const v = root[setting];
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

export function alignCopilotApprovals(before: string | undefined): AlignResult {
  let text = before === undefined || before.trim() === '' ? '{}\n' : before;
  const added: string[] = [];
  const kept: string[] = [];
  for (const [setting, rules] of [[TERMINAL_SETTING, TERMINAL_RULES], [EDITS_SETTING, EDIT_RULES]] as const) {
    const have = existing(text, setting);
    for (const [key, value] of Object.entries(rules)) {
      if (key in have) {
        if (JSON.stringify(have[key]) !== JSON.stringify(value)) kept.push(`${setting}: ${key}`);
        continue;
      }
      text = addProperty(text, [setting], key, value, '.vscode/settings.json');
      added.push(`${setting}: ${key}`);
    }
  }
  const changed = added.length > 0;
  return { text: changed ? text : before ?? text, changed, added, kept };
}

export const APPROVALS_CAVEAT =
  'These settings only make Copilot ask in its own confirmation UI. Copilot\'s Bypass Approvals permission and Autopilot mode '
  + 'ignore them and approve everything; there, only the agent hooks written by "Protect This Workspace" still stop destructive actions.';
