// Which matrix of an h5ad is read: an embedding by the input option, and — when nothing was chosen — what a
// file whose X is None or has no columns opens with (a layer, else its widest embedding, said in a warning),
// instead of stopping with no way to choose in the app. The files are written by write-embedding-h5ad.ts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataImportError, importTable } from '../../../src/data/index.js';
import { writeEmbeddingH5ad, type EmbeddingH5adSpec } from './write-embedding-h5ad.js';
import { loadH5wasm } from '../../../src/engine/h5ad/h5wasm-module.js';
import type { Dataset, Group } from 'h5wasm/node';

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'tripletlens-h5ad-choice-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function file(name: string, spec: EmbeddingH5adSpec): Promise<string> {
  const path = join(dir, name);
  await writeEmbeddingH5ad(path, spec);
  return path;
}

test('the embeddings readable as the input are listed with their widths; a dataframe in obsm is not', async () => {
  const path = await file('scanpy.h5ad', {
    obsm: { X_pca: 20, X_scVI: 10, X_umap: 2, protein: 'dataframe' },
  });
  const table = await importTable(path);
  assert.equal(table.format?.matrix, 'X');
  assert.deepEqual(table.format?.obsm, ['X_pca', 'X_scVI', 'X_umap', 'protein']);
  assert.deepEqual(table.format?.embeddings, [
    { name: 'X_pca', columns: 20 },
    { name: 'X_scVI', columns: 10 },
    { name: 'X_umap', columns: 2 },
  ]);
  const scvi = await importTable(path, { input: 'obsm:X_scVI' });
  assert.equal(scvi.format?.matrix, 'obsm/X_scVI');
  assert.equal(scvi.values.cols, 10);
  assert.deepEqual(scvi.format?.layers, ['X'], 'X is offered back');
  await assert.rejects(importTable(path, { input: 'obsm:protein' }), (err: unknown) => {
    assert.ok(err instanceof DataImportError);
    assert.equal(err.kind, 'unsupported-format');
    assert.match(
      err.message,
      /scanpy\.h5ad, group \/obsm\/protein: this is a dataframe .* adata\.obsm\["protein"\] = adata\.obsm\["protein"\]\.to_numpy\(\)/,
    );
    assert.doesNotMatch(err.message, /to_memory/, 'an in-memory copy would still be a dataframe');
    return true;
  });
});

test('a file whose X is None opens with its widest embedding and says so', async () => {
  const path = await file('no-x.h5ad', { x: 'none', obsm: { X_umap: 2, X_scVI: 10 } });
  const table = await importTable(path);
  assert.equal(table.format?.matrix, 'obsm/X_scVI');
  assert.equal(table.values.cols, 10);
  assert.deepEqual(table.format?.layers, []);
  const warning = table.warnings.find((w) => w.code === 'matrix-instead-of-x');
  assert.equal(
    warning?.message,
    `${path} has no X matrix (X is None): read the embedding obsm/X_scVI (10 columns) instead. It also holds obsm/X_umap: choose with --layer or --input.`,
  );
  // the page's words, which the engine session gives the Import screen: its Matrix field, not the CLI's flags
  assert.equal(
    warning?.appMessage,
    `${path} has no X matrix (X is None): read the embedding obsm/X_scVI (10 columns) instead. It also holds obsm/X_umap: choose under Import settings ▸ Matrix.`,
  );
  // a choice is honoured as before
  assert.equal((await importTable(path, { input: 'obsm:X_umap' })).format?.matrix, 'obsm/X_umap');
});

test('a file whose X is None reads its counts layer before any embedding', async () => {
  const path = await file('no-x-layer.h5ad', { x: 'none', countsLayer: true, obsm: { X_pca: 20 } });
  // X asked for by name: refused, naming where to choose another — the flag on the CLI, the field on the page
  await assert.rejects(importTable(path, { layer: 'X' }), (err: unknown) => {
    assert.ok(err instanceof DataImportError);
    assert.match(err.message, /Choose another matrix with --layer: layers\/counts\.$/);
    assert.match(
      err.appMessage ?? '',
      /, dataset \/X: .*Choose another matrix under Import settings ▸ Matrix: layers\/counts\.$/,
    );
    return true;
  });
  const table = await importTable(path);
  assert.equal(table.format?.matrix, 'layers/counts');
  assert.equal(table.genes[0], 'GENE1');
  assert.match(
    table.warnings.find((w) => w.code === 'matrix-instead-of-x')?.message ?? '',
    /has no X matrix \(X is None\): read layers\/counts instead\. It also holds obsm\/X_pca: choose/,
  );
});

test('an X without columns is not read (nor offered): the embedding is, and a chosen empty X says why', async () => {
  const path = await file('empty-x.h5ad', { x: 'empty', obsm: { X_pca: 20 } });
  const table = await importTable(path);
  assert.equal(table.format?.matrix, 'obsm/X_pca');
  assert.deepEqual(table.format?.layers, [], 'the empty X is not offered');
  assert.match(
    table.warnings.find((w) => w.code === 'matrix-instead-of-x')?.message ?? '',
    /has an X matrix without columns \(no genes\): read the embedding obsm\/X_pca \(20 columns\) instead\.$/,
  );
  await assert.rejects(importTable(path, { layer: 'X' }), (err: unknown) => {
    assert.ok(err instanceof DataImportError);
    assert.equal(err.kind, 'no-gene-columns');
    assert.equal(
      err.message,
      `${path}, group /X: the matrix holds 80 cells × 0 genes: it has no genes, so there is nothing to map.`,
    );
    return true;
  });
  // nothing else to read: the import stops naming the file, not "Cannot preprocess an empty matrix" later
  const bare = await file('empty-x-only.h5ad', { x: 'empty', obsm: {} });
  await assert.rejects(
    importTable(bare),
    /empty-x-only\.h5ad, group \/X: the matrix holds 80 cells × 0 genes: it has no genes/,
  );
});

// A walkthrough: an obsm/X_pca holding a NaN was refused saying "expression values must be finite numbers".
test("a non-finite value of an embedding read as the input is named as the embedding's, not an expression value", async () => {
  const path = await file('nan-pca.h5ad', { obsm: { X_pca: 5 } });
  const h5wasm = await loadH5wasm();
  const h5 = new h5wasm.File(path, 'a');
  try {
    const pca = h5.get('obsm/X_pca') as Dataset;
    const values = Float32Array.from(pca.value as Float32Array);
    values[1 * 5 + 2] = NaN;
    const obsm = h5.get('obsm') as Group;
    obsm.create_dataset({ name: 'X_nan', data: values, shape: [values.length / 5, 5] });
  } finally {
    h5.close();
  }
  await assert.rejects(importTable(path, { input: 'obsm:X_nan' }), (err: unknown) => {
    assert.ok(err instanceof DataImportError, String(err));
    assert.match(err.message, /row 2, column 3 \(1-based\) is NaN; the values of obsm\/X_nan must be finite/);
    assert.doesNotMatch(err.message, /expression/);
    return true;
  });
});
