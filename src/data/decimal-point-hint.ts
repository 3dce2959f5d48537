/**
 * Why a table read with ',' as the decimal separator (`--decimal comma`, Import settings ▸ Decimal separator:
 * comma) has no numeric column: its numbers use a decimal point. `train iris.csv --decimal comma` was told
 * only to "check the delimiter and the decimal separator"; the hint names a value, its place and the setting
 * to give, in each side's words — the reverse of column-roles.ts' decimal-comma hint.
 */
import { shownValue, type ErrorLocation } from './errors.js';
import { decimalSetting, type SettingSide } from './setting-words.js';

/** A number written with a decimal point: "5.1", "-0.25", ".5", "1.5e-3". */
const POINT_NUMBER = /^\s*[-+]?\d*\.\d+(?:[eE][-+]?\d+)?\s*$/;

/**
 * The first value of `sample` written with a decimal point, as the reason no column is numeric when the table
 * was read with ','; undefined when there is none. `lines`: the sample's file lines (else the header is named).
 */
export function decimalPointHint(
  header: readonly string[],
  sample: readonly (readonly string[])[],
  lines: readonly number[] | undefined,
): { hint: (side: SettingSide) => string; where: ErrorLocation } | undefined {
  for (const [row, record] of sample.entries()) {
    const column = record.findIndex((field) => POINT_NUMBER.test(field));
    if (column === -1) continue;
    const line = lines?.[row];
    const name = header[column] ?? '';
    const where: ErrorLocation =
      line === undefined ? { line: 1 } : { line, column: column + 1, columnName: name };
    const value = `values such as "${shownValue(record[column])}" (column "${shownValue(name)}")`;
    // the page's field offers auto, the CLI leaves the flag out: as the delimiter's refusal says them
    const detected = (side: SettingSide): string =>
      side === 'cli' ? 'leave --decimal out to have it detected' : 'choose auto';
    const hint = (side: SettingSide): string =>
      `${value} use a decimal point, but the file was read with ',' as the decimal separator: read it with '.' (${decimalSetting('.', side)}), or ${detected(side)}.`;
    return { hint, where };
  }
  return undefined;
}
