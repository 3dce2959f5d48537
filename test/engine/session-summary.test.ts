import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { importTable } from '../../src/data/index.js';
import { topCounts } from '../../src/data/number-counts.js';
import { datasetSummary, formatSummary } from '../../src/engine/session-summary.js';
import { seededRandom } from '../../src/util/random.js';
import { packageRoot } from '../../src/util/paths.js';
import { blobTable } from './helpers.js';

const preview = { columns: ['cell', 'cell_type'], rows: [], totalColumns: 2, delimiter: ',' as const };
const ids = { datasetId: 'data-1', source: 'cells.h5ad', metadataSource: null };

test('the summary carries the file’s category colours of the columns it kept, to the page', () => {
  const table = {
    ...blobTable({ classes: 2, perClass: 3 }),
    categoryColors: {
      cell_type: { type_0: '#1f77b4', type_1: '#ff7f0e' },
      dropped_column: { x: '#000000' },
    },
  };
  const summary = datasetSummary(table, preview, {}, ids);
  assert.deepEqual(summary.categoryColors, { cell_type: { type_0: '#1f77b4', type_1: '#ff7f0e' } });
  // plain data: it crosses structured clone and the HTTP codec
  assert.deepEqual(structuredClone(summary.categoryColors), summary.categoryColors);
});

test('the summary carries the stored category order of categorical columns (as scanpy lists them), not of text ones', () => {
  const base = blobTable({ classes: 2, perClass: 3 });
  const leiden = ['1', '0', '10', '2', '0', '1'];
  const table = {
    ...base,
    metadata: [
      ...base.metadata,
      // pandas' order of a leiden column, and a reordered cell type column (not alphabetical, not by size)
      {
        name: 'leiden',
        values: leiden,
        stored: { kind: 'categorical' as const, categories: ['0', '1', '2', '10'] },
      },
      {
        name: 'kind',
        values: ['T', 'B', 'T', 'NK', 'T', 'B'],
        stored: { kind: 'categorical' as const, categories: ['NK', 'T', 'B'] },
      },
      { name: 'note', values: ['a', 'b', 'a', 'b', 'a', 'b'], stored: { kind: 'string' as const } },
    ],
  };
  const summary = datasetSummary(table, preview, {}, ids);
  assert.deepEqual(summary.categoryOrder, { leiden: ['0', '1', '2', '10'], kind: ['NK', 'T', 'B'] });
  assert.deepEqual(structuredClone(summary.categoryOrder), summary.categoryOrder);
  assert.ok(!('categoryOrder' in datasetSummary(base, preview, {}, ids)), 'a text file has none');
});

test('a file without colours gives a summary without the field', () => {
  const summary = datasetSummary(blobTable({ classes: 2, perClass: 3 }), preview, {}, ids);
  assert.ok(!('categoryColors' in summary));
});

test('an h5ad with scanpy colours opens with them in its summary', async () => {
  const source = join(packageRoot(), 'test', 'fixtures', 'formats', 'csr.h5ad');
  const table = await importTable(source);
  const summary = datasetSummary(table, preview, {}, ids);
  assert.deepEqual(summary.categoryColors?.cell_type, {
    'B cell': '#1f77b4',
    Monocyte: '#ff7f0e',
    'NK cell': '#279e68',
    'T cell': '#d62728',
  });
});

test('the summary marks continuous obs columns (n_counts) so the page does not offer them as labels', async () => {
  const source = join(packageRoot(), 'test', 'fixtures', 'formats', 'csr.h5ad');
  const summary = datasetSummary(await importTable(source), preview, {}, ids);
  const continuous = summary.metadata.filter((m) => m.continuous === true).map((m) => m.name);
  assert.deepEqual(continuous, ['n_counts']); // 25 distinct numbers over 40 cells
  for (const name of ['cell_type', 'leiden', 'batch_int', 'n_genes', 'note']) {
    const column = summary.metadata.find((m) => m.name === name);
    assert.ok(column && !('continuous' in column), name);
  }
  assert.equal(summary.suggestedLabel, 'cell_type');
});

test('the summary says the file’s format, the matrix read, the other matrices and how sparse it is', async () => {
  const source = join(packageRoot(), 'test', 'fixtures', 'formats', 'lognorm.h5ad');
  const summary = datasetSummary(await importTable(source), preview, {}, ids);
  assert.deepEqual(summary.format, {
    kind: 'h5ad',
    matrix: 'X',
    layers: ['layers/counts', 'raw/X'],
    // raw/X of more genes than X: a gene X lacks is looked for there (the gene box says so)
    layerGenes: { 'layers/counts': 25, 'raw/X': 30 },
    obsm: [],
    embeddings: [],
  });
  assert.ok(
    summary.nonZeroFraction !== undefined && summary.nonZeroFraction > 0.4 && summary.nonZeroFraction < 0.6,
  );
  // read with layers/counts, X is offered in its place
  const counts = await importTable(source, { layer: 'counts' });
  const other = datasetSummary(counts, preview, { layer: 'counts' }, ids);
  assert.equal(other.format?.matrix, 'layers/counts');
  assert.deepEqual(other.format?.layers, ['X', 'raw/X']);
  assert.equal(other.valueKind, 'counts');
});

