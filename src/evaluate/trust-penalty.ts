/**
 * One point's share of trustworthiness's penalty (trustworthiness.ts): for each of a's k nearest others in
 * the embedding, how far beyond k it ranks around a in the original space. Integers, so the sum over points
 * is exact in any order — the threaded metric (metrics-worker.ts) adds the same total as the in-thread loop.
 * Imports nothing, so a worker's bundle stays small.
 */

/** The k nearest others of point a in an m × m distance matrix (ties by lower index). */
function nearestOthers(d2: Float64Array, m: number, a: number, k: number): Int32Array {
  const order = Int32Array.from({ length: m }, (_, i) => i).filter((i) => i !== a);
  order.sort((i, j) => d2[a * m + i] - d2[a * m + j] || i - j);
  return order.subarray(0, k);
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
