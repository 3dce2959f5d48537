/**
 * A text column as class codes plus the class names — how a categorical column crosses EngineApi when asked
 * (`ColumnRequest.coded`: the live map's labels), rather than as one string a cell: at 10⁵ cells a list of
 * 10⁵ strings to serialise in the worker, clone over IPC and hold in the page, against 10⁵ bytes. Pure;
 * DOM- and Node-safe.
 */

/** A column as `categories` (in order of first appearance) and one code a cell into them. */
export interface ColumnCodes {
  categories: string[];
  /** One byte a cell for up to 256 categories (a label column), else four. */
  codes: Uint8Array | Int32Array;
}

/** `values` as codes into their distinct values (every value, '' included, is a category of its own). */
export function encodeColumnCodes(values: readonly string[]): ColumnCodes {
  const index = new Map<string, number>();
  const wide = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    let code = index.get(values[i]);
    if (code === undefined) {
      code = index.size;
      index.set(values[i], code);
    }
    wide[i] = code;
  }
  return { categories: [...index.keys()], codes: index.size <= 256 ? Uint8Array.from(wide) : wide };
}

/** Cell `row`'s value: its category, or '' for a row beyond the codes or a code without a category. */
export function codedValue(column: ColumnCodes, row: number): string {
  const code = column.codes[row];
  return code === undefined ? '' : (column.categories[code] ?? '');
}

/** Every cell's value (the text column the codes stand for). */
export function decodeColumnCodes(column: ColumnCodes): string[] {
  return Array.from(column.codes, (code) => column.categories[code] ?? '');
}
