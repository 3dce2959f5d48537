/**
 * Row selection on dense matrices: splits, metrics, kNN references, neighbour searches and training batches
 * all work on subsets of cells, and all copy them the same way.
 */
import type { DenseMatrix } from '../api/matrix.js';

/** A new matrix holding rows `rows` of `m`, in the given order (a row may be picked more than once). */
export function selectRows(m: DenseMatrix, rows: ArrayLike<number>): DenseMatrix {
  const data = selectRowsInto(m, rows, new Float32Array(rows.length * m.cols));
  return { data, rows: rows.length, cols: m.cols };
}

/**
 * Rows `rows` of `m` copied into the start of `out` (≥ rows.length × cols values), which is returned as
 * the view of exactly those values: a caller that copies them on at once (a training step's upload) reuses
 * one buffer instead of allocating megabytes a step.
 */
export function selectRowsInto(m: DenseMatrix, rows: ArrayLike<number>, out: Float32Array): Float32Array {
  const { cols } = m;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    out.set(m.data.subarray(r * cols, (r + 1) * cols), i * cols);
  }
  return out.subarray(0, rows.length * cols);
}
