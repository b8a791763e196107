/**
 * Team rule files, editor-free: what the extension, the CLI and hooks use.
 *
 * - `loadEffectiveConfig({ cwd, ... })`: the EngineConfig for actions in a folder, plus diagnostics (file:line:column),
 *   the files that took part, and the entries not in force (loosening awaiting approval).
 * - `RuleFiles`: the same with a cache that survives between calls, for the editor and `check --batch`: `forFolder()`,
 *   `reload(path?)` from a file watcher, `approve(file, hash)`, `pending(cwd)`.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import type { Rule } from '../rule';
import { allRules } from '../rules';
import type { ApprovalStore } from './approvals';
import { approvalsPath, FileApprovalStore } from './approvals';
import type { EffectiveConfig, IgnoredEntry, UserSource } from './compose';
import { loadEffectiveConfig, RuleFileCache } from './compose';

export { loadEffectiveConfig, RuleFileCache, RULE_FILE_NAME } from './compose';
export type { EffectiveConfig, IgnoredEntry, IgnoredKind, LoadOptions, RuleFileStatus, UserSource, FileRole } from './compose';
export type { Diagnostic } from './rule-file';
export { formatDiagnostic, parseRuleFile } from './rule-file';
export { approvalsPath, FileApprovalStore, MemoryApprovalStore } from './approvals';
export type { ApprovalStore } from './approvals';
export { isProtected } from './protect';
export { PRESET_NAMES, BUILTIN_PROTECT } from './presets';

/** The person's own rule file for the CLI and hooks: `~/.blast-radius/config.json` (same format as .blastradius.json). */
export function userConfigPath(home: string = os.homedir()): string {
  return path.join(home, '.blast-radius', 'config.json');
}

export interface RuleFilesOptions {
  home?: string;
  /** The person's own settings; default: their config file under `home`. The editor adds its settings after it. */
  user?: readonly UserSource[];
  trustRules?: boolean;
  approvals?: ApprovalStore;
  rules?: readonly Rule[];
}

/** Rule files for a session (an editor window, one CLI run): caches parsed files until they change or `reload()`. */
export class RuleFiles {
  readonly approvals: ApprovalStore;
  private readonly cache: RuleFileCache;
  private readonly rules: readonly Rule[];
  private user: readonly UserSource[];

  constructor(private readonly options: RuleFilesOptions = {}) {
    const home = options.home ?? os.homedir();
    this.rules = options.rules ?? allRules;
    this.cache = new RuleFileCache(this.rules.map((r) => r.meta.id));
    this.approvals = options.approvals ?? new FileApprovalStore(approvalsPath(home));
    this.user = options.user ?? [{ path: userConfigPath(home) }];
  }

  forFolder(cwd: string, workspaceRoot?: string): EffectiveConfig {
    return loadEffectiveConfig({ cwd, workspaceRoot, user: this.user, trustRules: this.options.trustRules, approvals: this.approvals, rules: this.rules, cache: this.cache });
  }

  /** Entries of the rule files for `cwd` that wait for the person's approval, grouped by file with the hash to approve. */
  pending(cwd: string, workspaceRoot?: string): { file: string; hash: string; entries: IgnoredEntry[] }[] {
    const groups = new Map<string, { file: string; hash: string; entries: IgnoredEntry[] }>();
    for (const e of this.forFolder(cwd, workspaceRoot).ignored) {
      if (e.kind !== 'needs-approval') continue;
      const g = groups.get(e.file) ?? { file: e.file, hash: e.hash, entries: [] };
      g.entries.push(e);
      groups.set(e.file, g);
    }
    return [...groups.values()];
  }

  /** Approve one file's exact content (the hash shown with its pending entries). */
  approve(file: string, hash: string): void {
    this.approvals.approve(file, hash);
  }

  /** A rule file (or the person's settings) changed: forget cached reads (one path, or all). Last good versions stay. */
  reload(changed?: string): void {
    this.cache.invalidate(changed);
    if (this.approvals instanceof FileApprovalStore) this.approvals.reload();
  }

  /** The editor's settings changed: the person's own settings, lowest first. */
  setUserSources(user: readonly UserSource[]): void {
    this.user = user;
  }
}
