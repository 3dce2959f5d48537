/**
 * Dense 2-D HDF5 datasets: an h5ad's dense X or obsm entry (cells × columns, kept dense) and a loom matrix
 * (genes × cells, turned into CSR cells × genes). Both are read in blocks of about CHUNK_ELEMENTS values.
 */
import { countText } from '../../api/count-text.js';
import type { CsrMatrix, DenseMatrix } from '../../api/matrix.js';
import { abortError } from '../errors.js';
import { csrBytes, denseBytes } from '../memory-guard.js';
import {
  CHUNK_ELEMENTS,
  checkReadMemory,
  readBufferBytes,
  copyToFloat32,
  type Hdf5File,
  type ReadControl,
} from './h5-file.js';
import { describeNonFinite, firstNonFinite } from './csr-checks.js';
import type { StoredValue } from './h5-sparse.js';
import { sharedArray } from '../../util/shared-arrays.js';
import { yieldToEventLoop } from '../../util/yield-to-event-loop.js';

/**
 * A non-finite value of a dense dataset: "row 2, column 1" of an h5ad's X or obsm entry; "gene 6, cell 8 (row 6,
 * column 8 as stored)" of a loom's genes × cells matrix (a walkthrough: it said "gene 6, column 8").
 */
function nonFiniteError(h5: Hdf5File, path: string, row: number, col: number, value: number, loom = false) {
  const at = loom
    ? `gene ${row + 1}, cell ${col + 1} (1-based; row ${row + 1}, column ${col + 1} as stored)`
    : `row ${row + 1}, column ${col + 1} (1-based)`;
  // an embedding's coordinates are no expression values: a walkthrough's obsm/X_pca was refused as such
  const values = /^\/?obsm\//.test(path) ? `the values of ${path.replace(/^\//, '')}` : 'expression values';
  return h5.fail(
    path,
    `the value at ${at} is ${describeNonFinite(value)}; ${values} must be finite numbers.`,
    'not-finite',
  );
}

/** The dense matrix's storage, or a clear error when it cannot be held (a dense atlas-sized X). */
function allocate(h5: Hdf5File, path: string, rows: number, cols: number): Float32Array {
  try {
    return new Float32Array(rows * cols);
  } catch {
    throw h5.fail(
      path,
      `this dense ${countText(rows)} × ${countText(cols)} matrix needs ${((rows * cols * 4) / 2 ** 30).toFixed(1)} GiB of memory, more than can be allocated. Store it sparse (scipy.sparse.csr_matrix) or subset it first.`,
    );
  }
}

/**
 * Makes the error that refuses a dense count matrix's first negative value (`at.row` the cell, `at.column` the
 * gene, `at.entry` its place in the dataset as stored, row-major).
 */
export type RefuseNegative = (at: StoredValue) => Error;

/** The first negative value of `values` (index), or -1. */
function firstNegative(values: Float32Array): number {
  for (let i = 0; i < values.length; i++) if (values[i] < 0) return i;
  return -1;
}

/**
 * A rows × cols dataset as a dense row-major float32 matrix; `refuseNegative` (default: none) stops at the
 * first negative value of a count matrix.
 */
export async function readDense(
  h5: Hdf5File,
  path: string,
  rows: number,
  cols: number,
  control: ReadControl = {},
  refuseNegative?: RefuseNegative,
): Promise<DenseMatrix> {
  checkReadMemory(h5, path, control, {
    cells: rows,
    genes: cols,
    bytes: denseBytes(rows, cols) + readBufferBytes(control, rows * cols, cols),
    detail: 'a dense float32 matrix, 4 B per value, plus one block of HDF5 read buffer',
    when: 'from the HDF5 dataset shape, before reading',
  });
  const data = allocate(h5, path, rows, cols);
  const step = Math.max(1, Math.floor((control.chunkElements ?? CHUNK_ELEMENTS) / Math.max(1, cols)));
  for (let r0 = 0; r0 < rows; r0 += step) {
    if (control.signal?.aborted) throw abortError(h5.name);
    const r1 = Math.min(rows, r0 + step);
    if (cols > 0) copyToFloat32(h5.readBlock(path, r0, r1, 0, cols), data, r0 * cols);
    control.onProgress?.(r1 / rows);
    if (r1 < rows) await yieldToEventLoop();
  }
  const bad = firstNonFinite(data);
  if (bad >= 0) throw nonFiniteError(h5, path, Math.floor(bad / cols), bad % cols, data[bad]);
  const negative = refuseNegative ? firstNegative(data) : -1;
  if (refuseNegative && negative >= 0) {
    const [row, column] = [Math.floor(negative / cols), negative % cols];
    throw refuseNegative({ entry: negative, row, column, value: data[negative] });
  }
  return { format: 'dense', data, rows, cols };
}

