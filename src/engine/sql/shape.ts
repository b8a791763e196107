/**
 * The keyword scanner: reads what a statement does from its tokens alone, for every dialect and for the many
 * statements node-sql-parser rejects or misreads (parser-notes P1–P4, P11). It never decides "safe"; it only
 * names the verb, the objects and the options, and says when it does not recognise a statement at all.
 */
import type { Token } from './lexer';

export type RowScope = 'all' | 'tautology' | 'restricted';

export interface Shape {
  /** Upper-case, single-spaced leading keywords: `DROP TABLE`, `CREATE OR REPLACE TABLE`, `DELETE`, `SET`… */
  verb: string;
  /** False when the first word is not a statement this scanner knows. */
  known: boolean;
  /** Objects acted on, as written minus quotes (`public.users`, `#tmp`, `bob@%`). */
  objects: string[];
  /** Lower-case modifiers: `if exists`, `cascade`, `temporary`, `or replace`, `restart identity`, `only`. */
  options: string[];
  /** Index of the first token after the verb (and its modifiers). */
  body: number;
}

/** Words that can start a statement; anything else at the start of a statement is not accounted for. */
export const KNOWN_VERBS = new Set([
  'SELECT', 'VALUES', 'TABLE', 'WITH', 'SHOW', 'DESCRIBE', 'DESC', 'EXPLAIN', 'ANALYZE', 'ANALYSE', 'SET', 'RESET',
  'USE', 'BEGIN', 'START', 'COMMIT', 'END', 'ROLLBACK', 'SAVEPOINT', 'RELEASE', 'ABORT', 'LOCK', 'UNLOCK', 'COMMENT',
  'COPY', 'VACUUM', 'REINDEX', 'CLUSTER', 'CHECKPOINT', 'LISTEN', 'NOTIFY', 'UNLISTEN', 'DISCARD', 'DEALLOCATE',
  'DECLARE', 'FETCH', 'MOVE', 'CLOSE', 'OPTIMIZE', 'CHECK', 'CHECKSUM', 'REPAIR', 'FLUSH', 'HANDLER', 'HELP', 'PRAGMA',
  'ATTACH', 'DETACH', 'REFRESH', 'SECURITY', 'IMPORT', 'LOAD', 'UNLOAD', 'PUT', 'GET', 'LIST', 'LS', 'REMOVE', 'RM',
  'UNDROP', 'CACHE', 'UNCACHE', 'MSCK', 'KILL', 'SHUTDOWN', 'PRINT', 'RAISERROR', 'THROW', 'WAITFOR', 'DBCC',
  'BACKUP', 'RESTORE', 'CREATE', 'ALTER', 'DROP', 'TRUNCATE', 'DELETE', 'UPDATE', 'INSERT', 'UPSERT', 'REPLACE',
  'MERGE', 'GRANT', 'REVOKE', 'DENY', 'RENAME', 'DO', 'CALL', 'EXEC', 'EXECUTE', 'PREPARE', 'PURGE', 'INSTALL',
  'UNINSTALL', 'XA', 'SIGNAL', 'RESIGNAL', 'GO', 'IF', 'WHILE', 'RETURN', 'BREAK', 'CONTINUE', 'REASSIGN',
  'VACUUM', 'DEFINE', 'UNDEFINE', 'BULK', 'READTEXT', 'WRITETEXT', 'UPDATETEXT', 'OPEN', 'DEALLOCATE', 'SETUSER',
  'REVERT', 'ENABLE', 'DISABLE', 'DETERMINE', 'ROLLUP', 'DUMP', 'BINLOG', 'CACHE', 'STOP', 'CHANGE', 'RESET',
]);

