/**
 * How evaluate() applies an EngineConfig: rule settings (floor or cap) and custom command rules. Kept beside the
 * config so the meaning of a setting is defined in one place.
 */
import type { Decision, Finding } from '../types';
import { decisionRank, stricter } from '../types';
import type { SimpleCommand } from '../shell/types';
import type { CommandRuleConfig, EngineConfig, RuleSetting } from './types';

/**
 * The decision of a rule's finding under a setting, or undefined when the rule is off. At or above the rule's
 * default the setting is a floor; below it, a cap.
 */
export function applySetting(setting: RuleSetting | undefined, ruleDefault: Decision, reported: Decision): Decision | undefined {
  if (setting === undefined) return reported;
  if (setting === 'off') return undefined;
  if (decisionRank(setting) >= decisionRank(ruleDefault)) return stricter(reported, setting);
  return decisionRank(reported) < decisionRank(setting) ? reported : setting;
}

/** The texts a custom rule sees for one command: as written, and as program name plus unquoted arguments. */
export function commandForms(cmd: Pick<SimpleCommand, 'name' | 'args' | 'text'>): string[] {
  const plain = [cmd.name, ...cmd.args].join(' ');
  return plain === cmd.text ? [cmd.text] : [cmd.text, plain];
}

/** The approved or personal `allow` rule that covers this one command, if any. */
export function allowRuleFor(config: EngineConfig, cmd: SimpleCommand): CommandRuleConfig | undefined {
  for (const custom of config.commands) {
    if (custom.decision === 'allow' && commandForms(cmd).some((t) => custom.matches(t))) return custom;
  }
  return undefined;
}

/**
 * Findings of custom command rules for a shell line. `ask`/`block` rules look at the whole line and at each command;
 * `allow` rules only at single commands (so `make deploy*` cannot let `make deploy; rm -rf ~` through).
 */
export function customFindings(config: EngineConfig, line: string, commands: readonly SimpleCommand[]): Finding[] {
  const out: Finding[] = [];
  for (const custom of config.commands) {
    let hit: string | undefined;
    if (custom.decision !== 'allow' && custom.matches(line)) hit = line;
    else hit = commands.find((c) => commandForms(c).some((t) => custom.matches(t)))?.text;
    if (hit === undefined) continue;
    out.push({
      ruleId: `custom/${custom.source}`,
      decision: custom.decision,
      severity: custom.decision === 'block' ? 'high' : custom.decision === 'ask' ? 'medium' : 'low',
      message: custom.message,
      excerpt: hit,
    });
  }
  return out;
}
