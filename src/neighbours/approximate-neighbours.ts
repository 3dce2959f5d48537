/**
 * Approximate k nearest neighbours for training triplets on large inputs (issues 3 and 6): the exact search is
 * O(n²) and never finished at 1 000 000 rows. Like Annoy (which ivis uses), a small forest of random-projection
 * trees splits the rows into leaves of at most `leafSize`; a row's candidates are the union of its leaves over
 * all trees, ranked by exact squared distance; two rounds of neighbour-of-neighbour refinement then lift
 * recall. Memory is O(n · trees) integers — nothing n × n. Seeded, so the same input and seed give the same
 * neighbours. Only for triplets: the evaluate metrics stay exact (nearest-neighbours.ts).
 */
import type { DenseMatrix } from '../api/matrix.js';
import { squaredRowDistance } from './row-distance.js';
import { randomInt, seededRandom, type Random } from '../util/random.js';

export interface ApproximateNeighbourOptions {
  /** Random-projection trees in the forest; more raise recall and cost time. Default 6. */
  trees?: number;
  /** Most rows in a leaf (the candidate pool per tree). Default 96. */
  leafSize?: number;
  /** Rounds of neighbour-of-neighbour refinement over the queries' own lists. Default 2. */
  refineRounds?: number;
  /** Seed of the random splits. Default 0. */
  seed?: number;
}

/** One tree: the leaf each row falls into, and each leaf's rows as a slice of `order`. */
interface Tree {
  order: Int32Array;
  leafOf: Int32Array;
  /** Leaf l holds order[leafStart[l] .. leafStart[l + 1]). */
  leafStart: Int32Array;
}

/**
 * Splits rows[lo, hi) of `order` in place by the hyperplane halfway between two random rows of the range;
 * returns the first index of the upper side. Falls back to halving the range when every row lands on one side
 * (duplicate rows), so the tree always terminates.
 */
function splitRange(x: DenseMatrix, order: Int32Array, lo: number, hi: number, random: Random): number {
  const d = x.cols;
  const data = x.data;
  const a = order[lo + randomInt(random, hi - lo)];
  let b = order[lo + randomInt(random, hi - lo - 1)];
  if (b === a) b = order[hi - 1];
  let offset = 0;
  const w = new Float64Array(d);
  for (let c = 0; c < d; c++) {
    w[c] = data[a * d + c] - data[b * d + c];
    offset += (w[c] * (data[a * d + c] + data[b * d + c])) / 2;
  }
  let i = lo;
  let j = hi - 1;
  while (i <= j) {
    const row = order[i];
    let s = -offset;
    for (let c = 0; c < d; c++) s += w[c] * data[row * d + c];
    if (s > 0) {
      i++;
    } else {
      order[i] = order[j];
      order[j] = row;
      j--;
    }
  }
  return i === lo || i === hi ? (lo + hi) >>> 1 : i;
}

