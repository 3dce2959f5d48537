// Parametric UMAP's cross-entropy against values worked out by hand (the arithmetic is in the comments).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { umapCrossEntropy, UMAP_A, UMAP_B } from '../../src/losses/umap-loss.js';
import { TEST_BACKENDS } from '../train/backends.js';

/** Heads h0 = (0,0), h1 = (1,0) and tails t0 = (0,1), t1 = (3,0): the two edges the hand computations use. */
function twoEdges(): { heads: tf.Tensor2D; tails: tf.Tensor2D } {
  return {
    heads: tf.tensor2d([
      [0, 0],
      [1, 0],
    ]),
    tails: tf.tensor2d([
      [0, 1],
      [3, 0],
    ]),
  };
}

for (const { name, load } of TEST_BACKENDS) {
  test(`${name}: UMAP cross-entropy of two edges and one negative sample each, by hand`, async () => {
    await load();
    const before = tf.memory().numTensors;
    const value = tf.tidy(() => {
      // a = b = 1, so q(s) = 1 / (1 + s) for squared map distance s.
      // heads h0 = (0,0), h1 = (1,0); tails t0 = (0,1), t1 = (3,0).
      // edges: s(h0,t0) = 1 → −log q = log 2 = 0.693147; s(h1,t1) = 4 → log 5 = 1.609438.
      // negatives, shift 1: (h0,t1) s = 9 → −log(1 − 1/10) = log(10/9) = 0.105361;
      //                     (h1,t0) s = 1 + 1 = 2 → −log(1 − 1/3) = log 1.5 = 0.405465.
      // mean over the 4 pairs: 2.813411 / 4 = 0.703353
      const { heads, tails } = twoEdges();
      return umapCrossEntropy(heads, tails, [1], { a: 1, b: 1 }).dataSync()[0];
    });
    assert.ok(Math.abs(value - 0.703353) < 1e-5, `${value}`);
    assert.equal(tf.memory().numTensors, before);
  });

  test(`${name}: UMAP cross-entropy with umap-learn's a, b and a pair closer than min_dist`, async () => {
    await load();
    const before = tf.memory().numTensors;
    const { value, grad } = tf.tidy(() => {
      // one edge whose ends coincide (s = 0, floored to 0.01) and, shift 1 of a single edge = itself, one
      // negative on the same pair: u = log a + b log 0.01 = 0.455488 − 4.121908 = −3.666419;
      // −log q = softplus(u) = log(1 + e^u) = 0.025246; −log(1 − q) = softplus(−u) = 3.691666.
      // mean (0.025246 + 3.691666) / 2 = 1.858456; below the floor the gradient is 0, not NaN.
      const heads = tf.variable(tf.tensor2d([[0.5, 0.5]]));
      const tails = tf.tensor2d([[0.5, 0.5]]);
      const f = () => umapCrossEntropy(heads, tails, [1]);
      const { value, grads } = tf.variableGrads(f, [heads]);
      const out = { value: value.dataSync()[0], grad: Array.from(grads[heads.name].dataSync()) };
      heads.dispose();
      return out;
    });
    const u = Math.log(UMAP_A) + UMAP_B * Math.log(0.01);
    assert.ok(Math.abs(u - -3.666419) < 1e-5, `u ${u}`);
    assert.ok(Math.abs(value - 1.858456) < 1e-4, `${value}`);
    assert.deepEqual(grad, [0, 0]);
    assert.equal(tf.memory().numTensors, before);
  });
}

for (const { name, load } of TEST_BACKENDS) {
  test(`${name}: UMAP cross-entropy with uniform negatives: their pairs by hand, and only the head moves`, async () => {
    await load();
    const before = tf.memory().numTensors;
    const { heads, tails } = twoEdges();
    const negatives = tf.tensor2d([
      [0, 2],
      [1, 1],
    ]);
    const curve = { a: 1, b: 1 };
    const loss = (h: tf.Tensor2D, t: tf.Tensor2D, n: tf.Tensor2D) => umapCrossEntropy(h, t, [1], curve, n);
    // q(s) = 1 / (1 + s): edges as the first test, log 2 + log 5 = 2.302585; negatives, shift 1:
    // (h0, n1) s = 2 → log 1.5 = 0.405465; (h1, n0) s = 1 + 4 = 5 → −log(1 − 1/6) = log 1.2 = 0.182322.
    // mean over the 4 pairs: 2.890372 / 4 = 0.722593
    const v = tf.tidy(() => loss(heads, tails, negatives).dataSync()[0]);
    assert.ok(Math.abs(v - 0.722593) < 1e-5, `${v}`);
    const [dHeads, dTails, dNegatives] = tf.grads((h, t, n) =>
      loss(h as tf.Tensor2D, t as tf.Tensor2D, n as tf.Tensor2D),
    )([heads, tails, negatives]);
    assert.deepEqual(Array.from(dNegatives.dataSync()), [0, 0, 0, 0], 'the negatives do not move');
    assert.ok(
      dHeads.dataSync().some((g) => g !== 0),
      'the heads move',
    );
    assert.ok(
      dTails.dataSync().some((g) => g !== 0),
      'the tails move (their edge pulls them)',
    );
    tf.dispose([heads, tails, negatives, dHeads, dTails, dNegatives]);
    assert.equal(tf.memory().numTensors, before);
  });
}
