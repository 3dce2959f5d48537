/**
 * The rank index (rank-index.ts) built on worker threads, leaving the calling thread free (the engine keeps
 * answering while it builds): the matrix is shared, not copied, when the importer put it on
 * SharedArrayBuffers (else copied there once); the workers count each gene's stored values over chunks of
 * rows, this thread splits the genes into one contiguous range per thread with about as many stored values
 * each, and the workers rank whole ranges into the shared index with the in-thread build's kernel — the same
 * index, bit for bit, for every thread count.
 */
import type { CsrMatrix } from '../data/types.js';
import { threadEntry, withThreads } from '../neighbours/thread-pool.js';
import { onSharedMemory, sharedArray } from '../util/shared-arrays.js';
import { DEFAULT_BLOCK_VALUES } from './gene-values.js';
import { emptyRankIndex, type RankIndex } from './rank-index.js';
import type { RankIndexMessage, RankIndexWorkerData } from './rank-index-protocol.js';

/** Rows a worker claims at a time while counting: small enough to balance two busy cores. */
const ROW_CHUNK = 4096;

export interface ThreadedRankIndexOptions {
  /** Worker threads (≥ 1). */
  threads: number;
  /** Aborting terminates the workers and rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Values a block of genes may hold, per thread. Default DEFAULT_BLOCK_VALUES (4 Mi). */
  blockValues?: number;
  /** Tests only: the round in which every worker throws. */
  failIn?: 'count' | 'rank';
  /**
   * Filled in when the build is done: each worker's own CPU seconds in its rounds (NaN where the OS does not
   * say; Linux does) — how evenly the work was split, and the build's wall time on free cores. Default: none.
   */
  report?: { workerCpuSeconds: number[] };
}

/** Splits genes into `parts` contiguous ranges with about equal stored entries: the ranges' bounds. */
export function balancedRanges(entries: Int32Array, parts: number): Int32Array {
  let total = 0;
  for (let g = 0; g < entries.length; g++) total += entries[g];
  const bounds = sharedArray(Int32Array, parts + 1);
  let g = 0;
  let done = 0;
  for (let p = 1; p < parts; p++) {
    const target = (total * p) / parts;
    while (g < entries.length && done + entries[g] / 2 < target) done += entries[g++];
    bounds[p] = g;
  }
  bounds[parts] = entries.length;
  return bounds;
}

/** The rank index of `matrix` (as buildRankIndex) built on `options.threads` worker threads. */
export async function buildRankIndexThreaded(
  matrix: CsrMatrix,
  genes: readonly string[],
  factors: Float64Array | null,
  options: ThreadedRankIndexOptions,
): Promise<RankIndex> {
  options.signal?.throwIfAborted();
  const { rows, cols } = matrix;
  const threads = Math.max(1, Math.min(Math.floor(options.threads), cols));
  const job = {
    what: 'the marker rank index',
    entry: threadEntry('rank-index-worker', 'markers'),
    count: threads,
    ...(options.signal ? { signal: options.signal } : {}),
  };
  return withThreads(job, async (round) => {
    const data: RankIndexWorkerData = {
      source: {
        rows,
        cols,
        indptr: onSharedMemory(matrix.indptr),
        indices: onSharedMemory(matrix.indices),
        data: onSharedMemory(matrix.data),
        factors: factors ? onSharedMemory(factors) : null,
        genes,
      },
      index: emptyRankIndex(
        matrix,
        sharedArray(Int32Array, cols),
        (n) => sharedArray(Float32Array, n),
        (n) => sharedArray(Float64Array, n),
        (n) => sharedArray(Int32Array, n),
      ),
      entries: sharedArray(Int32Array, cols),
      nonZeroParts: sharedArray(Int32Array, threads * cols),
      entryParts: sharedArray(Int32Array, threads * cols),
      counters: sharedArray(Int32Array, 3),
      workerCpu: sharedArray(Float64Array, threads),
      rowChunk: ROW_CHUNK,
      blockValues: options.blockValues ?? DEFAULT_BLOCK_VALUES,
      ...(options.failIn ? { failIn: options.failIn } : {}),
    };
    await round({ type: 'setup', data } satisfies RankIndexMessage);
    await round({ type: 'count' } satisfies RankIndexMessage);
    for (let w = 0; w < threads; w++) {
      for (let g = 0; g < cols; g++) {
        data.index.stored[g] += data.nonZeroParts[w * cols + g];
        data.entries[g] += data.entryParts[w * cols + g];
      }
    }
    const ranges = balancedRanges(data.entries, threads);
    await round({ type: 'rank', ranges } satisfies RankIndexMessage);
    if (options.report) options.report.workerCpuSeconds = [...data.workerCpu];
    return data.index;
  });
}
