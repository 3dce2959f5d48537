// The status bar's training words: the epoch and the time left, updated by each progress event.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EngineEvent } from '../../src/api/engine-api.js';
import { INITIAL_STATE, type Action } from '../../renderer/state.js';
import { trainingStatusText } from '../../renderer/training-status.js';
import { countText } from '../../src/api/count-text.js';
import { run } from './reduce-steps.js';

const progress = (epoch: number, etaMs: number, totalSteps = 3000): Action => ({
  type: 'engine',
  event: {
    type: 'train-progress',
    runId: 'r1',
    epoch,
    epochs: 30,
    step: 1,
    steps: 100,
    loss: 0.3,
    activeFraction: 0.5,
    elapsedMs: 1000,
    etaMs,
    totalStep: (epoch - 1) * 100 + 1,
    totalSteps,
  } satisfies EngineEvent,
});

test('the status bar says the epoch and the time left, and follows the estimate as it moves', () => {
  let s = run(INITIAL_STATE, { type: 'training-started', runId: 'r1' });
  assert.ok(s.training);
  assert.equal(trainingStatusText(s.training), 'training: starting');
  // before the first step, the stage's step as the Train screen says it
  s = run(s, {
    type: 'engine',
    event: {
      type: 'train-stage',
      runId: 'r1',
      stage: 'preprocess',
      step: { name: 'pca', done: 2, total: 9, unit: 'passes' },
    },
  });
  assert.equal(trainingStatusText(s.training!), 'training: preprocess: PCA, pass 3 of 9');
  s = run(s, progress(1, NaN));
  assert.equal(trainingStatusText(s.training!), 'training: epoch 1 of 30 · estimating time left…');
  s = run(s, progress(2, 150_000));
  assert.equal(trainingStatusText(s.training!), 'training: epoch 2 of 30 · about 3 min left');
  s = run(s, progress(20, 40_000));
  assert.equal(trainingStatusText(s.training!), 'training: epoch 20 of 30 · about 40 s left');
  s = run(s, { type: 'stop-requested' });
  assert.equal(trainingStatusText(s.training!), 'stopping training…');
  // its epochs ended, the stopped run still computes its metrics (minutes at 10⁵ cells): which, how far
  s = run(s, {
    type: 'engine',
    event: {
      type: 'train-stage',
      runId: 'r1',
      stage: 'metrics',
      step: { name: 'knn-input', done: 4096, total: 15000 },
    },
  });
  assert.equal(
    trainingStatusText(s.training!),
    `stopping training… metrics: kNN accuracy in the input space, ${countText(4096)} of ${countText(15000)} cells`,
  );
  s = run(s, { type: 'stop-requested' });
  assert.equal(
    trainingStatusText(s.training!),
    'stopping training… metrics: skipping those not yet computed',
  );
});

test('after the last step the status bar says the run is finishing, not a time left of nothing', () => {
  const last: Action = {
    type: 'engine',
    event: {
      type: 'train-progress',
      runId: 'r1',
      epoch: 30,
      epochs: 30,
      step: 100,
      steps: 100,
      loss: 0.3,
      activeFraction: 0.5,
      elapsedMs: 1000,
      etaMs: 0,
      totalStep: 3000,
      totalSteps: 3000,
    } satisfies EngineEvent,
  };
  let s = run(INITIAL_STATE, { type: 'training-started', runId: 'r1' }, last);
  assert.equal(trainingStatusText(s.training!), 'training: epoch 30 of 30 · finishing');
  // a stage after the steps that says its step (the metrics, ~38 s at 10⁵ cells) is said with it
  const stage = (step?: { name: 'knn-input'; done: number; total: number }): Action => ({
    type: 'engine',
    event: { type: 'train-stage', runId: 'r1', stage: 'metrics', ...(step ? { step } : {}) },
  });
  s = run(s, stage());
  assert.equal(trainingStatusText(s.training!), 'training: epoch 30 of 30 · finishing');
  s = run(s, stage({ name: 'knn-input', done: 4096, total: 15_000 }));
  assert.equal(
    trainingStatusText(s.training!),
    'training: metrics: kNN accuracy in the input space, 4\u202f096 of 15\u202f000 cells',
  );
});

test('a run with a step budget below its epochs says its time left is a ceiling', () => {
  const s = run(INITIAL_STATE, { type: 'training-started', runId: 'r1' }, progress(2, 150_000, 1500));
  assert.equal(trainingStatusText(s.training!), 'training: epoch 2 of 30 · up to about 3 min left');
});
