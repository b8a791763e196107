import type { Rule } from '../../rule';
import exfiltration from './exfiltration';
import printCredentials from './print-credentials';
import printEnv from './print-env';
import printSecretFile from './print-secret-file';
import remoteScript from './remote-script';

export const secretsRules: Rule[] = [printSecretFile, printCredentials, printEnv, exfiltration, remoteScript];
