// The host-side hinge loss over a batch's distances (JS distances, mining and hand-written gradient) must
// equal the tensor-op path (pairwiseDistances → hingeLossFromDistances) in value, counts, gradient and in
// the triplets it mines, for both distances it serves and both variants, with coincident rows included.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { pairwiseDistances } from '../../src/losses/distance.js';
import { hostHingeLoss, hostPairwiseDistances } from '../../src/losses/host-matrix-loss.js';
import { hingeLossFromDistances, tripletTerms } from '../../src/losses/matrix-loss.js';
import { hostTripletLoss } from '../../src/losses/host-triplet-loss.js';
import { mineSemiHard } from '../../src/triplets/mining.js';
import { randomNormal, seededRandom } from '../../src/util/random.js';
import { TEST_BACKENDS } from '../train/backends.js';

const N = 36;
const DIMS = 3;
const labels = Int32Array.from({ length: N }, (_, i) => i % 4);

function embeddings(seed: number): Float32Array {
  const random = seededRandom(seed);
  const e = Float32Array.from({ length: N * DIMS }, () => randomNormal(random));
  // rows 0 and 4 (same class) coincide: the eps floor's zero gradient must match too
  e.set(e.subarray(0, DIMS), 4 * DIMS);
  return e;
}

test('host distances equal the tensor-op matrix off the diagonal (which no term reads) to float32 rounding', async () => {
  const e = embeddings(1);
  for (const kind of ['euclidean', 'squared'] as const) {
    const host = hostPairwiseDistances(e, N, DIMS, kind);
    const device = tf.tidy(() => pairwiseDistances(tf.tensor2d(e, [N, DIMS]), kind).dataSync());
    for (let k = 0; k < host.length; k++) {
      if (k % (N + 1) === 0) continue;
      assert.ok(Math.abs(host[k] - device[k]) < 1e-5, `${kind} [${Math.floor(k / N)}, ${k % N}]`);
    }
  }
});

for (const { name, load } of TEST_BACKENDS) {
  for (const kind of ['euclidean', 'squared'] as const) {
    for (const variant of ['triplet', 'pn'] as const) {
      test(`${name}: host hinge loss over mined triplets equals the tensor-op path — ${kind}, ${variant}`, async () => {
        await load();
        const before = tf.memory().numTensors;
        const margin = kind === 'squared' ? 2 : 0.5;
        const minedBy: { host?: number; device?: number } = {};
        tf.tidy(() => {
          const e = tf.tensor2d(embeddings(7), [N, DIMS]);
          const terms = (dValues: Float32Array, n: number, who: 'host' | 'device') => {
            const mined = mineSemiHard(dValues, labels);
            minedBy[who] = mined.anchor.length;
            return tripletTerms(mined, dValues, n, margin, variant);
          };
          let counts = { active: -1, total: -1 };
          const host = (x: tf.Tensor) => {
            const r = hostHingeLoss(x as tf.Tensor2D, kind, (d, n) => terms(d, n, 'host'));
            counts = { active: r.active, total: r.total };
            return r.loss;
          };
          let expected = { active: -1, total: -1 };
          const device = (x: tf.Tensor) => {
            const d = pairwiseDistances(x as tf.Tensor2D, kind);
            const dValues = d.dataSync() as Float32Array;
            const r = hingeLossFromDistances(d, dValues, terms(dValues, N, 'device'), 'all');
            expected = { active: r.active, total: r.total };
            return r.loss;
          };
          const want = tf.valueAndGrads(device)([e]);
          const got = tf.valueAndGrads(host)([e]);
          assert.ok(expected.active > 0 && expected.active < expected.total, 'active and inactive terms');
          assert.deepEqual(counts, expected);
          assert.equal(minedBy.host, minedBy.device);
          const [v0, v1] = [want.value.dataSync()[0], got.value.dataSync()[0]];
          assert.ok(Math.abs(v0 - v1) < 1e-5 * Math.max(1, v0), `loss ${v1} vs ${v0}`);
          const diff = tf.max(tf.abs(tf.sub(want.grads[0], got.grads[0]))).dataSync()[0];
          assert.ok(diff < 1e-5, `gradient differs by ${diff}`);
          assert.ok(tf.max(tf.abs(got.grads[0])).dataSync()[0] > 0.01, 'a gradient to compare');
        });
        assert.equal(tf.memory().numTensors, before);
      });
    }
  }
}

test('a non-finite embedding gives a NaN loss (the trainer’s guard sees it), for both host losses', async () => {
  const e = embeddings(3);
  e[5] = Number.POSITIVE_INFINITY;
  e[9] = Number.NaN;
  const loss = tf.tidy(() => {
    const x = tf.tensor2d(e, [N, DIMS]);
    const mined = hostHingeLoss(x, 'euclidean', (d, n) =>
      tripletTerms(mineSemiHard(d, labels), d, n, 1, 'triplet'),
    );
    const aligned = hostTripletLoss(x, N / 3, { distance: 'euclidean', margin: 1, variant: 'triplet' });
    return [mined.loss.dataSync()[0], aligned.loss.dataSync()[0]];
  });
  assert.ok(loss.every(Number.isNaN), `losses ${loss}`);
});
