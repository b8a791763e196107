import type { Rule } from '../../rule';
import destructiveTool from './destructive-tool';
import embeddedCode from './embedded-code';

export const mcpRules: Rule[] = [destructiveTool, embeddedCode];
