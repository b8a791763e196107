import { defineCommandRule } from '../../rule';
import type { SimpleCommand } from '../../shell/types';
import { asksFirst, hasFlag, optionValue, positionals } from '../../shell/words';

/** Standard input that is certainly empty: `< /dev/null`, `: |`, `true |`, `echo -n |`, `printf "" |`. */
function emptyInput(cmd: SimpleCommand): boolean {
  const stdin = cmd.stdin;
  if (stdin?.kind === 'file') return stdin.path === '/dev/null';
  if (stdin?.kind === 'herestring' || stdin?.kind === 'heredoc') return stdin.text.trim() === '';
  if (stdin?.kind !== 'pipe') return false;
  const p = stdin.producer;
  if (p.name === ':' || p.name === 'true') return true;
  if (p.name === 'echo' || p.name === 'printf') return p.args.filter((x) => !/^-[neE]+$/.test(x)).every((x) => x.trim() === '');
  return false;
}

export default defineCommandRule({
  meta: {
    id: 'fs/crontab-remove',
    commands: ['crontab'],
    decision: 'block',
    severity: 'high',
    description: '`crontab -r` deletes every scheduled job of the user at once, without confirmation and without a backup (and sits next to `-e` on the keyboard).',
    message: 'Deletes every scheduled job in {{target}}',
    safer: 'Save it first (`crontab -l > crontab.bak`), then edit with `crontab -e` or reinstall from the saved file.',
  },
  check(cmd, ctx) {
    const user = optionValue(cmd.args, '-u');
    const whose = user ? `the crontab of ${user}` : 'your crontab';
    const signals = cmd.remote ? [`runs on ${cmd.remote}`] : undefined;
    // `crontab /dev/null`, `: | crontab -`: installing an empty table is the same as -r.
    const file = positionals(cmd.args, ['-u'])[0];
    if (!hasFlag(cmd.args, 'r') && !hasFlag(cmd.args, 'l') && !hasFlag(cmd.args, 'e') && (file === '/dev/null' || ((file === undefined || file === '-') && emptyInput(cmd)))) {
      ctx.report({ target: whose, signals, message: `Replaces every scheduled job in ${whose} with an empty table` });
      return;
    }
    if (!hasFlag(cmd.args, 'r')) return;
    if (asksFirst(cmd, ['i'], false)) return; // asks for confirmation first (unless `yes |` answers)
    ctx.report({ target: whose, signals });
  },
  tests: {
    pause: [
      'crontab -r',
      'sudo crontab -r -u www-data',
      'crontab -u root -r',
      'ssh app1 crontab -r',
      'crontab -l > /dev/null && crontab -r',
      'crontab /dev/null',
      'sudo crontab -u deploy /dev/null',
      'echo -n | crontab -',
      'crontab < /dev/null',
      'yes | crontab -ri',
    ],
    pass: [
      'crontab -l',
      'crontab -e',
      'crontab -ri',
      'crontab -l > crontab.bak',
      'crontab crontab.bak',
      '(crontab -l 2>/dev/null; echo "0 3 * * * /usr/local/bin/backup") | crontab -',
      'crontab -l | grep -v old-job | crontab -',
      'echo "crontab -r wipes everything"',
    ],
  },
});