/** Words that may precede the object kind in CREATE/DROP/ALTER without being the kind. */
const KIND_MODIFIERS = new Set([
  'TEMP', 'TEMPORARY', 'GLOBAL', 'LOCAL', 'UNLOGGED', 'TRANSIENT', 'VOLATILE', 'SECURE', 'RECURSIVE', 'UNIQUE',
  'FULLTEXT', 'SPATIAL', 'CLUSTERED', 'NONCLUSTERED', 'ONLINE', 'OFFLINE', 'CONSTRAINT', 'TRUSTED', 'PROCEDURAL',
  'AGGREGATE', 'DEFINER', 'ALGORITHM', 'SQL', 'SECURITY', 'INVOKER', 'OR', 'REPLACE', 'ALTER', 'IGNORE', 'MULTISET',
  'SET', 'EXTERNAL', 'HYBRID', 'DYNAMIC', 'ICEBERG', 'SHARDED', 'COLUMN', 'BITMAP', 'VIRTUAL', 'ROWSTORE',
]);
/** First words of two-word object kinds. */
const TWO_WORD_KINDS = new Set(['MATERIALIZED', 'FOREIGN', 'OWNED', 'EVENT', 'ACCESS', 'TEXT', 'DEFAULT', 'ROW', 'MASKING', 'DATA', 'LOGFILE', 'RESOURCE', 'NETWORK', 'STORAGE', 'FILE', 'SEARCH', 'EXTERNAL']);

/** Words that end a list of object names. */
const NAME_STOP = new Set([
  'CASCADE', 'RESTRICT', 'PURGE', 'ON', 'FROM', 'WHERE', 'SET', 'USING', 'JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL',
  'CROSS', 'NATURAL', 'RESTART', 'CONTINUE', 'IDENTITY', 'ORDER', 'LIMIT', 'RETURNING', 'AS', 'TO', 'WITH', 'IN',
  'OUTPUT', 'OPTION', 'FORCE', 'SYNC', 'DROP', 'ADD', 'ALTER', 'RENAME', 'MODIFY', 'CHANGE', 'ENABLE', 'DISABLE',
  'OWNER', 'NO', 'PARTITION', 'VALUES', 'SELECT', 'DEFAULT', 'IF', 'LIKE', 'INTO', 'TRUNCATE', 'NOCHECK', 'ATTACH',
  'DETACH', 'VALIDATE', 'CLUSTER', 'INHERIT', 'FOR', 'BY', 'SCHEMA', 'TABLE', 'ENGINE', 'COMMENT', 'CHARSET', 'OF',
  'UNDER', 'LIFECYCLE', 'WHEN', 'TOP', 'LOW_PRIORITY', 'QUICK', 'DELAYED', 'HIGH_PRIORITY', 'ONLY', 'EXCEPT', 'ALL',
  'REPLACE',
]);

export function isWord(t: Token | undefined, ...words: string[]): boolean {
  return t !== undefined && t.type === 'word' && words.includes(t.up);
}

function isNamePart(t: Token | undefined): boolean {
  if (!t) return false;
  if (t.type === 'ident' || t.type === 'string' || t.type === 'param') return true;
  if (t.type === 'op' && (t.raw === '?' || t.raw === '*')) return true;
  return t.type === 'word' && !NAME_STOP.has(t.up);
}

/** Reads one possibly qualified name (`a.b."c"`, `'bob'@'%'`, `[dbo].[t]`) starting at `i`. */
export function readName(tk: readonly Token[], i: number): { name: string; next: number } | undefined {
  if (!isNamePart(tk[i])) return undefined;
  let name = tk[i]!.type === 'word' || tk[i]!.type === 'op' || tk[i]!.type === 'param' ? tk[i]!.raw : tk[i]!.value;
  let j = i + 1;
  for (;;) {
    const sep = tk[j];
    const part = tk[j + 1];
    if (sep?.type === 'op' && (sep.raw === '.' || sep.raw === '@') && part && (isNamePart(part) || part.type === 'word')) {
      name += sep.raw + (part.type === 'ident' || part.type === 'string' ? part.value : part.raw);
      j += 2;
    } else break;
  }
  return { name, next: j };
}

