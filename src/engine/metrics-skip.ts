/**
 * The metrics a Stop skips: a Stop pressed during the metrics stage (after the last epoch; at 10⁵ cells the
 * stage took minutes) was answered at once, but every metric still ran before the map was shown. Now the
 * stage's next step is not started: the metrics computed so far are kept, the others are null and named, and
 * the run report says each was not computed (training-report.ts `metricNotes`).
 */
import type { Pace } from '../preprocess/paced.js';
import type { RunMetrics } from './types.js';

/** The metrics in the order reports list them (runMetrics). */
const METRIC_ORDER: readonly (keyof RunMetrics)[] = [
  'knn_holdout',
  'knn_train',
  'knn_holdout_pca',
  'knn_holdout_input',
  'silhouette',
  'trustworthiness',
];

/** What a skipping pace throws: the metrics not yet computed are skipped. */
export class MetricsSkipped extends Error {
  override name = 'MetricsSkipped';
  constructor() {
    super('The metrics not yet computed were skipped (stopped)');
  }
}

/** `pace`, throwing MetricsSkipped before and after each step once `skip` is aborted. */
export function skippingPace(pace: Pace, skip: AbortSignal): Pace {
  return async (step) => {
    if (skip.aborted) throw new MetricsSkipped();
    await pace(step);
    if (skip.aborted) throw new MetricsSkipped();
  };
}

/**
 * The metrics with those in `done` as computed (a null there was computed as n/a) and every other one null;
 * `skipped` names the others, in the report's order.
 */
export function withSkipped(done: Partial<RunMetrics>): {
  metrics: RunMetrics;
  skipped: (keyof RunMetrics)[];
} {
  const metrics: RunMetrics = {
    knn_holdout: done.knn_holdout ?? null,
    knn_train: done.knn_train ?? null,
    knn_holdout_pca: done.knn_holdout_pca ?? null,
    knn_holdout_input: done.knn_holdout_input ?? null,
    silhouette: done.silhouette ?? null,
    trustworthiness: done.trustworthiness ?? null,
  };
  return { metrics, skipped: METRIC_ORDER.filter((key) => !(key in done)) };
}
