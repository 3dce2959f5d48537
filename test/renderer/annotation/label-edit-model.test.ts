import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RunResult } from '../../../src/api/engine-api.js';
import {
  acceptThreshold,
  labelButton,
  labelEditView,
  renameButtons,
  retrainEpochs,
  retrainInit,
  THRESHOLD_REFUSED,
} from '../../../renderer/annotation/label-edit-model.js';
import { INITIAL_STATE, reduce, type AppState } from '../../../renderer/state.js';
import { labelCells, startEdits } from '../../../renderer/annotation/label-edits.js';
import { labelClassOrder } from '../../../renderer/label-class-order.js';

const result = {
  runId: 'run-1',
  labelColumn: 'cell_type',
  labels: ['A', 'B', '', ''],
} as unknown as RunResult;
const withRun: AppState = { ...INITIAL_STATE, result, dataset: {} as AppState['dataset'] };

test('a text table’s rows are rows in the status and the accept line', () => {
  const text = { ...result, report: { input: { format: { kind: 'text', matrix: '' } } } } as RunResult;
  const state = reduce(
    { ...withRun, result: text },
    { type: 'annotate', label: 'Select 2 rows', selection: Int32Array.of(0, 2) },
  );
  const predictions = { predicted: ['', '', 'A', 'B'], confidence: Float32Array.of(NaN, NaN, 0.9, 0.85) };
  const view = labelEditView(state, predictions, 0.8);
  assert.equal(view.status, '2 rows selected · no edits yet · 2 classes, 2 unlabeled');
  assert.equal(view.acceptText, '2 unlabeled rows have a predicted label with confidence ≥ 0.80.');
  assert.equal(view.thresholdHint, 'For unlabeled rows only; 0–1.');
  assert.equal(labelEditView(withRun, null, 0.8).status.split(' · ')[0], 'No cells selected');
  assert.equal(
    labelEditView({ ...withRun, result: text }, null, 0.8).status.split(' · ')[0],
    'No rows selected',
  );
});

test('without a map the panel explains what to do and allows nothing', () => {
  const view = labelEditView(INITIAL_STATE, null, 0.8);
  assert.equal(view.editable, false);
  assert.equal(view.edits, null);
  assert.match(view.status, /Train a map/);
});

test('the panel counts the selection, the edits and what a bulk accept would label', () => {
  let state = reduce(withRun, { type: 'annotate', label: 'Select 2 cells', selection: Int32Array.of(0, 2) });
  let view = labelEditView(state, null, 0.8);
  assert.equal(view.status, '2 cells selected · no edits yet · 2 classes, 2 unlabeled');
  assert.deepEqual(view.classes, ['A', 'B']);
  assert.equal(view.acceptCount, null);
  assert.match(view.acceptText, /not available/);
  assert.ok(view.canRetrain && view.editable && view.canSave);

  state = reduce(state, {
    type: 'annotate',
    label: 'Label 2 cells C',
    editedLabels: labelCells(startEdits('cell_type', result.labels), Int32Array.of(0, 2), 'C'),
  });
  const predictions = { predicted: ['', '', '', 'B'], confidence: Float32Array.of(NaN, NaN, 0.9, 0.85) };
  view = labelEditView(state, predictions, 0.8);
  assert.equal(view.status, '2 cells selected · 2 cells relabelled · 2 classes, 1 unlabeled');
  assert.equal(view.acceptCount, 1);
  assert.equal(view.acceptText, '1 unlabeled cell has a predicted label with confidence ≥ 0.80.');
  assert.equal(labelEditView(state, predictions, 0.9).acceptCount, 0);
});

test('retraining is off while the data is not held, and while a run is going', () => {
  const lost = labelEditView({ ...withRun, resultLost: 'The input file x was not found: …' }, null, 0.8);
  assert.equal(lost.canRetrain, false);
  assert.match(lost.retrainNote, /open the input file first/);
  const running = reduce(withRun, { type: 'training-started', runId: 'run-2' });
  const view = labelEditView(running, null, 0.8);
  assert.equal(view.editable, false);
  assert.equal(view.canRetrain, false);
});

