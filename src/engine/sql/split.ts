/**
 * Splits a script into statements on top of the lexer: `;` outside quotes, comments and $$-bodies, custom
 * DELIMITERs, `GO` lines, and client meta-commands (one per line). Each piece keeps its tokens, its text with
 * comments removed, and the line/column of its first character.
 */
import type { Token } from './lexer';
import { lex } from './lexer';

export interface Piece {
  /** Statement text with comments blanked out, trimmed. */
  text: string;
  /** Code tokens (no comments, no separator). */
  tokens: Token[];
  /** Offsets of the first and one-past-last code character in the source. */
  start: number;
  end: number;
  line: number;
  column: number;
}

/** Maps offsets to 1-based line/column. */
export class LineMap {
  private readonly starts: number[] = [0];
  constructor(src: string) {
    for (let i = 0; i < src.length; i++) if (src.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  at(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }
}

/** Source text between two offsets with comment tokens replaced by a space. */
export function textWithoutComments(src: string, tokens: readonly Token[], start: number, end: number): string {
  let out = '';
  let pos = start;
  for (const t of tokens) {
    if (t.type !== 'comment' || t.end <= start || t.start >= end) continue;
    out += src.slice(pos, t.start) + ' ';
    pos = t.end;
  }
  return (out + src.slice(pos, end)).trim();
}

export function splitSql(src: string, dialect?: string): Piece[] {
  const all = lex(src, { dialect });
  const lines = new LineMap(src);
  const pieces: Piece[] = [];
  let code: Token[] = [];
  let comments: Token[] = [];
  const flush = (): void => {
    if (code.length > 0) {
      const start = code[0]!.start;
      const end = code[code.length - 1]!.end;
      const { line, column } = lines.at(start);
      pieces.push({ text: textWithoutComments(src, comments, start, end), tokens: code, start, end, line, column });
    }
    code = [];
    comments = [];
  };
  for (const t of all) {
    if (t.type === 'sep') flush();
    else if (t.type === 'comment') comments.push(t);
    else code.push(t);
  }
  flush();
  return pieces;
}
