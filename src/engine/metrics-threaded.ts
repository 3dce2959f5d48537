/**
 * computeMetrics with its two costly parts on worker threads (issue 15 goal 3): trustworthiness's per-point
 * ranks and the 50-D hold-out kNN search's selection (src/evaluate: trust-threads.ts, nearest-threads.ts)
 * run on the metrics workers — trustworthiness while this thread computes the cheap metrics, the search's
 * selection while this thread computes its next products. Same metrics as computeMetrics bit for bit, for
 * every thread count. When the workers cannot start or fail, the metrics are computed in this thread.
 * With `pace`, the stage says its steps (the kNN metrics in the map, the PCA baseline, the silhouette,
 * trustworthiness, then the input-space search by held-out cells) and awaits `pace` before each, in this
 * thread too: at 10⁵ cells the stage took ~38 s without a word, and its in-thread parts held the event loop.
 */
import { knnAccuracyWith, type NeighbourSearch } from '../evaluate/knn.js';
import { slicedSearch } from '../evaluate/sliced-search.js';
import { nearestNeighbours } from '../neighbours/nearest-neighbours.js';
import { trustworthiness as trustworthinessOf } from '../evaluate/trustworthiness.js';
import { runPaced, type Pace } from '../preprocess/paced.js';
import { withMetricThreads, type MetricThreadOptions } from '../evaluate/metric-threads.js';
import { threadedNearestNeighbours } from '../evaluate/nearest-threads.js';
import { trustworthinessThreaded } from '../evaluate/trust-threads.js';
import { resolveThreads } from '../neighbours/thread-count.js';
import { orInThisThread } from '../neighbours/thread-fallback.js';
import type { RunMetrics } from './types.js';
import { skippingPace, withSkipped } from './metrics-skip.js';
import {
  cheapMetricSteps,
  computeMetrics,
  finiteOrNull,
  holdoutArgs,
  planMetrics,
  runMetrics,
  trustArgs,
  type CheapMetrics,
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
  /**
   * Told why (the error's first line), when the workers could not start or failed and the metrics were
   * computed in this thread. Default: none.
   */
  onFallback?: (reason: string) => void;
  /** Tests only: the worker script. */
  entry?: MetricThreadOptions['entry'];
  /** Tests only: fewest cells that start threads. Default METRIC_THREADS_MIN_ROWS. */
  minRows?: number;
  /**
   * Awaited before each step of the stage, with the step (`StageStep`: 'knn-map', 'pca-baseline', 'silhouette',
   * 'trustworthiness', then 'knn-input' with the held-out cells searched so far); what it throws ends the
   * metrics (and their workers). Default: none — the metrics run without pausing.
   */
  pace?: Pace;
  /** Tests only: held-out cells the input-space search takes between pauses. Default QUERY_SLICE. */
  querySlice?: number;
  /**
   * Once aborted (the user's Stop during the stage), the metrics not yet computed are skipped — the next step
   * is not started and the workers end —: they are null and named by `onSkipped`. Default: none.
   */
  skip?: AbortSignal;
  /** Told the metrics `skip` left out (null in the result), in the report's order. */
  onSkipped?: (skipped: (keyof RunMetrics)[]) => void;
}

/** The input-space search of `search`, on slices of held-out cells, pausing before each with its count. */
function pacedInputSearch(search: NeighbourSearch, pace: Pace, slice: number | undefined): NeighbourSearch {
  return slicedSearch(search, (done, total) => pace({ name: 'knn-input', done, total }), slice);
}

/** What the paced metrics do in this thread (`inThreadPaced`) and on the workers (`onThreads`). */
interface PacedParts {
  pace: Pace;
  querySlice?: number;
  /** Each metric as soon as it is computed (what a skip keeps). */
  done: Partial<RunMetrics>;
}

/** The metrics in this thread, pausing with their steps: computeMetrics's values. */
async function inThreadPaced(
  inputs: MetricInputs,
  { pace, querySlice, done }: PacedParts,
): Promise<RunMetrics> {
  const plan = planMetrics(inputs);
  const cheap = await runPaced(cheapMetricSteps(plan, done), pace);
  await pace({ name: 'trustworthiness' });
  const args = trustArgs(plan.m);
  const trustworthiness = (done.trustworthiness = args ? finiteOrNull(trustworthinessOf(...args)) : null);
  const knnArgs = holdoutArgs(plan.m.input, plan.m);
  const inThread: NeighbourSearch = (reference, query, k, options) =>
    Promise.resolve(nearestNeighbours(reference, query, k, options));
  const knnInput = knnArgs
    ? await knnAccuracyWith(pacedInputSearch(inThread, pace, querySlice), ...knnArgs)
    : NaN;
  return runMetrics(cheap, { knn_holdout_input: knnArgs ? finiteOrNull(knnInput) : null, trustworthiness });
}

