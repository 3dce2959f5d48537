import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FORMAT_NAMES, nonZeroPercent } from '../../src/api/file-format.js';

test('nonZeroPercent: one decimal, small shares kept visible, nothing and everything as such', () => {
  assert.equal(nonZeroPercent(0.326), '32.6');
  assert.equal(nonZeroPercent(0.00042), '0.042');
  assert.equal(nonZeroPercent(0), '0.0');
  assert.equal(nonZeroPercent(1), '100.0');
});

test('every format kind has a name in the user’s terms', () => {
  assert.equal(FORMAT_NAMES.h5ad, 'AnnData (.h5ad)');
  assert.ok(Object.values(FORMAT_NAMES).every((name) => name.length > 0));
});
