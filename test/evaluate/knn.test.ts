import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import type { DenseMatrix } from '../../src/api/matrix.js';
import { knnAccuracy, knnPredict, nearestNeighbours } from '../../src/evaluate/index.js';
import { matrix, randomMatrix, useCpuBackend } from '../preprocess/helpers.js';
import { seededRandom } from '../../src/util/random.js';

before(useCpuBackend);

// 1-D training points and labels used by the hand-worked cases.
const train = matrix([[0], [1], [2], [10], [11]]);
const trainLabels = ['x', 'x', 'y', 'y', 'y'];

test('majority vote with confidence, worked by hand', () => {
  // Query 1.4, k = 3: neighbours 1 (0.4, x), 2 (0.6, y), 0 (1.4, x) → x with 2 of 3 votes.
  // Query 10.4, k = 3: 10 (0.4, y), 11 (0.6, y), 2 (8.4, y) → y with 3 of 3.
  const p = knnPredict(train, trainLabels, matrix([[1.4], [10.4]]), 3);
  assert.deepEqual(p.labels, ['x', 'y']);
  assert.deepEqual(Array.from(p.confidence), [2 / 3, 1].map(Math.fround));
});

test('a tied vote goes to the class of the nearest neighbour', () => {
  // Query 1.6, k = 2: 2 (0.4, y) and 1 (0.6, x) → 1 : 1 → the nearest, y, confidence 1/2.
  // Query 1.4, k = 2: 1 (0.4, x) and 2 (0.6, y) → x.
  const p = knnPredict(train, trainLabels, matrix([[1.6], [1.4]]), 2);
  assert.deepEqual(p.labels, ['y', 'x']);
  assert.deepEqual(Array.from(p.confidence), [0.5, 0.5]);
});

test('accuracy counts labelled test rows only', () => {
  // k = 3: 1.4 → x (truth x ✓); 1.6 → 2 (y), 1 (x), 0 (x) → x (truth y ✗); 10.4 → y ✓; the 4th is unlabeled.
  const acc = knnAccuracy(train, trainLabels, matrix([[1.4], [1.6], [10.4], [5]]), ['x', 'y', 'y', ''], 3);
  assert.equal(acc, 2 / 3);
  assert.ok(Number.isNaN(knnAccuracy(train, trainLabels, matrix([[1]]), [''], 3)), 'nothing to score → NaN');
});

test('unlabeled training rows do not vote; training on itself leaves each row out', () => {
  // Row 1 (at 1) unlabeled: query 0.9 with k = 1 must skip it and take 0 (x) over 2 (y)? 0 is 0.9 away,
  // 2 is 1.1 away → x.
  const p = knnPredict(train, ['x', 'NA', 'y', 'y', 'y'], matrix([[0.9]]), 1);
  assert.deepEqual(p.labels, ['x']);
  // Leave-one-out on the training set, k = 1: 0 → 1 (x ✓), 1 → 0 or 2 (both 1 away; lower index 0, x ✓),
  // 2 → 1 (x, truth y ✗), 10 → 11 (y ✓), 11 → 10 (y ✓) → 4 / 5. Without leave-one-out it would be 5 / 5.
  assert.equal(knnAccuracy(train, trainLabels, train, trainLabels, 1), 4 / 5);
  assert.equal(knnAccuracy(train, trainLabels, train, trainLabels, 1, { leaveOneOut: false }), 1);
});

/** Exact float64 distances to every reference, then k passes picking the smallest unused (ties: lower index). */
function bruteForce(reference: DenseMatrix, query: DenseMatrix, k: number): number[][] {
  const out: number[][] = [];
  const d = new Float64Array(reference.rows);
  for (let q = 0; q < query.rows; q++) {
    for (let j = 0; j < reference.rows; j++) {
      let s = 0;
      for (let c = 0; c < query.cols; c++)
        s += (query.data[q * query.cols + c] - reference.data[j * query.cols + c]) ** 2;
      d[j] = s;
    }
    const picked: number[] = [];
    for (let i = 0; i < k; i++) {
      let best = -1;
      for (let j = 0; j < reference.rows; j++)
        if (!picked.includes(j) && (best < 0 || d[j] < d[best])) best = j;
      picked.push(best);
    }
    out.push(picked);
  }
  return out;
}

