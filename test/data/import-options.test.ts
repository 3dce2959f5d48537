// importTable's options and helpers on small in-memory tables: column-role overrides, missing-value
// policies, duplicate gene names, metadata files, progress and cancellation, preview, label summaries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import {
  DataImportError,
  importTable,
  inspectTable,
  recommendPreprocessing,
  labelColumnSummary,
  looksLikeCounts,
  previewFile,
  suggestLabelColumn,
  type ImportOptions,
} from '../../src/data/index.js';

const bytesOf = (text: string) => new TextEncoder().encode(text);
const load = (text: string, options?: ImportOptions, name = 'test.csv') =>
  importTable({ name, bytes: bytesOf(text) }, options);

test('roles are detected: unnamed first column is the id, text and cluster columns are metadata', async () => {
  const table = await load(
    ',cell_type,n_counts,G1,G2,batch\nc1,T,10,1,2,b1\nc2,B,12,3,4,b2\nc3,T,9,5,6,b1\n',
  );
  assert.equal(table.idColumn, 'id', 'an unnamed id column is called id');
  assert.deepEqual(table.ids, ['c1', 'c2', 'c3']);
  assert.deepEqual(
    table.metadata.map((m) => m.name),
    ['cell_type', 'n_counts', 'batch'],
  );
  assert.deepEqual(table.genes, ['G1', 'G2']);
  assert.deepEqual(Array.from(table.values.data), [1, 2, 3, 4, 5, 6]);
  assert.ok(table.warnings.some((w) => w.code === 'numeric-metadata'));
});

test('every role can be overridden', async () => {
  const text = 'a,b,c,d\nx,1,2,3\ny,4,5,6\n';
  const byMeta = await load(text, { idColumn: 'a', metaColumns: ['b'] });
  assert.deepEqual(byMeta.genes, ['c', 'd']);
  assert.deepEqual(byMeta.metadata, [{ name: 'b', values: ['1', '4'] }]);
  const byGenesFrom = await load(text, { genesFrom: 'c' });
  assert.deepEqual(byGenesFrom.genes, ['c', 'd']);
  assert.deepEqual(
    byGenesFrom.metadata.map((m) => m.name),
    ['b'],
  );
  assert.deepEqual(byGenesFrom.ids, ['x', 'y']);
  const noId = await load('g1,g2\n1,2\n3,4\n');
  assert.deepEqual(noId.ids, ['cell_1', 'cell_2']);
  assert.ok(noId.warnings.some((w) => w.code === 'no-id-column'));
});

// A table of cell_id, batch, cell_type, gene1…: the columns before the first gene column are the cells' metadata.
// Told where the genes start and, as the page's Import settings send them, the detected metadata (cell_type),
// the import left out the numeric batch read as a gene before — neither a label nor a gene, while the preview
// showed it — with a warning only.
test('with the first gene column given, every column before it is metadata, listed or not', async () => {
  const text = 'cell_id,plate,cell_type,g1,g2,g3\nc1,1,T,5,6,0\nc2,2,B,7,8,1\nc3,1,T,9,1,2\n';
  for (const options of [
    { genesFrom: 'g1' },
    { genesFrom: 'g1', metaColumns: ['cell_type'] },
    { genesFrom: 'g1', metaColumns: ['plate'] },
  ]) {
    const table = await load(text, options);
    const what = JSON.stringify(options);
    assert.deepEqual(
      table.metadata.map((m) => [m.name, m.values]),
      [
        ['plate', ['1', '2', '1']],
        ['cell_type', ['T', 'B', 'T']],
      ],
      what,
    );
    assert.deepEqual(table.genes, ['g1', 'g2', 'g3'], what);
    assert.deepEqual(table.ids, ['c1', 'c2', 'c3'], what);
    assert.deepEqual(table.warnings, [], what);
  }
  // a column after it named as metadata is metadata too, not a gene
  const after = await load(text, { genesFrom: 'g1', metaColumns: ['g3'] });
  assert.deepEqual(
    after.metadata.map((m) => m.name),
    ['plate', 'cell_type', 'g3'],
  );
  assert.deepEqual(after.genes, ['g1', 'g2']);
});

test('missing-value policies: zero, drop-row, column-mean', async () => {
  const text = 'id,g1,g2\na,1,NA\nb,,4\nc,3,8\n';
  const zero = await load(text, { missing: 'zero' });
  assert.deepEqual(Array.from(zero.values.data), [1, 0, 0, 4, 3, 8]);
  assert.equal(zero.missingValues, 2);
  const dropped = await load(text, { missing: 'drop-row' });
  assert.deepEqual(dropped.ids, ['c']);
  assert.deepEqual(Array.from(dropped.values.data), [3, 8]);
  const mean = await load(text, { missing: 'column-mean' });
  assert.deepEqual(Array.from(mean.values.data), [1, 6, 2, 4, 3, 8]);
  assert.ok(mean.warnings.some((w) => w.code === 'missing-values'));
  assert.equal(inspectTable(mean).missingValues, 2);
});

