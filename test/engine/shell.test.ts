/**
 * Table tests of analyzeShell for the shell-quote traps in parser-notes.md §2.3 (S1–S14) and the shapes the
 * rules rely on: which commands come out, with which arguments, wrappers, folder, stdin and remote, and which
 * inputs are reported as unknown.
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeShell } from '../../src/engine/shell/analyze';
import type { SimpleCommand } from '../../src/engine/shell/types';

interface Expected {
  name: string;
  args?: string[];
  wrappers?: string[];
  cwd?: string;
  env?: Record<string, string>;
  remote?: string;
  /** `heredoc:<text>`, `herestring:<text>`, `pipe:<producer name>`, `file:<path>`. */
  stdin?: string;
  redirects?: string[];
  /** For each redirect of the command: whether it was written under `set -o noclobber`. */
  noclobber?: boolean[];
  /** The command text shown to people (substitutions restored). */
  text?: string;
}

interface Case {
  trap: string;
  input: string;
  cwd?: string;
  /** Every command, in order (nested ones included). */
  commands: Expected[];
  /** The expected commands are only a subsequence of what comes out. */
  partial?: boolean;
  note?: string;
  /** True: at least one unknown; a RegExp: an unknown matching it; false/absent: none. */
  unknown?: boolean | RegExp;
}

const HOME = '/home/dev';
const CWD = '/home/dev/project';

function stdinText(c: SimpleCommand): string | undefined {
  const s = c.stdin;
  if (!s) return undefined;
  if (s.kind === 'pipe') return `pipe:${s.producer.name}`;
  if (s.kind === 'file') return `file:${s.path}`;
  return `${s.kind}:${s.text}`;
}

