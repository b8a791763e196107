import type { SqlRule } from '../../rule';
import alterTableDrop from './alter-table-drop';
import deleteWithoutWhere from './delete-without-where';
import dropDatabase from './drop-database';
import dropTable from './drop-table';
import dynamicSql from './dynamic-sql';
import explainAnalyzeWrite from './explain-analyze-write';
import narrowColumn from './narrow-column';
import privilegeChange from './privilege-change';
import replaceSemantics from './replace-semantics';
import safetySwitchWrite from './safety-switch-write';
import truncate from './truncate';
import updateWithoutWhere from './update-without-where';
import writeToProduction from './write-to-production';

export const sqlRules: SqlRule[] = [
  alterTableDrop, deleteWithoutWhere, dropDatabase, dropTable, dynamicSql, explainAnalyzeWrite, narrowColumn, privilegeChange,
  replaceSemantics, safetySwitchWrite, truncate, updateWithoutWhere, writeToProduction,
];
