import { test } from 'node:test';
import assert from 'node:assert/strict';
import { squaredRowDistance, squaredRowNorms } from '../../src/neighbours/row-distance.js';

test('squared distance between rows at offsets, and squared row norms', () => {
  const a = Float32Array.from([9, 9, 1, 2, 3]);
  const b = Float32Array.from([4, 6, 3, 7]);
  // a[2..5) = (1, 2, 3) against b[1..4) = (6, 3, 7): 25 + 1 + 16.
  assert.equal(squaredRowDistance(a, 2, b, 1, 3), 42);
  assert.equal(squaredRowDistance(a, 2, a, 2, 3), 0);
  assert.deepEqual([...squaredRowNorms({ data: b, rows: 2, cols: 2 })], [52, 58]);
});
