// Procrustes disparity against hand-worked cases and scipy's documented example.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { procrustesDisparity } from '../../src/evaluate/procrustes.js';
import { seededRandom, randomNormal } from '../../src/util/random.js';

const matrix = (rows: number[][]) => ({
  rows: rows.length,
  cols: rows[0].length,
  data: Float32Array.from(rows.flat()),
});

test('procrustesDisparity: a cross stretched along one axis, by hand', () => {
  // A = (±1, 0), (0, ±1): centred, |A|² = 4 → A/2. B = (±1, 0), (0, ±2): |B|² = 10 → B/√10.
  // M = AᵀB = diag(1·1 + 1·1, 1·2 + 1·2) / (2√10) = diag(2, 4)/(2√10): singular values 1/√10, 2/√10,
  // sum 3/√10, disparity 1 − 9/10 = 0.1.
  const a = matrix([
    [1, 0],
    [-1, 0],
    [0, 1],
    [0, -1],
  ]);
  const b = matrix([
    [1, 0],
    [-1, 0],
    [0, 2],
    [0, -2],
  ]);
  assert.ok(Math.abs(procrustesDisparity(a, b) - 0.1) < 1e-12);
});

test("procrustesDisparity: scipy's example (a rotated, scaled, shifted copy) is 0", () => {
  // scipy.spatial.procrustes docs: a = [[1,3],[1,2],[1,1],[2,1]], b = [[4,-2],[4,-4],[4,-6],[2,-6]] → 0
  const a = matrix([
    [1, 3],
    [1, 2],
    [1, 1],
    [2, 1],
  ]);
  const b = matrix([
    [4, -2],
    [4, -4],
    [4, -6],
    [2, -6],
  ]);
  assert.ok(procrustesDisparity(a, b) < 1e-12);
});

test('procrustesDisparity: invariant to rotation, reflection and scale in 3-D; symmetric; bad input', () => {
  const random = seededRandom(5);
  const rows = Array.from({ length: 30 }, () => [
    randomNormal(random),
    randomNormal(random),
    randomNormal(random),
  ]);
  const a = matrix(rows);
  // rotate 30° about z, reflect x, scale 3, shift
  const c = Math.cos(Math.PI / 6);
  const s = Math.sin(Math.PI / 6);
  const b = matrix(rows.map(([x, y, z]) => [-3 * (c * x - s * y) + 1, 3 * (s * x + c * y) - 2, 3 * z + 5]));
  assert.ok(procrustesDisparity(a, b) < 1e-10);
  const noisy = matrix(rows.map(([x, y, z]) => [x + 0.3 * randomNormal(random), y, z]));
  const d = procrustesDisparity(a, noisy);
  assert.ok(d > 0 && d < 1);
  assert.ok(Math.abs(d - procrustesDisparity(noisy, a)) < 0.05, 'close to symmetric for small noise');
  assert.throws(() => procrustesDisparity(a, matrix([[1, 2, 3]])), /same shape/);
  assert.throws(
    () =>
      procrustesDisparity(
        matrix([
          [1, 1],
          [1, 1],
        ]),
        matrix([
          [0, 1],
          [1, 0],
        ]),
      ),
    /identical/,
  );
});
