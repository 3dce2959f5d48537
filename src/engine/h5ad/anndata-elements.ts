/**
 * AnnData's on-disk elements written through h5wasm, with the exact attributes anndata's own writers set
 * (anndata/_io/specs/methods.py): every element carries `encoding-type` and `encoding-version` as
 * variable-length UTF-8 string attributes; strings are variable-length UTF-8 datasets. Large arrays are
 * written in blocks (a resizable chunked dataset) so the wasm heap never holds a whole atlas-sized array.
 */
import type { Dataset, Group } from 'h5wasm/node';
import type { CsrMatrix, DenseMatrix } from '../../api/matrix.js';
import { encodeObsColumn, type NumericTypedArray, type ObsColumn, type ObsEncoding } from './obs-encoding.js';

/** Elements per block when an array is written in pieces. Default 4 Mi elements (16 MB of float32). */
export const DEFAULT_BLOCK_ELEMENTS = 4 * 1024 * 1024;

type NumericArray = NumericTypedArray;

/** Sets `encoding-type` / `encoding-version` on a group or dataset. */
export function setEncoding(target: Group | Dataset, type: string, version: string): void {
  target.create_attribute('encoding-type', type);
  target.create_attribute('encoding-version', version);
}

/** An empty `dict` group (obsp, varm, layers…: anndata writes them even when empty). */
export function writeDict(parent: Group, name: string): Group {
  const group = parent.create_group(name);
  setEncoding(group, 'dict', '0.1.0');
  return group;
}

/**
 * A 1-D numeric array, or a 2-D one when `cols` is given (row-major `data`), written in blocks of whole
 * rows when it is larger than `blockElements`.
 */
export function writeNumeric(
  parent: Group,
  name: string,
  data: NumericArray,
  cols?: number,
  blockElements = DEFAULT_BLOCK_ELEMENTS,
): Dataset {
  // a 0-column array's row count is not in its (empty) data: writeDense passes it to writeStreamed itself
  const width = Math.max(1, cols ?? 1);
  const rows = cols === 0 ? 0 : data.length / width;
  return writeStreamed(
    parent,
    name,
    rows,
    cols,
    (start, end) => data.subarray(start * width, end * width),
    blockElements,
  );
}

/**
 * A 1-D numeric dataset of `rows` values, or a 2-D one of `rows` × `cols`, whose rows [start, end) `read`
 * gives (row-major, any numeric typed array: the dataset takes the dtype of the first block), fetched and
 * written a block at a time when larger than `blockElements` — so a matrix copied from another file never
 * passes through memory whole. With `gzipLevel` (0–9) the dataset is chunked and gzip-compressed, as the
 * source of a copy was (h5wasm sets one filter: a source's shuffle filter is not repeated).
 */
export function writeStreamed(
  parent: Group,
  name: string,
  rows: number,
  cols: number | undefined,
  read: (start: number, end: number) => NumericArray,
  blockElements = DEFAULT_BLOCK_ELEMENTS,
  gzipLevel: number | null = null,
): Dataset {
  const shape = (r: number) => (cols === undefined ? [r] : [r, cols]);
  // HDF5 refuses a chunk with a zero dimension (and h5wasm does not throw): a table without columns or rows
  // has nothing to chunk or compress
  if (cols === 0 || rows === 0) return parent.create_dataset({ name, data: read(0, 0), shape: shape(rows) });
  const width = cols ?? 1;
  const rowsPerBlock = Math.max(1, Math.floor(blockElements / width));
  const compress = gzipLevel !== null;
  if (rows <= rowsPerBlock && !compress) {
    return parent.create_dataset({ name, data: read(0, rows), shape: shape(rows) });
  }
  const first = Math.min(rows, rowsPerBlock);
  // compressed chunks of ~64 Ki values, as h5py's are of this order; uncompressed ones as before
  const chunkRows = compress ? Math.max(1, Math.floor(65536 / width)) : 65536;
  const dataset = parent.create_dataset({
    name,
    data: read(0, first),
    shape: shape(first),
    maxshape: cols === undefined ? [null] : [null, cols],
    chunks: shape(Math.min(rowsPerBlock, chunkRows)),
    ...(compress ? { compression: 'gzip' as const, compression_opts: gzipLevel } : {}),
  });
  if (rows > first) dataset.resize(shape(rows));
  for (let start = first; start < rows; start += rowsPerBlock) {
    const end = Math.min(rows, start + rowsPerBlock);
    const ranges: [number, number][] =
      cols === undefined
        ? [[start, end]]
        : [
            [start, end],
            [0, cols],
          ];
    dataset.write_slice(ranges, read(start, end));
  }
  return dataset;
}

