/** One SQL statement as the SQL rules see it. Owned by the SQL analysis (`sql/analyze.ts`). */
import type { Token } from './lexer';
import type { RowScope } from './shape';

export interface SqlStatement {
  /** The statement's source text (comments stripped, trimmed). */
  text: string;
  /** Dialect it was read in (`postgresql`, `mysql`, `sqlite`, ...); the requested one, or `unknown`. */
  dialect: string;
  /** node-sql-parser AST when the parser understood the statement; undefined when the keyword scanner read it. */
  ast?: unknown;
  /** 1-based line and column of the statement's first character in the analysed text. */
  line: number;
  column: number;
  /** Upper-case leading keywords, single-spaced: `DROP TABLE`, `CREATE OR REPLACE TABLE`, `DELETE`, `SET`, `\c`. */
  verb: string;
  /** Objects acted on, as written minus quotes: tables, databases, roles (`public.users`, `#tmp`, `bob@%`). */
  objects: string[];
  /** Lower-case modifiers the scanner saw: `if exists`, `cascade`, `temporary`, `or replace`, `restart identity`. */
  options: string[];
  /** For DELETE and UPDATE: which rows it touches, and why we think so. */
  rows?: { scope: RowScope; reason: string };
  /** Code tokens of the statement (no comments). Rules use `normalized` unless they need structure. */
  tokens: readonly Token[];
  /** Tokens joined with single spaces, keywords upper-cased, strings and identifiers as written. */
  normalized: string;
  /**
   * How this statement was reached when another one runs it: `EXPLAIN ANALYZE`, `DO block`, `EXECUTE`,
   * `PREPARE`, `EXEC`, `sp_MSforeachtable`, `WITH` (a data-modifying CTE), `IF`. Undefined for top-level statements.
   */
  via?: string;
  /** Safety switches turned off earlier in the same script and not turned back on (`FOREIGN_KEY_CHECKS=0`). */
  switchesOff: string[];
  /** Lower-cased names (without schema) of tables created earlier in the same text; temporary ones too. */
  createdEarlier: ReadonlySet<string>;
  temporaryEarlier: ReadonlySet<string>;
  /** Lower-cased `table.column` pairs added earlier in the same text (a rollback may drop them again). */
  columnsEarlier: ReadonlySet<string>;
  /** Lower-cased names of constraints the same text adds anywhere (dropping one to re-create it loses nothing). */
  constraintsAdded: ReadonlySet<string>;
  /** Database selected earlier in the script with `USE x` or `\c x`. */
  database?: string;
  /** Connection string or host the SQL goes to, when the caller knows it. */
  target?: string;
  /** Dynamic SQL this statement runs whose text could not be reconstructed (a variable, a procedure call). */
  hidden?: string;
}

export interface SqlAnalysis {
  statements: SqlStatement[];
  /** Statements neither the parser nor the scanner could account for, as reasons. The engine asks on any. */
  unknowns: string[];
  /** The same, with positions (for `blast-radius scan`). */
  unknownsAt?: { reason: string; line: number; column: number }[];
  /** Tables and `table.column`s the text creates, including those passed in (to chain migration snippets). */
  created?: { tables: string[]; columns: string[] };
}