test('the blocked tfjs search (wide data, several blocks) finds the exact neighbours', () => {
  // 8 300 references (two blocks of 8 192) × 24 columns (above the JS cut-off), 260 queries (two blocks of 256).
  const reference = randomMatrix(8300, 24, 21, 24);
  const query = randomMatrix(260, 24, 22, 24);
  const nn = nearestNeighbours(reference, query, 4);
  const expected = bruteForce(reference, query, 4);
  for (let q = 0; q < query.rows; q++) {
    assert.deepEqual(Array.from(nn.indices.subarray(q * 4, q * 4 + 4)), expected[q], `query ${q}`);
  }
  assert.ok(nn.distances.every((d) => d >= 0));
});

test('the k-d tree (≤ 4 columns) equals brute force, ties and leave-one-out included', () => {
  // Integer coordinates on a small grid make many exact ties: the lower reference index must win them.
  const random = seededRandom(3);
  const grid = (rows: number, cols: number): DenseMatrix => ({
    data: Float32Array.from({ length: rows * cols }, () => Math.floor(random() * 6)),
    rows,
    cols,
  });
  for (const cols of [1, 2, 3, 4]) {
    const reference = grid(400, cols);
    const query = grid(60, cols);
    const nn = nearestNeighbours(reference, query, 6);
    const expected = bruteForce(reference, query, 6);
    for (let q = 0; q < query.rows; q++) {
      assert.deepEqual(
        Array.from(nn.indices.subarray(q * 6, q * 6 + 6)),
        expected[q],
        `${cols}-D query ${q}`,
      );
    }
  }
  // Leave-one-out: row i never finds itself, and otherwise matches brute force without it.
  const points = grid(150, 3);
  const exclude = Int32Array.from({ length: 150 }, (_, i) => i);
  const self = nearestNeighbours(points, points, 3, { exclude });
  for (let q = 0; q < 150; q++) {
    const row = Array.from(self.indices.subarray(q * 3, q * 3 + 3));
    assert.ok(!row.includes(q));
    const others = bruteForce(points, { data: points.data.slice(q * 3, q * 3 + 3), rows: 1, cols: 3 }, 4)[0];
    assert.deepEqual(row, others.filter((j) => j !== q).slice(0, 3));
  }
});

test('the k-d tree equals brute force on compact classes, at the leaf size and around it', () => {
  // a trained map's classes sit compactly (what made the axis sweep scan a whole class a query), and
  // references of 1, 16, 17 and 33 rows reach a leaf at once, split once, split twice
  const random = seededRandom(8);
  const clustered = (rows: number): DenseMatrix => ({
    data: Float32Array.from(
      { length: rows * 3 },
      (_, i) => Math.floor((i / 3) % 5) * 10 + (i % 3 === 0 ? random() * 0.01 : random()),
    ),
    rows,
    cols: 3,
  });
  for (const rows of [1, 16, 17, 33, 2000]) {
    const reference = clustered(rows);
    const query = clustered(40);
    const k = Math.min(15, rows);
    const nn = nearestNeighbours(reference, query, 15);
    const expected = bruteForce(reference, query, k);
    assert.equal(nn.k, k);
    for (let q = 0; q < query.rows; q++) {
      assert.deepEqual(
        Array.from(nn.indices.subarray(q * k, q * k + k)),
        expected[q],
        `${rows} rows, query ${q}`,
      );
    }
  }
});

test('tf.memory().numTensors does not grow across kNN calls', () => {
  const reference = randomMatrix(500, 40, 1);
  const labels = Array.from({ length: 500 }, (_, i) => `c${i % 3}`);
  knnPredict(reference, labels, reference, 5);
  const before = tf.memory().numTensors;
  for (let i = 0; i < 3; i++) knnAccuracy(reference, labels, reference, labels, 5);
  assert.equal(tf.memory().numTensors, before);
});

test('mismatched shapes are refused', () => {
  assert.throws(() => knnPredict(train, trainLabels, matrix([[1, 2]]), 3), /1 columns but query has 2/);
  assert.throws(() => knnPredict(train, ['x'], train, 3), /1 labels for 5 training rows/);
  assert.throws(() => knnPredict(train, trainLabels, train, 0), /k must be/);
});
