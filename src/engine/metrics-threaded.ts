/**
 * computeMetrics with its two costly parts on worker threads (issue 15 goal 3): trustworthiness's per-point
 * ranks and the 50-D hold-out kNN search's selection (src/evaluate: trust-threads.ts, nearest-threads.ts)
 * run on the metrics workers — trustworthiness while this thread computes the cheap metrics, the search's
 * selection while this thread computes its next products. Same metrics as computeMetrics bit for bit, for
 * every thread count. When the workers cannot start or fail, the metrics are computed in this thread.
 */
import { EngineError } from '../api/errors.js';
import { knnAccuracyWith } from '../evaluate/knn.js';
import { withMetricThreads, type MetricThreadOptions } from '../evaluate/metric-threads.js';
import { threadedNearestNeighbours } from '../evaluate/nearest-threads.js';
import { trustworthinessThreaded } from '../evaluate/trust-threads.js';
import { resolveThreads } from '../neighbours/thread-count.js';
import type { RunMetrics } from './types.js';
import {
  cheapMetrics,
  computeMetrics,
  finiteOrNull,
  holdoutArgs,
  planMetrics,
  runMetrics,
  trustArgs,
  type MetricInputs,
} from './metrics.js';

/**
 * Fewest cells for which the metrics start threads: below it the metrics take well under a second and
 * starting the workers would cost more than it saves.
 */
export const METRIC_THREADS_MIN_ROWS = 10_000;

export interface ThreadedMetricOptions {
  /** Worker threads; 1 computes in this thread. Default: the core count (resolveThreads). */
  threads?: number;
  /** Aborting ends the workers and rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Told why, when the workers could not start or failed and the metrics were computed in this thread. */
  onFallback?: (reason: string) => void;
  /** Tests only: the worker script. */
  entry?: MetricThreadOptions['entry'];
  /** Tests only: fewest cells that start threads. Default METRIC_THREADS_MIN_ROWS. */
  minRows?: number;
}

async function onThreads(inputs: MetricInputs, options: MetricThreadOptions): Promise<RunMetrics> {
  return withMetricThreads(options, async (round) => {
    const plan = planMetrics(inputs);
    const args = trustArgs(plan.m);
    // the workers rank trustworthiness's points while this thread computes the cheap metrics
    const trust = args ? trustworthinessThreaded(round, ...args) : Promise.resolve(NaN);
    let cheap: ReturnType<typeof cheapMetrics>;
    try {
      cheap = cheapMetrics(plan);
    } finally {
      await trust.catch(() => undefined);
    }
    const trustworthiness = args ? finiteOrNull(await trust) : null;
    const knnArgs = holdoutArgs(plan.m.input, plan.m);
    const knnInput = knnArgs ? await knnAccuracyWith(threadedNearestNeighbours(round), ...knnArgs) : NaN;
    return runMetrics(cheap, { knn_holdout_input: knnArgs ? finiteOrNull(knnInput) : null, trustworthiness });
  });
}

/** computeMetrics (the same metrics) with the costly parts on `options.threads` worker threads. */
export async function computeMetricsThreaded(
  inputs: MetricInputs,
  options: ThreadedMetricOptions = {},
): Promise<RunMetrics> {
  const { signal, entry } = options;
  signal?.throwIfAborted();
  const threads = resolveThreads(options.threads);
  if (threads <= 1 || inputs.coords.rows < (options.minRows ?? METRIC_THREADS_MIN_ROWS))
    return computeMetrics(inputs);
  try {
    return await onThreads(inputs, { threads, ...(signal ? { signal } : {}), ...(entry ? { entry } : {}) });
  } catch (err) {
    // a worker that cannot start (or fails) only costs time: the same metrics in this thread
    if (!(err instanceof EngineError) || signal?.aborted) throw err;
    options.onFallback?.(err.message);
    return computeMetrics(inputs);
  }
}
