/**
 * One point's share of trustworthiness's penalty (trustworthiness.ts): for each of a's k nearest others in
 * the embedding, how far beyond k it ranks around a in the original space. Integers, so the sum over points
 * is exact in any order — the threaded metric (metrics-worker.ts) adds the same total as the in-thread loop.
 * Imports nothing, so a worker's bundle stays small.
 */

/**
 * The k nearest others of point a in an m × m distance matrix (ties by lower index), nearest first. One pass
 * keeping a sorted list of k: a full sort of every row was most of the metrics' time on small tables.
 */
function nearestOthers(d2: Float64Array, m: number, a: number, k: number): Int32Array {
  const size = Math.min(k, m - 1);
  const index = new Int32Array(size);
  const dist = new Float64Array(size);
  let filled = 0;
  const row = a * m;
  for (let i = 0; i < m; i++) {
    if (i === a) continue;
    const d = d2[row + i];
    // visited in index order, so an equal distance never displaces an earlier (lower) index
    if (filled === size && !(d < dist[size - 1])) continue;
    let p = filled < size ? filled++ : size - 1;
    for (; p > 0 && dist[p - 1] > d; p--) {
      dist[p] = dist[p - 1];
      index[p] = index[p - 1];
    }
    dist[p] = d;
    index[p] = i;
  }
  return index;
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
