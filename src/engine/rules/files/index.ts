import type { Rule } from '../../rule';
import bulkDelete from './bulk-delete';
import bulkGitRm from './bulk-git-rm';
import contentCut from './content-cut';
import destructiveMigration from './destructive-migration';
import protectedEdit from './protected-edit';
import protectedShell from './protected-shell';
import rollbackRemoved from './rollback-removed';
import tamperEdit from './tamper-edit';
import tamperShell from './tamper-shell';

/** The file guard: protected files, destructive edits, migrations, and the guard's own configuration. */
export const filesRules: readonly Rule[] = [protectedEdit, protectedShell, contentCut, destructiveMigration, rollbackRemoved, bulkDelete, bulkGitRm, tamperEdit, tamperShell];
