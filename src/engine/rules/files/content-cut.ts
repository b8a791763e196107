import * as path from 'node:path';
import { defineFileRule } from '../../rule';
import { isTempPath, REGENERABLE } from '../fs/_paths';
import { absolutePath, classifyFile } from './_classify';
import { changeStats, contentAfter, contentLines } from './_content';

/**
 * Thresholds, in non-blank lines (blank lines are formatting, not content):
 *
 * - Emptied: a file of at least EMPTIED_MIN lines left with none. Below that the loss is a glance in `git diff`;
 *   agents empty small `__init__.py` and stub files on purpose.
 * - Cut: a file of at least CUT_MIN lines (about one screen) left with less than CUT_KEEP of them, i.e. more than
 *   60% gone. Refactors that move code out of a file (to split a module) usually move a part of it, 20–50%;
 *   losing most of a large file in one write is the signature of a truncated or lazily regenerated write.
 * - Placeholder: the new text carries a "rest of the file unchanged" comment that was not there before, and the
 *   file shrinks by at least PLACEHOLDER_SHRINK lines: models write these instead of the code they skipped, and
 *   the write then deletes that code.
 */
const EMPTIED_MIN = 10;
const CUT_MIN = 40;
const CUT_KEEP = 0.4;
const PLACEHOLDER_SHRINK = 10;

