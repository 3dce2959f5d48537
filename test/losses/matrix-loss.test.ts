// The distance-matrix losses the trainer uses must equal the per-row reference losses, in value and gradient.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { DISTANCE_KINDS, pairwiseDistances, rowDistance } from '../../src/losses/distance.js';
import { tripletLoss } from '../../src/losses/triplet-loss.js';
import { contrastiveLoss } from '../../src/losses/contrastive-loss.js';
import { quadrupletLoss } from '../../src/losses/quadruplet-loss.js';
import {
  batchAllTripletLoss,
  contrastiveLossFromDistances,
  hingeLossFromDistances,
  pairsFromTriplets,
  quadrupletTerms,
  tripletTerms,
  type TripletIndices,
} from '../../src/losses/matrix-loss.js';
import { seededRandom, randomInt, randomNormal } from '../../src/util/random.js';
import { TEST_BACKENDS } from '../train/backends.js';

const N = 12;
const D = 3;

function fixture(seed: number): { e: Float32Array; t: TripletIndices } {
  const random = seededRandom(seed);
  const e = Float32Array.from({ length: N * D }, () => randomNormal(random));
  const m = 20;
  const pick = (avoid: number[]): number => {
    let r = randomInt(random, N);
    while (avoid.includes(r)) r = randomInt(random, N);
    return r;
  };
  const anchor = new Int32Array(m);
  const positive = new Int32Array(m);
  const negative = new Int32Array(m);
  const negative2 = new Int32Array(m);
  for (let q = 0; q < m; q++) {
    anchor[q] = pick([]);
    positive[q] = pick([anchor[q]]);
    negative[q] = pick([anchor[q], positive[q]]);
    negative2[q] = q % 3 === 0 ? -1 : pick([anchor[q], positive[q], negative[q]]);
  }
  return { e, t: { anchor, positive, negative, negative2 } };
}

/** Rows of e selected with a one-hot matMul (differentiable on every backend). */
function rowsOf(e: tf.Tensor2D, idx: Int32Array): tf.Tensor2D {
  return tf.matMul(tf.oneHot(tf.tensor1d(idx, 'int32'), N).toFloat(), e) as tf.Tensor2D;
}

const maxAbsDiff = (x: tf.Tensor, y: tf.Tensor): number => tf.max(tf.abs(tf.sub(x, y))).dataSync()[0];

