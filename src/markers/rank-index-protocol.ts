/** The messages between the threaded rank-index build (rank-index-threads.ts) and its workers (rank-index-worker.ts). */
import type { RankIndex } from './rank-index.js';
import type { RankIndexSource } from './rank-index-kernel.js';

/** Sent once to every worker (the 'setup' message); every typed array lives on a SharedArrayBuffer. */
export interface RankIndexWorkerData {
  source: RankIndexSource;
  /** The index being built; `stored` (non-zero values per gene) is filled in between the two rounds. */
  index: RankIndex;
  /** Stored entries per gene (zeros included), filled in between the two rounds. */
  entries: Int32Array;
  /** Worker w counts into [w · cols, (w + 1) · cols) of these (non-zero values, all stored entries). */
  nonZeroParts: Int32Array;
  entryParts: Int32Array;
  /** [0]: the next worker number; [1]: the next unclaimed row of the count round; [2]: the next gene range. */
  counters: Int32Array;
  /** Rows a worker claims at a time in the count round. */
  rowChunk: number;
  /** Worker w adds the CPU seconds its own thread spent in the rounds at [w] (NaN where the OS does not say). */
  workerCpu: Float64Array;
  /** Values a block of genes may hold (rank-index-kernel.ts). */
  blockValues: number;
  /** Tests only: the round in which every worker throws. */
  failIn?: 'count' | 'rank';
}

/** First the data, then the count round, then the rank round. */
export type RankIndexMessage =
  | { type: 'setup'; data: RankIndexWorkerData }
  | { type: 'count' }
  /** Gene range s is [ranges[s], ranges[s + 1]) (known once the count round is done). */
  | { type: 'rank'; ranges: Int32Array };