/** An `array` element (numbers, 1-D or 2-D). */
export function writeArray(
  parent: Group,
  name: string,
  data: NumericArray,
  cols?: number,
  blockElements?: number,
): Dataset {
  const dataset = writeNumeric(parent, name, data, cols, blockElements);
  setEncoding(dataset, 'array', '0.2.0');
  return dataset;
}

/** A `string-array` element: variable-length UTF-8 strings. */
export function writeStringArray(parent: Group, name: string, values: readonly string[]): Dataset {
  // h5wasm stores a JS string array as variable-length UTF-8 (h5py's special_dtype(vlen=str))
  const dataset = parent.create_dataset({ name, data: [...values], shape: [values.length], dtype: 'S' });
  setEncoding(dataset, 'string-array', '0.2.0');
  return dataset;
}

/** A scalar `string` element (anndata reads it back as a Python str). */
export function writeString(parent: Group, name: string, value: string): Dataset {
  const dataset = parent.create_dataset({ name, data: value, shape: [], dtype: 'S' });
  setEncoding(dataset, 'string', '0.2.0');
  return dataset;
}

/**
 * A `categorical` element: `codes` (−1 = missing), `categories` (text, or the numbers the source stored
 * them as) and the `ordered` flag.
 */
export function writeCategorical(
  parent: Group,
  name: string,
  encoding: Extract<ObsEncoding, { kind: 'categorical' }>,
): Group {
  const group = parent.create_group(name);
  setEncoding(group, 'categorical', '0.2.0');
  // anndata writes a numpy bool; any integer reads back through its bool(...) the same way
  group.create_attribute('ordered', new Int8Array([encoding.ordered ? 1 : 0]), [], '<b');
  writeArray(group, 'codes', encoding.codes);
  if (encoding.numericCategories) writeArray(group, 'categories', encoding.numericCategories);
  else writeStringArray(group, 'categories', encoding.categories);
  return group;
}

/** A column of a dataframe in the encoding `encodeObsColumn` chose; returns that encoding. */
function writeColumn(group: Group, column: ObsColumn): ObsEncoding {
  const encoding = encodeObsColumn(column);
  if (encoding.kind === 'categorical') writeCategorical(group, column.name, encoding);
  else if (encoding.kind === 'numeric' || encoding.kind === 'integer') {
    writeArray(group, column.name, encoding.values);
  } else writeStringArray(group, column.name, encoding.values);
  return encoding;
}

/**
 * A `dataframe` element: the index under `indexName` (attribute `_index` names it; anndata reads any other
 * name than `_index` as the index's name), one element per column, and `column-order`. Column names must be
 * unique, non-empty, not `_index` or '.' (HDF5's name for the group itself) and free of '/' (`obsColumnNames`
 * makes them so); an index name that is not valid or is a column's name is written as `_index`. Returns each column's encoding, by name.
 */
export function writeDataFrame(
  parent: Group,
  name: string,
  index: readonly string[],
  columns: readonly ObsColumn[],
  indexName = '_index',
): Map<string, ObsEncoding> {
  const group = parent.create_group(name);
  setEncoding(group, 'dataframe', '0.2.0');
  const clash =
    indexName === '' ||
    indexName === '.' ||
    indexName.includes('/') ||
    columns.some((c) => c.name === indexName);
  const indexKey = clash ? '_index' : indexName;
  group.create_attribute('_index', indexKey);
  if (columns.length) {
    group.create_attribute(
      'column-order',
      columns.map((c) => c.name),
      [columns.length],
      'S',
    );
  } else {
    // what anndata writes for a frame without columns: an empty float64 array
    group.create_attribute('column-order', new Float64Array(0), [0], '<d');
  }
  writeStringArray(group, indexKey, index);
  const encodings = new Map<string, ObsEncoding>();
  for (const column of columns) encodings.set(column.name, writeColumn(group, column));
  return encodings;
}

/** Where each of `m`'s columns goes among `columns` (ascending), −1 for a column left out. */
function columnPositions(total: number, columns: readonly number[]): Int32Array {
  const position = new Int32Array(total).fill(-1);
  columns.forEach((c, j) => (position[c] = j));
  return position;
}