test('retrain choices: the typed epochs, the default when empty, a message for one Epochs refuses', () => {
  assert.deepEqual(retrainEpochs(''), {});
  assert.deepEqual(retrainEpochs(' 3 '), { epochs: 3 });
  // these trained the default 5 epochs without a word; the message is the Train screen's Epochs field's
  const refused = (text: string, badInput = false) => {
    const out = retrainEpochs(text, badInput);
    assert.ok('error' in out, `${JSON.stringify(text)} is refused`);
    return out.error;
  };
  assert.match(refused('0'), /^Epochs must be between 1 and \d+; got 0$/);
  assert.match(refused('-3'), /^Epochs must be between 1 and \d+; got -3$/);
  assert.equal(refused('2.5'), 'Epochs must be a whole number');
  // a number input gives '' for typed text that is no number (validity.badInput)
  assert.equal(refused('', true), 'Epochs must be a whole number');
  assert.equal(retrainInit('scratch'), 'scratch');
  assert.equal(retrainInit('whatever'), 'fine-tune');
});

test('the per-cell work is done once per change of labels or edits, not on every state change', () => {
  const a = labelEditView(withRun, null, 0.8);
  const b = labelEditView(reduce(withRun, { type: 'busy-progress', fraction: 0.5 }), null, 0.8);
  assert.equal(b.edits, a.edits, 'the same (memoized) edits, not a fresh copy of the labels');
  const other = { ...withRun, result: { ...result, labels: ['B', 'B', 'A', ''] } };
  assert.notEqual(labelEditView(other, null, 0.8).edits, a.edits);
});

test('after a retrain with the edited labels the panel says so, not "no edits yet"', () => {
  const retrained = { ...result, runId: 'run-2', labelColumn: 'label_edited', labels: ['C', 'B', 'C', ''] };
  const view = labelEditView({ ...withRun, result: retrained as unknown as RunResult }, null, 0.8);
  assert.equal(
    view.status,
    'No cells selected · retrained with the edited labels, no edits since · 2 classes, 1 unlabeled',
  );
});

test('a class whose cells were all labelled another leaves the pickers, as it leaves the map and the exports', () => {
  const state = reduce(withRun, {
    type: 'annotate',
    label: 'Label 1 cell B',
    editedLabels: labelCells(startEdits('cell_type', result.labels), Int32Array.of(0), 'B'),
  });
  const view = labelEditView(state, null, 0.8);
  assert.deepEqual(view.classes, ['B']);
  assert.equal(view.status, 'No cells selected · 1 cell relabelled · 1 class, 2 unlabeled');
});

test('Accept predictions takes a confidence from 0 to 1 as typed; an empty field or 1.5 accepts nothing', () => {
  assert.equal(acceptThreshold('0.8'), 0.8);
  assert.equal(acceptThreshold(' 1 '), 1);
  assert.equal(acceptThreshold('0'), 0);
  // an emptied field read as 0 (every prediction, however unsure), 1.5 as 1: silently, either way
  for (const typed of ['', '  ', '1.5', '-0.1', 'high']) assert.equal(acceptThreshold(typed), null, typed);
  const predictions = { predicted: ['', '', 'A', 'B'], confidence: Float32Array.of(NaN, NaN, 0.9, 0.3) };
  assert.equal(labelEditView(withRun, predictions, acceptThreshold('0')).acceptCount, 2);
  const refused = labelEditView(withRun, predictions, acceptThreshold(''));
  assert.equal(refused.acceptCount, 0, 'the Accept predictions button is disabled');
  assert.equal(refused.acceptText, THRESHOLD_REFUSED);
  assert.match(THRESHOLD_REFUSED, /“Accept predicted labels with confidence at least”/);
});

test('Existing class lists the classes in the legend’s order: the label column’s stored categories first', () => {
  const run = {
    runId: 'run-2',
    labelColumn: 'cell_type',
    labels: ['B', 'T', 'T', 'NK', 'T', '', 'B', 'new'],
  } as unknown as RunResult;
  const dataset = { categoryOrder: { cell_type: ['T', 'NK', 'B'] } } as unknown as AppState['dataset'];
  const stored = labelEditView({ ...INITIAL_STATE, result: run, dataset }, null, 0.8);
  // 'new' has no stored place: after the stored ones, as the legend puts it
  assert.deepEqual(stored.classes, ['T', 'NK', 'B', 'new']);
  // a text column (no stored order): largest first, ties by name, as the legend lists it
  const text = labelEditView(
    { ...INITIAL_STATE, result: run, dataset: {} as AppState['dataset'] },
    null,
    0.8,
  );
  assert.deepEqual(text.classes, ['T', 'B', 'NK', 'new']);
});

