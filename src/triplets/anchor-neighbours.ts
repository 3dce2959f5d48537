/**
 * The input-space neighbours of the rows that anchor neighbour triplets (ivis-style; `neighbourShare`,
 * unlabeled rows). A run draws at most `steps × batch size × share` such anchors, so when that budget is far
 * below the anchor count — a million rows trained for a few thousand steps — searching every row's
 * neighbours is wasted: only a seeded subset of that many anchors gets its neighbours (searched among all
 * the pool's rows, so each list is the one the full search finds for that row, up to the approximate
 * search's own error) and the sampler draws its neighbour anchors from that subset. The budget is the
 * trainer's to give (src/train/train-encoder.ts: its step budget, `maxSteps`).
 */
import { selectRows } from '../data/select-rows.js';
import type { DenseMatrix } from '../api/matrix.js';
import { subsampleRows } from '../util/subsample.js';
import { EXACT_MAX_ROWS, findRowNeighbours } from '../neighbours/row-neighbours.js';
import type { Random } from '../util/random.js';
import type { ThreadEntry } from '../neighbours/thread-pool.js';

export interface AnchorNeighbourOptions {
  /** Input-space neighbours per anchor. */
  k: number;
  /**
   * Most neighbour-triplet anchors the run will draw (its total steps × neighbour triplets a step); with
   * more anchors than that, only a seeded subset of this many gets neighbours. Default: no bound (every anchor).
   */
  draws?: number;
  /**
   * Pools of at most this many rows always search every anchor (their search is cheap and exact, and small
   * runs stay as they were). Default EXACT_MAX_ROWS (20 000).
   */
  subsetAbove?: number;
  /** Threads of the neighbour search (the same neighbours for any count). Default: the core count. */
  threads?: number;
  /** Aborting stops the search and rejects with the signal's reason. */
  signal?: AbortSignal;
  /** How far the threaded search is (`findRowNeighbours`' onQueries). Default: none. */
  onQueries?(done: number, total: number): void;
  /** How far the threaded search's trees are built (`findRowNeighbours`' onTrees). Default: none. */
  onTrees?(done: number, total: number): void;
  /**
   * Told why (the error's first line) when the search's worker threads could not start or failed and it ran
   * in the calling thread instead (`findRowNeighbours`' onFallback): the same neighbours. Default: none.
   */
  onFallback?(reason: string): void;
  /** Most rows searched exactly, above which the forest runs (`RowNeighbourOptions`). Default EXACT_MAX_ROWS. */
  exactMaxRows?: number;
  /** Tests only: the neighbour search's worker script. Default: forest-worker (`threadEntry`). */
  entry?: ThreadEntry;
}

/** The anchors that get neighbours (a subset of `anchors`, ascending) and their lists. */
export interface AnchorNeighbours {
  anchors: Int32Array;
  /** Neighbours per anchor; lists of anchors[s] are index[s*k .. s*k+k), nearest first. */
  k: number;
  index: Int32Array;
}

/** The anchors to search: all of them, or a seeded subset of `draws` when the pool is large and the budget smaller. */
export function anchorSubset(
  anchors: Int32Array,
  poolRows: number,
  options: Pick<AnchorNeighbourOptions, 'draws' | 'subsetAbove'>,
  random: Random,
): Int32Array {
  const { draws, subsetAbove = EXACT_MAX_ROWS } = options;
  if (draws === undefined || poolRows <= subsetAbove) return anchors;
  const size = Math.max(1, Math.ceil(draws));
  return size >= anchors.length ? anchors : subsampleRows(anchors, size, random);
}

/**
 * The k nearest rows of `pool` for each searched anchor (a subset of pool), as input row indices: the search
 * runs on the pool's rows only, so excluded rows are never anyone's neighbour. Above the exact-search limit
 * the approximate forest is seeded from the run's own generator, so it follows the run's seed; below it no
 * draw is taken, so small runs sample exactly as before. The thread count never changes the neighbours.
 */
export async function anchorNeighbours(
  x: DenseMatrix,
  pool: Int32Array,
  anchors: Int32Array,
  options: AnchorNeighbourOptions,
  random: Random,
): Promise<AnchorNeighbours> {
  if (anchors.length === 0) return { anchors, k: 0, index: new Int32Array(0) };
  const searched = anchorSubset(anchors, pool.length, options, random);
  const seed =
    pool.length > (options.exactMaxRows ?? EXACT_MAX_ROWS) ? { seed: Math.floor(random() * 4294967296) } : {};
  const search = {
    ...seed,
    ...(options.threads !== undefined ? { threads: options.threads } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onQueries ? { onQueries: options.onQueries } : {}),
    ...(options.onTrees ? { onTrees: options.onTrees } : {}),
    ...(options.onFallback ? { onFallback: options.onFallback } : {}),
    ...(options.exactMaxRows !== undefined ? { exactMaxRows: options.exactMaxRows } : {}),
    ...(options.entry ? { entry: options.entry } : {}),
  };
  if (pool.length === x.rows) {
    return { anchors: searched, ...(await findRowNeighbours(x, searched, options.k, search)) };
  }
  const position = new Map<number, number>();
  pool.forEach((row, i) => position.set(row, i));
  const found = await findRowNeighbours(
    selectRows(x, pool),
    Int32Array.from(searched, (row) => position.get(row)!),
    options.k,
    search,
  );
  return { anchors: searched, k: found.k, index: Int32Array.from(found.index, (i) => pool[i]) };
}
