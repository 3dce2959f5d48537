/**
 * The worker threads of the metrics stage (issue 15): one pool for the whole stage (metrics-worker.ts), whose
 * `round` the threaded metrics share — the exact wide-data kNN search (nearest-threads.ts) and
 * trustworthiness (trust-threads.ts). Every threaded metric gives its in-thread value bit for bit.
 */
import { threadEntry, withThreads, type ThreadEntry } from '../neighbours/thread-pool.js';
import type { MetricMessage } from './metrics-protocol.js';

/** Sends one message to every metrics worker and waits until each has done it. */
export type MetricRound = (message: MetricMessage) => Promise<void>;

export interface MetricThreadOptions {
  /** Worker threads (≥ 1). */
  threads: number;
  /** Aborting terminates the workers and rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Tests only: the worker script (default: metrics-worker of src/evaluate or dist/evaluate). */
  entry?: ThreadEntry;
}

/** Runs `body` with a pool of `options.threads` metrics workers, all ended when it settles. */
export function withMetricThreads<T>(
  options: MetricThreadOptions,
  body: (round: MetricRound) => Promise<T>,
): Promise<T> {
  const job = {
    what: 'the metrics',
    entry: options.entry ?? threadEntry('metrics-worker', 'evaluate'),
    count: Math.max(1, Math.floor(options.threads)),
    ...(options.signal ? { signal: options.signal } : {}),
  };
  return withThreads(job, (round) => body(round));
}
