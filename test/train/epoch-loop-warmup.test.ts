// The epoch loop: the graph warm-up runs before epoch 1 (reported as epoch 0, stoppable), and early stopping
// watches the step's monitored part of the loss, not the whole.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import type { Batch } from '../../src/triplets/batch.js';
import { runEpochs, type EpochLoop } from '../../src/train/epoch-loop.js';
import { loadCpu } from '../../src/backend/loaders.js';
import { blobs } from './blobs.js';

const empty = { anchor: new Int32Array(0), positive: new Int32Array(0), negative: new Int32Array(0) };
const tripletBatch: Batch = { rows: Int32Array.from([0, 1]), labels: Int32Array.from([0, 1]), fixed: empty };
const warmBatch: Batch = { rows: Int32Array.from([2, 3]), labels: Int32Array.from([-1, -1]), fixed: empty };

/** A loop over one scalar variable whose loss falls every step while the monitored part stays flat. */
function fakeLoop(warmupSteps: number, seen: Batch[]): { loop: EpochLoop; dispose(): void } {
  const { x } = blobs(8, 3, 2, 1);
  const v = tf.variable(tf.scalar(5));
  const optimizer = tf.train.sgd(0.1);
  const loop: EpochLoop = {
    x,
    sampler: { next: () => tripletBatch },
    model: {
      optimizer,
      variables: [v],
      batchLoss: (_xb, batch) => {
        seen.push(batch);
        return { loss: tf.square(v), active: 1, total: 1, monitored: 1 };
      },
    },
    epochs: 20,
    steps: 2,
    patience: 3,
    maxSteps: 40,
    snapshot: () => Promise.resolve(x),
    embed: (rows) => Promise.resolve(rows),
    ...(warmupSteps > 0 ? { warmup: { steps: warmupSteps, next: () => warmBatch } } : {}),
  };
  return { loop, dispose: () => (v.dispose(), optimizer.dispose()) };
}

test('early stopping watches the monitored part: a falling total with a flat monitored part stops', async () => {
  await loadCpu();
  const { loop, dispose } = fakeLoop(0, []);
  try {
    const outcome = await runEpochs(loop, {});
    assert.equal(outcome.stoppedReason, 'early-stopping');
    // epoch 1 sets the best, three flat epochs follow
    assert.equal(outcome.history.length, 4);
    assert.ok(outcome.history[3].loss < outcome.history[0].loss * 0.9, 'the total loss did fall');
  } finally {
    dispose();
  }
});

test('the warm-up steps run first, are reported as epoch 0, and a stop request ends the run there', async () => {
  await loadCpu();
  const seen: Batch[] = [];
  const { loop, dispose } = fakeLoop(3, seen);
  try {
    const epochs: number[] = [];
    const outcome = await runEpochs(
      { ...loop, patience: 0, epochs: 1 },
      { onProgress: (p) => void epochs.push(p.epoch) },
    );
    assert.equal(outcome.stoppedReason, 'completed');
    assert.deepEqual(epochs, [0, 0, 0, 1, 1]);
    assert.deepEqual(
      seen.map((b) => b === warmBatch),
      [true, true, true, false, false],
    );
    const stopped = await runEpochs(loop, { onProgress: (p) => p.step < 2 });
    assert.equal(stopped.stoppedReason, 'stopped');
    assert.match(stopped.message ?? '', /warm-up, step 2/);
    assert.deepEqual(stopped.history, []);
  } finally {
    dispose();
  }
});
