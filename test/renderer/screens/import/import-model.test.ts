import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DatasetSummary, LabelSummary } from '../../../../src/api/engine-api.js';
import {
  columnRoles,
  columnRoleWords,
  importSettingsFrom,
  keptBeforeGenes,
  labelFieldText,
  labelInfo,
  labelSummaryToFetch,
  previewText,
  SHOWN_CLASS_ROWS,
  sourceName,
  summaryLines,
  toTrainButton,
  valueKindText,
} from '../../../../renderer/screens/import/import-model.js';
import { noLabelsHint } from '../../../../renderer/label-choices.js';
import { describeValues } from '../../../../src/data/counts.js';

function dataset(over: Partial<DatasetSummary> = {}): DatasetSummary {
  return {
    datasetId: 'd1',
    source: 'pbmc.csv',
    rows: 700,
    genes: 1,
    geneNames: ['g1'],
    idColumn: 'id',
    metadata: [{ name: 'label', distinct: 2, missing: 0, topValues: [] }],
    suggestedLabel: 'label',
    valueKind: 'counts',
    orientation: { applied: 'genes-as-rows', reason: 'more columns than rows' },
    preview: { header: ['id', 'label', 'g1'], rows: [['c1', 'B', '1']], totalColumns: 1203, delimiter: ',' },
    recommendedPreprocess: {},
    warnings: [],
    metadataSource: null,
    ...over,
  };
}

/** A scanpy file's summary: counts in X, X_pca / X_scVI / X_umap in obsm (a dataframe in obsm is not listed). */
const SCANPY_FORMAT = {
  kind: 'h5ad' as const,
  matrix: 'X',
  layers: ['layers/counts'],
  obsm: ['X_pca', 'X_scVI', 'X_umap', 'protein'],
  embeddings: [
    { name: 'X_pca', columns: 50 },
    { name: 'X_scVI', columns: 10 },
    { name: 'X_umap', columns: 2 },
  ],
};

test('sources are named by file or folder name, or as the sample', () => {
  assert.equal(sourceName({ kind: 'sample' }), 'the sample');
  // a path as serve's file browser gives it (relative to --root) or the desktop dialog: its last part
  assert.equal(sourceName({ kind: 'path', path: 'data/x.h5ad' }), 'x.h5ad');
  assert.equal(sourceName({ kind: 'path', path: 'data/tenx_v3/' }), 'tenx_v3');
  // a Cell Ranger folder as the File line names it: "filtered_feature_bc_matrix" alone said no sample
  assert.equal(
    sourceName({ kind: 'path', path: '/home/me/run1/outs/filtered_feature_bc_matrix/' }),
    'run1/outs/filtered_feature_bc_matrix',
  );
  assert.equal(sourceName({ kind: 'uploaded', uploadId: 'u1', name: 'x.csv' }), 'x.csv');
});

test('the summary says what was read: file (+ metadata), shape, orientation, values, columns', () => {
  const lines = summaryLines(dataset({ metadataSource: 'meta.csv' }));
  const text = Object.fromEntries(lines.map((l) => [l.term, l.text]));
  assert.equal(text.File, 'pbmc.csv + meta.csv');
  assert.equal(text.Shape, '700 cells × 1 gene');
  assert.equal(text.Orientation, 'genes as rows — more columns than rows');
  assert.equal(text.Values, 'raw counts (normalise + log1p recommended)');
  assert.equal(text['Id column'], 'id');
  assert.equal(text.Metadata, 'label (2)');
  assert.equal(summaryLines(dataset({ metadata: [] })).at(-1)?.text, 'none');
  assert.deepEqual(
    lines.map((l) => l.testid),
    ['summary-source', 'summary-shape', 'summary-orientation', 'summary-values', null, null],
  );
});

