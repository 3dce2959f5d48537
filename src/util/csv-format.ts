/**
 * CSV output for the files TripletLens writes (coordinates, embeddings, the UI's coordinates export), and its
 * tab-separated form for the CLI's `.tsv`/`.txt` outputs (`delimiter` '\t': the same escaping, quoting on a
 * tab instead of a comma, as pandas' `read_csv(sep='\t')` and R's `read.delim` read it).
 * Every field goes through `csvField`, the one escaping function:
 *
 * - Spreadsheet formula injection (OWASP "CSV Injection"): a field starting with `=`, `+`, `-`, `@`, a tab
 *   or a carriage return is prefixed with a single quote, so Excel, LibreOffice or Sheets show it as text
 *   instead of running it as a formula. Plain numbers (`-1.5`, `-3`, `+2`, `1e-5`) stay numbers.
 * - RFC 4180 quoting: a field with a comma, quote, line break or edge whitespace is wrapped in quotes with
 *   inner quotes doubled, so any id or label survives a round trip through a spreadsheet or papaparse.
 */
import { CoreError } from '../api/core-error.js';

/** A field delimiter of the text outputs: comma (CSV) or tab (TSV). */
export type FieldDelimiter = ',' | '\t';

const NEEDS_QUOTES: Record<FieldDelimiter, RegExp> = { ',': /[",\r\n]|^\s|\s$/, '\t': /["\t\r\n]|^\s|\s$/ };
/** What a spreadsheet may read as the start of a formula (OWASP's list). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain decimal number, which a spreadsheet reads as that number and never as a formula. */
const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Neutralises a field a spreadsheet would evaluate as a formula (numbers are left alone). */
export function defuseFormula(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/** One field: formula-neutralised, then quoted only when it must be (a `delimiter` in it, default ','). */
export function csvField(value: string, delimiter: FieldDelimiter = ','): string {
  const safe = defuseFormula(value);
  return NEEDS_QUOTES[delimiter].test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One line (with its terminating newline), fields separated by `delimiter` (default ','). */
export function csvLine(fields: readonly string[], delimiter: FieldDelimiter = ','): string {
  return `${fields.map((f) => csvField(f, delimiter)).join(delimiter)}\n`;
}

/**
 * A float32 value as text: 7 significant digits is all a float32 holds, so printing more would only add
 * noise digits from the double conversion. Non-finite values never reach a file: they are a bug upstream.
 */
export function formatFloat(value: number): string {
  if (!Number.isFinite(value))
    throw new CoreError('numeric', `Refusing to write a non-finite number (${value}) to CSV`);
  return String(Number(value.toPrecision(7)));
}
