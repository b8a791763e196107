/**
 * The effective rule-file configuration for `check` and hooks: an `optionsFor(cwd)` that loads the rule files
 * that apply in a folder (nothing is cached across runs; within one run, such as `check --batch`, files are read
 * once unless they change) and reports each bad file once on stderr, with file:line:column.
 */
import { formatDiagnostic, RuleFiles } from '../engine/config';
import type { OptionsFor } from './check';
import { homeOf } from './rules';

export interface ConfigOptionsForOptions {
  env: NodeJS.ProcessEnv;
  trustRules?: boolean;
  /** Where diagnostics and notes go; omitted for hooks, whose stderr some agents show to the model. */
  stderr?: NodeJS.WritableStream;
}

export function configOptionsFor(options: ConfigOptionsForOptions): OptionsFor {
  const files = new RuleFiles({ home: homeOf(options.env), trustRules: options.trustRules });
  const told = new Set<string>();
  const tell = (key: string, text: string): void => {
    if (!options.stderr || told.has(key)) return;
    told.add(key);
    options.stderr.write(text);
  };
  return (cwd) => {
    const effective = files.forFolder(cwd);
    for (const d of effective.diagnostics) tell(`d:${formatDiagnostic(d)}`, `blast-radius: ${formatDiagnostic(d)}\n`);
    for (const f of effective.files) {
      if (f.state === 'not-in-force') tell(`f:${f.path}`, `blast-radius: ${f.path} has errors and is not in force; the built-in rules and the other rule files apply\n`);
    }
    for (const e of effective.ignored) {
      const how = e.kind === 'needs-approval' ? 'approve the file in the editor, or pass --trust-rules in CI' : 'your own settings win';
      tell(`i:${e.file}:${e.line}:${e.column}`, `blast-radius: ${e.file}:${e.line}:${e.column}: ignored ${e.entry}: ${e.reason} (${how})\n`);
    }
    return { workspaceRoot: effective.workspaceRoot, config: effective.config };
  };
}