test('the File line names a 10x folder from its sample folder down, a file by its name, with the full paths as its tooltip', () => {
  // a folder (opened by path under serve) showed its whole server path, an uploaded file only its name
  const folder = summaryLines(
    dataset({
      source: '/srv/root/run1/filtered_feature_bc_matrix/',
      format: { kind: '10x-mtx', matrix: 'matrix.mtx.gz', layers: [], obsm: [] },
    }),
  )[0];
  assert.deepEqual(folder, {
    term: 'File',
    testid: 'summary-source',
    // with its sample's folder, which its exports are named after (run1.tripletlens.h5ad)
    text: 'run1/filtered_feature_bc_matrix',
    title: '/srv/root/run1/filtered_feature_bc_matrix/',
  });
  const file = summaryLines(
    dataset({ source: '/srv/root/pbmc.csv', metadataSource: '/srv/root/obs.csv' }),
  )[0];
  assert.equal(file.text, 'pbmc.csv + obs.csv');
  assert.equal(file.title, '/srv/root/pbmc.csv + /srv/root/obs.csv');
  // an upload's name is all the page knows: no tooltip repeating it
  const uploaded = summaryLines(dataset({ source: 'pbmc.csv' }))[0];
  assert.deepEqual([uploaded.text, uploaded.title], ['pbmc.csv', undefined]);
});

test('the summary of an h5ad says its format, the matrix read, its sparsity and the other matrices', () => {
  const d = dataset({
    valueKind: 'log',
    format: { kind: 'h5ad', matrix: 'X', layers: ['layers/counts', 'raw/X'], obsm: [] },
    nonZeroFraction: 0.326,
  });
  const text = Object.fromEntries(summaryLines(d).map((l) => [l.term, l.text]));
  assert.equal(text.Format, 'AnnData (.h5ad), matrix X');
  const loom = dataset({
    valueKind: 'counts',
    format: { kind: 'loom', matrix: 'matrix', layers: [], obsm: [] },
  });
  const loomText = Object.fromEntries(summaryLines(loom).map((l) => [l.term, l.text]));
  assert.match(loomText.Format, /, its main matrix$/, 'not "loom, matrix matrix"');
  const folder = dataset({ format: { kind: '10x-mtx', matrix: 'matrix.mtx.gz', layers: [], obsm: [] } });
  const folderText = Object.fromEntries(summaryLines(folder).map((l) => [l.term, l.text]));
  assert.equal(folderText.Format, 'Cell Ranger matrix folder (MatrixMarket), file matrix.mtx.gz');
  assert.equal(text.Sparsity, '32.6 % of values are not zero');
  assert.equal(
    text['Other matrices'],
    'layers/counts, raw/X — read one instead with Import settings ▸ Matrix',
  );
  // a scanpy walkthrough: X of 300 highly variable genes, raw/X of 765, which the summary did not tell apart
  // from a copy of X as `inspect` does (“raw/X (765 genes)”) — a map of raw/X is of other genes
  const format = {
    kind: 'h5ad' as const,
    obsm: [],
    layerGenes: { 'layers/counts': 300, 'raw/X': 765, X: 300 },
  };
  const otherMatrices = (d: DatasetSummary) =>
    Object.fromEntries(summaryLines(d).map((l) => [l.term, l.text]))['Other matrices'];
  assert.equal(
    otherMatrices(
      dataset({ genes: 300, format: { ...format, matrix: 'X', layers: ['layers/counts', 'raw/X'] } }),
    ),
    'layers/counts, raw/X (765 genes) — read one instead with Import settings ▸ Matrix',
  );
  // raw/X read: X and its layers of fewer genes say so
  assert.equal(
    otherMatrices(
      dataset({ genes: 765, format: { ...format, matrix: 'raw/X', layers: ['X', 'layers/counts'] } }),
    ),
    'X (300 genes), layers/counts (300 genes) — read one instead with Import settings ▸ Matrix',
  );
  // a CSV: its format and sparsity, no "other matrices"; tiny fractions stay visible
  const csv = summaryLines(
    dataset({ format: { kind: 'text', matrix: '', layers: [], obsm: [] }, nonZeroFraction: 0.00042 }),
  );
  const csvText = Object.fromEntries(csv.map((l) => [l.term, l.text]));
  assert.equal(csvText.Format, 'delimited text (CSV/TSV)');
  assert.equal(csvText.Sparsity, '0.042 % of values are not zero');
  assert.ok(!('Other matrices' in csvText));
  assert.ok(csv.some((l) => l.testid === 'summary-format'));
});

