import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ColumnValues } from '../../../src/api/engine-api.js';
import { EMPTY_HISTORY, recordChange } from '../../../renderer/annotation-history.js';
import {
  columnChoices,
  classLabel,
  columnColorBy,
  countsText,
  describeMap,
  dimsChoices,
  dimsNote,
  dragHint,
  findCell,
  findWords,
  invertLabel,
  metricTestId,
  pickLabel,
  qualityView,
  selectionControls,
  selectionLayout,
  selectionSummary,
  selectMode,
  stoppedText,
} from '../../../renderer/screens/explore-model.js';
import type { RunResult } from '../../../src/api/engine-api.js';
import { rowWords } from '../../../src/api/file-format.js';

const run: Pick<RunResult, 'ids' | 'labels' | 'split' | 'report'> = {
  ids: ['c1', 'c2', 'c3', 'c4'],
  labels: ['B', 'T', '', 'B'],
  split: ['train', 'holdout', 'unlabeled', 'train'],
  report: {},
};

test('Shift adds, Alt removes, a plain drag replaces (Alt wins when both are held)', () => {
  assert.equal(selectMode({ shiftKey: false, altKey: false }), 'replace');
  assert.equal(selectMode({ shiftKey: true, altKey: false }), 'add');
  assert.equal(selectMode({ shiftKey: false, altKey: true }), 'subtract');
  assert.equal(selectMode({ shiftKey: true, altKey: true }), 'subtract');
});

test('selection changes are named for the Undo/Redo titles', () => {
  assert.equal(pickLabel('replace', 120, 120), 'Select 120 cells');
  assert.equal(pickLabel('replace', 1, 1), 'Select 1 cell');
  assert.equal(pickLabel('add', 30, 150), 'Add 30 cells (150 selected)');
  assert.equal(pickLabel('subtract', 20, 130), 'Remove 20 cells (130 selected)');
});

test('the selection summary counts by label and says how to select when empty', () => {
  const s = selectionSummary(Int32Array.from([0, 2, 3]), run.labels, 'lasso');
  assert.equal(s.headline, '3 cells selected');
  assert.deepEqual(s.counts, [
    { label: 'B', count: 2 },
    { label: 'unlabeled', count: 1 },
  ]);
  assert.match(selectionSummary(new Int32Array(0), run.labels, 'navigate').headline, /Choose Box or Lasso/);
  assert.match(selectionSummary(new Int32Array(0), run.labels, 'box').headline, /Drag a box/);
});

// A walkthrough with a 38-sample leukaemia panel (a CSV): past the counts line's "38 rows", the Select panel
// said "No cells selected … to select cells", "10 cells selected" and the Undo titles "Select 10 cells".
test('a text table’s selection is counted in rows', () => {
  const rows = rowWords('text');
  assert.equal(
    selectionSummary(Int32Array.from([0, 2, 3]), run.labels, 'lasso', rows).headline,
    '3 rows selected',
  );
  assert.equal(
    selectionSummary(new Int32Array(0), run.labels, 'navigate', rows).headline,
    'No rows selected. Choose Box or Lasso, then drag over the map to select rows.',
  );
  assert.equal(pickLabel('replace', 1, 1, rows), 'Select 1 row');
  assert.equal(pickLabel('add', 30, 150, rows), 'Add 30 rows (150 selected)');
  assert.equal(classLabel('replace', 'AML', 11, rows), 'Select class AML (11 rows)');
  assert.equal(invertLabel(27, rows), 'Invert selection (27 rows)');
  assert.equal(invertLabel(27), 'Invert selection (27 cells)', 'cells by default');
});

test('Undo/Redo and Clear are enabled by the history, with the change named in the title', () => {
  const none = selectionControls(EMPTY_HISTORY, true);
  assert.deepEqual(
    [none.undo, none.redo, none.clear, none.undoTitle, none.redoTitle],
    [false, false, false, 'Nothing to undo', 'Nothing to redo'],
  );
  const one = recordChange(EMPTY_HISTORY, { selection: Int32Array.from([1, 2]) }, 'Select 2 cells');
  const c = selectionControls(one, true);
  assert.deepEqual([c.undo, c.redo, c.clear, c.undoTitle], [true, false, true, 'Undo: Select 2 cells']);
  assert.equal(selectionControls(one, false).clear, false, 'nothing to clear without a map');
});

