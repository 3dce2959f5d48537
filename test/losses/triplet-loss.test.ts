// Per-row losses against values worked out by hand (the arithmetic is in the comments).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { tripletLoss } from '../../src/losses/triplet-loss.js';
import { contrastiveLoss } from '../../src/losses/contrastive-loss.js';
import { quadrupletLoss } from '../../src/losses/quadruplet-loss.js';
import { centerLoss, oneHotRows } from '../../src/losses/center-loss.js';
import { TEST_BACKENDS } from '../train/backends.js';

const t2 = (rows: number[][]): tf.Tensor2D => tf.tensor2d(rows);
const close = (actual: ArrayLike<number>, expected: number[], tol = 1e-5): void => {
  assert.equal(actual.length, expected.length);
  expected.forEach((e, i) => assert.ok(Math.abs(actual[i] - e) <= tol, `[${i}] ${actual[i]} ≠ ${e}`));
};

for (const { name, load } of TEST_BACKENDS) {
  test(`${name}: triplet loss, euclidean and squared, by hand`, async () => {
    await load();
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      // A=(0,0), P=(3,4): d(A,P) = 5. N=(6,8): d(A,N) = 10 → max(5 − 10 + 1, 0) = 0.
      // N=(0,1): d(A,N) = 1 → max(5 − 1 + 1, 0) = 5.
      const a = t2([
        [0, 0],
        [0, 0],
      ]);
      const p = t2([
        [3, 4],
        [3, 4],
      ]);
      const n = t2([
        [6, 8],
        [0, 1],
      ]);
      close(tripletLoss(a, p, n, { distance: 'euclidean', margin: 1 }).dataSync(), [0, 5]);
      // squared: d(A,P) = 25; d(A,N) = 100 and 1 → max(25 − 100 + 1, 0) = 0, max(25 − 1 + 1, 0) = 25
      close(tripletLoss(a, p, n, { distance: 'squared', margin: 1 }).dataSync(), [0, 25]);
    });
    assert.equal(tf.memory().numTensors, before);
  });

  test(`${name}: triplet loss, cosine and angular, by hand`, async () => {
    await load();
    tf.tidy(() => {
      // cosine: A=(1,0), P=(1,1): cos = 1/√2 = 0.707107 → d = 0.292893. N=(0,1): d = 1 − 0 = 1;
      // margin 0.2 → max(0.292893 − 1 + 0.2, 0) = 0. N=(5,0): d = 0 → 0.292893 + 0.2 = 0.492893.
      const a = t2([
        [1, 0],
        [1, 0],
      ]);
      const p = t2([
        [1, 1],
        [1, 1],
      ]);
      const n = t2([
        [0, 1],
        [5, 0],
      ]);
      close(tripletLoss(a, p, n, { distance: 'cosine', margin: 0.2 }).dataSync(), [0, 0.492893]);
      // angular (chord between unit vectors): A=(2,0) → (1,0); P=(0,3) → (0,1): ‖(1,−1)‖ = √2 = 1.414214;
      // N=(−1,0): ‖(2,0)‖ = 2; margin 1 → 1.414214 − 2 + 1 = 0.414214.
      const value = tripletLoss(t2([[2, 0]]), t2([[0, 3]]), t2([[-1, 0]]), {
        distance: 'angular',
        margin: 1,
      });
      close(value.dataSync(), [0.414214]);
    });
  });

  test(`${name}: the 'pn' variant uses min(d(A,N), d(P,N))`, async () => {
    await load();
    tf.tidy(() => {
      // A=(0,0), P=(4,0), N=(5,0): d(A,P) = 4, d(A,N) = 5, d(P,N) = 1.
      // triplet: max(4 − 5 + 1, 0) = 0; pn: max(4 − min(5, 1) + 1, 0) = 4.
      const [a, p, n] = [t2([[0, 0]]), t2([[4, 0]]), t2([[5, 0]])];
      close(tripletLoss(a, p, n, { margin: 1 }).dataSync(), [0]);
      close(tripletLoss(a, p, n, { margin: 1, variant: 'pn' }).dataSync(), [4]);
    });
  });

  test(`${name}: euclidean loss has a finite gradient when anchor == positive`, async () => {
    await load();
    tf.tidy(() => {
      const p = t2([[1, 2]]);
      const n = t2([[1, 2.5]]);
      const g = tf.grad((a: tf.Tensor) => tf.sum(tripletLoss(a as tf.Tensor2D, p, n)))(t2([[1, 2]]));
      for (const v of g.dataSync()) assert.ok(Number.isFinite(v), `gradient ${v}`);
      for (const kind of ['cosine', 'angular'] as const) {
        const z = tf.grad((a: tf.Tensor) => tf.sum(tripletLoss(a as tf.Tensor2D, p, n, { distance: kind })))(
          t2([[0, 0]]),
        );
        for (const v of z.dataSync()) assert.ok(Number.isFinite(v), `${kind} gradient at the origin ${v}`);
      }
    });
  });

  test(`${name}: contrastive loss by hand`, async () => {
    await load();
    tf.tidy(() => {
      // (0,0)–(3,4): d = 5. Same class → d² = 25; different class, margin 1 → max(1 − 5, 0)² = 0.
      // (0,0)–(0.3,0.4): d = 0.5, different class → (1 − 0.5)² = 0.25.
      const x1 = t2([
        [0, 0],
        [0, 0],
        [0, 0],
      ]);
      const x2 = t2([
        [3, 4],
        [3, 4],
        [0.3, 0.4],
      ]);
      close(contrastiveLoss(x1, x2, tf.tensor1d([1, 0, 0]), { margin: 1 }).dataSync(), [25, 0, 0.25]);
    });
  });

  test(`${name}: quadruplet loss by hand`, async () => {
    await load();
    tf.tidy(() => {
      // A=(0,0), P=(1,0), N=(2,0), N2=(2.5,0): d(A,P) = 1, d(A,N) = 2, d(N,N2) = 0.5.
      // max(1 − 2 + 1, 0) + max(1 − 0.5 + 0.5, 0) = 0 + 1 = 1.
      const value = quadrupletLoss(t2([[0, 0]]), t2([[1, 0]]), t2([[2, 0]]), t2([[2.5, 0]]), {
        margin: 1,
        secondMargin: 0.5,
      });
      close(value.dataSync(), [1]);
    });
  });

  test(`${name}: center loss by hand, unlabeled rows ignored`, async () => {
    await load();
    tf.tidy(() => {
      // e = (1,0),(3,0),(0,2); centres c0 = (2,0), c1 = (0,0).
      // labels [0,0,1]: ½·1 + ½·1 + ½·4 = 3, mean over 3 rows = 1.
      const e = t2([
        [1, 0],
        [3, 0],
        [0, 2],
      ]);
      const centers = t2([
        [2, 0],
        [0, 0],
      ]);
      close(centerLoss(e, oneHotRows(Int32Array.from([0, 0, 1]), 2), centers).dataSync(), [1]);
      // labels [0,0,−1]: (½ + ½) / 2 labelled rows = 0.5
      close(centerLoss(e, oneHotRows(Int32Array.from([0, 0, -1]), 2), centers).dataSync(), [0.5]);
    });
  });
}
