import type { Rule } from '../../rule';
import { readableReports } from '../../shell/readable';
import clobberImportant from './clobber-important';
import copyOver from './copy-over';
import crontabRemove from './crontab-remove';
import diskWrite from './disk-write';
import findDelete from './find-delete';
import formatDisk from './format-disk';
import moveOver from './move-over';
import permissionSweep from './permission-sweep';
import rimraf from './rimraf';
import rmImportant from './rm-important';
import rmRecursive from './rm-recursive';
import rsyncDelete from './rsync-delete';
import sameFileRedirect from './same-file-redirect';
import secureWipe from './secure-wipe';

/** `$(…)` in targets and messages reads as written, never as the analysis placeholders. */
export const fsRules: Rule[] = [
  rmRecursive, rmImportant, rimraf, findDelete, secureWipe, diskWrite, formatDisk, clobberImportant, sameFileRedirect, moveOver,
  copyOver,   permissionSweep, rsyncDelete, crontabRemove,
].map(readableReports);
