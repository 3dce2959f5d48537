// The softmax classifier on the map (ivis's supervised mode) against values worked out by hand.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { oneHotRows } from '../../src/losses/center-loss.js';
import { classifierLoss, createClassifierHead } from '../../src/losses/classifier-loss.js';
import { TEST_BACKENDS } from '../train/backends.js';

const near = (actual: ArrayLike<number>, expected: number[], tolerance = 1e-5): void => {
  assert.equal(actual.length, expected.length);
  expected.forEach((v, i) => assert.ok(Math.abs(actual[i] - v) < tolerance, `[${i}] ${actual[i]} vs ${v}`));
};

for (const { name, load } of TEST_BACKENDS) {
  test(`${name}: a zero head gives every class the same chance, ln(classes)`, async () => {
    await load();
    const head = createClassifierHead(2, 3);
    const before = tf.memory().numTensors;
    const value = tf.tidy(() => {
      const e = tf.tensor2d([
        [1, 0],
        [0, 5],
      ]);
      return classifierLoss(e, oneHotRows(Int32Array.from([0, 2]), 3), head).dataSync()[0];
    });
    // softmax of (0, 0, 0) is 1/3 for every class: −ln(1/3) = ln 3 = 1.098612
    near([value], [1.098612]);
    assert.equal(tf.memory().numTensors, before);
    head.weights.dispose();
    head.bias.dispose();
  });

  test(`${name}: cross-entropy and its gradient for one labelled and one unlabelled row, by hand`, async () => {
    await load();
    const head = createClassifierHead(2, 2);
    head.weights.assign(
      tf.tensor2d([
        [1, 0],
        [0, 1],
      ]),
    );
    head.bias.assign(tf.tensor1d([0, 0.5]));
    const before = tf.memory().numTensors;
    const { value, gradient } = tf.tidy(() => {
      // row 0 (label 0): e = (2, 0), logits = e·I + b = (2, 0.5); ln(e² + e^0.5) = ln(7.389056 + 1.648721)
      // = ln 9.037777 = 2.201414, so −log softmax_0 = 2.201414 − 2 = 0.201414.
      // row 1 (label −1) adds nothing, and the mean is over the one labelled row: 0.201414.
      // d/de of row 0: W(p − y), p = (7.389056, 1.648721) / 9.037777 = (0.817574, 0.182426), y = (1, 0):
      // (−0.182426, 0.182426); row 1's gradient is 0.
      const e = tf.tensor2d([
        [2, 0],
        [1, 1],
      ]);
      const oneHot = oneHotRows(Int32Array.from([0, -1]), 2);
      const f = (x: tf.Tensor): tf.Scalar => classifierLoss(x as tf.Tensor2D, oneHot, head);
      return { value: f(e).dataSync()[0], gradient: tf.grad(f)(e).dataSync() };
    });
    near([value], [0.201414]);
    near(gradient, [-0.182426, 0.182426, 0, 0]);
    assert.equal(tf.memory().numTensors, before);
    head.weights.dispose();
    head.bias.dispose();
  });
}
