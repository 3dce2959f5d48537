import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  FORMAT_NAMES,
  matrixText,
  nonZeroPercent,
  orientationText,
  reportFormatKind,
  rowCountText,
  rowNoun,
  rowsText,
  rowWords,
} from '../../src/api/file-format.js';

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

// A walkthrough: inspect and embed said "loom; matrix matrix" and "(MatrixMarket); matrix matrix.mtx.gz".
test('matrixText: a main matrix, a genome, a file or a named matrix, never "matrix matrix"', () => {
  assert.equal(matrixText({ kind: 'loom', matrix: 'matrix' }), 'its main matrix');
  assert.equal(matrixText({ kind: '10x-h5', matrix: 'matrix' }), 'its main matrix');
  assert.equal(matrixText({ kind: '10x-h5', matrix: 'GRCh38' }), 'the matrix of genome GRCh38');
  assert.equal(matrixText({ kind: '10x-mtx', matrix: 'matrix.mtx.gz' }), 'file matrix.mtx.gz');
  assert.equal(matrixText({ kind: 'mtx', matrix: 'cells.mtx' }), 'file cells.mtx');
  assert.equal(matrixText({ kind: 'h5ad', matrix: 'X' }), 'matrix X');
  // an h5ad layer that happens to be called 'matrix' is named as any other layer
  assert.equal(matrixText({ kind: 'h5ad', matrix: 'layers/matrix' }), 'matrix layers/matrix');
  assert.equal(matrixText({ kind: 'loom', matrix: 'layers/spliced' }), 'matrix layers/spliced');
  assert.equal(matrixText({ kind: 'text', matrix: '' }), '');
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

// A walkthrough (the 38-sample Golub leukaemia panel as a CSV): past the Shape line every screen and the CLI said
// "38 labelled cells", "kNN accuracy, held-out cells", "30 training cells", "cells as rows".
test('rowWords: cell/cells for the single-cell formats and an unknown kind, row/rows for a text table', () => {
  assert.deepEqual(rowWords('text'), { one: 'row', many: 'rows', kind: 'class', classes: 'classes' });
  for (const kind of ['h5ad', 'loom', '10x-h5', '10x-mtx', 'mtx', undefined] as const) {
    assert.deepEqual(
      rowWords(kind),
      { one: 'cell', many: 'cells', kind: 'type', classes: 'cell types' },
      kind,
    );
  }
  // the same rule as the Shape line's
  for (const kind of [...(Object.keys(FORMAT_NAMES) as (keyof typeof FORMAT_NAMES)[]), undefined]) {
    assert.equal(rowWords(kind).many === 'cells', rowNoun(kind) === 'cells', kind);
  }
});

test('rowsText counts in those words; orientationText names the rows as rowNoun does', () => {
  assert.equal(rowsText(38, 'text'), '38 rows');
  assert.equal(rowsText(1, 'text'), '1 row');
  assert.equal(rowsText(700, 'h5ad'), '700 cells');
  assert.equal(rowsText(1, 'loom'), '1 cell');
  assert.equal(
    rowsText(2700, 'mtx', (n) => `<${n}>`),
    '<2700> cells',
  );
  assert.equal(orientationText('cells-as-rows', 'text'), 'cells or samples as rows');
  assert.equal(orientationText('cells-as-rows', 'h5ad'), 'cells as rows');
  assert.equal(orientationText('cells-as-rows', undefined), 'cells as rows');
  assert.equal(orientationText('genes-as-rows', 'text'), 'genes as rows');
});

test('reportFormatKind: the kind a run report names, undefined when missing or unknown', () => {
  assert.equal(reportFormatKind({ input: { format: { kind: 'text', matrix: '' } } }), 'text');
  assert.equal(reportFormatKind({ input: { format: { kind: 'h5ad', matrix: 'X' } } }), 'h5ad');
  assert.equal(reportFormatKind({ input: { cells: 3 } }), undefined, 'an older report');
  assert.equal(reportFormatKind({ input: { format: { kind: 'toString' } } }), undefined);
  assert.equal(reportFormatKind({ input: { format: { kind: 7 } } }), undefined);
  assert.equal(reportFormatKind({}), undefined);
  assert.equal(reportFormatKind(null), undefined);
  assert.equal(reportFormatKind(undefined), undefined);
});
