/**
 * The effective configuration the engine applies: built-ins, then the user's settings, then team rule files.
 * Loading, validation and trust live beside this file (index.ts is the door); the engine only consumes the result.
 */
import type { Decision } from '../types';

export type RuleSetting = 'off' | Decision;

/** A team's custom command rule, compiled: `matches` is tested against each command line and each unwrapped command. */
export interface CommandRuleConfig {
  /** Where it came from, for messages and the finding's rule id: `.blastradius.json:12:5` (or the entry's `id`). */
  source: string;
  /** Shown in the prompt. */
  message: string;
  decision: Decision;
  /**
   * True when the text matches. Matching is linear-time for globs and length-capped for regular expressions,
   * so an agent cannot stall the check with a long command line.
   */
  matches(commandLine: string): boolean;
  /**
   * Only for `allow` rules from a repository file: rule ids whose findings this rule does not silence, because the
   * person set them in their own settings (a repository never lowers the person's own rules).
   */
  keep?: readonly string[];
}

export interface ProductionConfig {
  hosts: string[];
  envNames: string[];
  kubeContexts: string[];
  branches: string[];
  files: string[];
}

export interface EngineConfig {
  /**
   * Rule id → setting. Missing ids keep their default behaviour. A setting at or above the rule's default decision
   * is a floor (every finding of the rule is raised to at least it); a setting below the default is a cap (findings
   * are lowered to it); `off` drops the rule's findings. Caps and `off` only come from trusted sources.
   */
  rules: Record<string, RuleSetting>;
  commands: CommandRuleConfig[];
  /**
   * Protected files, gitignore-style: globs relative to the workspace root unless absolute; a leading `!` removes
   * matches again; the last matching entry wins. Use `isProtected()` from `config/protect` to ask.
   */
  protect: string[];
  production: ProductionConfig;
}

export const EMPTY_CONFIG: EngineConfig = {
  rules: {},
  commands: [],
  protect: [],
  production: { hosts: [], envNames: [], kubeContexts: [], branches: [], files: [] },
};
