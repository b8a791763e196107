/**
 * Finding the SQL a database client will run: inline arguments, script files (read through the rule's reader, relative to the
 * working folder, at most 1 MB), heredocs, here-strings, `echo … |` and `cat file |` producers, and the client's own
 * include and shell-escape commands (`\i`, `\ir`, `\!`, `.read`, `.shell`, `source`, `system`).
 */
import * as path from 'node:path';
import type { WorkspaceReader } from '../../context/workspace';
import type { SimpleCommand } from '../../shell/types';
import { isUnresolved } from '../../shell/types';
import { resolvePath } from '../../shell/words';

export const MAX_SQL_BYTES = 1024 * 1024;

export interface SqlText {
  text: string;
  /** Where it came from, for messages: `-c`, `schema.sql`, `a heredoc`. */
  source: string;
  /** Folder relative includes (`\ir`) resolve against. */
  dir?: string;
}

export type Read = { ok: true; text: string; path: string } | { ok: false; reason: string };

/**
 * Reads a script file the client would read, through the rule's reader (the disk, or a test's files); relative paths
 * resolve against the command's working folder.
 */
export function readScript(reader: WorkspaceReader, file: string, cwd: string | undefined, home: string): Read {
  if (file === '-' ) return { ok: false, reason: 'standard input' };
  if (isUnresolved(file)) return { ok: false, reason: `${file} is not known until it runs` };
  const abs = resolvePath(file, cwd, home);
  if (!abs) return { ok: false, reason: `${file} is relative to a folder that is not known` };
  const stat = reader.stat(abs);
  if (!stat) return { ok: false, reason: `${file} does not exist (yet) or is not a regular file` };
  if (stat.size > MAX_SQL_BYTES) return { ok: false, reason: `${file} is larger than 1 MB` };
  if (/\.(gz|bz2|xz|zst|zip|dump|backup|bak)$/i.test(abs)) return { ok: false, reason: `${file} is compressed or binary` };
  const text = reader.readFile(abs);
  if (text === undefined) return { ok: false, reason: `${file} could not be read` };
  return { ok: true, text, path: abs };
}

/** Producers whose output is known to destroy data when run as SQL. */
export function destructiveProducer(p: SimpleCommand): string | undefined {
  if ((p.name === 'manage.py' || p.name === 'django-admin') && p.args.includes('sqlflush')) return 'the SQL from `manage.py sqlflush` empties every table';
  if (p.name === 'pg_dump' && p.args.some((a) => a === '-c' || a === '--clean' || /^-[a-zA-Z]*c[a-zA-Z]*$/.test(a) && !a.startsWith('--'))) return 'a pg_dump --clean script drops every object before recreating it';
  if (/^(psql|mysql|mariadb|sqlite3|duckdb|clickhouse-client|sqlcmd)$/.test(p.name) && p.args.some(generatedLooksDestructive)) return 'the SQL is the output of a query that builds DROP/TRUNCATE/DELETE statements';
  if (p.name === 'mysqldump' && !p.args.includes('--skip-add-drop-table') && !p.args.includes('--no-create-info') && !p.args.includes('-t')) return 'a mysqldump script drops and recreates every table it contains';
  return undefined;
}

export type StdinSql =
  | { kind: 'none' }
  | { kind: 'sql'; sql: SqlText }
  | { kind: 'unknown'; reason: string }
  | { kind: 'destructive'; reason: string };

/** What a client reads on standard input, when it reads SQL from there. */
export function stdinSql(cmd: SimpleCommand, home: string, reader: WorkspaceReader): StdinSql {
  const stdin = cmd.stdin;
  if (!stdin) return { kind: 'none' };
  switch (stdin.kind) {
    case 'heredoc':
    case 'herestring':
      if (!stdin.text.trim()) return { kind: 'unknown', reason: 'the text fed on standard input could not be read' };
      return { kind: 'sql', sql: { text: stdin.text, source: stdin.kind === 'heredoc' ? 'a heredoc' : 'a here-string', dir: cmd.cwd } };
    case 'file': {
      const r = readScript(reader, stdin.path, cmd.cwd, home);
      return r.ok ? { kind: 'sql', sql: { text: r.text, source: stdin.path, dir: path.dirname(r.path) } } : { kind: 'unknown', reason: `it reads SQL from ${stdin.path}, and ${r.reason}` };
    }
    case 'pipe': {
      const p = stdin.producer;
      const bad = destructiveProducer(p);
      if (bad) return { kind: 'destructive', reason: bad };
      if ((p.name === 'echo' || p.name === 'printf') && p.args.length) {
        const words = p.name === 'echo' ? p.args.filter((a, i) => !(i === 0 && /^-[neE]+$/.test(a))) : p.args.slice(0, 1);
        const text = words.join(' ').replace(/\\n/g, '\n').replace(/\\t/g, '\t');
        return { kind: 'sql', sql: { text, source: `${p.name} |`, dir: cmd.cwd } };
      }
      if (p.name === 'cat' || p.name === 'type' || p.name === 'bat' || p.name === 'less') {
        const files = p.args.filter((a) => !a.startsWith('-'));
        if (files.length === 0) {
          if (p.stdin?.kind === 'heredoc' || p.stdin?.kind === 'herestring') return { kind: 'sql', sql: { text: p.stdin.text, source: 'a heredoc', dir: cmd.cwd } };
          return { kind: 'unknown', reason: 'it reads SQL that cat passes on from elsewhere' };
        }
        const parts: string[] = [];
        for (const f of files) {
          const r = readScript(reader, f, p.cwd ?? cmd.cwd, home);
          if (!r.ok) return { kind: 'unknown', reason: `it reads SQL from ${f}, and ${r.reason}` };
          parts.push(r.text);
        }
        return { kind: 'sql', sql: { text: parts.join('\n;\n'), source: files.join(', '), dir: cmd.cwd } };
      }
      const from = /^(curl|wget|http|xh)$/.test(p.name) ? 'downloaded from the network' : `produced by ${p.name}`;
      return { kind: 'unknown', reason: `it runs SQL ${from} (${p.text})` };
    }
  }
}

