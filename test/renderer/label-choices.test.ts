import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MetadataColumnSummary } from '../../src/api/engine-api.js';
import {
  NO_LABELS_HINT,
  NO_LABELS_HINT_DESKTOP,
  ONLY_CONTINUOUS_HINT,
  TEXT_NO_LABELS_HINT,
  TURNED_NO_LABELS_HINT,
  labelChoices,
  noLabelsHint,
} from '../../renderer/label-choices.js';

/** A Cell Ranger folder's format, as the summary gives it. */
const TENX = { format: { kind: '10x-mtx' as const, matrix: 'matrix.mtx.gz', layers: [], obsm: [] } };

const column = (name: string, distinct: number, continuous = false): MetadataColumnSummary => ({
  name,
  distinct,
  missing: 0,
  topValues: [],
  ...(continuous ? { continuous: true } : {}),
});

// A walkthrough under `tripletlens serve`: a Cell Ranger folder's hint said "add them with Open metadata…", a
// desktop menu command the browser page does not have.
test('a file without cell metadata (Cell Ranger folder, .h5, plain .mtx) gets a hint naming where labels come from', () => {
  const h5 = { format: { ...TENX.format, kind: '10x-h5' as const }, source: '/data/pbmc_10x.h5' };
  const choices = labelChoices({ metadata: [], ...h5 });
  assert.deepEqual(choices.options, []);
  assert.equal(choices.hint, NO_LABELS_HINT);
  assert.match(
    choices.hint ?? '',
    /^This file holds no cell labels.*“Metadata file” field below.*keyed by barcode/,
  );
  assert.doesNotMatch(choices.hint ?? '', /Open metadata/, 'the browser page has no such menu command');
  const desktop = labelChoices({ metadata: [], ...h5 }, true);
  assert.equal(desktop.hint, NO_LABELS_HINT_DESKTOP);
  assert.match(
    desktop.hint ?? '',
    /no cell labels.*File ▸ Open metadata… or the “Metadata file” field below/,
  );
});

