/**
 * Reading one field as a number. Only '.' is a decimal separator; what counts as "missing" is fixed and
 * small so that a typo is reported rather than silently treated as a gap.
 */

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

/** True when the field stands for a missing value (empty, NA, NaN, null…). */
export function isMissingToken(text: string): boolean {
  return MISSING_TOKENS.has(text) || MISSING_TOKENS.has(text.trim());
}

/**
 * The field's numeric value, or NaN when it is not a number (missing tokens are NaN too: check them with
 * isMissingToken). Spaces around the number are allowed; '1,5' (decimal comma) is not a number.
 */
export function parseNumber(text: string): number {
  const value = +text;
  // `+''` and `+'  '` are 0 in JavaScript; those are missing, not zero.
  if (value === 0 && text.trim() === '') return NaN;
  return value;
}

/** How a non-number in a gene column is explained. */
export function explainNotANumber(text: string): string {
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  if (/^\s*[-+]?\d+,\d+\s*$/.test(text)) {
    return `"${shown}" uses a decimal comma; TripletLens needs '.' as the decimal separator (re-export the file with '.' decimals).`;
  }
  return `"${shown}" is not a number.`;
}
