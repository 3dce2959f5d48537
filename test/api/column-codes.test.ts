import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codedValue, decodeColumnCodes, encodeColumnCodes } from '../../src/api/column-codes.js';

test('a column becomes codes into its distinct values, in order of first appearance, and back', () => {
  const values = ['B', 'T', '', 'B', 'NK', 'T', ''];
  const coded = encodeColumnCodes(values);
  assert.deepEqual(coded.categories, ['B', 'T', '', 'NK']);
  assert.deepEqual(Array.from(coded.codes), [0, 1, 2, 0, 3, 1, 2]);
  assert.deepEqual(decodeColumnCodes(coded), values);
  assert.equal(codedValue(coded, 4), 'NK');
  assert.equal(codedValue(coded, 7), '', 'a row beyond the column');
  assert.deepEqual(decodeColumnCodes(encodeColumnCodes([])), []);
});

test('a byte a code up to 256 classes, four above', () => {
  const classes = (n: number) => Array.from({ length: 1000 }, (_, i) => `c${i % n}`);
  assert.ok(encodeColumnCodes(classes(256)).codes instanceof Uint8Array);
  const wide = encodeColumnCodes(classes(257));
  assert.ok(wide.codes instanceof Int32Array);
  assert.deepEqual(decodeColumnCodes(wide), classes(257));
});
