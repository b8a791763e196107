import { quote } from 'shell-quote';
import { defineCommandRule } from '../../rule';
import type { RuleContext } from '../../rule';
import type { SimpleCommand } from '../../shell/types';
import { isUnresolved } from '../../shell/types';
import { resolvePath } from '../../shell/words';
import { absoluteScript, displayPath, fillPositional, makeInvocation, parseMakefile, readScript, recipeLines, shebangOf } from './_scripts';

const SHELLS = new Set(['bash', 'sh', 'zsh', 'dash', 'ksh', 'ash', 'busybox']);
/** Shell options that take the next word as their value (`bash -o pipefail x.sh`). */
const SHELL_VALUE_OPTIONS = /^(-o|\+o|-O|\+O|--rcfile|--init-file)$/;
const MAKEFILES = ['GNUmakefile', 'makefile', 'Makefile'];
/** Files executed by path from these folders are the system's programs, not the project's scripts. */
const SYSTEM_PROGRAMS = /^\/(usr|bin|sbin|lib|lib64|opt|snap|nix|etc|System|Library|Applications)\//;

/** `bash x.sh a b`, `sh -e x.sh`, `source x.sh`, `. x.sh`: the script and its arguments; undefined for `-c` and stdin. */
function shellOperand(cmd: SimpleCommand): { file: string; args: string[] } | undefined {
  let args = cmd.args;
  if (cmd.name === 'busybox') {
    if (!SHELLS.has(args[0] ?? '') || args[0] === 'busybox') return undefined;
    args = args.slice(1);
  }
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') return args[i + 1] === undefined ? undefined : { file: args[i + 1]!, args: args.slice(i + 2) };
    if (/^-[a-zA-Z]*[cs]/.test(a) && !a.startsWith('--')) return undefined; // -c string, -s stdin
    if (SHELL_VALUE_OPTIONS.test(a)) {
      i++;
      continue;
    }
    if (a.startsWith('-') || a.startsWith('+')) continue;
    return { file: a, args: args.slice(i + 1) };
  }
  return undefined;
}

function followShellScript(cmd: SimpleCommand, ctx: RuleContext, written: string, args: readonly string[], direct: boolean): void {
  const cwd = cmd.cwd ?? ctx.cwd;
  const abs = absoluteScript(written, cwd, ctx.home);
  if (abs === undefined || (direct && SYSTEM_PROGRAMS.test(abs))) return;
  const text = readScript(ctx.reader, abs);
  if (text === undefined) return;
  const shown = displayPath(abs, written, ctx.workspaceRoot);
  if (direct) {
    const kind = shebangOf(text, abs);
    if (!kind) return;
    if ('interpreter' in kind) {
      // `./tool.py`: the same as `python3 tool.py`, which the interpreter rules read.
      const flag = /^python/.test(kind.interpreter) ? ['-u'] : kind.interpreter === 'php' ? ['-f'] : [];
      ctx.nested({ kind: 'shell', command: quote([kind.interpreter, ...flag, abs]), cwd, env: Object.keys(cmd.env).length ? cmd.env : undefined });
      return;
    }
  }
  ctx.nested({ kind: 'shell', command: fillPositional(text, args), cwd, env: Object.keys(cmd.env).length ? cmd.env : undefined }, shown);
}

function followMake(cmd: SimpleCommand, ctx: RuleContext): void {
  const inv = makeInvocation(cmd.args);
  if (inv.dryRun) return;
  const cwd0 = cmd.cwd ?? ctx.cwd;
  const dir = inv.dir === undefined ? cwd0 : resolvePath(inv.dir, cwd0, ctx.home);
  if (dir === undefined || isUnresolved(dir)) return;
  const candidates = inv.file !== undefined ? [inv.file] : MAKEFILES;
  for (const name of candidates) {
    const abs = resolvePath(name, dir, ctx.home);
    const text = abs === undefined ? undefined : readScript(ctx.reader, abs);
    if (text === undefined) continue;
    const mk = parseMakefile(text);
    const targets = inv.targets.length ? inv.targets : mk.defaultTarget ? [mk.defaultTarget] : [];
    const env = { ...ctx.env, ...cmd.env };
    for (const target of targets) {
      const via = `${displayPath(abs!, name, ctx.workspaceRoot)} target ${target}`;
      // Each recipe line runs in its own shell, in the Makefile's folder.
      for (const line of recipeLines(mk, target, inv.vars, env)) ctx.nested({ kind: 'shell', command: line, cwd: dir, env: Object.keys(cmd.env).length ? cmd.env : undefined }, via);
    }
    return;
  }
}

