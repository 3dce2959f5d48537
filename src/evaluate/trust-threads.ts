/**
 * trustworthiness() with the per-point penalties on the metrics workers (issue 15): the subsample and the
 * two distance matrices as in-thread (trustworthinessDistances), then each worker claims points and writes
 * their penalties (trust-penalty.ts, the same code); the penalties are whole numbers, so their sum — and
 * T(k) — is the in-thread value bit for bit.
 */
import type { DenseMatrix } from '../api/matrix.js';
import { seededRandom, type Random } from '../util/random.js';
import { onSharedMemory, sharedArray } from '../util/shared-arrays.js';
import type { MetricRound } from './metric-threads.js';
import type { TrustData } from './metrics-protocol.js';
import {
  TRUSTWORTHINESS_MAX_POINTS,
  trustworthinessDistances,
  trustworthinessOf,
} from './trustworthiness.js';

/** Points a worker claims at a time. */
const CHUNK = 16;

/** trustworthiness (same arguments after `round`, same result) on `round`'s workers. */
export async function trustworthinessThreaded(
  round: MetricRound,
  highX: DenseMatrix,
  lowX: DenseMatrix,
  k = 15,
  random: Random = seededRandom(0),
  maxPoints = TRUSTWORTHINESS_MAX_POINTS,
): Promise<number> {
  const distances = trustworthinessDistances(highX, lowX, k, random, maxPoints);
  if (!distances) return NaN;
  const { n } = distances;
  const data: TrustData = {
    n,
    k,
    high: onSharedMemory(distances.high),
    low: onSharedMemory(distances.low),
    penalties: sharedArray(Float64Array, n),
    counter: sharedArray(Int32Array, 1),
    chunk: CHUNK,
  };
  await round({ type: 'trust', data });
  let penalty = 0;
  for (let a = 0; a < n; a++) penalty += data.penalties[a];
  return trustworthinessOf(penalty, n, k);
}
