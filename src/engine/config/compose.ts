/**
 * Finding, reading and composing rule files into the EngineConfig for one folder.
 *
 * Layers, in order: built-in rules and protected files, the person's own settings (their config file and, in the
 * editor, their settings), then every `.blastradius.json` from the repository root down to the folder (each with the
 * files it extends). The first two are the floor. A repository file may add and tighten freely; an entry that
 * loosens (see `classify` below) applies only when that file's exact content is approved by the person, or with
 * `--trust-rules`; and never below what the person set in their own settings. Ignored entries are listed with the
 * reason, so the editor can show them and offer the approval.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Rule } from '../rule';
import type { Decision } from '../types';
import { decisionRank } from '../types';
import { allRules } from '../rules';
import { findWorkspaceRoot } from '../context/workspace-root';
import type { CommandRuleConfig, EngineConfig, ProductionConfig, RuleSetting } from './types';
import type { CommandSpec, Diagnostic, Located, Location, RuleFile, RuleFileData } from './rule-file';
import { parseRuleFile, PRODUCTION_KEYS } from './rule-file';
import { BUILTIN_PROTECT, isPreset, presetRules } from './presets';
import type { ApprovalStore } from './approvals';
import { compileCommandGlob, compileCommandRegex } from './matchers';

export const RULE_FILE_NAME = '.blastradius.json';
/** Extended files deeper than this are refused (and cycles are reported). */
const MAX_EXTENDS_DEPTH = 8;

/** Reads rule files, re-reading one only when its size or modification time changed; keeps each file's last good version. */
export class RuleFileCache {
  private readonly files = new Map<string, { stamp: string; file: RuleFile }>();
  private readonly lastGood = new Map<string, RuleFile>();

  constructor(private readonly ruleIds: readonly string[]) {}

  /** The file at `file`, or undefined when there is none. */
  read(file: string): RuleFile | undefined {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(file, { throwIfNoEntry: false });
    } catch {
      stat = undefined;
    }
    if (!stat || !stat.isFile()) {
      this.files.delete(file);
      return undefined;
    }
    const stamp = `${stat.size}:${stat.mtimeMs}:${stat.ino}`;
    const cached = this.files.get(file);
    if (cached && cached.stamp === stamp) return cached.file;
    let parsed: RuleFile;
    try {
      parsed = parseRuleFile(file, fs.readFileSync(file, 'utf8'), this.ruleIds);
    } catch (e) {
      parsed = { path: file, hash: '', diagnostics: [{ file, line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'error', message: `cannot read the file: ${(e as Error).message}` }] };
    }
    this.files.set(file, { stamp, file: parsed });
    if (parsed.data) this.lastGood.set(file, parsed);
    return parsed;
  }

  /** The last version of `file` that had no errors, read by this cache. */
  lastGoodOf(file: string): RuleFile | undefined {
    return this.lastGood.get(file);
  }

  /** Forget what was read (all files, or one), keeping the last good versions. For file watchers. */
  invalidate(file?: string): void {
    if (file === undefined) this.files.clear();
    else this.files.delete(path.resolve(file));
  }
}

/** The person's own settings, from a file or handed over by the editor (already parsed or as text). */
export type UserSource = { path: string } | { name: string; text: string } | { name: string; value: unknown };

export interface LoadOptions {
  /** Folder the action runs in. */
  cwd: string;
  /** Repository or workspace root; rule files are looked for from `cwd` up to here. Default: nearest folder with .git. */
  workspaceRoot?: string;
  /** The person's own settings, lowest first (a later one overrides an earlier one). */
  user?: readonly UserSource[];
  /** Apply loosening entries of every repository file without approval (`--trust-rules`, for CI). */
  trustRules?: boolean;
  approvals?: ApprovalStore;
  rules?: readonly Rule[];
  cache?: RuleFileCache;
}

export type IgnoredKind = 'needs-approval' | 'below-your-setting';

/** An entry of a rule file that is not in force, and why. */
export interface IgnoredEntry {
  file: string;
  line: number;
  column: number;
  /** The entry as written: `rules["git/force-push"]: "off"`. */
  entry: string;
  reason: string;
  kind: IgnoredKind;
  /** sha256 of the file's content: what `approve(file, hash)` takes for `needs-approval` entries. */
  hash: string;
}

