import { defineCommandRule } from '../../rule';
import type { RuleContext } from '../../rule';
import type { SimpleCommand } from '../../shell/types';
import type { Cli, Inv } from '../cloud/_cli';
import { judgeCli } from '../cloud/_cli';

/** Resource types whose replacement or destruction loses data, not just a server that can be rebuilt. */
const DATA_RESOURCE = /(db_instance|rds_cluster|_database|_sql_|sql_database|_bucket|s3_bucket|storage_account|storage_container|_volume|_disk|ebs|efs|dynamodb|_table|redis|elasticache|elasticsearch|opensearch|_snapshot|_backup|kms_key|secret|bigquery|spanner|firestore|cosmosdb|postgres|mysql|mongodb)/i;

const confirm = ['-auto-approve', '--auto-approve', '-force', '--force'];
const valueOptions = ['-target', '-var', '-var-file', '-replace', '-state', '-state-out', '-backup', '-lock-timeout', '-parallelism', '-out', '-chdir'];

function replaced(inv: Inv): string[] {
  const out: string[] = [];
  for (let i = 0; i < inv.args.length; i++) {
    const a = inv.args[i]!;
    if (a.startsWith('-replace=')) out.push(a.slice(9));
    else if (a === '-replace' && inv.args[i + 1]) out.push(inv.args[i + 1]!);
  }
  return out;
}

function targets(inv: Inv): string | undefined {
  const t = inv.args.filter((a) => a.startsWith('-target=')).map((a) => a.slice(8));
  return t.length ? t.join(', ') : undefined;
}

const TERRAFORM: Cli = {
  valueOptions,
  confirm,
  safer: 'Run `terraform plan -destroy` (or `plan`) first and read it, back up the state (`terraform state pull > backup.tfstate`), and narrow it with `-target=` to the one resource that has to go.',
  ops: [
    { sub: 'destroy', what: 'destroys every resource in this configuration (or the -target ones)', target: (inv) => targets(inv) ?? 'every resource in this configuration' },
    { sub: 'apply', what: 'destroys every resource in this configuration (or the -target ones)', when: (inv) => inv.has('-destroy', '--destroy'), target: (inv) => targets(inv) ?? 'every resource in this configuration' },
    {
      sub: 'apply', what: 'deletes and recreates {{target}}', when: (inv) => replaced(inv).length > 0, target: (inv) => replaced(inv).join(', '),
      escalate: (inv) => replaced(inv).filter((r) => DATA_RESOURCE.test(r)).map((r) => `${r} holds data; replacing it starts it empty`),
    },
    { sub: 'apply', what: 'applies a saved destroy plan', when: (inv) => inv.rest.some((r) => /destroy/i.test(r)), target: (inv) => inv.rest[0] },
    { sub: 'apply', what: 'applies changes (including any deletions in the plan) without anyone reviewing them', when: (inv) => inv.has('-auto-approve', '--auto-approve'), target: () => 'the planned changes', ignoreConfirm: true },
    { sub: 'apply', what: 'changes production infrastructure', prodOnly: true, target: () => 'the planned changes' },
    { sub: 'state rm', what: 'removes {{target}} from the state (Terraform forgets it; the next apply may recreate or orphan it)', target: (inv) => inv.rest.join(' ') || undefined },
    { sub: 'state push', what: 'overwrites the remote state', target: (inv) => inv.rest[0], escalate: (inv) => [inv.has('-force') && '-force skips the lineage and serial checks'] },
    { sub: 'state mv|replace-provider', what: 'rewrites production state', prodOnly: true },
    { sub: 'workspace delete', what: 'deletes the workspace {{target}} and its state', escalate: (inv) => [inv.has('-force') && '-force deletes it even when it still tracks resources'] },
    { sub: 'force-unlock', what: 'breaks the state lock {{target}}; if someone else is applying, the state can be corrupted' },
    { sub: 'taint', what: 'marks {{target}} to be destroyed and recreated on the next apply', escalate: (inv) => [DATA_RESOURCE.test(inv.rest[0] ?? '') && `${inv.rest[0]} holds data`] },
    { sub: 'import', what: 'changes production state', prodOnly: true },
  ],
};

const TERRAGRUNT: Cli = {
  valueOptions: [...valueOptions, '--terragrunt-working-dir', '--working-dir', '--terragrunt-config', '--config'],
  confirm: [...confirm, '--terragrunt-non-interactive', '--non-interactive'],
  safer: 'Run `terragrunt run-all plan -destroy` and read it first; destroy one module at a time.',
  ops: [
    { sub: 'run-all destroy', what: 'destroys every module under this folder', target: () => 'every module under this folder' },
    { sub: 'destroy-all', what: 'destroys every module under this folder', target: () => 'every module under this folder' },
    { sub: 'run destroy', what: 'destroys every resource in this module', when: (inv) => inv.has('--all', '-all'), target: () => 'every module under this folder' },
    ...TERRAFORM.ops,
  ],
};

/**
 * `TF_CLI_ARGS` and `TF_CLI_ARGS_<subcommand>` add options to every (or that) subcommand:
 * `TF_CLI_ARGS_apply=-destroy terraform apply` destroys. Judged with the options in place.
 */