/** A pace that only lets the work go on, for a caller that gave none. */
const noPace: Pace = () => Promise.resolve();

async function onThreads(
  inputs: MetricInputs,
  options: MetricThreadOptions,
  { pace, querySlice, done }: PacedParts,
): Promise<RunMetrics> {
  return withMetricThreads(options, async (round) => {
    const plan = planMetrics(inputs);
    const args = trustArgs(plan.m);
    // the workers rank trustworthiness's points while this thread computes the cheap metrics
    const trust = args ? trustworthinessThreaded(round, ...args) : Promise.resolve(NaN);
    // handled at once: an abort (Ctrl-C) or a worker's failure rejects it while this thread is between two
    // paced steps, and an unhandled rejection ends the process (tfjs-backend-wasm's Emscripten glue
    // rethrows it: the CLI died with exit 7 and a stack trace); `await trust` below still sees the rejection
    const trustSettled = trust.catch(() => undefined);
    let cheap: CheapMetrics;
    try {
      cheap = await runPaced(cheapMetricSteps(plan, done), pace);
      await pace({ name: 'trustworthiness' });
    } finally {
      await trustSettled;
    }
    const trustworthiness = (done.trustworthiness = args ? finiteOrNull(await trust) : null);
    const knnArgs = holdoutArgs(plan.m.input, plan.m);
    const search = pacedInputSearch(threadedNearestNeighbours(round), pace, querySlice);
    const knnInput = knnArgs ? await knnAccuracyWith(search, ...knnArgs) : NaN;
    return runMetrics(cheap, { knn_holdout_input: knnArgs ? finiteOrNull(knnInput) : null, trustworthiness });
  });
}

/**
 * computeMetrics (the same metrics) with the costly parts on `options.threads` worker threads; with
 * `options.skip`, those not computed when it is aborted are null (`onSkipped` names them).
 */
export async function computeMetricsThreaded(
  inputs: MetricInputs,
  options: ThreadedMetricOptions = {},
): Promise<RunMetrics> {
  const { skip, signal } = options;
  if (!skip) return computeAll(inputs, options, {});
  const done: Partial<RunMetrics> = {};
  try {
    // the skip ends the workers as an abort does; the pace stops this thread at its next step
    const stops = signal ? AbortSignal.any([signal, skip]) : skip;
    const pace = skippingPace(options.pace ?? noPace, skip);
    return await computeAll(inputs, { ...options, signal: stops, pace }, done);
  } catch (err) {
    if (!skip.aborted || signal?.aborted) throw err;
    const { metrics, skipped } = withSkipped(done);
    options.onSkipped?.(skipped);
    return metrics;
  }
}

/** computeMetricsThreaded without a skip; each metric put in `done` as it is computed (paced only). */
async function computeAll(
  inputs: MetricInputs,
  options: ThreadedMetricOptions,
  done: Partial<RunMetrics>,
): Promise<RunMetrics> {
  const { signal, entry, pace } = options;
  signal?.throwIfAborted();
  const paced: PacedParts = {
    pace: pace ?? noPace,
    done,
    ...(options.querySlice !== undefined ? { querySlice: options.querySlice } : {}),
  };
  const inThread = () => (pace ? inThreadPaced(inputs, paced) : Promise.resolve(computeMetrics(inputs)));
  const threads = resolveThreads(options.threads);
  if (threads <= 1 || inputs.coords.rows < (options.minRows ?? METRIC_THREADS_MIN_ROWS)) return inThread();
  const threadOptions = { threads, ...(signal ? { signal } : {}), ...(entry ? { entry } : {}) };
  // a worker that cannot start (or fails) only costs time: the same metrics in this thread
  return orInThisThread(() => onThreads(inputs, threadOptions, paced), inThread, {
    ...(signal ? { signal } : {}),
    ...(options.onFallback ? { onFallback: options.onFallback } : {}),
  });
}