// "1 missing values were read as 0." read as a slip; a large count is grouped as the app groups counts
test('the missing-value notes count in words: one value, and many grouped', async () => {
  const note = async (text: string, missing: 'zero' | 'column-mean' | 'drop-row') =>
    (await load(text, { missing })).warnings.find((w) => w.code === 'missing-values')?.message ?? '';
  assert.equal(await note('id,g1,g2\na,1,NA\nb,2,4\n', 'zero'), '1 missing value was read as 0.');
  assert.match(
    await note('id,g1,g2\na,1,NA\nb,2,4\n', 'drop-row'),
    /\(1 missing value; the first on line 2\)/,
  );
  // one NA a row, spread over the genes, so no column is mostly empty (and read as metadata)
  const row = (i: number) => [0, 1, 2, 3].map((g) => (g === i % 4 ? 'NA' : String(i + g))).join(',');
  const many = [
    'id,g1,g2,g3,g4',
    ...Array.from({ length: 1200 }, (_, i) => `c${i},${row(i)}`),
    'z,1,1,1,1',
  ].join('\n');
  assert.equal(await note(many, 'zero'), '1\u202f200 missing values were read as 0.');
  assert.match(
    await note(many, 'column-mean'),
    /^1\u202f200 missing values were replaced by their gene's mean\./,
  );
  assert.match(
    await note(many, 'drop-row'),
    /^1\u202f200 row\(s\) with missing values were left out \(1\u202f200 missing values; /,
  );
});

test('drop-row on a transposed file drops genes (file rows)', async () => {
  const table = await load('gene\ts1\ts2\nCD3E\t1\t2\nMS4A1\tNA\t3\nLYZ\t4\t5\n', {
    transpose: true,
    missing: 'drop-row',
  });
  assert.deepEqual(table.ids, ['s1', 's2']);
  assert.deepEqual(table.genes, ['CD3E', 'LYZ']);
  assert.deepEqual(Array.from(table.values.data), [1, 4, 2, 5]);
});

test('duplicate gene names are renamed deterministically with a warning', async () => {
  const table = await load('id,TP53,TP53,TP53.1,TP53\na,1,2,3,4\n');
  assert.deepEqual(table.genes, ['TP53', 'TP53.2', 'TP53.1', 'TP53.3']);
  const warning = table.warnings.find((w) => w.code === 'duplicate-gene-names');
  assert.match(warning?.message ?? '', /TP53 → TP53\.2/);
});

test('semicolon and tab delimiters, BOM, CRLF, quoted ids and .gz bytes', async () => {
  const text = '\uFEFF"cell";"type";"G1"\r\n"c;1";"T";1.5\r\n"c2";"B";-2e-3\r\n';
  const table = await importTable({ name: 'x.csv.gz', bytes: new Uint8Array(gzipSync(bytesOf(text))) });
  assert.deepEqual(table.ids, ['c;1', 'c2']);
  assert.equal(table.idColumn, 'cell');
  assert.deepEqual(Array.from(table.values.data), [1.5, Math.fround(-2e-3)]);
  const tsv = await load('id\tlabel\tg\nx\tA\t1\ny\tB\t2\n');
  assert.deepEqual(tsv.genes, ['g']);
});

// A user audit: Excel's CSV export keeps rows that once held something as lines of commas only; the import
// stopped at the first of them with "missing value (an empty field)".
test("lines of delimiters only (Excel's emptied rows) are skipped like blank lines", async () => {
  const table = await load('id,label,G1,G2\nc1,T,1,2\n,,,\nc2,B,3,4\n , , ,\n,,\n', { delimiter: ',' });
  assert.deepEqual(table.ids, ['c1', 'c2']);
  assert.deepEqual([...(table.values as { data: Float32Array }).data], [1, 2, 3, 4]);
  const tabs = await load('id\tlabel\tG1\nc1\tT\t1\n\t\t\nc2\tB\t2\n', {}, 'test.tsv');
  assert.deepEqual(tabs.ids, ['c1', 'c2']);
});

test('a forced wrong delimiter gives a one-column error', async () => {
  await assert.rejects(load('id,label,g\nx,A,1\n', { delimiter: '\t' }), (err: unknown) => {
    assert.ok(err instanceof DataImportError);
    assert.equal(err.kind, 'one-column');
    assert.match(err.message, /delimiter/);
    return true;
  });
});

// The refusal named the delimiter by neither side's words ("choose comma, or let the delimiter be detected"):
// the CLI's names the flag, the page's the Import settings field and its choices.
test("a forced wrong delimiter's refusal names --delimiter on the CLI and the Delimiter field on the page", async () => {
  await assert.rejects(load('id,label,g\nx,A,1\n', { delimiter: '\t' }), (err: unknown) => {
    assert.ok(err instanceof DataImportError);
    assert.match(err.message, /By commas it has 3 columns: give --delimiter comma, or leave --delimiter out/);
    assert.match(
      err.appMessage ?? '',
      /By commas it has 3 columns: choose Import settings ▸ Delimiter: comma, or auto/,
    );
    assert.doesNotMatch(err.appMessage ?? '', /--/);
    return true;
  });
  await assert.rejects(load('id label g\nx A 1\n', { delimiter: ',' }), (err: unknown) => {
    assert.ok(err instanceof DataImportError);
    assert.match(err.message, /single column with the chosen delimiter\. Check --delimiter\.$/);
    assert.match(
      err.appMessage ?? '',
      /single column with the chosen delimiter\. Check Import settings ▸ Delimiter\.$/,
    );
    return true;
  });
});

test('a metadata file is joined on the id; unmatched cells get empty values in its columns', async () => {
  const metaFile = {
    name: 'meta.tsv',
    bytes: bytesOf('id\tcell_type\tdonor\nc2\tB\td1\nc1\tT\td2\nzz\tNK\td1\n'),
  };
  const table = await load('id,G1\nc1,1\nc2,2\nc3,3\n', { metaFile });
  assert.deepEqual(table.metadata, [
    // marked as the joined file's, so a session keeps them (the input gives back its own columns)
    { name: 'cell_type', values: ['T', 'B', ''], joined: true },
    { name: 'donor', values: ['d2', 'd1', ''], joined: true },
  ]);
  const join = table.warnings.find((w) => w.code === 'metadata-join');
  assert.match(
    join?.message ?? '',
    /2 of 3 rows matched; 1 row has no metadata, so its 'cell_type' and 'donor' are empty; 1 of its rows match no data row/,
  );
  const summary = labelColumnSummary(table, 'cell_type');
  assert.deepEqual(summary.classes, [
    { name: 'B', count: 1 },
    { name: 'T', count: 1 },
  ]);
  assert.equal(summary.unlabeled, 1);
  assert.deepEqual(summary.tooSmall, ['B', 'T']);
});

test('progress rises to 1 and an aborted import rejects with kind "aborted"', async () => {
  const rows = Array.from({ length: 3000 }, (_, i) => `c${i},${i % 7},${i % 5},${i % 3}`);
  const bytes = bytesOf(`id,g1,g2,g3\n${rows.join('\n')}\n`);
  const seen: number[] = [];
  await importTable({ name: 'big.csv', bytes }, { chunkBytes: 4096, onProgress: (f) => seen.push(f) });
  assert.ok(seen.length > 5);
  assert.equal(seen.at(-1), 1);
  assert.ok(seen.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= seen[i - 1])));

  const controller = new AbortController();
  const pending = importTable(
    { name: 'big.csv', bytes },
    {
      chunkBytes: 4096,
      signal: controller.signal,
      onProgress: (f) => {
        if (f > 0.3) controller.abort();
      },
    },
  );
  await assert.rejects(pending, (err: unknown) => err instanceof DataImportError && err.kind === 'aborted');
});

