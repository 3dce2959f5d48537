/**
 * The messages between the threaded metrics (nearest-threads.ts, trust-threads.ts) and their workers
 * (metrics-worker.ts). Every typed array lives on a SharedArrayBuffer: the workers read the inputs and write
 * their part of the output in place.
 */

/** The exact wide-data search's selection: the calling thread computes the products, the workers select. */
export interface SelectData {
  /** queries × k best indices and squared distances (−1 / Infinity to start). */
  index: Int32Array;
  dist: Float64Array;
  k: number;
  queryNorms: Float64Array;
  refNorms: Float64Array;
  /** Reference row each query skips (−1: none), or null. */
  exclude: Int32Array | null;
  /** Two product buffers: the workers select from one while the calling thread fills the other. */
  buffers: [Float32Array, Float32Array];
  /** Floats of one block's slot in a buffer (query block × reference block). */
  slotSize: number;
  /** counter[0]: the next unclaimed query row of the current round. */
  counter: Int32Array;
  /** Query rows a worker claims at a time. */
  chunk: number;
}

/** One round of selection: query rows q0 … q0+qn−1 against `blocks` (slot s of `buffer` holds blocks[s]). */
export interface SelectRound {
  type: 'select';
  buffer: 0 | 1;
  q0: number;
  qn: number;
  blocks: { start: number; size: number }[];
}

/** Trustworthiness's per-point penalties (trust-penalty.ts) of n points, written to penalties[a]. */
export interface TrustData {
  n: number;
  k: number;
  high: Float64Array;
  low: Float64Array;
  penalties: Float64Array;
  /** counter[0]: the next unclaimed point. */
  counter: Int32Array;
  chunk: number;
}

export type MetricMessage =
  | { type: 'select-setup'; data: SelectData }
  | SelectRound
  | { type: 'trust'; data: TrustData }
  /** Tests only: the worker throws. */
  | { type: 'fail' };
