/**
 * A team's annotated rule fixtures for `blast-radius rules test`: in `.sh` files a comment line
 * `# blast-radius: allow|ask|block` annotates the command on the next line (continued with a trailing `\`, or
 * with the body of a heredoc it opens); in `.sql` files `-- blast-radius: ...` annotates the next statement
 * (up to the line that ends with `;`, or a blank line).
 */
import type { Decision } from '../types';

export interface FixtureCase {
  file: string;
  /** 1-based line of the annotated command or statement. */
  line: number;
  kind: 'shell' | 'sql';
  input: string;
  expected: Decision;
}

export interface FixtureProblem {
  file: string;
  line: number;
  message: string;
}

const DECISIONS = new Set(['allow', 'ask', 'block']);

export function fixtureKind(file: string): 'shell' | 'sql' | undefined {
  if (/\.(sh|bash|zsh)$/i.test(file)) return 'shell';
  if (/\.sql$/i.test(file)) return 'sql';
  return undefined;
}

export function parseFixtures(file: string, text: string): { cases: FixtureCase[]; problems: FixtureProblem[] } {
  const kind = fixtureKind(file);
  const cases: FixtureCase[] = [];
  const problems: FixtureProblem[] = [];
  if (!kind) return { cases, problems };
  const lines = text.split(/\r?\n/);
  const marker = kind === 'shell' ? /^\s*#\s*blast-radius:\s*(.*?)\s*$/ : /^\s*--\s*blast-radius:\s*(.*?)\s*$/;
  for (let i = 0; i < lines.length; i++) {
    const m = marker.exec(lines[i]!);
    if (!m) continue;
    const expected = m[1]!;
    if (!DECISIONS.has(expected)) {
      problems.push({ file, line: i + 1, message: `"${expected}" is not allow, ask or block` });
      continue;
    }
    let j = i + 1;
    while (j < lines.length && lines[j]!.trim() === '') j++;
    if (j >= lines.length || marker.test(lines[j]!)) {
      problems.push({ file, line: i + 1, message: `the annotation has no ${kind === 'shell' ? 'command' : 'statement'} after it` });
      continue;
    }
    const start = j;
    const taken: string[] = [];
    if (kind === 'shell') {
      taken.push(lines[j]!);
      while (/\\$/.test(lines[j]!) && j + 1 < lines.length) taken.push(lines[++j]!);
      const heredoc = /<<(-?)\s*(['"]?)([A-Za-z_][\w]*)\2/.exec(taken.join('\n'));
      if (heredoc) {
        const word = heredoc[3]!;
        while (j + 1 < lines.length) {
          const next = lines[++j]!;
          taken.push(next);
          if ((heredoc[1] ? next.replace(/^\t+/, '') : next) === word) break;
        }
      }
    } else {
      for (; j < lines.length; j++) {
        const l = lines[j]!;
        if (l.trim() === '' || marker.test(l)) break;
        taken.push(l);
        if (/;\s*(--.*)?$/.test(l)) break;
      }
    }
    cases.push({ file, line: start + 1, kind, input: taken.join('\n'), expected: expected as Decision });
    i = j;
  }
  return { cases, problems };
}
