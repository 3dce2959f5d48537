// The small-data regime, the hold-out note and stability on request, through the engine.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { runTraining } from '../../src/engine/run-training.js';
import { resolveSettings } from '../../src/engine/settings.js';
import {
  chooseRegime,
  emptyHoldoutNote,
  holdoutNote,
  NO_HOLDOUT_NOTE,
  noHoldoutNote,
  regimeOptions,
  SMALL_MAX_TRAIN_CELLS,
} from '../../src/engine/regime.js';
import { rowWords } from '../../src/api/file-format.js';
import { blobTable } from './helpers.js';

test('chooseRegime: auto by training cells; an explicit regime and explicit settings win', () => {
  assert.equal(chooseRegime('auto', SMALL_MAX_TRAIN_CELLS), 'small');
  assert.equal(chooseRegime('auto', SMALL_MAX_TRAIN_CELLS + 1), 'standard');
  assert.equal(chooseRegime('standard', 10), 'standard');
  assert.equal(chooseRegime('small', 10_000), 'small');
  const resolved = resolveSettings({ labelColumn: 'x', graphWeight: 3 });
  assert.equal(regimeOptions('small', resolved, { graphWeight: 3 }).graphWeight, 3);
  assert.equal(regimeOptions('small', resolved, {}).graphWeight, 0);
  assert.equal(regimeOptions('small', resolved, {}).classEvidence, 10, 'class evidence on tiny tables too');
  const given = { labelColumn: 'x', classEvidence: 0 };
  assert.equal(regimeOptions('small', resolveSettings(given), given).classEvidence, 0);
  assert.equal(regimeOptions('standard', resolved, {}).classEvidence, 10);
  assert.equal(regimeOptions('standard', resolved, {}), resolved);
  assert.throws(
    () => resolveSettings({ labelColumn: 'x', regime: 'tiny' as 'small' }),
    /--regime must be one of: .*; got 'tiny'/,
  );
});

test('holdoutNote: fewer than 5 hold-out cells or a class with fewer than 2 gets a note', () => {
  assert.equal(holdoutNote([3, 3]), undefined);
  assert.equal(holdoutNote([0, 0]), undefined);
  assert.match(holdoutNote([2, 2]) ?? '', /only 4 held-out cells.*0\.25/);
  assert.match(holdoutNote([5, 1, 3]) ?? '', /1 of 3 classes with fewer than 2 held-out cells/);
});

// A walkthrough (a tissue panel with 2 placenta samples, both kept in training): the note said "1 of 7 classes
// with fewer than 2 held-out rows" and the user could not tell which class.
// The split keeps a class of 2 whole below a hold-out of 0.5: a panel of pairs holds out none, and the note said
// "20% of 10 labelled rows rounds to 0 rows" though 20% of 10 is 2.
test('emptyHoldoutNote: classes of at most 2 say why none was held out, and what a hold-out needs', () => {
  const rows = rowWords('text');
  assert.equal(
    emptyHoldoutNote(0.2, [2, 2, 2, 2, 1, 1], [0, 0, 0, 0, 0, 0], rows),
    'no row held out (holdout 0.2): every class has at most 2 labelled rows, and a class of 2 keeps both in training below a hold-out of 0.5 (one row alone has no triplet positive), so no row is left to measure the map on; a class needs 3 labelled rows to lend one to the hold-out and still train on a pair',
  );
  // a fraction that rounds to no row at all still says so
  assert.match(emptyHoldoutNote(0.01, [2, 2], [0, 0], rows) ?? '', /1% of 4 labelled rows rounds to 0 rows/);
});

test('holdoutNote names the thin classes with their hold-out counts, the first 3 of them', () => {
  const rows = rowWords('text');
  assert.equal(
    holdoutNote([7, 0, 6], rows, ['kidney', 'placenta', 'colon']),
    'too small a hold-out for a reliable estimate (1 of 3 classes with fewer than 2 held-out rows: placenta 0): one row moves the accuracy by 0.08; compare several seeds or use all rows',
  );
  assert.match(
    holdoutNote([5, 0, 1, 1, 1, 6], rows, ['a', 'b', 'c', 'd', 'e', 'f']) ?? '',
    /\(4 of 6 classes with fewer than 2 held-out rows: b 0, c 1, d 1, …\)/,
  );
  // the classes with no held-out row first, the ones left unmeasured (a walkthrough on 7 tissues of 2–5 samples read
  // "cerebellum 1, colon 1, endometrium 1, …" while liver and placenta held out none)
  assert.match(
    holdoutNote([1, 1, 1, 1, 1, 0, 0], rows, [
      'cerebellum',
      'colon',
      'endometrium',
      'hippocampus',
      'kidney',
      'liver',
      'placenta',
    ]) ?? '',
    /\(7 of 7 classes with fewer than 2 held-out rows: liver 0, placenta 0, cerebellum 1, …\)/,
  );
  // without names (or names that do not fit the counts) the classes are counted only
  assert.match(holdoutNote([5, 1, 3], rows, ['x']) ?? '', /held-out rows\): one row/);
});

