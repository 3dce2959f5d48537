/**
 * The stability check (`stability` on): a second encoder fitted on the same cells with the next seed, and the
 * Procrustes disparity of its map against the run's. The fit is a whole second training run (it doubles the
 * time), so a Stop that skips the metrics ends it too: its step count was out of the Stop's reach, and the
 * page's Stop stayed "stopping…" for as long as the first fit had taken.
 */
import type { DenseMatrix } from '../api/matrix.js';
import { procrustesDisparity } from '../evaluate/procrustes.js';
import { trainEncoder, type TrainedEncoder, type TrainOptions } from '../train/index.js';

/** The stability result in the run report. */
export interface Stability {
  seed: number;
  disparity: number;
}

/**
 * Fits the second encoder on `trainX` with the next seed and returns the disparity of its map of every cell
 * (`all`) against `coords`. Undefined when `signal` (the run's abort: the caller throws) or `skip` (a Stop that
 * skips the metrics: not computed) ends the fit, at its next step or during its neighbour search.
 */
export async function stabilityFit(
  coords: DenseMatrix,
  trainX: DenseMatrix,
  trainLabels: Int32Array,
  options: TrainOptions & { seed: number },
  all: DenseMatrix,
  signal: AbortSignal | undefined,
  skip: AbortSignal,
): Promise<Stability | undefined> {
  // seeds keep 32 bits (src/util/random.ts): after the largest, 2³²−1, comes 0 — the same stream 2³² would give
  const seed = (options.seed + 1) % 2 ** 32;
  let second: TrainedEncoder;
  try {
    second = await trainEncoder(
      trainX,
      trainLabels,
      { ...options, seed },
      {
        onProgress: () => !signal?.aborted && !skip.aborted,
        // the neighbour search before the first step ends on either
        signal: signal ? AbortSignal.any([signal, skip]) : skip,
      },
    );
  } catch (err) {
    if (skip.aborted || signal?.aborted) return undefined;
    throw err;
  }
  try {
    if (skip.aborted || signal?.aborted) return undefined;
    return { seed, disparity: procrustesDisparity(coords, second.embed(all)) };
  } finally {
    second.dispose();
  }
}
