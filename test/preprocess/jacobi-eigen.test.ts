import { test } from 'node:test';
import assert from 'node:assert/strict';
import { symmetricEigen } from '../../src/preprocess/jacobi-eigen.js';

test('2 × 2 by hand: [[2, 1], [1, 2]] has eigenvalues 3 and 1 with vectors (1, ±1)/√2', () => {
  const { values, vectors } = symmetricEigen([2, 1, 1, 2], 2);
  assert.ok(Math.abs(values[0] - 3) < 1e-14 && Math.abs(values[1] - 1) < 1e-14);
  // Column 0 ∝ (1, 1), column 1 ∝ (1, −1), up to sign.
  assert.ok(Math.abs(Math.abs(vectors[0]) - Math.SQRT1_2) < 1e-14);
  assert.ok(Math.abs(vectors[0] - vectors[2]) < 1e-14);
  assert.ok(Math.abs(vectors[1] + vectors[3]) < 1e-14);
});

test('reconstructs a 4 × 4 symmetric matrix: A = V diag(λ) Vᵀ', () => {
  const a = [4, 1, -2, 2, 1, 2, 0, 1, -2, 0, 3, -2, 2, 1, -2, -1];
  const { values, vectors } = symmetricEigen(a, 4);
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      let s = 0;
      for (let k = 0; k < 4; k++) s += vectors[i * 4 + k] * values[k] * vectors[j * 4 + k];
      assert.ok(Math.abs(s - a[i * 4 + j]) < 1e-12, `(${i}, ${j}): ${s} vs ${a[i * 4 + j]}`);
    }
  }
  // Trace is preserved: 4 + 2 + 3 − 1 = 8.
  assert.ok(Math.abs(values.reduce((x, y) => x + y, 0) - 8) < 1e-12);
  assert.ok(values[0] >= values[1] && values[1] >= values[2] && values[2] >= values[3]);
});
