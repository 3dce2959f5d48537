/**
 * A numeric metadata column (an h5ad's float or integer obs column, a loom's numeric col_attrs) held as the
 * typed array it was read as, its text made only when something reads `values` (`held-text.ts`: the first
 * read makes every value's text as the readers always did — NaN '', float32 at its own precision, others
 * `String()` — and from then on the column is an ordinary text column). The open-time consumers (the Import
 * summary, the label checks, the preview) ask `columnNumbers` first and work from the numbers without making
 * the text.
 */
import { float32Text } from '../util/float32-text.js';
import { heldUnder, holdText } from './held-text.js';
import { codeText, columnCodes, holdCodes } from './category-column.js';
import type { MetadataColumn, StoredColumn } from './types.js';

/** The typed arrays a numeric column is held as (int64 columns only when every value is a safe integer). */
export type ColumnNumbers =
  Float32Array | Float64Array | Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array | Uint32Array;

const NUMBERS = 'numbers';

let columnsMadeText = 0;

/** How many numeric columns have had their text made in this process (tests: the text is made on demand). */
export function numericTextsMade(): number {
  return columnsMadeText;
}

/** One value's text as the readers write it: NaN is missing (''), a float32 at its own precision. */
export function numberText(value: number, float32: boolean): string {
  if (Number.isNaN(value)) return '';
  return float32 ? float32Text(value) : String(value);
}

/** Numbers as text: integers plainly, float32 at its own precision, NaN as missing. */
export function formatNumbers(values: ArrayLike<number | bigint>, float32: boolean): string[] {
  const out = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'bigint') out[i] = String(v);
    else if (Number.isNaN(v)) out[i] = '';
    else out[i] = float32 ? float32Text(v) : String(v);
  }
  return out;
}

/** True when the numbers are float32 (their text is `float32Text`'s). */
export function isFloat32(numbers: ColumnNumbers): boolean {
  return numbers instanceof Float32Array;
}

/**
 * The typed array to hold a numeric dataset's values as, or undefined when it is to be text: int64/uint64
 * (BigInt arrays) become a Float64Array only when every value is a safe integer, whose `String()` is the
 * BigInt's.
 */
export function holdableNumbers(value: unknown): ColumnNumbers | undefined {
  if (value instanceof BigInt64Array || value instanceof BigUint64Array) {
    const out = new Float64Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const v = Number(value[i]);
      if (!Number.isSafeInteger(v)) return undefined;
      out[i] = v;
    }
    return out;
  }
  const typed =
    value instanceof Float32Array ||
    value instanceof Float64Array ||
    value instanceof Int8Array ||
    value instanceof Int16Array ||
    value instanceof Int32Array ||
    value instanceof Uint8Array ||
    value instanceof Uint16Array ||
    value instanceof Uint32Array;
  return typed ? value : undefined;
}

/**
 * `column` with `values` made from `numbers` when first read (then kept, the numbers forgotten), and the
 * numbers kept for `columnNumbers` until then (`held-text.ts`).
 */
export function holdNumbers<T extends { values: string[] }>(column: T, numbers: ColumnNumbers): T {
  return holdText(column, NUMBERS, numbers, (held) => {
    columnsMadeText++;
    return formatNumbers(held, isFloat32(held));
  });
}

/**
 * A copy of a column as `{ name, values, stored }` (a reader's column as the table's metadata): a numeric
 * column stays held as its numbers, a categorical as its codes (`category-column.ts`).
 */
export function metadataColumnOf(column: {
  name: string;
  values: string[];
  stored?: StoredColumn;
}): MetadataColumn {
  const numbers = columnNumbers(column);
  const base: MetadataColumn = { name: column.name, values: [], stored: column.stored };
  if (numbers) return holdNumbers(base, numbers);
  const codes = columnCodes(column);
  return codes ? holdCodes(base, codes) : { ...base, values: column.values };
}

/** The numbers a column is held as, while its text has not been made; undefined for a text column. */
export function columnNumbers(column: { values: readonly string[] }): ColumnNumbers | undefined {
  return heldUnder<ColumnNumbers>(column, NUMBERS);
}

/** How many values a column has, without making a numeric or categorical column's text. */
export function columnLength(column: { values: readonly string[] }): number {
  return (columnNumbers(column) ?? columnCodes(column)?.codes ?? column.values).length;
}

/** The text of one row of a column, without making a numeric or categorical column's text. */
export function valueText(column: { values: readonly string[] }, row: number): string {
  const numbers = columnNumbers(column);
  if (numbers) return numberText(numbers[row], isFloat32(numbers));
  const codes = columnCodes(column);
  return codes ? codeText(codes, row) : column.values[row];
}
