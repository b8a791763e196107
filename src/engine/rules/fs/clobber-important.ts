import { defineCommandRule } from '../../rule';
import type { SimpleCommand } from '../../shell/types';
import { hasFlag, optionValue, positionals } from '../../shell/words';
import { importantFile } from './_important';

/** Paths this command empties or replaces wholesale, with how. */
function overwrites(cmd: SimpleCommand): { path: string; how: string }[] {
  const out: { path: string; how: string }[] = [];
  for (const r of cmd.redirects) {
    const clobber = r.op === '>' || r.op === '>|' || r.op === '&>' || (r.op === '>&' && !/^(\d+|-)$/.test(r.target));
    // Under `set -o noclobber` the shell refuses to open an existing file: the redirect can only create one.
    if (clobber && !r.noclobber && r.fd !== 0 && r.target) out.push({ path: r.target, how: `\`${r.op}\` (the shell empties it before the command runs)` });
  }
  const a = cmd.args;
  switch (cmd.name) {
    case 'tee':
      if (!hasFlag(a, 'a', '--append')) for (const p of positionals(a)) out.push({ path: p, how: '`tee` without `-a`' });
      break;
    case 'truncate': {
      const size = optionValue(a, '-s', '--size');
      if (size === undefined || !/^[+>]/.test(size)) {
        for (const p of positionals(a, ['-s', '--size', '-r', '--reference'])) out.push({ path: p, how: '`truncate`' });
      }
      break;
    }
    case 'cp': {
      const pos = positionals(a, ['-t', '--target-directory', '-S', '--suffix']);
      if (pos.length === 2 && pos[0] === '/dev/null' && !hasFlag(a, 'n', '--no-clobber')) out.push({ path: pos[1]!, how: '`cp /dev/null`' });
      break;
    }
    case 'dd': {
      const of = a.find((x) => x.startsWith('of='));
      if (of) out.push({ path: of.slice(3), how: '`dd of=`' });
      break;
    }
  }
  return out;
}

export default defineCommandRule({
  meta: {
    id: 'fs/clobber-important',
    decision: 'block',
    severity: 'high',
    description: 'Empties or overwrites a file that cannot be regenerated: a database, an env file, Terraform state, /etc configuration, SSH keys or shell and tool configuration (`> f`, `: > f`, `truncate -s 0`, `cp /dev/null`, `tee` without `-a`).',
    message: 'Overwrites {{target}} ({{what}}) with {{how}}',
    safer: 'Append with `>>` / `tee -a`, write to a new file and move it into place after checking it, or back the file up first (`cp f f.bak`).',
  },
  check(cmd, ctx) {
    const cwd = cmd.cwd ?? ctx.cwd;
    for (const { path, how } of overwrites(cmd)) {
      const file = importantFile(path, cwd, ctx);
      if (!file) continue;
      ctx.report({ target: file.path, data: { what: file.what, how }, signals: cmd.remote ? [`runs on ${cmd.remote}`] : undefined });
    }
  },
  tests: {
    pause: [
      '> prod.db',
      ': > app.db',
      'echo -n > data/app.sqlite3',
      'cat /dev/null > db.sqlite3',
      'truncate -s 0 var/data.db',
      'truncate --size=0 .env',
      'cp /dev/null terraform.tfstate',
      '> .env',
      'echo "" > .env',
      'echo "API_URL=http://localhost:3000" > .env.local',
      'printf "DEBUG=1\\n" > .env.production',
      'echo "{}" > terraform/envs/prod/terraform.tfstate',
      'echo "127.0.0.1 api.local" > /etc/hosts',
      'sudo sh -c "echo nameserver 1.1.1.1 > /etc/resolv.conf"',
      'echo "deb http://x stable main" | sudo tee /etc/apt/sources.list',
      'echo ssh-ed25519 AAAA > ~/.ssh/authorized_keys',
      'cat key.pub > /home/dev/.ssh/id_ed25519',
      'echo "export PATH=$HOME/bin:$PATH" > ~/.bashrc',
      'echo "[user]" > ~/.gitconfig',
      'echo "//registry.npmjs.org/:_authToken=x" > ~/.npmrc',
      'sqlite3 app.db .dump | grep -v DROP > app.db',
      'ssh prod "> /var/lib/app/app.db"',
      'dd if=/dev/zero of=app.db bs=1k count=1',
      'jq ".x = 1" state.json > terraform.tfstate',
      'cd /home/dev/project && : > "$DATA_DIR/main.db"',
      'echo "server { listen 80; }" | sudo tee /etc/nginx/sites-available/default',
      'sudo tee /etc/systemd/system/sshd.service < sshd.service',
      'set -o noclobber; echo "PORT=1" >| .env',
      'set -C; set +C; echo x > app.db',
    ],
    pass: [
      'echo "API_URL=http://localhost" > .env.example',
      'cp .env.example .env.sample',
      'echo "x" >> .env',
      'echo "127.0.0.1 api.local" | sudo tee -a /etc/hosts',
      'echo "deb [arch=amd64] https://download.docker.com/linux/debian bookworm stable" | sudo tee /etc/apt/sources.list.d/docker.list',
      'ssh-keyscan github.com >> ~/.ssh/known_hosts',
      'ssh-keyscan github.com > ~/.ssh/known_hosts',
      'echo "export PATH=$HOME/.local/bin:$PATH" >> ~/.bashrc',
      '> npm-debug.log',
      'truncate -s 0 logs/app.log',
      ': > /tmp/scratch.db',
      'echo "" > test.db',
      'sqlite3 test_app.db < schema.sql',
      'cat schema.sql > build/schema.sql',
      'node gen.js > src/generated/types.ts',
      'npm test 2>&1 | tee test-output.txt',
      'echo done > /dev/null 2>&1',
      'truncate -s 10M disk.img',
      'python3 manage.py dumpdata > fixtures/dev.json',
      'sqlite3 app.db "select count(*) from users;" > /tmp/count.txt',
      'echo "$OUTPUT" > "$GITHUB_OUTPUT"',
      'go test ./... > coverage.out',
      'echo "server { listen 80; }" | sudo tee /etc/nginx/sites-available/app.conf',
      'sudo tee /etc/systemd/system/myapp.service > /dev/null < deploy/myapp.service',
      'cat deploy/worker.timer | sudo tee /etc/systemd/system/worker.timer',
      'set -o noclobber; echo "PORT=3000" > .env',
      'set -C && : > app.db',
    ],
  },
});
