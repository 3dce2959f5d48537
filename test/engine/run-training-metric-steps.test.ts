/**
 * The metrics stage of a run says its steps (`onStage('metrics', step)`), between the stage's start and the
 * report's, keeping the metrics computeMetrics gives; an abort during it ends the run there; a Stop, once the
 * training steps are over, ends nothing: the stopped run's map gets its metrics.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src/backend/index.js';
import type { StageStep } from '../../src/api/stage-step.js';
import { computeMetrics } from '../../src/engine/metrics.js';
import { runTraining } from '../../src/engine/run-training.js';
import type { PipelineStage, TrainSettings } from '../../src/engine/types.js';
import { blobTable } from './helpers.js';

const FAST: TrainSettings = { labelColumn: 'cell_type', epochs: 3, seed: 7 };

/** Each event as 'stage' or 'stage: step'. */
function recorder(events: string[]) {
  return (stage: PipelineStage, step?: StageStep) =>
    void events.push(step ? `${stage}: ${step.name}` : stage);
}

test("the metrics stage says its steps in order, and the run's metrics are computeMetrics's", async () => {
  const events: string[] = [];
  const run = await runTraining(blobTable({ classes: 3, perClass: 30 }), FAST, { onStage: recorder(events) });
  try {
    const from = events.indexOf('metrics');
    const steps = events.slice(from + 1, events.indexOf('report'));
    assert.deepEqual(
      steps.filter((e, i) => steps[i - 1] !== e),
      ['knn-map', 'pca-baseline', 'silhouette', 'trustworthiness', 'knn-input'].map((s) => `metrics: ${s}`),
    );
    const rows = (part: string) => run.split.flatMap((s, r) => (s === part ? [r] : []));
    const expected = computeMetrics({
      coords: run.coords,
      input: run.input,
      labels: run.labels,
      train: rows('train'),
      holdout: rows('holdout'),
      seed: FAST.seed!,
    });
    assert.equal(JSON.stringify(run.metrics), JSON.stringify(expected));
  } finally {
    run.encoder.dispose();
  }
});

test('an abort during the metrics ends the run at that step, its tensors freed', async () => {
  await initBackend();
  const before = tf.memory().numTensors;
  const controller = new AbortController();
  const events: string[] = [];
  const record = recorder(events);
  const onStage = (stage: PipelineStage, step?: StageStep) => {
    record(stage, step);
    if (step?.name === 'pca-baseline') controller.abort();
  };
  await assert.rejects(runTraining(blobTable(), FAST, { signal: controller.signal, onStage }), {
    name: 'AbortError',
  });
  assert.equal(events.at(-1), 'metrics: pca-baseline', 'nothing after the step it was aborted at');
  assert.equal(tf.memory().numTensors, before);
});

test('a Stop during the training steps still gets the stopped map its metrics', async () => {
  const stop = new AbortController();
  const events: string[] = [];
  const run = await runTraining(
    blobTable(),
    { ...FAST, epochs: 20 },
    {
      stopSignal: stop.signal,
      onStage: recorder(events),
      onProgress: () => {
        stop.abort();
        return false;
      },
    },
  );
  try {
    assert.equal(run.report.training.stoppedReason, 'stopped');
    assert.ok(events.includes('metrics: knn-input') && events.includes('report'));
    for (const [name, value] of Object.entries(run.metrics)) assert.equal(typeof value, 'number', name);
  } finally {
    run.encoder.dispose();
  }
});