/** Reads `name[, name…]`, skipping argument lists such as `DROP FUNCTION f(int)`. */
export function readNameList(tk: readonly Token[], i: number): { names: string[]; next: number } {
  const names: string[] = [];
  let j = i;
  for (;;) {
    const n = readName(tk, j);
    if (!n) break;
    names.push(n.name);
    j = n.next;
    if (tk[j]?.raw === '(') j = skipParens(tk, j);
    // An alias after a table name (`users u`, `users AS u`) is not another object.
    if (tk[j]?.type === 'word' && !NAME_STOP.has(tk[j]!.up) && tk[j + 1]?.raw !== '.') j++;
    if (tk[j]?.raw === ',') j++;
    else break;
  }
  return { names, next: j };
}

/** Index after the parenthesised group that opens at `i`. */
export function skipParens(tk: readonly Token[], i: number): number {
  const depth = tk[i]!.depth;
  let j = i + 1;
  while (j < tk.length && !(tk[j]!.raw === ')' && tk[j]!.depth === depth)) j++;
  return j + 1;
}

/** Index of the first word among `words` at the statement's top level, from `from`; -1 when absent. */
export function findTop(tk: readonly Token[], from: number, ...words: string[]): number {
  const base = tk[0]?.depth ?? 0;
  for (let j = from; j < tk.length; j++) {
    const t = tk[j]!;
    if (t.depth === base && t.type === 'word' && words.includes(t.up)) return j;
  }
  return -1;
}

function skipIfExists(tk: readonly Token[], i: number, options: string[]): number {
  if (isWord(tk[i], 'IF') && isWord(tk[i + 1], 'EXISTS')) {
    options.push('if exists');
    return i + 2;
  }
  if (isWord(tk[i], 'IF') && isWord(tk[i + 1], 'NOT') && isWord(tk[i + 2], 'EXISTS')) {
    options.push('if not exists');
    return i + 3;
  }
  return i;
}

/** Reads the object kind after CREATE/DROP/ALTER: modifiers go to `options`, the kind words to the verb. */
function readKind(tk: readonly Token[], i: number, options: string[]): { kind: string; next: number } {
  let j = i;
  while (j < tk.length) {
    const t = tk[j]!;
    if (t.type !== 'word' || !KIND_MODIFIERS.has(t.up)) break;
    if (t.up === 'OR' && isWord(tk[j + 1], 'REPLACE')) {
      options.push('or replace');
      j += 2;
      continue;
    }
    if (t.up === 'OR' && isWord(tk[j + 1], 'ALTER')) {
      options.push('or alter');
      j += 2;
      continue;
    }
    if (t.up === 'TEMP' || t.up === 'TEMPORARY' || t.up === 'VOLATILE') options.push('temporary');
    else if (t.up === 'EXTERNAL' && isWord(tk[j + 1], 'TABLE')) break;
    else options.push(t.up.toLowerCase());
    // DEFINER=`x`@`%`, ALGORITHM=MERGE, SQL SECURITY DEFINER: skip the value too.
    if (tk[j + 1]?.raw === '=') {
      j += 2;
      const n = readName(tk, j);
      j = n ? n.next : j + 1;
      continue;
    }
    if (t.up === 'SQL' && isWord(tk[j + 1], 'SECURITY')) {
      j += 3;
      continue;
    }
    j++;
  }
  const first = tk[j];
  if (!first || first.type !== 'word') return { kind: '', next: j };
  if (TWO_WORD_KINDS.has(first.up) && tk[j + 1]?.type === 'word') {
    let kind = `${first.up} ${tk[j + 1]!.up}`;
    let next = j + 2;
    if (kind === 'FOREIGN DATA' && isWord(tk[next], 'WRAPPER')) {
      kind += ' WRAPPER';
      next++;
    }
    return { kind, next };
  }
  return { kind: first.up, next: j + 1 };
}

