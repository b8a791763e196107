import { defineCommandRule } from '../../rule';
import type { Decision } from '../../types';
import { classifyTarget, describeWidth } from '../fs/_paths';
import type { Width } from '../fs/_paths';
import { importantFile } from '../fs/_important';
import type { Language } from './_code';
import { findCalls, folderOf, inlineCode, literal, splitArgs } from './_code';

const DECISION: Record<Width['kind'], Decision> = {
  root: 'block', home: 'block', system: 'block', 'workspace-root': 'block', 'workspace-ancestor': 'block', 'git-dir': 'block',
  'unset-variable': 'block', 'home-child': 'block', unknown: 'ask', 'outside-workspace': 'ask', 'workspace-top': 'ask', narrow: 'allow',
};

/** Recursive deletes by language; `recursiveFlag` means the call only recurses when its options say so. */
const RECURSIVE: Partial<Record<Language, { callee: string; recursiveFlag?: boolean; parenless?: boolean }[]>> = {
  python: [{ callee: 'shutil\\.rmtree|rmtree' }],
  node: [
    { callee: '(?:fs|fsp|fs\\.promises|promises|require\\([\'"](?:node:)?fs(?:/promises)?[\'"]\\))\\.(?:rmSync|rm|rmdirSync|rmdir)|rmSync|rmdirSync', recursiveFlag: true },
    { callee: '(?:fse|fsExtra|fs|require\\([\'"]fs-extra[\'"]\\))\\.(?:removeSync|remove|emptyDirSync|emptyDir)|(?:rimraf|require\\([\'"]rimraf[\'"]\\))(?:\\.sync|\\.rimrafSync|\\.rimraf)?|rimrafSync|deleteSync|del' },
    { callee: 'Bun\\.\\$' },
  ],
  deno: [{ callee: 'Deno\\.(?:removeSync|remove)', recursiveFlag: true }],
  ruby: [{ callee: 'FileUtils\\.(?:rm_rf|rm_r|remove_dir|remove_entry_secure|remove_entry|rmtree)', parenless: true }],
  perl: [{ callee: '(?:File::Path::)?(?:rmtree|remove_tree)', parenless: true }],
};
const SINGLE: Partial<Record<Language, { callee: string; parenless?: boolean }>> = {
  python: { callee: 'os\\.remove|os\\.unlink' },
  node: { callee: '(?:fs|fsp|fs\\.promises|require\\([\'"](?:node:)?fs(?:/promises)?[\'"]\\))\\.(?:unlinkSync|unlink)|unlinkSync' },
  deno: { callee: 'Deno\\.(?:removeSync|remove)' },
  ruby: { callee: 'File\\.(?:delete|unlink)|FileUtils\\.(?:rm_f|rm|remove)', parenless: true },
  perl: { callee: 'unlink', parenless: true },
  php: { callee: 'unlink' },
  lua: { callee: 'os\\.remove' },
};

