// The centring the scale check compares (src/engine/centring.ts): a file's from its values, a model's from its
// recipe's stored gene means and scales.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { centringOf, matrixCentring, recipeCentring } from '../../src/engine/centring.js';
import { denseToCsr } from '../../src/data/sparse.js';
import type { DenseMatrix } from '../../src/api/matrix.js';

const dense = (rows: number, values: number[]): DenseMatrix => ({
  rows,
  cols: values.length / rows,
  data: Float32Array.from(values),
});

// 4 cells × 3 genes of sparse log values (mostly zeros): not centred, as dense or CSR (implicit zeros count)
const LOG = dense(4, [0, 1.1, 0, 2.3, 0, 0.7, 0, 1.6, 0, 1.9, 0, 1.2]);

test('sparse log values are not centred, read dense or CSR alike', () => {
  assert.equal(matrixCentring(LOG), 'uncentred');
  assert.equal(matrixCentring(denseToCsr(LOG)), 'uncentred');
});

test('values with each gene at mean 0 are centred; a constant gene is not judged', () => {
  const centred = dense(4, [-1, 2, 5, 1, -2, 5, -1, 1, 5, 1, -1, 5]);
  assert.equal(matrixCentring(centred), 'centred');
  assert.equal(matrixCentring(denseToCsr(centred)), 'centred');
});

test('means near 0 with few negative values are not called centred', () => {
  // each gene: nine cells at 0.1 and one at −0.9 (mean 0), so 10 % of the values are negative…
  const rare = dense(10, [...Array(9).fill(0.1), -0.9]);
  assert.equal(matrixCentring(rare), 'centred');
  // …but nineteen at 0.05 and one at −0.95: 5 % negative, not enough to call it scaled
  const rarer = dense(20, [...Array(19).fill(0.05), -0.95]);
  assert.equal(matrixCentring(rarer), 'unclear');
});

test('between the thresholds, and without spreads, the verdict is unclear', () => {
  assert.equal(centringOf([0, 0, 1, 1], [1, 1, 1, 1]), 'uncentred');
  assert.equal(centringOf([0, 0, 0, 1], [1, 1, 1, 1]), 'unclear');
  assert.equal(centringOf([0, 0], [0, 0]), 'unclear');
  assert.equal(recipeCentring({ means: [0, 0], scales: null }), 'unclear');
  assert.equal(recipeCentring({ means: [1e-9, -1e-9], scales: [1, 2] }), 'centred');
  assert.equal(recipeCentring({ means: [0.8, 1.2], scales: [0.5, 0.6] }), 'uncentred');
});

test('a recipe without z-score is judged by the spreads it stores; one saved before them is not judged', () => {
  assert.equal(recipeCentring({ means: [1e-9, -1e-9], scales: null, spreads: [1, 2] }), 'centred');
  assert.equal(recipeCentring({ means: [0.8, 1.2], scales: null, spreads: [0.5, 0.6] }), 'uncentred');
  assert.equal(recipeCentring({ means: [0.8, 1.2], scales: null }), 'unclear');
});
