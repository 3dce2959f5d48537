import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { pcaBaseline, trustworthiness } from '../../src/evaluate/index.js';
import { seededRandom } from '../../src/util/random.js';
import { matrix, randomMatrix, useCpuBackend } from '../preprocess/helpers.js';
import { SKLEARN_X, SKLEARN_Y } from './reference-data.js';

before(useCpuBackend);

test('worked by hand: six 1-D points, k = 1', () => {
  // Original x = [0, 1, 3, 7, 12, 18]; embedding y = [0, 3, 1, 6, 10, 15].
  // Nearest in y, and its rank around the same point in x (nearest = 1), penalty max(0, rank − 1):
  //   0 → 2 (x: 1 is 1 away, 2 is 3 away → rank 2) → 1
  //   1 → 2 (x: 0 is 1 away, 2 is 2 away → rank 2) → 1
  //   2 → 0 (x: 1 is 2, 0 is 3 → rank 2)           → 1
  //   3 → 1 (x from 7: 2 is 4, 4 is 5, 1 is 6 → 3) → 2
  //   4 → 3 (x from 12: 3 is 5 → rank 1)           → 0
  //   5 → 4 (rank 1)                               → 0
  // T = 1 − 2 / (n k (2n − 3k − 1)) · 5 = 1 − 2 / (6 · 1 · 8) · 5 = 1 − 10/48 = 0.7916667
  // (scikit-learn's trustworthiness gives 0.7916666666666667.)
  const t = trustworthiness(
    matrix([[0], [1], [3], [7], [12], [18]]),
    matrix([[0], [3], [1], [6], [10], [15]]),
    1,
  );
  assert.ok(Math.abs(t - 0.7916666666666667) < 1e-12);
});

test('an identical (or distance-preserving) embedding scores 1', () => {
  const x = randomMatrix(120, 6, 2);
  assert.equal(trustworthiness(x, x, 15), 1);
  const scaled = { ...x, data: x.data.map((v) => v * 3) };
  assert.equal(trustworthiness(x, scaled, 10), 1);
});

test('matches scikit-learn on 14 points (5-D → 2-D) for k = 1, 3, 5', () => {
  // sklearn.manifold.trustworthiness(X, Y, n_neighbors=k), scikit-learn 1.9.1 (see reference-data.ts).
  const expected: [number, number][] = [
    [1, 0.5357142857142858],
    [3, 0.58994708994709],
    [5, 0.7166666666666666],
  ];
  for (const [k, value] of expected) {
    assert.ok(Math.abs(trustworthiness(SKLEARN_X, SKLEARN_Y, k) - value) < 1e-12, `k = ${k}`);
  }
  assert.ok(Number.isNaN(trustworthiness(SKLEARN_X, SKLEARN_Y, 7)), 'k ≥ n/2 is undefined');
});

test('wide data (tfjs distances) and subsampling: reproducible, sensible, no tensor growth', () => {
  const high = randomMatrix(700, 60, 7, 3);
  const low = pcaBaseline(high, 3, 0);
  const before = tf.memory().numTensors;
  const full = trustworthiness(high, low, 10);
  const a = trustworthiness(high, low, 10, seededRandom(4), 250);
  const b = trustworthiness(high, low, 10, seededRandom(4), 250);
  assert.equal(tf.memory().numTensors, before);
  assert.equal(a, b);
  // PCA onto the planted rank-3 signal keeps neighbourhoods well; a random embedding does not.
  assert.ok(full > 0.9, `${full}`);
  const shuffled = randomMatrix(700, 3, 99, 3);
  assert.ok(trustworthiness(high, shuffled, 10) < 0.6);
  assert.throws(() => trustworthiness(high, randomMatrix(10, 3, 1), 5), /700 original rows but 10/);
});
