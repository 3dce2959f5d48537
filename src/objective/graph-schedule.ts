/**
 * The graph term's weight over the mixed (triplet + graph) steps: from graphWeight at the first mixed step
 * linearly to graphWeightEnd at the last step of the run's budget, then held — a map laid out by its
 * neighbourhoods first and left to the triplet loss's class margins at the end (or the reverse). Without an
 * end weight the weight is constant.
 */

/** The weight of mixed step `step` (0-based) of `totalSteps`: start → end linearly, end from then on. */
export function graphWeightAt(start: number, end: number | null, totalSteps: number, step: number): number {
  if (end === null || totalSteps <= 1) return end ?? start;
  const t = Math.min(1, Math.max(0, step / (totalSteps - 1)));
  return start + (end - start) * t;
}

/**
 * umap-learn's step size over a run: `base` at step 0 falling linearly to 0 after `totalSteps` steps (its
 * alpha = 1 − epoch / n_epochs), so the map settles instead of jittering with the sampled edges at the end.
 */
export function decayedLearningRate(base: number, totalSteps: number, step: number): number {
  if (totalSteps <= 0) return base;
  return base * Math.max(0, 1 - step / totalSteps);
}
