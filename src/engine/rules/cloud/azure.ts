import { defineCommandRule } from '../../rule';
import type { Decision } from '../../types';
import type { Cli, Inv, Op } from './_cli';
import { judgeCli } from './_cli';

const GLOBAL = ['--subscription', '-o', '--output', '--query', '--only-show-errors'];
const VALUE = [...GLOBAL, '-n', '--name', '-g', '--resource-group', '--account-name', '--server', '-s', '--container-name', '-c', '--vault-name', '--ids', '--source', '-d', '--destination', '--pattern', '--location', '-l'];

const name = (inv: Inv): string | undefined => inv.value('-n', '--name') ?? inv.value('-g', '--resource-group') ?? inv.value('--ids') ?? inv.value('-s', '--source');
const op = (sub: string, decision: Decision, what: string, extra: Partial<Op> = {}): Op => ({ sub, decision, what, target: name, ...extra });

const AZ: Cli = {
  valueOptions: VALUE,
  confirm: ['--yes', '-y'],
  dryRun: ['--dryrun'],
  safer: 'Run `az deployment group what-if` or `az … show` first, lock production resource groups (`az lock create`), back up, and delete one named resource.',
  ops: [
    op('group delete', 'block', 'deletes the resource group {{target}} and every resource in it', { target: (inv) => inv.value('-n', '--name', '-g', '--resource-group') }),
    op('sql db delete || sql server delete || postgres server|flexible-server delete || mysql server|flexible-server delete || cosmosdb delete || cosmosdb sql database|container delete || redis delete', 'block', 'deletes the database {{target}}'),
    op('storage account delete', 'block', 'deletes the storage account {{target}} and all its data'),
    op('storage container delete || storage share delete || storage fs delete', 'block', 'deletes the container {{target}} and its blobs'),
    op('storage blob delete-batch', 'block', 'deletes every blob matching the pattern in {{target}}', { target: (inv) => inv.value('-s', '--source') }),
    op('storage blob delete', 'ask', 'deletes the blob {{target}}'),
    op('aks delete', 'block', 'deletes the AKS cluster {{target}}'),
    op('keyvault delete', 'ask', 'deletes the key vault {{target}}'),
    op('keyvault purge', 'block', 'purges the key vault {{target}} (no recovery)'),
    op('keyvault secret|key|certificate purge', 'block', 'purges {{target}} for good'),
    op('keyvault secret|key|certificate delete', 'ask', 'deletes {{target}}'),
    op('vm delete', 'ask', 'deletes the VM {{target}}'),
    op('disk delete || snapshot delete || backup vault delete || backup protection disable', 'block', 'deletes the disk, snapshot or backup {{target}}'),
    op('webapp delete || functionapp delete || containerapp delete || acr delete || appservice plan delete || network vnet delete || network dns zone delete || monitor log-analytics workspace delete || servicebus namespace delete || eventhubs namespace delete', 'ask', 'deletes {{target}}'),
    op('ad app|sp|user|group delete', 'ask', 'deletes the directory object {{target}}', { target: (inv) => inv.value('--id') ?? name(inv) }),
    // Complete mode deletes every resource of the group that the template does not list.
    op('deployment group create|update || group deployment create', 'block', 'deploys in Complete mode: every resource in {{target}} that the template does not list is deleted', {
      when: (inv) => /^complete$/i.test(inv.value('--mode') ?? ''),
      unless: (inv) => inv.has('-c', '--confirm-with-what-if', '--what-if'),
      target: (inv) => inv.value('-g', '--resource-group'),
      ignoreConfirm: true,
    }),
    op('role assignment delete', 'ask', 'removes role assignments ({{target}})', { target: (inv) => inv.value('--assignee') ?? name(inv) }),
    // Any other `az … delete|purge`.
    op('* delete|purge || * * delete|purge || * * * delete|purge || * * * * delete|purge', 'ask', 'deletes {{target}}', { unless: (inv) => /^(tag|lock)$/.test(inv.path[0] ?? '') || (inv.path[0] === 'resource' && inv.path[1] === 'tag') }),
  ],
};

export default defineCommandRule({
  meta: {
    id: 'cloud/azure',
    commands: ['az'],
    decision: 'ask',
    severity: 'critical',
    description: 'Azure CLI deletes: `az group delete` (everything in a resource group), SQL, PostgreSQL, MySQL, Cosmos DB and Redis deletes, storage accounts, containers and blob batches, AKS clusters, Key Vault purges, disks, snapshots and backups, and other resources. `--yes` or a production resource group (`*-prod-*`) makes any of them a block.',
    message: '{{what}}',
    safer: 'Use `what-if` and `show` first, lock production resource groups, and back up before deleting.',
  },
  check(cmd, ctx) {
    judgeCli(cmd, ctx, AZ, 'az');
  },
  tests: {
    pause: [
      { input: 'az group delete -n rg-app-dev', decision: 'block' },
      { input: 'az group delete --name rg-shop-prod-eus --yes --no-wait', decision: 'block' },
      { input: 'az sql db delete -g rg-app -s sql-app -n appdb', decision: 'block' },
      { input: 'az storage account delete -n stappdata -g rg-app', decision: 'block' },
      { input: 'az storage blob delete-batch -s uploads --account-name stapp', decision: 'block' },
      { input: 'az aks delete -g rg-app -n aks-main', decision: 'block' },
      { input: 'az cosmosdb delete -n cosmos-app -g rg-app', decision: 'block' },
      'az keyvault delete -n kv-app',
      { input: 'az keyvault purge -n kv-app', decision: 'block' },
      'az vm delete -g rg-app -n vm-web',
      { input: 'az account set --subscription acme-prod && az vm delete -g rg-app -n vm-web', decision: 'block', note: 'the subscription selected earlier in the line' },
      { input: 'az vm delete -g rg-app-prod -n vm-web --yes', decision: 'block' },
      'az webapp delete -g rg-app -n web-app',
      'az monitor action-group delete -g rg-app -n ops',
      'az eventgrid topic delete -g rg-app -n events',
      { input: 'az deployment group create --mode Complete -g rg-app -f main.bicep', decision: 'block' },
      { input: 'az deployment group create -g rg-app --template-file main.json --mode complete --yes', decision: 'block' },
    ],
    pass: [
      'az group list',
      'az group show -n rg-app',
      'az deployment group what-if -g rg-app -f main.bicep',
      'az deployment group create -g rg-app -f main.bicep',
      'az deployment group create -g rg-app -f main.bicep --mode Incremental',
      'az deployment group create --mode Complete -g rg-app -f main.bicep --confirm-with-what-if',
      'az deployment group what-if --mode Complete -g rg-app -f main.bicep',
      'az sql db list -g rg-app -s sql-app',
      'az storage blob list -c uploads --account-name stapp',
      'az aks get-credentials -g rg-app -n aks-main',
      'az vm list -o table',
      'az tag delete --name env',
      'az account show',
      'az account set --subscription acme-prod && az vm list -o table',
      'az storage blob upload -c site -f dist/index.html -n index.html --account-name stsite',
    ],
  },
});
