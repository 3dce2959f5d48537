// The distance names alone, with no tensor code, so the CLI can list and check them without loading tfjs.

/**
 * - `euclidean`: ‖a − b‖, computed as sqrt(max(‖a − b‖², eps)) so the gradient at a == b is 0, never NaN.
 * - `squared`: ‖a − b‖².
 * - `cosine`: 1 − cos(a, b), in [0, 2].
 * - `angular`: the Euclidean (chord) distance between the L2-normalised vectors, ‖â − b̂‖ = 2 sin(θ/2): a
 *   monotone function of the angle θ whose gradient stays finite at θ = 0 (arccos's does not).
 */
export type DistanceKind = 'euclidean' | 'squared' | 'cosine' | 'angular';

export const DISTANCE_KINDS: readonly DistanceKind[] = ['euclidean', 'squared', 'cosine', 'angular'];
