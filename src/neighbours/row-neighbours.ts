/**
 * Each row's nearest rows in input space, exact or approximate by size: the search the triplet sampler's
 * neighbour triplets and the graph term (src/objective) share. Unlabeled rows take part in training the way
 * ivis does it: a positive is one of the row's k nearest neighbours in input space, a negative is a random
 * other row. This finds those neighbours, once before training. Up to EXACT_MAX_ROWS rows it uses the exact
 * search the metrics use (nearest-neighbours.ts: blocked, tfjs matMul for wide inputs, nearest first, ties to
 * the lower row index), so small-data results do not change; above, that O(n²) search took 89 s at 100 000
 * rows and never finished at 1 000 000, so a seeded random-projection forest (approximate-neighbours.ts)
 * takes over. `findRowNeighbours` is the same search with the forest's per-query work on worker threads
 * (forest-threads.ts; issue 15): the same neighbours for every thread count — and, when those threads
 * cannot start or fail (a missing or locked worker script), the same neighbours in the calling thread.
 */
import { selectRows } from '../data/select-rows.js';
import type { DenseMatrix } from '../api/matrix.js';
import { nearestNeighbours } from './nearest-neighbours.js';
import { approximateNeighbours, type ApproximateNeighbourOptions } from './approximate-neighbours.js';
import { approximateNeighboursThreaded } from './forest-threads.js';
import { resolveThreads } from './thread-count.js';
import { orInThisThread } from './thread-fallback.js';
import type { ThreadEntry } from './thread-pool.js';

/** Most rows searched exactly; larger inputs use the approximate forest. */
export const EXACT_MAX_ROWS = 20_000;

export interface RowNeighbourOptions extends ApproximateNeighbourOptions {
  /** Most rows searched exactly; above, the approximate search is used. Default EXACT_MAX_ROWS (20 000). */
  exactMaxRows?: number;
}

/**
 * For each row in `queries`, the indices of its k nearest rows of `x` (squared Euclidean, itself excluded),
 * flattened: neighbours of queries[q] are result[q*k .. q*k+k). k is capped at rows − 1.
 */
export function rowNeighbours(
  x: DenseMatrix,
  queries: Int32Array,
  k: number,
  options: RowNeighbourOptions = {},
): { k: number; index: Int32Array } {
  if (k < 1 || x.rows < 2) return { k: 0, index: new Int32Array(0) };
  if (x.rows > (options.exactMaxRows ?? EXACT_MAX_ROWS)) return approximateNeighbours(x, queries, k, options);
  const found = nearestNeighbours(x, selectRows(x, queries), k, { exclude: queries });
  return { k: found.k, index: found.indices };
}

export interface ThreadedRowNeighbourOptions extends RowNeighbourOptions {
  /** Threads of the approximate search; 1 searches in the calling thread. Default: the core count. */
  threads?: number;
  /** Aborting stops the search (its worker threads end) and rejects with the signal's reason. */
  signal?: AbortSignal;
  /** How far the threaded approximate search is (`ThreadedSearchOptions.onQueries`). Default: none. */
  onQueries?(done: number, total: number): void;
  /** How far the threaded search's forest is built (`ThreadedSearchOptions.onTrees`). Default: none. */
  onTrees?(done: number, total: number): void;
  /**
   * Told why (the error's first line) when the worker threads could not start or failed and the search ran
   * in the calling thread instead — the same neighbours, more slowly. Default: none.
   */
  onFallback?(reason: string): void;
  /** Tests only: the worker script. Default: forest-worker of src/neighbours or dist/neighbours. */
  entry?: ThreadEntry;
}

/**
 * rowNeighbours with the approximate search on `threads` worker threads: the same result for every thread
 * count (1 is rowNeighbours itself, in the calling thread). The exact search (≤ exactMaxRows rows) stays in
 * the calling thread: above 16 columns it runs on the tfjs backend, which a worker thread does not have.
 * Threads that cannot start or fail cost time, not the run: rowNeighbours answers (`onFallback` says why).
 */
export async function findRowNeighbours(
  x: DenseMatrix,
  queries: Int32Array,
  k: number,
  options: ThreadedRowNeighbourOptions = {},
): Promise<{ k: number; index: Int32Array }> {
  const { threads, signal, onQueries, onTrees, onFallback, entry, ...search } = options;
  signal?.throwIfAborted();
  const count = resolveThreads(threads);
  const approximate = x.rows > (search.exactMaxRows ?? EXACT_MAX_ROWS);
  if (count <= 1 || !approximate || k < 1) return rowNeighbours(x, queries, k, search);
  const threaded = {
    threads: count,
    ...(signal ? { signal } : {}),
    ...(onQueries ? { onQueries } : {}),
    ...(onTrees ? { onTrees } : {}),
    ...(entry ? { entry } : {}),
  };
  return orInThisThread(
    () => approximateNeighboursThreaded(x, queries, k, search, threaded),
    () => rowNeighbours(x, queries, k, search),
    { ...(signal ? { signal } : {}), ...(onFallback ? { onFallback } : {}) },
  );
}