test('the matrix choice lists the matrix read (selected) and the others; none for one-matrix files', () => {
  const h5ad = dataset({
    format: { kind: 'h5ad', matrix: 'X', layers: ['layers/counts', 'raw/X'], obsm: [] },
  });
  assert.deepEqual(columnRoles(h5ad).matrices, [
    { value: 'X', label: 'X', selected: true },
    { value: 'layers/counts', label: 'layers/counts', selected: false },
    { value: 'raw/X', label: 'raw/X', selected: false },
  ]);
  const reopened = dataset({ format: { kind: 'h5ad', matrix: 'layers/counts', layers: ['X'], obsm: [] } });
  assert.deepEqual(
    columnRoles(reopened)
      .matrices.filter((m) => m.selected)
      .map((m) => m.value),
    ['layers/counts'],
  );
  assert.deepEqual(columnRoles(dataset()).matrices, []);
  assert.deepEqual(
    columnRoles(dataset({ format: { kind: '10x-mtx', matrix: '', layers: [], obsm: [] } })).matrices,
    [],
  );
});

// A walkthrough: after a metadata file was joined to an h5ad, "Re-open with these settings" was refused —
// the h5ad's preview lists the joined columns among its obs, and the form sent them as the file's own.
test("a joined metadata file's columns are not offered as the file's own columns", () => {
  const h5ad = dataset({
    idColumn: 'obs_names',
    format: { kind: 'h5ad', matrix: 'X', layers: [], obsm: [] },
    metadata: [
      { name: 'cell_type', distinct: 3, missing: 0, topValues: [] },
      { name: 'purity', distinct: 3, missing: 0, topValues: [], joined: true },
    ],
    preview: { header: ['obs_names', 'cell_type', 'purity', 'g1'], rows: [], totalColumns: 4, delimiter: '' },
    metadataSource: 'meta.tsv',
  });
  const roles = columnRoles(h5ad);
  assert.deepEqual(roles.metadata, [{ value: 'cell_type', checked: true }]);
  assert.deepEqual(
    roles.idColumns.map((c) => c.value),
    ['obs_names', 'cell_type', 'g1'],
  );
  assert.ok(!roles.genesFrom.some((c) => c.value === 'purity'));
  // a text table's joined column is not in its header at all; its own columns stay offered
  const csv = dataset({
    metadata: [
      { name: 'label', distinct: 2, missing: 0, topValues: [] },
      { name: 'purity', distinct: 3, missing: 0, topValues: [], joined: true },
    ],
  });
  assert.deepEqual(columnRoles(csv).metadata, [
    { value: 'id', checked: true, idAsRead: true },
    { value: 'label', checked: true },
    { value: 'g1', checked: false },
  ]);
});

// A walkthrough (a genes × samples panel turned round): Import settings offered the file's sample columns as
// "Metadata columns", under an id field said to hold cell ids.
test('the column-role fields name what a turned table’s columns are: gene names, samples, gene annotations', () => {
  const turned = columnRoles(dataset()).words;
  assert.deepEqual(
    [turned.id.label, turned.genesFrom.label, turned.metadata],
    ['Gene name column', 'Samples start at', 'Gene annotation columns, not kept'],
  );
  assert.match(turned.id.hint, /the column holding gene names/);
  const plain = columnRoles(dataset({ orientation: { applied: 'cells-as-rows', reason: '' } })).words;
  assert.deepEqual(plain, columnRoleWords(false));
  assert.deepEqual(
    [plain.id.label, plain.genesFrom.label, plain.metadata],
    ['Id column', 'Genes start at', 'Metadata columns'],
  );
});

test('the preview caption counts shown and total columns and names the ones left out', () => {
  const p = dataset().preview;
  assert.deepEqual(previewText(p), {
    caption: 'First 1 rows and 3 of 1\u202f203 columns, as read',
    more: '… 1\u202f200 more',
  });
  assert.equal(previewText({ ...p, totalColumns: 3 }).more, null);
});

