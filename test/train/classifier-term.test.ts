// Training with the softmax classifier on the map (classifierWeight, ivis's supervised mode): no tensor leak,
// seeded, weight 0 is the plain run, a positive weight changes it, and it does what it is for — classes whose
// cells sit apart in the map (silhouette), beside the neighbour-keeping terms too.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { silhouette } from '../../src/evaluate/index.js';
import { trainEncoder } from '../../src/train/train-encoder.js';
import type { TrainOptions } from '../../src/train/options.js';
import { blobs } from './blobs.js';
import { TEST_BACKENDS } from './backends.js';
import { assertSeededAndLeakFree, lossHistory } from './term-runs.js';

for (const { name, load } of TEST_BACKENDS) {
  test(`${name}: the classifier term trains without leaking tensors, reproducibly, beside the other terms`, async () => {
    await load();
    const { x, labels } = blobs(60, 5, 3, 2);
    const graph: TrainOptions = { graphWeight: 1, graphEdges: 32, graphWarmupSteps: 2, polishEpochs: 1 };
    await assertSeededAndLeakFree(x, labels, { classifierWeight: 1 }, [
      { sampler: 'semi-hard' },
      { sampler: 'random' },
      { sampler: 'batch-all' },
      { centerLossWeight: 0.1 },
      { ...graph, orderWeight: 1, classRatioWeight: 1 },
    ]);
  });

  test(`${name}: classifierWeight 0 is the plain run; a positive weight changes it`, async () => {
    await load();
    const { x, labels } = blobs(60, 5, 3, 4);
    const plain = await lossHistory(x, labels, {});
    assert.deepEqual(await lossHistory(x, labels, { classifierWeight: 0 }), plain);
    assert.notDeepEqual(await lossHistory(x, labels, { classifierWeight: 1 }), plain);
  });
}

test('beside the neighbour-keeping terms, the classifier term pulls overlapping classes apart (silhouette)', async () => {
  await TEST_BACKENDS[0].load();
  const { x, labels } = blobs(240, 12, 4, 11, 2);
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
