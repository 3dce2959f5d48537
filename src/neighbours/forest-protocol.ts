/** The messages between the threaded forest search (forest-threads.ts) and its workers (forest-worker.ts). */
import type { TreeBuffers, TreeInput } from './forest-build.js';
import type { ForestState } from './forest-query.js';

/** Sent once to every worker before the search (the 'build' message); typed arrays on SharedArrayBuffers. */
export interface TreeBuildData {
  input: TreeInput;
  leafSize: number;
  /** Tree t is built from seeds[t] into buffers[t]; its leaf count goes to leafCounts[t]. */
  seeds: number[];
  buffers: TreeBuffers[];
  leafCounts: Int32Array;
  /** counter[0]: the next unclaimed tree. */
  counter: Int32Array;
}

/** Sent once to every worker (the 'forest' message); every typed array lives on a SharedArrayBuffer. */
export interface ForestWorkerData {
  state: ForestState;
  /** Round r writes outputs[r % 2] and (r ≥ 1) reads outputs[(r + 1) % 2]. */
  outputs: [Int32Array, Int32Array];
  /** counter[0]: the next unclaimed position of the visiting order in the current round. */
  counter: Int32Array;
  /** Queries a worker claims at a time. */
  chunk: number;
  /** Tests only: the round at which the workers throw, to check that errors surface and workers end. */
  failAtRound?: number;
}

/** First the trees are built, then the forest is handed over, then the rounds: 0 searches the leaves, ≥ 1 refine. */
export type ForestMessage =
  | { type: 'build'; data: TreeBuildData }
  | { type: 'forest'; data: ForestWorkerData }
  | { type: 'round'; round: number };
