/**
 * What some agents need besides the hook file before they run it (real-agents-testing.md):
 * - Gemini CLI loads project hooks only in a trusted folder (`~/.gemini/trustedFolders.json`).
 * - Codex loads `.codex/hooks.json` only in a trusted project (`[projects."<dir>"] trust_level = "trusted"`
 *   in `$CODEX_HOME/config.toml`), and runs a hook only once its hash is trusted
 *   (`[hooks.state."<key>"] trusted_hash = "sha256:…"`); the key and hash come from `codex app-server`
 *   (`hooks/list`), and the hash changes whenever the entry changes.
 * - Copilot CLI loads `.github/hooks` only in trusted folders; a user-level `~/.copilot/hooks/*.json`
 *   loads without (written with the same config.ts code, scope `user`).
 * These are trust decisions about the person's own agents, so the extension offers them as steps with a
 * button and never takes them silently. Pure text functions plus one process call. Editor-free.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { isOurCommand } from './command';
import { addProperty, arrayAt, parseRoot, nodeValue } from './jsonc';

// ---------- Gemini ----------

export function geminiTrustFile(home: string): string {
  return path.join(home, '.gemini', 'trustedFolders.json');
}

/** True when `folder` is trusted by an entry for itself or an ancestor (TRUST_FOLDER) or its parent (TRUST_PARENT). */
export function isGeminiTrusted(text: string | undefined, folder: string): boolean {
  if (!text) return false;
  let map: Record<string, unknown>;
  try {
    map = nodeValue(parseRoot(text)) as Record<string, unknown>;
  } catch {
    return false;
  }
  for (let dir = path.resolve(folder); ; dir = path.dirname(dir)) {
    const v = map[dir];
    if (v === 'DO_NOT_TRUST') return false;
    if (v === 'TRUST_FOLDER') return true;
    // TRUST_PARENT on a folder trusts the folder above it (and everything in it).
    if (Object.entries(map).some(([k, val]) => val === 'TRUST_PARENT' && path.dirname(k) === dir)) return true;
    if (path.dirname(dir) === dir) return false;
  }
}

/** trustedFolders.json with `folder` trusted; unchanged when an entry for it exists already. */
export function trustGeminiFolder(text: string | undefined, folder: string): string {
  return addProperty(text && text.trim() ? text : '{}\n', [], path.resolve(folder), 'TRUST_FOLDER', 'trustedFolders.json');
}

// ---------- Codex ----------

export function codexHome(env: NodeJS.ProcessEnv, home: string): string {
  return env.CODEX_HOME || path.join(home, '.codex');
}