test('the drag hint names the modifier keys when selecting', () => {
  assert.match(dragHint('lasso', true), /Shift\+drag adds, Alt\+drag removes/);
  assert.match(dragHint('navigate', true), /rotate/);
  assert.match(dragHint('navigate', false), /zoom/);
});

test('Find answers with the row and a sentence', () => {
  assert.deepEqual(findCell(run, ' c2 '), { row: 1, text: 'c2: T, held out — ringed in red.' });
  assert.deepEqual(findCell(run, 'c3'), { row: 2, text: 'c3: unlabeled, unlabeled — ringed in red.' });
  assert.deepEqual(findCell(run, 'zz'), { row: -1, text: 'No cell with id “zz”.' });
  assert.deepEqual(findCell(run, '  '), { row: -1, text: '' });
  assert.deepEqual(findCell(null, 'c1'), { row: -1, text: 'No cell with id “c1”.' });
  // a text table's rows (a bulk panel's samples) are rows, in Find's words too
  const textRun = { ...run, report: { input: { format: { kind: 'text', matrix: '' } } } };
  assert.deepEqual(findCell(textRun, 'zz'), { row: -1, text: 'No row with id “zz”.' });
  assert.deepEqual(findWords(textRun), { label: 'Find a row by id', placeholder: 'row id' });
  assert.deepEqual(findWords(run), { label: 'Find a cell by id', placeholder: 'cell id' });
});

test('the sentences beside the map', () => {
  assert.match(countsText(run), /^4 cells: 1 held out \(◆\), 1 unlabeled \(grey\)\./);
  assert.equal(dimsNote(100, 3, true), '');
  assert.equal(dimsNote(100, 2, false), '');
  assert.match(dimsNote(60_000, 3, false), /Shown in 2-D first/);
  // a text table's rows, which may be a bulk panel's samples, are rows here as everywhere on the page
  assert.match(dimsNote(60_000, 3, false, rowWords('text')), /3-D with 60.000 rows redraws slowly\.$/);
  assert.match(dimsNote(60_000, 3, false, rowWords('h5ad')), /3-D with 60.000 cells redraws slowly\.$/);
  assert.equal(
    stoppedText({ history: [{ epoch: 1, loss: 1, activeFraction: 1 }], stoppedReason: 'completed' }),
    '1 epochs, all epochs completed.',
  );
  assert.equal(
    stoppedText({ history: [], stoppedReason: 'early-stopping', stopMessage: 'no gain for 5 epochs' }),
    '0 epochs. no gain for 5 epochs.',
  );
  assert.equal(metricTestId('kNN accuracy, held-out cells'), 'metric-knn-accuracy-held-out-cells');
  assert.equal(metricTestId('… PCA baseline'), 'metric-pca-baseline');
  const r = { labelColumn: 'cell_type', coords: { rows: 4, cols: 3 } } as unknown as RunResult;
  assert.equal(describeMap(r, null, '/data/x.h5ad'), 'x.h5ad — 3-D map, coloured by cell_type');
  assert.equal(describeMap(r, 'CD3E', undefined), 'data — 3-D map, coloured by CD3E');
  // a Cell Ranger folder as the File line names it: every sample's is filtered_feature_bc_matrix
  assert.equal(
    describeMap(r, null, '/data/pbmc3k/outs/filtered_feature_bc_matrix/'),
    'pbmc3k/outs/filtered_feature_bc_matrix — 3-D map, coloured by cell_type',
  );
  assert.equal(describeMap(null, null, undefined), 'TripletLens map');
});

test('Select class and Invert are named for Undo/Redo', () => {
  assert.equal(classLabel('replace', 'B', 40), 'Select class B (40 cells)');
  assert.equal(classLabel('add', 'B', 90), 'Add class B (90 selected)');
  assert.equal(classLabel('subtract', 'B', 50), 'Remove class B (50 selected)');
  assert.equal(invertLabel(660), 'Invert selection (660 cells)');
});

