import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lowerBound } from '../../src/util/lower-bound.js';

test('lowerBound: the first position whose value is ≥ the one sought, worked out by hand', () => {
  const sorted = Float64Array.from([1, 2, 2, 2, 5, 9]);
  assert.equal(lowerBound(sorted, 0, 0, sorted.length), 0);
  assert.equal(lowerBound(sorted, 1, 0, sorted.length), 0);
  assert.equal(lowerBound(sorted, 2, 0, sorted.length), 1, 'equal values: the first of them');
  assert.equal(lowerBound(sorted, 3, 0, sorted.length), 4);
  assert.equal(lowerBound(sorted, 9, 0, sorted.length), 5);
  assert.equal(lowerBound(sorted, 10, 0, sorted.length), 6, 'above every value: the end');
  assert.equal(lowerBound(new Float64Array(0), 1, 0, 0), 0);
});

test('lowerBound within [lo, hi) of an Int32Array, as a CSR row', () => {
  const indices = Int32Array.from([7, 8, 0, 3, 3, 6, 1]);
  // the row is positions 2..6: columns 0 3 3 6
  assert.equal(lowerBound(indices, 3, 2, 6), 3);
  assert.equal(lowerBound(indices, 4, 2, 6), 5);
  assert.equal(lowerBound(indices, 7, 2, 6), 6, 'past the row: its end');
  assert.equal(lowerBound(indices, 0, 2, 6), 2);
});
