/**
 * Exports entries matching a filter, newest first, as JSON Lines (the entries as stored, already masked) or
 * CSV (one row per entry, the columns a spreadsheet needs). Streams page by page, so 100,000 entries never
 * sit in memory at once. Editor-free.
 */
import * as fs from 'node:fs';
import type { ActivityReader, Cursor } from './store';
import type { ActivityEntry, ActivityFilter } from './types';

export const CSV_COLUMNS = [
  'time', 'agent', 'source', 'kind', 'action', 'target', 'decision', 'outcome', 'rules', 'exit_code', 'cwd',
  'answered_by', 'answered_at', 'reason', 'signals', 'id',
] as const;

/** One CSV field: quoted when needed; a leading = + - @ is defused so spreadsheets do not run it as a formula. */
export function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s) && typeof value === 'string') s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(e: ActivityEntry): string {
  const iso = (t: number | undefined): string | undefined => (t === undefined ? undefined : new Date(t).toISOString());
  const cells: Array<string | number | undefined> = [
    iso(e.t), e.agent, e.source, e.kind, e.detail ?? e.summary, e.target, e.decision, e.outcome, e.ruleIds.join(' '),
    e.terminal?.exitCode, e.cwd, e.answeredBy, iso(e.answeredAt), e.reason, e.signals.join('; '), e.id,
  ];
  return cells.map(csvField).join(',');
}

export function jsonlRow(e: ActivityEntry): string {
  return JSON.stringify(e);
}

/** Writes the matching entries to `file`; returns how many. The file is replaced only when complete. */
export async function exportEntries(
  reader: ActivityReader,
  filter: ActivityFilter | undefined,
  format: 'jsonl' | 'csv',
  file: string,
): Promise<number> {
  const tmp = `${file}.${process.pid}.partial`;
  const out = fs.openSync(tmp, 'w', 0o600);
  let count = 0;
  try {
    if (format === 'csv') fs.writeSync(out, `${CSV_COLUMNS.join(',')}\r\n`);
    let cursor: Cursor | undefined;
    for (;;) {
      const page = await reader.page({ cursor, limit: 1000, filter });
      if (page.entries.length > 0) {
        const text = page.entries.map((s) => (format === 'csv' ? csvRow(s.entry) : jsonlRow(s.entry))).join(format === 'csv' ? '\r\n' : '\n');
        fs.writeSync(out, text + (format === 'csv' ? '\r\n' : '\n'));
        count += page.entries.length;
      }
      cursor = page.cursor;
      if (page.done) break;
    }
    fs.closeSync(out);
    fs.renameSync(tmp, file);
    return count;
  } catch (e) {
    try {
      fs.closeSync(out);
    } catch {
      // already closed
    }
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