test("a table's format as the page is told it: a copy, embeddings included; a text table's is 'text'", () => {
  assert.deepEqual(formatSummary(undefined), {
    kind: 'text',
    matrix: '',
    layers: [],
    obsm: [],
    embeddings: [],
  });
  const format = {
    kind: 'h5ad' as const,
    matrix: 'X',
    layers: ['layers/counts'],
    obsm: ['X_pca', 'X_spatial'],
    embeddings: [{ name: 'X_pca', columns: 50 }],
  };
  const summary = formatSummary(format);
  assert.deepEqual(summary, format);
  assert.notEqual(summary.embeddings?.[0], format.embeddings[0], 'copied, not shared');
  // the other matrices' genes too: the gene box names raw/X of more genes than X for a gene X lacks
  const withRaw = { ...format, layers: ['raw/X'], layerGenes: { 'raw/X': 765 } };
  assert.deepEqual(formatSummary(withRaw), withRaw);
});

test('a column’s top values are the first of all its values sorted by count then value, ties and all', () => {
  const random = seededRandom(3);
  const sorted = (counts: Map<string, number>) =>
    [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  for (const distinct of [0, 1, 5, 12, 13, 40, 3000]) {
    const counts = new Map<string, number>();
    // few different counts, so that most values tie and are ordered by their text
    for (let i = 0; i < distinct; i++)
      counts.set(`v${Math.floor(random() * 1e6)}`, 1 + Math.floor(random() * 4));
    for (const k of [0, 1, 12, distinct + 1]) {
      assert.deepEqual(topCounts(counts, k), sorted(counts).slice(0, k), `${distinct} values, top ${k}`);
    }
  }
});

test('the summary’s metadata columns: distinct values, missing, the top twelve, and continuous ones flagged', () => {
  const rows = 600;
  const table = {
    ...blobTable({ classes: 2, perClass: rows / 2 }),
    metadata: [
      {
        name: 'cell_type',
        values: Array.from({ length: rows }, (_, i) => (i % 50 === 0 ? 'NA' : `t${i % 15}`)),
      },
      { name: 'S_score', values: Array.from({ length: rows }, (_, i) => String(i / rows)) },
    ],
  };
  const [types, score] = datasetSummary(table, preview, {}, ids).metadata;
  assert.deepEqual(
    { ...types, topValues: types.topValues.map((t) => `${t.value} ${t.count}`) },
    {
      name: 'cell_type',
      distinct: 15,
      missing: 12,
      topValues: [
        't1 40',
        't11 40',
        't12 40',
        't13 40',
        't14 40',
        't2 40',
        't3 40',
        't4 40',
        't6 40',
        't7 40',
        't8 40',
        't9 40',
      ],
    },
  );
  assert.equal(types.continuous, undefined);
  assert.equal(score.distinct, rows);
  assert.equal(score.continuous, true);
  assert.deepEqual(score.topValues[0], { value: '0', count: 1 });
});

// sc.pp.calculate_qc_metrics on a small dataset: its float columns hold a few distinct values each; the page
// offered pct_counts_mt as a label (and colours it by value) though a fraction is a measurement, not a class.
test('the summary flags a scanpy QC float column of a few distinct fractions as continuous; integer codes stay labels', () => {
  const rows = 40;
  const column = (name: string, values: string[]) => ({
    name,
    values: Array.from({ length: rows }, (_, i) => values[i % values.length]),
  });
  const table = {
    ...blobTable({ classes: 2, perClass: rows / 2 }),
    metadata: [
      column('total_counts_mt', ['0', '1', '2']),
      column('pct_counts_mt', ['0', '0.3448276', '0.6896552']),
      column('log1p_total_counts', ['7.6014023', '7.9010057']),
      column('leiden', ['0', '1', '2', '3']),
    ],
  };
  const summary = datasetSummary(table, preview, {}, ids);
  assert.deepEqual(
    summary.metadata.filter((m) => m.continuous === true).map((m) => m.name),
    ['pct_counts_mt', 'log1p_total_counts'],
  );
  assert.equal(summary.suggestedLabel, 'leiden');
});

// A walkthrough (a 26-sample bulk panel as a CSV): Import's Orientation read "Rows are cells (26)".
test("the orientation names a text table's rows cells or samples, a single-cell format's cells", async () => {
  const text = await importTable({
    name: 'panel.csv',
    bytes: new TextEncoder().encode('sample,class,G1,G2\ns1,a,1.5,2\ns2,a,1,3\ns3,b,4,1\n'),
  });
  assert.equal(
    datasetSummary(text, preview, {}, ids).orientation.reason,
    'Rows are cells or samples (3), numeric columns are genes (2).',
  );
  const h5ad = { ...text, format: { kind: 'h5ad' as const, matrix: 'X', layers: [], obsm: [] } };
  assert.equal(
    datasetSummary(h5ad, preview, {}, ids).orientation.reason,
    'Rows are cells (3), numeric columns are genes (2).',
  );
});

// The orientation read "Rows are cells (1500), numeric columns are genes (2000)" beside the Shape's "1 500 cells".
test('the orientation groups the digits of its counts as the rest of the summary does', async () => {
  const genes = Array.from({ length: 1200 }, (_, g) => `G${g}`);
  const row = (i: number) => `c${i},${genes.map((_, g) => (i + g) % 3).join(',')}`;
  const body = ['cell,' + genes.join(','), row(1), row(2), row(3)].join('\n');
  const table = await importTable({ name: 'wide.csv', bytes: new TextEncoder().encode(body) });
  assert.equal(
    datasetSummary(table, preview, {}, ids).orientation.reason,
    'Rows are cells or samples (3), numeric columns are genes (1\u202f200).',
  );
});

// The Import summary's Orientation line is the page's: it names the Orientation setting, not --transpose.
test("a table that looks turned round is told so in the page's words", async () => {
  const body = 'gene,AAACCTGAGAAACCAT-1,AAACCTGAGAAACCGC-1\nCD3E,1,2\nMS4A1,0,3\nNKG7,4,0\nLYZ,2,2\n';
  const table = await importTable({ name: 'geo.csv', bytes: new TextEncoder().encode(body) });
  const { reason } = datasetSummary(table, preview, {}, ids).orientation;
  assert.match(reason, /choose Import settings ▸ Orientation: genes are rows \(transpose\)\.$/);
  assert.doesNotMatch(reason, /--transpose/);
});

// A walkthrough (a genes × samples TSV of a bulk panel): the label picker, seeing no metadata column, sent the user
// to tick one of the columns — which were samples. The summary says when the file looks turned round.
test('a table that looks turned round is marked so in its orientation, one read as asked is not', async () => {
  const body = 'gene,s1,s2,s3\nCD3E,1,2,4\nMS4A1,0,3,1\nNKG7,4,0,2\nLYZ,2,2,5\n';
  const table = await importTable({ name: 'panel.tsv', bytes: new TextEncoder().encode(body) });
  assert.equal(datasetSummary(table, preview, {}, ids).orientation.looksTurned, true);
  const turned = await importTable(
    { name: 'panel.tsv', bytes: new TextEncoder().encode(body) },
    { transpose: true },
  );
  const asked = datasetSummary(turned, preview, { orientation: 'genes-as-rows' }, ids).orientation;
  assert.equal(asked.looksTurned, undefined);
  // its columns are a bulk panel's samples: not called cells (it said "columns are cells")
  assert.equal(asked.reason, 'Turned round as asked: columns are cells or samples, rows are genes.');
  const plain = await importTable({
    name: 'panel.csv',
    bytes: new TextEncoder().encode('sample,class,G1,G2\ns1,a,1.5,2\ns2,a,1,3\ns3,b,4,1\n'),
  });
  assert.equal(datasetSummary(plain, preview, {}, ids).orientation.looksTurned, undefined);
});

// A walkthrough: scanpy's pbmc68k_reduced, whose X sc.pp.scale centred, read "Values: already log-transformed".
test('values with a negative one are centred or scaled, measurements are not log-transformed; counts and log data as before', async () => {
  const read = (body: string) =>
    importTable({ name: 'x.csv', bytes: new TextEncoder().encode(`cell,G1,G2\n${body}`) });
  const kind = async (body: string) => datasetSummary(await read(body), preview, {}, ids).valueKind;
  assert.equal(await kind('c1,-0.33,1.2\nc2,0.8,-1.1\n'), 'scaled');
  assert.equal(await kind('c1,0.5,1.2\nc2,0,2.1\n'), 'log');
  assert.equal(await kind('c1,3,0\nc2,1,7\n'), 'counts');
  // iris's measurements, none zero, were called 'already log-transformed'
  assert.equal(await kind('c1,5.1,0.2\nc2,6.3,2.5\n'), 'non-negative');
});