export interface Expanded {
  /** SQL with includes inlined and client shell escapes removed. */
  sql: string;
  /** Shell commands the client would run (`\! cmd`, `.shell cmd`, `system cmd`). */
  shell: string[];
  /** Parts whose SQL could not be read. */
  unknown: string[];
  /** Client commands that destroy data on their own (`.restore`). */
  destructive: string[];
  /** `\gexec`: the results of a query run as SQL. Holds the query text. */
  generated: string[];
}

export type MetaStyle = 'psql' | 'sqlite' | 'mysql' | 'none';

const MAX_INCLUDE_DEPTH = 4;

/** Inlines includes and pulls out shell escapes, so the SQL analysis sees what the client would really run. */
export function expandClientCommands(sql: SqlText, style: MetaStyle, cwd: string | undefined, home: string, reader: WorkspaceReader, depth = 0): Expanded {
  const out: Expanded = { sql: '', shell: [], unknown: [], destructive: [], generated: [] };
  if (style === 'none') {
    out.sql = sql.text;
    return out;
  }
  const lines = sql.text.split(/\r?\n/);
  const kept: string[] = [];
  const include = (file: string, relativeToScript: boolean): void => {
    const base = relativeToScript && sql.dir ? sql.dir : cwd;
    if (depth >= MAX_INCLUDE_DEPTH) {
      out.unknown.push(`includes nested too deeply (${file})`);
      return;
    }
    const r = readScript(reader, file.replace(/^['"]|['"]$/g, ''), base, home);
    if (!r.ok) {
      out.unknown.push(`it includes ${file}, and ${r.reason}`);
      return;
    }
    const inner = expandClientCommands({ text: r.text, source: file, dir: path.dirname(r.path) }, style, cwd, home, reader, depth + 1);
    kept.push(inner.sql);
    out.shell.push(...inner.shell);
    out.unknown.push(...inner.unknown);
    out.destructive.push(...inner.destructive);
    out.generated.push(...inner.generated);
  };
  let pending = '';
  for (const line of lines) {
    const t = line.trim();
    if (style === 'psql') {
      const inc = /^\\(i|ir|include|include_relative)\s+(\S+)/.exec(t);
      if (inc) {
        include(inc[2]!, inc[1] === 'ir' || inc[1] === 'include_relative');
        continue;
      }
      const bang = /^\\!\s*(.*)$/.exec(t);
      if (bang) {
        if (bang[1]!.trim()) out.shell.push(bang[1]!);
        continue;
      }
      // `\gexec` at the end of a query: the query's results are run as SQL.
      const gexec = /^(.*?)\\gexec\b/.exec(line);
      if (gexec) {
        out.generated.push((pending + '\n' + gexec[1]!).trim());
        kept.push(gexec[1]!);
        pending = '';
        continue;
      }
      pending = /;\s*$/.test(t) ? '' : `${pending}\n${line}`;
    } else if (style === 'sqlite') {
      const read = /^\.read\s+(\S+)/.exec(t);
      if (read) {
        if (read[1]!.startsWith('|')) out.shell.push(t.slice(t.indexOf('|') + 1));
        else include(read[1]!, false);
        continue;
      }
      const shell = /^\.(shell|system)\s+(.+)$/.exec(t);
      if (shell) {
        out.shell.push(shell[2]!);
        continue;
      }
      const restore = /^\.restore\s+(.+)$/.exec(t);
      if (restore) {
        out.destructive.push(`.restore replaces the database with ${restore[1]!.trim().split(/\s+/).pop()}`);
        continue;
      }
      if (/^\.(import|load)\b/.test(t)) continue; // appends rows / loads an extension (not SQL)
    } else if (style === 'mysql') {
      const src = /^(?:source|\\\.)\s+(\S+?);?$/i.exec(t);
      if (src) {
        include(src[1]!, false);
        continue;
      }
      const sys = /^(?:system|\\!)\s+(.+)$/i.exec(t);
      if (sys) {
        out.shell.push(sys[1]!);
        continue;
      }
    }
    kept.push(line);
  }
  out.sql = kept.join('\n');
  return out;
}

/** Destructive words inside a query whose results run as SQL (`SELECT 'DROP TABLE ' || … \gexec`). */
export function generatedLooksDestructive(query: string): boolean {
  return /\b(drop|truncate|delete\s+from|alter\s+table\s+\S+\s+drop)\b/i.test(query);
}
