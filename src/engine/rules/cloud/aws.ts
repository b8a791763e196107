import { defineCommandRule } from '../../rule';
import type { Decision } from '../../types';
import type { Cli, Inv, Op } from './_cli';
import { DATA_WORD, judgeCli } from './_cli';

const GLOBAL = ['--profile', '--region', '--output', '--query', '--endpoint-url', '--cli-input-json', '--cli-input-yaml', '--color', '--ca-bundle', '--cli-read-timeout', '--cli-connect-timeout', '--page-size', '--max-items', '--starting-token'];

/** The resource an AWS call names: the first identifier-like option, an S3 URL, or the first operand. */
function awsTarget(inv: Inv): string | undefined {
  for (let i = 0; i < inv.args.length; i++) {
    const a = inv.args[i]!;
    const m = /^--([a-z-]*(identifier|name|names|-id|-ids|arn|bucket|queue-url|key-id|secret-id|stack-name|cluster|domain-name))(=(.*))?$/.exec(a);
    if (m && !GLOBAL.includes(`--${m[1]}`)) return m[4] ?? inv.args[i + 1];
  }
  return inv.rest.find((r) => r.startsWith('s3://')) ?? inv.rest[0];
}

const op = (sub: string, decision: Decision, what: string, extra: Partial<Op> = {}): Op => ({ sub, decision, what, target: awsTarget, ...extra });
const flagSignals = (inv: Inv, flags: Record<string, string>): string[] => Object.entries(flags).filter(([f]) => inv.has(f)).map(([, s]) => s);

