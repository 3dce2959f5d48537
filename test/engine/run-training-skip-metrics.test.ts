/**
 * A second Stop skips the metrics: a Stop during the epochs ends them and leaves the map's metrics to compute
 * (minutes at 10⁵ cells), and the page's Skip metrics then sends `skipSignal`, which skips the metrics not yet
 * computed as a Stop during the metrics stage does. The stability check's second fit (a whole training run)
 * is part of the metrics stage: a Stop during it ends it, and the report says it was not computed. Order of
 * events only, no timing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src/backend/index.js';
import type { StageStep } from '../../src/api/stage-step.js';
import { runTraining, STABILITY_SKIPPED } from '../../src/engine/run-training.js';
import { SKIPPED_NOTE } from '../../src/engine/training-report.js';
import type { PipelineStage, TrainSettings } from '../../src/engine/types.js';
import { blobTable } from './helpers.js';

const SETTINGS: TrainSettings = { labelColumn: 'cell_type', epochs: 20, seed: 7 };

/** Each stage event as 'stage' or 'stage: step'. */
function recorder(events: string[]) {
  return (stage: PipelineStage, step?: StageStep) =>
    void events.push(step ? `${stage}: ${step.name}` : stage);
}

test('a second Stop during the metrics of an epochs-stopped run skips the metrics not yet computed', async () => {
  await initBackend();
  const before = tf.memory().numTensors;
  const stop = new AbortController();
  const skip = new AbortController();
  const events: string[] = [];
  const record = recorder(events);
  const run = await runTraining(blobTable(), SETTINGS, {
    stopSignal: stop.signal,
    skipSignal: skip.signal,
    onStage: (stage, step) => {
      record(stage, step);
      if (step?.name === 'silhouette') skip.abort();
    },
    onProgress: () => {
      stop.abort(); // the first Stop, during the epochs
      return false;
    },
  });
  try {
    assert.equal(run.report.training.stoppedReason, 'stopped');
    const steps = events.filter((e) => e.startsWith('metrics: '));
    assert.equal(steps.at(-1), 'metrics: silhouette', 'no step after the second Stop');
    assert.ok(events.includes('report'));
    const m = run.metrics;
    assert.ok(typeof m.knn_holdout === 'number' && typeof m.knn_holdout_pca === 'number', JSON.stringify(m));
    for (const metric of ['silhouette', 'trustworthiness', 'knn_holdout_input'] as const) {
      assert.equal(m[metric], null, metric);
      assert.equal(run.report.metricNotes?.[metric], SKIPPED_NOTE, metric);
    }
    assert.notEqual(run.report.metricNotes?.knn_holdout, SKIPPED_NOTE);
  } finally {
    run.encoder.dispose();
  }
  assert.equal(tf.memory().numTensors, before);
});

test("a Stop during the stability check's fit ends it, said not computed; without one it is computed", async () => {
  await initBackend();
  const before = tf.memory().numTensors;
  const stop = new AbortController();
  const events: string[] = [];
  const record = recorder(events);
  const settings = { ...SETTINGS, epochs: 3, stability: true };
  const run = await runTraining(blobTable(), settings, {
    stopSignal: stop.signal,
    onStage: (stage, step) => {
      record(stage, step);
      if (step?.name === 'stability') stop.abort();
    },
  });
  try {
    assert.ok(events.includes('metrics: stability'), events.join(', '));
    assert.equal(run.report.training.stoppedReason === 'stopped', false, 'the epochs were not stopped');
    assert.equal(run.report.stability, undefined);
    assert.ok(run.report.warnings.includes(STABILITY_SKIPPED), run.report.warnings.join('\n'));
    assert.equal(STABILITY_SKIPPED, `Stability check: ${SKIPPED_NOTE}`);
    // the Stop came in the metrics stage: its metrics are skipped too
    assert.ok(
      Object.values(run.metrics).every((v) => v === null),
      JSON.stringify(run.metrics),
    );
  } finally {
    run.encoder.dispose();
  }
  assert.equal(tf.memory().numTensors, before);
  const whole = await runTraining(blobTable(), settings);
  try {
    assert.equal(typeof whole.report.stability?.disparity, 'number');
    assert.ok(!whole.report.warnings.includes(STABILITY_SKIPPED));
  } finally {
    whole.encoder.dispose();
  }
});

test("a second Stop ends the stability check's fit of an epochs-stopped run", async () => {
  const stop = new AbortController();
  const skip = new AbortController();
  const events: string[] = [];
  const record = recorder(events);
  const run = await runTraining(
    blobTable(),
    { ...SETTINGS, stability: true },
    {
      stopSignal: stop.signal,
      skipSignal: skip.signal,
      onStage: (stage, step) => {
        record(stage, step);
        if (step?.name === 'stability') skip.abort();
      },
      onProgress: () => {
        stop.abort();
        return false;
      },
    },
  );
  try {
    assert.equal(run.report.training.stoppedReason, 'stopped');
    assert.equal(run.report.stability, undefined);
    assert.ok(run.report.warnings.includes(STABILITY_SKIPPED), run.report.warnings.join('\n'));
    assert.deepEqual(
      events.filter((e) => e.startsWith('metrics: ')),
      ['metrics: stability'],
      'no metric after the second Stop',
    );
  } finally {
    run.encoder.dispose();
  }
});