test('previewFile reads only the top-left corner', async () => {
  const rows = Array.from({ length: 50 }, (_, i) => [
    `c${i}`,
    ...Array.from({ length: 30 }, (_, g) => g + i),
  ]);
  const bytes = bytesOf(
    `id,${Array.from({ length: 30 }, (_, g) => `G${g}`).join(',')}\n${rows.map((r) => r.join(',')).join('\n')}`,
  );
  const preview = await previewFile({ name: 'p.csv', bytes }, { rows: 3, cols: 4 });
  assert.deepEqual(preview.columns, ['id', 'G0', 'G1', 'G2']);
  assert.deepEqual(preview.rows, [
    ['c0', '0', '1', '2'],
    ['c1', '1', '2', '3'],
    ['c2', '2', '3', '4'],
  ]);
  assert.equal(preview.delimiter, ',');
});

test('suggestLabelColumn prefers label-like names and skips id-like or constant columns', async () => {
  const table = await load(
    'id,barcode_copy,phase,cluster,const,G1\n' +
      Array.from({ length: 12 }, (_, i) => `c${i},b${i},${['G1', 'S'][i % 2]},k${i % 3},x,${i}`).join('\n'),
  );
  assert.equal(suggestLabelColumn(table), 'cluster');
  const plain = await load('id,G1\na,1\nb,2\n');
  assert.equal(suggestLabelColumn(plain), undefined);
  assert.equal(inspectTable(plain).suggestedLabel, null);
});

