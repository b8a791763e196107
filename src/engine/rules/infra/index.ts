import type { Rule } from '../../rule';
import clusterDelete from './cluster-delete';
import pulumi from './pulumi';
import stackTeardown from './stack-teardown';
import terraform from './terraform';

export const infraRules: Rule[] = [terraform, pulumi, stackTeardown, clusterDelete];
