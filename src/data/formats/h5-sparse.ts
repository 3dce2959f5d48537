/**
 * Compressed sparse matrices stored as three HDF5 datasets (data, indices, indptr) → CsrMatrix (cells ×
 * genes). Row-major storage (h5ad csr_matrix, Cell Ranger's cells-as-columns CSC) is copied chunk by chunk;
 * column-major storage (h5ad csc_matrix) is turned round in two passes over the indices, so memory follows
 * the non-zeros: the result plus one chunk, never cells × genes.
 */
import { countText } from '../../api/count-text.js';
import type { CsrMatrix } from '../../api/matrix.js';
import { csrBytes } from '../memory-guard.js';
import {
  CHUNK_ELEMENTS,
  checkReadMemory,
  copyToFloat32,
  readBufferBytes,
  copyToFloat64,
  copyToInt32,
  type Hdf5File,
  phase,
  type ReadControl,
} from './h5-file.js';
import {
  canonicalRows,
  describeNonFinite,
  firstNonFinite,
  type RepeatOverflow,
  rowOfValue,
} from './csr-checks.js';
import { sharedArray } from '../../util/shared-arrays.js';

/** Where a compressed matrix is and how it is laid out. */
export interface CompressedLayout {
  /** The group holding data, indices and indptr ('/X', '/matrix'). */
  group: string;
  /** Rows (cells) and columns (genes) of the result. */
  rows: number;
  cols: number;
  /** 'row': indptr runs over cells (CSR of cells × genes); 'col': indptr runs over genes (CSC). */
  major: 'row' | 'col';
  /**
   * For row-major storage only: the stored column → the result's column, -1 to drop it (Cell Ranger's
   * antibody features). Default: every column kept as is.
   */
  columnMap?: Int32Array;
  /**
   * For counts (Cell Ranger's UMIs, an h5ad's integer matrix), which cannot be below 0: makes the error that
   * refuses the first negative stored value. Default: none — a float matrix's values may be negative (scaled data).
   */
  refuseNegative?: (at: StoredValue) => Error;
}

/**
 * A stored value and its place: its entry in data (0-based), its row — the cell — and its stored column —
 * the gene or feature, before any is left out.
 */
export interface StoredValue {
  entry: number;
  row: number;
  column: number;
  value: number;
}

/** Reads and checks indptr: starts at 0, never decreases, ends at the number of stored values. */
function readIndptr(h5: Hdf5File, group: string, majorLength: number): Float64Array {
  const path = `${group}/indptr`;
  const shape = h5.shape(path);
  if (shape.length !== 1 || shape[0] !== majorLength + 1) {
    throw h5.fail(
      path,
      `indptr has ${shape.map(countText).join(' × ')} entries; the matrix shape needs ${countText(majorLength + 1)}.`,
    );
  }
  const indptr = new Float64Array(majorLength + 1);
  copyToFloat64(h5.readRange(path, 0, majorLength + 1), indptr, 0);
  if (indptr[0] !== 0) throw h5.fail(path, `indptr must start at 0, it starts at ${indptr[0]}.`);
  for (let i = 1; i <= majorLength; i++) {
    if (!(indptr[i] >= indptr[i - 1])) {
      throw h5.fail(
        path,
        `indptr is not monotonic: entry ${i} (${indptr[i]}) is smaller than entry ${i - 1} (${indptr[i - 1]}). The sparse matrix is corrupt.`,
      );
    }
  }
  const nnz = indptr[majorLength];
  for (const name of ['data', 'indices']) {
    const shape = h5.shape(`${group}/${name}`);
    if (shape.length !== 1 || shape[0] < nnz) {
      throw h5.fail(
        `${group}/${name}`,
        `${name} holds ${shape.map(countText).join(' × ') || 0} values but indptr ends at ${countText(nnz)}.`,
      );
    }
  }
  return indptr;
}

function indexError(h5: Hdf5File, layout: CompressedLayout, k: number, value: number, limit: number): Error {
  return h5.fail(
    `${layout.group}/indices`,
    // -1 is also what copyToInt32 makes of a value beyond the 32-bit range: the file may hold either
    `index ${value === -1 ? '-1 (or one beyond the 32-bit range)' : value} at position ${k} is out of range: the matrix has ${countText(limit)} ${layout.major === 'row' ? 'columns' : 'rows'}.`,
  );
}