export function readShape(tk: readonly Token[]): Shape {
  const options: string[] = [];
  let i = 0;
  while (tk[i]?.raw === '(') i++;
  const first = tk[i];
  if (!first) return { verb: '', known: true, objects: [], options, body: i };
  if (first.type === 'meta') return { verb: first.value.split(/\s+/)[0]!.toLowerCase(), known: true, objects: [], options, body: i + 1 };
  if (first.type !== 'word') return { verb: first.raw, known: false, objects: [], options, body: i + 1 };
  const w = first.up;
  const known = KNOWN_VERBS.has(w);
  i++;
  switch (w) {
    case 'DROP': {
      const k = readKind(tk, i, options);
      let j = k.next;
      if (isWord(tk[j], 'CONCURRENTLY')) j++;
      j = skipIfExists(tk, j, options);
      const list = readNameList(tk, j);
      finishOptions(tk, list.next, options);
      return { verb: `DROP ${k.kind}`.trim(), known, objects: list.names, options, body: k.next };
    }
    case 'CREATE': {
      const k = readKind(tk, i, options);
      const j = skipIfExists(tk, k.next, options);
      const n = readName(tk, j);
      const verb = options.includes('or replace') ? `CREATE OR REPLACE ${k.kind}` : `CREATE ${k.kind}`;
      return { verb: verb.trim(), known, objects: n ? [n.name] : [], options, body: k.next };
    }
    case 'ALTER': {
      const k = readKind(tk, i, options);
      let j = skipIfExists(tk, k.next, options);
      if (isWord(tk[j], 'ONLY')) j++;
      const n = readName(tk, j);
      return { verb: `ALTER ${k.kind}`.trim(), known, objects: n ? [n.name] : [], options, body: k.next };
    }
    case 'TRUNCATE': {
      let j = i;
      if (isWord(tk[j], 'TABLE')) j++;
      j = skipIfExists(tk, j, options);
      if (isWord(tk[j], 'ONLY')) {
        options.push('only');
        j++;
      }
      const list = readNameList(tk, j);
      finishOptions(tk, list.next, options);
      return { verb: 'TRUNCATE', known, objects: list.names, options, body: i };
    }
    case 'DELETE':
      return { verb: 'DELETE', known, objects: deleteTargets(tk, i), options, body: i };
    case 'UPDATE': {
      let j = i;
      while (isWord(tk[j], 'ONLY', 'LOW_PRIORITY', 'IGNORE', 'OR') || (isWord(tk[j - 1], 'OR') && tk[j]?.type === 'word')) j++;
      if (isWord(tk[j], 'TOP')) j = tk[j + 1]?.raw === '(' ? skipParens(tk, j + 1) : j + 2;
      const n = readName(tk, j);
      return { verb: 'UPDATE', known, objects: n ? [n.name] : [], options, body: i };
    }
    case 'INSERT':
    case 'REPLACE':
    case 'UPSERT':
    case 'MERGE': {
      let j = i;
      let verb: string = w;
      if (w === 'INSERT' && isWord(tk[j], 'OVERWRITE')) {
        verb = 'INSERT OVERWRITE';
        j++;
      }
      while (isWord(tk[j], 'LOW_PRIORITY', 'DELAYED', 'HIGH_PRIORITY', 'IGNORE', 'OR', 'ROLLBACK', 'ABORT', 'FAIL', 'INTO', 'TABLE', 'ONLY') ||
        (w === 'INSERT' && isWord(tk[j], 'REPLACE'))) {
        if (tk[j]!.up === 'REPLACE') verb = 'INSERT OR REPLACE';
        j++;
      }
      if (w === 'REPLACE' && isWord(tk[i], 'INTO')) verb = 'REPLACE INTO';
      const n = readName(tk, j);
      return { verb, known, objects: n ? [n.name] : [], options, body: i };
    }
    case 'RENAME': {
      const k = tk[i]?.type === 'word' ? tk[i]!.up : '';
      const list = readNameList(tk, i + 1);
      return { verb: `RENAME ${k}`.trim(), known, objects: list.names, options, body: i + 1 };
    }
    default: {
      // Two-word verbs whose second word matters to rules.
      const second = tk[i]?.type === 'word' ? tk[i]!.up : '';
      if ((w === 'EXECUTE' && second === 'IMMEDIATE') || (w === 'START' && second === 'TRANSACTION')) {
        return { verb: `${w} ${second}`, known, objects: [], options, body: i + 1 };
      }
      return { verb: w, known, objects: [], options, body: i };
    }
  }
}

