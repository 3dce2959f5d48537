/**
 * Approximate k nearest neighbours for training triplets on large inputs (issues 3 and 6): the exact search is
 * O(n²) and never finished at 1 000 000 rows. Like Annoy (which ivis uses), a small forest of random-projection
 * trees splits the rows into leaves of at most `leafSize`; a row's candidates are the union of its leaves over
 * all trees, ranked by exact squared distance; two rounds of neighbour-of-neighbour refinement then lift
 * recall. Memory is O(n · trees) integers — nothing n × n. Seeded, so the same input and seed give the same
 * neighbours. Only for triplets: the evaluate metrics stay exact (nearest-neighbours.ts).
 */
import type { DenseMatrix } from '../api/matrix.js';
import { buildForest, treeSeeds } from './forest-build.js';
import { ForestSearcher, type ForestState, type Tree } from './forest-query.js';

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

/** The refinement rounds of `options` (default 2). */
export function refineRounds(options: ApproximateNeighbourOptions): number {
  return Math.max(0, Math.floor(options.refineRounds ?? 2));
}

/** Trees and leaf size of `options` (defaults 6 and 96). */
export function forestShape(options: ApproximateNeighbourOptions): { trees: number; leafSize: number } {
  return { trees: Math.max(1, options.trees ?? 6), leafSize: Math.max(2, options.leafSize ?? 96) };
}

/** The seed of each tree of the forest of `options`. */
export function forestSeeds(options: ApproximateNeighbourOptions): number[] {
  return treeSeeds(options.seed ?? 0, forestShape(options).trees);
}

/**
 * Everything the per-query search reads: the seeded forest (built here in the calling thread unless `built`
 * is given — forest-threads.ts builds the same trees on worker threads: each tree has its own seed from
 * forestSeeds), the visiting order and each row's query slot. Null when there is nothing to search (k
 * capped to 0).
 */
export function prepareForest(
  x: DenseMatrix,
  queries: Int32Array,
  k: number,
  options: ApproximateNeighbourOptions = {},
  built?: Tree[],
): ForestState | null {
  const kk = Math.min(Math.floor(k), x.rows - 1);
  if (!(kk >= 1)) return null;
  const forest = built ?? buildForest(x, forestShape(options).leafSize, forestSeeds(options));
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