test('column roles: the id column selected, the others offered as gene start and metadata', () => {
  const roles = columnRoles(dataset());
  assert.deepEqual(
    roles.idColumns.filter((c) => c.selected).map((c) => c.value),
    ['id'],
  );
  assert.deepEqual(
    roles.genesFrom.map((c) => c.value),
    ['', 'label', 'g1'],
  );
  // the id column's box, for when another column is chosen as the Id column (the form hides it till then)
  assert.deepEqual(roles.metadata, [
    { value: 'id', checked: true, idAsRead: true },
    { value: 'label', checked: true },
    { value: 'g1', checked: false },
  ]);
});

test('a structured file offers only the settings that apply: no delimiter, id, gene start or missing values', () => {
  const text = columnRoles(dataset());
  assert.equal(text.textTable, true);
  assert.equal(text.orientation, true);
  // an h5ad: its genes (or an embedding's columns) are never metadata, and the text settings are hidden
  const h5ad = columnRoles(
    dataset({
      idColumn: 'obs_names',
      metadata: [{ name: 'cell_type', distinct: 4, missing: 0, topValues: [] }],
      preview: {
        header: ['obs_names', 'cell_type', 'X_scVI_1', 'X_scVI_2'],
        rows: [],
        totalColumns: 12,
        delimiter: '\t',
      },
      format: { ...SCANPY_FORMAT, matrix: 'obsm/X_scVI', layers: ['X'] },
    }),
  );
  assert.equal(h5ad.textTable, false);
  assert.equal(h5ad.orientation, false, 'the file says which axis holds cells');
  assert.deepEqual(h5ad.metadata, [{ value: 'cell_type', checked: true }]);
  // a plain MatrixMarket file may be turned round, but has no delimiter or columns to choose
  const mtx = columnRoles(dataset({ format: { kind: 'mtx', matrix: 'm.mtx', layers: [], obsm: [] } }));
  assert.deepEqual([mtx.textTable, mtx.orientation], [false, true]);
});

test('import settings leave empty choices to detection', () => {
  const base = {
    delimiter: 'auto',
    decimal: 'auto',
    orientation: 'auto',
    missing: 'error',
    idColumn: '',
    genesFrom: '',
  };
  assert.deepEqual(importSettingsFrom({ ...base, metadataColumns: [] }), {
    delimiter: 'auto',
    decimal: 'auto',
    orientation: 'auto',
    missing: 'error',
  });
  assert.deepEqual(
    importSettingsFrom({
      ...base,
      idColumn: 'id',
      genesFrom: 'g1',
      metadataColumns: ['label'],
      missing: 'zero',
    }),
    {
      delimiter: 'auto',
      decimal: 'auto',
      orientation: 'auto',
      missing: 'zero',
      idColumn: 'id',
      genesFrom: 'g1',
      metadataColumns: ['label'],
    },
  ); // the chosen matrix of an h5ad/loom goes along; '' (one-matrix files) is left out
  assert.deepEqual(importSettingsFrom({ ...base, metadataColumns: [], matrix: 'layers/counts' }), {
    delimiter: 'auto',
    decimal: 'auto',
    orientation: 'auto',
    missing: 'error',
    layer: 'layers/counts',
  });
  assert.ok(!('layer' in importSettingsFrom({ ...base, metadataColumns: [], matrix: '' })));
  // Import settings ▸ Decimal separator reaches the engine's setting as chosen
  assert.equal(importSettingsFrom({ ...base, decimal: ',', metadataColumns: [] }).decimal, ',');
  // an embedding is the input setting the CLI's --input sets, not a layer
  assert.deepEqual(importSettingsFrom({ ...base, metadataColumns: [], matrix: 'obsm/X_scVI' }), {
    delimiter: 'auto',
    decimal: 'auto',
    orientation: 'auto',
    missing: 'error',
    input: 'obsm:X_scVI',
  });
  // back to the genes from an embedding: X as the layer, no input (genes, the default)
  const genes = importSettingsFrom({ ...base, metadataColumns: [], matrix: 'X' });
  assert.equal(genes.layer, 'X');
  assert.ok(!('input' in genes));
});

