/**
 * Trustworthiness (Venna & Kaski 2001), the definition scikit-learn implements in
 * sklearn.manifold.trustworthiness: with r(i, j) the rank of j among i's neighbours in the original space
 * (nearest = 1) and U_k(i) the k nearest neighbours of i in the embedding,
 *   T(k) = 1 − 2 / (n k (2n − 3k − 1)) · Σ_i Σ_{j ∈ U_k(i)} max(0, r(i, j) − k).
 * 1 means every embedding neighbour is a true neighbour. Equal distances rank by row index. Above
 * `maxPoints` rows (default 2 000) a uniform seeded subsample — the same rows in both spaces — is scored.
 */
import type { DenseMatrix } from '../api/matrix.js';
import { seededRandom, type Random } from '../util/random.js';
import { pairwiseSquaredDistances } from './pairwise.js';
import { subsampleRows } from '../util/subsample.js';

export const TRUSTWORTHINESS_MAX_POINTS = 2000;

/** The k nearest others of point a in an m × m distance matrix (ties by lower index). */
function nearestOthers(d2: Float64Array, m: number, a: number, k: number): Int32Array {
  const order = Int32Array.from({ length: m }, (_, i) => i).filter((i) => i !== a);
  order.sort((i, j) => d2[a * m + i] - d2[a * m + j] || i - j);
  return order.subarray(0, k);
}

/**
 * @param k neighbourhood size. Default 15.
 * @param random picks the subsample on large inputs. Default seededRandom(0).
 * @returns T(k) in [0, 1]; NaN when k ≥ n / 2 (undefined, as scikit-learn refuses it).
 */
export function trustworthiness(
  highX: DenseMatrix,
  lowX: DenseMatrix,
  k = 15,
  random: Random = seededRandom(0),
  maxPoints = TRUSTWORTHINESS_MAX_POINTS,
): number {
  if (highX.rows !== lowX.rows) {
    throw new RangeError(`trustworthiness: ${highX.rows} original rows but ${lowX.rows} embedded rows`);
  }
  if (!Number.isInteger(k) || k < 1)
    throw new RangeError(`trustworthiness: k must be a whole number ≥ 1, got ${k}`);
  const rows = subsampleRows(
    Int32Array.from({ length: highX.rows }, (_, i) => i),
    maxPoints,
    random,
  );
  const n = rows.length;
  if (k >= n / 2) return NaN;
  const high = pairwiseSquaredDistances(highX, rows);
  const low = pairwiseSquaredDistances(lowX, rows);
  let penalty = 0;
  for (let a = 0; a < n; a++) {
    for (const j of nearestOthers(low, n, a, k)) {
      // Rank of j around a in the original space: 1 + the others strictly closer (or as close, lower index).
      const dj = high[a * n + j];
      let rank = 1;
      for (let l = 0; l < n; l++) {
        if (l === a || l === j) continue;
        const dl = high[a * n + l];
        if (dl < dj || (dl === dj && l < j)) rank++;
      }
      if (rank > k) penalty += rank - k;
    }
  }
  return 1 - (2 / (n * k * (2 * n - 3 * k - 1))) * penalty;
}
