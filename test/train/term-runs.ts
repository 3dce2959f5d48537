/** Test helper for the objective's optional terms: short seeded runs and the checks every term must pass. */
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import type { DenseMatrix } from '../../src/api/matrix.js';
import { trainEncoder } from '../../src/train/train-encoder.js';
import type { TrainOptions } from '../../src/train/options.js';

/** A small network and a short run: enough steps for every term to act. */
export const SMALL_RUN: TrainOptions = {
  preset: [16, 16],
  epochs: 2,
  batchSize: 24,
  patience: 0,
  neighbours: 5,
};

/** The per-epoch losses of a SMALL_RUN with `options` on top. */
export async function lossHistory(
  x: DenseMatrix,
  labels: Int32Array,
  options: TrainOptions,
): Promise<number[]> {
  const encoder = await trainEncoder(x, labels, { ...SMALL_RUN, ...options });
  const out = encoder.history.map((h) => h.loss);
  encoder.dispose();
  return out;
}

/**
 * With `term` on beside each of `others`: finite losses, the same losses on a second run with the same seed,
 * and no tensor left behind (after one warm-up run, which loads kernels and caches).
 */
export async function assertSeededAndLeakFree(
  x: DenseMatrix,
  labels: Int32Array,
  term: TrainOptions,
  others: readonly TrainOptions[],
): Promise<void> {
  (await trainEncoder(x, labels, { ...SMALL_RUN, ...term, epochs: 1 })).dispose();
  const start = tf.memory().numTensors;
  for (const extra of others) {
    const runs = [];
    for (let r = 0; r < 2; r++) runs.push(await lossHistory(x, labels, { ...extra, ...term }));
    assert.ok(runs[0].every(Number.isFinite), `${JSON.stringify(extra)}: ${runs[0]}`);
    assert.deepEqual(runs[0], runs[1], `${JSON.stringify(extra)}: same seed, same losses`);
  }
  assert.equal(tf.memory().numTensors, start);
}
