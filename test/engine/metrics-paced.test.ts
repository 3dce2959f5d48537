/**
 * The metrics stage's steps (`pace`): the metrics said nothing for ~38 s at 10⁵ cells. With a pace, the stage
 * says each step before it runs, in one order in this thread and on the workers, counts the input-space
 * search by held-out cells, keeps computeMetrics's values bit for bit, and ends where the pace throws.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { DenseMatrix } from '../../src/api/matrix.js';
import type { StageStep } from '../../src/api/stage-step.js';
import { indexLabels } from '../../src/data/label-index.js';
import { computeMetrics, type MetricInputs } from '../../src/engine/metrics.js';
import { computeMetricsThreaded } from '../../src/engine/metrics-threaded.js';
import { stratifiedSplit } from '../../src/evaluate/index.js';
import { randomNormal, seededRandom } from '../../src/util/random.js';
import { useCpuBackend } from '../preprocess/helpers.js';

before(useCpuBackend);

function clustered(codes: Int32Array, cols: number, seed: number): DenseMatrix {
  const random = seededRandom(seed);
  const centres = Array.from({ length: 4 * cols }, () => randomNormal(random));
  const data = Float32Array.from({ length: codes.length * cols }, (_, i) => {
    const code = Math.max(0, codes[Math.floor(i / cols)]);
    return centres[code * cols + (i % cols)] + randomNormal(random);
  });
  return { data, rows: codes.length, cols };
}

/** 2 500 cells of 4 classes (a few unlabelled), a 20-column input (the wide search) and a 2-D map. */
function inputs(): MetricInputs {
  const random = seededRandom(5);
  const text = Array.from({ length: 2500 }, (_, r) => (r % 40 === 0 ? '' : 'abcd'[Math.floor(random() * 4)]));
  const index = indexLabels(text);
  const split = stratifiedSplit(index.indices, 0.25, seededRandom(1));
  return {
    coords: clustered(index.indices, 2, 2),
    input: clustered(index.indices, 20, 3),
    labels: index.indices,
    train: split.train,
    holdout: split.holdout,
    seed: 4,
  };
}

const ORDER = ['knn-map', 'pca-baseline', 'silhouette', 'trustworthiness', 'knn-input'];

test('the paced metrics say their steps in order and keep the values bit for bit, in this thread and on workers', async () => {
  const m = inputs();
  const expected = JSON.stringify(computeMetrics(m));
  for (const threads of [1, 2]) {
    const steps: StageStep[] = [];
    const pace = (step: StageStep) => {
      steps.push({ ...step });
      return Promise.resolve();
    };
    const metrics = await computeMetricsThreaded(m, { threads, minRows: 0, pace, querySlice: 256 });
    assert.equal(JSON.stringify(metrics), expected, `${threads} thread(s): the same metrics`);
    const names = steps.map((s) => s.name).filter((name, i, all) => all[i - 1] !== name);
    assert.deepEqual(names, ORDER, `${threads} thread(s): each step once, in order`);
    // the input-space search counted by held-out cells, one pause a slice of 256
    const counts = steps.filter((s) => s.name === 'knn-input');
    assert.deepEqual(
      counts.map((s) => [s.done, s.total]),
      [0, 256, 512].map((done) => [done, m.holdout.length]),
    );
  }
});

test('a pace that throws ends the metrics there, on workers and in this thread', async () => {
  for (const threads of [1, 2]) {
    const seen: string[] = [];
    const pace = (step: StageStep) => {
      seen.push(step.name);
      return step.name === 'silhouette' ? Promise.reject(new Error('stop here')) : Promise.resolve();
    };
    await assert.rejects(computeMetricsThreaded(inputs(), { threads, minRows: 0, pace }), /stop here/);
    assert.deepEqual(seen, ['knn-map', 'pca-baseline', 'silhouette'], `${threads} thread(s)`);
  }
});
