import { defineFileRule } from '../../rule';

/**
 * Ten or more files deleted by one tool call. Refactors that delete files remove a handful (a component with its
 * test and story: three to five); a patch that deletes ten or more is a sweep a person should look at.
 */
export const BULK_DELETE_MIN = 10;

export default defineFileRule({
  meta: {
    id: 'files/bulk-delete',
    decision: 'ask',
    severity: 'high',
    description: `One agent tool call (an apply_patch) deletes ${BULK_DELETE_MIN} or more files at once.`,
    message: 'Deletes {{count}} files in one change (this one: {{target}})',
    safer: 'Delete the files in small, reviewed steps, or move them to an archive folder first.',
  },
  check(action, ctx) {
    if (action.op !== 'delete' || (action.deletesInCall ?? 1) < BULK_DELETE_MIN) return;
    const root = ctx.workspaceRoot;
    const target = root && action.path.startsWith(root + '/') ? action.path.slice(root.length + 1) : action.path;
    ctx.report({ target, data: { count: action.deletesInCall } });
  },
  tests: {
    pause: [
      { input: { kind: 'file', op: 'delete', path: 'src/a.ts', deletesInCall: 12 } },
      { input: { kind: 'file', op: 'delete', path: '/home/dev/project/tests/test_api.py', deletesInCall: 40 } },
    ],
    pass: [
      { input: { kind: 'file', op: 'delete', path: 'src/old.ts' } },
      { input: { kind: 'file', op: 'delete', path: 'src/a.ts', deletesInCall: 3 } },
      { input: { kind: 'file', op: 'create', path: 'src/b.ts', newContent: 'x', deletesInCall: 12 } },
    ],
  },
});
