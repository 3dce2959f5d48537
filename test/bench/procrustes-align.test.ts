// Procrustes alignment and the averaged map of bench/ensemble-maps.ts, against hand-worked transforms.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyAlignment, averageAligned, fitAlignment } from '../../bench/lib/procrustes-align.js';

const matrix = (rows: number[][]) => ({
  rows: rows.length,
  cols: rows[0].length,
  data: Float32Array.from(rows.flat()),
});

const close = (actual: ArrayLike<number>, expected: readonly number[], tolerance = 1e-9) => {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++)
    assert.ok(Math.abs(actual[i] - expected[i]) < tolerance, `[${i}] ${actual[i]} ≠ ${expected[i]}`);
};

// A: four fit rows centred on 0 (fit-row mean (0, 0, 0)), and a fifth row that is not fitted on (a held-out cell)
const A = [
  [1, 0, 0],
  [0, 2, 0],
  [0, 0, 3],
  [-1, -2, -3],
  [2, 1, -1],
];
const FIT = [0, 1, 2, 3];

test('fitAlignment: a map turned 90° about z, doubled and shifted is moved back, held-out row included', () => {
  // B = 2 · A Q + (5, −1, 4) with Q = [[0, 1, 0], [−1, 0, 0], [0, 0, 1]]: (x, y, z) ↦ (2·(−y) + 5, 2x − 1, 2z + 4).
  // By hand: from = B's fit-row mean = (5, −1, 4), to = 0, R = Qᵀ; M = Bcᵀ A = 2 Qᵀ AᵀA, whose singular values
  // are 2 × AᵀA's eigenvalues, so trace(Σ) = 2 · trace(AᵀA) = 2 · 28 and s = 56 / ‖Bc‖² = 56 / (4 · 28) = 0.5.
  const B = A.map(([x, y, z]) => [-2 * y + 5, 2 * x - 1, 2 * z + 4]);
  close(B[4], [3, 3, 2]);
  const t = fitAlignment(matrix(A), matrix(B), FIT);
  close(t.from, [5, -1, 4]);
  close(t.to, [0, 0, 0]);
  close(t.rotation, [0, -1, 0, 1, 0, 0, 0, 0, 1]);
  assert.ok(Math.abs(t.scale - 0.5) < 1e-12);
  close(applyAlignment(matrix(B), t), A.flat());
});

test('fitAlignment: a reflection is undone; without scale the spread is kept', () => {
  const reflected = A.map(([x, y, z]) => [-x, y, z]);
  const t = fitAlignment(matrix(A), matrix(reflected), FIT);
  close(t.rotation, [-1, 0, 0, 0, 1, 0, 0, 0, 1]);
  close(applyAlignment(matrix(reflected), t), A.flat());
  // three times as spread: with the scale it is shrunk back; without it the rotation alone is fitted
  const spread = A.map((row) => row.map((v) => 3 * v));
  assert.ok(Math.abs(fitAlignment(matrix(A), matrix(spread), FIT).scale - 1 / 3) < 1e-12);
  const unscaled = fitAlignment(matrix(A), matrix(spread), FIT, { scale: false });
  assert.equal(unscaled.scale, 1);
  close(unscaled.rotation, [1, 0, 0, 0, 1, 0, 0, 0, 1]);
});

test('averageAligned: moved copies average to the reference; held-out rows are averaged, never fitted on', () => {
  const turned = A.map(([x, y, z]) => [-2 * y + 5, 2 * x - 1, 2 * z + 4]);
  const reflected = A.map(([x, y, z]) => [-x, y, z]);
  close(averageAligned([matrix(A), matrix(turned), matrix(reflected)], FIT).data, A.flat(), 1e-6);
  // a second map equal on the fit rows and 2 further along x on the held-out row: identity fit, mean +1 there
  const moved = A.map((row, r) => (r === 4 ? [row[0] + 2, row[1], row[2]] : row));
  const mean = averageAligned([matrix(A), matrix(moved)], FIT);
  close(mean.data, [...A.slice(0, 4).flat(), 3, 1, -1], 1e-6);
  // one map is itself
  close(averageAligned([matrix(A)], FIT).data, A.flat());
});

test('fitAlignment: refuses mismatched shapes, too few fit rows and flat fit rows', () => {
  assert.throws(() => fitAlignment(matrix(A), matrix(A.slice(1)), FIT), /one shape/);
  assert.throws(() => fitAlignment(matrix(A), matrix(A), [0, 1, 2]), /more than 3 fit rows/);
  const flat = A.map(([x, y]) => [x, y, 0]);
  assert.throws(() => fitAlignment(matrix(A), matrix(flat), FIT), /span every axis/);
  assert.throws(() => averageAligned([], FIT), /at least one map/);
});
