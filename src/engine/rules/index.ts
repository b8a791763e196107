/**
 * Every built-in rule, by pack. A pack's index lists its rule files; a test checks that every file under
 * rules/<pack>/ is listed, that ids match paths, and that every rule has cases and documentation.
 */
import type { Rule } from '../rule';
import { cloudRules } from './cloud';
import { dbRules } from './db';
import { ormRules } from './orm';
import { execRules } from './exec';
import { filesRules } from './files';
import { dockerRules } from './docker';
import { fsRules } from './fs';
import { gitRules } from './git';
import { httpRules } from './http';
import { infraRules } from './infra';
import { k8sRules } from './k8s';
import { mcpRules } from './mcp';
import { secretsRules } from './secrets';
import { sqlRules } from './sql';
import { windowsRules } from './windows';

export const allRules: readonly Rule[] = [...fsRules, ...gitRules, ...sqlRules, ...httpRules, ...dbRules, ...ormRules, ...secretsRules, ...windowsRules, ...infraRules, ...filesRules, ...k8sRules, ...dockerRules, ...cloudRules, ...execRules, ...mcpRules];