/** The path a delete call names, as a shell-like word (`~`, `.`, `/x`), or undefined when it is computed. */
function pathArg(argsText: string): string | undefined {
  const first = splitArgs(argsText)[0];
  if (first === undefined) return undefined;
  const lit = literal(first);
  if (lit !== undefined) return lit;
  const expand = /expanduser\(\s*(['"][^'"]*['"])\s*\)/.exec(first);
  if (expand) return literal(expand[1]);
  const folder = folderOf(first);
  if (folder) return folder;
  const joined = /^(?:os\.path\.join|path\.join|path\.resolve|File\.join)\((.*)\)$/s.exec(first.trim());
  if (joined) {
    const parts = splitArgs(joined[1]!);
    const base = folderOf(parts[0] ?? '') ?? literal(parts[0]);
    const rest = parts.slice(1).map((p) => literal(p));
    if (base !== undefined && rest.every((r) => r !== undefined)) return [base, ...rest].join('/');
  }
  const home = /(?:Path\.home\(\)|Path\(['"]~['"]\)\.expanduser\(\))\s*\/\s*(['"][^'"]*['"])/.exec(first);
  if (home) return `~/${literal(home[1])}`;
  return undefined;
}

export default defineCommandRule({
  meta: {
    id: 'exec/inline-delete',
    commands: ['python', 'python2', 'python3', 'python3.8', 'python3.9', 'python3.10', 'python3.11', 'python3.12', 'python3.13', 'pypy', 'pypy3', 'node', 'nodejs', 'tsx', 'ts-node', 'bun', 'deno', 'ruby', 'perl', 'php', 'lua', 'luajit'],
    decision: 'block',
    severity: 'critical',
    description: 'Interpreter one-liners and heredocs that delete folders: `shutil.rmtree`, `fs.rmSync(…, {recursive: true})`, `rimraf`, `fs-extra` removes, `Deno.remove(…, {recursive: true})`, `FileUtils.rm_rf`, Perl `rmtree` — judged like `rm -rf` on the same path (home, /, the project, .git block; a path computed at run time asks; build folders stay quiet). Deleting a database, env or state file with `os.remove`/`unlink` asks.',
    message: '{{via}} deletes {{target}} ({{what}})',
    safer: 'Name the exact build or cache folder in the code, or use `rm -rf <folder>` so the path is visible.',
  },
  check(cmd, ctx) {
    const src = inlineCode(cmd, ctx);
    if (!src) return;
    const cwd = cmd.cwd ?? ctx.cwd;
    const lang = src.language;
    for (const pattern of RECURSIVE[lang] ?? []) {
      if (pattern.callee === 'Bun\\.\\$') continue; // Bun shell templates are judged as shell by exec/inline-command
      for (const call of findCalls(src.code, pattern.callee, pattern.parenless)) {
        if (pattern.recursiveFlag && !/recursive\s*:\s*true/.test(call.argsText)) continue;
        const target = pathArg(call.argsText);
        if (target === undefined) {
          // A script in the project computes its paths all the time (`shutil.rmtree(out_dir)`): only what it names counts.
          if (src.fromFile) continue;
          ctx.report({ target: call.argsText.slice(0, 80) || call.callee, data: { via: src.via, what: 'a path computed when the code runs' }, decision: 'ask', signals: [`${call.callee}() of a computed path`] });
          continue;
        }
        const info = classifyTarget(target, cwd, ctx.home, ctx.workspaceRoot);
        const decision = DECISION[info.width.kind];
        // In a script of the project only what would block counts (see evaluate.ts, scripts read from files).
        if (decision === 'allow' || (src.fromFile && decision !== 'block')) continue;
        ctx.report({ target: info.resolved ?? target, data: { via: src.via, what: describeWidth(info.width) }, decision, signals: [`${call.callee}() deletes recursively`] });
      }
    }
    const single = SINGLE[lang];
    if (single && !src.fromFile) {
      for (const call of findCalls(src.code, single.callee, single.parenless)) {
        if (lang === 'deno' && /recursive\s*:\s*true/.test(call.argsText)) continue;
        for (const arg of splitArgs(call.argsText)) {
          const p = literal(arg);
          const file = p === undefined ? undefined : importantFile(p, cwd, ctx);
          if (file) ctx.report({ target: file.path, data: { via: src.via, what: file.what }, decision: 'ask', signals: [`${call.callee}() deletes ${file.what}`] });
        }
      }
    }
    // pathlib: Path('x').unlink()
    if (lang === 'python' && !src.fromFile) {
      for (const m of src.code.matchAll(/Path\(\s*(['"][^'"]+['"])\s*\)\.unlink\(/g)) {
        const p = literal(m[1]);
        const file = p === undefined ? undefined : importantFile(p, cwd, ctx);
        if (file) ctx.report({ target: file.path, data: { via: src.via, what: file.what }, decision: 'ask', signals: ['Path.unlink() deletes it'] });
      }
    }
  },
  tests: {
    pause: [
      'python3 -c "import shutil; shutil.rmtree(\'/\')"',
      'python -c "import shutil, os; shutil.rmtree(os.path.expanduser(\'~\'))"',
      'python3 -c "from pathlib import Path; import shutil; shutil.rmtree(Path.home())"',
      'python3 -c "import shutil; shutil.rmtree(\'.git\')"',
      'python3 -c "import shutil,os; shutil.rmtree(os.getcwd())"',
      { input: 'python3 -c "import shutil,sys; shutil.rmtree(sys.argv[1])" "$TARGET"', decision: 'ask' },
      { input: 'python3 -c "import shutil; shutil.rmtree(\'src\')"', decision: 'ask' },
      'node -e "require(\'fs\').rmSync(process.env.HOME, { recursive: true, force: true })"',
      'node -e "require(\'fs\').rmSync(\'/home/dev\', {recursive: true})"',
      'node -e "const fs=require(\'fs\'); fs.rmSync(\'.\', {recursive:true, force:true})"',
      { input: 'node -e "require(\'fs\').rmSync(dir, {recursive: true})"', decision: 'ask' },
      'node -e "require(\'rimraf\').sync(\'/home/dev/project\')"',
      'bun -e "import { rmSync } from \'fs\'; rmSync(\'/\', { recursive: true })"',
      'deno eval "await Deno.remove(Deno.env.get(\'HOME\'), { recursive: true })"',
      'ruby -e "require \'fileutils\'; FileUtils.rm_rf(Dir.home)"',
      'ruby -e \'require "fileutils"; FileUtils.rm_rf "/etc"\'',
      'perl -MFile::Path=rmtree -e \'rmtree("/home/dev")\'',
      'python3 - <<\'EOF\'\nimport shutil\nshutil.rmtree("/var/lib/postgresql")\nEOF',
      'cat <<EOF | python3\nimport shutil\nshutil.rmtree("/home/dev/project")\nEOF',
      { input: 'python3 -c "import os; os.remove(\'app.db\')"', decision: 'ask' },
      { input: 'node -e "require(\'fs\').unlinkSync(\'.env\')"', decision: 'ask' },
      'ssh prod "python3 -c \\"import shutil; shutil.rmtree(\'/srv/app\')\\""',
    ],
    pass: [
      'python3 -c "import json,sys; print(json.load(sys.stdin)[\'x\'])"',
      'python3 -c "import shutil; shutil.rmtree(\'build\')"',
      'python3 -c "import shutil; shutil.rmtree(\'build\', ignore_errors=True); shutil.rmtree(\'dist\', ignore_errors=True)"',
      'python -c "import shutil; shutil.rmtree(\'/tmp/work-123\')"',
      'python3 -c "import os; os.remove(\'out.txt\')"',
      'node -e "require(\'fs\').rmSync(\'dist\', { recursive: true, force: true })"',
      'node -e "require(\'fs\').rmSync(\'node_modules/.cache\', {recursive: true, force: true})"',
      'node -e "console.log(require(\'./package.json\').version)"',
      'node -e "require(\'fs\').rmSync(\'/\')"',
      'ruby -e "puts RUBY_VERSION"',
      'perl -pi -e "s/foo/bar/g" src/config.txt',
      'perl -ne \'print if /TODO/\' src/main.c',
      'python3 -c "print(\'shutil.rmtree(\\"/\\")\')"',
      'python3 script.py',
      'echo "shutil.rmtree(\'/\')" > notes.md',
    ],
  },
});
