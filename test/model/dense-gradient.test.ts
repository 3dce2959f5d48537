// The custom-gradient dense layer (explicit transpose + plain matMul) must give the stock layer's gradients.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { dense, defaultDenseGradient } from '../../src/model/dense-gradient.js';
import { seededRandom, randomNormal } from '../../src/util/random.js';
import { TEST_BACKENDS } from '../train/backends.js';

const values = (n: number, seed: number): Float32Array => {
  const random = seededRandom(seed);
  return Float32Array.from({ length: n }, () => randomNormal(random));
};

for (const { name, load } of TEST_BACKENDS) {
  test(`${name}: custom dense gradient equals the stock layer's (x, W, b), and the forward pass too`, async () => {
    await load();
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const x = tf.tensor2d(values(7 * 5, 1), [7, 5]);
      const w = tf.tensor2d(values(5 * 4, 2), [5, 4]);
      const b = tf.tensor1d(values(4, 3));
      const target = tf.tensor2d(values(7 * 4, 4), [7, 4]);
      // a non-trivial downstream function so dy is not all ones
      const loss = (mode: 'custom' | 'stock') => (xi: tf.Tensor, wi: tf.Tensor, bi: tf.Tensor) =>
        tf.sum(
          tf.square(
            tf.sub(tf.selu(dense(xi as tf.Tensor2D, wi as tf.Tensor2D, bi as tf.Tensor1D, mode)), target),
          ),
        );
      const stock = tf.grads(loss('stock'))([x, w, b]);
      const custom = tf.grads(loss('custom'))([x, w, b]);
      stock.forEach((g, i) => {
        const diff = tf.max(tf.abs(tf.sub(g, custom[i]))).dataSync()[0];
        const scale = tf.max(tf.abs(g)).dataSync()[0];
        assert.ok(scale > 0 && diff <= 1e-5 * Math.max(1, scale), `gradient ${i}: max diff ${diff}`);
      });
      const fwd = tf.max(tf.abs(tf.sub(dense(x, w, b, 'stock'), dense(x, w, b, 'custom')))).dataSync()[0];
      assert.ok(fwd < 1e-5);
    });
    assert.equal(tf.memory().numTensors, before, 'no tensors leak from the custom gradient');
  });

  test(`${name}: with inputNeedsGradient false the weight gradients are unchanged`, async () => {
    await load();
    tf.tidy(() => {
      const x = tf.tensor2d(values(6 * 3, 5), [6, 3]);
      const w = tf.tensor2d(values(3 * 2, 6), [3, 2]);
      const b = tf.tensor1d(values(2, 7));
      const f = (skip: boolean) => (wi: tf.Tensor, bi: tf.Tensor) =>
        tf.sum(tf.square(dense(x, wi as tf.Tensor2D, bi as tf.Tensor1D, 'custom', !skip)));
      const [gw1, gb1] = tf.grads(f(false))([w, b]);
      const [gw2, gb2] = tf.grads(f(true))([w, b]);
      assert.ok(tf.max(tf.abs(tf.sub(gw1, gw2))).dataSync()[0] < 1e-6);
      assert.ok(tf.max(tf.abs(tf.sub(gb1, gb2))).dataSync()[0] < 1e-6);
    });
  });
}

test('the custom path is the default on wasm and tensorflow, not on cpu', () => {
  assert.equal(defaultDenseGradient('wasm'), 'custom');
  assert.equal(defaultDenseGradient('cpu'), 'stock');
  assert.equal(defaultDenseGradient('tensorflow'), 'custom');
});