/** Trailing DROP/TRUNCATE options (`CASCADE`, `RESTART IDENTITY`, `PURGE`). */
function finishOptions(tk: readonly Token[], from: number, options: string[]): void {
  for (let j = from; j < tk.length; j++) {
    const t = tk[j]!;
    if (t.type !== 'word') continue;
    if (t.up === 'CASCADE' || t.up === 'PURGE' || t.up === 'FORCE') options.push(t.up.toLowerCase());
    else if (t.up === 'RESTART' && isWord(tk[j + 1], 'IDENTITY')) options.push('restart identity');
  }
}

/** Tables a DELETE removes rows from: `DELETE FROM t`, `DELETE t FROM t JOIN …`, T-SQL `DELETE t`. */
function deleteTargets(tk: readonly Token[], i: number): string[] {
  let j = i;
  while (isWord(tk[j], 'LOW_PRIORITY', 'QUICK', 'IGNORE')) j++;
  if (isWord(tk[j], 'TOP')) j = tk[j + 1]?.raw === '(' ? skipParens(tk, j + 1) : j + 2;
  if (isWord(tk[j], 'FROM')) {
    j++;
    if (isWord(tk[j], 'ONLY')) j++;
    const n = readName(tk, j);
    return n ? [n.name] : [];
  }
  return readNameList(tk, j).names;
}

export interface RowsReading {
  scope: RowScope;
  /** Why the scope was chosen, in plain words. */
  reason: string;
  /** Token range of the WHERE expression, when there is one. */
  where?: { from: number; to: number };
}

const WHERE_END = new Set(['ORDER', 'LIMIT', 'RETURNING', 'OPTION', 'OUTPUT']);

/** Which rows a DELETE or UPDATE touches, read from tokens: no WHERE and no join restriction means every row. */
export function readRows(tk: readonly Token[], verb: 'DELETE' | 'UPDATE'): RowsReading {
  const where = findTop(tk, 1, 'WHERE');
  if (where >= 0) {
    let to = where + 1;
    const base = tk[0]!.depth;
    while (to < tk.length && !(tk[to]!.depth === base && tk[to]!.type === 'word' && WHERE_END.has(tk[to]!.up))) to++;
    if (to === where + 1) return { scope: 'all', reason: 'the WHERE clause is empty' };
    return { scope: 'restricted', reason: 'has a WHERE clause', where: { from: where + 1, to } };
  }
  // A join with a condition restricts the rows (parser-notes P10); a comma or CROSS join does not. In an UPDATE
  // only a MySQL-style join before SET restricts the updated table; `UPDATE t SET … FROM a JOIN b ON …` does not.
  const join = findTop(tk, 1, 'JOIN');
  const set = verb === 'UPDATE' ? findTop(tk, 1, 'SET') : tk.length;
  if (join >= 0 && join < set && !isWord(tk[join - 1], 'CROSS') && (findTop(tk, join, 'ON') >= 0 || findTop(tk, join, 'USING') >= 0)) {
    return { scope: 'restricted', reason: 'is restricted by a JOIN condition' };
  }
  return { scope: 'all', reason: 'has no WHERE clause' };
}
