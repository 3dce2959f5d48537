// SELU from elu/relu/step (src/model/selu-slope.ts, the wasm path) gives tf.selu's value and autodiff's
// gradient within float32 rounding, on both sides of 0, at 0 itself and far out, on every test backend.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { seluWithSlope } from '../../src/model/selu-slope.js';
import { TEST_BACKENDS } from '../train/backends.js';

const Z = [-30, -5, -1, -0.5, -1e-3, -1e-7, -0, 0, 1e-7, 1e-3, 0.5, 1, 5, 30];

for (const { name, load } of TEST_BACKENDS) {
  test(`${name}: SELU and its slope from elu, relu and step equal tf.selu and its gradient`, async () => {
    await load();
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const z = tf.tensor2d([...Z, ...Z.map((v) => v * 0.37)], [2, Z.length]);
      const { value, slope } = seluWithSlope(z);
      const expected = tf.selu(z).dataSync();
      const expectedSlope = tf
        .grad((t: tf.Tensor) => tf.sum(tf.selu(t)))(z)
        .dataSync();
      const [got, gotSlope] = [value.dataSync(), slope.dataSync()];
      for (let i = 0; i < got.length; i++) {
        const close = (a: number, b: number) => Math.abs(a - b) <= 4e-7 * Math.max(1, Math.abs(b));
        assert.ok(close(got[i], expected[i]), `selu(${z.dataSync()[i]}): ${got[i]} vs ${expected[i]}`);
        assert.ok(
          close(gotSlope[i], expectedSlope[i]),
          `slope at ${z.dataSync()[i]}: ${gotSlope[i]} vs ${expectedSlope[i]}`,
        );
      }
      // the two branches: exactly λ above 0, λα·eᶻ below (λα at 0, as autodiff's z > 0 test has it)
      assert.equal(gotSlope[Z.indexOf(1)], Math.fround(1.0507009873554805));
      assert.equal(gotSlope[Z.indexOf(0)], Math.fround(1.7580993408473766));
      // the same bits as the six-kernel form it replaced, λ·step + λα·(e − r + 1 − step)
      const r = tf.relu(z);
      const below = tf.sub(tf.elu(z), r);
      const above = tf.step(z);
      const sixKernels = tf
        .add(tf.mul(above, 1.0507009873554805), tf.mul(tf.sub(tf.add(below, 1), above), 1.7580993408473766))
        .dataSync();
      assert.ok(
        gotSlope.every((v, i) => Object.is(v, sixKernels[i])),
        'the slope differs from the six-kernel form in some bit',
      );
    });
    assert.equal(tf.memory().numTensors, before);
  });
}

for (const { name, load } of TEST_BACKENDS) {
  test(`${name}: with AlphaDropout's multiplier folded in, a·selu and a·selu' to float32 rounding`, async () => {
    await load();
    tf.tidy(() => {
      const z = tf.tensor2d([...Z, ...Z.map((v) => v * 0.37)], [2, Z.length]);
      const a = Math.fround(0.9035); // a rate-0.1 AlphaDropout multiplier, roughly
      const plain = seluWithSlope(z);
      const folded = seluWithSlope(z, a);
      const pairs = [
        [plain.value.dataSync(), folded.value.dataSync()],
        [plain.slope.dataSync(), folded.slope.dataSync()],
      ];
      for (const [p, q] of pairs) {
        for (let i = 0; i < p.length; i++) {
          assert.ok(Math.abs(p[i] * a - q[i]) <= 5e-7 * Math.max(1, Math.abs(q[i])), `${p[i]}·a vs ${q[i]}`);
        }
      }
      assert.ok(
        folded.slope.dataSync().some((v, i) => v !== plain.slope.dataSync()[i]),
        'scaled at all',
      );
    });
  });
}