test('the summary lists an h5ad’s embeddings with their widths among the other matrices', () => {
  const text = Object.fromEntries(
    summaryLines(dataset({ format: SCANPY_FORMAT })).map((l) => [l.term, l.text]),
  );
  assert.equal(
    text['Other matrices'],
    'layers/counts, obsm/X_pca (50 columns), obsm/X_scVI (10 columns), obsm/X_umap (2 columns) — read one instead with Import settings ▸ Matrix',
  );
  assert.ok(!('Mapped' in text), 'genes are mapped: nothing to add');
  // a file with X and embeddings only still has something to choose
  const lean = dataset({ format: { ...SCANPY_FORMAT, layers: [] } });
  assert.match(
    Object.fromEntries(summaryLines(lean).map((l) => [l.term, l.text]))['Other matrices'],
    /^obsm\/X_pca \(50 columns\), obsm\/X_scVI/,
  );
});

// A walkthrough (a 26-sample bulk panel as a CSV): the Shape read "26 cells × 301 genes".
test("a text table's Shape counts rows (cells or samples); a single-cell format's counts cells", () => {
  const shape = (over: Partial<DatasetSummary>) =>
    Object.fromEntries(summaryLines(dataset(over)).map((l) => [l.term, l.text])).Shape;
  const text = { kind: 'text' as const, matrix: 'X', layers: [], obsm: [] };
  assert.equal(shape({ rows: 26, genes: 301, format: text }), '26 rows (cells or samples) × 301 genes');
  assert.equal(
    shape({ rows: 12000, genes: 2, format: text }),
    '12\u202f000 rows (cells or samples) × 2 genes',
  );
  assert.equal(shape({ rows: 700, genes: 3, format: SCANPY_FORMAT }), '700 cells × 3 genes');
});

test('with an embedding read, the summary says it is mapped instead of genes and offers X back', () => {
  const d = dataset({
    genes: 10,
    valueKind: 'other',
    nonZeroFraction: 1,
    format: { ...SCANPY_FORMAT, matrix: 'obsm/X_scVI', layers: ['X', 'layers/counts'] },
  });
  const lines = summaryLines(d);
  const text = Object.fromEntries(lines.map((l) => [l.term, l.text]));
  assert.equal(text.Shape, '700 cells × 10 columns');
  assert.equal(text.Values, 'continuous values');
  assert.equal(text.Format, 'AnnData (.h5ad), matrix obsm/X_scVI');
  assert.equal(
    text.Mapped,
    "the embedding obsm/X_scVI (10 columns) instead of genes; Explore's marker genes need the genes (Matrix: X)",
  );
  assert.ok(lines.some((l) => l.testid === 'summary-mapped'));
  // an embedding's components are dense: a Sparsity line would only ever say 100 %
  assert.equal(text.Sparsity, undefined);
  assert.equal(
    text['Other matrices'],
    'X, layers/counts, obsm/X_pca (50 columns), obsm/X_umap (2 columns) — read one instead with Import settings ▸ Matrix',
  );
});

test('the matrix choice offers the embeddings, labelled with their widths, after the gene matrices', () => {
  assert.deepEqual(columnRoles(dataset({ format: SCANPY_FORMAT })).matrices, [
    { value: 'X', label: 'X', selected: true },
    { value: 'layers/counts', label: 'layers/counts', selected: false },
    { value: 'obsm/X_pca', label: 'obsm/X_pca (50 columns)', selected: false },
    { value: 'obsm/X_scVI', label: 'obsm/X_scVI (10 columns)', selected: false },
    { value: 'obsm/X_umap', label: 'obsm/X_umap (2 columns)', selected: false },
  ]);
  // re-opened with X_scVI: it is the one selected, listed once; X is offered back
  const reopened = dataset({ format: { ...SCANPY_FORMAT, matrix: 'obsm/X_scVI', layers: ['X'] } });
  assert.deepEqual(columnRoles(reopened).matrices, [
    { value: 'obsm/X_scVI', label: 'obsm/X_scVI (10 columns)', selected: true },
    { value: 'X', label: 'X', selected: false },
    { value: 'obsm/X_pca', label: 'obsm/X_pca (50 columns)', selected: false },
    { value: 'obsm/X_umap', label: 'obsm/X_umap (2 columns)', selected: false },
  ]);
  // the choice read back from the form re-opens with the same embedding
  const chosen = columnRoles(reopened).matrices.find((m) => m.selected)?.value ?? '';
  assert.equal(
    importSettingsFrom({
      delimiter: 'auto',
      decimal: 'auto',
      orientation: 'auto',
      missing: 'error',
      idColumn: '',
      genesFrom: '',
      metadataColumns: [],
      matrix: chosen,
    }).input,
    'obsm:X_scVI',
  );
});

