import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertFinite } from '../../src/data/assert-finite.js';

test('assertFinite names the matrix and the first non-finite cell, 1-based; finite data pass', () => {
  const m = { data: Float32Array.from([1, 2, 3, 4, Infinity, NaN]), rows: 2, cols: 3 };
  assert.throws(
    () => assertFinite(m, 'The embedding'),
    /^CoreError: The embedding holds a non-finite value \(Infinity\) at row 2, column 2 \(1-based\)$/,
  );
  assert.doesNotThrow(() => assertFinite({ data: Float32Array.from([0, -1e30]), rows: 1, cols: 2 }, 'x'));
});