test('2-D maps select with Plotly dragmodes; 3-D layouts are left alone', () => {
  assert.deepEqual(selectionLayout(false, 'box', 3), { dragmode: 'select', selectionrevision: 3 });
  assert.deepEqual(selectionLayout(false, 'lasso', 4), { dragmode: 'lasso', selectionrevision: 4 });
  assert.deepEqual(selectionLayout(false, 'navigate', 4), { dragmode: 'zoom', selectionrevision: 4 });
  assert.deepEqual(selectionLayout(true, 'lasso', 4), {});
});

test('the Quality panel shows the run’s regime and marks the metrics the engine attached a note to', () => {
  const metrics = {
    knn_holdout: 0.5,
    knn_holdout_pca: 0.4,
    knn_holdout_input: 0.6,
    knn_train: 0.9,
    silhouette: 0.2,
    trustworthiness: 0.8,
  };
  const note = 'too small a hold-out for a reliable estimate (only 3 held-out cells)';
  const small = qualityView({
    metrics,
    report: { regime: 'small', metricNotes: { knn_holdout: note, knn_holdout_pca: note } },
  });
  assert.equal(small.rows.length, 6);
  assert.equal(small.rows[0][0], 'kNN accuracy, held-out cells *');
  assert.match(small.rows[0][2], new RegExp(`\\* ${note.replace(/[()]/g, '\\$&')}$`));
  assert.equal(small.rows[1][0], '… PCA baseline *');
  assert.equal(small.rows[3][0], 'kNN accuracy, training cells', 'a metric without a note is unmarked');
  // the starred names keep the value cells' data-testids
  assert.equal(metricTestId(small.rows[0][0]), 'metric-knn-accuracy-held-out-cells');
  assert.match(small.notes[0], /^Regime: small \(/);
  assert.deepEqual(small.notes.slice(1), [`* kNN accuracy, held-out cells, PCA baseline: ${note}.`]);
  // a standard run without notes: the regime line only, rows as metricRows gives them
  const standard = qualityView({ metrics, report: { regime: 'standard' } });
  assert.deepEqual(standard.notes, ['Regime: standard.']);
  assert.ok(standard.rows.every(([name]) => !name.endsWith('*')));
  assert.deepEqual(qualityView({ metrics, report: {} }).notes, []);
});

// A walkthrough (the 38-sample Golub leukaemia panel as a CSV): Explore said "38 cells: 8 held out" and
// "kNN accuracy, held-out cells".
test('a text table’s run says rows beside the map and in the Quality panel, with the same data-testids', () => {
  const metrics = {
    knn_holdout: 1,
    knn_holdout_pca: 1,
    knn_holdout_input: 1,
    knn_train: 1,
    silhouette: 0.8,
    trustworthiness: null,
  };
  const note = 'n/a — needs more than 30 rows, this table has 12';
  const report = (kind: string) => ({
    regime: 'small',
    split: { train: 9 },
    input: { format: { kind, matrix: '' } },
    metricNotes: { trustworthiness: note },
  });
  const bulk = qualityView({ metrics, report: report('text') });
  assert.equal(bulk.rows[0][0], 'kNN accuracy, held-out rows');
  assert.equal(bulk.rows[1][2], 'same rows, PCA map of the same dimensions');
  assert.equal(bulk.rows[3][0], 'kNN accuracy, training rows');
  assert.deepEqual(bulk.notes, [
    'Regime: small (9 training rows, at most 100: the settings measured on tables of tens of cells or samples, such as bulk panels: no neighbour-graph term).',
    `* trustworthiness: ${note}.`,
  ]);
  const cells = qualityView({ metrics, report: report('h5ad') });
  assert.equal(cells.rows[0][0], 'kNN accuracy, held-out cells');
  assert.match(cells.notes[0], /\(9 training cells, /);
  assert.deepEqual(bulk.testIds, cells.testIds, 'the value cells keep their data-testids');
  assert.equal(bulk.testIds[0], 'metric-knn-accuracy-held-out-cells');
  const split = ['train', 'holdout', 'unlabeled'] as const;
  const shown = (kind: string) =>
    countsText({ ids: ['a', 'b', 'c'], split: [...split], report: report(kind) });
  assert.match(shown('text'), /^3 rows: 1 held out \(◆\), 1 unlabeled \(grey\)\./);
  assert.match(shown('h5ad'), /^3 cells: 1 held out/);
});

test('a continuous metadata column (a QC metric of an h5ad) colours on the scale, not one colour per value', () => {
  // scanpy's pct_counts_mt as the engine sends it: float32 text, NaN as empty
  const values = ['0', '0.31847134', '', '1.5', '0.1607717'];
  const c = columnColorBy({ kind: 'text', name: 'pct_counts_mt', values }, { continuous: true }, undefined);
  assert.equal(c.kind, 'continuous');
  if (c.kind !== 'continuous') return;
  assert.equal(c.name, 'pct_counts_mt');
  assert.deepEqual(Array.from(c.values).slice(0, 2), [0, Math.fround(0.31847134)]);
  assert.ok(Number.isNaN(c.values[2]), 'a missing value is drawn grey');
  assert.ok(c.range.min <= 0 && c.range.max >= 1.5, JSON.stringify(c.range));
});

test('label-like columns stay categories: cluster codes, few-valued numbers, text, a file’s colours kept', () => {
  const leiden: ColumnValues = { kind: 'text', name: 'leiden', values: ['0', '1', '10', '2'] };
  const colors = { '0': '#1f77b4' };
  assert.deepEqual(columnColorBy(leiden, { continuous: false }, colors), {
    kind: 'category',
    name: 'leiden',
    values: leiden.values,
    colors,
  });
  assert.equal(columnColorBy(leiden, undefined, undefined).kind, 'category');
  // the file's stored category order comes along, for the legend
  const ordered = columnColorBy(leiden, { continuous: false }, undefined, ['0', '1', '2', '10']);
  assert.deepEqual(ordered.kind === 'category' ? ordered.order : null, ['0', '1', '2', '10']);
  // on the scale the legend lists the run's classes: in their stored order (`classOrder`), as on the labels
  const scaled = columnColorBy(
    { kind: 'numeric', name: 'n_genes', values: new Float32Array([3, 1, 2]), min: 1, max: 3 },
    { continuous: true },
    undefined,
    ['2', '1', '3'],
    ['NK', 'T', 'B'],
  );
  assert.deepEqual(scaled.kind === 'continuous' ? scaled.order : null, ['NK', 'T', 'B']);
  // a column called continuous that does not read as numbers (cannot be scaled) stays a category
  const text: ColumnValues = { kind: 'text', name: 'barcode', values: ['AAC', 'GGT'] };
  assert.equal(columnColorBy(text, { continuous: true }, undefined).kind, 'category');
  // a gene's expression is always on the scale
  const gene: ColumnValues = {
    kind: 'numeric',
    name: 'CD79A',
    values: new Float32Array([0, 2]),
    min: 0,
    max: 2,
  };
  assert.equal(columnColorBy(gene, undefined, undefined).kind, 'continuous');
});

// A walkthrough: Explore's Hover shows offered the run's label column, and picked, a hover box listed the
// labels twice ("label: B cell", "louvain: B cell"). It is offered once, as Colour by's labels.
test('Hover shows offers the columns other than the run’s labels; Colour by offers the labels first', () => {
  const metadata = [{ name: 'louvain' }, { name: 'bulk_labels' }, { name: 'phase' }];
  const { colour, hover } = columnChoices(metadata, 'bulk_labels');
  assert.deepEqual(
    hover.map((c) => c.value),
    ['louvain', 'phase'],
  );
  assert.deepEqual(
    colour.map((c) => [c.value, c.text]),
    [
      ['label', 'label: bulk_labels'],
      ['meta:louvain', 'column: louvain'],
      ['meta:phase', 'column: phase'],
      ['gene', 'a gene’s expression…'],
    ],
  );
  // a label column the file's metadata does not list (joined under another name): every column offered
  assert.deepEqual(
    columnChoices(metadata, 'cell_type').hover.map((c) => c.text),
    ['louvain', 'bulk_labels', 'phase'],
  );
});

test('the 2-D choice of a map trained in 2-D does not speak of a first two of its dimensions', () => {
  const twoD = (dims: number) => dimsChoices(dims).find((c) => c.value === '2')?.label ?? '';
  assert.match(twoD(3), /first two dimensions/);
  assert.match(twoD(5), /first two dimensions/);
  assert.doesNotMatch(twoD(2), /first two/);
  assert.match(twoD(2), /^2-D/);
  assert.deepEqual(
    dimsChoices(2).map((c) => c.value),
    ['3', '2'],
  );
});
