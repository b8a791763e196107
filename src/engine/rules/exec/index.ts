import type { Rule } from '../../rule';
import inlineCommand from './inline-command';
import inlineDelete from './inline-delete';

export const execRules: Rule[] = [inlineDelete, inlineCommand];
