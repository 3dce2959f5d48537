// Fine-tuning's hook: trainEncoder starting from an earlier encoder's weights (TrainHooks.initialWeights).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { trainEncoder } from '../../src/train/train-encoder.js';
import type { TrainOptions } from '../../src/train/options.js';
import { blobs } from './blobs.js';

const small: TrainOptions = { preset: [16, 16], dims: 2, epochs: 4, batchSize: 24, patience: 0 };

test('a run started from saved weights begins where they left off, a fresh one does not', async () => {
  const { x, labels } = blobs(90, 5, 3, 1);
  const trained = await trainEncoder(x, labels, small);
  const weights = trained.weightValues();
  assert.equal(weights.length, 3);
  assert.equal(weights[0].kernel.length, 5 * 16);
  assert.equal(weights[2].bias.length, 2);
  // a vanishing learning rate: the weights stay (almost exactly) where they started
  const still = await trainEncoder(
    x,
    labels,
    { ...small, epochs: 1, learningRate: 1e-9 },
    { initialWeights: weights },
  );
  const fresh = await trainEncoder(x, labels, { ...small, epochs: 1, learningRate: 1e-9, seed: 7 });
  const maxDiff = (a: Float32Array, b: Float32Array) =>
    a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
  const before = trained.embed(x).data;
  assert.ok(maxDiff(still.embed(x).data, before) < 1e-4, 'started from the saved weights');
  assert.ok(maxDiff(fresh.embed(x).data, before) > 0.1, 'a fresh start is elsewhere');
  // and its first epoch's loss is the trained encoder's, not a fresh one's
  assert.ok(still.history[0].loss < fresh.history[0].loss);
  for (const e of [trained, still, fresh]) e.dispose();
});

test('weights of another shape are refused with a readable reason and leave no tensors', async () => {
  const { x, labels } = blobs(60, 5, 3, 2);
  const other = await trainEncoder(x, labels, { ...small, preset: [8], epochs: 1 });
  const weights = other.weightValues();
  other.dispose();
  const start = tf.memory().numTensors;
  await assert.rejects(
    trainEncoder(x, labels, small, { initialWeights: weights }),
    /do not fit this encoder .*train from scratch/,
  );
  assert.equal(tf.memory().numTensors, start);
});
