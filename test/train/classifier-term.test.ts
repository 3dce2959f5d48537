// Training with the softmax classifier on the map (classifierWeight, ivis's supervised mode): no tensor leak,
// seeded, weight 0 is the plain run, a positive weight changes it, and it does what it is for — classes whose
// cells sit apart in the map (silhouette), beside the neighbour-keeping terms too.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import type { DenseMatrix } from '../../src/api/matrix.js';
import { silhouette } from '../../src/evaluate/index.js';
import { trainEncoder } from '../../src/train/train-encoder.js';
import type { TrainOptions } from '../../src/train/options.js';
import { randomNormal, seededRandom } from '../../src/util/random.js';
import { blobs } from './blobs.js';
import { TEST_BACKENDS } from './backends.js';

const small: TrainOptions = { preset: [16, 16], epochs: 2, batchSize: 24, patience: 0, neighbours: 5 };

async function losses(x: DenseMatrix, labels: Int32Array, options: TrainOptions): Promise<number[]> {
  const encoder = await trainEncoder(x, labels, { ...small, ...options });
  const out = encoder.history.map((h) => h.loss);
  encoder.dispose();
  return out;
}

/** Gaussian classes whose centres are drawn with twice the noise's spread: close enough to share some neighbours. */
function overlappingClasses(rows: number, cols: number, classes: number, seed: number) {
  const random = seededRandom(seed);
  const centres = Array.from({ length: classes }, () =>
    Array.from({ length: cols }, () => 2 * randomNormal(random)),
  );
  const labels = Int32Array.from({ length: rows }, (_, i) => i % classes);
  const data = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) data[r * cols + c] = centres[labels[r]][c] + randomNormal(random);
  return { x: { data, rows, cols }, labels };
}

for (const { name, load } of TEST_BACKENDS) {
  test(`${name}: the classifier term trains without leaking tensors, reproducibly, beside the other terms`, async () => {
    await load();
    const { x, labels } = blobs(60, 5, 3, 2);
    (await trainEncoder(x, labels, { ...small, classifierWeight: 1, epochs: 1 })).dispose();
    const start = tf.memory().numTensors;
    for (const extra of [
      { sampler: 'semi-hard' },
      { sampler: 'random' },
      { sampler: 'batch-all' },
      { centerLossWeight: 0.1 },
      {
        orderWeight: 1,
        classRatioWeight: 1,
        graphWeight: 1,
        graphEdges: 32,
        graphWarmupSteps: 2,
        polishEpochs: 1,
      },
    ] as TrainOptions[]) {
      const runs = [];
      for (let r = 0; r < 2; r++) runs.push(await losses(x, labels, { ...extra, classifierWeight: 1 }));
      assert.ok(runs[0].every(Number.isFinite), `${JSON.stringify(extra)}: ${runs[0]}`);
      assert.deepEqual(runs[0], runs[1], `${JSON.stringify(extra)}: same seed, same losses`);
    }
    assert.equal(tf.memory().numTensors, start);
  });

  test(`${name}: classifierWeight 0 is the plain run; a positive weight changes it`, async () => {
    await load();
    const { x, labels } = blobs(60, 5, 3, 4);
    const plain = await losses(x, labels, {});
    assert.deepEqual(await losses(x, labels, { classifierWeight: 0 }), plain);
    assert.notDeepEqual(await losses(x, labels, { classifierWeight: 1 }), plain);
  });
}

test('beside the neighbour-keeping terms, the classifier term pulls overlapping classes apart (silhouette)', async () => {
  await TEST_BACKENDS[0].load();
  const { x, labels } = overlappingClasses(240, 12, 4, 11);
  const measure = async (extra: TrainOptions) => {
    const options: TrainOptions = { preset: [32, 32], epochs: 15, batchSize: 32, patience: 0, ...extra };
    const encoder = await trainEncoder(x, labels, options);
    const map = encoder.embed(x);
    encoder.dispose();
    return silhouette(map, labels);
  };
  // the setting the term is for (bench/README.md): the graph and order terms pull cells towards their input
  // neighbours, whatever their class; the classifier pulls the classes back apart
  const base: TrainOptions = { graphWeight: 1, graphWarmupSteps: 20, orderWeight: 3, classRatioWeight: 2 };
  const off = await measure(base);
  const on = await measure({ ...base, classifierWeight: 3 });
  assert.ok(on > off + 0.01, `silhouette off ${off}, on ${on}`);
});
