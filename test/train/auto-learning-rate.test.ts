// The automatic learning rate: fast only on small tables whose labels separate in the input.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  autoLearningRate,
  BASE_LEARNING_RATE,
  FAST_LEARNING_RATE,
  FAST_MAX_ROWS,
  SEPARABLE_AGREEMENT,
  TINY_FAST_LEARNING_RATE,
  TINY_MAX_ROWS,
} from '../../src/train/auto-learning-rate.js';

test('small and separable: fast; overlapping classes, unknown agreement or a big table: the base rate', () => {
  assert.equal(autoLearningRate(1438, 0.95), FAST_LEARNING_RATE);
  assert.equal(autoLearningRate(FAST_MAX_ROWS, SEPARABLE_AGREEMENT), FAST_LEARNING_RATE);
  assert.equal(autoLearningRate(560, 0.8), BASE_LEARNING_RATE);
  assert.equal(autoLearningRate(560, undefined), BASE_LEARNING_RATE);
  assert.equal(autoLearningRate(FAST_MAX_ROWS + 1, 0.99), BASE_LEARNING_RATE);
  assert.ok(FAST_LEARNING_RATE > BASE_LEARNING_RATE);
});

test('tiny separable tables (up to 100 rows, a step an epoch) get their own rate; overlapping ones the base', () => {
  // golub_leukemia: 30 training cells, input agreement 0.93–1.0 over seeds 0–7
  assert.equal(autoLearningRate(30, 0.97), TINY_FAST_LEARNING_RATE);
  assert.equal(autoLearningRate(TINY_MAX_ROWS, SEPARABLE_AGREEMENT), TINY_FAST_LEARNING_RATE);
  assert.equal(autoLearningRate(TINY_MAX_ROWS + 1, SEPARABLE_AGREEMENT), FAST_LEARNING_RATE);
  // tissue subsamples of 4 cells a class: agreement 0.64–0.82
  assert.equal(autoLearningRate(28, 0.75), BASE_LEARNING_RATE);
  assert.ok(TINY_FAST_LEARNING_RATE > BASE_LEARNING_RATE && TINY_FAST_LEARNING_RATE < FAST_LEARNING_RATE);
});

/** The learning rate recorded in a saved encoder's model.json. */
async function recordedRate(encoder: { save(dir: string): Promise<void> }): Promise<unknown> {
  const { mkdtemp, readFile, rm } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const dir = await mkdtemp(join(tmpdir(), 'tl-lr-'));
  try {
    await encoder.save(dir);
    const text = await readFile(join(dir, 'model.json'), 'utf8');
    const found = /"learningRate":\s*([0-9.e-]+)/.exec(text);
    return found ? Number(found[1]) : undefined;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('the trainer records the rate it used: fast on small separable blobs, the given one when set', async () => {
  const { blobs } = await import('./blobs.js');
  const { trainEncoder } = await import('../../src/train/train-encoder.js');
  const { x, labels } = blobs(150, 8, 3, 1);
  const auto = await trainEncoder(x, labels, { epochs: 1, seed: 1 });
  const given = await trainEncoder(x, labels, { epochs: 1, seed: 1, learningRate: 0.002 });
  try {
    assert.equal(await recordedRate(auto), FAST_LEARNING_RATE);
    assert.equal(await recordedRate(given), 0.002);
    // and says it (run.json's training.learningRate reads it)
    assert.equal(auto.learningRate, FAST_LEARNING_RATE);
    assert.equal(given.learningRate, 0.002);
  } finally {
    auto.dispose();
    given.dispose();
  }
});

test('labels that do not separate in the input train at the base rate', async () => {
  const { blobs } = await import('./blobs.js');
  const { trainEncoder } = await import('../../src/train/train-encoder.js');
  const { x } = blobs(60, 8, 1, 2);
  // two classes drawn at random over one blob: input-space neighbours agree about half the time
  const labels = Int32Array.from({ length: 60 }, (_, i) => ((i * 7919) % 13 < 6 ? 0 : 1));
  const encoder = await trainEncoder(x, labels, { epochs: 1, seed: 1 });
  try {
    assert.equal(await recordedRate(encoder), BASE_LEARNING_RATE);
  } finally {
    encoder.dispose();
  }
});
