/**
 * Unlabeled rows take part in training the way ivis does it: a positive is one of the row's k nearest
 * neighbours in input space, a negative is a random other row. This finds those neighbours, once before
 * training, with the exact search the metrics use (src/evaluate/nearest-neighbours.ts: blocked, tfjs matMul
 * for wide inputs, nearest first, ties to the lower row index).
 */
import { selectRows } from '../data/select-rows.js';
import type { DenseMatrix } from '../data/types.js';
import { nearestNeighbours } from '../evaluate/nearest-neighbours.js';

/**
 * For each row in `queries`, the indices of its k nearest rows of `x` (squared Euclidean, itself excluded),
 * flattened: neighbours of queries[q] are result[q*k .. q*k+k). k is capped at rows − 1.
 */
export function rowNeighbours(
  x: DenseMatrix,
  queries: Int32Array,
  k: number,
): { k: number; index: Int32Array } {
  if (k < 1 || x.rows < 2) return { k: 0, index: new Int32Array(0) };
  const found = nearestNeighbours(x, selectRows(x, queries), k, { exclude: queries });
  return { k: found.k, index: found.indices };
}
