import { test } from 'node:test';
import assert from 'node:assert/strict';
import { indexLabels, isMissingLabel, labelStrings, singleMemberClasses } from '../../src/engine/labels.js';

test('empty and NA-like labels are unlabeled (-1); classes are sorted', () => {
  const index = indexLabels(['b', 'NA', 'a', '', ' b ', 'nan', 'c']);
  assert.deepEqual(index.classes, ['a', 'b', 'c']);
  assert.deepEqual([...index.indices], [1, -1, 0, -1, 1, -1, 2]);
  assert.deepEqual(index.counts, [1, 2, 1]);
  assert.deepEqual(labelStrings(index), ['b', '', 'a', '', 'b', '', 'c']);
  assert.deepEqual(singleMemberClasses(index), ['a', 'c']);
});

test('isMissingLabel keeps real labels that merely contain NA', () => {
  assert.equal(isMissingLabel('N/A'), true);
  assert.equal(isMissingLabel('NAIVE'), false);
  assert.equal(isMissingLabel('0'), false);
});
