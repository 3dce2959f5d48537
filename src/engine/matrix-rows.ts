/** Row selection on dense matrices: the split, metrics and kNN reference all work on subsets of cells. */
import type { DenseMatrix } from '../data/types.js';

/** A new matrix holding `rows` of `m`, in the given order. */
export function selectRows(m: DenseMatrix, rows: readonly number[]): DenseMatrix {
  const data = new Float32Array(rows.length * m.cols);
  rows.forEach((r, i) => data.set(m.data.subarray(r * m.cols, (r + 1) * m.cols), i * m.cols));
  return { data, rows: rows.length, cols: m.cols };
}

/** The entries of `values` at `rows`. */
export function pick<T>(values: readonly T[], rows: readonly number[]): T[] {
  return rows.map((r) => values[r]);
}

/** Throws when a matrix holds NaN or ±Infinity, naming what it is, so no non-finite number reaches a file. */
export function assertFinite(m: DenseMatrix, what: string): void {
  for (let i = 0; i < m.data.length; i++) {
    if (!Number.isFinite(m.data[i])) {
      const row = Math.floor(i / m.cols);
      throw new Error(
        `${what} holds a non-finite value (${m.data[i]}) at row ${row + 1}, column ${(i % m.cols) + 1}`,
      );
    }
  }
}