/** Values stored in the data dataset (indptr's end, once checked, is at most this): known before reading. */
function storedValues(h5: Hdf5File, group: string): number {
  const shape = h5.shape(`${group}/data`);
  return shape.length === 1 ? shape[0] : 0;
}

const WHEN = 'from the HDF5 dataset shapes, before reading';
const CSR_DETAIL =
  'a CSR matrix of 4 B value + 4 B index per non-zero and 8 B per cell, plus one chunk of HDF5 read buffer';

/** Row-major storage: copy indices and data chunk by chunk, checking (and remapping) column indices. */
async function readRowMajor(
  h5: Hdf5File,
  layout: CompressedLayout,
  control: ReadControl,
): Promise<CsrMatrix> {
  const stored = storedValues(h5, layout.group);
  // Dropping features (Cell Ranger's antibodies) copies the kept values out: up to 8 B more per non-zero.
  const dropping = layout.columnMap !== undefined;
  checkReadMemory(h5, `${layout.group}/data`, control, {
    cells: layout.rows,
    genes: layout.cols,
    nonZeros: stored,
    bytes: csrBytes(layout.rows, stored) + readBufferBytes(control, stored) + (dropping ? stored * 8 : 0),
    detail: dropping
      ? `${CSR_DETAIL}, plus a copy of the kept values while other features are left out`
      : CSR_DETAIL,
    when: WHEN,
  });
  const indptr = readIndptr(h5, layout.group, layout.rows);
  const nnz = indptr[layout.rows];
  const storedCols = layout.columnMap ? layout.columnMap.length : layout.cols;
  // on shared memory: worker threads (the marker rank index) read the matrix without a copy
  let indices = sharedArray(Int32Array, nnz);
  await h5.forEachChunk(
    `${layout.group}/indices`,
    nnz,
    (chunk, at) => copyToInt32(chunk, indices, at),
    phase(control, 0, 0.5),
  );
  for (let k = 0; k < nnz; k++) {
    const c = indices[k];
    if (c < 0 || c >= storedCols) throw indexError(h5, layout, k, c, storedCols);
  }
  let data = sharedArray(Float32Array, nnz);
  await h5.forEachChunk(
    `${layout.group}/data`,
    nnz,
    (chunk, at) => copyToFloat32(chunk, data, at),
    phase(control, 0.5, 1),
  );
  if (layout.refuseNegative) checkNotNegative(indptr, indices, data, layout.refuseNegative);
  if (layout.columnMap) {
    const kept = dropColumns(indptr, indices, data, layout.columnMap);
    if (kept < nnz) {
      indices = indices.slice(0, kept);
      data = data.slice(0, kept);
    }
  }
  return canonicalRows(
    { format: 'csr', rows: layout.rows, cols: layout.cols, indptr, indices, data },
    repeatOverflow(h5, layout.group),
  );
}

/** One pass over the stored values (before any is dropped or summed), stopping at the first negative one. */
function checkNotNegative(
  indptr: Float64Array,
  indices: Int32Array,
  data: Float32Array,
  refuse: (at: StoredValue) => Error,
): void {
  for (let k = 0; k < data.length; k++) {
    if (data[k] < 0) {
      throw refuse({ entry: k, row: rowOfValue(indptr, k), column: indices[k], value: data[k] });
    }
  }
}

/** Remaps columns in place, dropping those mapped to -1; rewrites indptr. Returns the values kept. */
function dropColumns(indptr: Float64Array, indices: Int32Array, data: Float32Array, map: Int32Array): number {
  let w = 0;
  let start = 0;
  for (let r = 0; r + 1 < indptr.length; r++) {
    const end = indptr[r + 1];
    for (let k = start; k < end; k++) {
      const c = map[indices[k]];
      if (c < 0) continue;
      indices[w] = c;
      data[w++] = data[k];
    }
    start = end;
    indptr[r + 1] = w;
  }
  return w;
}

/**
 * Column-major storage (CSC of cells × genes) → CSR. Pass 1 counts each row's values from the indices;
 * pass 2 reads indices and data again and drops each value into its row. Columns are visited in order, so
 * every row's column indices come out ascending.
 */
