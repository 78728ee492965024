import { escapeFormula } from "./formula-escape";
import type { Delimiter } from "./parse";

/**
 * The rejected rows as a CSV to fix and upload again: a `line` and an `error` column first (so
 * they are in view when the file opens), then the row's original columns, untouched except for
 * the formula escaping below. Written row by row, so a big import can stream it to a file.
 *
 * Every cell is quoted and escaped against formula injection by `escapeFormula` (./formula-escape,
 * OWASP's rule); the import reads the escape back, so an error file fixed and uploaded again
 * imports the values as they were. The contacts export (lib/export) writes every cell through
 * escapeCell too.
 */
export interface ErrorCsvOptions {
  /** The original file's delimiter, so the spreadsheet that made the file opens this one alike. */
  delimiter?: Delimiter;
}

export interface RejectedRow {
  line: number;
  values: readonly string[];
  error: string;
}

const BOM = "\uFEFF";
const EOL = "\r\n";

/** A cell made safe for spreadsheets, and quoted (every cell is, which no CSV reader minds). */
export function escapeCell(value: string): string {
  return `"${escapeFormula(value).replace(/"/g, '""')}"`;
}

/** Names for our two columns that do not clash with the file's own (an error file re-uploaded and rejected again has both). */
function ownColumns(headers: readonly string[]): [string, string] {
  const taken = new Set(headers.map((h) => h.trim().toLowerCase()));
  let names: [string, string] = ["line", "error"];
  for (let n = 2; names.some((name) => taken.has(name)); n++) names = [`line ${n}`, `error ${n}`];
  return names;
}

/**
 * The first part of the file: a UTF-8 BOM (Excel reads the file as UTF-8 only with it) and the
 * header row.
 */
export function errorCsvHeader(headers: readonly string[], options: ErrorCsvOptions = {}): string {
  return BOM + [...ownColumns(headers), ...headers].map(escapeCell).join(options.delimiter ?? ",") + EOL;
}

/** One rejected row, ending with a line break. */
export function errorCsvRow(row: RejectedRow, options: ErrorCsvOptions = {}): string {
  return [String(row.line), row.error, ...row.values].map(escapeCell).join(options.delimiter ?? ",") + EOL;
}

/** The whole file at once, for the review step's download of the rows checked so far. */
export function errorCsv(headers: readonly string[], rows: Iterable<RejectedRow>, options: ErrorCsvOptions = {}): string {
  let out = errorCsvHeader(headers, options);
  for (const row of rows) out += errorCsvRow(row, options);
  return out;
}
