/**
 * A record array (numpy's structured array: scanpy's rank_genes_groups `names`, `scores`…) written from its
 * fields as anndata writes it: a compound dataset, one member a field, text as variable-length UTF-8 strings.
 * h5wasm's `create_dataset` refuses variable-length text inside a compound type and interleaves the fields
 * value by value (a `subarray` and a `set` for each of genes × groups values); here the rows are laid out in
 * the WebAssembly heap in one pass a field — numbers byte for byte, text as pointers to NUL-terminated UTF-8
 * copied into the heap beside them — and handed to HDF5's dataset creation at once, which stores the strings.
 */
import type { Dataset, Group, Metadata } from 'h5wasm/node';
import { CoreError } from '../../api/core-error.js';
import type { NumericArray } from '../../data/formats/h5-file.js';
import type { Elements, ElementsView } from '../../data/formats/h5-records.js';
import { loadedH5wasm, quiet, type H5Module } from '../../data/formats/h5wasm-load.js';

/** A field of a record array: its name, h5wasm dtype ('<f', '<d', '<b'…, 'S' for text) and its values. */
export interface WritableField {
  name: string;
  dtype: string;
  values: string[] | NumericArray;
}

/** Rows [from, to) of a record array: a block written at once. */
interface Block {
  from: number;
  to: number;
}

/** The heap bytes the text fields' strings of `block` take, NUL-terminated. */
function textBytes(fields: readonly WritableField[], { from, to }: Block): number {
  let bytes = 0;
  for (const field of fields) {
    if (field.dtype !== 'S') continue;
    const values = field.values as string[];
    for (let i = from; i < to; i++) bytes += Buffer.byteLength(values[i], 'utf8') + 1;
  }
  return bytes;
}

/** Number field `values`' `block` into its rows of `rowSize` bytes at `rows` of `heap`, at `offset` in a row. */
function layOutNumbers(
  heap: Uint8Array,
  values: NumericArray,
  rows: number,
  rowSize: number,
  offset: number,
  { from, to }: Block,
): void {
  const size = values.BYTES_PER_ELEMENT;
  const count = to - from;
  if ((rows + offset) % size === 0 && rowSize % size === 0) {
    const stride = rowSize / size;
    const view = new (values.constructor as ElementsView)(
      heap.buffer,
      rows + offset,
      (count - 1) * stride + 1,
    );
    const source = values as unknown as Elements;
    for (let i = 0; i < count; i++) view[i * stride] = source[from + i];
    return;
  }
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  for (let i = 0; i < count; i++) {
    const base = rows + i * rowSize + offset;
    for (let k = 0; k < size; k++) heap[base + k] = bytes[(from + i) * size + k];
  }
}

/**
 * Lays out the rows of `block` of `fields` (members at `meta`'s offsets) at `rows` of the heap, their strings
 * from `text` on.
 */
function layOut(
  module: H5Module['Module'],
  meta: Metadata,
  fields: readonly WritableField[],
  block: Block,
  rows: number,
  text: number,
): void {
  // taken after every allocation: a growing heap replaces its buffer
  const heap = module.HEAPU8;
  const bytes = Buffer.from(heap.buffer, heap.byteOffset, heap.byteLength);
  const members = meta.compound_type?.members ?? [];
  let next = text;
  fields.forEach((field, j) => {
    const { offset } = members[j];
    if (field.dtype !== 'S') {
      layOutNumbers(heap, field.values as NumericArray, rows, meta.size, offset, block);
      return;
    }
    const values = field.values as string[];
    for (let i = block.from; i < block.to; i++) {
      const written = bytes.write(values[i], next, 'utf8');
      bytes[next + written] = 0;
      bytes.writeUInt32LE(next, rows + (i - block.from) * meta.size + offset);
      next += written + 1;
    }
  });
}

/** Writes the record array of `fields` (each `length` values) as the dataset `name` of `parent`. */
export function writeRecords(
  parent: Group,
  name: string,
  length: number,
  fields: readonly WritableField[],
): Dataset {
  const h5wasm = loadedH5wasm();
  if (!h5wasm) throw new CoreError('internal', 'h5wasm is not loaded: a record array cannot be written.');
  const { Module: module } = h5wasm;
  const meta = h5wasm.dtype_to_metadata(fields.map((f): [string, string] => [f.name, f.dtype]));
  const path = `${parent.path === '/' ? '' : parent.path}/${name}`;
  const all = { from: 0, to: length };
  const rows = module._malloc(Math.max(1, length * meta.size));
  const strings = module._malloc(Math.max(1, textBytes(fields, all)));
  try {
    if (!rows || !strings)
      throw new CoreError('internal', `HDF5's memory could not hold the record array ${path}.`);
    if (length > 0) layOut(module, meta, fields, all, rows, strings);
    const status = quiet(() =>
      module.create_dataset(parent.file_id, path, BigInt(rows), {
        ...meta,
        shape: [BigInt(length)],
        maxshape: [BigInt(length)],
        chunks: null,
        compression: 0,
        compression_opts: [],
        track_order: false,
      } as Parameters<typeof module.create_dataset>[3]),
    );
    if (status < 0) throw new CoreError('internal', `HDF5 could not write the record array ${path}.`);
  } finally {
    for (const ptr of [rows, strings]) if (ptr) module._free(ptr);
  }
  return parent.get(name) as Dataset;
}
