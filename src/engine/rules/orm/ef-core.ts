import { defineCommandRule } from '../../rule';
import { flag, opt, parseArgs } from '../db/_target';
import { reportOrm } from './_orm';

const VALUE = ['--connection', '-p', '--project', '-s', '--startup-project', '-c', '--context', '--framework', '--configuration', '--runtime', '--msbuildprojectextensionspath', '-o', '--output-dir', '--namespace', '--environment', '-e'];

export default defineCommandRule({
  meta: {
    id: 'orm/ef-core',
    commands: ['dotnet', 'dotnet-ef'],
    decision: 'block',
    severity: 'critical',
    description: 'Entity Framework Core commands that drop or unmigrate the database: `dotnet ef database drop` (`--force` skips its prompt) and `dotnet ef database update 0`; `migrations remove --force` (reverts an applied migration) pauses.',
    message: '{{what}} ({{target}})',
    safer: 'Script the change (`dotnet ef migrations script`) and review it, and run destructive commands against a test connection.',
  },
  check(cmd, ctx) {
    const args = cmd.name === 'dotnet' ? (cmd.args[0] === 'ef' ? cmd.args.slice(1) : undefined) : cmd.args;
    if (!args) return;
    const p = parseArgs(args, VALUE);
    const [group, sub, arg] = p.positionals;
    const target = opt(p, '--connection');
    if (group === 'database' && sub === 'drop') {
      if (flag(p, '--dry-run')) return;
      reportOrm(ctx, cmd, { what: '`dotnet ef database drop` drops the database', weight: 'destructive', target });
    } else if (group === 'database' && sub === 'update' && arg === '0') {
      reportOrm(ctx, cmd, { what: '`dotnet ef database update 0` reverts every migration', weight: 'destructive', target });
    } else if (group === 'migrations' && sub === 'remove' && flag(p, '--force', '-f')) {
      reportOrm(ctx, cmd, { what: '`dotnet ef migrations remove --force` reverts the last migration on the database', weight: 'mild', target });
    }
  },
  tests: {
    pause: [
      'dotnet ef database drop',
      'dotnet ef database drop --force',
      'dotnet ef database update 0',
      'ASPNETCORE_ENVIRONMENT=Production dotnet ef database drop -f',
      'dotnet ef database drop --force --connection "Server=tcp:shop-prod.database.windows.net,1433;Database=shop"',
      { input: 'dotnet ef database drop --force --connection "Server=localhost;Database=Shop;Trusted_Connection=True"', decision: 'ask' },
    ],
    pass: [
      'dotnet ef migrations list',
      'dotnet ef migrations script',
      'dotnet ef migrations add AddUsers',
      'dotnet ef database update',
      'dotnet ef database drop --dry-run',
      'dotnet ef database drop --force --connection "Server=localhost;Database=Shop_Test"',
      'dotnet build',
      'dotnet test',
    ],
  },
});
