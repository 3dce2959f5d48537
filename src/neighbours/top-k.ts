/**
 * A sorted top-k list per query in flat arrays, and the selection step of the exact wide-data search
 * (d² = |a|² + |b|² − 2a·b over a block of products): shared by the in-thread search (nearest-neighbours.ts)
 * and its worker threads (src/evaluate/metrics-worker.ts), so both run the very same arithmetic. Imports
 * nothing, so a worker's bundle stays small.
 */

/** The k best (distance, index) pairs of each query, nearest first; equal distances to the lower index. */
export class TopK {
  readonly index: Int32Array;
  readonly dist: Float64Array;
  /**
   * @param arrays existing storage (queries × k each, e.g. on shared memory, filled with −1 / Infinity);
   * default: new arrays.
   */
  constructor(
    queries: number,
    readonly k: number,
    arrays?: { index: Int32Array; dist: Float64Array },
  ) {
    this.index = arrays?.index ?? new Int32Array(queries * k).fill(-1);
    this.dist = arrays?.dist ?? new Float64Array(queries * k).fill(Infinity);
  }
  /** Worst distance currently kept for query q (Infinity while not full). */
  bound(q: number): number {
    return this.dist[q * this.k + this.k - 1];
  }
  /** Whether (d, j) sorts before slot `at`: nearer, or as near with a lower index. */
  private before(d: number, j: number, at: number): boolean {
    return d < this.dist[at] || (d === this.dist[at] && j < this.index[at]);
  }
  /** Inserts (j, d) for query q if it is among the k best so far, in any offering order. */
  offer(q: number, j: number, d: number): void {
    const base = q * this.k;
    let pos = this.k - 1;
    if (!this.before(d, j, base + pos)) return;
    while (pos > 0 && this.before(d, j, base + pos - 1)) {
      this.dist[base + pos] = this.dist[base + pos - 1];
      this.index[base + pos] = this.index[base + pos - 1];
      pos--;
    }
    this.dist[base + pos] = d;
    this.index[base + pos] = j;
  }
}

/** One query's row of a product block: where it is and whom it covers. */
export interface ProductRow {
  /** The products a·b of this query with references `start` … `start + size − 1`, from `dots[offset]` on. */
  dots: Float32Array;
  offset: number;
  start: number;
  size: number;
}

/**
 * Offers query q the references of one product row: d² = |q|² + |r|² − 2 q·r, clamped at 0, skipping
 * reference `skip` (−1: none).
 */
export function offerProducts(
  top: TopK,
  q: number,
  queryNorm: number,
  refNorms: Float64Array,
  row: ProductRow,
  skip: number,
): void {
  const { dots, offset, start, size } = row;
  for (let b = 0; b < size; b++) {
    const j = start + b;
    const s = Math.max(0, queryNorm + refNorms[j] - 2 * dots[offset + b]);
    if (s <= top.bound(q) && j !== skip) top.offer(q, j, s);
  }
}