const CASES: Case[] = [
  // S1: variables stay unresolved text instead of expanding to "".
  { trap: 'S1', input: 'rm -rf "$DIR"/', commands: [{ name: 'rm', args: ['-rf', '$DIR/'] }] },
  { trap: 'S1', input: 'rm -rf $HOME', commands: [{ name: 'rm', args: ['-rf', '$HOME'] }] },
  { trap: 'S1', input: 'bash -c "rm -rf $HOME"', commands: [{ name: 'rm', args: ['-rf', '$HOME'], wrappers: ['bash -c'] }] },
  // S2: `#` inside a word is not a comment.
  { trap: 'S2', input: 'open http://localhost:3000/#/ && rm -rf dist', commands: [{ name: 'open', args: ['http://localhost:3000/#/'] }, { name: 'rm', args: ['-rf', 'dist'] }] },
  { trap: 'S2', input: 'curl -s https://x.io/a#b | sh', commands: [{ name: 'curl', args: ['-s', 'https://x.io/a#b'] }, { name: 'sh', stdin: 'pipe:curl' }], unknown: /downloaded from the network/ },
  { trap: 'S2', input: 'git log --grep=#12 && git push --force', commands: [{ name: 'git', args: ['log', '--grep=#12'] }, { name: 'git', args: ['push', '--force'] }] },
  { trap: 'S2', input: 'echo a#b; rm -rf /', commands: [{ name: 'echo', args: ['a#b'] }, { name: 'rm', args: ['-rf', '/'] }] },
  { trap: 'S2', input: 'ls # rm -rf /', commands: [{ name: 'ls', args: [] }] },
  // S3: newlines separate commands; a comment ends at the newline.
  { trap: 'S3', input: 'rm -rf /tmp/x\nrm -rf ~', commands: [{ name: 'rm', args: ['-rf', '/tmp/x'] }, { name: 'rm', args: ['-rf', '~'] }] },
  { trap: 'S3', input: 'echo done # cleanup\nrm -rf /var/www', commands: [{ name: 'echo', args: ['done'] }, { name: 'rm', args: ['-rf', '/var/www'] }] },
  { trap: 'S3', input: 'npm ci &&\nnpm test', commands: [{ name: 'npm', args: ['ci'] }, { name: 'npm', args: ['test'] }] },
  { trap: 'S3', input: 'make \\\n  build', commands: [{ name: 'make', args: ['build'] }] },
  // S4: heredoc bodies are data for the command, not words of it.
  { trap: 'S4', input: 'psql <<SQL\nDROP TABLE x;\nSQL', commands: [{ name: 'psql', args: [], stdin: 'heredoc:DROP TABLE x;' }] },
  { trap: 'S4', input: "cat > src/x.py <<'EOF'\nimport os\nos.system('rm -rf /')\nEOF", commands: [{ name: 'cat', args: [], redirects: ['> src/x.py'] }] },
  { trap: 'S4', input: "bash <<'EOF'\ngit reset --hard\nEOF", commands: [{ name: 'git', args: ['reset', '--hard'], wrappers: ['bash <<'] }] },
  { trap: 'S4', input: 'cat <<-EOF | sh\n\trm -rf build\n\tEOF', commands: [{ name: 'cat' }, { name: 'sh', stdin: 'pipe:cat' }], unknown: /produced by cat/ },
  { trap: 'S4', input: 'cat > notes.txt <<EOF\nnow: $(date)\nEOF', commands: [{ name: 'date', wrappers: ['$()'] }, { name: 'cat', redirects: ['> notes.txt'] }] },
  { trap: 'S4', input: 'python3 - <<EOF\nprint(1)\nEOF\nrm -rf ~', commands: [{ name: 'python3', args: ['-'] }, { name: 'rm', args: ['-rf', '~'] }] },
  // S5 / S6: substitutions run; single-quoted text does not.
  { trap: 'S5', input: 'echo "$(rm -rf x)"', commands: [{ name: 'rm', args: ['-rf', 'x'], wrappers: ['$()'] }, { name: 'echo' }] },
  { trap: 'S5', input: "echo '$(rm -rf x)'", commands: [{ name: 'echo', args: ['$(rm -rf x)'] }] },
  { trap: 'S5', input: 'diff <(ls a) <(ls b)', commands: [{ name: 'ls', args: ['a'], wrappers: ['<()'] }, { name: 'ls', args: ['b'], wrappers: ['<()'] }, { name: 'diff' }] },
  { trap: 'S5', input: 'echo $((1+2))', commands: [{ name: 'echo' }] },
  { trap: 'S5', input: 'echo $(rm -rf x', commands: [{ name: 'echo' }], unknown: /unclosed \$\(/ },
  { trap: 'S6', input: 'echo `rm -rf x`', commands: [{ name: 'rm', args: ['-rf', 'x'], wrappers: ['$()'] }, { name: 'echo' }] },
  // S7: the fd digit of a redirect is not an argument.
  { trap: 'S7', input: 'rm -rf x 2>/dev/null', commands: [{ name: 'rm', args: ['-rf', 'x'], redirects: ['2> /dev/null'] }] },
  { trap: 'S7', input: 'npm test 2>&1 | tee out.log', commands: [{ name: 'npm', args: ['test'], redirects: ['2>& 1'] }, { name: 'tee', args: ['out.log'], stdin: 'pipe:npm' }] },
  // S8: operators, globs, redirects.
  { trap: 'S8', input: 'a && b | c; d', commands: [{ name: 'a' }, { name: 'b' }, { name: 'c', stdin: 'pipe:b' }, { name: 'd' }] },
  { trap: 'S8', input: 'rm -rf *.log', commands: [{ name: 'rm', args: ['-rf', '*.log'] }] },
  { trap: 'S8', input: ': > prod.db', commands: [{ name: ':', redirects: ['> prod.db'] }] },
  { trap: 'S8', input: '> .env', commands: [{ name: ':', redirects: ['> .env'] }] },
  { trap: 'S8', input: 'sort < in.txt > out.txt', commands: [{ name: 'sort', stdin: 'file:in.txt', redirects: ['< in.txt', '> out.txt'] }] },
  { trap: 'S8', input: 'mysql app <<< "DELETE FROM t"', commands: [{ name: 'mysql', args: ['app'], stdin: 'herestring:DELETE FROM t' }] },
  { trap: 'S4', input: 'psql <<< "select 1"\nrm -rf /', commands: [{ name: 'psql', stdin: 'herestring:select 1' }, { name: 'rm', args: ['-rf', '/'] }], note: 'a here-string is not a heredoc: the next line is a command' },
  // S9: wrappers and nested interpreters.
  { trap: 'S9', input: "sudo env X=1 bash -c 'rm -rf \"$D\"/'", commands: [{ name: 'rm', args: ['-rf', '$D/'], wrappers: ['sudo', 'env', 'bash -c'], env: { X: '1' } }] },
  { trap: 'S9', input: 'timeout 10 nice -n 5 rm -rf /', commands: [{ name: 'rm', args: ['-rf', '/'], wrappers: ['timeout', 'nice'] }] },
  { trap: 'S9', input: 'ssh deploy@web1 "cd /srv && rm -rf app"', commands: [{ name: 'rm', args: ['-rf', 'app'], cwd: '/srv', remote: 'host web1', wrappers: ['ssh deploy@web1'] }] },
  { trap: 'S9', input: 'docker exec -it db psql -c "DROP TABLE x"', commands: [{ name: 'psql', args: ['-c', 'DROP TABLE x'], remote: 'container db', wrappers: ['docker exec'] }] },
  { trap: 'S9', input: 'kubectl exec -n prod api-0 -- rm -rf /data', commands: [{ name: 'rm', args: ['-rf', '/data'], remote: 'pod api-0', wrappers: ['kubectl exec'] }] },
  { trap: 'S9', input: 'find . -name "*.tmp" -exec rm -f {} \\;', commands: [{ name: 'find' }, { name: 'rm', args: ['-f', '{}'], wrappers: ['find -exec'], stdin: 'pipe:find' }] },
  { trap: 'S9', input: 'git branch | xargs git branch -D', commands: [{ name: 'git', args: ['branch'] }, { name: 'git', args: ['branch', '-D'], wrappers: ['xargs'], stdin: 'pipe:git' }] },
  { trap: 'S9', input: 'eval "git push -f"', commands: [{ name: 'git', args: ['push', '-f'], wrappers: ['eval'] }] },
  { trap: 'S9', input: 'npx rimraf dist', commands: [{ name: 'rimraf', args: ['dist'], wrappers: ['npx'] }] },
  { trap: 'S9', input: '/usr/bin/git -C ../api reset --hard', commands: [{ name: 'git', args: ['-C', '../api', 'reset', '--hard'] }] },
  { trap: 'S9', input: '\\rm -rf x', commands: [{ name: 'rm', args: ['-rf', 'x'] }] },
  { trap: 'S9', input: 'command -v git', commands: [] },
  { trap: 'S9', input: 'bash -c "$SCRIPT"', commands: [{ name: 'bash' }], partial: true, unknown: /not known until it runs/ },
  { trap: 'S9', input: 'RAILS_ENV=production bash -c "rails db:drop"', commands: [{ name: 'rails', args: ['db:drop'], env: { RAILS_ENV: 'production' } }] },
  { trap: 'S9', input: 'APP_ENV=prod ssh web "php artisan migrate:fresh"', commands: [{ name: 'artisan', env: {}, remote: 'host web' }] },
  { trap: 'S9', input: "ssh prod <<'EOF'\nrm -rf /srv/app\nEOF", commands: [{ name: 'ssh', args: ['prod'] }, { name: 'rm', args: ['-rf', '/srv/app'], remote: 'host prod', wrappers: ['ssh prod <<'] }] },
  { trap: 'S9', input: "echo 'git clean -fdx' | ssh build", commands: [{ name: 'echo' }, { name: 'ssh', args: ['build'] }, { name: 'git', args: ['clean', '-fdx'], remote: 'host build' }] },
  { trap: 'S9', input: 'cat deploy.sh | ssh prod', commands: [{ name: 'cat' }, { name: 'ssh', args: ['prod'] }], unknown: /ssh prod runs a script produced by cat/ },
  { trap: 'S9', input: "tar czf - src | ssh deploy@web1 'cat > src.tgz'", commands: [{ name: 'tar' }, { name: 'cat', remote: 'host web1', stdin: 'pipe:tar', redirects: ['> src.tgz'] }], note: 'the remote command reads what is piped into ssh' },
  { trap: 'S9', input: 'echo "select 1;" | bash -c "cd db && psql app"', commands: [{ name: 'echo' }, { name: 'psql', stdin: 'pipe:echo', cwd: '/home/dev/project/db' }] },
  { trap: 'S9', input: "ssh web1 'ls | wc -l'", commands: [{ name: 'ls', remote: 'host web1' }, { name: 'wc', stdin: 'pipe:ls' }] },
  { trap: 'S9', input: 'ssh -N -L 8080:localhost:80 bastion', commands: [{ name: 'ssh' }] },
  { trap: 'S9', input: 'busybox rm -rf /', commands: [{ name: 'rm', args: ['-rf', '/'], wrappers: ['busybox'] }] },
  { trap: 'S9', input: "busybox sh -c 'git clean -fdx'", commands: [{ name: 'git', args: ['clean', '-fdx'], wrappers: ['busybox', 'sh -c'] }] },
  // Programs that run a command for you: as another user, under a lock, in a unit, a terminal multiplexer, later.
  { trap: 'S9', input: 'systemd-run --user -p MemoryMax=1G rm -rf build', commands: [{ name: 'rm', args: ['-rf', 'build'], wrappers: ['systemd-run'] }] },
  { trap: 'S9', input: "su - deploy -c 'git reset --hard'", commands: [{ name: 'git', args: ['reset', '--hard'], wrappers: ['su -c'] }] },
  { trap: 'S9', input: 'runuser -u app -- rm -rf cache', commands: [{ name: 'rm', args: ['-rf', 'cache'], wrappers: ['runuser'] }] },
  { trap: 'S9', input: 'su postgres', commands: [{ name: 'su', args: ['postgres'] }] },
  { trap: 'S9', input: 'flock /tmp/x.lock make deploy', commands: [{ name: 'make', args: ['deploy'], wrappers: ['flock'] }] },
  { trap: 'S9', input: "flock -n /tmp/x.lock -c 'git clean -fdx'", commands: [{ name: 'git', args: ['clean', '-fdx'], wrappers: ['flock -c'] }] },
  { trap: 'S9', input: "script -q -c 'rm -rf x' /dev/null", commands: [{ name: 'rm', wrappers: ['script -c'] }] },
  { trap: 'S9', input: "tmux new-session -d -s work 'npm run dev'", commands: [{ name: 'npm', args: ['run', 'dev'], wrappers: ['tmux'] }] },
  { trap: 'S9', input: 'screen -dmS job make build', commands: [{ name: 'make', args: ['build'], wrappers: ['screen'] }] },
  { trap: 'S9', input: "at now + 1 minute <<< 'rm -rf x'", commands: [{ name: 'at' }, { name: 'rm', args: ['-rf', 'x'], wrappers: ['at <<'] }] },
  { trap: 'S9', input: 'at -f job.sh now', commands: [{ name: 'at' }], unknown: /schedules the script in job\.sh/ },
  { trap: 'S9', input: 'gosu app rm -rf /data', commands: [{ name: 'rm', args: ['-rf', '/data'], wrappers: ['gosu'] }] },
  // Runners that add secrets or an environment: the command is what runs, with the environment they name.
  { trap: 'S9', input: 'doppler run --config prd -- npx prisma migrate reset --force', commands: [{ name: 'prisma', args: ['migrate', 'reset', '--force'], wrappers: ['doppler run', 'npx'], env: { ENVIRONMENT: 'prd' } }] },
  { trap: 'S9', input: "doppler run --command 'rails db:drop'", commands: [{ name: 'rails', args: ['db:drop'], wrappers: ['doppler run'] }] },
  { trap: 'S9', input: 'infisical run --env=prod -- ./manage.py flush', commands: [{ name: 'manage.py', args: ['flush'], wrappers: ['infisical run'], env: { ENVIRONMENT: 'prod' } }] },
  { trap: 'S9', input: 'op run --env-file=.env.tpl -- terraform destroy', commands: [{ name: 'terraform', args: ['destroy'], wrappers: ['op run'] }] },
  { trap: 'S9', input: 'railway run --environment production npx prisma db push --accept-data-loss', commands: [{ name: 'prisma', wrappers: ['railway run', 'npx'], env: { ENVIRONMENT: 'production' } }] },
  { trap: 'S9', input: 'aws-vault exec prod-admin -- aws s3 rb s3://acme-backups --force', commands: [{ name: 'aws', args: ['s3', 'rb', 's3://acme-backups', '--force'], wrappers: ['aws-vault exec'], env: { AWS_PROFILE: 'prod-admin' } }] },
  { trap: 'S9', input: 'chamber exec api -- rails db:schema:load', commands: [{ name: 'rails', wrappers: ['chamber exec'] }] },
  { trap: 'S9', input: 'direnv exec . git clean -fdx', commands: [{ name: 'git', args: ['clean', '-fdx'], wrappers: ['direnv exec'] }] },
  { trap: 'S9', input: 'mise exec node@20 -- rm -rf dist', commands: [{ name: 'rm', args: ['-rf', 'dist'], wrappers: ['mise exec'] }] },
  { trap: 'S9', input: 'pipenv run python manage.py migrate', commands: [{ name: 'manage.py', args: ['migrate'], wrappers: ['pipenv run', 'python'] }] },
  { trap: 'S9', input: 'conda run -n ml python train.py', commands: [{ name: 'train.py', wrappers: ['conda run', 'python'] }] },
  { trap: 'S9', input: "nix-shell -p postgresql --run 'dropdb app'", commands: [{ name: 'dropdb', args: ['app'], wrappers: ['nix-shell --run'] }] },
  { trap: 'S9', input: 'nix develop -c cargo build', commands: [{ name: 'cargo', args: ['build'], wrappers: ['nix develop'] }] },
  { trap: 'S9', input: 'doppler secrets download --no-file', commands: [{ name: 'doppler', args: ['secrets', 'download', '--no-file'] }] },
  // `k`, the usual kubectl alias, only with arguments that can only be kubectl's.
  { trap: 'S9', input: 'k -n prod delete deploy api', commands: [{ name: 'kubectl', args: ['-n', 'prod', 'delete', 'deploy', 'api'], wrappers: ['alias k'] }] },
  { trap: 'S9', input: 'k get pods', commands: [{ name: 'kubectl', args: ['get', 'pods'], wrappers: ['alias k'] }] },
  { trap: 'S9', input: 'k apply -f k8s/', commands: [{ name: 'kubectl', wrappers: ['alias k'] }] },
  { trap: 'S9', input: 'k delete old-note', commands: [{ name: 'k', args: ['delete', 'old-note'], wrappers: [] }], note: 'no resource kind: another program' },
  { trap: 'S9', input: 'k run build', commands: [{ name: 'k', wrappers: [] }] },
  { trap: 'S10', input: 'function nuke { rm -rf x; }; nuke', commands: [{ name: 'rm', args: ['-rf', 'x'] }, { name: 'nuke' }] },
  // Git aliases run something else under a new name.
  { trap: 'S9', input: "git -c alias.nuke='reset --hard' nuke origin/main", commands: [{ name: 'git', args: ['-c', 'alias.nuke=reset --hard', 'reset', '--hard', 'origin/main'], wrappers: ['git alias nuke'] }] },
  { trap: 'S9', input: "git -c alias.x='!rm -rf build' x", commands: [{ name: 'git' }, { name: 'rm', args: ['-rf', 'build'], wrappers: ['git alias x'] }] },
  { trap: 'S9', input: "git config alias.wipe 'clean -fdx' && git wipe", commands: [{ name: 'git', args: ['config', 'alias.wipe', 'clean -fdx'] }, { name: 'git', args: ['clean', '-fdx'] }] },
  { trap: 'S9', input: 'git config --global alias.st status && git st', commands: [{ name: 'git' }, { name: 'git', args: ['status'] }] },
  { trap: 'S9', input: 'git config alias.wipe "clean -fdx" && git config --unset alias.wipe && git wipe', commands: [{ name: 'git' }, { name: 'git' }, { name: 'git', args: ['wipe'] }] },
  // S10: reserved words are skipped.
  { trap: 'S10', input: 'if true; then rm -rf x; fi', commands: [{ name: 'true' }, { name: 'rm', args: ['-rf', 'x'] }] },
  { trap: 'S10', input: '{ rm -rf x; }', commands: [{ name: 'rm', args: ['-rf', 'x'] }] },
  { trap: 'S10', input: 'for f in *.md; do wc -l "$f"; done', commands: [{ name: 'wc', args: ['-l', '$f'] }] },
  { trap: 'S10', input: '! git diff --quiet', commands: [{ name: 'git', args: ['diff', '--quiet'] }] },
  // S11: unbalanced quotes are unknown.
  { trap: 'S11', input: 'echo "abc && rm -rf x', commands: [{ name: 'echo' }, { name: 'rm' }], unknown: /unbalanced double quote/ },
  { trap: 'S11', input: "echo 'abc", commands: [{ name: 'echo' }], unknown: /unbalanced single quote/ },
  // S12: assignments in front are the command's environment.
  { trap: 'S12', input: 'RAILS_ENV=production rails db:drop', commands: [{ name: 'rails', args: ['db:drop'], env: { RAILS_ENV: 'production' } }] },
  { trap: 'S12', input: 'FOO="a b" make', commands: [{ name: 'make', env: { FOO: 'a b' } }] },
  { trap: 'S12', input: 'X=1', commands: [] },
  // S13: defaults are kept as unresolved text.
  { trap: 'S13', input: 'rm -rf ${DIR:-/}', commands: [{ name: 'rm', args: ['-rf', '$DIR:-/'] }] },
  // S14: an escaped space is part of the name.
  { trap: 'S14', input: 'rm\\ -rf /', commands: [{ name: 'rm -rf', args: ['/'] }] },
  // cd is followed; a subshell's cd ends with the subshell.
  { trap: 'cwd', input: 'cd backend && rm -rf build', commands: [{ name: 'rm', cwd: '/home/dev/project/backend' }] },
  { trap: 'cwd', input: 'cd "$DIR" && rm -rf *', commands: [{ name: 'rm', cwd: '$UNKNOWN_DIR' }] },
  { trap: 'cwd', input: '(cd /tmp && ls) && rm -rf *', commands: [{ name: 'ls', cwd: '/tmp' }, { name: 'rm', cwd: CWD }] },
  { trap: 'cwd', input: 'cd a && (cd b; make) && pwd', commands: [{ name: 'make', cwd: '/home/dev/project/a/b' }, { name: 'pwd', cwd: '/home/dev/project/a' }] },
  { trap: 'cwd', input: 'pushd packages/core && npm test && popd', commands: [{ name: 'npm', cwd: '/home/dev/project/packages/core' }, { name: 'popd' }] },
  { trap: 'cwd', input: 'cd "$(mktemp -d)" && git clone https://github.com/acme/lib.git .', commands: [{ name: 'mktemp', cwd: CWD }, { name: 'git', cwd: '/tmp/tmp.mktemp' }], note: 'a fresh temp folder' },
  { trap: 'cwd', input: 'cd $(mktemp -d -p ~/work) && make', commands: [{ name: 'mktemp' }, { name: 'make', cwd: '$UNKNOWN_DIR' }], note: 'mktemp outside the temp folder' },
  // Exported variables reach the later commands of the line (not the earlier ones, not outside a subshell).
  { trap: 'export', input: 'export NODE_ENV=production && npm run db:reset', commands: [{ name: 'export' }, { name: 'npm', env: { NODE_ENV: 'production' } }] },
  { trap: 'export', input: 'npm test; export CI=1; FOO=2 npm test', commands: [{ name: 'npm', env: {} }, { name: 'export' }, { name: 'npm', env: { CI: '1', FOO: '2' } }] },
  { trap: 'export', input: '(export RAILS_ENV=production; rails db:migrate); rails db:drop', commands: [{ name: 'export' }, { name: 'rails', env: { RAILS_ENV: 'production' } }, { name: 'rails', env: {} }] },
  { trap: 'export', input: 'RAILS_ENV=production; export RAILS_ENV; rails db:drop', commands: [{ name: 'export' }, { name: 'rails', env: { RAILS_ENV: 'production' } }] },
  { trap: 'export', input: 'RAILS_ENV=production; rails db:drop', commands: [{ name: 'rails', env: {} }], note: 'not exported: the child does not see it' },
  { trap: 'export', input: 'export APP_ENV=prod; unset APP_ENV; php artisan migrate:fresh', commands: [{ name: 'export' }, { name: 'unset' }, { name: 'artisan', env: {} }] },
  { trap: 'export', input: 'set -a; MIX_ENV=prod; set +a; mix ecto.drop', commands: [{ name: 'set' }, { name: 'set' }, { name: 'mix', env: { MIX_ENV: 'prod' } }] },
  { trap: 'export', input: 'declare -x STAGE=prod && bash -c "sls remove"', commands: [{ name: 'declare' }, { name: 'sls', env: { STAGE: 'prod' }, wrappers: ['bash -c'] }] },
  { trap: 'export', input: 'export KUBECONFIG=~/.kube/prod && ssh ci "kubectl delete ns x"', commands: [{ name: 'export' }, { name: 'kubectl', env: {}, remote: 'host ci' }], note: 'not sent to the remote host' },
  // Target switches are saved in a file: they outlive a subshell or a nested shell, but not another machine.
  { trap: 'switch', input: '(kubectx prod) && kubectl get pods', commands: [{ name: 'kubectx' }, { name: 'kubectl', env: { KUBE_CONTEXT: 'prod' } }] },
  { trap: 'switch', input: 'bash -c "terraform workspace select prod" && terraform plan', commands: [{ name: 'terraform', wrappers: ['bash -c'] }, { name: 'terraform', env: { TF_WORKSPACE: 'prod' } }] },
  { trap: 'switch', input: "ssh ci 'kubectx prod' && kubectl get pods", commands: [{ name: 'kubectx', remote: 'host ci' }, { name: 'kubectl', env: {} }] },
  { trap: 'switch', input: 'kubectx prod && ssh ci "kubectl get pods"', commands: [{ name: 'kubectx' }, { name: 'kubectl', env: {}, remote: 'host ci' }] },
  // Variables set once, unconditionally, earlier in the line read as their values; anything else stays unresolved.
  { trap: 'S1', input: 'OUT=dist && rm -rf "$OUT"', commands: [{ name: 'rm', args: ['-rf', 'dist'] }] },
  { trap: 'S1', input: 'export TARGET=/ && rm -rf "$TARGET"/*', commands: [{ name: 'export' }, { name: 'rm', args: ['-rf', '//*'] }] },
  { trap: 'S1', input: 'D=build; D=/; rm -rf $D', commands: [{ name: 'rm', args: ['-rf', '$D'] }], note: 'two values: unknown' },
  { trap: 'S1', input: '[ -n "$X" ] || DIR=/; rm -rf "$DIR"/x', commands: [{ name: '[' }, { name: 'rm', args: ['-rf', '$DIR/x'] }], note: 'may not run' },
  { trap: 'S1', input: 'if [ -d b ]; then D=b; fi; rm -rf "$D"', commands: [{ name: '[' }, { name: 'rm', args: ['-rf', '$D'] }] },
  { trap: 'S1', input: 'for d in a b; do rm -rf "$d"; done', commands: [{ name: 'rm', args: ['-rf', '$d'] }] },
  { trap: 'S1', input: 'read -r D; rm -rf "$D"', commands: [{ name: 'read' }, { name: 'rm', args: ['-rf', '$D'] }] },
  { trap: 'S1', input: 'TMP=$(mktemp -d) && rm -rf "$TMP"', commands: [{ name: 'mktemp' }, { name: 'rm', args: ['-rf', '/tmp/tmp.mktemp'] }] },
  { trap: 'S1', input: "DIR=build bash -c 'rm -rf $DIR'", commands: [{ name: 'rm', args: ['-rf', 'build'], wrappers: ['bash -c'] }] },
  { trap: 'S1', input: "X=safe; bash -c 'X=/; rm -rf $X'", commands: [{ name: 'rm', args: ['-rf', '/'], wrappers: ['bash -c'] }], note: 'the script is not expanded by the outer shell' },
  { trap: 'S1', input: 'X=1 echo $X', commands: [{ name: 'echo', args: ['$X'] }], note: 'a command\'s own assignment is not seen by its arguments' },
  { trap: 'S13', input: 'DIR=build; rm -rf ${DIR:-/}', commands: [{ name: 'rm', args: ['-rf', '$DIR:-/'] }] },
  // set -o noclobber: `>` can then only create files; `>|` still replaces.
  { trap: 'noclobber', input: 'set -o noclobber; echo x > .env; echo y >| out.txt; echo z >> log', commands: [{ name: 'set' }, { name: 'echo', noclobber: [true] }, { name: 'echo', noclobber: [false] }, { name: 'echo', noclobber: [false] }] },
  { trap: 'noclobber', input: 'set -eC; sort f > f; set +C; sort g > g', commands: [{ name: 'set' }, { name: 'sort', noclobber: [true] }, { name: 'set' }, { name: 'sort', noclobber: [false] }] },
  { trap: 'noclobber', input: '(set -o noclobber; : > a.db); : > b.db', commands: [{ name: 'set' }, { name: ':', noclobber: [true] }, { name: ':', noclobber: [false] }] },
  // A `{ …; }` group or `( … )` subshell piped on: what its commands print is the consumer's standard input.
  { trap: 'group', input: '{ echo "BEGIN;"; echo "COMMIT;"; } | psql app', commands: [{ name: 'echo' }, { name: 'echo' }, { name: 'psql', stdin: 'pipe:echo' }] },
  { trap: 'group', input: '( echo "select 1;" ) | psql app', commands: [{ name: 'echo' }, { name: 'psql', stdin: 'pipe:echo' }] },
  { trap: 'group', input: '{ cat migrate.sql; } | psql app', commands: [{ name: 'cat' }, { name: 'psql', stdin: 'pipe:cat' }] },
  { trap: 'group', input: '{ echo "select 1;"; git log; } | psql app', commands: [{ name: 'echo' }, { name: 'git' }, { name: 'psql', stdin: 'pipe:{' }], note: 'output not known statically' },
  { trap: 'group', input: '{ echo "select 1;"; bash -c "date"; } | psql app', commands: [{ name: 'echo' }, { name: 'date' }, { name: 'psql', stdin: 'pipe:{' }] },
  { trap: 'group', input: '{ test -f x && echo a; echo b > log; } | sort', commands: [{ name: 'test' }, { name: 'echo' }, { name: 'echo' }, { name: 'sort', stdin: 'pipe:echo' }], note: 'test prints nothing, the redirected echo writes to its file' },
  { trap: 'group', input: "{ echo 'git clean -fdx'; echo ls; } | sh", commands: [{ name: 'echo' }, { name: 'echo' }, { name: 'git', args: ['clean', '-fdx'], wrappers: ['| sh'] }, { name: 'ls', wrappers: ['| sh'] }] },
  { trap: 'group', input: '{ { echo a; }; echo b; } | sort; (ls) && sort x', commands: [{ name: 'echo' }, { name: 'echo' }, { name: 'sort', stdin: 'pipe:echo' }, { name: 'ls' }, { name: 'sort', args: ['x'] }] },
  // One numbering of substitutions for the whole analysis, nested scripts included.
  { trap: 'S5', input: 'echo $(date) && bash -c "rm -rf $(pwd)/x"', commands: [{ name: 'date' }, { name: 'pwd' }, { name: 'echo', args: ['$__BRS0__'] }, { name: 'rm', args: ['-rf', '$__BRS1__/x'], text: 'rm -rf $(pwd)/x' }] },
];

describe('analyzeShell', () => {
  for (const c of CASES) {
    it(`${c.trap}: ${c.input.replace(/\n/g, '⏎')}`, () => {
      const a = analyzeShell(c.input, { cwd: c.cwd ?? CWD, home: HOME, shell: 'bash' });
      const summary = a.commands.map((x) => `${x.name} ${JSON.stringify(x.args)} [${x.wrappers.join(',')}]`).join('\n');
      let picked = a.commands;
      if (c.partial) {
        let from = 0;
        picked = c.commands.map((exp) => {
          const i = a.commands.findIndex((x, j) => j >= from && x.name === exp.name);
          assert.ok(i !== -1, `no ${exp.name} in:\n${summary}`);
          from = i + 1;
          return a.commands[i]!;
        });
      }
      assert.deepEqual(picked.map((x) => x.name), c.commands.map((x) => x.name), `commands:\n${summary}${c.note ? `\n(${c.note})` : ''}`);
      c.commands.forEach((exp, i) => {
        const got = picked[i]!;
        if (exp.args) assert.deepEqual(got.args, exp.args, `args of ${exp.name}`);
        if (exp.wrappers) assert.deepEqual(got.wrappers, exp.wrappers, `wrappers of ${exp.name}`);
        if (exp.cwd) assert.equal(got.cwd, exp.cwd, `cwd of ${exp.name}`);
        if (exp.env) assert.deepEqual(got.env, exp.env, `env of ${exp.name}`);
        if (exp.remote) assert.equal(got.remote, exp.remote, `remote of ${exp.name}`);
        if (exp.stdin) assert.equal(stdinText(got), exp.stdin, `stdin of ${exp.name}`);
        if (exp.noclobber) assert.deepEqual(got.redirects.map((r) => r.noclobber === true), exp.noclobber, `noclobber of ${exp.name}`);
        if (exp.text) assert.equal(got.text, exp.text, `text of ${exp.name}`);
        if (exp.redirects) assert.deepEqual(got.redirects.map((r) => `${r.fd ?? ''}${r.op} ${r.target}`), exp.redirects, `redirects of ${exp.name}`);
      });
      if (c.unknown instanceof RegExp) assert.ok(a.unknowns.some((u) => c.unknown instanceof RegExp && c.unknown.test(u)), `unknowns: ${JSON.stringify(a.unknowns)}`);
      else if (c.unknown) assert.ok(a.unknowns.length > 0, 'expected an unknown');
      else assert.deepEqual(a.unknowns, [], 'expected no unknowns');
    });
  }
});

/** Without a dialect given, text that is clearly PowerShell or cmd.exe is analysed as such; bash look-alikes stay bash. */
const DIALECTS: Array<[input: string, shell: string, first?: Expected]> = [
  ['gc ~\\.aws\\credentials', 'powershell', { name: 'get-content', args: ['~\\.aws\\credentials'] }],
  ['type %USERPROFILE%\\.ssh\\id_rsa', 'cmd', { name: 'type' }],
  ['dir C:\\Users\\dev', 'powershell', { name: 'get-childitem', args: ['C:\\Users\\dev'] }],
  ['cd .\\web; npm run build', 'powershell'],
  ['Remove-Item -Recurse -Force C:\\Users\\dev\\project', 'powershell', { name: 'remove-item' }],
  ['type git', 'bash', { name: 'type', args: ['git'] }],
  ['echo C:\\\\path', 'bash', { name: 'echo', args: ['C:\\path'] }],
  ['date +%Y%m%d', 'bash'],
  ['grep -r "C:\\\\Users" docs', 'bash'],
  ['copy .env.example .env', 'bash'],
];

describe('analyzeShell dialect detection', () => {
  for (const [input, shell, first] of DIALECTS) {
    it(`${shell}: ${input}`, () => {
      const a = analyzeShell(input, { cwd: CWD, home: HOME });
      assert.equal(a.shell, shell);
      if (first) {
        assert.equal(a.commands[0]?.name, first.name);
        if (first.args) assert.deepEqual(a.commands[0]?.args, first.args);
      }
    });
  }
});