export type FileRole = 'repository' | 'extended' | 'user';

export interface RuleFileStatus {
  path: string;
  role: FileRole;
  hash: string;
  /** `in-force`; `last-good` (the file has errors now, an earlier version read by this session applies); `not-in-force` (errors, nothing earlier). */
  state: 'in-force' | 'last-good' | 'not-in-force';
  /** For repository files: approved by the person (or trusted by --trust-rules). */
  trusted: boolean;
  /** How many of its entries loosen protection. */
  loosening: number;
}

export interface EffectiveConfig {
  config: EngineConfig;
  workspaceRoot: string;
  /** Set when the person's settings or a rule file set it. */
  promptTimeoutSeconds?: number;
  /** Every file that took part, nearest repository file first, then extended files, then the person's. */
  files: RuleFileStatus[];
  /** Problems in any of those files, with file:line:column. */
  diagnostics: Diagnostic[];
  /** Entries not in force: loosening awaiting approval, or below the person's own setting. (A file with errors is
   * not in force as a whole: see `files` and `diagnostics`.) */
  ignored: IgnoredEntry[];
}

/** One file's entries in the composition (a repository file, a file it extends, or a source of the person's settings). */
interface Unit {
  file: RuleFile;
  data: RuleFileData;
  role: FileRole;
  trusted: boolean;
  /** Folder its relative globs are relative to, as a path relative to the workspace root ('' for the root). */
  baseDir: string;
  /** Rule settings after expanding its presets (its own `rules` override them), each with where it was said. */
  settings: Map<string, Located<RuleSetting>>;
  loosening: number;
}

function settingLevel(setting: RuleSetting, def: Decision): number {
  if (setting === 'off') return 0;
  return decisionRank(setting) < decisionRank(def) ? 1 + decisionRank(setting) : 3 + decisionRank(setting);
}

function levelSetting(level: number): RuleSetting | undefined {
  switch (level) {
    case 0: return 'off';
    case 1: return 'allow';
    case 2: return 'ask';
    case 3: return undefined;
    case 4: return 'ask';
    default: return 'block';
  }
}

/** Level of "no setting": the rule's own decisions, unchanged. */
const DEFAULT_LEVEL = 3;

function describeSetting(id: string, setting: RuleSetting): string {
  return `rules["${id}"]: "${setting}"`;
}

