/**
 * A record array's fields (numpy's structured arrays: scanpy's rank_genes_groups `names`, `scores`, `pvals`…,
 * genes × groups) decoded column by column from its rows as stored (`Hdf5File.readRecords`): a number field
 * copied as stored into a typed array of its type, a text field — variable-length (as anndata writes it) or
 * fixed length — into strings. h5wasm's own read makes an array for each row and a typed array for each value
 * (20 000 genes × 30 groups × 5 arrays: 3 million of them, seconds and hundreds of MB); here a field is one
 * pass over the rows into one typed array or one array of strings.
 */
import type { CompoundMember } from 'h5wasm/node';
import type { NumericArray } from './h5-file.js';

/** A field's values, filled block by block from the rows. */
export interface FieldColumn {
  /** The member of the compound type the field is read from (its offset, size, type). */
  member: CompoundMember;
  /** Strings for a text member; for a number member a typed array of the member's type (its size a value). */
  values: string[] | NumericArray;
}

/** The NUL-terminated UTF-8 string at `ptr` of `heap` ('' for a null pointer, as h5py reads it). */
function cString(heap: Buffer, ptr: number): string {
  if (ptr === 0) return '';
  return heap.toString('utf8', ptr, heap.indexOf(0, ptr));
}

/** Text field `column` of `count` rows (`rowSize` bytes each, from `first` of `heap`) into its values from `at`. */
function readText(
  column: FieldColumn,
  heap: Buffer,
  first: number,
  rowSize: number,
  count: number,
  at: number,
): void {
  const values = column.values as string[];
  const { offset, size, vlen } = column.member;
  for (let i = 0; i < count; i++) {
    const base = first + i * rowSize + offset;
    if (vlen) {
      values[at + i] = cString(heap, heap.readUInt32LE(base));
      continue;
    }
    // fixed length: the bytes up to the first NUL, as h5wasm and h5py read them
    const nul = heap.indexOf(0, base);
    values[at + i] = heap.toString('utf8', base, nul < 0 || nul > base + size ? base + size : nul);
  }
}

/** A typed array's elements, numbers or bigints alike, for a copy between two arrays of one type. */
export type Elements = { [i: number]: number | bigint };
export type ElementsView = new (buffer: ArrayBufferLike, byteOffset: number, length: number) => Elements;

/**
 * Number field `column` of `count` rows into its typed array from index `at`, as stored: element by element
 * through a view of the rows of the values' own type when the field is aligned to its size, else byte by byte.
 */
function readNumbers(
  column: FieldColumn,
  rows: Uint8Array,
  rowSize: number,
  count: number,
  at: number,
): void {
  const values = column.values as NumericArray;
  const { offset, size } = column.member;
  if ((rows.byteOffset + offset) % size === 0 && rowSize % size === 0) {
    const stride = rowSize / size;
    const view = new (values.constructor as ElementsView)(
      rows.buffer,
      rows.byteOffset + offset,
      (count - 1) * stride + 1,
    );
    const out = values as unknown as Elements;
    for (let i = 0; i < count; i++) out[at + i] = view[i * stride];
    return;
  }
  const out = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  let o = at * size;
  for (let i = 0; i < count; i++) {
    const base = i * rowSize + offset;
    for (let k = 0; k < size; k++) out[o++] = rows[base + k];
  }
}

/**
 * Fills `columns` with the rows of `rows` (`rowSize` bytes each, a view of `heap` as `Hdf5File.readRecords`
 * gives them, `heap` holding the variable-length text), rows `at`… of the record array.
 */
export function readFields(
  columns: readonly FieldColumn[],
  rows: Uint8Array,
  heap: Uint8Array,
  rowSize: number,
  at: number,
): void {
  const count = Math.floor(rows.length / rowSize);
  if (count === 0) return;
  // a Buffer over the heap (no copy) decodes each string natively
  const bytes = Buffer.from(heap.buffer, heap.byteOffset, heap.byteLength);
  const first = rows.byteOffset - heap.byteOffset;
  for (const column of columns) {
    if (column.member.type === 3) readText(column, bytes, first, rowSize, count, at);
    else readNumbers(column, rows, rowSize, count, at);
  }
}
