/**
 * `blast-radius rules list | explain <rule-id> | test [dir] [--trust-rules]`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { allRules } from '../engine/rules';
import { explainRule } from '../engine/docs';
import { evaluate } from '../engine/evaluate';
import type { Action } from '../engine/types';
import { formatDiagnostic, RuleFiles } from '../engine/config';
import { didYouMean } from '../engine/config/rule-file';
import { fixtureKind, parseFixtures } from '../engine/config/fixtures';
import type { FixtureCase } from '../engine/config/fixtures';
import type { Io } from './io';

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out', '.test-output', '.vscode-test']);

function write(io: Io, text: string): void {
  io.stdout.write(text.endsWith('\n') ? text : text + '\n');
}

export function homeOf(env: NodeJS.ProcessEnv): string {
  return env.HOME || env.USERPROFILE || os.homedir();
}

export async function runRules(args: string[], io: Io, cwd: string): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'list':
      return list(io);
    case 'explain':
      return explain(rest[0], io);
    case 'test':
      return test(rest, io, cwd);
    default:
      io.stderr.write(`blast-radius rules: expected list, explain <rule-id> or test [dir]${sub ? `, not "${sub}"` : ''}\n`);
      return 1;
  }
}

function list(io: Io): number {
  const rules = [...allRules].sort((a, b) => a.meta.id.localeCompare(b.meta.id));
  const width = Math.max(...rules.map((r) => r.meta.id.length), 2);
  write(io, `${'id'.padEnd(width)}  default  description`);
  for (const r of rules) write(io, `${r.meta.id.padEnd(width)}  ${r.meta.decision.padEnd(7)}  ${r.meta.description}`);
  return 0;
}

function explain(id: string | undefined, io: Io): number {
  if (!id) {
    io.stderr.write('blast-radius rules explain: which rule? `blast-radius rules list` shows every id\n');
    return 1;
  }
  const rule = allRules.find((r) => r.meta.id === id);
  if (!rule) {
    io.stderr.write(`blast-radius rules explain: no rule "${id}"${didYouMean(id, allRules.map((r) => r.meta.id))}\n`);
    return 1;
  }
  write(io, explainRule(rule));
  return 0;
}

function fixtureFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(path.join(d, entry.name));
      } else if (entry.isFile() && fixtureKind(entry.name)) out.push(path.join(d, entry.name));
    }
  };
  walk(dir);
  return out;
}

function oneLine(text: string): string {
  const first = text.split('\n')[0]!;
  return text.includes('\n') ? `${first} …` : first;
}

async function test(args: string[], io: Io, cwd: string): Promise<number> {
  let trustRules = false;
  let target: string | undefined;
  for (const a of args) {
    if (a === '--trust-rules') trustRules = true;
    else if (!a.startsWith('-') && target === undefined) target = a;
    else {
      io.stderr.write(`blast-radius rules test: unknown option ${a}\n`);
      return 1;
    }
  }
  const dir = path.resolve(cwd, target ?? '.');
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    io.stderr.write(`blast-radius rules test: ${dir} is not a folder\n`);
    return 1;
  }
  // The team's cases run against the built-ins and the repository's files only (not this person's own settings),
  // so they give the same answer on every machine; approvals (or --trust-rules) still decide what loosens.
  const files = new RuleFiles({ home: homeOf(io.env), user: [], trustRules });
  const effective = files.forFolder(dir);
  const rel = (p: string): string => path.relative(cwd, p) || p;
  for (const d of effective.diagnostics) io.stderr.write(`${formatDiagnostic({ ...d, file: rel(d.file) })}\n`);
  const broken = effective.files.filter((f) => f.state !== 'in-force');
  for (const f of broken) io.stderr.write(`${rel(f.path)}: has errors, so it is not in force; fix them first\n`);

  const cases: FixtureCase[] = [];
  let failed = 0;
  for (const file of fixtureFiles(dir)) {
    const parsed = parseFixtures(file, fs.readFileSync(file, 'utf8'));
    cases.push(...parsed.cases);
    for (const p of parsed.problems) {
      failed++;
      write(io, `${rel(p.file)}:${p.line}: ${p.message}`);
    }
  }
  const options = { config: effective.config, workspaceRoot: effective.workspaceRoot, env: {}, home: homeOf(io.env) };
  let passed = 0;
  for (const c of cases) {
    const action: Action = c.kind === 'shell' ? { kind: 'shell', command: c.input, cwd: dir } : { kind: 'sql', sql: c.input, cwd: dir };
    const verdict = evaluate(action, options);
    if (verdict.decision === c.expected) {
      passed++;
      continue;
    }
    failed++;
    write(io, `${rel(c.file)}:${c.line}: expected ${c.expected}, got ${verdict.decision}: ${oneLine(c.input)}`);
    for (const f of verdict.findings) write(io, `    [${f.decision}] ${f.ruleId}: ${f.message}`);
  }
  const pending = effective.ignored.filter((e) => e.kind === 'needs-approval');
  if (failed > 0 && pending.length > 0) {
    write(io, `note: ${pending.length} loosening ${pending.length === 1 ? 'entry is' : 'entries are'} not in force until approved (or run with --trust-rules):`);
    for (const e of pending) write(io, `    ${rel(e.file)}:${e.line}:${e.column}: ${e.entry}`);
  }
  if (cases.length === 0 && failed === 0) {
    io.stderr.write(`blast-radius rules test: no annotated cases under ${rel(dir)} (# blast-radius: allow|ask|block in .sh files, -- blast-radius: … in .sql files)\n`);
    return 1;
  }
  write(io, `${passed} passed, ${failed} failed`);
  return failed > 0 || broken.length > 0 ? 1 : 0;
}
