import type { Rule } from '../../rule';
import aws from './aws';
import azure from './azure';
import backupSync from './backup-sync';
import firebase from './firebase';
import gcloud from './gcloud';
import githubCli from './github-cli';
import packageRegistry from './package-registry';
import paas from './paas';
import saas from './saas';

export const cloudRules: Rule[] = [aws, gcloud, azure, firebase, paas, githubCli, packageRegistry, saas, backupSync];
