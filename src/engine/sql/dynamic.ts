/**
 * Dynamic SQL (parser-notes P11): reconstructs the text an `EXECUTE`, `EXEC(…)`, `PREPARE … FROM`,
 * `sp_executesql` or `sp_MSforeachtable` would run, from string literals, `||`/`+`/CONCAT concatenation and
 * format() templates. Pieces computed at run time become the placeholder name `__dynamic__`, so
 * `'DROP TABLE ' || r.tablename` reads as `DROP TABLE __dynamic__`: still a DROP TABLE, of an unknown table.
 */
import type { Token } from './lexer';
import { skipParens } from './shape';

export const DYNAMIC_NAME = '__dynamic__';

/** Text of a string-valued expression over tokens [from, to), or undefined when no literal part is visible. */
export function dynamicText(tk: readonly Token[], from: number, to: number, vars: ReadonlyMap<string, string>): string | undefined {
  let out = '';
  let sawLiteral = false;
  let pendingGap = false;
  const gap = (): void => {
    if (!pendingGap) out += ` ${DYNAMIC_NAME} `;
    pendingGap = true;
  };
  let j = from;
  while (j < to) {
    const t = tk[j]!;
    if (t.type === 'string') {
      out += t.value;
      sawLiteral = true;
      pendingGap = false;
      j++;
      continue;
    }
    if (t.type === 'op' && (t.raw === '||' || t.raw === '+' || t.raw === ',' || t.raw === '(' || t.raw === ')')) {
      j++;
      continue;
    }
    if (t.type === 'param' || t.type === 'word' || t.type === 'ident') {
      const known = vars.get(t.raw.toLowerCase());
      const call = tk[j + 1]?.raw === '(';
      if (known !== undefined && !call) {
        out += known;
        sawLiteral = true;
        pendingGap = false;
        j++;
        continue;
      }
      if (call && (t.up === 'FORMAT' || t.up === 'CONCAT' || t.up === 'CONCAT_WS')) {
        const close = skipParens(tk, j + 1);
        let inner = dynamicText(tk, j + 2, close - 1, vars);
        if (inner !== undefined && t.up === 'FORMAT') {
          // format('DROP TABLE %I', t): the first argument is the template; the rest fill %I/%s/%L.
          const firstString = tk.slice(j + 2, close - 1).find((x) => x.type === 'string');
          if (firstString) inner = firstString.value.replace(/%[ILs]/g, DYNAMIC_NAME);
        }
        if (inner !== undefined) {
          out += inner;
          sawLiteral = true;
          pendingGap = false;
        } else gap();
        j = close;
        continue;
      }
      if (t.type === 'word' && (t.up === 'N' || t.up === 'USING' || t.up === 'INTO')) {
        j++;
        continue;
      }
      gap();
      j = call ? skipParens(tk, j + 1) : j + 1;
      continue;
    }
    gap();
    j++;
  }
  return sawLiteral ? out.trim() : undefined;
}
