// The host-side triplet loss (JS loop + hand-written gradient) must equal the tensor-op reference
// (triplet-loss.ts) in value, active count and gradient, for both variants and both distances it serves.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { hostTripletLoss } from '../../src/losses/host-triplet-loss.js';
import { tripletLoss } from '../../src/losses/triplet-loss.js';
import { randomNormal, seededRandom } from '../../src/util/random.js';
import { TEST_BACKENDS } from '../train/backends.js';

const T = 40;
const DIMS = 3;

function embeddings(seed: number): Float32Array {
  const random = seededRandom(seed);
  const e = Float32Array.from({ length: 3 * T * DIMS }, () => randomNormal(random));
  // two triplets with coincident rows: the distance's eps floor (zero gradient) must match too
  e.set(e.subarray(0, DIMS), T * DIMS);
  e.set(e.subarray(DIMS, 2 * DIMS), 2 * T * DIMS + DIMS);
  return e;
}

for (const { name, load } of TEST_BACKENDS) {
  for (const distance of ['euclidean', 'squared'] as const) {
    for (const variant of ['triplet', 'pn'] as const) {
      test(`${name}: host triplet loss equals the reference — ${distance}, ${variant}`, async () => {
        await load();
        const before = tf.memory().numTensors;
        tf.tidy(() => {
          const e = tf.tensor2d(embeddings(3), [3 * T, DIMS]);
          // margin 1 with unit-normal embeddings leaves some triplets inactive and some active
          const margin = 1;
          const role = (x: tf.Tensor2D, k: number) => tf.slice(x, [k * T, 0], [T, DIMS]);
          const reference = (x: tf.Tensor) => {
            const x2 = x as tf.Tensor2D;
            return tf.mean(tripletLoss(role(x2, 0), role(x2, 1), role(x2, 2), { distance, margin, variant }));
          };
          let active = -1;
          const host = (x: tf.Tensor) => {
            const r = hostTripletLoss(x as tf.Tensor2D, T, { distance, margin, variant });
            active = r.active;
            return r.loss;
          };
          const ref = tf.valueAndGrads(reference)([e]);
          const got = tf.valueAndGrads(host)([e]);
          const perTriplet = tripletLoss(role(e, 0), role(e, 1), role(e, 2), { distance, margin, variant });
          const expectedActive = Array.from(perTriplet.dataSync()).filter((v) => v > 0).length;
          assert.ok(expectedActive > 0 && expectedActive < T, 'the case mixes active and inactive triplets');
          assert.equal(active, expectedActive);
          assert.ok(Math.abs(ref.value.dataSync()[0] - got.value.dataSync()[0]) < 1e-5);
          const diff = tf.max(tf.abs(tf.sub(ref.grads[0], got.grads[0]))).dataSync()[0];
          assert.ok(diff < 1e-5, `gradient differs by ${diff}`);
        });
        assert.equal(tf.memory().numTensors, before);
      });
    }
  }
}