test('the label panel: a hint, then "counting", then the counts with classes too small for a triplet', () => {
  assert.deepEqual(labelInfo(dataset(), null, null), {
    kind: 'hint',
    text: 'Choose the column that names each cell’s type.',
    warning: false,
  });
  const tenx = { kind: '10x-mtx' as const, matrix: 'matrix.mtx.gz', layers: [], obsm: [] };
  assert.deepEqual(labelInfo(dataset({ metadata: [], format: tenx }), null, null), {
    kind: 'hint',
    text: noLabelsHint('folder', false),
    warning: true,
  });
  // the desktop app's hint also names its File ▸ Open metadata…; the browser page has no menu
  assert.deepEqual(labelInfo(dataset({ metadata: [], format: tenx }), null, null, false, true), {
    kind: 'hint',
    text: noLabelsHint('folder', true),
    warning: true,
  });
  assert.equal(labelInfo(dataset(), 'label', null).kind, 'counting');
  const s: LabelSummary = {
    column: 'label',
    classes: [
      { name: 'B', count: 1200 },
      { name: 'T', count: 1 },
    ],
    unlabeled: 3,
    tooSmall: ['T'],
  };
  const info = labelInfo(dataset(), 'label', s);
  assert.equal(info.kind, 'counts');
  if (info.kind !== 'counts') return;
  assert.equal(info.headline, '2 classes, 1\u202f201 labelled cells, ');
  assert.equal(info.unlabeled, '3 unlabeled');
  assert.equal(info.tooSmall, '1 class with fewer than 2 cells cannot form a triplet: T');
  assert.deepEqual(info.rows[1], { name: 'T', count: '1', tooSmall: true });
  assert.equal(info.more, null);
  const many = Array.from({ length: SHOWN_CLASS_ROWS + 1 }, (_, i) => ({ name: `c${i}`, count: 2 }));
  const long = labelInfo(dataset(), 'label', { ...s, classes: many, tooSmall: [] });
  assert.equal(long.kind === 'counts' ? long.more : null, 'Scroll the table for all 20 classes.');
  assert.equal(long.kind === 'counts' ? long.tooSmall : 'x', null);
});

// A colleague's walkthrough: the Import screen's class table listed an h5ad categorical's classes and leiden's
// cluster codes largest first, while Explore's legend, Select class and Edit labels list them in the stored
// order, then by number; the table keeps its counts but follows the legend's order.
test('the label panel lists classes in the legend’s order: stored categories, cluster codes by number', () => {
  const classes = (names: [string, number][]) => names.map(([name, count]) => ({ name, count }));
  const summary = (column: string, named: [string, number][]): LabelSummary => ({
    column,
    classes: classes(named),
    unlabeled: 0,
    tooSmall: [],
  });
  const names = (info: ReturnType<typeof labelInfo>) =>
    info.kind === 'counts' ? info.rows.map((r) => `${r.name} ${r.count}`) : [];
  const h5ad = dataset({ categoryOrder: { cell_type: ['naive T', 'B', 'NK'] } });
  const stored = summary('cell_type', [
    ['B', 40],
    ['NK', 30],
    ['naive T', 5],
  ]);
  assert.deepEqual(names(labelInfo(h5ad, 'cell_type', stored)), ['naive T 5', 'B 40', 'NK 30']);
  assert.deepEqual(
    stored.classes.map((c) => c.name),
    ['B', 'NK', 'naive T'],
    'the summary is not reordered',
  );
  const leiden = summary('leiden', [
    ['2', 50],
    ['10', 40],
    ['0', 30],
    ['1', 3],
  ]);
  assert.deepEqual(names(labelInfo(dataset(), 'leiden', leiden)), ['0 30', '1 3', '2 50', '10 40']);
  // text labels of a text table have no order of their own: largest first, as counted
  const text = summary('label', [
    ['T', 9],
    ['B', 4],
  ]);
  assert.deepEqual(names(labelInfo(dataset(), 'label', text)), ['T 9', 'B 4']);
});

