import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isUnlabeled } from '../../src/data/label-column.js';
import { indexLabels, labelStrings, singleMemberClasses } from '../../src/engine/labels.js';

test('empty and NA-like labels are unlabeled (-1); classes are sorted', () => {
  const index = indexLabels(['b', 'NA', 'a', '', ' b ', 'nan', 'c']);
  assert.deepEqual(index.classes, ['a', 'b', 'c']);
  assert.deepEqual([...index.indices], [1, -1, 0, -1, 1, -1, 2]);
  assert.deepEqual(index.counts, [1, 2, 1]);
  assert.deepEqual(labelStrings(index), ['b', '', 'a', '', 'b', '', 'c']);
  assert.deepEqual(singleMemberClasses(index), ['a', 'c']);
});

test("the importer's isUnlabeled keeps real labels that merely contain NA", () => {
  assert.equal(isUnlabeled('N/A'), true);
  assert.equal(isUnlabeled('NAIVE'), false);
  assert.equal(isUnlabeled('0'), false);
});