export default defineCommandRule({
  meta: {
    id: 'exec/script-file',
    decision: 'ask',
    severity: 'high',
    description: 'Reads the project\'s scripts that a command runs by name — `bash scripts/reset.sh`, `./deploy.sh prod`, `source env.sh`, `make clean` (with its prerequisites and variables), and `python cleanup.py`, `node tools/wipe.js`, `./tool.py` through the interpreter rules — and judges what they contain as if it had been typed, with the arguments given in place of `$1`… . A script is the team\'s own and running it is ordinary work, so inside it only what would block counts (`rm -rf ~/`, `DROP TABLE` on an unknown database, `terraform destroy`, a force push to main), and only about targets it names: paths it computes, and constructs the analysis cannot follow, stay quiet. Scripts that cannot be read, or are larger than 256 KB, run as before.',
    message: 'Runs {{target}}',
    safer: 'Read the script first, and run the destructive step on its own so it can be checked.',
  },
  check(cmd, ctx) {
    if (cmd.remote) return; // runs on another machine: the file there is not the one here
    if (cmd.name === 'make' || cmd.name === 'gmake') {
      followMake(cmd, ctx);
      return;
    }
    if (SHELLS.has(cmd.name) || cmd.name === 'source' || cmd.name === '.') {
      const op = cmd.name === 'source' || cmd.name === '.' ? (cmd.args[0] === undefined ? undefined : { file: cmd.args[0], args: cmd.args.slice(1) }) : shellOperand(cmd);
      if (op) followShellScript(cmd, ctx, op.file, op.args, false);
      return;
    }
    // `python3 x.py` reaches the rules as `x.py` run by python3 (so `manage.py flush` reads as Django's): hand the
    // file back to the interpreter rules, which read it.
    const runner = cmd.wrappers[cmd.wrappers.length - 1];
    if (runner === 'python' || runner === 'python2' || runner === 'python3' || runner === 'php') {
      const abs = absoluteScript(cmd.rawName, cmd.cwd ?? ctx.cwd, ctx.home);
      if (abs !== undefined) ctx.nested({ kind: 'shell', command: quote([runner, runner === 'php' ? '-f' : '-u', abs]), cwd: cmd.cwd ?? ctx.cwd, env: Object.keys(cmd.env).length ? cmd.env : undefined });
      return;
    }
    if (cmd.rawName.includes('/') && !isUnresolved(cmd.rawName)) followShellScript(cmd, ctx, cmd.rawName, cmd.args, true);
  },
  tests: {
    pause: [
      { input: 'bash scripts/reset.sh', foundBy: 'fs/rm-recursive', files: { 'scripts/reset.sh': '#!/bin/bash\nset -e\nrm -rf ~/\n' }, decision: 'block' },
      { input: './scripts/reset.sh', foundBy: 'git/force-push', files: { 'scripts/reset.sh': '#!/usr/bin/env bash\ngit push --force origin main\n' }, decision: 'block' },
      { input: 'sh clean.sh', foundBy: 'fs/rm-recursive', files: { 'clean.sh': 'echo cleaning\nrm -rf "$1/"\n' }, decision: 'block', note: 'run without an argument, "$1/" is /' },
      { input: 'bash clean.sh .', foundBy: 'fs/rm-recursive', files: { 'clean.sh': 'rm -rf "$1"\n' }, decision: 'block', note: 'the argument fills $1: the whole project' },
      { input: 'source ./scripts/db.sh', foundBy: 'sql/drop-table', files: { 'scripts/db.sh': 'psql "$DATABASE_URL" -c "DROP TABLE users"\n' }, decision: 'block' },
      { input: 'make clean', foundBy: 'fs/rm-recursive', files: { Makefile: 'BUILD=build\n\nclean:\n\t@echo cleaning\n\trm -rf $(BUILD_DIR)/\n' }, decision: 'block', note: 'BUILD_DIR is set nowhere: make makes it empty' },
      { input: 'make reset', foundBy: 'db/postgres-utility', files: { Makefile: '.PHONY: reset\nreset: drop\n\techo done\n\ndrop:\n\t-dropdb app_production\n' }, decision: 'block', note: 'a prerequisite\'s recipe runs first' },
      { input: 'make -C infra destroy', foundBy: 'infra/terraform', files: { 'infra/Makefile': 'destroy:\n\tterraform destroy -auto-approve\n' }, decision: 'block' },
      { input: 'make', foundBy: 'fs/rm-recursive', files: { Makefile: 'all: wipe\nwipe:\n\trm -rf $$HOME/\n' }, decision: 'block', note: 'the first target is the default; $$ is a shell $' },
      { input: 'make deploy ENV=production', foundBy: 'k8s/kubectl-delete', files: { Makefile: 'deploy:\n\tkubectl --context $(ENV) delete namespace app\n' }, decision: 'block' },
      { input: 'python3 scripts/cleanup.py', foundBy: 'exec/inline-delete', files: { 'scripts/cleanup.py': 'import shutil, os\nshutil.rmtree(os.path.expanduser("~"))\n' }, decision: 'block' },
      { input: 'node tools/reset.js', foundBy: 'git/clean-force', files: { 'tools/reset.js': 'const { execSync } = require("child_process");\nexecSync("git reset --hard origin/main && git clean -fdx");\n' }, decision: 'block' },
      { input: './tools/nuke.py', foundBy: 'exec/inline-delete', files: { 'tools/nuke.py': '#!/usr/bin/env python3\nimport shutil\nshutil.rmtree("/home/dev/project")\n' }, decision: 'block' },
    ],
    pass: [
      { input: 'bash clean.sh src', files: { 'clean.sh': 'rm -rf "$1"\n' }, note: 'typed, `rm -rf src` asks; in the team\'s script only what would block counts' },
      { input: 'make clean', files: { Makefile: 'clean:\n\trm -rf bin obj _build\n\tkubectl delete deployment api-preview\n' }, note: 'asks typed, quiet in a clean target' },
      { input: 'bash scripts/tmp.sh', files: { 'scripts/tmp.sh': 'WORK="$(pwd)/out-$(date +%s)"\nmkdir -p "$WORK"\nrm -rf "$WORK"\n' }, note: 'a path the script computes' },
      { input: 'bash scripts/build.sh', files: { 'scripts/build.sh': '#!/bin/bash\nset -euo pipefail\nrm -rf dist\nnpm ci\nnpm run build\n' } },
      { input: './scripts/test.sh --watch', files: { 'scripts/test.sh': '#!/bin/sh\nexec npx vitest "$@"\n' } },
      { input: 'make clean', files: { Makefile: 'BUILD_DIR := build\nclean:\n\trm -rf $(BUILD_DIR) *.o $(wildcard dist/*)\n' } },
      { input: 'make test', files: { Makefile: 'test:\n\tgo test ./...\nnuke:\n\trm -rf /\n' }, note: 'only the target that runs counts' },
      { input: 'make -n clean', files: { Makefile: 'clean:\n\trm -rf ~/\n' }, note: 'a dry run prints the recipe' },
      { input: 'bash scripts/missing.sh', note: 'a script that cannot be read runs as before' },
      { input: 'python3 scripts/gen.py', files: { 'scripts/gen.py': 'import shutil, sys\nout = sys.argv[1]\nshutil.rmtree(out, ignore_errors=True)\n' }, note: 'a computed path in a project script stays quiet' },
      { input: 'python -m pytest -q', files: { 'pytest': 'rm -rf /\n' }, note: 'a module, not a file' },
      { input: 'bash -c "echo hi" scripts/reset.sh', files: { 'scripts/reset.sh': 'rm -rf ~/\n' }, note: 'with -c the file is an argument, not the script' },
      { input: 'ssh prod ./deploy.sh', files: { 'deploy.sh': 'rm -rf ~/\n' }, note: 'the script of the other machine, not this one' },
      { input: '/usr/bin/ldd ./app', files: { '/usr/bin/ldd': '#!/bin/bash\nrm -rf "$TMPDIR/x"\nrm -rf /\n' }, note: 'a system program, not a project script' },
    ],
  },
});
