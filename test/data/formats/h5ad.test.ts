// h5ad specifics: obs decoding of every encoding anndata writes (and anndata ≤ 0.7's), gene names from var,
// layer / raw / obsm selection, scanpy's category colours, and in-memory sources.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { DataImportError, importTable, type ExpressionTable } from '../../../src/data/index.js';
import { asDense, isCsr } from '../../../src/data/sparse.js';
import { packageRoot } from '../../../src/util/paths.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');
const fixture = (name: string) => join(FORMATS, name);

function column(table: ExpressionTable, name: string): string[] {
  const found = table.metadata.find((m) => m.name === name);
  assert.ok(found, `no metadata column ${name}`);
  return found.values;
}

/** The value pattern cells.py gives each column, row by row. */
const rows = Array.from({ length: 40 }, (_, i) => i);

test('obs columns of every current encoding decode to text, missing values to empty strings', async () => {
  const table = await importTable(fixture('csr.h5ad'));
  assert.deepEqual(
    table.metadata.map((m) => m.name),
    [
      'cell_type',
      'donor',
      'leiden',
      'n_counts',
      'is_doublet',
      'n_genes',
      'predicted',
      'batch_int',
      'qc_pass',
      'barcode_seq',
      'note',
    ],
  );
  // categorical (codes + categories)
  assert.deepEqual(
    column(table, 'leiden'),
    rows.map((i) => String(i % 3)),
  );
  // categorical with code -1 for missing
  const types = ['B cell', 'T cell', 'NK cell', 'Monocyte'];
  assert.deepEqual(
    column(table, 'predicted'),
    rows.map((i) => (i % 5 === 0 ? '' : types[i % 4])),
  );
  // string-array
  assert.deepEqual(
    column(table, 'donor'),
    rows.map((i) => `donor_${'AB'[i % 2]}`),
  );
  assert.deepEqual(
    column(table, 'barcode_seq'),
    rows.map((i) => `ACGT${String(i).padStart(4, '0')}`),
  );
  // booleans as pandas prints them
  assert.deepEqual(
    column(table, 'is_doublet'),
    rows.map((i) => (i % 7 === 0 ? 'True' : 'False')),
  );
  // float32 and int64 numbers, plainly
  assert.deepEqual(column(table, 'n_counts'), column(await importTable(fixture('dense.h5ad')), 'n_counts'));
  assert.ok(column(table, 'n_counts').every((v) => /^\d+$/.test(v)));
  assert.ok(column(table, 'n_genes').every((v) => /^\d+$/.test(v)));
  // nullable integer, boolean and string (values + mask)
  assert.deepEqual(
    column(table, 'batch_int'),
    rows.map((i) => (i % 4 === 0 ? '' : String(i % 3))),
  );
  assert.deepEqual(
    column(table, 'qc_pass'),
    rows.map((i) => (i % 6 === 0 ? '' : i % 2 === 0 ? 'True' : 'False')),
  );
  assert.deepEqual(
    column(table, 'note'),
    rows.map((i) => (i % 3 === 0 ? '' : `note ${i}`)),
  );
  assert.equal(table.idColumn, 'obs_names');
  assert.deepEqual(table.warnings, []);
});

test("anndata ≤ 0.7's categoricals (codes with __categories) and h5sparse X decode the same", async () => {
  const old = await importTable(fixture('old-encoding.h5ad'));
  const current = await importTable(fixture('csr.h5ad'));
  for (const name of ['cell_type', 'donor', 'n_counts'])
    assert.deepEqual(column(old, name), column(current, name));
  assert.equal(old.idColumn, 'index');
  assert.ok(isCsr(old.values));
});

test('scanpy colours in uns/<column>_colors become categoryColors by category', async () => {
  const table = await importTable(fixture('csr.h5ad'));
  assert.deepEqual(table.categoryColors, {
    cell_type: { 'B cell': '#1f77b4', Monocyte: '#ff7f0e', 'NK cell': '#279e68', 'T cell': '#d62728' },
  });
  assert.equal((await importTable(fixture('dense.h5ad'))).categoryColors, undefined);
});

test('a numeric var index falls back to the feature_name column, with a warning', async () => {
  const table = await importTable(fixture('csc.h5ad'));
  assert.equal(table.genes[3], 'CD79A');
  assert.ok(
    table.warnings.some((w) => w.code === 'gene-names-from-column' && /feature_name/.test(w.message)),
  );
});

test('format lists the layers and obsm entries; input obsm:X_pca trains on the embedding', async () => {
  const table = await importTable(fixture('csr.h5ad'), { input: 'obsm:X_pca' });
  assert.deepEqual(table.format, {
    kind: 'h5ad',
    matrix: 'obsm/X_pca',
    layers: ['X'],
    layerGenes: { X: 30 },
    obsm: ['X_pca', 'X_umap'],
    embeddings: [
      { name: 'X_pca', columns: 5 },
      { name: 'X_umap', columns: 2 },
    ],
  });
  assert.deepEqual(table.genes, ['X_pca_1', 'X_pca_2', 'X_pca_3', 'X_pca_4', 'X_pca_5']);
  assert.equal(isCsr(table.values), false);
  assert.equal(table.values.rows, 40);
  assert.ok(asDense(table.values).data.some((v) => v !== 0));
  assert.deepEqual(column(table, 'cell_type').slice(0, 2), ['B cell', 'T cell']);
});