// A scanpy walkthrough: a map retrained on its edited labels (label column label_edited, which no file stores)
// listed the classes largest first — Dendritic above CD14+ Monocyte — where the first map had followed the
// h5ad's categories; the legend, Select class and this list all jumped.
test('a map retrained on edited labels keeps the order of the column the edits started from', () => {
  const original = ['B', 'T', 'T', 'NK', 'T', 'T', 'B', 'NK'];
  const edited = labelCells(startEdits('cell_type', original), Int32Array.of(3), 'new');
  const retrained = {
    runId: 'run-3',
    labelColumn: edited.column,
    labels: edited.codes.length ? Array.from(edited.codes, (c) => edited.categories[c]) : [],
  } as unknown as RunResult;
  const dataset = { categoryOrder: { cell_type: ['NK', 'B', 'T'] } } as unknown as AppState['dataset'];
  const base = { ...INITIAL_STATE, result: retrained, dataset };
  const state: AppState = {
    ...base,
    annotation: { ...base.annotation, present: { ...base.annotation.present, editedLabels: edited } },
  };
  assert.deepEqual(labelEditView(state, null, 0.8).classes, ['NK', 'B', 'T', 'new']);
  assert.deepEqual(labelClassOrder(state, edited.column), ['NK', 'B', 'T']);
  assert.equal(labelClassOrder({ ...state, annotation: base.annotation }, edited.column), undefined);
});

test('a map the engine let go (another tab’s Open, a dead engine process) is not saved or exported from the engine', () => {
  assert.equal(labelEditView(withRun, null, 0.8).mapHeld, true);
  const lost = { ...withRun, resultLost: 'The trained map (run-1) is no longer held by the engine.' };
  assert.equal(labelEditView(lost, null, 0.8).mapHeld, false, 'Save session and Export edited labels off');
  // a reopened session without its input: the engine holds its map, which it saves and exports from
  const detached = { ...lost, inputMissing: true };
  assert.equal(labelEditView(detached, null, 0.8).mapHeld, true);
});

// Rename and Merge into were enabled with "Rename or merge it" empty: a click brought up "Label edit refused:
// Type a class name first." They wait for a name, and say so as their title.
test('Rename and Merge into are off, saying why, until a name is typed in “Rename or merge it”', () => {
  const view = labelEditView(withRun, null, 0.8);
  for (const typed of ['', '   ']) {
    const { rename, merge } = renameButtons(view, typed);
    assert.deepEqual([rename.disabled, merge.disabled], [true, true]);
    assert.match(rename.title, /new name in “Rename or merge it”/);
    assert.match(merge.title, /class to merge into in “Rename or merge it”/);
  }
  assert.deepEqual(renameButtons(view, 'T cells'), {
    rename: { disabled: false, title: '' },
    merge: { disabled: false, title: '' },
  });
  // nothing to edit: off whatever is typed
  const none = renameButtons(labelEditView(INITIAL_STATE, null, 0.8), 'T cells');
  assert.deepEqual([none.rename.disabled, none.merge.disabled], [true, true]);
});

// Label selection was enabled with its Class field empty: a click brought up "Label edit refused: Type a class
// name first." It waits for a name as Rename and Merge into do, and says so as its title.
test('Label selection is off, saying why, until a class is typed in “Class”', () => {
  const selected = reduce(withRun, {
    type: 'annotate',
    label: 'Select 2 cells',
    selection: Int32Array.of(0, 2),
  });
  const view = labelEditView(selected, null, 0.8);
  for (const typed of ['', '   ']) {
    const state = labelButton(view, typed);
    assert.equal(state.disabled, true);
    assert.match(state.title, /in “Class”/);
  }
  assert.deepEqual(labelButton(view, 'T cells'), { disabled: false, title: '' });
  // nothing selected, or nothing to edit: off whatever is typed
  assert.equal(labelButton(labelEditView(withRun, null, 0.8), 'T cells').disabled, true);
  assert.equal(labelButton(labelEditView(INITIAL_STATE, null, 0.8), 'T cells').disabled, true);
});