const COMMENT = /^\s*(\/\/|#|\/\*|\*|<!--|--|;|%|\{\/\*|')/;
const LAZY = /(\.\.\.|…)\s*(\(?\s*)?(the )?(existing|rest|remaining|previous|unchanged|same|other|more)\b|\b(rest of (the )?(file|code|content|class|module|implementation|methods|functions|component)|existing (code|content|methods|functions|imports|tests)|(code|content|implementation) (stays|remains) (the same|unchanged)|unchanged (code|content|below|above)|omitted for brevity|as before)\b/i;

/** Outputs, lockfiles and generated files: tools rewrite these wholesale. */
const GENERATED = /(^|\/)(package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?|Cargo\.lock|poetry\.lock|Pipfile\.lock|uv\.lock|composer\.lock|Gemfile\.lock|go\.sum|mix\.lock|pubspec\.lock|Podfile\.lock|flake\.lock)$|\.(min\.(js|css)|map|snap|log|lock)$|(^|\/)__snapshots__\//;

function placeholderAdded(before: string | undefined, after: string): string | undefined {
  const old = new Set(contentLines(before).map((l) => l.trim()));
  return contentLines(after).find((l) => COMMENT.test(l) && LAZY.test(l) && !old.has(l.trim()))?.trim();
}

function skipped(abs: string | undefined, root: string | undefined): boolean {
  if (!abs) return false;
  const inside = root !== undefined && abs.startsWith(root + '/');
  if ((!inside && isTempPath(abs)) || GENERATED.test(abs)) return true;
  // Only folders inside the project count: the project itself may sit under a folder named `build` or `tmp`.
  const segs = (inside ? abs.slice(root!.length + 1) : abs).split('/').slice(0, -1);
  return segs.some((s) => REGENERABLE.has(s));
}

export default defineFileRule({
  meta: {
    id: 'files/content-cut',
    decision: 'ask',
    severity: 'medium',
    description:
      'An agent write empties a file (10+ lines left with none), cuts a large file (40+ lines) by more than 60%, or replaces part of a file ' +
      'with a "rest of the file unchanged" placeholder: the typical truncated or lazy write that silently deletes code.',
    message: '{{how}} {{target}}: {{before}} → {{after}} lines (+{{added}} −{{removed}})',
    safer: 'Edit the parts that change instead of rewriting the file, and never write placeholders such as "// ... existing code ..." into a file.',
  },
  check(action, ctx) {
    if (action.op !== 'write' && action.op !== 'edit') return;
    const abs = absolutePath(action.path, action.cwd ?? ctx.cwd ?? ctx.workspaceRoot, ctx.home);
    if (skipped(abs, ctx.workspaceRoot)) return;
    const p = classifyFile(action.path, { cwd: action.cwd ?? ctx.cwd, workspaceRoot: ctx.workspaceRoot, home: ctx.home, protect: ctx.protect });
    if (p && p.cls !== 'guard') return; // files/protected-edit already asks about every change to these
    const s = changeStats(action);
    if (s.before === undefined || s.after === undefined) return;
    const target = abs && ctx.workspaceRoot && abs.startsWith(ctx.workspaceRoot + '/') ? path.posix.relative(ctx.workspaceRoot, abs) : action.path;
    const data = { before: s.before, after: s.after, added: s.added, removed: s.removed };
    if (s.after === 0 && s.before >= EMPTIED_MIN) {
      ctx.report({ target, data: { ...data, how: 'Empties' } });
      return;
    }
    if (s.before >= CUT_MIN && s.after < s.before * CUT_KEEP) {
      ctx.report({ target, data: { ...data, how: 'Cuts most of' } });
      return;
    }
    const after = contentAfter(action) ?? action.newContent;
    if (after !== undefined && s.before - s.after >= PLACEHOLDER_SHRINK) {
      const lazy = placeholderAdded(action.oldContent ?? action.oldText, after);
      if (lazy) ctx.report({ target, data: { ...data, how: `Replaces code with the placeholder "${lazy.slice(0, 60)}" in` } });
    }
  },
  tests: {
    pause: [
      { input: { kind: 'file', op: 'write', path: 'src/server.ts', oldContent: Array.from({ length: 200 }, (_, i) => `export const v${i} = ${i};`).join('\n'), newContent: '' } },
      { input: { kind: 'file', op: 'write', path: 'src/billing.py', oldContent: Array.from({ length: 120 }, (_, i) => `x${i} = ${i}`).join('\n'), newContent: 'x0 = 0\nx1 = 1\n' } },
      {
        input: {
          kind: 'file', op: 'write', path: 'src/api.ts',
          oldContent: Array.from({ length: 30 }, (_, i) => `export function f${i}() { return ${i}; }`).join('\n'),
          newContent: 'export function f0() { return 0; }\n// ... rest of the file unchanged ...\n',
        },
      },
      {
        input: {
          kind: 'file', op: 'edit', path: 'lib/orders.rb',
          oldContent: ['class Orders', ...Array.from({ length: 50 }, (_, i) => `  def m${i}; ${i}; end`), 'end'].join('\n'),
          oldText: Array.from({ length: 50 }, (_, i) => `  def m${i}; ${i}; end`).join('\n'),
          newContent: '  def m0; 0; end',
        },
        note: 'an edit that replaces the whole body with one line',
      },
    ],
    pass: [
      { input: { kind: 'file', op: 'write', path: 'src/server.ts', oldContent: Array.from({ length: 200 }, (_, i) => `export const v${i} = ${i};`).join('\n'), newContent: Array.from({ length: 180 }, (_, i) => `export const w${i} = ${i};`).join('\n') }, note: 'a full rewrite of similar size' },
      { input: { kind: 'file', op: 'write', path: 'src/util.ts', oldContent: 'a\nb\nc\n', newContent: '' }, note: 'a small file emptied' },
      { input: { kind: 'file', op: 'write', path: 'package-lock.json', oldContent: Array.from({ length: 500 }, (_, i) => `"l${i}": 1,`).join('\n'), newContent: '{}' } },
      { input: { kind: 'file', op: 'write', path: 'dist/bundle.js', oldContent: Array.from({ length: 100 }, (_, i) => `var a${i};`).join('\n'), newContent: '' } },
      { input: { kind: 'file', op: 'create', path: 'src/new.ts', newContent: 'export {};\n' } },
      { input: { kind: 'file', op: 'write', path: 'src/big.ts', oldContent: Array.from({ length: 100 }, (_, i) => `const a${i} = ${i};`).join('\n'), newContent: Array.from({ length: 60 }, (_, i) => `const a${i} = ${i};`).join('\n') }, note: 'a 40% cut: splitting a module' },
      { input: { kind: 'file', op: 'edit', path: 'src/app.ts', oldContent: 'a\n// ... existing code ...\nb\n', oldText: 'b', newContent: 'c' }, note: 'the placeholder was already there' },
    ],
  },
});