test('layer names: counts, layers/counts, raw and X choose the matching matrix', async () => {
  const file = fixture('lognorm.h5ad');
  assert.equal((await importTable(file, { layer: 'layers/counts' })).format?.matrix, 'layers/counts');
  const raw = await importTable(file, { layer: 'raw' });
  assert.equal(raw.genes.length, 30, 'raw/var names the 30 raw genes, var only 25');
  assert.deepEqual(raw.format?.layers, ['X', 'layers/counts']);
  assert.equal((await importTable(file, { layer: 'X' })).genes.length, 25);
});

test('an unknown layer or obsm entry is an error listing what the file has', async () => {
  await assert.rejects(importTable(fixture('lognorm.h5ad'), { layer: 'spliced' }), (err: unknown) => {
    assert.ok(err instanceof DataImportError);
    assert.match(err.message, /lognorm\.h5ad, dataset \/layers\/spliced: .*X, layers\/counts, raw\/X/);
    return true;
  });
  await assert.rejects(importTable(fixture('csr.h5ad'), { input: 'obsm:X_tsne' }), /obsm:X_pca, obsm:X_umap/);
  await assert.rejects(importTable(fixture('cells.loom'), { input: 'obsm:X_pca' }), /need an h5ad file/);
  await assert.rejects(importTable(fixture('tenx-v3.h5'), { layer: 'counts' }), /one count matrix/);
});

test('bytes in memory import like the file, named by the upload name', async () => {
  const bytes = new Uint8Array(readFileSync(fixture('csc.h5ad')));
  const fromMemory = await importTable({ name: 'upload.h5ad', bytes });
  const fromDisk = await importTable(fixture('csc.h5ad'));
  assert.equal(fromMemory.source, 'upload.h5ad');
  assert.deepEqual(fromMemory.genes, fromDisk.genes);
  assert.deepEqual(asDense(fromMemory.values).data, asDense(fromDisk.values).data);
});

test('a metadata file joins on the obs names', async () => {
  const table = await importTable(fixture('dense.h5ad'), { metaFile: join(FORMATS, 'cells.csv') });
  assert.deepEqual(column(table, 'leiden_cluster').slice(0, 3), ['c0', 'c1', 'c2']);
  assert.ok(
    table.warnings.some((w) => w.code === 'metadata-join' && /40 of 40 cells matched/.test(w.message)),
  );
});

test('progress rises from 0 to 1 while the matrix is read in chunks, for every layout', async () => {
  for (const file of ['csr.h5ad', 'csc.h5ad', 'dense.h5ad', 'cells.loom', 'tenx-v3.h5']) {
    const seen: number[] = [];
    await importTable(fixture(file), { chunkBytes: 400, onProgress: (f) => seen.push(f) });
    assert.ok(seen.length > 3, `${file}: ${seen.length} reports`);
    assert.ok(
      seen.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= seen[i - 1])),
      `${file}: ${seen.join(' ')}`,
    );
    assert.equal(seen[seen.length - 1], 1);
  }
});

test('an abort stops the import between chunks with kind aborted', async () => {
  const controller = new AbortController();
  const reading = importTable(fixture('csc.h5ad'), {
    chunkBytes: 40,
    signal: controller.signal,
    onProgress: (f) => {
      if (f > 0.2) controller.abort();
    },
  });
  await assert.rejects(reading, (err: unknown) => err instanceof DataImportError && err.kind === 'aborted');
});

test('h5ad obs and var columns record how the file stored them (for the h5ad result to write them back)', async () => {
  const table = await importTable(fixture('csr.h5ad'));
  const stored = Object.fromEntries(table.metadata.map((m) => [m.name, m.stored]));
  assert.deepEqual(stored.cell_type, {
    kind: 'categorical',
    categories: ['B cell', 'Monocyte', 'NK cell', 'T cell'],
    ordered: false,
  });
  assert.deepEqual(stored.predicted?.categories?.at(-1), 'unused', 'an unused category is kept');
  assert.deepEqual(stored.donor, { kind: 'string' });
  assert.deepEqual(stored.n_counts, { kind: 'number', dtype: 'float32' });
  assert.deepEqual(stored.n_genes, { kind: 'integer', dtype: 'int64' });
  assert.deepEqual(stored.is_doublet, { kind: 'boolean' });
  assert.deepEqual(stored.batch_int, { kind: 'integer', dtype: 'int64', nullable: true });
  assert.deepEqual(stored.qc_pass, { kind: 'boolean', nullable: true });
  assert.deepEqual(stored.note, { kind: 'string', nullable: true });
  assert.deepEqual(
    table.geneAnnotations?.map((a) => [a.name, a.stored, a.values.slice(0, 2)]),
    [['gene_ids', { kind: 'string' }, ['ENSG00000000000', 'ENSG00000000001']]],
  );
  const old = await importTable(fixture('old-encoding.h5ad'));
  assert.equal(old.metadata.find((m) => m.name === 'cell_type')?.stored?.kind, 'categorical');
});

test('categoricals with numeric categories keep the categories dtype (int64, int32, float64) for the writer', async () => {
  const table = await importTable(fixture('numeric-categories.h5ad'));
  const stored = (name: string) => table.metadata.find((m) => m.name === name)?.stored;
  assert.deepEqual(stored('intcat'), {
    kind: 'categorical',
    categories: ['0', '1', '2', '3'],
    ordered: false,
    categoryDtype: 'int64',
  });
  assert.equal(stored('int32cat')?.categoryDtype, 'int32');
  assert.deepEqual(stored('dose')?.categories, ['2', '0.5', '1.25']);
  assert.equal(stored('dose')?.categoryDtype, 'float64');
  assert.equal(stored('cell_type')?.categoryDtype, undefined);
  assert.deepEqual(
    column(table, 'intcat'),
    rows.map((i) => String(i % 4)),
  );
});