test('the hold-out notes in the words of a text table’s rows', () => {
  const rows = rowWords('text');
  assert.equal(
    holdoutNote([2, 2], rows),
    'too small a hold-out for a reliable estimate (only 4 held-out rows): one row moves the accuracy by 0.25; compare several seeds or use all rows',
  );
  assert.doesNotMatch(holdoutNote([5, 1, 3], rows) ?? '', /cell/);
  assert.doesNotMatch(emptyHoldoutNote(0.01, [5, 5, 4], [0, 0, 0], rows) ?? '', /cell/);
  assert.match(
    emptyHoldoutNote(0.2, [1, 1, 1], [0, 0, 0], rows) ?? '',
    /single labelled row.*at least 2 rows$/,
  );
  assert.equal(
    noHoldoutNote(rows),
    'no hold-out (holdout 0): every labelled row trained the map, so no row is left to measure it on',
  );
  assert.equal(noHoldoutNote(rowWords('h5ad')), NO_HOLDOUT_NOTE);
  assert.match(NO_HOLDOUT_NOTE, /every labelled cell/);
});

test('a tiny table runs in the small regime, notes its thin hold-out, and reports stability', async () => {
  const table = blobTable({ classes: 3, perClass: 5, genes: 8 });
  const warm = await runTraining(table, { labelColumn: 'cell_type', epochs: 2 });
  warm.encoder.dispose();
  const before = tf.memory().numTensors;
  const run = await runTraining(table, { labelColumn: 'cell_type', epochs: 3, stability: true });
  run.encoder.dispose();
  assert.equal(tf.memory().numTensors, before);
  assert.equal(run.report.regime, 'small');
  assert.equal(run.report.parameters.graphWeight, 0);
  assert.equal(run.report.parameters.stability, true);
  // 5 cells a class, 20% held out: one hold-out cell per class, 3 in all; a table without a format is a text
  // table, which may be a bulk panel of samples, so its rows are 'rows' (api/file-format.ts rowWords)
  assert.match(run.report.metricNotes?.knn_holdout ?? '', /only 3 held-out rows/);
  assert.deepEqual(run.report.input.format, { kind: 'text', matrix: '' });
  const s = run.report.stability;
  assert.ok(s && s.seed === run.report.seed + 1, JSON.stringify(s));
  assert.ok(s.disparity >= 0 && s.disparity <= 1, `${s.disparity}`);
  const plain = await runTraining(table, { labelColumn: 'cell_type', epochs: 3, regime: 'standard' });
  plain.encoder.dispose();
  assert.equal(plain.report.regime, 'standard');
  assert.equal(plain.report.stability, undefined);
});

test('emptyHoldoutNote: a hold-out > 0 that held out no cell says why; none when a cell was held out', () => {
  assert.equal(emptyHoldoutNote(0.2, [5, 5], [1, 1]), undefined);
  assert.match(
    emptyHoldoutNote(0.01, [5, 5, 4], [0, 0, 0]) ?? '',
    /^no cell held out \(holdout 0\.01\): 1% of 14 labelled cells rounds to 0 cells/,
  );
  assert.match(
    emptyHoldoutNote(0.2, [1, 1, 1], [0, 0, 0]) ?? '',
    /every class has a single labelled cell.*at least 2 cells/,
  );
});

// A walkthrough (a bulk panel whose tissues were spelt in two letter cases, some of one sample): the run's notes
// said "have a single cell" and "If each group is one cell type" of a table of samples, whose rows the other
// notes call rows and whose labels classes.
test("a text table's run warnings about its classes speak of rows and classes, a single-cell format's of cells", async () => {
  const table = blobTable({ classes: 3, perClass: 4, genes: 6 });
  const labels = table.metadata[0].values.map((l, r) => (r === 0 ? 'lonely' : r === 1 ? 'Type_1' : l));
  const text = { ...table, metadata: [{ name: 'cell_type', values: labels }] };
  const run = await runTraining(text, { labelColumn: 'cell_type', epochs: 1 });
  run.encoder.dispose();
  const warnings = run.report.warnings.join('\n');
  assert.match(warnings, /'lonely'.* a single row and cannot anchor a triplet/);
  assert.match(warnings, /'Type_1' \(1\) and 'type_1' \(\d\).*If each group is one class, /);
  assert.doesNotMatch(warnings, /single cell|cell type/);
  const h5ad = { ...text, format: { kind: 'h5ad' as const, matrix: 'X', layers: [], obsm: [] } };
  const cells = await runTraining(h5ad, { labelColumn: 'cell_type', epochs: 1 });
  cells.encoder.dispose();
  assert.match(cells.report.warnings.join('\n'), /a single cell and cannot anchor a triplet/);
  assert.match(cells.report.warnings.join('\n'), /If each group is one cell type, /);
});
