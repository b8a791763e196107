import { defineCommandRule } from '../../rule';
import { hasFlag, optionValue } from '../../shell/words';

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
    if (!hasFlag(cmd.args, 'r')) return;
    if (hasFlag(cmd.args, 'i')) return; // asks for confirmation first
    const user = optionValue(cmd.args, '-u');
    ctx.report({ target: user ? `the crontab of ${user}` : 'your crontab', signals: cmd.remote ? [`runs on ${cmd.remote}`] : undefined });
  },
  tests: {
    pause: [
      'crontab -r',
      'sudo crontab -r -u www-data',
      'crontab -u root -r',
      'ssh app1 crontab -r',
      'crontab -l > /dev/null && crontab -r',
    ],
    pass: [
      'crontab -l',
      'crontab -e',
      'crontab -ri',
      'crontab -l > crontab.bak',
      'echo "crontab -r wipes everything"',
    ],
  },
});
