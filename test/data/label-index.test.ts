import { test } from 'node:test';
import assert from 'node:assert/strict';
import { categoryText, categoryTextsMade, holdCodes } from '../../src/data/category-column.js';
import { DataImportError } from '../../src/data/errors.js';
import { findLabelColumn, isUnlabeled, labelColumnSummary } from '../../src/data/label-column.js';
import {
  caseVariantClasses,
  indexLabelColumn,
  indexLabels,
  labelStrings,
  singleMemberClasses,
} from '../../src/data/label-index.js';
import { holdNumbers, numericTextsMade } from '../../src/data/numeric-column.js';
import { blobTable } from '../engine/helpers.js';

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

test('a label column the table lacks is one DataImportError naming the file and the valid columns', () => {
  const table = blobTable({ classes: 2, perClass: 3 });
  const index = indexLabelColumn(table, 'cell_type');
  assert.deepEqual(index.classes, ['type_0', 'type_1']);
  assert.deepEqual([...index.indices], [0, 1, 0, 1, 0, 1]);
  assert.throws(
    () => indexLabelColumn(table, 'celltype'),
    (err: unknown) => {
      assert.ok(err instanceof DataImportError);
      assert.equal(err.kind, 'unknown-column');
      assert.equal(err.file, 'synthetic-blobs');
      assert.equal(err.column, 'celltype');
      assert.match(
        err.message,
        /^synthetic-blobs.*: there is no label column 'celltype'\. Valid label columns: cell_type$/,
      );
      return true;
    },
  );
  // the import summary's check is the same one
  assert.throws(() => labelColumnSummary(table, 'celltype'), /there is no label column 'celltype'/);
  assert.throws(
    () => findLabelColumn({ ...table, metadata: [] }, 'cell_type'),
    /The file has no text columns to use as labels\./,
  );
});

test('caseVariantClasses groups the classes whose names differ only in letter case', () => {
  const index = indexLabels(['B cell', 'b cell', 'T', 'NK', 'B Cell', 't', 'x']);
  assert.deepEqual(caseVariantClasses(index), [
    ['B Cell', 'B cell', 'b cell'],
    ['T', 't'],
  ]);
  assert.deepEqual(caseVariantClasses(indexLabels(['a', 'b', 'NA', ''])), []);
});

test('a categorical or numeric label column is indexed from its codes or numbers, its text never made', () => {
  const table = blobTable({ classes: 2, perClass: 3 });
  const categories = [' b ', 'a', 'NA', 'b'];
  const codes = Int8Array.from([0, 1, -1, 2, 3, 1]);
  const numbers = Float64Array.from([2, 10, Number.NaN, 2, 10, 1]);
  table.metadata.push(
    holdCodes({ name: 'coded', values: [] }, { codes, categories }),
    holdNumbers({ name: 'leiden', values: [] }, numbers),
  );
  const texts = categoryTextsMade();
  const numberTexts = numericTextsMade();
  const coded = indexLabelColumn(table, 'coded');
  const leiden = indexLabelColumn(table, 'leiden');
  assert.equal(categoryTextsMade(), texts, 'the categorical was indexed without its text');
  assert.equal(numericTextsMade(), numberTexts, 'the numeric column was indexed without its text');
  // the same classes, codes and counts as from the rows' text (two categories of one trimmed text: one class)
  assert.deepEqual(coded, indexLabels(categoryText({ codes, categories })));
  assert.deepEqual(coded.classes, ['a', 'b']);
  assert.deepEqual(leiden, indexLabels(['2', '10', '', '2', '10', '1']));
  assert.deepEqual(leiden.classes, ['1', '10', '2']);
});

test("a categorical's unused category is no class: the classes are those of its rows' text", () => {
  // scanpy users subset cells (adata[adata.obs.n_genes < 2500]) and pandas keeps the emptied categories; a class
  // of 0 cells was listed in the model and called too small a hold-out ("unused 0") on every run
  const table = blobTable({ classes: 2, perClass: 3 });
  const categories = ['T', 'unused', 'B', 'NA'];
  const codes = Int8Array.from([0, 2, -1, 0, 3, 2]);
  table.metadata.push(holdCodes({ name: 'cell_type_manual', values: [] }, { codes, categories }));
  const index = indexLabelColumn(table, 'cell_type_manual');
  assert.deepEqual(index.classes, ['B', 'T']);
  assert.deepEqual(index.counts, [2, 2]);
  assert.deepEqual(index, indexLabels(categoryText({ codes, categories })));
});
