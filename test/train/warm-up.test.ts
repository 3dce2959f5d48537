// The trainer's warm-up: it frees everything it makes and leaves a later seeded run unchanged.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { trainEncoder } from '../../src/train/train-encoder.js';
import { warmUpTable, warmUpTrainer } from '../../src/train/warm-up.js';
import { blobs } from './blobs.js';

/** A short seeded run's map of its own rows. */
async function seededMap(): Promise<Float32Array> {
  const { x, labels } = blobs(40, 6, 2, 3);
  const encoder = await trainEncoder(x, labels, { epochs: 3, seed: 5 });
  try {
    return encoder.embed(x).data;
  } finally {
    encoder.dispose();
  }
}

test('the warm-up trains, frees every tensor, and a seeded run after it gives the same bits', async () => {
  const before = await seededMap();
  const tensors = tf.memory().numTensors;
  const warm = await warmUpTrainer({ runs: 2, epochs: 3 });
  assert.equal(warm.epochs, 6);
  assert.equal(tf.memory().numTensors, tensors);
  const after = await seededMap();
  assert.deepEqual(after, before);
});

test('an aborted warm-up stops after its current step and resolves', async () => {
  // a signal that reads as aborted from its second read on: after the first run has started
  let reads = 0;
  const signal = {
    get aborted() {
      return ++reads > 1;
    },
  } as AbortSignal;
  const warm = await warmUpTrainer({ runs: 3, epochs: 50, signal });
  assert.equal(warm.epochs, 1);
});

test('the warm-up table is seeded, finite and labelled in four classes', () => {
  const a = warmUpTable(16, 5);
  const b = warmUpTable(16, 5);
  assert.deepEqual(a.x.data, b.x.data);
  assert.ok(a.x.data.every(Number.isFinite));
  assert.deepEqual([...new Set(a.labels)].sort(), [0, 1, 2, 3]);
});
