// Training with the within-class neighbour-order term (orderWeight) and the class-ratio term (classRatioWeight):
// no tensor leak, seeded, weight 0 is the plain run, and on classes with structure inside them the order term
// makes the map more trustworthy while the class-ratio term keeps its classes compact.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DenseMatrix } from '../../src/api/matrix.js';
import { silhouette, trustworthiness } from '../../src/evaluate/index.js';
import { trainEncoder } from '../../src/train/train-encoder.js';
import type { TrainOptions } from '../../src/train/options.js';
import { randomNormal, seededRandom } from '../../src/util/random.js';
import { blobs } from './blobs.js';
import { TEST_BACKENDS } from './backends.js';
import { assertSeededAndLeakFree, lossHistory } from './term-runs.js';

/** Three classes, each a noisy 2-D sheet (its own two directions) in 12-D: structure inside every class. */
function sheets(rows: number, seed: number): { x: DenseMatrix; labels: Int32Array } {
  const random = seededRandom(seed);
  const cols = 12;
  const direction = () => Array.from({ length: cols }, () => randomNormal(random));
  const classes = Array.from({ length: 3 }, () => ({ centre: direction(), u: direction(), v: direction() }));
  const labels = Int32Array.from({ length: rows }, (_, i) => i % 3);
  const data = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const { centre, u, v } = classes[labels[r]];
    const [s, t] = [2 * random() - 1, 2 * random() - 1];
    for (let c = 0; c < cols; c++) {
      data[r * cols + c] = 3 * centre[c] + 2 * s * u[c] + 2 * t * v[c] + 0.05 * randomNormal(random);
    }
  }
  return { x: { data, rows, cols }, labels };
}

for (const { name, load } of TEST_BACKENDS) {
  test(`${name}: the order term trains without leaking tensors, reproducibly, beside the graph term too`, async () => {
    await load();
    const { x, labels } = blobs(60, 5, 3, 2);
    await assertSeededAndLeakFree(x, labels, { orderWeight: 1, orderCandidates: 2 }, [
      { sampler: 'semi-hard' },
      { sampler: 'random' },
      { sampler: 'batch-all' },
      { graphWeight: 2, graphEdges: 32, graphWarmupSteps: 2 },
      { classRatioWeight: 1, graphWeight: 1, graphEdges: 32, graphWarmupSteps: 0 },
    ]);
  });

  test(`${name}: orderWeight 0 is the plain run (its other knobs unused); a positive weight changes it`, async () => {
    await load();
    const { x, labels } = blobs(60, 5, 3, 4);
    const plain = await lossHistory(x, labels, {});
    assert.deepEqual(
      await lossHistory(x, labels, { orderWeight: 0, orderRatio: 8, orderTriplets: 64 }),
      plain,
    );
    assert.notDeepEqual(await lossHistory(x, labels, { orderWeight: 1 }), plain);
    assert.deepEqual(await lossHistory(x, labels, { classRatioWeight: 0, classRatio: 3 }), plain);
    assert.notDeepEqual(await lossHistory(x, labels, { classRatioWeight: 1 }), plain);
  });
}

test('on classes with structure inside them the order term raises trustworthiness, the class-ratio term silhouette', async () => {
  await TEST_BACKENDS[0].load();
  const { x, labels } = sheets(240, 7);
  const measure = async (extra: TrainOptions) => {
    const options: TrainOptions = { preset: [32, 32], epochs: 15, batchSize: 32, patience: 0, ...extra };
    const encoder = await trainEncoder(x, labels, options);
    const map = encoder.embed(x);
    encoder.dispose();
    return { trust: trustworthiness(x, map, 10), silhouette: silhouette(map, labels) };
  };
  const off = await measure({});
  const order = await measure({ orderWeight: 2 });
  const both = await measure({ orderWeight: 2, classRatioWeight: 2 });
  const says = `off ${JSON.stringify(off)}, order ${JSON.stringify(order)}, both ${JSON.stringify(both)}`;
  assert.ok(order.trust > off.trust + 0.02, says);
  assert.ok(both.silhouette > order.silhouette + 0.02, says);
});
