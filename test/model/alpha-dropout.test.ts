// AlphaDropout's mask is drawn as one byte an element and expanded on the backend: it must keep exactly the
// elements the float draws kept before (seeded runs keep their numbers) and give the unfolded form's values.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { alphaDropoutMasks, applyDropout, dropoutScale } from '../../src/model/alpha-dropout.js';
import { randomNormal, seededRandom } from '../../src/util/random.js';
import { TEST_BACKENDS } from '../train/backends.js';

const SELU_ALPHA_PRIME = -1.7580993408473766;

for (const { name, load } of TEST_BACKENDS) {
  test(`${name}: the mask keeps the elements whose draw is ≥ rate, and the layer's values are the unfolded form's`, async () => {
    await load();
    const before = tf.memory().numTensors;
    const [rows, cols, rate] = [40, 30, 0.2];
    const draws = new Float64Array(rows * cols);
    seededRandom(12).fill(draws);
    const random = seededRandom(12);
    tf.tidy(() => {
      const masks = alphaDropoutMasks(rows, cols, rate, random);
      const keep = masks.keep.dataSync();
      assert.deepEqual(
        Array.from(keep),
        Array.from(draws, (d) => (d >= rate ? 1 : 0)),
      );
      // the unfolded AlphaDropout in float32: kept a·x + b, dropped a·α' + b
      const f = Math.fround;
      const a64 = 1 / Math.sqrt((1 - rate) * (1 + rate * SELU_ALPHA_PRIME * SELU_ALPHA_PRIME));
      const [a, b] = [f(a64), f(-a64 * SELU_ALPHA_PRIME * rate)];
      const normal = seededRandom(4);
      const x = Float32Array.from({ length: rows * cols }, () => randomNormal(normal));
      const expected = Array.from(x, (v, i) =>
        draws[i] >= rate ? f(f(v * a) + b) : f(f(f(SELU_ALPHA_PRIME) * a) + b),
      );
      const out = applyDropout(tf.tensor2d(x, [rows, cols]), masks).dataSync();
      assert.deepEqual(Array.from(out), expected);
      const scale = dropoutScale(masks).dataSync();
      assert.deepEqual(
        Array.from(scale),
        Array.from(draws, (d) => (d >= rate ? a : 0)),
      );
    });
    const after = seededRandom(12);
    after.fill(new Float64Array(rows * cols));
    assert.equal(random(), after(), 'one draw an element, then the sequence goes on');
    assert.equal(tf.memory().numTensors, before);
  });
}
