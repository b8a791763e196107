import { defineCommandRule } from '../../rule';
import type { Cli } from '../cloud/_cli';
import { judgeCli } from '../cloud/_cli';

const stack = (args: readonly string[]): string | undefined => {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-s' || args[i] === '--stack') return args[i + 1];
    if (args[i]!.startsWith('--stack=')) return args[i]!.slice(8);
  }
  return undefined;
};

const PULUMI: Cli = {
  valueOptions: ['-s', '--stack', '-C', '--cwd', '--config-file', '-t', '--target', '--replace', '--target-replace', '-m', '--message', '-p', '--parallel', '--exclude'],
  confirm: ['--yes', '-y', '--skip-preview', '-f', '--force'],
  dryRun: ['--preview-only'],
  safer: 'Run `pulumi preview --diff` (or `pulumi destroy --preview-only`) first, export the state (`pulumi stack export > backup.json`), and target one resource.',
  ops: [
    { sub: 'destroy|down', what: 'destroys every resource in the stack {{target}}', target: (inv) => stack(inv.args) ?? 'the selected stack' },
    { sub: 'stack rm', what: 'deletes the stack {{target}} and its state', target: (inv) => inv.rest[0] ?? stack(inv.args) ?? 'the selected stack' },
    { sub: 'state delete', what: 'removes {{target}} from the state', target: (inv) => inv.rest[0], escalate: (inv) => [inv.has('--target-dependents') && '--target-dependents removes its dependents too'] },
    { sub: 'up|update', what: 'replaces {{target}} (delete and recreate)', when: (inv) => inv.has('--replace', '--target-replace'), target: (inv) => inv.value('--replace', '--target-replace') },
    { sub: 'up|update', what: 'changes production infrastructure', prodOnly: true, target: (inv) => stack(inv.args) ?? 'the selected stack' },
    { sub: 'refresh', what: 'rewrites production state from the cloud', prodOnly: true, target: (inv) => stack(inv.args) },
    { sub: 'cancel', what: 'cancels an update in progress; resources can be left half-made', target: (inv) => stack(inv.args) ?? 'the selected stack' },
  ],
};

export default defineCommandRule({
  meta: {
    id: 'infra/pulumi',
    commands: ['pulumi'],
    decision: 'ask',
    severity: 'critical',
    description: 'Pulumi commands that destroy or forget infrastructure (`pulumi destroy`, `stack rm`, `state delete`, `up --replace`) and updates to production stacks. `--yes`, `--skip-preview` or a production stack (`-s prod`, `org/prod`) makes it a block.',
    message: '{{what}}',
    safer: 'Run `pulumi preview` first and export the stack state.',
  },
  check(cmd, ctx) {
    judgeCli(cmd, ctx, PULUMI, 'pulumi');
  },
  tests: {
    pause: [
      'pulumi destroy',
      { input: 'pulumi destroy --yes', decision: 'block' },
      { input: 'pulumi destroy -s org/prod', decision: 'block' },
      { input: 'pulumi destroy --stack production --yes --skip-preview', decision: 'block' },
      'pulumi stack rm dev',
      { input: 'pulumi stack rm prod --force', decision: 'block' },
      'pulumi state delete urn:pulumi:dev::app::aws:s3/bucket:Bucket::assets',
      'pulumi up --replace urn:pulumi:dev::app::aws:rds/instance:Instance::db',
      { input: 'pulumi up -s prod', note: 'a change to a production stack' },
      { input: 'pulumi up --yes --stack org/prod', decision: 'block' },
      { input: 'pulumi stack select org/app/production && pulumi destroy', decision: 'block', note: 'the stack selected earlier in the line' },
      'pulumi cancel',
    ],
    pass: [
      'pulumi preview',
      'pulumi preview --diff -s prod',
      'pulumi destroy --preview-only',
      'pulumi stack ls',
      'pulumi stack output',
      'pulumi stack export > backup.json',
      'pulumi config set aws:region us-east-1',
      'pulumi up',
      'pulumi up --yes -s dev',
      'pulumi login',
      'pulumi whoami',
      'pulumi stack select prod && pulumi preview',
      'pulumi stack select dev && pulumi up --yes',
    ],
  },
});