test('looksLikeCounts: non-negative integers with a positive value', () => {
  const m = (values: number[]) => ({ data: Float32Array.from(values), rows: 1, cols: values.length });
  assert.equal(looksLikeCounts(m([0, 3, 10])), true);
  assert.equal(looksLikeCounts(m([0, 0, 0])), false);
  assert.equal(looksLikeCounts(m([0, 1.5])), false);
  assert.equal(looksLikeCounts(m([-1, 2])), false);
});

test('recommended preprocessing follows the data: counts, gene count', async () => {
  const genes = Array.from({ length: 2100 }, (_, g) => `G${g}`);
  const rows = Array.from({ length: 60 }, (_, r) => `c${r},${genes.map((_, g) => (g + r) % 4).join(',')}`);
  const counts = await load(`id,${genes.join(',')}\n${rows.join('\n')}\n`);
  assert.deepEqual(inspectTable(counts).recommendedPreprocessing, {
    normalize: true,
    targetSum: 10_000,
    log1p: true,
    topGenes: 2000,
    zscore: true,
    clip: 10,
    pcaComponents: 50,
    seed: 0,
  });
  const small = await load('id,g1,g2\na,0.5,1\nb,1,2\n');
  const recipe = inspectTable(small).recommendedPreprocessing;
  assert.equal(recipe.normalize, false);
  assert.equal(recipe.topGenes, 0);
  assert.equal(recipe.pcaComponents, 0);
  // a panel of 26 samples: PCA to 25 components, the rank of its centred data, as the fit caps it
  const panel = await load(`id,${genes.join(',')}\n${rows.slice(0, 26).join('\n')}\n`);
  assert.equal(inspectTable(panel).recommendedPreprocessing.pcaComponents, 25);
  assert.equal(recommendPreprocessing(500, false, '', 1).pcaComponents, 0, 'one cell: no PCA');
  assert.equal(recommendPreprocessing(500, false).pcaComponents, 50, 'cells unknown: no cap');
});

test('header names are trimmed, so options name columns as people read them', async () => {
  const table = await load(' id , cell type ,GENE_A , GENE_B\nc1,T,1,2\nc2,B,3,4\n', {
    metaColumns: ['cell type'],
  });
  assert.equal(table.idColumn, 'id');
  assert.deepEqual(table.genes, ['GENE_A', 'GENE_B']);
  assert.deepEqual(
    table.metadata.map((m) => m.name),
    ['cell type'],
  );
});

// A walkthrough: an h5ad's own cell_type was the label and a metadata file added a donor; the warning said the
// unmatched cells "get empty labels", which they did not.
test('the unmatched cells are said to lack the file’s columns, not labels the data file gives', async () => {
  const metaFile = { name: 'donors.csv', bytes: bytesOf('id,donor\nc1,d1\n') };
  const table = await load('id,cell_type,G1\nc1,T,1\nc2,B,2\nc3,B,3\n', { metaFile });
  const join = table.warnings.find((w) => w.code === 'metadata-join');
  assert.equal(
    join?.message,
    "Metadata file donors.csv: 1 of 3 rows matched; 2 rows have no metadata, so their 'donor' is empty. Rows without metadata: c2, c3.",
  );
  assert.doesNotMatch(join?.message ?? '', /label/);
});

test('a wide header read with the wrong delimiter counts its columns by the other one grouped', async () => {
  const genes = Array.from({ length: 1500 }, (_, i) => `G${i}`);
  const text = `id,${genes.join(',')}\nc1,${genes.map(() => '1').join(',')}\n`;
  await assert.rejects(load(text, { delimiter: '\t' }), (err: Error) => {
    assert.match(err.message, /By commas it has 1\u202f501 columns: give --delimiter comma/);
    return true;
  });
});

test('a comment line taken for the header says the rows’ field count grouped', async () => {
  const genes = Array.from({ length: 1500 }, (_, i) => `G${i}`);
  const text = `# exported,by a pipeline\nid,${genes.join(',')}\nc1,${genes.map(() => '1').join(',')}\n`;
  await assert.rejects(load(text, { delimiter: ',' }), (err: Error) => {
    assert.match(err.message, /the first line has 2 field\(s\) but line 2 has 1\u202f501,/);
    return true;
  });
});
