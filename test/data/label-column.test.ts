import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isUnlabeled } from '../../src/data/label-column.js';
import { encodeLabels } from '../../src/evaluate/labels.js';

test('isUnlabeled: empty and NA-like label texts in any case, not labels that merely contain them', () => {
  for (const missing of [
    undefined,
    '',
    '  ',
    'NA',
    'na',
    ' N/A ',
    '#N/A',
    'NaN',
    'null',
    'NULL',
    'None',
    '<NA>',
  ]) {
    assert.equal(isUnlabeled(missing), true, String(missing));
  }
  for (const label of ['NAIVE', 'NK', '0', 'nonempty', 'B cell']) {
    assert.equal(isUnlabeled(label), false, label);
  }
});

test('the metrics use the same rule as the importer', () => {
  const { codes, names } = encodeLabels(['T', 'None', ' T ', '#N/A', 'B', '<NA>']);
  assert.deepEqual([...codes], [0, -1, 0, -1, 1, -1]);
  assert.deepEqual(names, ['T', 'B']);
});
