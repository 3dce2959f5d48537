/**
 * The per-query half of the random-projection forest search (approximate-neighbours.ts builds the trees):
 * a query's candidates are the union of its leaves over all trees, ranked by exact squared distance, then
 * refined from its neighbours' neighbours. Every list depends only on its own query (and, when refining, on
 * the previous round's lists), so any range of the visiting order can be searched by any thread — the
 * in-thread search and the worker threads (forest-worker.ts) run these same functions, which is why the
 * results are identical for every thread count.
 */
import { squaredRowDistance } from './row-distance.js';

/** One tree: the leaf each row falls into, and each leaf's rows as a slice of `order`. */
export interface Tree {
  order: Int32Array;
  leafOf: Int32Array;
  /** Leaf l holds order[leafStart[l] .. leafStart[l + 1]). */
  leafStart: Int32Array;
}

/** What a search over a range of queries reads; the typed arrays may live on shared memory. */
export interface ForestState {
  /** The matrix, row-major, `cols` values a row. */
  data: Float32Array;
  rows: number;
  cols: number;
  /** Neighbours a query (already capped at rows − 1). */
  k: number;
  forest: Tree[];
  queries: Int32Array;
  /** Query slots in the first tree's leaf order (consecutive queries share candidates in the CPU cache). */
  visit: Int32Array;
  /** slotOf[row]: the row's query slot, −1 for rows that are not queries. */
  slotOf: Int32Array;
}

/** A sorted k-best list for one query: nearer first, equal distances to the lower row. */
class Best {
  readonly index: Int32Array;
  readonly dist: Float64Array;
  constructor(readonly k: number) {
    this.index = new Int32Array(k);
    this.dist = new Float64Array(k);
    this.reset();
  }
  reset(): void {
    this.index.fill(-1);
    this.dist.fill(Infinity);
  }
  offer(j: number, s: number): void {
    const k = this.k;
    const last = k - 1;
    if (s > this.dist[last] || (s === this.dist[last] && j >= this.index[last])) return;
    let pos = last;
    while (pos > 0 && (s < this.dist[pos - 1] || (s === this.dist[pos - 1] && j < this.index[pos - 1]))) {
      this.dist[pos] = this.dist[pos - 1];
      this.index[pos] = this.index[pos - 1];
      pos--;
    }
    this.dist[pos] = s;
    this.index[pos] = j;
  }
}

/**
 * One thread's search state over a ForestState: its own k-best list and candidate marks, so threads share
 * only the read-only input and write disjoint query slots of the output.
 */
export class ForestSearcher {
  private readonly best: Best;
  // seen[j] === stamp: row j is already a candidate of the current query (no per-query clearing)
  private readonly seen: Int32Array;
  private stamp = 0;

  constructor(private readonly state: ForestState) {
    this.best = new Best(state.k);
    this.seen = new Int32Array(state.rows).fill(-1);
  }

  private consider(row: number, j: number): void {
    if (j === row || this.seen[j] === this.stamp) return;
    this.seen[j] = this.stamp;
    const d = this.state.cols;
    const data = this.state.data;
    this.best.offer(j, squaredRowDistance(data, row * d, data, j * d, d));
  }

  /**
   * When a row's leaves hold fewer than k other rows (tiny or lopsided leaves), widens its first tree's leaf
   * outwards along the tree order — neighbouring positions are sibling leaves, the next-best candidates —
   * until the list is full. Always succeeds because k ≤ rows − 1.
   */
  private fillFromSiblings(tree: Tree, row: number): void {
    const best = this.best;
    const leaf = tree.leafOf[row];
    let down = tree.leafStart[leaf] - 1;
    let up = tree.leafStart[leaf + 1];
    while (best.index[best.k - 1] < 0 && (down >= 0 || up < tree.order.length)) {
      if (down >= 0) this.consider(row, tree.order[down--]);
      if (up < tree.order.length) this.consider(row, tree.order[up++]);
    }
  }

  /** The leaf candidates of the queries visit[from .. to), written into `out` (queries × k). */
  searchLeaves(from: number, to: number, out: Int32Array): void {
    const { k, forest, queries, visit } = this.state;
    const best = this.best;
    for (let v = from; v < to; v++, this.stamp++) {
      const q = visit[v];
      const row = queries[q];
      best.reset();
      for (const tree of forest) {
        const leaf = tree.leafOf[row];
        for (let p = tree.leafStart[leaf]; p < tree.leafStart[leaf + 1]; p++)
          this.consider(row, tree.order[p]);
      }
      if (best.index[k - 1] < 0) this.fillFromSiblings(forest[0], row);
      out.set(best.index, q * k);
    }
  }

  /**
   * One refinement round for the queries visit[from .. to): a neighbour's neighbours are likely neighbours
   * too. Reads the previous round's lists from `previous`, writes into `out` (never the same array). Only
   * lists of rows that are queries are known, so the others contribute themselves but not their lists.
   */
  refine(from: number, to: number, previous: Int32Array, out: Int32Array): void {
    const { k, queries, visit, slotOf } = this.state;
    const best = this.best;
    for (let v = from; v < to; v++, this.stamp++) {
      const q = visit[v];
      const row = queries[q];
      best.reset();
      for (let a = 0; a < k; a++) {
        const nb = previous[q * k + a];
        if (nb < 0) continue;
        this.consider(row, nb);
        const slot = slotOf[nb];
        if (slot < 0) continue;
        for (let b = 0; b < k; b++) {
          const nn = previous[slot * k + b];
          if (nn >= 0) this.consider(row, nn);
        }
      }
      out.set(best.index, q * k);
    }
  }
}
