import type { Rule } from '../../rule';
import etcdctl from './etcdctl';
import influx from './influx';
import mongoShell from './mongo-shell';
import mongoTools from './mongo-tools';
import mysqladmin from './mysqladmin';
import postgresUtility from './postgres-utility';
import redisCli from './redis-cli';
import searchIndex from './search-index';
import sqlClient from './sql-client';

export const dbRules: Rule[] = [sqlClient, postgresUtility, mysqladmin, mongoShell, mongoTools, redisCli, etcdctl, influx, searchIndex];
