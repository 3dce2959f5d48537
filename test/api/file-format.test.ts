import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FORMAT_NAMES, nonZeroPercent, rowCountText, rowNoun } from '../../src/api/file-format.js';

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

// A walkthrough (a 26-sample bulk tumour panel as a CSV): inspect and the Import screen read "26 cells".
test('rowCountText: cells for the single-cell formats, rows (cells or samples) for a text table', () => {
  assert.equal(rowCountText(26, 'text'), '26 rows (cells or samples)');
  assert.equal(rowCountText(1, 'text'), '1 row (cells or samples)');
  assert.equal(rowCountText(700, 'h5ad'), '700 cells');
  assert.equal(rowCountText(1, 'loom'), '1 cell');
  assert.equal(
    rowCountText(2700, '10x-mtx', (n) => `<${n}>`),
    '<2700> cells',
  );
  assert.equal(rowCountText(700, undefined), '700 cells');
  assert.equal(rowNoun('text'), 'cells or samples');
  assert.equal(rowNoun('mtx'), 'cells');
});
