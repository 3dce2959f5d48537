/**
 * Trustworthiness (Venna & Kaski 2001), the definition scikit-learn implements in
 * sklearn.manifold.trustworthiness: with r(i, j) the rank of j among i's neighbours in the original space
 * (nearest = 1) and U_k(i) the k nearest neighbours of i in the embedding,
 *   T(k) = 1 − 2 / (n k (2n − 3k − 1)) · Σ_i Σ_{j ∈ U_k(i)} max(0, r(i, j) − k).
 * 1 means every embedding neighbour is a true neighbour. Equal distances rank by row index. Above
 * `maxPoints` rows (default 2 000) a uniform seeded subsample — the same rows in both spaces — is scored.
 */
import type { DenseMatrix } from '../api/matrix.js';
import { seededRandom, type Random } from '../util/random.js';
import { pairwiseSquaredDistances } from './pairwise.js';
import { subsampleRows } from '../util/subsample.js';
import { pointPenalty } from './trust-penalty.js';

export const TRUSTWORTHINESS_MAX_POINTS = 2000;

/** The pairwise squared distances trustworthiness ranks by, in both spaces, of its (sub)sample of n rows. */
export interface TrustworthinessDistances {
  n: number;
  high: Float64Array;
  low: Float64Array;
}

/**
 * The checks, the seeded subsample and the distances of trustworthiness(), same arguments; null when T(k) is
 * undefined (k ≥ n / 2).
 */
export function trustworthinessDistances(
  highX: DenseMatrix,
  lowX: DenseMatrix,
  k: number,
  random: Random,
  maxPoints: number,
): TrustworthinessDistances | null {
  if (highX.rows !== lowX.rows) {
    throw new RangeError(`trustworthiness: ${highX.rows} original rows but ${lowX.rows} embedded rows`);
  }
  if (!Number.isInteger(k) || k < 1)
    throw new RangeError(`trustworthiness: k must be a whole number ≥ 1, got ${k}`);
  const rows = subsampleRows(
    Int32Array.from({ length: highX.rows }, (_, i) => i),
    maxPoints,
    random,
  );
  const n = rows.length;
  if (k >= n / 2) return null;
  return { n, high: pairwiseSquaredDistances(highX, rows), low: pairwiseSquaredDistances(lowX, rows) };
}

/**
 * @param k neighbourhood size. Default 15.
 * @param random picks the subsample on large inputs. Default seededRandom(0).
 * @param maxPoints most rows scored; a seeded subsample above. Default TRUSTWORTHINESS_MAX_POINTS (2 000).
 * @returns T(k) in [0, 1]; NaN when k ≥ n / 2 (undefined, as scikit-learn refuses it).
 */
export function trustworthiness(
  highX: DenseMatrix,
  lowX: DenseMatrix,
  k = 15,
  random: Random = seededRandom(0),
  maxPoints = TRUSTWORTHINESS_MAX_POINTS,
): number {
  const distances = trustworthinessDistances(highX, lowX, k, random, maxPoints);
  if (!distances) return NaN;
  const { n, high, low } = distances;
  let penalty = 0;
  for (let a = 0; a < n; a++) penalty += pointPenalty(high, low, n, a, k);
  return trustworthinessOf(penalty, n, k);
}

/** T(k) from the summed penalty of n points. */
export function trustworthinessOf(penalty: number, n: number, k: number): number {
  return 1 - (2 / (n * k * (2 * n - 3 * k - 1))) * penalty;
}
