// The within-class neighbour-order loss (orderWeight): values and gradients worked out by hand, the nearest
// of several negative candidates, and agreement with the same formula written as tensor ops under autodiff.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { hostOrderLoss, ORDER_EPS, orderLossAndGradient } from '../../src/losses/host-order-loss.js';
import { randomNormal, seededRandom } from '../../src/util/random.js';
import { TEST_BACKENDS } from '../train/backends.js';

const close = (a: number, b: number, tol = 1e-6): boolean => Math.abs(a - b) <= tol;

test('order loss: one active triplet, by hand', () => {
  // a = 0, p = (1,0,0), n = (2,0,0), ratio 4: ln 1 − ln 2 + ln 4 = ln 2 (eps shifts it by ~1e-6)
  const e = Float32Array.from([0, 0, 0, 1, 0, 0, 2, 0, 0]);
  const { value, active, grad } = orderLossAndGradient(e, 1, 3, 4);
  const expected = 0.5 * (Math.log(1 + ORDER_EPS) - Math.log(4 + ORDER_EPS)) + Math.log(4);
  assert.ok(close(value, expected, 1e-12) && close(value, Math.log(2), 1e-5), `${value}`);
  assert.equal(active, 1);
  // ∂/∂a = (a − p)/|a − p|² − (a − n)/|a − n|² = −1 + 2/4 = −0.5; ∂/∂p = +1; ∂/∂n = −2/4 = −0.5 (x only)
  const want = [-0.5, 0, 0, 1, 0, 0, -0.5, 0, 0];
  want.forEach((w, i) => assert.ok(close(grad[i], w, 1e-5), `grad[${i}] = ${grad[i]}, want ${w}`));
});

test('order loss: a triplet already ordered by the ratio is inactive', () => {
  // d(a,n) / d(a,p) = 2 ≥ ratio 1.5: ln 1 − ln 2 + ln 1.5 < 0
  const e = Float32Array.from([0, 0, 0, 1, 0, 0, 2, 0, 0]);
  const { value, active, grad } = orderLossAndGradient(e, 1, 3, 1.5);
  assert.equal(value, 0);
  assert.equal(active, 0);
  assert.ok(grad.every((g) => g === 0));
});

test('order loss: the candidate nearest the anchor is the negative', () => {
  // two triplets, two candidates each: rows [a0 a1 | p0 p1 | c0 c1 | c0' c1'] in 2-D
  // triplet 0: p at 1, candidates at 3 and 2 → the second (distance 2) is used: ln 1 − ln 2 + ln 4 = ln 2
  // triplet 1: p at 1, candidates at 1.5 and 5 → the first: ln 1 − ln 1.5 + ln 4
  const e = Float32Array.from([0, 0, 10, 0, 1, 0, 11, 0, 3, 0, 11.5, 0, 0, 2, 15, 0]);
  const { value, active, grad } = orderLossAndGradient(e, 2, 2, 4);
  assert.equal(active, 2);
  assert.ok(close(value, (Math.log(2) + Math.log(4 / 1.5)) / 2, 1e-5), `${value}`);
  // the unused candidates get no gradient
  assert.ok(close(grad[4 * 2], 0) && close(grad[4 * 2 + 1], 0), 'first candidate of triplet 0');
  assert.ok(close(grad[7 * 2], 0) && close(grad[7 * 2 + 1], 0), 'second candidate of triplet 1');
  // the used candidate of triplet 0 at (0,2): (a − n)/|a − n|² / U = (0,−2)/4/2
  assert.ok(close(grad[6 * 2 + 1], -0.25, 1e-5), `${grad[6 * 2 + 1]}`);
});

for (const { name, load } of TEST_BACKENDS) {
  test(`${name}: host order loss equals the formula under autodiff`, async () => {
    await load();
    const U = 30;
    const DIMS = 3;
    const random = seededRandom(5);
    const values = Float32Array.from({ length: 3 * U * DIMS }, () => randomNormal(random));
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const e = tf.tensor2d(values, [3 * U, DIMS]);
      const ratio = 2;
      const reference = (x: tf.Tensor) => {
        const role = (k: number) => tf.slice(x as tf.Tensor2D, [k * U, 0], [U, DIMS]);
        const sq = (a: tf.Tensor2D, b: tf.Tensor2D) => tf.add(tf.sum(tf.square(tf.sub(a, b)), 1), ORDER_EPS);
        const v = tf.add(
          tf.mul(0.5, tf.sub(tf.log(sq(role(0), role(1))), tf.log(sq(role(0), role(2))))),
          Math.log(ratio),
        );
        return tf.mean(tf.relu(v));
      };
      let active = -1;
      const host = (x: tf.Tensor) => {
        const r = hostOrderLoss(x as tf.Tensor2D, U, ratio);
        active = r.active;
        return r.loss;
      };
      const ref = tf.valueAndGrads(reference)([e]);
      const got = tf.valueAndGrads(host)([e]);
      assert.ok(active > 0 && active < U, `the case mixes active and inactive triplets (${active})`);
      assert.ok(Math.abs(ref.value.dataSync()[0] - got.value.dataSync()[0]) < 1e-5);
      const diff = tf.max(tf.abs(tf.sub(ref.grads[0], got.grads[0]))).dataSync()[0];
      assert.ok(diff < 1e-4, `gradient differs by ${diff}`);
    });
    assert.equal(tf.memory().numTensors, before);
  });
}

test('order loss: a non-finite embedding shows as NaN (the trainer stops on it)', () => {
  const e = tf.tensor2d([0, 0, Number.NaN, 0, 2, 0], [3, 2]);
  const { loss } = hostOrderLoss(e, 1, 4);
  assert.ok(Number.isNaN(loss.dataSync()[0]));
  tf.dispose([e, loss]);
});
