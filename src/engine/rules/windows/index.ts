import type { Rule } from '../../rule';
import clearContent from './clear-content';
import diskWipe from './disk-wipe';
import removeItem from './remove-item';

export const windowsRules: Rule[] = [removeItem, diskWipe, clearContent];