for (const { name, load } of TEST_BACKENDS) {
  test(`${name}: pairwise distances equal row distances`, async () => {
    await load();
    const { e } = fixture(1);
    tf.tidy(() => {
      const et = tf.tensor2d(e, [N, D]);
      const all = Array.from({ length: N * N }, (_, k) => k);
      const i = Int32Array.from(all, (k) => Math.floor(k / N));
      const j = Int32Array.from(all, (k) => k % N);
      for (const kind of DISTANCE_KINDS) {
        const pairwise = tf.reshape(pairwiseDistances(et, kind), [-1]);
        const direct = rowDistance(rowsOf(et, i), rowsOf(et, j), kind);
        // off-diagonal entries agree; on the diagonal euclidean/angular sit at sqrt(eps) instead of 0
        const mask = tf.tensor1d(Float32Array.from(all, (k) => (i[k] === j[k] ? 0 : 1)));
        assert.ok(maxAbsDiff(tf.mul(pairwise, mask), tf.mul(direct, mask)) < 1e-4, kind);
      }
    });
  });

  for (const variant of ['triplet', 'pn'] as const) {
    test(`${name}: ${variant} loss from the distance matrix equals the per-row loss, value and gradient`, async () => {
      await load();
      const { e, t } = fixture(2);
      for (const kind of DISTANCE_KINDS) {
        tf.tidy(() => {
          const et = tf.tensor2d(e, [N, D]);
          const margin = kind === 'cosine' || kind === 'angular' ? 0.5 : 1.5;
          const viaMatrix = (x: tf.Tensor2D): tf.Scalar => {
            const d = pairwiseDistances(x, kind);
            const terms = tripletTerms(t, d.dataSync() as Float32Array, N, margin, variant);
            return hingeLossFromDistances(d, d.dataSync() as Float32Array, terms, 'all').loss;
          };
          const viaRows = (x: tf.Tensor2D): tf.Scalar =>
            tf.mean(
              tripletLoss(rowsOf(x, t.anchor), rowsOf(x, t.positive), rowsOf(x, t.negative), {
                distance: kind,
                margin,
                variant,
              }),
            ) as tf.Scalar;
          const a = tf.valueAndGrad((x: tf.Tensor) => viaMatrix(x as tf.Tensor2D))(et);
          const b = tf.valueAndGrad((x: tf.Tensor) => viaRows(x as tf.Tensor2D))(et);
          assert.ok(Math.abs(a.value.dataSync()[0] - b.value.dataSync()[0]) < 1e-4, `${kind} value`);
          assert.ok(b.value.dataSync()[0] > 0, 'the fixture has active triplets');
          assert.ok(maxAbsDiff(a.grad, b.grad) < 1e-3, `${kind} gradient`);
        });
      }
    });
  }

  test(`${name}: quadruplet and contrastive losses from the matrix equal the per-row losses`, async () => {
    await load();
    const { e, t } = fixture(3);
    tf.tidy(() => {
      const et = tf.tensor2d(e, [N, D]);
      const d = pairwiseDistances(et, 'euclidean');
      const dv = d.dataSync() as Float32Array;
      const quad = hingeLossFromDistances(d, dv, quadrupletTerms(t, 1.5, 0.75), 'all').loss.dataSync()[0];
      // rows without a second negative contribute only their triplet term
      const has2 = Array.from(t.negative2!, (v) => v >= 0);
      const n2 = Int32Array.from(t.negative2!, (v, q) => (v >= 0 ? v : t.negative[q]));
      const perRow = quadrupletLoss(
        rowsOf(et, t.anchor),
        rowsOf(et, t.positive),
        rowsOf(et, t.negative),
        rowsOf(et, n2),
        { margin: 1.5, secondMargin: 0.75 },
      ).dataSync();
      const triplet = tripletLoss(rowsOf(et, t.anchor), rowsOf(et, t.positive), rowsOf(et, t.negative), {
        margin: 1.5,
      }).dataSync();
      const expected = has2.reduce((s, h, q) => s + (h ? perRow[q] : triplet[q]), 0) / has2.length;
      assert.ok(Math.abs(quad - expected) < 1e-4, `${quad} vs ${expected}`);

      const pairs = pairsFromTriplets(t);
      const con = contrastiveLossFromDistances(d, dv, pairs, 2).loss.dataSync()[0];
      const ref = tf
        .mean(
          contrastiveLoss(
            rowsOf(et, pairs.i),
            rowsOf(et, pairs.j),
            tf.tensor1d(Float32Array.from(pairs.same)),
            {
              margin: 2,
            },
          ),
        )
        .dataSync()[0];
      assert.ok(Math.abs(con - ref) < 1e-4, `${con} vs ${ref}`);
    });
  });

  test(`${name}: batch-all never pairs an anchor with itself (hand example)`, async () => {
    await load();
    tf.tidy(() => {
      // 1-D embeddings e = [0, 1, 3], labels [0, 0, 1], margin 3, euclidean.
      // valid triplets: (a0, p1, n2): 1 − 3 + 3 = 1;  (a1, p0, n2): 1 − 2 + 3 = 2  → mean over active = 1.5.
      // Comparing an anchor with itself would add (a0, p0, n2): 0 − 3 + 3 = 0 and (a1, p1, n2): 0 − 2 + 3 = 1,
      // giving (1 + 2 + 1) / 3 = 1.333 — the figure this test rules out.
      const e = tf.tensor2d([[0], [1], [3]]);
      const d = pairwiseDistances(e, 'euclidean');
      const result = batchAllTripletLoss(
        d,
        d.dataSync() as Float32Array,
        Int32Array.from([0, 0, 1]),
        3,
        'triplet',
      );
      assert.equal(result.total, 2);
      assert.equal(result.active, 2);
      assert.ok(Math.abs(result.loss.dataSync()[0] - 1.5) < 1e-5, `${result.loss.dataSync()[0]}`);
    });
  });

  test(`${name}: batch-all equals the mean over active triplets of the per-row loss`, async () => {
    await load();
    const random = seededRandom(4);
    const e = Float32Array.from({ length: N * D }, () => randomNormal(random));
    const labels = Int32Array.from({ length: N }, (_, i) => (i === N - 1 ? -1 : i % 3));
    tf.tidy(() => {
      const et = tf.tensor2d(e, [N, D]);
      const d = pairwiseDistances(et, 'euclidean');
      const result = batchAllTripletLoss(d, d.dataSync() as Float32Array, labels, 1, 'triplet');
      const a: number[] = [];
      const p: number[] = [];
      const n: number[] = [];
      for (let i = 0; i < N; i++)
        for (let j = 0; j < N; j++)
          for (let k = 0; k < N; k++) {
            if (
              labels[i] < 0 ||
              labels[k] < 0 ||
              i === j ||
              labels[j] !== labels[i] ||
              labels[k] === labels[i]
            )
              continue;
            a.push(i);
            p.push(j);
            n.push(k);
          }
      const per = tripletLoss(
        rowsOf(et, Int32Array.from(a)),
        rowsOf(et, Int32Array.from(p)),
        rowsOf(et, Int32Array.from(n)),
      ).dataSync();
      const active = Array.from(per).filter((v) => v > 0);
      assert.equal(result.total, a.length);
      assert.equal(result.active, active.length);
      const expected = active.reduce((s, v) => s + v, 0) / active.length;
      assert.ok(Math.abs(result.loss.dataSync()[0] - expected) < 1e-4);
    });
  });
}