/** The row pointers of `m` restricted to the columns `position` keeps (one pass over its indices). */
function selectedIndptr(m: CsrMatrix, position: Int32Array): Float64Array {
  const indptr = new Float64Array(m.rows + 1);
  let nnz = 0;
  for (let r = 0; r < m.rows; r++) {
    for (let k = m.indptr[r]; k < m.indptr[r + 1]; k++) if (position[m.indices[k]] >= 0) nnz++;
    indptr[r + 1] = nnz;
  }
  return indptr;
}

/**
 * A reader of `nnz` selected stored values of `m` for writeStreamed, which asks for them in order: each call
 * walks on through `m`'s stored values from where the last stopped, keeping those whose column `position`
 * keeps, as `pick` gives them (the value, or the column's new number), in one reused block.
 */
function selectedStored(
  m: CsrMatrix,
  position: Int32Array,
  block: Float32Array | Int32Array,
  pick: (k: number, column: number) => number,
): (start: number, end: number) => Float32Array | Int32Array {
  let k = 0;
  return (start, end) => {
    const count = end - start;
    for (let o = 0; o < count; k++) {
      const j = position[m.indices[k]];
      if (j >= 0) block[o++] = pick(k, j);
    }
    return block.subarray(0, count);
  };
}

/**
 * A `csr_matrix` element: `data`, `indices`, `indptr` (int32, int64 past 2³¹−1 values) and `shape`. With
 * `columns` (ascending) only those columns are written, renumbered 0…, straight from `m` block by block:
 * the selection is never held whole (at atlas size it is gigabytes).
 */
export function writeCsr(
  parent: Group,
  name: string,
  m: CsrMatrix,
  blockElements = DEFAULT_BLOCK_ELEMENTS,
  columns?: readonly number[],
): Group {
  const group = parent.create_group(name);
  setEncoding(group, 'csr_matrix', '0.1.0');
  const cols = columns?.length ?? m.cols;
  group.create_attribute('shape', new BigInt64Array([BigInt(m.rows), BigInt(cols)]), [2], '<q');
  const position = columns ? columnPositions(m.cols, columns) : null;
  const rowStarts = position ? selectedIndptr(m, position) : m.indptr;
  const nnz = rowStarts[m.rows];
  if (position) {
    const block = Math.min(nnz, blockElements);
    const data = selectedStored(m, position, new Float32Array(block), (k) => m.data[k]);
    const indices = selectedStored(m, position, new Int32Array(block), (_k, j) => j);
    writeStreamed(group, 'data', nnz, undefined, data, blockElements);
    writeStreamed(group, 'indices', nnz, undefined, indices, blockElements);
  } else {
    writeNumeric(group, 'data', m.data.subarray(0, nnz), undefined, blockElements);
    writeNumeric(group, 'indices', m.indices.subarray(0, nnz), undefined, blockElements);
  }
  const indptr =
    nnz > 2 ** 31 - 1 ? BigInt64Array.from(rowStarts, (v) => BigInt(v)) : Int32Array.from(rowStarts);
  writeNumeric(group, 'indptr', indptr, undefined, blockElements);
  return group;
}

/**
 * A dense 2-D float32 `array` element (rows × 0 when it has no columns: its rows are kept); with `columns`
 * (ascending) only those, copied a block of rows at a time (never the whole selection).
 */
export function writeDense(
  parent: Group,
  name: string,
  m: DenseMatrix,
  blockElements = DEFAULT_BLOCK_ELEMENTS,
  columns?: readonly number[],
): Dataset {
  let read = (r0: number, r1: number) => m.data.subarray(r0 * m.cols, r1 * m.cols);
  const width = columns?.length ?? m.cols;
  if (columns) {
    const rowsPerBlock = Math.max(1, Math.floor(blockElements / Math.max(1, width)));
    const block = new Float32Array(Math.min(m.rows, rowsPerBlock) * width);
    read = (r0, r1) => {
      for (let r = r0; r < r1; r++) {
        const from = r * m.cols;
        const to = (r - r0) * width;
        for (let j = 0; j < width; j++) block[to + j] = m.data[from + columns[j]];
      }
      return block.subarray(0, (r1 - r0) * width);
    };
  }
  const dataset = writeStreamed(parent, name, m.rows, width, read, blockElements);
  setEncoding(dataset, 'array', '0.2.0');
  return dataset;
}
