import type { Rule } from '../../rule';
import mongoShell from './mongo-shell';
import mysqladmin from './mysqladmin';
import postgresUtility from './postgres-utility';
import sqlClient from './sql-client';

export const dbRules: Rule[] = [sqlClient, postgresUtility, mysqladmin, mongoShell];