/** A TOML basic string. */
export function tomlString(s: string): string {
  // eslint-disable-next-line no-control-regex
  return `"${s.replace(/[\\"]/g, '\\$&').replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The body of the `[header]` table (up to the next table header), or undefined. */
function tableBody(toml: string, header: string): { start: number; end: number } | undefined {
  const re = new RegExp(`^[ \\t]*\\[${escapeRe(header)}\\][ \\t]*(#.*)?$`, 'm');
  const m = re.exec(toml);
  if (!m) return undefined;
  const start = m.index + m[0].length;
  const next = /^[ \t]*\[/m.exec(toml.slice(start));
  return { start, end: next ? start + next.index : toml.length };
}

/**
 * Sets `key = value` inside table `[header]`, creating the table at the end when missing. Refuses (throws)
 * when the table's name appears in any other form (dotted keys, inline tables): a duplicate key would stop
 * Codex from starting, so such a file is left to the person.
 */
export function setTomlKey(toml: string, header: string, key: string, value: string): string {
  const body = tableBody(toml, header);
  const line = `${key} = ${value}`;
  if (!body) {
    const quotedName = header.slice(header.indexOf('"'));
    if (quotedName.startsWith('"') && toml.includes(quotedName)) {
      throw new Error(`config.toml mentions ${quotedName} in a form Blast Radius does not edit; add [${header}] ${line} yourself`);
    }
    const sep = toml === '' || toml.endsWith('\n\n') ? '' : toml.endsWith('\n') ? '\n' : '\n\n';
    return `${toml}${sep}[${header}]\n${line}\n`;
  }
  const section = toml.slice(body.start, body.end);
  const keyRe = new RegExp(`^([ \\t]*)${escapeRe(key)}[ \\t]*=.*$`, 'm');
  const replaced = keyRe.test(section) ? section.replace(keyRe, `$1${line}`) : `\n${line}${section}`;
  return toml.slice(0, body.start) + replaced + toml.slice(body.end);
}

export function codexProjectHeader(folder: string): string {
  return `projects.${tomlString(path.resolve(folder))}`;
}

export function isCodexProjectTrusted(toml: string | undefined, folder: string): boolean {
  if (!toml) return false;
  const body = tableBody(toml, codexProjectHeader(folder));
  return !!body && /^[ \t]*trust_level[ \t]*=[ \t]*["']trusted["']/m.test(toml.slice(body.start, body.end));
}

export function trustCodexProject(toml: string | undefined, folder: string): string {
  return setTomlKey(toml ?? '', codexProjectHeader(folder), 'trust_level', '"trusted"');
}

export interface CodexHook {
  key: string;
  currentHash: string;
  trustStatus?: string;
  source?: string;
  /** False when the person turned the hook off in Codex (/hooks). */
  enabled?: boolean;
}

/** Our hooks among those `codex app-server` lists: the key names a hooks.json group that runs our command. */
export function ourCodexHooks(hooks: readonly CodexHook[], readFile: (file: string) => string | undefined): CodexHook[] {
  return hooks.filter((h) => {
    const m = /^(.*):pre_tool_use:(\d+):(\d+)$/.exec(h.key);
    if (!m) return false;
    const text = readFile(m[1]!);
    if (!text) return false;
    try {
      const group = arrayAt(text, ['hooks', 'PreToolUse'])[Number(m[2])] as { hooks?: { command?: unknown }[] } | undefined;
      return isOurCommand(group?.hooks?.[Number(m[3])]?.command);
    } catch {
      return false;
    }
  });
}

export function trustCodexHooks(toml: string | undefined, hooks: readonly CodexHook[]): string {
  let out = toml ?? '';
  for (const h of hooks) out = setTomlKey(out, `hooks.state.${tomlString(h.key)}`, 'trusted_hash', tomlString(h.currentHash));
  return out;
}

/** Every `{key, currentHash}` object anywhere in a JSON value. */
function collectHooks(value: unknown, out: CodexHook[] = []): CodexHook[] {
  if (Array.isArray(value)) value.forEach((v) => collectHooks(v, out));
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.key === 'string' && typeof o.currentHash === 'string') {
      out.push({
        key: o.key,
        currentHash: o.currentHash,
        trustStatus: typeof o.trustStatus === 'string' ? o.trustStatus : undefined,
        source: typeof o.source === 'string' ? o.source : undefined,
        enabled: typeof o.enabled === 'boolean' ? o.enabled : undefined,
      });
    } else Object.values(o).forEach((v) => collectHooks(v, out));
  }
  return out;
}

/**
 * Asks `codex app-server` (JSON-RPC, one JSON per line on stdio) which hooks apply to `cwd` and their
 * current hashes. Protocol as observed with @openai/codex 0.169 (real-agents-testing.md §3).
 */
export function listCodexHooks(codex: string, cwd: string, env: NodeJS.ProcessEnv, timeoutMs = 15_000): Promise<CodexHook[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(codex, ['app-server'], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let buf = '';
    let stderr = '';
    let done = false;
    const timer = setTimeout(() => finish(new Error(`codex app-server did not answer within ${timeoutMs / 1000} s`)), timeoutMs);
    function finish(err: Error | undefined, hooks?: CodexHook[]): void {
      if (done) return;
      done = true;
      clearTimeout(timer);
      child.kill();
      if (err) reject(err);
      else resolve(hooks ?? []);
    }
    child.on('error', (e) => finish(e));
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('exit', (code) => finish(new Error(`codex app-server exited (${code}): ${stderr.trim().slice(0, 500)}`)));
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        let msg: { id?: number; result?: unknown; error?: { message?: string } };
        try {
          msg = JSON.parse(line) as typeof msg;
        } catch {
          continue;
        }
        if (msg.id === 0) {
          child.stdin.write(`${JSON.stringify({ method: 'initialized' })}\n`);
          child.stdin.write(`${JSON.stringify({ id: 1, method: 'hooks/list', params: { cwds: [cwd] } })}\n`);
        } else if (msg.id === 1) {
          if (msg.error) finish(new Error(`codex hooks/list: ${msg.error.message ?? 'error'}`));
          else finish(undefined, collectHooks(msg.result));
        }
      }
    });
    child.stdin.write(`${JSON.stringify({ id: 0, method: 'initialize', params: { clientInfo: { name: 'blast-radius', version: '1' } } })}\n`);
  });
}
