// Column roles after issue 10: a column is metadata only when it is mostly text (or empty, or a cluster
// code), one bad cell never moves a column or its neighbours, and a bad token follows the missing-value
// policy the user chose — in the profiling sample or after it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  DataImportError,
  importTable,
  inspectTable,
  labelColumnSummary,
  suggestLabelColumn,
  type ImportOptions,
} from '../../src/data/index.js';
import { packageRoot } from '../../src/util/paths.js';

const BAD = join(packageRoot(), 'test', 'fixtures', 'bad');
const bytesOf = (text: string) => new TextEncoder().encode(text);
const load = (text: string, options?: ImportOptions) =>
  importTable({ name: 'roles.csv', bytes: bytesOf(text) }, options);
const table = (header: string, rows: number, row: (i: number) => string) =>
  `${header}\n${Array.from({ length: rows }, (_, i) => row(i)).join('\n')}\n`;

test('a bad token in G1 is an error at its cell, not "6 cells × 2 genes"', async () => {
  await assert.rejects(importTable(join(BAD, 'inf-in-gene.csv')), (err: unknown) => {
    assert.ok(err instanceof DataImportError);
    assert.equal(err.kind, 'not-finite');
    assert.equal(err.line, 4);
    assert.equal(err.column, 4);
    return true;
  });
});

test('with --missing, the bad token is a missing value under that policy, with a warning', async () => {
  const zero = await importTable(join(BAD, 'inf-in-gene.csv'), { missing: 'zero' });
  assert.deepEqual(zero.genes, ['G0', 'G1', 'G2', 'G3']);
  assert.deepEqual(
    zero.metadata.map((m) => m.name),
    ['label'],
  );
  assert.equal(zero.values.data[2 * 4 + 1], 0);
  const warning = zero.warnings.find((w) => w.code === 'bad-values-as-missing');
  assert.match(
    warning?.message ?? '',
    /"Inf", on line 4, column 4 \("G1"\).*treated as missing values under --missing zero\.$/,
  );
  assert.equal(zero.missingValues, 1);

  const mean = await importTable(join(BAD, 'text-in-gene-early.csv'), { missing: 'column-mean' });
  // G1 of rows 0, 2…5 is 1, 3, 4, 5, 6: the mean 3.8 fills row 1.
  assert.equal(mean.values.data[1 * 4 + 1], Math.fround(3.8));
  const dropped = await importTable(join(BAD, 'hex-number.csv'), { missing: 'drop-row' });
  assert.deepEqual(dropped.ids, ['c1', 'c2', 'c3', 'c4', 'c5']);
  assert.equal(dropped.values.cols, 4);
});

test('a bad token after the profiling sample gets the same error and the same policy', async () => {
  const file = join(BAD, 'text-in-gene-late.csv');
  await assert.rejects(importTable(file), (err: unknown) => {
    assert.ok(err instanceof DataImportError);
    assert.equal(err.kind, 'not-a-number');
    assert.deepEqual([err.line, err.column], [232, 3]);
    return true;
  });
  const zero = await importTable(file, { missing: 'zero' });
  assert.deepEqual(zero.genes, ['GENE_A', 'GENE_B']);
  assert.equal(zero.values.rows, 250);
  assert.equal(zero.values.data[(232 - 2) * 2], 0);
  assert.match(
    zero.warnings.find((w) => w.code === 'bad-values-as-missing')?.message ?? '',
    /"high", on line 232, column 3/,
  );
});

test('a column is metadata only when more than half of its values are text', async () => {
  // "mixed" holds 3 text values of 6: not mostly text, so it is a gene column with bad values.
  const half = table('id,mixed,G1', 6, (i) => `c${i},${i % 2 ? 'x' : i},${i}`);
  await assert.rejects(load(half), (err: unknown) => {
    assert.ok(err instanceof DataImportError);
    assert.deepEqual([err.kind, err.line, err.column], ['not-a-number', 3, 2]);
    return true;
  });
  // 4 of 6 are text: metadata, and G1 stays a gene.
  const mostly = await load(table('id,mixed,G1', 6, (i) => `c${i},${i % 3 ? 'x' : i},${i}`));
  assert.deepEqual(
    mostly.metadata.map((m) => m.name),
    ['mixed'],
  );
  assert.deepEqual(mostly.genes, ['G1']);
});

