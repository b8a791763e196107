/**
 * Matchers for custom command rules: globs over a command line and anchored regular expressions, both safe to run
 * on agent-controlled text.
 *
 * Command globs are not path globs (picomatch is used for those, in protect.ts): in a command line `*` must cross
 * spaces and slashes and `..`, so the glob is matched by the classic two-pointer wildcard algorithm, which takes
 * at most O(text × pattern) steps whatever the input, with no regular expression behind it.
 *
 * Regular expressions are checked for super-linear backtracking with scslre (by the author of eslint-plugin-regexp;
 * it finds exponential and polynomial backtracking on attack strings that repeat a character), backreferences are
 * refused, and they only ever see text up to MAX_MATCH_LENGTH characters, which bounds what the check misses.
 */
import type { RegExpParser as RegExpParserType } from '@eslint-community/regexpp';

/** Longest text a custom regular expression is run on. Longer command lines are still checked by every built-in rule. */
export const MAX_MATCH_LENGTH = 4096;

/** Collapses runs of whitespace and trims, so `make   deploy` and `make deploy` read alike. */
export function normaliseCommand(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

interface GlobToken {
  kind: 'star' | 'one' | 'lit';
  ch?: string;
}

function tokeniseGlob(pattern: string): GlobToken[] {
  const out: GlobToken[] = [];
  const p = normaliseCommand(pattern);
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '\\' && i + 1 < p.length) out.push({ kind: 'lit', ch: p[++i] });
    else if (c === '*') {
      if (out[out.length - 1]?.kind !== 'star') out.push({ kind: 'star' });
    } else if (c === '?') out.push({ kind: 'one' });
    else out.push({ kind: 'lit', ch: c });
  }
  return out;
}

/** A glob over a whole (normalised) command line: `*` any text, `?` one character, `\` escapes the next one. */
export function compileCommandGlob(pattern: string): (text: string) => boolean {
  const tokens = tokeniseGlob(pattern);
  return (raw) => {
    const text = normaliseCommand(raw);
    let t = 0;
    let p = 0;
    let starP = -1;
    let starT = 0;
    while (t < text.length) {
      const tok = tokens[p];
      if (tok && (tok.kind === 'one' || (tok.kind === 'lit' && tok.ch === text[t]))) {
        t++;
        p++;
      } else if (tok?.kind === 'star') {
        starP = p++;
        starT = t;
      } else if (starP >= 0) {
        p = starP + 1;
        t = ++starT;
      } else return false;
    }
    while (tokens[p]?.kind === 'star') p++;
    return p === tokens.length;
  };
}

let parser: RegExpParserType | undefined;

/**
 * Why a custom regular expression must not be used, or undefined when it is fine. The analysis libraries are loaded
 * on first use only, so rule files without regular expressions cost nothing at start-up.
 */
export function regexProblem(source: string): string | undefined {
  try {
    new RegExp(source, 'u');
  } catch (e) {
    return `not a valid regular expression: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}`;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { RegExpParser, visitRegExpAST } = require('@eslint-community/regexpp') as typeof import('@eslint-community/regexpp');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { analyse } = require('scslre') as typeof import('scslre');
  parser ??= new RegExpParser({ ecmaVersion: 2022 });
  const pattern = parser.parsePattern(source, 0, source.length, { unicode: true });
  let backreference = false;
  visitRegExpAST(pattern, { onBackreferenceEnter: () => { backreference = true; } });
  if (backreference) return 'backreferences (\\1, \\k<name>) are not allowed: they can take exponential time';
  const result = analyse({ source: `^(?:${source})$`, flags: 'u' }, { reportTypes: { Move: false } });
  const worst = result.reports.find((r) => r.exponential) ?? result.reports[0];
  if (worst) {
    const kind = worst.exponential ? 'exponential' : 'polynomial';
    return `can take ${kind} time on some inputs (catastrophic backtracking on a long run of "${worst.character.pick}"); rewrite it without nested or adjacent overlapping repetitions`;
  }
  return undefined;
}

/** An anchored matcher for a regular expression that passed `regexProblem`. Text over the cap never matches. */
export function compileCommandRegex(source: string): (text: string) => boolean {
  const re = new RegExp(`^(?:${source})$`, 'u');
  return (raw) => {
    const text = normaliseCommand(raw);
    return text.length <= MAX_MATCH_LENGTH && re.test(text);
  };
}
