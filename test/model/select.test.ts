// select is tf.where without the broadcasting copies: the same values and gradient, and shapes that need
// broadcasting still go through tf.where.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { select } from '../../src/model/select.js';
import { TEST_BACKENDS } from '../train/backends.js';

for (const { name, load } of TEST_BACKENDS) {
  test(`${name}: select gives tf.where's values and gradient, and broadcasts through it`, async () => {
    await load();
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const c = tf.tensor2d([true, false, true, false, false, true], [2, 3], 'bool');
      const a = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]);
      const b = tf.tensor2d([-1, -2, -3, -4, -5, -6], [2, 3]);
      assert.deepEqual(Array.from(select(c, a, b).dataSync()), [1, -2, 3, -4, -5, 6]);
      const [ga, gb] = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(select(c, x, y), 2)))([a, b]);
      assert.deepEqual(Array.from(ga.dataSync()), [2, 0, 2, 0, 0, 2]);
      assert.deepEqual(Array.from(gb.dataSync()), [0, 2, 0, 2, 2, 0]);
      const row = tf.tensor1d([7, 8, 9]);
      assert.deepEqual(
        Array.from(select(c, a, row as unknown as tf.Tensor2D).dataSync()),
        [1, 8, 3, 7, 8, 6],
      );
    });
    assert.equal(tf.memory().numTensors, before);
  });
}
