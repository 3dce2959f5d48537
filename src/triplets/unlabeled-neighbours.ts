/**
 * Unlabeled rows take part in training the way ivis does it: a positive is one of the row's k nearest
 * neighbours in input space, a negative is a random other row. This finds those neighbours (exact,
 * brute force: the cost is unlabeled × all rows × columns, done once before training).
 */
import type { DenseMatrix } from '../data/types.js';

/**
 * For each row in `queries`, the indices of its k nearest rows of `x` (squared Euclidean, itself excluded),
 * flattened: neighbours of queries[q] are result[q*k .. q*k+k). k is capped at rows − 1.
 */
export function nearestNeighbours(
  x: DenseMatrix,
  queries: Int32Array,
  k: number,
): { k: number; index: Int32Array } {
  const kk = Math.max(0, Math.min(k, x.rows - 1));
  const index = new Int32Array(queries.length * kk);
  if (kk === 0) return { k: 0, index };
  const { data, cols, rows } = x;
  const bestD = new Float64Array(kk);
  const bestI = new Int32Array(kk);
  queries.forEach((query, q) => {
    bestD.fill(Infinity);
    bestI.fill(-1);
    const qo = query * cols;
    for (let r = 0; r < rows; r++) {
      if (r === query) continue;
      const ro = r * cols;
      let s = 0;
      for (let c = 0; c < cols; c++) {
        const diff = data[qo + c] - data[ro + c];
        s += diff * diff;
      }
      if (s >= bestD[kk - 1]) continue;
      // insertion into the sorted list of the k best so far
      let pos = kk - 1;
      while (pos > 0 && bestD[pos - 1] > s) {
        bestD[pos] = bestD[pos - 1];
        bestI[pos] = bestI[pos - 1];
        pos--;
      }
      bestD[pos] = s;
      bestI[pos] = r;
    }
    index.set(bestI, q * kk);
  });
  return { k: kk, index };
}
