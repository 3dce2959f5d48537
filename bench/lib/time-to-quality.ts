/**
 * Time-to-quality (issue 15 goal 1): how long a method trains before its held-out kNN-5 is within a
 * tolerance of the value it ends with. A method whose quality only shows at the end (umap-learn) has its
 * fit time as time-to-quality; TripletLens records the held-out kNN-5 at checkpoints during training.
 */

/** One checkpoint of a training run: the held-out kNN-5 after `epoch`, and the fit time spent to get there. */
export interface QualityPoint {
  epoch: number;
  /** Wall milliseconds of fitting up to this checkpoint, evaluation time excluded. */
  wallMs: number;
  /** CPU milliseconds (all threads) of fitting up to this checkpoint, evaluation time excluded. */
  cpuMs: number;
  /** Held-out kNN-5 accuracy of the map at this checkpoint. */
  knn: number;
}

/** Default tolerance: the checkpoint counts once its kNN-5 is at most this far below the final value. */
export const QUALITY_TOLERANCE = 0.01;

/**
 * The first checkpoint whose held-out kNN-5 is at least `final − tolerance` (a checkpoint above the final
 * value has reached it too), or undefined when none is (e.g. no checkpoint, or a final value that the
 * checkpoints never saw because the run ended between them). Checkpoints must be in training order.
 * @param tolerance how far below `final` still counts. Default QUALITY_TOLERANCE (0.01).
 */
export function timeToQuality(
  curve: readonly QualityPoint[],
  final: number,
  tolerance = QUALITY_TOLERANCE,
): QualityPoint | undefined {
  if (!Number.isFinite(final)) return undefined;
  // a small epsilon so that 0.84 − 0.01 counts as reaching 0.85 despite binary fractions
  return curve.find((p) => Number.isFinite(p.knn) && p.knn >= final - tolerance - 1e-9);
}

/** A ratio of two durations, or null when either is missing or the denominator is not positive. */
export function durationRatio(numerator: number | undefined, denominator: number | undefined): number | null {
  if (numerator === undefined || denominator === undefined || !(denominator > 0)) return null;
  return numerator / denominator;
}