// A walkthrough: a Cell Ranger folder, opened as a folder, was called "This file".
test('a Cell Ranger folder is called a folder in the hints; its matrix.mtx.gz opened by itself a file', () => {
  const folder = { ...TENX, source: '/srv/root/run1/filtered_feature_bc_matrix/' };
  for (const desktop of [false, true]) {
    const hint = labelChoices({ metadata: [], ...folder }, desktop).hint ?? '';
    assert.match(hint, /^This folder holds no cell labels; add them with/);
    assert.equal(hint, noLabelsHint('folder', desktop));
    const continuous = labelChoices({ metadata: [column('S_score', 700, true)], ...folder }, desktop).hint;
    assert.match(
      continuous ?? '',
      /^No column joined to this folder holds cell labels \(its columns are continuous/,
    );
  }
  const matrixFile = { ...TENX, source: '/srv/root/run1/filtered_feature_bc_matrix/matrix.mtx.gz' };
  assert.equal(labelChoices({ metadata: [], ...matrixFile }).hint, NO_LABELS_HINT);
  assert.equal(
    labelChoices({ metadata: [column('S_score', 700, true)], ...matrixFile }).hint,
    ONLY_CONTINUOUS_HINT,
  );
});

test('continuous columns (S_score) are listed last, marked and not choosable; clusters stay offered', () => {
  const choices = labelChoices({
    metadata: [
      column('S_score', 700, true),
      column('bulk_labels', 10),
      column('n_counts', 690, true),
      column('louvain', 11),
      column('leiden', 9),
    ],
  });
  assert.deepEqual(
    choices.options.map((o) => [o.value, o.disabled]),
    [
      ['bulk_labels', false],
      ['louvain', false],
      ['leiden', false],
      ['S_score', true],
      ['n_counts', true],
    ],
  );
  assert.equal(choices.options[0].text, 'bulk_labels (10 values)');
  assert.equal(choices.options[3].text, 'S_score (continuous: not a label)');
  assert.equal(choices.hint, null);
});

test('a file whose only columns are continuous says so and where labels come from', () => {
  const choices = labelChoices({ metadata: [column('S_score', 700, true)] });
  assert.equal(choices.options.filter((o) => !o.disabled).length, 0);
  assert.match(choices.hint ?? '', /continuous.*“Metadata file” field below/);
  assert.doesNotMatch(choices.hint ?? '', /Open metadata/);
  assert.match(
    labelChoices({ metadata: [column('S_score', 700, true)] }, true).hint ?? '',
    /continuous.*File ▸ Open metadata…/,
  );
});

test('a column with one value says “1 value”', () => {
  const choices = labelChoices({ metadata: [column('batch', 1, false)] });
  assert.equal(choices.options[0].text, 'batch (1 value)');
});

// A walkthrough (a bulk panel whose classes were coded 0–6 in a column `class`, read as a gene): the hint sent the
// user to a metadata file "keyed by barcode"; the column can be marked as metadata under Import settings.
test('a text table without metadata columns: the hint names Import settings’ metadata columns first', () => {
  for (const d of [
    { metadata: [] },
    { metadata: [], format: { kind: 'text' as const, matrix: '', layers: [], obsm: [] } },
  ]) {
    const choices = labelChoices(d);
    assert.equal(choices.hint, TEXT_NO_LABELS_HINT);
    assert.match(
      choices.hint ?? '',
      /Import settings ▸ Metadata columns.*class codes such as 0\/1 is read as a gene/,
    );
    assert.doesNotMatch(choices.hint ?? '', /barcode|Open metadata/);
  }
});

// A walkthrough (a genes × samples TSV of a bulk panel): the hint said to tick the column holding the labels under
// Import settings ▸ Metadata columns — the columns were samples. As `inspect` does, it says to turn it first.
test('a text table that looks turned round: the hint says to turn it round first, then where labels come from', () => {
  const orientation = {
    applied: 'cells-as-rows' as const,
    reason: 'The row ids look like genes…',
    looksTurned: true as const,
  };
  const choices = labelChoices({ metadata: [], orientation });
  assert.equal(choices.hint, TURNED_NO_LABELS_HINT);
  assert.match(
    choices.hint ?? '',
    /^The file looks turned round.*Import settings ▸ Orientation: genes are rows \(transpose\).*“Metadata file” field/,
  );
  assert.doesNotMatch(choices.hint ?? '', /tick the column/);
  // a GEO series matrix's column of gene symbols, read as metadata, is no label either: the same hint
  const geo = labelChoices({
    metadata: [column('IDENTIFIER', 40)],
    rows: 40,
    suggestedLabel: null,
    orientation,
  });
  assert.equal(geo.hint, TURNED_NO_LABELS_HINT);
  // read as asked, or not looking turned round: as before
  const asRead = labelChoices({
    metadata: [],
    orientation: { applied: 'cells-as-rows', reason: 'Rows are…' },
  });
  assert.equal(asRead.hint, TEXT_NO_LABELS_HINT);
});

/** A column with its most frequent values (names or numbers), as the summary gives them. */
const valued = (
  name: string,
  distinct: number,
  top: string[],
  continuous = false,
): MetadataColumnSummary => ({
  ...column(name, distinct, continuous),
  topValues: top.map((value) => ({ value, count: 10 })),
});

// A scanpy file lists obs in the order it was built: QC numbers, batch, then clusters and the cell types last;
// the picker listed them so, the cell types at the bottom of a long list.
test('the picker puts the suggested label first, then label-like names (cell types, clusters), ids and one-value columns after', () => {
  const d = {
    rows: 700,
    suggestedLabel: 'cell_type',
    metadata: [
      valued('n_genes', 690, ['512'], true),
      valued('sample', 1, ['s1']),
      valued('batch', 4, ['b1', 'b2']),
      valued('pct_counts_mt', 3, ['0.25'], true),
      valued('barcode', 700, ['AAAC-1']),
      valued('phase', 3, ['G1', 'S', 'G2M']),
      valued('louvain', 11, ['0', '1', '2']),
      valued('seurat_clusters_named', 8, ['B', 'T']),
      valued('leiden', 9, ['0', '1']),
      valued('author_cell_type', 30, ['CD4 T']),
      valued('cell_type', 10, ['B cell', 'NK cell']),
      valued('n_counts_group', 5, ['1', '2']),
    ],
  };
  const choices = labelChoices(d);
  assert.deepEqual(
    choices.options.map((o) => o.value),
    [
      'cell_type', // suggested
      'author_cell_type', // a label word in the name
      'seurat_clusters_named', // a clustering, named classes
      'louvain', // clusterings numbered, in file order
      'leiden',
      'n_counts_group', // 'group': a clustering word, numbered
      'batch', // batch, phase: not cell types, in file order
      'phase',
      'sample', // one value
      'barcode', // more values than a label may have
      'n_genes', // continuous, last
      'pct_counts_mt',
    ],
  );
  assert.deepEqual(
    choices.options.filter((o) => o.disabled).map((o) => o.value),
    ['n_genes', 'pct_counts_mt'],
  );
  // the same file opened again, its columns in another order: the same label-like ranking, ties by file order
  const reversed = labelChoices({ ...d, metadata: [...d.metadata].reverse() });
  assert.deepEqual(
    reversed.options.slice(0, 3).map((o) => o.value),
    ['cell_type', 'author_cell_type', 'seurat_clusters_named'],
  );
  assert.deepEqual(labelChoices(d), choices);
});

test('without a suggestion or a cell count the order still follows the names; a small file caps the classes', () => {
  const metadata = [valued('donor', 3, ['d1']), valued('leiden', 3, ['0']), valued('celltype', 3, ['B'])];
  assert.deepEqual(
    labelChoices({ metadata }).options.map((o) => o.value),
    ['celltype', 'leiden', 'donor'],
  );
  // 4 cells: a label column may have 2 classes, so 3 distinct values are listed after the label-like ones
  const small = [valued('leiden', 3, ['0']), valued('cell_type', 2, ['B', 'T'])];
  assert.deepEqual(
    labelChoices({ rows: 4, metadata: small }).options.map((o) => o.value),
    ['cell_type', 'leiden'],
  );
});

// QA: an h5ad whose obs held a copy of obs_names (one value a cell) had it offered as a label column, which
// train refuses (no class of two or more cells): it is shown marked and not choosable, as the CLI leaves it out.
test('a column of one value a cell (an id) is marked and not choosable; alone, the hint says why', () => {
  const ids = (name: string): MetadataColumnSummary => ({
    ...column(name, 700),
    topValues: [{ value: 'AAAC-1', count: 1 }],
  });
  const h5ad = { format: { kind: 'h5ad' as const, matrix: 'X', layers: [], obsm: [] }, rows: 700 };
  const choices = labelChoices({
    ...h5ad,
    metadata: [ids('barcode_copy'), valued('cell_type', 10, ['B cell']), column('n_counts', 690, true)],
  });
  assert.deepEqual(
    choices.options.map((o) => [o.value, o.disabled, o.text]),
    [
      ['cell_type', false, 'cell_type (10 values)'],
      ['barcode_copy', true, 'barcode_copy (one value a cell: not a label)'],
      ['n_counts', true, 'n_counts (continuous: not a label)'],
    ],
  );
  assert.equal(choices.hint, null);
  const alone = labelChoices({ ...h5ad, metadata: [ids('barcode_copy'), column('n_counts', 690, true)] });
  assert.equal(alone.options.filter((o) => !o.disabled).length, 0);
  assert.match(
    alone.hint ?? '',
    /^No column of this file holds cell labels \(its columns are continuous values or ids, one value a cell\); add them/,
  );
});
