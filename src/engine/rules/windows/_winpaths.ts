/**
 * How wide a Windows deletion target is: drive roots, user profiles, system folders, UNC shares, registry hives,
 * paths built from variables that may be empty. Relative paths are judged like POSIX ones (fs/_paths).
 */
import type { Decision } from '../../types';
import { classifyTarget, describeWidth, REGENERABLE } from '../fs/_paths';

export interface WinTarget {
  decision: Decision;
  what: string;
}

const HOME_VARS = /^(\$env:(userprofile|homepath|home)|\$home|%userprofile%|%homepath%|~)$/i;
const SYSTEM_VARS = /^(\$env:(windir|systemroot|programfiles|programfiles\(x86\)|programdata|programw6432|commonprogramfiles|systemdrive|allusersprofile|public|appdata|localappdata)|%(windir|systemroot|programfiles|programdata|systemdrive|appdata|localappdata|allusersprofile|public)%)$/i;
const TEMP_VARS = /^(\$env:(temp|tmp)|%(temp|tmp)%|\$env:localappdata[\\/]temp|%localappdata%[\\/]temp)[\\/]./i;
const SYSTEM_DIRS = /^[a-z]:\\(windows|program files|program files \(x86\)|programdata|users|recovery|boot|system volume information|\$recycle\.bin|perflogs)(\\(system32|syswow64|winsxs))?$/i;
const DISPOSABLE_ROOTS = /^[a-z]:\\(temp|tmp|windows\\temp)\\./i;

