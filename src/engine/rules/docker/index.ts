import type { Rule } from '../../rule';
import prune from './prune';
import remoteDaemon from './remote-daemon';
import volumeDelete from './volume-delete';

export const dockerRules: Rule[] = [prune, volumeDelete, remoteDaemon];