// A walkthrough (the 38-sample Golub leukaemia panel as a CSV): below "38 rows (cells or samples)" the screen
// said "cells as rows —", "Label column (cell types)", "2 classes, 38 labelled cells" and a "cells" column.
test('a text table’s rows are rows in the orientation line and the label panel; an h5ad’s stay cells', () => {
  const text = { kind: 'text' as const, matrix: '', layers: [], obsm: [] };
  const bulk = dataset({
    rows: 38,
    format: text,
    orientation: {
      applied: 'cells-as-rows',
      reason: 'Rows are cells or samples (38), numeric columns are genes (3051).',
    },
  });
  const lines = Object.fromEntries(summaryLines(bulk).map((l) => [l.term, l.text]));
  assert.equal(
    lines.Orientation,
    'cells or samples as rows — Rows are cells or samples (38), numeric columns are genes (3051).',
  );
  assert.deepEqual(labelFieldText(bulk), {
    title: 'Label column (classes)',
    hint: 'Rows sharing a label are pulled together; others pushed apart.',
    metadataHint: 'A CSV/TSV keyed by row id; its columns are joined in.',
  });
  assert.deepEqual(labelInfo(bulk, null, null), {
    kind: 'hint',
    text: 'Choose the column that names each row’s class.',
    warning: false,
  });
  const s: LabelSummary = {
    column: 'label',
    classes: [
      { name: 'ALL', count: 27 },
      { name: 'AML', count: 1 },
    ],
    unlabeled: 0,
    tooSmall: ['AML'],
  };
  const info = labelInfo(bulk, 'label', s);
  assert.ok(info.kind === 'counts');
  assert.equal(info.headline, '2 classes, 28 labelled rows, ');
  assert.equal(info.countHeader, 'rows');
  assert.equal(info.tooSmall, '1 class with fewer than 2 rows cannot form a triplet: AML');
  // the single-cell formats keep their words
  const h5ad = dataset({
    format: SCANPY_FORMAT,
    orientation: { applied: 'cells-as-rows', reason: 'Rows are cells.' },
  });
  const h5adLines = Object.fromEntries(summaryLines(h5ad).map((l) => [l.term, l.text]));
  assert.equal(h5adLines.Orientation, 'cells as rows — Rows are cells.');
  assert.deepEqual(labelFieldText(h5ad), {
    title: 'Label column (cell types)',
    hint: 'Cells sharing a label are pulled together; others pushed apart.',
    metadataHint: 'A CSV/TSV keyed by cell id; its columns are joined in.',
  });
  const cells = labelInfo(h5ad, 'label', s);
  assert.ok(cells.kind === 'counts');
  assert.equal(cells.headline, '2 classes, 28 labelled cells, ');
  assert.equal(cells.countHeader, 'cells');
});

test('"Next: Train" names the label column and waits for one', () => {
  assert.deepEqual(toTrainButton({ dataset: null, labelColumn: null }), {
    disabled: true,
    text: 'Choose a label column first',
  });
  assert.deepEqual(toTrainButton({ dataset: dataset(), labelColumn: 'label' }), {
    disabled: false,
    text: 'Next: Train on “label” →',
  });
});