function norm(p: string): string {
  return p.replace(/^["']|["']$/g, '').replace(/\//g, '\\').replace(/\\+$/, (m) => (m.length ? '\\' : ''));
}

/** Judges one target as written. `cwd` may be a Windows or a POSIX path. */
export function classifyWindowsTarget(raw: string, cwd: string | undefined, home: string, workspaceRoot: string | undefined): WinTarget {
  const p = norm(raw);
  const lower = p.toLowerCase();
  const stripped = lower.replace(/\\(\*|\*\.\*)$/, '').replace(/\\$/, '');
  // Registry, certificate store and other providers.
  if (/^(hklm|hkcu|hkcr|hku|hkcc|registry)::?/i.test(p)) {
    const depth = p.replace(/^[^:]+::?\\?/, '').split('\\').filter(Boolean).length;
    return depth <= 1 ? { decision: 'block', what: 'a whole registry hive' } : { decision: 'ask', what: 'a registry key' };
  }
  if (/^(env|variable|function|alias):/i.test(p)) return { decision: 'allow', what: 'a session item' };
  if (/^cert:/i.test(p)) return { decision: 'ask', what: 'certificates' };
  // Drive roots and UNC shares.
  if (/^[a-z]:\\?$/.test(stripped) || stripped === '' || stripped === '\\' || /^[a-z]:\\?\*?(\.\*)?$/.test(lower)) return { decision: 'block', what: 'a whole drive' };
  if (/^\\\\[^\\]+\\[^\\]+$/.test(stripped) || /^\\\\[^\\]+$/.test(stripped)) return { decision: 'block', what: 'a whole network share' };
  // Variables.
  if (HOME_VARS.test(stripped) || /^(\$env:userprofile|\$home|%userprofile%|~)\\[^\\]+$/i.test(stripped)) return { decision: 'block', what: 'your user profile' };
  if (SYSTEM_VARS.test(stripped)) return { decision: 'block', what: 'a system folder' };
  if (TEMP_VARS.test(p) || DISPOSABLE_ROOTS.test(p)) return { decision: 'allow', what: 'a temporary folder' };
  if (/^(\$[a-z_][\w:]*|\$\{[^}]+\}|%[a-z_]\w*%|\$\([^)]*\))\\?(\*|\*\.\*)?$/i.test(stripped + (lower.endsWith('*') ? '\\*' : ''))) {
    return { decision: 'block', what: 'a path that becomes the current drive\'s root or folder if the variable is empty' };
  }
  if (/[$%]/.test(p)) {
    const last = p.split('\\').pop() ?? '';
    if (REGENERABLE.has(last.toLowerCase())) return { decision: 'allow', what: 'a build or cache folder' };
    return { decision: 'ask', what: 'a target that is not known until the command runs' };
  }
  // Absolute drive paths.
  const abs = /^[a-z]:\\(.*)$/i.exec(p);
  if (abs) {
    if (SYSTEM_DIRS.test(stripped)) return { decision: 'block', what: 'a system folder' };
    const segs = abs[1]!.split('\\').filter((s) => s && s !== '*' && s !== '*.*');
    if (/^users$/i.test(segs[0] ?? '') && segs.length <= 3) return { decision: 'block', what: segs.length <= 2 ? 'a user profile' : 'a folder directly in a user profile' };
    if (/^windows$/i.test(segs[0] ?? '')) return { decision: 'block', what: 'a system folder' };
    const last = segs[segs.length - 1] ?? '';
    if (REGENERABLE.has(last.toLowerCase()) || REGENERABLE.has(last)) return { decision: 'allow', what: 'a build or cache folder' };
    if (/^\.git$/i.test(last)) return { decision: 'block', what: "a repository's history (.git)" };
    if (segs.length <= 1) return { decision: 'block', what: 'a top-level folder of the drive' };
    return { decision: 'ask', what: 'a folder outside the project' };
  }
  if (/^\\\\/.test(p)) return { decision: 'ask', what: 'a folder on a network share' };
  if (/^\\/.test(p)) return { decision: 'block', what: 'a folder at the root of the current drive' };
  // Relative: judge like a POSIX path against the working folder.
  const posix = p.replace(/\\/g, '/').replace(/^\.\//, './');
  const winCwd = cwd !== undefined && /^[a-z]:/i.test(cwd);
  if (winCwd) {
    if (/^(\.|\.\/\*|\*|\*\.\*|\.\/?)$/.test(posix) || posix === '..' || posix.startsWith('../')) return { decision: 'block', what: 'the whole working folder (or a parent of it)' };
    const segs = posix.split('/').filter((s) => s && s !== '.');
    const last = segs[segs.length - 1] ?? '';
    if (last === '.git') return { decision: 'block', what: "a repository's history (.git)" };
    if (REGENERABLE.has(last)) return { decision: 'allow', what: 'a build or cache folder' };
    return segs.length === 1 && !/\.[a-z0-9]{1,8}$/i.test(last) ? { decision: 'ask', what: 'a top-level folder of the project' } : { decision: 'allow', what: 'a narrow target' };
  }
  const info = classifyTarget(posix === '*.*' ? '*' : posix.replace(/\/\*\.\*$/, '/*'), cwd, home, workspaceRoot);
  const decision: Record<string, Decision> = {
    root: 'block', home: 'block', system: 'block', 'workspace-root': 'block', 'workspace-ancestor': 'block', 'git-dir': 'block',
    'unset-variable': 'block', 'home-child': 'block', unknown: 'ask', 'outside-workspace': 'ask', 'workspace-top': 'ask', narrow: 'allow',
  };
  return { decision: decision[info.width.kind] ?? 'ask', what: describeWidth(info.width) };
}

/**
 * cmd.exe and PowerShell split an unquoted path with spaces into several words: `rd /s /q C:\Program Files\App`
 * deletes `C:\Program` and `Files\App`. True when the targets look like the pieces of one such path.
 */
export function splitPathWithSpaces(targets: readonly string[]): boolean {
  for (let i = 0; i + 1 < targets.length; i++) {
    const a = targets[i]!;
    const b = targets[i + 1]!;
    if (/^([a-z]:\\|\\\\|\.\\|\$env:|%\w+%\\)/i.test(a) && !/^([a-z]:|\\|\.|\$|%|-|\/)/i.test(b)) return true;
  }
  return false;
}
