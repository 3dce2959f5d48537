import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EditedLabels } from '../../src/api/annotation.js';
import {
  EMPTY_HISTORY,
  HISTORY_LIMIT,
  recordChange,
  redo,
  redoLabel,
  undo,
  undoLabel,
} from '../../renderer/annotation-history.js';

const rows = (...r: number[]) => Int32Array.from(r);
const labels = (codes: number[]): EditedLabels => ({
  column: 'label_edited',
  source: 'cell_type',
  categories: ['A', 'B'],
  codes: Int32Array.from(codes),
});

test('undo and redo walk back and forth through selections and label edits in order', () => {
  let h = recordChange(EMPTY_HISTORY, { selection: rows(1, 2) }, 'Select 2 cells');
  const edited = labels([0, 1, 1]);
  h = recordChange(h, { editedLabels: edited }, 'Label 2 cells as B');
  assert.equal(undoLabel(h), 'Label 2 cells as B');
  assert.equal(h.present.editedLabels, edited);
  assert.deepEqual([...h.present.selection], [1, 2]);

  h = undo(h);
  assert.equal(h.present.editedLabels, null);
  assert.deepEqual([...h.present.selection], [1, 2]);
  assert.equal(undoLabel(h), 'Select 2 cells');
  assert.equal(redoLabel(h), 'Label 2 cells as B');

  h = undo(h);
  assert.equal(h.present.selection.length, 0);
  assert.equal(undoLabel(h), null);
  assert.equal(undo(h), h, 'nothing left to undo');

  h = redo(redo(h));
  assert.equal(h.present.editedLabels, edited);
  assert.equal(redoLabel(h), null);
  assert.equal(redo(h), h, 'nothing left to redo');
});

test('a new change after an undo clears the redo stack', () => {
  let h = recordChange(EMPTY_HISTORY, { selection: rows(1) }, 'Select 1 cell');
  h = recordChange(h, { selection: rows(1, 5) }, 'Add 1 cell');
  h = undo(h);
  h = recordChange(h, { selection: rows(7) }, 'Select 1 cell');
  assert.equal(redoLabel(h), null);
  assert.deepEqual([...h.present.selection], [7]);
});

test('a selection change shares the edited labels of the step before (no copy)', () => {
  const edited = labels([0, 0, 1]);
  let h = recordChange(EMPTY_HISTORY, { editedLabels: edited }, 'Label');
  h = recordChange(h, { selection: rows(0) }, 'Select');
  assert.equal(h.present.editedLabels, edited);
  assert.equal(h.past[h.past.length - 1].annotation.editedLabels, edited);
});

test(`at least 50 steps can be undone, and the history stops growing at ${HISTORY_LIMIT}`, () => {
  assert.ok(HISTORY_LIMIT >= 50);
  let h = EMPTY_HISTORY;
  for (let i = 0; i < HISTORY_LIMIT + 25; i++) h = recordChange(h, { selection: rows(i) }, `Select ${i}`);
  assert.equal(h.past.length, HISTORY_LIMIT);
  let undone = 0;
  while (undoLabel(h) !== null) {
    h = undo(h);
    undone++;
  }
  assert.equal(undone, HISTORY_LIMIT);
  // the oldest kept step is the one HISTORY_LIMIT changes before the last
  assert.deepEqual([...h.present.selection], [24]);
});