async function readColumnMajor(
  h5: Hdf5File,
  layout: CompressedLayout,
  control: ReadControl,
): Promise<CsrMatrix> {
  const { rows, cols, group } = layout;
  const stored = storedValues(h5, group);
  const scratchLength = Math.min(stored, control.chunkElements ?? CHUNK_ELEMENTS);
  checkReadMemory(h5, `${group}/data`, control, {
    cells: rows,
    genes: cols,
    nonZeros: stored,
    // The column pointer, the next free slot of each row and one chunk of scratch, beside the result.
    bytes:
      csrBytes(rows, stored) +
      readBufferBytes(control, stored) +
      (cols + 1) * 8 +
      rows * 8 +
      scratchLength * 8,
    detail: `${CSR_DETAIL}, plus 8 B per gene and per cell and one chunk of scratch to turn the column-major (CSC) storage round`,
    when: WHEN,
  });
  const colptr = readIndptr(h5, group, cols);
  const nnz = colptr[cols];
  const rowCounts = new Float64Array(rows + 1);
  const chunkLength = Math.min(nnz, control.chunkElements ?? CHUNK_ELEMENTS);
  const scratchIndices = new Int32Array(chunkLength);
  const scratchValues = new Float32Array(chunkLength);
  await h5.forEachChunk(
    `${group}/indices`,
    nnz,
    (chunk, at) => {
      const part = scratchIndices.subarray(0, chunk.length);
      copyToInt32(chunk, part, 0);
      for (let i = 0; i < part.length; i++) {
        const r = part[i];
        if (r < 0 || r >= rows) throw indexError(h5, layout, at + i, r, rows);
        rowCounts[r + 1]++;
      }
    },
    phase(control, 0, 0.4),
  );
  const indptr = rowCounts; // prefix sums in place: rowCounts becomes the row pointer
  for (let r = 0; r < rows; r++) indptr[r + 1] += indptr[r];
  const next = indptr.slice(0, rows);
  const indices = sharedArray(Int32Array, nnz);
  const data = sharedArray(Float32Array, nnz);
  let col = 0;
  await h5.forEachChunk(
    `${group}/indices`,
    nnz,
    (chunk, at) => {
      // `chunk` lives in the reader's scratch buffer, which the data read below reuses: copy it first.
      const part = scratchIndices.subarray(0, chunk.length);
      copyToInt32(chunk, part, 0);
      const values = scratchValues.subarray(0, chunk.length);
      copyToFloat32(h5.readRange(`${group}/data`, at, at + chunk.length), values, 0);
      for (let i = 0; i < part.length; i++) {
        const k = at + i;
        while (k >= colptr[col + 1]) col++;
        if (values[i] < 0 && layout.refuseNegative) {
          throw layout.refuseNegative({ entry: k, row: part[i], column: col, value: values[i] });
        }
        const dest = next[part[i]]++;
        indices[dest] = col;
        data[dest] = values[i];
      }
    },
    phase(control, 0.4, 1),
  );
  return canonicalRows({ format: 'csr', rows, cols, indptr, indices, data }, repeatOverflow(h5, group));
}

/**
 * The error for repeated entries of one cell and gene whose sum a float32 cannot hold although each is finite:
 * without it the sum was refused as a stored "value … is Infinity" that numpy finds nowhere in the file.
 */
function repeatOverflow(h5: Hdf5File, group: string): RepeatOverflow {
  return (row, col, entries) =>
    h5.fail(
      `${group}/data`,
      `the ${entries} entries stored for cell ${row + 1}, gene ${col + 1} (1-based) add up beyond ±3.4e38, which a 32-bit float cannot hold: repeated entries count as their sum (as scipy reads them), and expression values must be finite numbers.`,
      'not-finite',
    );
}

/** Stops at a NaN or ±Infinity: training and every output need finite numbers. */
function checkFinite(h5: Hdf5File, group: string, m: CsrMatrix): CsrMatrix {
  const k = firstNonFinite(m.data);
  if (k >= 0) {
    const row = rowOfValue(m.indptr, k);
    throw h5.fail(
      `${group}/data`,
      `the value for cell ${row + 1}, gene ${m.indices[k] + 1} (1-based) is ${describeNonFinite(m.data[k])}; expression values must be finite numbers.`,
      'not-finite',
    );
  }
  return m;
}

/** Reads a compressed sparse matrix into CSR (cells × genes), checking indptr and indices as it goes. */
export async function readCompressed(
  h5: Hdf5File,
  layout: CompressedLayout,
  control: ReadControl = {},
): Promise<CsrMatrix> {
  const m =
    layout.major === 'row'
      ? await readRowMajor(h5, layout, control)
      : await readColumnMajor(h5, layout, control);
  return checkFinite(h5, layout.group, m);
}
