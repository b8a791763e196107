import type { ShellAction } from '../../types';

/** A shell command line as a case of a non-command rule: the whole engine runs it and the rule judges what it nests. */
export function sh(command: string, shell?: ShellAction['shell']): ShellAction {
  return shell ? { kind: 'shell', command, shell } : { kind: 'shell', command };
}