/**
 * A genes × cells dense dataset (loom) as CSR cells × genes. Blocks of cells are read twice: once to count
 * each cell's non-zeros, once to fill them in, so memory is the non-zeros plus one block. `refuseNegative`
 * (default: none) stops at the first negative value of a count matrix, in the counting pass.
 */
export async function readTransposedAsCsr(
  h5: Hdf5File,
  path: string,
  genes: number,
  cells: number,
  control: ReadControl = {},
  refuseNegative?: RefuseNegative,
): Promise<CsrMatrix> {
  const step = Math.max(1, Math.floor((control.chunkElements ?? CHUNK_ELEMENTS) / Math.max(1, genes)));
  // One block as float32 here, and in the HDF5 read buffer (8 B a value at most).
  const blockBytes = genes * Math.min(step, cells) * (4 + 8);
  // The non-zeros of a dense dataset are known only once it has been counted: the pointers and the block
  // buffer are checked first, the whole CSR matrix after the counting pass, before it is allocated.
  const need = (nonZeros: number | undefined, when: string) => ({
    cells,
    genes,
    ...(nonZeros === undefined ? {} : { nonZeros }),
    bytes: csrBytes(cells, nonZeros ?? 0) + blockBytes,
    detail:
      'a CSR matrix of 4 B value + 4 B index per non-zero and 8 B per cell, plus one block of the dense dataset',
    when,
  });
  checkReadMemory(h5, path, control, need(undefined, 'from the HDF5 dataset shape, before reading'));
  const indptr = new Float64Array(cells + 1);
  const buffer = new Float32Array(genes * Math.min(step, cells));
  const block = async (pass: number, visit: (values: Float32Array, c0: number, width: number) => void) => {
    for (let c0 = 0; c0 < cells; c0 += step) {
      if (control.signal?.aborted) throw abortError(h5.name);
      const c1 = Math.min(cells, c0 + step);
      const values = buffer.subarray(0, genes * (c1 - c0));
      if (genes > 0) copyToFloat32(h5.readBlock(path, 0, genes, c0, c1), values, 0);
      visit(values, c0, c1 - c0);
      control.onProgress?.((pass + c1 / cells) / 2);
      if (c1 < cells) await yieldToEventLoop();
    }
  };
  await block(0, (values, c0, width) => {
    const bad = firstNonFinite(values);
    if (bad >= 0) {
      throw nonFiniteError(h5, path, Math.floor(bad / width), c0 + (bad % width), values[bad], true);
    }
    const negative = refuseNegative ? firstNegative(values) : -1;
    if (refuseNegative && negative >= 0) {
      const [gene, cell] = [Math.floor(negative / width), c0 + (negative % width)];
      throw refuseNegative({ entry: gene * cells + cell, row: cell, column: gene, value: values[negative] });
    }
    for (let i = 0; i < values.length; i++) if (values[i] !== 0) indptr[c0 + (i % width) + 1]++;
  });
  for (let c = 0; c < cells; c++) indptr[c + 1] += indptr[c];
  const nnz = indptr[cells];
  checkReadMemory(
    h5,
    path,
    control,
    need(nnz, 'counted in a first pass over the dataset, before the matrix is built'),
  );
  const indices = sharedArray(Int32Array, nnz); // shared: see h5-sparse.ts
  const data = sharedArray(Float32Array, nnz);
  await block(1, (values, c0, width) => {
    for (let j = 0; j < width; j++) {
      let k = indptr[c0 + j];
      for (let g = 0; g < genes; g++) {
        const v = values[g * width + j];
        if (v === 0) continue;
        indices[k] = g;
        data[k++] = v;
      }
    }
  });
  return { format: 'csr', rows: cells, cols: genes, indptr, indices, data };
}
