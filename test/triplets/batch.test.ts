// The batch builder maps triplets to batch rows lazily: the layout must be the one of mapping each call
// as it comes (rows in first-use order, triplets and rows interleaved), and the aligned layout its own.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BatchBuilder } from '../../src/triplets/batch.js';

const labels = Int32Array.from([0, 0, 1, 1, 2, -1, -1, 2]);

test('rows and triplets interleaved map in call order, each input row once', () => {
  const b = new BatchBuilder(labels);
  assert.equal(b.row(3), 0);
  b.triplet(5, 0, 2);
  b.triplet(6, 3, 4, 7);
  // row 0 joined with the first triplet, before this call
  assert.equal(b.row(0), 2);
  assert.equal(b.row(1), 7);
  b.triplet(1, 0, 4);
  const batch = b.build();
  assert.deepEqual(Array.from(batch.rows), [3, 5, 0, 2, 6, 4, 7, 1]);
  assert.deepEqual(Array.from(batch.labels), [1, -1, 0, 1, -1, 2, 2, 0]);
  assert.deepEqual(Array.from(batch.fixed.anchor), [1, 4, 7]);
  assert.deepEqual(Array.from(batch.fixed.positive), [2, 0, 2]);
  assert.deepEqual(Array.from(batch.fixed.negative), [3, 5, 5]);
  assert.deepEqual(Array.from(batch.fixed.negative2 ?? []), [-1, 6, -1]);
});

test('the aligned layout: anchors, positives, negatives, second negatives (the negative when none)', () => {
  const b = new BatchBuilder(labels);
  b.triplet(0, 1, 2);
  b.triplet(3, 2, 4, 7);
  const batch = b.buildAligned();
  assert.equal(batch.aligned, true);
  assert.deepEqual(Array.from(batch.rows), [0, 3, 1, 2, 2, 4, 2, 7]);
  assert.deepEqual(Array.from(batch.labels), [0, 1, 0, 1, 1, 2, 1, 2]);
  assert.deepEqual(Array.from(batch.fixed.anchor), [0, 1]);
  assert.deepEqual(Array.from(batch.fixed.positive), [2, 3]);
  assert.deepEqual(Array.from(batch.fixed.negative), [4, 5]);
  assert.deepEqual(Array.from(batch.fixed.negative2 ?? []), [-1, 7]);
  const plain = new BatchBuilder(labels);
  plain.triplet(0, 1, 2);
  const three = plain.buildAligned();
  assert.deepEqual(Array.from(three.rows), [0, 1, 2]);
  assert.deepEqual(Array.from(three.fixed.negative2 ?? []), [-1]);
});
