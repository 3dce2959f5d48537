// The loop's step budget, validation plateau and progress counts, on a one-variable model whose loss is
// always finite: the stops are decided by step counts and scores alone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import type { TrainProgress } from '../../src/api/progress.js';
import type { Batch } from '../../src/triplets/batch.js';
import { runEpochs, type EpochLoop } from '../../src/train/epoch-loop.js';

const batch: Batch = {
  rows: Int32Array.from([0]),
  labels: Int32Array.from([0]),
  fixed: { anchor: new Int32Array(0), positive: new Int32Array(0), negative: new Int32Array(0) },
};

/** A loop of `epochs` × `steps` steps on a model with one variable; `extra` sets the budget and the check. */
function loop(
  epochs: number,
  steps: number,
  extra: Partial<EpochLoop>,
): { loop: EpochLoop; dispose(): void } {
  const v = tf.variable(tf.scalar(1));
  const optimizer = tf.train.sgd(0.01);
  return {
    loop: {
      x: { data: Float32Array.from([1]), rows: 1, cols: 1 },
      sampler: { next: () => batch },
      model: {
        optimizer,
        variables: [v],
        batchLoss: () => ({ loss: tf.square(v) as tf.Scalar, active: 1, total: 1 }),
      },
      epochs,
      steps,
      patience: 0,
      maxSteps: epochs * steps,
      snapshot: () => Promise.resolve({ data: new Float32Array(0), rows: 0, cols: 0 }),
      embed: (rows) => Promise.resolve(rows),
      ...extra,
    },
    dispose() {
      v.dispose();
      optimizer.dispose();
    },
  };
}

test('without a budget the loop runs every epoch and counts every step in progress and history', async () => {
  const l = loop(3, 4, {});
  const seen: TrainProgress[] = [];
  try {
    const out = await runEpochs(l.loop, { onProgress: (p) => void seen.push(p) });
    assert.equal(out.stoppedReason, 'completed');
    assert.equal(out.stepsRun, 12);
    assert.deepEqual(
      out.history.map((h) => h.steps),
      [4, 4, 4],
    );
    assert.deepEqual(
      seen.map((p) => p.totalStep),
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
    assert.ok(seen.every((p) => p.totalSteps === 12));
    // no estimate before a few steps were timed, then one that shrinks to zero at the last step
    assert.ok(Number.isNaN(seen[0].etaMs));
    assert.equal(seen[11].etaMs, 0);
    assert.ok(seen.slice(4).every((p) => Number.isFinite(p.etaMs) && p.etaMs >= 0));
  } finally {
    l.dispose();
  }
});

test('a step budget stops within an epoch, says so, and records the partial epoch', async () => {
  const l = loop(5, 4, { maxSteps: 10 });
  const seen: TrainProgress[] = [];
  try {
    const out = await runEpochs(l.loop, { onProgress: (p) => void seen.push(p) });
    assert.equal(out.stoppedReason, 'budget');
    assert.match(out.message ?? '', /step budget: 10 steps/);
    assert.equal(out.stepsRun, 10);
    assert.deepEqual(
      out.history.map((h) => [h.epoch, h.steps]),
      [
        [1, 4],
        [2, 4],
        [3, 2],
      ],
    );
    assert.ok(seen.every((p) => p.totalSteps === 10));
  } finally {
    l.dispose();
  }
});

test('a validation score that stops improving stops the run at the check where patience runs out', async () => {
  // checked every 3 steps: 0.5, 0.6, 0.7, then 0.7 four more times (patience 5: the 5th flat check stops)
  const scores = [0.5, 0.6, 0.7, 0.7, 0.7005, 0.699, 0.7, 0.7, 0.9];
  let checks = 0;
  const l = loop(10, 5, { validation: { every: 3, score: () => scores[checks++] } });
  try {
    const out = await runEpochs(l.loop, {});
    assert.equal(out.stoppedReason, 'plateau');
    assert.equal(checks, 8);
    assert.equal(out.stepsRun, 24);
    assert.match(out.message ?? '', /step 24: the validation kNN-5 accuracy has not improved.*best 0\.700/);
    // the history carries the last score of each epoch that had a check
    assert.equal(out.history.at(-1)?.validation, 0.7);
    assert.equal(out.history.at(-1)?.steps, 4);
  } finally {
    l.dispose();
  }
});

// the budget's message is shown as the run's end: "1 100 steps", grouped as the app groups counts
test('the step budget message groups the digits of its count', async () => {
  const l = loop(2, 600, { maxSteps: 1100 });
  try {
    const out = await runEpochs(l.loop, {});
    assert.equal(out.message, 'Stopped at the step budget: 1\u202f100 steps');
  } finally {
    l.dispose();
  }
});

test('a score that keeps improving runs every epoch (the budget, if any, ends it)', async () => {
  let checks = 0;
  const l = loop(4, 5, { validation: { every: 2, score: () => 0.1 + 0.05 * checks++ } });
  try {
    const out = await runEpochs(l.loop, {});
    assert.equal(out.stoppedReason, 'completed');
    assert.equal(out.stepsRun, 20);
    assert.equal(checks, 10);
  } finally {
    l.dispose();
  }
});
