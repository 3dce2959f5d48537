// The labels' leave-one-out kNN-5 agreement with their input-space neighbours, from the sampler's lists.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inputAgreement } from '../../src/triplets/input-agreement.js';

test('counts the rows whose 5 nearest labelled neighbours vote for their own label', () => {
  // rows 0–5 class 0, 6–11 class 1; k = 6 neighbours a row, nearest first
  const labels = Int32Array.from([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
  const anchors = Int32Array.from([0, 6]);
  const index = Int32Array.from([
    // row 0: three of class 0, two of class 1 among the first five → agrees (the sixth does not vote)
    1, 7, 2, 8, 3, 9,
    // row 6: two of class 1, three of class 0 → disagrees
    7, 0, 1, 8, 2, 9,
  ]);
  assert.equal(inputAgreement(labels, anchors, 6, index), 0.5);
});

test('unlabeled neighbours do not vote and a tie goes to the nearest voter’s label', () => {
  const labels = Int32Array.from([0, 0, 1, 1, -1, 2, 2]);
  const anchors = Int32Array.from([0, 1, 2]);
  // k = 6: row 0's voters (4 is unlabeled) 2 (1), 1 (0), 5 (2), 3 (1), 6 (2): labels 1 and 2 tie, 1 is nearer
  const tied = Int32Array.from([4, 2, 1, 5, 3, 6, 0, 2, 3, 5, 6, 4, 3, 0, 1, 5, 6, 4]);
  assert.equal(inputAgreement(labels, anchors, 6, tied), 0);
  // k = 4: row 0's voters 1 (0), 2 (1), 5 (2) tie at one vote each and 0 is nearest: it agrees; row 1's
  // voters 0 (0), 2 (1), 3 (1) and row 2's 3 (1), 0 (0), 1 (0) do not
  const nearest = Int32Array.from([4, 1, 2, 5, 0, 2, 3, 4, 3, 0, 1, 4]);
  assert.ok(Math.abs(inputAgreement(labels, anchors, 4, nearest)! - 1 / 3) < 1e-12);
});

test('unknown when no anchor has a labelled neighbour', () => {
  const labels = Int32Array.from([0, -1, -1, 1]);
  assert.equal(inputAgreement(labels, Int32Array.from([0]), 2, Int32Array.from([1, 2])), undefined);
  assert.equal(inputAgreement(labels, new Int32Array(0), 0, new Int32Array(0)), undefined);
});