function buildTree(x: DenseMatrix, leafSize: number, random: Random): Tree {
  const order = Int32Array.from({ length: x.rows }, (_, i) => i);
  const leafOf = new Int32Array(x.rows);
  const starts: number[] = [];
  // explicit stack, not recursion: an unlucky chain of lopsided splits must not overflow the call stack
  const stack: number[] = [0, x.rows];
  while (stack.length > 0) {
    const hi = stack.pop()!;
    const lo = stack.pop()!;
    if (hi - lo <= leafSize) {
      // leaves are numbered in the order they are closed; starts sorted afterwards with their ids
      starts.push(lo);
      continue;
    }
    const mid = splitRange(x, order, lo, hi, random);
    stack.push(mid, hi, lo, mid);
  }
  starts.sort((p, q) => p - q);
  const leafStart = new Int32Array(starts.length + 1);
  leafStart.set(starts);
  leafStart[starts.length] = x.rows;
  for (let l = 0; l < starts.length; l++) {
    for (let p = leafStart[l]; p < leafStart[l + 1]; p++) leafOf[order[p]] = l;
  }
  return { order, leafOf, leafStart };
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
 * When a row's leaves hold fewer than k other rows (tiny or lopsided leaves), widens its first tree's leaf
 * outwards along the tree order — neighbouring positions are sibling leaves, the next-best candidates — until
 * the list is full. Always succeeds because k ≤ rows − 1.
 */
function fillFromSiblings(
  tree: Tree,
  row: number,
  best: Best,
  consider: (row: number, j: number) => void,
): void {
  const leaf = tree.leafOf[row];
  let down = tree.leafStart[leaf] - 1;
  let up = tree.leafStart[leaf + 1];
  while (best.index[best.k - 1] < 0 && (down >= 0 || up < tree.order.length)) {
    if (down >= 0) consider(row, tree.order[down--]);
    if (up < tree.order.length) consider(row, tree.order[up++]);
  }
}

/**
 * For each row index in `queries`, its k approximate nearest rows of `x` (squared Euclidean, never itself),
 * flattened: neighbours of queries[q] are index[q*k .. q*k+k), nearest first. k is capped at rows − 1.
 */
export function approximateNeighbours(
  x: DenseMatrix,
  queries: Int32Array,
  k: number,
  options: ApproximateNeighbourOptions = {},
): { k: number; index: Int32Array } {
  const kk = Math.min(Math.floor(k), x.rows - 1);
  if (!(kk >= 1)) return { k: 0, index: new Int32Array(0) };
  const trees = Math.max(1, options.trees ?? 6);
  const leafSize = Math.max(2, options.leafSize ?? 96);
  const random = seededRandom(options.seed ?? 0);
  const forest = Array.from({ length: trees }, () => buildTree(x, leafSize, random));

  const d = x.cols;
  const data = x.data;
  const index = new Int32Array(queries.length * kk);
  // seen[j] === stamp: row j is already a candidate of the current query (no per-query clearing)
  const seen = new Int32Array(x.rows).fill(-1);
  let stamp = 0;
  const best = new Best(kk);
  const consider = (row: number, j: number): void => {
    if (j === row || seen[j] === stamp) return;
    seen[j] = stamp;
    best.offer(j, squaredRowDistance(data, row * d, data, j * d, d));
  };

  // Queries are visited in the first tree's leaf order, so consecutive queries share candidates still in the
  // CPU cache (at 1 000 000 rows, input order made every candidate a cache miss). Each list depends only on
  // its own query (and, when refining, on the previous round's lists), so the order does not change results.
  const position = new Int32Array(x.rows);
  forest[0].order.forEach((row, p) => (position[row] = p));
  const visit = Int32Array.from({ length: queries.length }, (_, q) => q).sort(
    (a, b) => position[queries[a]] - position[queries[b]] || a - b,
  );

  for (let v = 0; v < queries.length; v++, stamp++) {
    const q = visit[v];
    const row = queries[q];
    best.reset();
    for (const tree of forest) {
      const leaf = tree.leafOf[row];
      for (let p = tree.leafStart[leaf]; p < tree.leafStart[leaf + 1]; p++) consider(row, tree.order[p]);
    }
    if (best.index[kk - 1] < 0) fillFromSiblings(forest[0], row, best, consider);
    index.set(best.index, q * kk);
  }

  // Refinement: a neighbour's neighbours are likely neighbours too. Only lists of rows that are queries are
  // known, so the others contribute themselves but not their lists.
  const slotOf = new Int32Array(x.rows).fill(-1);
  queries.forEach((row, q) => (slotOf[row] = q));
  for (let round = 0; round < (options.refineRounds ?? 2); round++) {
    const previous = index.slice();
    for (let v = 0; v < queries.length; v++, stamp++) {
      const q = visit[v];
      const row = queries[q];
      best.reset();
      for (let a = 0; a < kk; a++) {
        const nb = previous[q * kk + a];
        if (nb < 0) continue;
        consider(row, nb);
        const slot = slotOf[nb];
        if (slot < 0) continue;
        for (let b = 0; b < kk; b++) {
          const nn = previous[slot * kk + b];
          if (nn >= 0) consider(row, nn);
        }
      }
      index.set(best.index, q * kk);
    }
  }
  return { k: kk, index };
}
