/**
 * Built-in presets a rule file can extend, and the built-in protected files. `recommended` is what applies when
 * nothing is said; `strict` turns every rule whose default is `ask` into `block` (findings the rule itself reports
 * as `block` stay `block`; what the engine cannot analyse still asks, because blocking it would stop ordinary
 * heredocs and one-liners outright).
 */
import type { Rule } from '../rule';
import type { RuleSetting } from './types';

export const PRESET_NAMES = ['recommended', 'strict'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

export function isPreset(name: string): name is PresetName {
  return (PRESET_NAMES as readonly string[]).includes(name);
}

export function presetRules(name: PresetName, rules: readonly Rule[]): Record<string, RuleSetting> {
  if (name === 'recommended') return {};
  const out: Record<string, RuleSetting> = {};
  for (const r of rules) if (r.meta.decision === 'ask') out[r.meta.id] = 'block';
  return out;
}

/**
 * Protected by default (gitignore-style, relative to the workspace root): secrets and keys whose loss or leak cannot
 * be undone. Examples and templates of env files are not secrets.
 */
export const BUILTIN_PROTECT: readonly string[] = [
  '**/.env',
  '**/.env.*',
  '!**/.env.example',
  '!**/.env.sample',
  '!**/.env.template',
  '**/*.pem',
  '**/*.key',
  '**/id_rsa*',
  '**/id_ed25519*',
];
