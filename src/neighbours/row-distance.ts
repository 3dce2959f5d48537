/**
 * Squared euclidean distances between rows of flat row-major arrays, in float64: the inner loop every exact
 * neighbour search and pairwise metric shares (small enough for V8 to inline into their loops).
 */
import type { DenseMatrix } from '../api/matrix.js';

/** |a[ao … ao+d) − b[bo … bo+d)|² — row at offset `ao` of `a` against row at offset `bo` of `b`. */
export function squaredRowDistance(
  a: Float32Array,
  ao: number,
  b: Float32Array,
  bo: number,
  d: number,
): number {
  let s = 0;
  for (let c = 0; c < d; c++) {
    const diff = a[ao + c] - b[bo + c];
    s += diff * diff;
  }
  return s;
}

/** |row|² for every row of `m` (for d² = |a|² + |b|² − 2a·b). */
export function squaredRowNorms(m: DenseMatrix): Float64Array {
  const norms = new Float64Array(m.rows);
  for (let r = 0; r < m.rows; r++) {
    let s = 0;
    for (let c = 0; c < m.cols; c++) s += m.data[r * m.cols + c] ** 2;
    norms[r] = s;
  }
  return norms;
}
