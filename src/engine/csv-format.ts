/**
 * CSV output for the files TripletLens writes (coordinates, embeddings). RFC 4180 quoting: a field with a
 * comma, quote, or line break is wrapped in quotes with inner quotes doubled, so any id or label survives a
 * round trip through a spreadsheet or papaparse.
 */

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One field, quoted only when it must be. */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One line (with its terminating newline). */
export function csvLine(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\n`;
}

/**
 * A float32 value as text: 7 significant digits is all a float32 holds, so printing more would only add
 * noise digits from the double conversion. Non-finite values never reach a file: they are a bug upstream.
 */
export function formatFloat(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`Refusing to write a non-finite number (${value}) to CSV`);
  return String(Number(value.toPrecision(7)));
}
