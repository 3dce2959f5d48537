import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { silhouette } from '../../src/evaluate/index.js';
import { seededRandom } from '../../src/util/random.js';
import { matrix, randomMatrix, useCpuBackend } from '../preprocess/helpers.js';
import { SKLEARN_X, SKLEARN_Y, SKLEARN_LABELS } from './reference-data.js';

before(useCpuBackend);

test('worked by hand on four 1-D points', () => {
  // A = {0, 1}, B = {4, 6}.
  //   0: a = 1, b = (4 + 6) / 2 = 5   → s = 4 / 5     = 0.8
  //   1: a = 1, b = (3 + 5) / 2 = 4   → s = 3 / 4     = 0.75
  //   4: a = 2, b = (4 + 3) / 2 = 3.5 → s = 1.5 / 3.5 = 0.4285714
  //   6: a = 2, b = (6 + 5) / 2 = 5.5 → s = 3.5 / 5.5 = 0.6363636
  //   mean = 0.6537338 (scikit-learn's silhouette_score gives 0.6537337662337662)
  const s = silhouette(matrix([[0], [1], [4], [6]]), ['A', 'A', 'B', 'B']);
  assert.ok(Math.abs(s - 0.6537337662337662) < 1e-12);
});

test('a point alone in its class scores 0; unlabeled rows are ignored', () => {
  // Adding C = {20}: the four values above are unchanged (B is still nearer), C contributes 0:
  // 2.6149351 / 5 = 0.5229870 (scikit-learn: 0.522987012987013).
  const s = silhouette(matrix([[0], [1], [4], [6], [20], [100]]), ['A', 'A', 'B', 'B', 'C', '']);
  assert.ok(Math.abs(s - 0.522987012987013) < 1e-12);
  assert.ok(Number.isNaN(silhouette(matrix([[0], [1]]), ['A', 'A'])), 'one class → undefined');
});

test('matches scikit-learn on 14 points in 5-D and 2-D', () => {
  // silhouette_score(X, labels) and silhouette_score(Y, labels), scikit-learn 1.9.1 (see reference-data.ts).
  // scikit-learn saw the decimals as float64, we hold them as float32 (relative rounding ~6e-8), so agreement
  // is to ~1e-8 here, not to the last bit.
  assert.ok(Math.abs(silhouette(SKLEARN_X, SKLEARN_LABELS) - -0.018786956705712933) < 1e-7);
  assert.ok(Math.abs(silhouette(SKLEARN_Y, SKLEARN_LABELS) - -0.025470118160270633) < 1e-7);
});

test('large inputs are scored on a seeded subsample', () => {
  const x = randomMatrix(900, 40, 3);
  const labels = Array.from({ length: 900 }, (_, i) => `c${i % 3}`);
  const full = silhouette(x, labels);
  const a = silhouette(x, labels, seededRandom(1), 300);
  const b = silhouette(x, labels, seededRandom(1), 300);
  assert.equal(a, b);
  assert.notEqual(a, full);
  assert.ok(Math.abs(a - full) < 0.05, `${a} vs ${full}`);
  const before = tf.memory().numTensors;
  silhouette(x, labels);
  assert.equal(tf.memory().numTensors, before);
});
