/**
 * How a count is written in the user's sentences — the Import summary, the engine's notes and warnings and the
 * CLI's lines alike — so a number reads the same wherever it is shown. Contract layer: no imports.
 */

/**
 * 12345 → "12 345", 1500 → "1 500", 999 → "999": whole numbers with their digits grouped by three with a narrow
 * no-break space (U+202F), which reads the same in every locale (a comma is a decimal point in many) and never
 * breaks a number across lines. Not for numbers a user may copy into an option or a file.
 */
export function countText(n: number): string {
  const sign = n < 0 ? '-' : '';
  const digits = String(Math.round(Math.abs(n)));
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
}
