/**
 * The decimal separator of a text table: '.' (the default) or ',' — Excel in a Swedish or German locale saves a
 * CSV with ';' between fields and numbers such as `1,25`. Read with ',', a number holding a '.' is refused
 * (`1.234`, `1.234,5`): there a '.' may separate thousands or be a decimal point, and either guess could
 * silently make another number. Detection (`detectDecimal`) picks ',' only where that cannot misread a value.
 */
import { shownValue } from './errors.js';
import { explainNotANumber, parseNumber } from './numbers.js';
import { decimalSetting, type SettingSide } from './setting-words.js';
import type { DecimalSeparator, Delimiter } from './options.js';

/** A number with a decimal comma and digits on both sides ("1,25", "-0,5", "1,5E-05"). */
const DECIMAL_COMMA_NUMBER = /^\s*[-+]?\d+,\d+(?:[eE][-+]?\d+)?\s*$/;
/** Exactly 3 digits after the comma: "12,345" may be 12345 written with a thousands separator. */
const THREE_DECIMALS = /,\d{3}(?:[eE]|\s*$)/;
/** A number with a decimal point ("1.5", ".5", "1.5e-3"). */
const DOT_DECIMAL = /^\s*[-+]?(?:\d+\.\d*|\.\d+)(?:[eE][-+]?\d+)?\s*$/;
/** Digits grouped by 3 with '.' or ',', decimals or not ("1.234.567", "1.234,5", "1,234.5"). */
const GROUPED = /^\s*[-+]?\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?\s*$/;
/** A decimal comma with '.' between thousands ("1.234,5"). */
const DOTTED_THOUSANDS = /^\s*[-+]?\d{1,3}(?:\.\d{3})+,\d+\s*$/;

/**
 * True when `text` is a number written with a '.' in either convention ("1.5", "1.234,5", "1,234.5"); a
 * German date (04.03.2021) or a version (v1.2) is text.
 */
function numberWithDot(text: string): boolean {
  return text.includes('.') && groupedOrDotted(text);
}

/**
 * True when `text` is a number written with a '.' or with separators grouping its digits by 3 ("1.5",
 * "1.234,5", "1,234,567"): one a ','-decimal reader refuses rather than guesses (`parseCommaNumber`).
 */
export function groupedOrDotted(text: string): boolean {
  return DOT_DECIMAL.test(text) || GROUPED.test(text);
}

/**
 * The value of `text` written with a decimal comma ("1,25" → 1.25; "3", "-1,5E-05", "Infinity" too), or NaN
 * when it is no such number: text, two commas, or any '.' (1.234 may be 1234 or 1.234).
 */
export function parseCommaNumber(text: string): number {
  if (text.includes('.')) return NaN;
  const comma = text.indexOf(',');
  if (comma === -1) return parseNumber(text);
  if (text.indexOf(',', comma + 1) !== -1) return NaN;
  return parseNumber(`${text.slice(0, comma)}.${text.slice(comma + 1)}`);
}

/**
 * True when `text` is a number written with a decimal comma that cannot be a thousands separator ("1,25",
 * "-0,5"; not "12,345", which may be 12345): what detection counts, and what a '.'-read table's values
 * treated as missing are checked for (`commaMissingHint`).
 */
export function isDecimalCommaNumber(text: string): boolean {
  return DECIMAL_COMMA_NUMBER.test(text) && !THREE_DECIMALS.test(text);
}

/** The field reader of a table read with `decimal` as its decimal separator. */
export function numberReader(decimal: DecimalSeparator): (text: string) => number {
  return decimal === ',' ? parseCommaNumber : parseNumber;
}

/**
 * The decimal separator of a table whose options leave it to detection: ',' only when the table is
 * ';'-separated (a comma delimiter cannot be a decimal comma unquoted, and in a tab-separated file
 * "1,234" is as likely a thousands separator) and its first rows (`records`, the profiling sample) hold a
 * number written with a decimal comma, not every one of them with exactly 3 digits after it (12,345), and no
 * number written with a '.' (1.5, 1.234,5); else '.', whose refusal of "1,25" then names the option.
 */
export function detectDecimal(delimiter: Delimiter, records: readonly string[][]): DecimalSeparator {
  if (delimiter !== ';') return '.';
  let decimalComma = false;
  for (const record of records) {
    for (const field of record) {
      if (numberWithDot(field)) return '.';
      if (isDecimalCommaNumber(field)) decimalComma = true;
    }
  }
  return decimalComma ? ',' : '.';
}

/**
 * The import's note when detection chose ',': what it read, and how to read the file otherwise — the setting
 * in `side`'s words.
 */
export function detectedCommaNote(rows: number, side: 'cli' | 'app'): string {
  return `',' was read as the decimal separator (1,25 as 1.25): the file is ';'-separated and the numbers of its first ${rows} rows are written with decimal commas, none with a '.'. To read it otherwise, choose the decimal separator (${decimalSetting('.', side)}).`;
}

/**
 * What the warning about values treated as missing under a missing-value policy adds when `comma` of the
 * `bad` values of a table read with '.' decimals are decimal-comma numbers (`isDecimalCommaNumber`; the
 * first: `example`): at least half of them, or '' — a few stray "1,5" among text values are not the file's
 * convention. Under --missing zero such a file's "1,25" become 0 with no refusal to name the option, which the
 * hint names in `side`'s words.
 */
export function commaMissingHint(comma: number, bad: number, example: string, side: 'cli' | 'app'): string {
  if (comma === 0 || comma * 2 < bad) return '';
  const which = comma === bad ? 'They' : `${comma} of them`;
  return ` ${which} are written with a decimal comma (such as "${shownValue(example)}"): if ',' is the decimal separator, read the file with ',' as the decimal separator (${decimalSetting(',', side)}).`;
}

/**
 * How a non-number in a gene column is explained, for a table read with `decimal` as its separator; a setting
 * it suggests in `side`'s words.
 */
export function explainNotANumberIn(text: string, decimal: DecimalSeparator, side: SettingSide): string {
  if (decimal === '.' || !numberWithDot(text)) return explainNotANumber(text, side);
  const shown = shownValue(text);
  if (DOTTED_THOUSANDS.test(text)) {
    return `"${shown}" is written with '.' between thousands: save the numbers without thousands separators (the decimal separator here is ',').`;
  }
  return `"${shown}" holds a '.', but the decimal separator here is ',': a '.' may separate thousands (1.234 for 1234) or be a decimal point, so it is not guessed. Save the numbers with ',' decimals and no thousands separators, or read the file with '.' as the decimal separator (${decimalSetting('.', side)}).`;
}