test('class counts are fetched once per dataset and column; a failed column waits for the user to pick again', () => {
  const d = dataset();
  const chosen = { dataset: d, labelColumn: 'label', labelSummary: null, inputMissing: false };
  const first = labelSummaryToFetch(chosen, { labelColumn: null }, { pending: null, failed: null });
  assert.deepEqual(first.fetch, { key: 'd1\u0000label', column: 'label' });
  // while it is on its way, later renders do not ask again
  const again = labelSummaryToFetch(chosen, { labelColumn: 'label' }, first.tracker);
  assert.equal(again.fetch, null);
  // it failed: not retried on the next render…
  const failed = { pending: null, failed: 'd1\u0000label' };
  assert.equal(labelSummaryToFetch(chosen, { labelColumn: 'label' }, failed).fetch, null);
  // …but picking the column again (from another) asks once more
  assert.notEqual(labelSummaryToFetch(chosen, { labelColumn: 'other' }, failed).fetch, null);
  // counts present or no column: nothing to fetch
  const counted = { ...chosen, labelSummary: { column: 'label', classes: [], unlabeled: 0, tooSmall: [] } };
  assert.equal(labelSummaryToFetch(counted, { labelColumn: null }, failed).fetch, null);
  assert.equal(
    labelSummaryToFetch({ ...chosen, labelColumn: null }, { labelColumn: null }, failed).fetch,
    null,
  );
});

test('the Values line tells centred or scaled values from log-transformed ones', () => {
  assert.equal(
    valueKindText('scaled'),
    'already transformed (negative values: centred or scaled, as sc.pp.scale leaves X, or log-ratios)',
  );
  // the same words as inspect's Values line for the same data, which adds the range (it said "scaled or
  // log-ratio data" where the page said "as sc.pp.scale leaves X")
  const cli = describeValues({ format: 'dense', rows: 1, cols: 2, data: new Float32Array([-0.5, 1.25]) });
  assert.ok(cli.startsWith(`${valueKindText('scaled').slice(0, -1)}; values -0.5`), cli);
  assert.match(valueKindText('log'), /^look log-transformed, as log1p of counts/);
  // iris's measurements: neither counts nor log1p-like, and not said to be log-transformed
  assert.match(
    valueKindText('non-negative'),
    /^non-negative values that are not whole counts and do not look/,
  );
});

// the import keeps every column before the first gene column but the id as metadata (column-roles.ts): those
// boxes are the ones the form ticks and fixes; none while the genes are detected
test('keptBeforeGenes: the Metadata columns before Genes start at, but the Id column', () => {
  const columns = ['plate', 'cell_type', 'g1', 'g2'];
  assert.deepEqual([...keptBeforeGenes(columns, 'g2', '')], ['plate', 'cell_type', 'g1']);
  assert.deepEqual([...keptBeforeGenes(columns, 'g2', 'plate')], ['cell_type', 'g1']);
  assert.deepEqual([...keptBeforeGenes(columns, 'plate', '')], []);
  assert.deepEqual([...keptBeforeGenes(columns, '', '')], []);
});

// A walkthrough: id, batch, 20 genes, then cell_type. The preview (the first 12 columns) gave cell_type no box, so
// Re-open — changing only Missing values — sent metadata columns [batch] and read cell_type as a gene: the label
// column was gone. An h5ad's obs columns past the preview were left out alike.
test('the Metadata columns list the metadata past the preview, ticked, so Re-open keeps them', () => {
  const wide = dataset({
    orientation: { applied: 'cells-as-rows', reason: '' },
    metadata: [
      { name: 'batch', distinct: 2, missing: 0, topValues: [] },
      { name: 'cell_type', distinct: 3, missing: 0, topValues: [] },
    ],
    preview: { header: ['id', 'batch', 'g1'], rows: [], totalColumns: 23, delimiter: ',' },
  });
  assert.deepEqual(columnRoles(wide).metadata, [
    { value: 'id', checked: true, idAsRead: true },
    { value: 'batch', checked: true },
    { value: 'g1', checked: false },
    { value: 'cell_type', checked: true },
  ]);
  // a turned table's metadata are not among its columns: no box for them
  const turned = dataset({ ...wide, orientation: { applied: 'genes-as-rows', reason: '' } });
  assert.deepEqual(
    columnRoles(turned).metadata.map((m) => m.value),
    ['id', 'batch', 'g1'],
  );
});