test('a text column among genes does not drag the genes before it into metadata', async () => {
  const t = await load(table('id,G0,G1,cell_type,G2,G3,G4', 5, (i) => `c${i},${i},${i + 1},T${i % 2},1,2,3`));
  assert.deepEqual(t.genes, ['G0', 'G1', 'G2', 'G3', 'G4']);
  assert.deepEqual(
    t.metadata.map((m) => m.name),
    ['cell_type'],
  );
  assert.match(t.warnings.find((w) => w.code === 'genes-apart')?.message ?? '', /G0, G1/);
});

test('an all-NA label column is an empty metadata column with a note, not a gene', async () => {
  const t = await importTable(join(BAD, 'all-na-label.csv'));
  assert.deepEqual(t.genes, ['G0', 'G1']);
  assert.deepEqual(
    t.metadata.map((m) => m.name),
    ['label'],
  );
  assert.match(
    t.warnings.find((w) => w.code === 'empty-column')?.message ?? '',
    /"label" has no values.*empty metadata column, not a gene/,
  );
  const summary = labelColumnSummary(t, 'label');
  assert.deepEqual([summary.classes.length, summary.unlabeled], [0, 6]);
  assert.equal(inspectTable(t).suggestedLabel, null);
});

test('integer cluster codes are label candidates, never genes (issue 12)', async () => {
  const t = await importTable(join(BAD, 'cluster-codes.csv'));
  assert.equal(t.values.cols, 5);
  assert.deepEqual(
    t.metadata.map((m) => m.name),
    ['leiden'],
  );
  assert.equal(suggestLabelColumn(t), 'leiden');
  assert.deepEqual(
    labelColumnSummary(t, 'leiden').classes.map((c) => [c.name, c.count]),
    [
      ['0', 10],
      ['1', 10],
      ['2', 10],
      ['3', 10],
    ],
  );
  for (const name of ['louvain', 'kmeans', 'cluster', 'clusters', 'seurat_clusters', 'RNA_snn_res.0.8']) {
    const named = await load(table(`id,G0,${name},G1`, 40, (i) => `c${i},${i},${i % 5},${i * 2}`));
    assert.deepEqual(
      named.metadata.map((m) => m.name),
      [name],
      name,
    );
    assert.deepEqual(named.genes, ['G0', 'G1'], name);
    assert.equal(suggestLabelColumn(named), name, name);
  }
});

test('a cluster-named column of many distinct or fractional values is not a cluster code', async () => {
  // 40 distinct integers in 40 rows: not codes (kept as a gene: it sits among genes).
  const distinct = await load(table('id,G0,cluster,G1', 40, (i) => `c${i},${i},${i},${i * 2}`));
  assert.deepEqual(distinct.genes, ['G0', 'cluster', 'G1']);
  const fractional = await load(table('id,G0,leiden,G1', 40, (i) => `c${i},${i},${(i % 4) + 0.5},1`));
  assert.deepEqual(fractional.genes, ['G0', 'leiden', 'G1']);
});

