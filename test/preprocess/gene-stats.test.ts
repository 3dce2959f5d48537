import { test } from 'node:test';
import assert from 'node:assert/strict';
import { columnStats } from '../../src/preprocess/gene-stats.js';
import { matrixSource } from '../../src/preprocess/index.js';
import { seededRandom } from '../../src/util/random.js';
import { matrix } from './helpers.js';

test('mean, population variance, min and max, worked by hand — also far from zero', () => {
  // Column 0: [1, 2, 3, 4] → mean 2.5, variance (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25.
  // Column 1: the same plus 1 000 000 (exact in float32): same variance, which a naive Σx² − n·mean²
  //           in float32 would lose; accumulated around a shift in float64 it is exact.
  // Column 2: constant 7 → variance exactly 0 (min === max).
  const stats = columnStats(
    matrixSource(
      matrix([
        [1, 1_000_001, 7],
        [2, 1_000_002, 7],
        [3, 1_000_003, 7],
        [4, 1_000_004, 7],
      ]),
    ),
  );
  assert.deepEqual(Array.from(stats.mean), [2.5, 1_000_002.5, 7]);
  assert.deepEqual(Array.from(stats.variance), [1.25, 1.25, 0]);
  assert.deepEqual(Array.from(stats.min), [1, 1_000_001, 7]);
  assert.deepEqual(Array.from(stats.max), [4, 1_000_004, 7]);
});

test('zeros are counted, not visited: worked by hand and against a two-pass reference', () => {
  // Column 0: [0, 0, 3, 5] → mean 2, variance (4 + 4 + 1 + 9) / 4 = 4.5, min 0, max 5.
  // Column 1: all zero → mean 0, variance 0. Column 2: [0, 0, 0, 8] → mean 2, variance (3·4 + 36) / 4 = 12.
  const stats = columnStats(
    matrixSource(
      matrix([
        [0, 0, 0],
        [0, 0, 0],
        [3, 0, 0],
        [5, 0, 8],
      ]),
    ),
  );
  assert.deepEqual(Array.from(stats.mean), [2, 0, 2]);
  assert.deepEqual(Array.from(stats.variance), [4.5, 0, 12]);
  assert.deepEqual(Array.from(stats.min), [0, 0, 0]);
  assert.deepEqual(Array.from(stats.max), [5, 0, 8]);

  const random = seededRandom(4);
  const rows = 500;
  const cols = 20;
  const data = Float32Array.from({ length: rows * cols }, () =>
    random() < 0.9 ? 0 : Math.fround(100 + random() * 3),
  );
  const got = columnStats(matrixSource({ data, rows, cols }));
  for (let c = 0; c < cols; c++) {
    let mean = 0;
    for (let r = 0; r < rows; r++) mean += data[r * cols + c] / rows;
    let variance = 0;
    for (let r = 0; r < rows; r++) variance += (data[r * cols + c] - mean) ** 2 / rows;
    assert.ok(Math.abs(got.mean[c] - mean) <= 1e-12 * mean, `mean of column ${c}`);
    assert.ok(Math.abs(got.variance[c] - variance) <= 1e-10 * variance, `variance of column ${c}`);
  }
});
