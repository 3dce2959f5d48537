/**
 * Reading one field as a number. Only '.' is a decimal separator and only decimal notation is a number
 * (JavaScript's own `+'0x1F'` is 31, `+'0b1'` is 1: not here); what counts as "missing" is fixed and small
 * so that a typo is reported rather than silently treated as a gap.
 */
import { shownValue } from './errors.js';
import { decimalSetting, type SettingSide } from './setting-words.js';

/** Field texts read as a missing value (after trimming spaces). */
export const MISSING_TOKENS: ReadonlySet<string> = new Set([
  '',
  'NA',
  'na',
  'N/A',
  'n/a',
  '#N/A',
  'NaN',
  'nan',
  'NAN',
  'null',
  'NULL',
]);

/** The largest finite float32; a decimal beyond it becomes ±Infinity in the Float32Array. */
export const FLOAT32_MAX = 3.4028234663852886e38;

/** True when the field stands for a missing value (empty, NA, NaN, null…). */
export function isMissingToken(text: string): boolean {
  return MISSING_TOKENS.has(text) || MISSING_TOKENS.has(text.trim());
}

/**
 * True when `text`, which `+text` reads as a finite number, is written in hexadecimal, binary or octal
 * (0x1F, 0b101, 0o17). Such a literal starts with 0 then x, b or o (JavaScript refuses a sign before it); a
 * field starting with a digit 1–9, a sign or '.' is decimal. Only a field with leading spaces is scanned:
 * decimal notation (Infinity included) never holds an x, b or o.
 */
function isRadixLiteral(text: string): boolean {
  const c0 = text.charCodeAt(0);
  if (c0 === 48) {
    const c1 = text.charCodeAt(1) | 0x20; // lower-cases ASCII letters
    return c1 === 0x78 || c1 === 0x62 || c1 === 0x6f;
  }
  if ((c0 > 48 && c0 <= 57) || c0 === 45 || c0 === 43 || c0 === 46) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) | 0x20;
    if (c === 0x78 || c === 0x62 || c === 0x6f) return true;
  }
  return false;
}

/**
 * The field's numeric value, or NaN when it is not a decimal number (missing tokens are NaN too: check them
 * with isMissingToken). Spaces around the number are allowed; '1,5' (decimal comma) and '0x1F' are not
 * numbers; 'Infinity' and '1e39' are numbers here (±Infinity, or beyond float32) and reported as not finite.
 */
export function parseNumber(text: string): number {
  const value = +text;
  // `+''` and `+'  '` are 0 in JavaScript; those are missing, not zero.
  if (value === 0 && text.trim() === '') return NaN;
  if (value === value && isRadixLiteral(text)) return NaN;
  return value;
}

/** True when a (parsed) value fits a float32 as a finite number (false for NaN, ±Infinity and ±1e39). */
export function fitsFloat32(value: number): boolean {
  return value >= -FLOAT32_MAX && value <= FLOAT32_MAX;
}

/** True when the text names an infinity the way R, numpy or Excel write it (Inf, -inf, Infinity, ∞). */
export function isInfinityToken(text: string): boolean {
  return /^\s*[-+]?(inf|infinity|∞)\s*$/i.test(text);
}

/** Digits grouped by thousands with ',' ("12,345", "1,234,567", "1,234.5"): the first group cannot be 0. */
const THOUSANDS_COMMAS = /^\s*[-+]?[1-9]\d{0,2}(,\d{3})+(\.\d+)?\s*$/;
/** A decimal comma, with '.' between thousands or not ("0,5", "12,3456", "1.234,5"). */
const DECIMAL_COMMA = /^\s*[-+]?(\d+|[1-9]\d{0,2}(\.\d{3})+),\d+\s*$/;

/**
 * How a non-number in a gene column of a table read with '.' decimals is explained; a setting it suggests is
 * named in `side`'s words (setting-words.ts).
 */
export function explainNotANumber(text: string, side: SettingSide): string {
  const shown = shownValue(text);
  if (THOUSANDS_COMMAS.test(text)) {
    const commas = (text.match(/,/g) ?? []).length;
    const plain = shownValue(text.trim().replace(/,/g, ''));
    const separators = commas === 1 ? 'a thousands separator' : 'thousands separators';
    // one group of 3 digits after a single comma could also be a decimal comma (12,345 for 12.345)
    const orDecimal =
      commas === 1 && !text.includes('.')
        ? ` (if ',' is the decimal separator there, read the file with ',' as the decimal separator: ${decimalSetting(',', side)})`
        : '';
    return `"${shown}" looks like ${plain} written with ${separators}; TripletLens needs plain numbers: remove the thousands separators (save the file again without them)${orDecimal}.`;
  }
  if (DECIMAL_COMMA.test(text)) {
    const read = `read the file with ',' as the decimal separator (${decimalSetting(',', side)})`;
    return text.includes('.')
      ? `"${shown}" uses a decimal comma and '.' between thousands: save the numbers without thousands separators, then ${read}.`
      : `"${shown}" uses a decimal comma: ${read}.`;
  }
  if (/^\s*[-+]?0[xbo][\da-f]+\s*$/i.test(text)) {
    return `"${shown}" is written in hexadecimal, binary or octal, not as a decimal number.`;
  }
  return `"${shown}" is not a number.`;
}

/**
 * How a non-number in a format with no decimal separator setting is explained (`format`: "MatrixMarket").
 * --decimal and the page's Decimal separator are refused for such a file (format-options.ts), so a decimal
 * comma or thousands separator is told as the format's rule — a plain number with a '.' decimal point — and
 * the file is to be saved again; no setting is offered, on either side. Other texts as `explainNotANumber`.
 */
export function explainNotAPlainNumber(text: string, format: string): string {
  const shown = shownValue(text);
  const rule = `a ${format} value must be a plain number with a '.' decimal point`;
  const trimmed = text.trim();
  if (THOUSANDS_COMMAS.test(text)) {
    const commas = (trimmed.match(/,/g) ?? []).length;
    const plain = trimmed.replace(/,/g, '');
    // one group of 3 digits after a single comma could also be a decimal comma (12,345 for 12.345)
    const orDecimal =
      commas === 1 && !trimmed.includes('.') ? ` (or ${trimmed.replace(',', '.')} with a decimal comma)` : '';
    const separators = commas === 1 ? 'a thousands separator' : 'thousands separators';
    return `"${shown}" looks like ${plain} written with ${separators}${orDecimal}, but ${rule} and no thousands separators: save the matrix again with its values written so.`;
  }
  if (DECIMAL_COMMA.test(text)) {
    const plain = trimmed.replace(/\./g, '').replace(',', '.');
    return trimmed.includes('.')
      ? `"${shown}" uses a decimal comma and '.' between thousands, but ${rule} and no thousands separators (${plain}): save the matrix again with its values written so.`
      : `"${shown}" uses a decimal comma, but ${rule} (${plain}): save the matrix again with its values written so.`;
  }
  // no setting is suggested for the texts left (hexadecimal, or no number at all)
  return explainNotANumber(text, 'cli');
}
