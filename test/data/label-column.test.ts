import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isContinuousColumn, isUnlabeled, suggestLabelColumn } from '../../src/data/label-column.js';
import type { ExpressionTable } from '../../src/data/types.js';
import { encodeLabels } from '../../src/evaluate/labels.js';

test('isUnlabeled: empty and NA-like label texts in any case, not labels that merely contain them', () => {
  for (const missing of [
    undefined,
    '',
    '  ',
    'NA',
    'na',
    ' N/A ',
    '#N/A',
    'NaN',
    'null',
    'NULL',
    'None',
    '<NA>',
  ]) {
    assert.equal(isUnlabeled(missing), true, String(missing));
  }
  for (const label of ['NAIVE', 'NK', '0', 'nonempty', 'B cell']) {
    assert.equal(isUnlabeled(label), false, label);
  }
});

test('the metrics use the same rule as the importer', () => {
  const { codes, names } = encodeLabels(['T', 'None', ' T ', '#N/A', 'B', '<NA>']);
  assert.deepEqual([...codes], [0, -1, 0, -1, 1, -1]);
  assert.deepEqual(names, ['T', 'B']);
});

/** A table of `rows` cells with the given metadata columns (one gene, all zero). */
function tableWith(rows: number, columns: Record<string, (i: number) => string>): ExpressionTable {
  return {
    source: 'pbmc68k.h5ad',
    idColumn: 'cell',
    ids: Array.from({ length: rows }, (_, i) => `c${i}`),
    genes: ['G0'],
    values: { rows, cols: 1, data: new Float32Array(rows) },
    metadata: Object.entries(columns).map(([name, value]) => ({
      name,
      values: Array.from({ length: rows }, (_, i) => value(i)),
    })),
    warnings: [],
  };
}

test('a column of mostly distinct numbers (scanpy S_score) is continuous and never suggested; clusters stay labels', () => {
  const table = tableWith(700, {
    S_score: (i) => String(((i * 7919) % 700) / 1000 - 0.3), // 700 distinct numbers over 700 cells
    n_counts: (i) => String(1000 + i * 3),
    louvain: (i) => String(i % 11),
    leiden: (i) => (i % 5 === 0 ? 'NA' : String(i % 9)),
    bulk_labels: (i) => ['CD14+ Monocyte', 'CD4+/CD25 T Reg', 'Dendritic'][i % 3],
    phase: (i) => ['G1', 'S', 'G2M'][i % 3],
  });
  assert.equal(isContinuousColumn(table, 'S_score'), true);
  assert.equal(isContinuousColumn(table, 'n_counts'), true);
  for (const label of ['louvain', 'leiden', 'bulk_labels', 'phase']) {
    assert.equal(isContinuousColumn(table, label), false, label);
  }
  assert.equal(suggestLabelColumn(table), 'bulk_labels');
  // a text column with many values (e.g. barcodes) is not a measurement: it stays a (poor) label choice
  const ids = tableWith(700, { barcode: (i) => `AAAC${i}` });
  assert.equal(isContinuousColumn(ids, 'barcode'), false);
});

test('only clusters and a score: the integer-coded cluster column is suggested, not the score', () => {
  const table = tableWith(700, {
    S_score: (i) => String(i / 700),
    louvain: (i) => String(i % 11),
  });
  assert.equal(suggestLabelColumn(table), 'louvain');
});

// A user trial: a loom written by loompy lists its col_attrs sorted, ClusterID (int64 codes) before
// ClusterName; inspect suggested ClusterID ('10 classes: 9 138, 0 72, …'), so predictions came out as numbers.
test('of two equally named columns, the one whose classes are names is suggested before the numbered one', () => {
  const names = ['B cell', 'Monocyte', 'NK cell', 'T cell'];
  const loom = tableWith(400, {
    ClusterID: (i) => String(i % 4),
    ClusterName: (i) => names[i % 4],
    TotalUMI: (i) => String(500 + i),
  });
  assert.equal(suggestLabelColumn(loom), 'ClusterName');
  // a better name still wins over named classes, and numbers alone are still suggested
  const scanpy = tableWith(400, { cell_type: (i) => String(i % 4), louvain: (i) => `louvain_${i % 4}` });
  assert.equal(suggestLabelColumn(scanpy), 'cell_type');
  assert.equal(suggestLabelColumn(tableWith(400, { ClusterID: (i) => String(i % 4) })), 'ClusterID');
});
