import type { Rule } from '../../rule';
import inlineCommand from './inline-command';
import inlineDelete from './inline-delete';
import scriptFile from './script-file';

export const execRules: Rule[] = [inlineDelete, inlineCommand, scriptFile];
