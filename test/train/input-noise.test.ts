// The trainer's inputNoise (the engine's evidenceNoise): Gaussian noise on chosen input columns of each training
// batch. The draw itself: only those columns move, by the given sd, from the seeded stream. In training: the same
// seed gives the same run, the noise changes the run, nothing leaks, and a wrong width is refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { addInputNoise } from '../../src/train/input-noise.js';
import { trainEncoder } from '../../src/train/train-encoder.js';
import { seededRandom } from '../../src/util/random.js';
import { blobs } from './blobs.js';
import { TEST_BACKENDS } from './backends.js';
import { assertSeededAndLeakFree, lossHistory } from './term-runs.js';

test('addInputNoise moves only the columns with an sd, by that sd, and draws from the stream it is given', async () => {
  await tf.setBackend('cpu');
  const rows = 4000;
  const xb = tf.tidy(() => tf.fill([rows, 3], 2) as tf.Tensor2D);
  const sd = Float32Array.from([0, 0.5, 3]);
  const start = tf.memory().numTensors;
  const noisy = addInputNoise(xb, { sd, random: seededRandom(7) });
  const values = noisy.dataSync();
  const again = addInputNoise(xb, { sd, random: seededRandom(7) });
  assert.deepEqual(again.dataSync(), values);
  noisy.dispose();
  again.dispose();
  assert.equal(tf.memory().numTensors, start);
  const column = (c: number) => Array.from({ length: rows }, (_, r) => values[r * 3 + c]);
  assert.ok(column(0).every((v) => v === 2));
  for (const [c, expected] of [
    [1, 0.5],
    [2, 3],
  ]) {
    const v = column(c);
    const mean = v.reduce((a, b) => a + b, 0) / rows;
    const spread = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / rows);
    // 4 000 draws: the sample mean is within 4 standard errors of 2, the sample sd within 5 % of the sd
    assert.ok(Math.abs(mean - 2) < (4 * expected) / Math.sqrt(rows), `column ${c} mean ${mean}`);
    assert.ok(Math.abs(spread / expected - 1) < 0.05, `column ${c} sd ${spread}`);
  }
  assert.equal(addInputNoise(xb, { sd: new Float32Array(3), random: seededRandom(7) }), xb);
  xb.dispose();
});

for (const { name, load } of TEST_BACKENDS) {
  test(`${name}: inputNoise is seeded, changes the run, leaves no tensor behind; a wrong width is refused`, async () => {
    await load();
    const { x, labels } = blobs(60, 6, 3, 5);
    const inputNoise = Float32Array.from([0, 0, 0, 0, 1, 1]);
    const plain = await lossHistory(x, labels, {});
    const noisy = await lossHistory(x, labels, { inputNoise });
    assert.ok(noisy.every(Number.isFinite));
    assert.notDeepEqual(noisy, plain);
    assert.deepEqual(await lossHistory(x, labels, { inputNoise: new Float32Array(6) }), plain);
    await assertSeededAndLeakFree(x, labels, { inputNoise }, [{}, { graphWeight: 1, graphEdges: 32 }]);
    await assert.rejects(
      trainEncoder(x, labels, { epochs: 1, inputNoise: new Float32Array(5) }),
      /inputNoise has 5 columns for 6 input columns/,
    );
  });
}