function commandEntry(c: CommandSpec): string {
  return c.match !== undefined ? `commands: { "match": ${JSON.stringify(c.match)}, "decision": "${c.decision}" }` : `commands: { "regex": ${JSON.stringify(c.regex)}, "decision": "${c.decision}" }`;
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** A glob of a rule file, relative to its folder, as a glob relative to the workspace root. */
function rootGlob(glob: string, baseDir: string): string {
  const negated = glob.startsWith('!');
  let g = negated ? glob.slice(1) : glob;
  if (baseDir !== '') {
    if (g.startsWith('/')) g = `${baseDir}${g}`;
    else if (!g.includes('/')) g = `${baseDir}/**/${g}`;
    else g = `${baseDir}/${g.replace(/^\.\//, '')}`;
  } else if (g.startsWith('/')) g = g.slice(1);
  return negated ? `!${g}` : g;
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function locationDiagnostic(at: Location, message: string): Diagnostic {
  return { file: at.file, line: at.line, column: at.column, endLine: at.line, endColumn: at.column, severity: 'error', message };
}

class Composer {
  readonly diagnostics: Diagnostic[] = [];
  readonly ignored: IgnoredEntry[] = [];
  readonly statuses: RuleFileStatus[] = [];
  private readonly ruleById: Map<string, Rule>;
  private readonly seenDiagnostics = new Set<RuleFile>();

  constructor(
    private readonly options: LoadOptions,
    private readonly rules: readonly Rule[],
    private readonly cache: RuleFileCache,
    readonly root: string,
  ) {
    this.ruleById = new Map(rules.map((r) => [r.meta.id, r]));
  }

  private addDiagnostics(file: RuleFile): void {
    if (this.seenDiagnostics.has(file)) return;
    this.seenDiagnostics.add(file);
    this.diagnostics.push(...file.diagnostics);
  }

  /** The version of a file to use: itself when valid, else its last good version (reported either way). */
  private usable(file: RuleFile, role: FileRole): RuleFile | undefined {
    this.addDiagnostics(file);
    if (file.data) return file;
    const last = this.cache.lastGoodOf(file.path);
    this.statuses.push({ path: file.path, role, hash: file.hash, state: last ? 'last-good' : 'not-in-force', trusted: false, loosening: 0 });
    return last;
  }

  /**
   * Units of one file: those of the files it extends (depth first), then its own. `stack` holds the files being
   * expanded, for cycle detection. Returns undefined when the file cannot be used at all.
   */
  unitsOf(file: RuleFile, role: FileRole, trusted: (f: RuleFile) => boolean, baseRoot: string | undefined, stack: string[] = []): Unit[] | undefined {
    const used = this.usable(file, role);
    if (!used?.data) return undefined;
    const data = used.data;
    const units: Unit[] = [];
    const settings = new Map<string, Located<RuleSetting>>();
    for (const ext of data.extends) {
      if (isPreset(ext.value)) {
        for (const [id, setting] of Object.entries(presetRules(ext.value, this.rules))) settings.set(id, { value: setting, at: ext.at });
        continue;
      }
      const target = path.resolve(path.dirname(used.path), ext.value);
      let problem: string | undefined;
      if (baseRoot !== undefined && !isInside(target, baseRoot)) problem = `extends "${ext.value}" points outside the repository (${baseRoot}); only files inside it can be extended`;
      else if (stack.includes(target) || target === used.path) problem = `extends "${ext.value}" makes a cycle (${[...stack, used.path, target].map((p) => path.basename(p)).join(' → ')})`;
      else if (stack.length >= MAX_EXTENDS_DEPTH) problem = `extends "${ext.value}" is nested more than ${MAX_EXTENDS_DEPTH} files deep`;
      const extended = problem ? undefined : this.cache.read(target);
      if (!problem && !extended) problem = `extends "${ext.value}": no such file (${target})`;
      if (problem || !extended) {
        // A file whose base cannot be read is not used: its own entries may rely on the base.
        this.diagnostics.push(locationDiagnostic(ext.at, problem!));
        this.statuses.push({ path: used.path, role, hash: used.hash, state: 'not-in-force', trusted: false, loosening: 0 });
        return undefined;
      }
      const inner = this.unitsOf(extended, 'extended', trusted, baseRoot, [...stack, used.path]);
      if (inner) units.push(...inner);
    }
    for (const r of data.rules) settings.set(r.value.id, { value: r.value.setting, at: r.at });
    const relDir = toPosix(path.relative(this.root, path.dirname(used.path)));
    const baseDir = role === 'user' || relDir.startsWith('..') || path.isAbsolute(relDir) ? '' : relDir;
    units.push({ file: used, data, role, trusted: trusted(used), baseDir, settings, loosening: 0 });
    return units;
  }

  /** Which rule files apply in `cwd`, outermost first. */
  discover(cwd: string): string[] {
    const found: string[] = [];
    let dir = path.resolve(cwd);
    const stopAt = isInside(dir, this.root) ? this.root : dir;
    for (;;) {
      found.push(path.join(dir, RULE_FILE_NAME));
      if (dir === stopAt) break;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    return found.reverse();
  }

  compose(userUnits: Unit[], repoUnits: Unit[]): { config: EngineConfig; promptTimeoutSeconds?: number } {
    // Rules. The person's own settings form the floor; a later source of theirs overrides an earlier one.
    const userSetting = new Map<string, RuleSetting>();
    for (const u of userUnits) for (const [id, s] of u.settings) userSetting.set(id, s.value);
    const applied = new Map<string, number[]>();
    for (const u of repoUnits) {
      for (const [id, s] of u.settings) {
        const rule = this.ruleById.get(id);
        if (!rule) continue;
        const def = rule.meta.decision;
        const mine = userSetting.get(id);
        const floor = mine === undefined ? DEFAULT_LEVEL : settingLevel(mine, def);
        const level = settingLevel(s.value, def);
        if (level >= floor) {
          applied.set(id, [...(applied.get(id) ?? []), level]);
          continue;
        }
        u.loosening++;
        const entry = describeSetting(id, s.value);
        if (mine !== undefined) {
          this.ignore(u, s.at, entry, 'below-your-setting', `your own settings put ${id} at "${mine}"; a rule file cannot lower it`);
        } else if (u.trusted) {
          applied.set(id, [...(applied.get(id) ?? []), level]);
        } else {
          const what = s.value === 'off' ? 'turns it off' : `lowers it to "${s.value}"`;
          this.ignore(u, s.at, entry, 'needs-approval', `${what} (default "${def}"); loosening applies only after you approve this file`);
        }
      }
    }
    const rules: Record<string, RuleSetting> = {};
    for (const rule of this.rules) {
      const id = rule.meta.id;
      const def = rule.meta.decision;
      const mine = userSetting.get(id);
      const floor = mine === undefined ? DEFAULT_LEVEL : settingLevel(mine, def);
      const levels = applied.get(id);
      const level = levels?.length ? Math.max(...levels) : floor;
      if (level === DEFAULT_LEVEL && mine === undefined) continue;
      const setting = level === floor && mine !== undefined ? mine : levelSetting(level);
      if (setting !== undefined) rules[id] = setting;
    }

    // Custom command rules: ask and block always apply; allow from a repository needs approval.
    const commands: CommandRuleConfig[] = [];
    const mine = [...userSetting.keys()];
    for (const u of [...userUnits, ...repoUnits]) {
      for (const c of u.data.commands) {
        const repo = u.role !== 'user';
        if (c.value.decision === 'allow' && repo) {
          u.loosening++;
          if (!u.trusted) {
            this.ignore(u, c.at, commandEntry(c.value), 'needs-approval', 'an "allow" command rule silences the built-in rules for matching commands; it applies only after you approve this file');
            continue;
          }
        }
        commands.push(this.compileCommand(c, u, c.value.decision === 'allow' && repo ? mine : undefined));
      }
    }

    // Protected files, last match wins: built-ins, your removals, approved repository removals, repository
    // additions, your additions. So a repository can add protection but never remove yours.
    const userNeg: string[] = [];
    const userPos: string[] = [];
    const repoNeg: string[] = [];
    const repoPos: string[] = [];
    for (const u of userUnits) for (const g of u.data.protect) (g.value.startsWith('!') ? userNeg : userPos).push(rootGlob(g.value, ''));
    for (const u of repoUnits) {
      for (const g of u.data.protect) {
        if (!g.value.startsWith('!')) {
          repoPos.push(rootGlob(g.value, u.baseDir));
          continue;
        }
        u.loosening++;
        if (u.trusted) repoNeg.push(rootGlob(g.value, u.baseDir));
        else this.ignore(u, g.at, `protect: ${JSON.stringify(g.value)}`, 'needs-approval', 'removes files from protection; applies only after you approve this file');
      }
    }
    const protect = [...BUILTIN_PROTECT, ...userNeg, ...repoNeg, ...repoPos, ...userPos];

    // Production names only add.
    const production: ProductionConfig = { hosts: [], envNames: [], kubeContexts: [], branches: [], files: [] };
    for (const u of [...userUnits, ...repoUnits]) {
      for (const key of PRODUCTION_KEYS) for (const v of u.data.production[key]) if (!production[key].includes(v.value)) production[key].push(v.value);
    }

    // The person's own timeout wins; otherwise the nearest file that sets one.
    let promptTimeoutSeconds: number | undefined;
    for (const u of repoUnits) if (u.data.promptTimeoutSeconds) promptTimeoutSeconds = u.data.promptTimeoutSeconds.value;
    for (const u of userUnits) if (u.data.promptTimeoutSeconds) promptTimeoutSeconds = u.data.promptTimeoutSeconds.value;

    return { config: { rules, commands, protect, production }, promptTimeoutSeconds };
  }

  private compileCommand(c: Located<CommandSpec>, u: Unit, keep: string[] | undefined): CommandRuleConfig {
    const spec = c.value;
    const rel = u.role === 'user' ? c.at.file : toPosix(path.relative(this.root, c.at.file));
    const source = spec.id ?? `${rel}:${c.at.line}:${c.at.column}`;
    const pattern = spec.match ?? spec.regex ?? '';
    const matches = spec.match !== undefined ? compileCommandGlob(spec.match) : compileCommandRegex(pattern);
    const message = spec.message ?? `Matches the team rule ${spec.match !== undefined ? `"${spec.match}"` : `/${pattern}/`} in ${rel}`;
    return { source, message, decision: spec.decision, matches, ...(keep ? { keep } : {}) };
  }

  private ignore(u: Unit, at: Location, entry: string, kind: IgnoredKind, reason: string): void {
    this.ignored.push({ file: at.file, line: at.line, column: at.column, entry, reason, kind, hash: u.file.hash });
  }
}

/** Reads the person's own settings into units (all trusted). */
function userUnitsOf(composer: Composer, sources: readonly UserSource[], cache: RuleFileCache, ruleIds: readonly string[]): Unit[] {
  const units: Unit[] = [];
  for (const source of sources) {
    let file: RuleFile | undefined;
    if ('path' in source) file = cache.read(path.resolve(source.path));
    else if ('text' in source) file = parseRuleFile(source.name, source.text, ruleIds);
    else file = parseRuleFile(source.name, JSON.stringify(source.value, null, 2), ruleIds);
    if (!file) continue;
    const list = composer.unitsOf(file, 'user', () => true, undefined);
    if (list) units.push(...list.map((u) => ({ ...u, role: 'user' as const, baseDir: '' })));
  }
  return units;
}

/** The effective configuration for actions in `options.cwd`. Never throws for a bad rule file: it reports it. */
export function loadEffectiveConfig(options: LoadOptions): EffectiveConfig {
  const rules = options.rules ?? allRules;
  const ruleIds = rules.map((r) => r.meta.id);
  const cache = options.cache ?? new RuleFileCache(ruleIds);
  const cwd = path.resolve(options.cwd);
  const root = path.resolve(options.workspaceRoot ?? findWorkspaceRoot(cwd));
  const composer = new Composer(options, rules, cache, root);
  const trusted = (f: RuleFile): boolean => options.trustRules === true || (options.approvals?.isApproved(f.path, f.hash) ?? false);

  const userUnits = userUnitsOf(composer, options.user ?? [], cache, ruleIds);
  const repoUnits: Unit[] = [];
  for (const candidate of composer.discover(cwd)) {
    const file = cache.read(candidate);
    if (!file) continue;
    const units = composer.unitsOf(file, 'repository', trusted, root);
    if (units) repoUnits.push(...units);
  }
  const { config, promptTimeoutSeconds } = composer.compose(userUnits, repoUnits);

  // Statuses: nearest repository file first, then extended files, then the person's.
  const statuses: RuleFileStatus[] = [];
  const seen = new Set<string>();
  const add = (s: RuleFileStatus): void => {
    if (seen.has(s.path)) return;
    seen.add(s.path);
    statuses.push(s);
  };
  const unitStatus = (u: Unit): RuleFileStatus => ({
    path: u.file.path,
    role: u.role,
    hash: u.file.hash,
    state: composer.statuses.some((s) => s.path === u.file.path && s.state === 'last-good') ? 'last-good' : 'in-force',
    trusted: u.role === 'user' || u.trusted,
    loosening: u.loosening,
  });
  for (const u of [...repoUnits].reverse().filter((x) => x.role === 'repository')) add(unitStatus(u));
  for (const s of composer.statuses.filter((x) => x.role === 'repository' && x.state === 'not-in-force')) add(s);
  for (const u of repoUnits.filter((x) => x.role === 'extended')) add(unitStatus(u));
  for (const s of composer.statuses.filter((x) => x.role === 'extended')) add(s);
  for (const u of userUnits) add(unitStatus(u));
  for (const s of composer.statuses.filter((x) => x.role === 'user')) add(s);

  return { config, workspaceRoot: root, promptTimeoutSeconds, files: statuses, diagnostics: composer.diagnostics, ignored: composer.ignored };
}
