import type { Rule } from '../../rule';
import { readableReports } from '../../shell/readable';
import addSecrets from './add-secrets';
import branchForceDelete from './branch-force-delete';
import cleanForce from './clean-force';
import deleteRemoteRef from './delete-remote-ref';
import discardChanges from './discard-changes';
import forcePush from './force-push';
import historyRewrite from './history-rewrite';
import purgeUnreachable from './purge-unreachable';
import resetHard from './reset-hard';
import rmTracked from './rm-tracked';
import stashDrop from './stash-drop';
import worktreeRemove from './worktree-remove';

/** `$(…)` in targets and messages reads as written, never as the analysis placeholders. */
export const gitRules: Rule[] = [
  resetHard, cleanForce, discardChanges, forcePush, deleteRemoteRef, branchForceDelete, stashDrop, historyRewrite,
  purgeUnreachable, worktreeRemove, rmTracked, addSecrets,
].map(readableReports);
