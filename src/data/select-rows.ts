/**
 * Row selection on dense matrices: splits, metrics, kNN references, neighbour searches and training batches
 * all work on subsets of cells, and all copy them the same way.
 */
import type { DenseMatrix } from '../api/matrix.js';

/** A new matrix holding rows `rows` of `m`, in the given order (a row may be picked more than once). */
export function selectRows(m: DenseMatrix, rows: ArrayLike<number>): DenseMatrix {
  const { cols } = m;
  const data = new Float32Array(rows.length * cols);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    data.set(m.data.subarray(r * cols, (r + 1) * cols), i * cols);
  }
  return { data, rows: rows.length, cols };
}