const OPS: Op[] = [
  op('s3 rm', 'block', 'deletes every object under {{target}}', { when: (inv) => inv.has('--recursive') }),
  op('s3 rb', 'ask', 'deletes the bucket {{target}}', { escalate: (inv) => [inv.has('--force') && '--force deletes every object in it first'] }),
  op('s3 sync', 'ask', 'deletes files in {{target}} that the source lacks', {
    when: (inv) => inv.has('--delete') && DATA_WORD.test(inv.rest[1] ?? ''),
    target: (inv) => inv.rest[1],
  }),
  op('s3api delete-objects', 'block', 'deletes many objects from {{target}}'),
  op('s3api delete-bucket', 'ask', 'deletes the bucket {{target}}'),
  op('rds delete-db-instance|delete-db-cluster', 'block', 'deletes the database {{target}}', { escalate: (inv) => flagSignals(inv, { '--skip-final-snapshot': '--skip-final-snapshot keeps no final backup', '--delete-automated-backups': '--delete-automated-backups deletes the backups too' }) }),
  op('rds delete-db-snapshot|delete-db-cluster-snapshot|delete-db-instance-automated-backup', 'block', 'deletes the database backup {{target}}'),
  // A retention period of 0 turns automated backups off and deletes the existing ones.
  op('rds modify-db-instance|modify-db-cluster', 'block', 'turns off automated backups of {{target}} and deletes the ones it has', {
    when: (inv) => inv.value('--backup-retention-period') === '0',
    target: (inv) => inv.value('--db-instance-identifier', '--db-cluster-identifier'),
  }),
  op('rds modify-db-instance|modify-db-cluster || dynamodb update-table', 'ask', 'removes the deletion protection of {{target}}', {
    when: (inv) => inv.has('--no-deletion-protection') || /DeletionProtectionEnabled\s*[= ]\s*false|--no-deletion-protection-enabled/.test(inv.args.join(' ')),
    target: (inv) => inv.value('--db-instance-identifier', '--db-cluster-identifier', '--table-name'),
  }),
  op('dynamodb delete-table', 'block', 'deletes the table {{target}} and every item in it'),
  op('dynamodb delete-backup', 'block', 'deletes the table backup {{target}}'),
  op('ec2 delete-volume', 'block', 'deletes the EBS volume {{target}} and its data'),
  op('ec2 delete-snapshot', 'block', 'deletes the snapshot {{target}} (a backup)'),
  op('ec2 terminate-instances', 'ask', 'terminates the instances {{target}} (their instance-store and delete-on-termination volumes go too)'),
  op('ec2 stop-instances', 'ask', 'stops production instances', { prodOnly: true }),
  op('ec2 deregister-image|delete-vpc|delete-subnet|delete-security-group|delete-key-pair|release-address|delete-nat-gateway|delete-internet-gateway|delete-transit-gateway', 'ask', 'deletes {{target}}'),
  op('cloudformation delete-stack|delete-stack-set', 'ask', 'deletes the stack {{target}} and every resource it created'),
  op('eks delete-cluster', 'block', 'deletes the EKS cluster {{target}}'),
  op('eks delete-nodegroup|delete-fargate-profile|delete-addon', 'ask', 'deletes {{target}} from the cluster'),
  op('ecs delete-cluster|delete-service|deregister-task-definition', 'ask', 'deletes {{target}}'),
  op('lambda delete-function', 'ask', 'deletes the function {{target}}'),
  op('iam delete-role|delete-user|delete-policy|delete-group|delete-access-key|delete-login-profile|delete-instance-profile|delete-account-alias|delete-saml-provider|delete-open-id-connect-provider', 'ask', 'deletes the IAM identity or credential {{target}}'),
  op('kms schedule-key-deletion', 'block', 'schedules the key {{target}} for deletion; everything encrypted with it becomes unreadable'),
  op('kms disable-key', 'ask', 'disables the key {{target}}; data encrypted with it cannot be read meanwhile'),
  op('secretsmanager delete-secret', 'ask', 'deletes the secret {{target}}', { escalate: (inv) => flagSignals(inv, { '--force-delete-without-recovery': '--force-delete-without-recovery skips the recovery window' }) }),
  op('ssm delete-parameter|delete-parameters', 'ask', 'deletes the parameters {{target}}'),
  op('logs delete-log-group', 'ask', 'deletes the log group {{target}} and its history'),
  op('ecr delete-repository', 'ask', 'deletes the image repository {{target}}', { escalate: (inv) => flagSignals(inv, { '--force': '--force deletes the images in it too' }) }),
  op('ecr batch-delete-image', 'ask', 'deletes images from {{target}}'),
  op('route53 delete-hosted-zone', 'block', 'deletes the DNS zone {{target}}'),
  op('route53 change-resource-record-sets', 'ask', 'deletes DNS records in {{target}}', { when: (inv) => inv.args.some((a) => /"?Action"?\s*[:=]\s*"?DELETE/i.test(a) || /DELETE/.test(a)) }),
  op('backup delete-recovery-point|delete-backup-vault|delete-backup-plan', 'block', 'deletes backups ({{target}})'),
  op('elasticache delete-cache-cluster|delete-replication-group|delete-serverless-cache|delete-snapshot', 'block', 'deletes the cache or its snapshot {{target}}'),
  op('es delete-elasticsearch-domain || opensearch delete-domain', 'block', 'deletes the search domain {{target}} and its indexes'),
  op('redshift delete-cluster|delete-cluster-snapshot || redshift-serverless delete-namespace|delete-workgroup', 'block', 'deletes the warehouse {{target}}'),
  op('efs delete-file-system', 'block', 'deletes the file system {{target}} and its files'),
  op('glacier delete-vault|delete-archive', 'block', 'deletes archived data ({{target}})'),
  op('docdb delete-db-cluster || neptune delete-db-cluster || memorydb delete-cluster || timestream-write delete-database|delete-table || keyspaces delete-keyspace|delete-table || qldb delete-ledger', 'block', 'deletes the database {{target}}'),
  op('sqs purge-queue', 'ask', 'deletes every message in {{target}}'),
  op('sqs delete-queue || sns delete-topic || kinesis delete-stream || firehose delete-delivery-stream || events delete-event-bus', 'ask', 'deletes {{target}}'),
  op('cognito-idp delete-user-pool', 'block', 'deletes the user pool {{target}} and every account in it'),
  op('organizations close-account|leave-organization|delete-organization', 'block', 'closes or detaches an AWS account'),
  op('apigateway delete-rest-api || apigatewayv2 delete-api || cloudfront delete-distribution || elbv2 delete-load-balancer || elb delete-load-balancer', 'ask', 'deletes {{target}}'),
  // Anything else named delete-/remove-/terminate-/purge- (minus the harmless ones: tags, single items, alarms).
  op('* *', 'ask', 'deletes {{target}}', {
    when: (inv) => /^(delete|remove|terminate|purge)-/.test(inv.path[1] ?? '') && !/^(delete|remove)-(tags|tag|tags-for-resource|message|message-batch|object|item|marker|alarms?|dashboards?|metric-filter|subscription-filter|retention-policy|bucket-tagging|resource-policy|permission)$/.test(inv.path[1] ?? ''),
  }),
];

const AWS: Cli = {
  valueOptions: GLOBAL,
  dryRun: ['--dryrun', '--dry-run'],
  safer: 'Describe the resource first (`describe-*`, `aws s3 ls`), take a snapshot or backup, use `--dryrun` where it exists, and delete one named non-production resource.',
  ops: OPS,
};

export default defineCommandRule({
  meta: {
    id: 'cloud/aws',
    commands: ['aws'],
    decision: 'ask',
    severity: 'critical',
    description: 'AWS CLI calls that delete data or infrastructure (the CLI never asks first): `s3 rm --recursive`, `s3 rb --force`, `rds delete-db-*`, `dynamodb delete-table`, `ec2 delete-volume|terminate-instances`, `cloudformation delete-stack`, `kms schedule-key-deletion`, `secretsmanager delete-secret --force-delete-without-recovery`, `route53 delete-hosted-zone`, backups, and any other `delete-*`. Data stores block; a production profile or resource name blocks everything.',
    message: '{{what}}',
    safer: 'Describe first, snapshot, use --dryrun, and delete one named non-production resource.',
  },
  check(cmd, ctx) {
    judgeCli(cmd, ctx, AWS, 'aws');
  },
  tests: {
    pause: [
      { input: 'aws s3 rm s3://my-bucket --recursive', decision: 'block' },
      { input: 'aws s3 rm s3://my-bucket/uploads/ --recursive', decision: 'block' },
      { input: 'aws s3 rb s3://my-bucket --force', decision: 'block' },
      'aws s3 rb s3://old-empty-bucket',
      { input: 'aws s3api delete-objects --bucket assets --delete file://keys.json', decision: 'block' },
      { input: 'aws rds delete-db-instance --db-instance-identifier app-db --skip-final-snapshot', decision: 'block' },
      { input: 'aws rds delete-db-cluster --db-cluster-identifier app --delete-automated-backups', decision: 'block' },
      { input: 'aws dynamodb delete-table --table-name Orders', decision: 'block' },
      { input: 'aws rds modify-db-instance --db-instance-identifier app --backup-retention-period 0 --apply-immediately', decision: 'block' },
      'aws rds modify-db-instance --db-instance-identifier app --no-deletion-protection',
      'aws dynamodb update-table --table-name Orders --no-deletion-protection-enabled',
      'aws ec2 terminate-instances --instance-ids i-0123456789abcdef0',
      { input: 'aws ec2 delete-volume --volume-id vol-0abc', decision: 'block' },
      { input: 'aws ec2 delete-snapshot --snapshot-id snap-0abc', decision: 'block' },
      'aws cloudformation delete-stack --stack-name app-staging',
      { input: 'aws cloudformation delete-stack --stack-name app-prod', decision: 'block' },
      { input: 'aws --profile prod cloudformation delete-stack --stack-name app', decision: 'block' },
      { input: 'AWS_PROFILE=production aws lambda delete-function --function-name api', decision: 'block' },
      { input: 'aws eks delete-cluster --name main', decision: 'block' },
      'aws lambda delete-function --function-name thumbnailer',
      'aws iam delete-role --role-name ci-deployer',
      { input: 'aws kms schedule-key-deletion --key-id 1234abcd --pending-window-in-days 7', decision: 'block' },
      'aws secretsmanager delete-secret --secret-id app/api-key',
      { input: 'aws secretsmanager delete-secret --secret-id app/db --force-delete-without-recovery', decision: 'block' },
      'aws logs delete-log-group --log-group-name /aws/lambda/api',
      'aws ecr batch-delete-image --repository-name api --image-ids imageTag=latest',
      { input: 'aws route53 delete-hosted-zone --id Z123', decision: 'block' },
      { input: 'aws backup delete-recovery-point --backup-vault-name main --recovery-point-arn arn:aws:backup:x', decision: 'block' },
      'aws sqs purge-queue --queue-url https://sqs.us-east-1.amazonaws.com/1/jobs',
      'aws apigateway delete-rest-api --rest-api-id abc123',
      'aws s3 sync ./dist s3://company-backups --delete',
      { input: 'aws elasticache delete-replication-group --replication-group-id sessions', decision: 'block' },
      'aws sns delete-topic --topic-arn arn:aws:sns:us-east-1:1:alerts',
      'aws ec2 delete-security-group --group-id sg-123',
    ],
    pass: [
      'aws s3 ls',
      'aws s3 ls s3://my-bucket/',
      'aws s3 cp dist/index.html s3://site/index.html',
      'aws s3 sync ./dist s3://site --delete',
      'aws s3 rm s3://my-bucket/tmp/report.csv',
      'aws s3 rm s3://my-bucket --recursive --dryrun',
      'aws ec2 terminate-instances --instance-ids i-0123 --dry-run',
      'aws ec2 describe-instances',
      'aws rds describe-db-instances',
      'aws rds modify-db-instance --db-instance-identifier app --backup-retention-period 7',
      'aws rds modify-db-instance --db-instance-identifier app --deletion-protection',
      'aws rds modify-db-instance --db-instance-identifier app --db-instance-class db.t3.large',
      'aws dynamodb delete-item --table-name Orders --key \'{"id":{"S":"42"}}\'',
      'aws dynamodb scan --table-name Orders --max-items 5',
      'aws cloudformation describe-stacks --stack-name app-prod',
      'aws logs tail /aws/lambda/api --follow',
      'aws sts get-caller-identity',
      'aws lambda invoke --function-name api out.json',
      'aws ecr describe-images --repository-name api',
      'aws --endpoint-url http://localhost:4566 s3 rb s3://test --force',
      'aws s3api delete-object --bucket my-bucket --key tmp/a.json',
      'aws ec2 delete-tags --resources i-123 --tags Key=tmp',
      'aws ec2 stop-instances --instance-ids i-0123',
      'aws s3 rm --help',
    ],
  },
});
