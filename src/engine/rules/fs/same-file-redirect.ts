import * as path from 'node:path';
import { defineCommandRule } from '../../rule';
import type { SimpleCommand } from '../../shell/types';
import { hasFlag, positionals, resolvePath } from '../../shell/words';

/** Programs that read the files named in their arguments (or on stdin) and write the result to stdout. */
const FILTERS = new Set([
  'cat', 'tac', 'sort', 'uniq', 'grep', 'egrep', 'fgrep', 'rg', 'sed', 'awk', 'gawk', 'mawk', 'jq', 'yq', 'cut', 'head', 'tail',
  'rev', 'fmt', 'fold', 'column', 'paste', 'nl', 'expand', 'unexpand', 'iconv', 'tr', 'perl', 'envsubst', 'xmllint', 'dos2unix',
  'unix2dos', 'base64', 'gzip', 'gunzip', 'zcat', 'bzip2', 'xz', 'strings', 'comm', 'join', 'diff', 'sqlite3', 'pandoc',
  'prettier', 'black', 'clang-format', 'gofmt', 'shfmt', 'json_pp', 'xxd', 'od', 'split', 'csvcut', 'mlr',
]);

/** Files a command reads: file arguments of a filter, or a `<` redirect. */
function reads(cmd: SimpleCommand, cwd: string | undefined, home: string): Set<string> {
  const out = new Set<string>();
  const add = (p: string): void => {
    const r = resolvePath(p, cwd, home);
    if (r && !r.startsWith('/dev/')) out.add(r);
  };
  if (cmd.stdin?.kind === 'file') add(cmd.stdin.path);
  for (const r of cmd.redirects) if (r.op === '<' && r.fd !== undefined && r.fd !== 0) add(r.target);
  if (FILTERS.has(cmd.name) && !(cmd.name === 'sed' && hasFlag(cmd.args, 'i', '--in-place')) && !(cmd.name === 'perl' && hasFlag(cmd.args, 'i'))) {
    for (const p of positionals(cmd.args)) add(p);
  }
  return out;
}

export default defineCommandRule({
  meta: {
    id: 'fs/same-file-redirect',
    decision: 'block',
    severity: 'high',
    description: 'Reads a file and redirects into the same file in one command line (`sort f > f`, `jq . x.json > x.json`, `cat f | grep x > f`): the shell empties the file before it is read, so it ends up empty.',
    message: 'Empties {{target}}: it is truncated by `{{op}}` before {{reader}} reads it',
    safer: 'Write to a temporary file and move it over the original (`sort f > f.tmp && mv f.tmp f`), or use the tool\'s in-place option (`sort -o f f`, `sed -i`).',
  },
  check(cmd, ctx) {
    const cwd = cmd.cwd ?? ctx.cwd;
    const written: { file: string; op: string }[] = [];
    for (const r of cmd.redirects) {
      // Under `set -o noclobber`, `>` fails on the existing file instead of emptying it.
      if ((r.op === '>' || r.op === '>|' || r.op === '&>') && r.fd !== 0 && !r.noclobber) {
        const file = resolvePath(r.target, cwd, ctx.home);
        if (file && !file.startsWith('/dev/')) written.push({ file, op: r.op });
      }
    }
    if (cmd.name === 'tee' && !hasFlag(cmd.args, 'a', '--append')) {
      for (const p of positionals(cmd.args)) {
        const file = resolvePath(p, cwd, ctx.home);
        if (file && !file.startsWith('/dev/')) written.push({ file, op: 'tee' });
      }
    }
    if (!written.length) return;
    // This command and every command feeding it through a pipe start together, before any reading happens.
    const readers: { cmd: SimpleCommand; files: Set<string> }[] = [];
    for (let c: SimpleCommand | undefined = cmd, n = 0; c && n < 16; c = c.stdin?.kind === 'pipe' ? c.stdin.producer : undefined, n++) {
      readers.push({ cmd: c, files: reads(c, c.cwd ?? ctx.cwd, ctx.home) });
    }
    for (const w of written) {
      const reader = readers.find((r) => r.files.has(w.file));
      if (!reader) continue;
      ctx.report({ target: path.posix.relative(cwd ?? '/', w.file) || w.file, data: { op: w.op, reader: `\`${reader.cmd.name}\`` } });
    }
  },
  tests: {
    pause: [
      'sort names.txt > names.txt',
      'uniq data.csv > data.csv',
      'jq ".version = \\"2.0\\"" package.json > package.json',
      'sed "s/foo/bar/g" config.yml > config.yml',
      'cat requirements.txt | sort -u > requirements.txt',
      'grep -v DEBUG app.conf > app.conf',
      'awk "!seen[$0]++" .gitignore > .gitignore',
      'sort < words.txt > words.txt',
      'cat notes.md | tee notes.md',
      'cd docs && sort index.txt > ./index.txt',
      'head -n 100 /home/dev/project/big.log > big.log',
      'cat a.txt b.txt | sort | uniq > b.txt',
    ],
    pass: [
      'set -o noclobber; sort users.txt > users.txt',
      'sort names.txt > names.sorted.txt',
      'sort -o names.txt names.txt',
      'jq ".version" package.json > /tmp/version.txt',
      'sed -i "s/foo/bar/g" config.yml',
      'cat a.txt >> a.txt.bak',
      'sort names.txt > names.tmp && mv names.tmp names.txt',
      'jq . data.json | tee /tmp/out.json',
      'cat /dev/null > /dev/null',
      'echo data.txt > data.txt',
    ],
  },
});
