/**
 * Approximate k nearest neighbours for training triplets on large inputs (issues 3 and 6): the exact search is
 * O(n²) and never finished at 1 000 000 rows. Like Annoy (which ivis uses), a small forest of random-projection
 * trees splits the rows into leaves of at most `leafSize`; a row's candidates are the union of its leaves over
 * all trees, ranked by exact squared distance; two rounds of neighbour-of-neighbour refinement then lift
 * recall. Memory is O(n · trees) integers — nothing n × n. Seeded, so the same input and seed give the same
 * neighbours. Only for triplets: the evaluate metrics stay exact (nearest-neighbours.ts).
 */
import type { DenseMatrix } from '../api/matrix.js';
import { ForestSearcher, type ForestState, type Tree } from './forest-query.js';
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

/** The refinement rounds of `options` (default 2). */
export function refineRounds(options: ApproximateNeighbourOptions): number {
  return Math.max(0, Math.floor(options.refineRounds ?? 2));
}

/**
 * Everything the per-query search reads: the seeded forest (built here, in the calling thread — the splits
 * draw from one seeded stream, so building stays sequential and every thread count gets the same trees),
 * the visiting order and each row's query slot. Null when there is nothing to search (k capped to 0).
 */
export function prepareForest(
  x: DenseMatrix,
  queries: Int32Array,
  k: number,
  options: ApproximateNeighbourOptions = {},
): ForestState | null {
  const kk = Math.min(Math.floor(k), x.rows - 1);
  if (!(kk >= 1)) return null;
  const trees = Math.max(1, options.trees ?? 6);
  const leafSize = Math.max(2, options.leafSize ?? 96);
  const random = seededRandom(options.seed ?? 0);
  const forest = Array.from({ length: trees }, () => buildTree(x, leafSize, random));
  // Queries are visited in the first tree's leaf order, so consecutive queries share candidates still in the
  // CPU cache (at 1 000 000 rows, input order made every candidate a cache miss). Each list depends only on
  // its own query (and, when refining, on the previous round's lists), so the order does not change results.
  const position = new Int32Array(x.rows);
  forest[0].order.forEach((row, p) => (position[row] = p));
  const visit = Int32Array.from({ length: queries.length }, (_, q) => q).sort(
    (a, b) => position[queries[a]] - position[queries[b]] || a - b,
  );
  const slotOf = new Int32Array(x.rows).fill(-1);
  queries.forEach((row, q) => (slotOf[row] = q));
  return { data: x.data, rows: x.rows, cols: x.cols, k: kk, forest, queries, visit, slotOf };
}

/**
 * For each row index in `queries`, its k approximate nearest rows of `x` (squared Euclidean, never itself),
 * flattened: neighbours of queries[q] are index[q*k .. q*k+k), nearest first. k is capped at rows − 1.
 * In the calling thread; forest-threads.ts runs the same search on worker threads with the same result.
 */
export function approximateNeighbours(
  x: DenseMatrix,
  queries: Int32Array,
  k: number,
  options: ApproximateNeighbourOptions = {},
): { k: number; index: Int32Array } {
  const state = prepareForest(x, queries, k, options);
  if (!state) return { k: 0, index: new Int32Array(0) };
  const searcher = new ForestSearcher(state);
  let index = new Int32Array(queries.length * state.k);
  searcher.searchLeaves(0, queries.length, index);
  for (let round = 0; round < refineRounds(options); round++) {
    const next = new Int32Array(index.length);
    searcher.refine(0, queries.length, index, next);
    index = next;
  }
  return { k: state.k, index };
}
