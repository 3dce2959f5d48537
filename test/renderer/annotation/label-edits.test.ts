import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  acceptableRows,
  acceptPredictions,
  changedCount,
  classCounts,
  editedLabelStrings,
  editsOrStart,
  labelCells,
  labelsShown,
  markUnlabeled,
  mergeClasses,
  renameClass,
  startEdits,
} from '../../../renderer/annotation/label-edits.js';

const rows = (...r: number[]) => Int32Array.from(r);
const RUN = ['B', 'A', '', 'B', 'C'];

test('startEdits copies the run labels (sorted classes, -1 for unlabeled) into label_edited', () => {
  const e = startEdits('cell_type', RUN);
  assert.equal(e.column, 'label_edited');
  assert.equal(e.source, 'cell_type');
  assert.deepEqual(e.categories, ['A', 'B', 'C']);
  assert.deepEqual([...e.codes], [1, 0, -1, 1, 2]);
  assert.deepEqual(editedLabelStrings(e), RUN);
  assert.equal(changedCount(e, RUN), 0);
  // editsOrStart keeps edits of the same cells, starts again for another cell count
  assert.equal(editsOrStart(e, 'cell_type', RUN), e);
  assert.notEqual(editsOrStart(e, 'cell_type', ['A']), e);
});

test('labelCells gives a selection a new or an existing class, without touching the input', () => {
  const e = startEdits('cell_type', RUN);
  const before = e.codes.slice();
  const renamed = labelCells(e, rows(0, 2), '  T cell ');
  assert.deepEqual(renamed.categories, ['A', 'B', 'C', 'T cell']);
  assert.deepEqual(editedLabelStrings(renamed), ['T cell', 'A', 'T cell', 'B', 'C']);
  assert.deepEqual(e.codes, before, 'the previous step is unchanged (undo shares it)');
  const existing = labelCells(e, rows(4), 'A');
  assert.deepEqual(existing.categories, e.categories);
  assert.deepEqual(editedLabelStrings(existing), ['B', 'A', '', 'B', 'A']);
  assert.equal(changedCount(existing, RUN), 1);
  assert.throws(() => labelCells(e, rows(1), '   '), /class name/);
});

test('markUnlabeled clears labels; merge and rename combine classes', () => {
  const e = startEdits('cell_type', RUN);
  assert.deepEqual(editedLabelStrings(markUnlabeled(e, rows(0, 1))), ['', '', '', 'B', 'C']);
  const merged = mergeClasses(e, ['A', 'C'], 'B');
  assert.deepEqual(merged.categories, ['B']);
  assert.deepEqual(editedLabelStrings(merged), ['B', 'B', '', 'B', 'B']);
  const intoNew = mergeClasses(e, ['A', 'B'], 'AB');
  assert.deepEqual(intoNew.categories, ['C', 'AB']);
  assert.deepEqual(editedLabelStrings(intoNew), ['AB', 'AB', '', 'AB', 'C']);
  assert.throws(() => mergeClasses(e, ['B'], 'B'), /at least one other class/);

  const renamed = renameClass(e, 'C', 'Mono');
  assert.deepEqual(renamed.categories, ['A', 'B', 'Mono']);
  assert.deepEqual(editedLabelStrings(renamed), ['B', 'A', '', 'B', 'Mono']);
  // renaming onto an existing class merges them
  const onto = renameClass(e, 'C', 'A');
  assert.deepEqual(onto.categories, ['A', 'B']);
  assert.deepEqual(editedLabelStrings(onto), ['B', 'A', '', 'B', 'A']);
  assert.throws(() => renameClass(e, 'Z', 'Y'), /no class 'Z'/);
});

test('classCounts reads the edited column', () => {
  const e = labelCells(startEdits('cell_type', RUN), rows(2), 'B');
  assert.deepEqual(classCounts(e), {
    classes: [
      { name: 'A', count: 1 },
      { name: 'B', count: 3 },
      { name: 'C', count: 1 },
    ],
    unlabeled: 0,
  });
});

test('labelsShown: the edited labels when there are edits for these cells, else the run labels', () => {
  assert.equal(labelsShown(RUN, null), RUN);
  const e = labelCells(startEdits('cell_type', RUN), rows(2), 'X');
  assert.deepEqual(labelsShown(RUN, e), ['B', 'A', 'X', 'B', 'C']);
  assert.equal(labelsShown(RUN, e), labelsShown(RUN, e), 'one array per edit: a render can compare it');
  assert.equal(labelsShown(['A'], e).length, 1, 'edits of another dataset are ignored');
});

test('accepting predictions labels only unlabeled cells at or above the threshold, counted first', () => {
  const labels = ['A', '', '', '', 'B'];
  const e = startEdits('cell_type', labels);
  const predictions = {
    predicted: ['B', 'A', 'New', 'B', ''],
    confidence: Float32Array.from([1, 0.9, 0.6, 0.4, NaN]),
  };
  assert.deepEqual([...acceptableRows(e, predictions, 0.5)], [1, 2]);
  assert.deepEqual([...acceptableRows(e, predictions, 0)], [1, 2, 3]);
  assert.deepEqual([...acceptableRows(e, predictions, 0.95)], []);
  const accepted = acceptPredictions(e, predictions, 0.5);
  assert.deepEqual(editedLabelStrings(accepted), ['A', 'A', 'New', '', 'B']);
  assert.deepEqual(accepted.categories, ['A', 'B', 'New']);
  assert.deepEqual(editedLabelStrings(e), labels, 'the input is unchanged');
});
