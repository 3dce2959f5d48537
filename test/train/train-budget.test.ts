// The step budget inside the trainer: small tables train exactly as without a budget (same steps, same map),
// a given budget stops the run with reason 'budget' after exactly that many steps, and a big table's
// validation rows are a fixed seeded subsample whose labels the sampler never sees.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { trainEncoder } from '../../src/train/train-encoder.js';
import type { TrainOptions } from '../../src/train/options.js';
import { holdAsideValidation } from '../../src/train/validation.js';
import { seededRandom } from '../../src/util/random.js';
import { blobs } from './blobs.js';

const small: TrainOptions = { preset: [16, 16], epochs: 3, batchSize: 24, patience: 0, seed: 5 };

test('a small table: the auto budget changes nothing — the same steps and the same map as no budget', async () => {
  const { x, labels } = blobs(120, 6, 3, 2);
  const auto = await trainEncoder(x, labels, small);
  const none = await trainEncoder(x, labels, { ...small, maxSteps: 0 });
  try {
    assert.equal(auto.stoppedReason, 'completed');
    assert.deepEqual(
      auto.history.map((h) => h.steps),
      [5, 5, 5],
      '120 anchors ÷ 24 = 5 steps an epoch, every epoch run',
    );
    assert.deepEqual(auto.history, none.history);
    assert.deepEqual(auto.embed(x).data, none.embed(x).data);
  } finally {
    auto.dispose();
    none.dispose();
  }
});

test('a given budget stops the run after exactly that many steps, reason budget', async () => {
  const { x, labels } = blobs(120, 6, 3, 2);
  const encoder = await trainEncoder(x, labels, { ...small, maxSteps: 7 });
  try {
    assert.equal(encoder.stoppedReason, 'budget');
    assert.match(encoder.message ?? '', /step budget: 7 steps/);
    assert.deepEqual(
      encoder.history.map((h) => h.steps),
      [5, 2],
    );
  } finally {
    encoder.dispose();
  }
});

test('validation rows: seeded, a tenth at most, only from classes with ≥ 50 rows, labels hidden from training', () => {
  const labels = Int32Array.from({ length: 3000 }, (_, i) => (i < 20 ? 2 : i % 2));
  const x = { data: Float32Array.from({ length: 3000 * 2 }, (_, i) => i), rows: 3000, cols: 2 };
  const a = holdAsideValidation(x, labels, seededRandom(1));
  const b = holdAsideValidation(x, labels, seededRandom(1));
  assert.ok(a && b);
  assert.deepEqual(a.rows, b.rows);
  assert.equal(a.rows.length, 298, 'a tenth of the 2 980 rows of the two big classes');
  for (const [i, r] of a.rows.entries()) {
    assert.notEqual(labels[r], 2, 'the 20-row class keeps every row');
    assert.equal(a.trainingLabels[r], -1);
    assert.equal(a.labels[i], labels[r]);
    assert.deepEqual([...a.x.data.subarray(i * 2, i * 2 + 2)], [r * 2, r * 2 + 1]);
  }
  const hidden = a.trainingLabels.filter((l) => l === -1).length;
  assert.equal(hidden, a.rows.length);
  // one big class, or too few rows: no validation
  assert.equal(
    holdAsideValidation(
      x,
      Int32Array.from(labels, (l) => (l === 1 ? 0 : l)),
      seededRandom(1),
    ),
    undefined,
  );
  assert.equal(
    holdAsideValidation(
      x,
      labels.map((l, i) => (i < 1000 ? l : -1)),
      seededRandom(1),
    ),
    undefined,
  );
});
