import { test } from 'node:test';
import assert from 'node:assert/strict';
import { columnStats } from '../../src/preprocess/gene-stats.js';
import { matrixSource } from '../../src/preprocess/index.js';
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