// A review: the decimal-comma hint advised replacing every ',' by '.' for thousands separators too, which
// would turn 12345 into 12.345; now it advises the decimal option only for values that cannot be thousands.
test('no gene column: the decimal-comma advice only for values that cannot be thousands separators', async () => {
  // read with '.' decimals: detection would read these with ',' (decimal.test.ts)
  const decimals = load('id;G1;G2\nc1;1,5;12,345\nc2;0,25;3,000\n', { delimiter: ';', decimal: '.' });
  await assert.rejects(decimals, {
    kind: 'no-gene-columns',
    message:
      /values such as "1,5" \(column "G1"\) use a decimal comma: read the file with ',' as the decimal separator \(--decimal comma/,
  });
  const thousands = load('id;G1;G2\nc1;12,345;1,000\nc2;3,000;45,678\n', { delimiter: ';' });
  await assert.rejects(thousands, (err: unknown) => {
    assert.ok(err instanceof DataImportError);
    assert.equal(err.kind, 'no-gene-columns');
    assert.match(err.message, /values such as "12,345" \(column "G1"\).*if ',' is the decimal separator/);
    assert.match(err.message, /thousands/);
    assert.doesNotMatch(err.message, /use a decimal comma/);
    return true;
  });
});

// A walkthrough (a bulk panel saved by a spreadsheet: ';'-separated, decimal commas, an integer column):
// the file opened as "26 cells × 1 genes", age the one gene and every gene a metadata column.
test('decimal-comma genes beside an integer column: refused naming the comma, not read as 1 gene', async () => {
  const text = table(
    'sample;class;reads;G1;G2;G3',
    6,
    (i) => `s${i};${i % 2 ? 'a' : 'b'};${30 + i};9,8${i};1,25;0,5${i}`,
  );
  // read with '.' decimals (detection reads them with ',': decimal.test.ts); named at the first such value
  await assert.rejects(load(text, { delimiter: ';', decimal: '.' }), (err: unknown) => {
    assert.ok(err instanceof DataImportError);
    assert.equal(err.kind, 'no-gene-columns');
    assert.equal(err.file, 'roles.csv');
    assert.equal(err.line, 2);
    assert.equal(err.column, 4);
    assert.match(err.message, /3 columns hold numbers written with a comma.*only 1 as numbers \(reads\)/);
    assert.match(err.message, /values such as "9,80" \(column "G1"\) use a decimal comma/);
    return true;
  });
  // one text column of such numbers beside many genes is left alone
  const one = await load(
    table('sample;where;G1;G2', 6, (i) => `s${i};1,5;${i};${i * 2}`),
    { delimiter: ';', decimal: '.' },
  );
  assert.deepEqual(one.genes, ['G1', 'G2']);
});

// A walkthrough (a bulk panel: sample, class, age, then genes): age was read as a gene, z-scored with them.
test("a bulk panel's clinical numbers at the genes' edge (age, os_months) are metadata, not genes", async () => {
  const text = table(
    'sample,class,age,G1,G2,os_months',
    8,
    (i) => `s${i},${i % 2 ? 'a' : 'b'},${30 + i * 7},${i}.5,${i * 2},${12 + i}`,
  );
  const t = await load(text);
  assert.deepEqual(t.genes, ['G1', 'G2']);
  assert.deepEqual(
    t.metadata.map((m) => m.name),
    ['class', 'age', 'os_months'],
  );
  assert.ok(t.warnings.some((w) => w.code === 'numeric-metadata' && /age, os_months/.test(w.message)));
  // a gene among genes keeps its place whatever its name
  const among = await load(
    table('sample,class,G1,age,G2', 8, (i) => `s${i},${i % 2 ? 'a' : 'b'},${i},${30 + i},${i * 2}`),
  );
  assert.deepEqual(among.genes, ['G1', 'age', 'G2']);
});

test('a column option naming no column of a wide header says its column count grouped', async () => {
  const genes = Array.from({ length: 1500 }, (_, i) => `G${i}`);
  const text = table(['id', ...genes].join(','), 2, (i) => [`c${i}`, ...genes.map(() => '1')].join(','));
  await assert.rejects(load(text, { metaColumns: ['nope'] }), (err: Error) => {
    assert.match(
      err.message,
      /names a column "nope" that is not in the header\..*, … \(1\u202f501 columns\)\.$/,
    );
    return true;
  });
});

// the terminal names the flag, the page its Import settings field (`appMessage`), each at line 1 of the file
test('a column option naming no column: the CLI flag in the message, the page’s field in its words', async () => {
  const text = table('id,donor,G1,G2', 4, (i) => `c${i},d${i % 2},${i},${i * 2}`);
  const cases: [ImportOptions, string, string][] = [
    [{ metaColumns: ['donr'] }, '--meta', 'Import settings ▸ Metadata columns'],
    [{ idColumn: 'cell' }, '--id', 'Import settings ▸ Id column'],
    [{ genesFrom: 'G3' }, '--genes-from', 'Import settings ▸ Genes start at'],
  ];
  for (const [options, flag, field] of cases) {
    await assert.rejects(load(text, options), (err: DataImportError) => {
      assert.ok(err.message.includes(`, line 1: ${flag} names a column "`), err.message);
      assert.ok(err.appMessage?.includes(`, line 1: ${field} names a column "`), err.appMessage);
      assert.doesNotMatch(err.appMessage ?? '', /--[a-z]/);
      return true;
    });
  }
});

// The column warnings suggest a setting in each side's words: the CLI's flag in `message`, the page's field in
// `appMessage` — they said "the genes-from or metadata options", "the metadata option" and "the id column
// option", which neither side shows.
test('a column warning names the CLI flag in its message and the Import settings field for the page', async () => {
  const peeled = await load(
    table('sample,class,age,G1,G2', 8, (i) => `s${i},${i % 2 ? 'a' : 'b'},${30 + i * 7},${i}.5,${i}`),
  );
  const apart = await load(
    table('id,G0,G1,cell_type,G2,G3,G4', 5, (i) => `c${i},${i},${i + 1},T${i % 2},1,2,3`),
  );
  const noId = await load('g1,g2\n1,2\n3,4\n');
  const cases = [
    [
      peeled,
      'numeric-metadata',
      '(use --genes-from or --meta to change this)',
      '(use Import settings ▸ Genes start at or Metadata columns to change this)',
    ],
    [
      apart,
      'genes-apart',
      '(name them with --meta if they are not genes)',
      '(name them under Import settings ▸ Metadata columns if they are not genes)',
    ],
    [noId, 'no-id-column', '(set --id to use one)', '(set Import settings ▸ Id column to use one)'],
  ] as const;
  for (const [t, code, cli, app] of cases) {
    const warning = t.warnings.find((w) => w.code === code);
    assert.ok(warning?.message.endsWith(`${cli}.`), `${code}: ${warning?.message}`);
    assert.ok(warning?.appMessage?.endsWith(`${app}.`), `${code}: ${warning?.appMessage}`);
    assert.doesNotMatch(warning?.message ?? '', /Import settings/);
    assert.doesNotMatch(warning?.appMessage ?? '', /--/);
  }
});

test('an id column named as a spreadsheet names it ("Sample ID") is the id even when an id repeats', async () => {
  // An Excel sample sheet's "Sample ID" with a repeated id was not taken for the id column: the rows became
  // cell_1, cell_2… in the outputs and "Sample ID" a metadata column offered as a label.
  for (const name of ['Sample ID', 'Sample.ID', 'cell-id', 'Cell Name']) {
    const t = await load(
      table(`label,${name},g1,g2`, 6, (i) => `${i < 3 ? 'A' : 'B'},s${i === 5 ? 4 : i},${i},${6 - i}`),
    );
    assert.deepEqual(t.ids, ['s0', 's1', 's2', 's3', 's4', 's4.1'], name);
    assert.deepEqual(
      t.metadata.map((m) => m.name),
      ['label'],
      name,
    );
    assert.ok(!t.warnings.some((w) => /No id column/.test(w.message)), name);
  }
});

test('metadata values are read without the spaces around them, as ids and column names are', async () => {
  // An Excel sheet's labels typed with trailing spaces ('AML  '): the run trained them as 'AML', but the outputs
  // wrote them as typed — the coordinates CSV's label beside its predicted_label 'AML', and an h5ad result whose
  // obs label never equalled tripletlens_predicted for those cells ('AML  ' a category of its own).
  const t = await load(
    table('id,subtype,g1,g2', 4, (i) => `s${i},${['AML  ', ' AML', 'ALL', 'ALL '][i]},${i},1`),
  );
  assert.deepEqual(t.metadata.find((m) => m.name === 'subtype')?.values, ['AML', 'AML', 'ALL', 'ALL']);
  // quoted too: a CSV's quotes keep a field's commas, not its stray spaces
  const q = await load('id,subtype,g1\ns1,"AML ",1\ns2,"ALL",2\n');
  assert.deepEqual(q.metadata.find((m) => m.name === 'subtype')?.values, ['AML', 'ALL']);
});