function withCliArgs(cmd: SimpleCommand, ctx: RuleContext): SimpleCommand {
  const env = { ...ctx.env, ...cmd.env };
  const extra: string[] = [];
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) continue;
    const sub = /^TF_CLI_ARGS(?:_(\w+))?$/.exec(k);
    if (sub && (sub[1] === undefined || cmd.args.includes(sub[1]))) extra.push(...v.replace(/^["']|["']$/g, '').split(/\s+/).filter(Boolean));
  }
  return extra.length ? { ...cmd, args: [...cmd.args, ...extra] } : cmd;
}

export default defineCommandRule({
  meta: {
    id: 'infra/terraform',
    commands: ['terraform', 'tofu', 'opentofu', 'terragrunt', 'terraform-bin'],
    decision: 'ask',
    severity: 'critical',
    description: 'Terraform, OpenTofu and Terragrunt commands that destroy or forget infrastructure: `destroy`, `apply -destroy`, `apply -replace=` of a data resource, `state rm`, `state push -force`, `workspace delete`, `run-all destroy`; and any apply against production. `-auto-approve` (no chance to read the plan) or a production workspace, folder, var file or `TF_WORKSPACE` makes it a block.',
    message: '{{what}}',
    safer: 'Run `terraform plan -destroy` first and read it; back up the state; target one resource.',
  },
  check(cmd, ctx) {
    // Commands are matched after global options (`-chdir=envs/prod`).
    judgeCli(withCliArgs(cmd, ctx), ctx, cmd.name === 'terragrunt' ? TERRAGRUNT : TERRAFORM, cmd.name);
  },
  tests: {
    pause: [
      'terraform destroy',
      { input: 'terraform destroy -auto-approve', decision: 'block' },
      { input: 'terraform apply -destroy -auto-approve', decision: 'block' },
      'terraform apply -destroy',
      'terraform destroy -target=aws_instance.web',
      { input: 'terraform -chdir=envs/prod destroy', decision: 'block' },
      { input: 'cd terraform/envs/prod && terraform destroy', decision: 'block' },
      { input: 'TF_WORKSPACE=prod terraform destroy', decision: 'block' },
      { input: 'TF_CLI_ARGS_apply=-destroy terraform apply', note: 'TF_CLI_ARGS_apply adds -destroy' },
      { input: 'TF_CLI_ARGS="-auto-approve" terraform destroy', decision: 'block' },
      { input: 'export TF_CLI_ARGS_apply="-auto-approve -destroy" && terraform apply', decision: 'block' },
      { input: 'terraform workspace select prod && terraform destroy', decision: 'block', note: 'the workspace selected earlier in the line' },
      { input: 'tofu workspace select prod-eu && tofu apply', note: 'any apply against production pauses' },
      'terraform workspace select dev && terraform destroy',
      { input: 'terraform destroy -var-file=prod.tfvars', decision: 'block' },
      { input: 'terraform apply -replace=aws_db_instance.main', decision: 'block' },
      'terraform apply -replace=aws_instance.web',
      'terraform apply destroy.tfplan',
      'terraform apply -auto-approve',
      { input: 'terraform apply -auto-approve -var-file=prod.tfvars', decision: 'block' },
      { input: 'terraform apply -var-file=envs/production.tfvars', note: 'any apply against production pauses' },
      'terraform state rm aws_s3_bucket.assets',
      'terraform state push terraform.tfstate',
      { input: 'terraform state push -force old.tfstate', decision: 'block' },
      'terraform workspace delete staging',
      { input: 'terraform workspace delete -force prod', decision: 'block' },
      'terraform force-unlock 6d5c1e3a',
      'terraform taint aws_instance.web',
      'tofu destroy',
      { input: 'tofu destroy -auto-approve', decision: 'block' },
      'terragrunt run-all destroy',
      { input: 'terragrunt run-all destroy --terragrunt-non-interactive', decision: 'block' },
      'terragrunt destroy',
      { input: 'bash -c "terraform destroy -auto-approve"', decision: 'block' },
      { input: 'ssh ci "cd infra && terraform destroy -auto-approve"', decision: 'block' },
    ],
    pass: [
      'terraform plan',
      'terraform plan -destroy',
      'terraform plan -destroy -out=destroy.tfplan',
      'terraform validate',
      'terraform fmt -recursive',
      'terraform show',
      'terraform state list',
      'terraform state show aws_instance.web',
      'terraform state pull > state-backup.json',
      'terraform output -json',
      'terraform init -upgrade',
      'terraform apply',
      'terraform apply tfplan',
      'terraform workspace list',
      'terraform workspace select dev',
      'terraform workspace select prod && terraform plan',
      'terraform workspace select prod && terraform plan -destroy',
      'terraform workspace select dev && terraform apply',
      'TF_CLI_ARGS_plan=-destroy terraform plan',
      'TF_CLI_ARGS_apply=-destroy terraform plan',
      'TF_CLI_ARGS="-no-color" terraform apply tfplan',
      'terraform graph | dot -Tpng > graph.png',
      'terraform destroy -help',
      'terraform state rm -dry-run aws_instance.web',
      'rm -rf .terraform',
      'tofu plan',
      'terragrunt run-all plan',
      'terragrunt plan',
      'terraform providers',
      'grep -r "terraform destroy" docs/',
    ],
  },
});
