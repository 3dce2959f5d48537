/**
 * One point's share of trustworthiness's penalty (trustworthiness.ts): for each of a's k nearest others in
 * the embedding, how far beyond k it ranks around a in the original space. Integers, so the sum over points
 * is exact in any order — the threaded metric (metrics-worker.ts) adds the same total as the in-thread loop.
 * Imports only the import-free top-k list, so a worker's bundle stays small.
 */
import { TopK } from '../neighbours/top-k.js';

/**
 * The k nearest others of point a in an m × m distance matrix (ties by lower index), nearest first, by one
 * pass through the exact search's sorted top-k list: a full sort of every row was most of the metrics' time
 * on small tables.
 */
function nearestOthers(d2: Float64Array, m: number, a: number, k: number): Int32Array {
  const top = new TopK(1, Math.min(k, m - 1));
  const row = a * m;
  for (let i = 0; i < m; i++) if (i !== a) top.offer(0, i, d2[row + i]);
  return top.index;
}

/** Σ over a's k nearest others in `low` of max(0, r(a, j) − k), r the rank in `high` (nearest = 1). */
export function pointPenalty(high: Float64Array, low: Float64Array, n: number, a: number, k: number): number {
  let penalty = 0;
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
  return penalty;
}
