import type { Rule } from '../../rule';
import clientRequest from './client-request';
import deleteRequest from './delete-request';
import destructiveMutation from './destructive-mutation';

export const httpRules: Rule[] = [clientRequest, deleteRequest, destructiveMutation];
