// A folder that is not a Cell Ranger folder but an AnnData zarr store is told what it is and how to make an
// .h5ad of it (it was told only that it holds no matrix.mtx.gz).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataImportError } from '../../../src/data/errors.js';
import { importTable } from '../../../src/data/index.js';
import { packageRoot } from '../../../src/util/paths.js';
import { tempDir } from '../../cli/helpers.js';

test('an AnnData zarr store is named as such, with the one line that converts it to .h5ad', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    for (const [name, marker] of [
      ['v2.zarr', '.zgroup'],
      ['v3.zarr', 'zarr.json'],
    ]) {
      const store = join(dir, name);
      for (const sub of ['X', 'obs', 'var']) await mkdir(join(store, sub), { recursive: true });
      await writeFile(join(store, marker), '{}');
      await assert.rejects(importTable(store), (err: unknown) => {
        assert.ok(err instanceof DataImportError);
        assert.equal(err.kind, 'unsupported-format');
        assert.match(err.message, /this folder is a zarr store \(AnnData saved with write_zarr\)/);
        assert.match(err.message, /anndata\.read_zarr\(path\)\.write_h5ad/);
        return true;
      });
    }
  } finally {
    await cleanup();
  }
});

// a user audit: `embed MODEL --model MODEL` said the model folder was no Cell Ranger matrix folder
test('a TripletLens model folder opened as data is named as one, worded for the app and the CLI alike', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const model = join(dir, 'pbmc.model');
    await mkdir(join(model, 'encoder'), { recursive: true });
    for (const file of ['model.json', 'recipe.json', 'reference.json', 'run.json']) {
      await writeFile(join(model, file), '{}');
    }
    await assert.rejects(importTable(model), (err: unknown) => {
      assert.ok(err instanceof DataImportError);
      assert.equal(err.kind, 'unsupported-format');
      assert.match(
        err.message,
        /pbmc\.model: this is a TripletLens model folder .*not expression data: open a file of cells instead\. A model folder places cells on its map from the command line: tripletlens embed CELLS --model DIR\.$/,
      );
      // opened from the app's file browser too: no sentence may read as if --model were the app's
      assert.doesNotMatch(err.message, /give it to embed as --model/);
      assert.doesNotMatch(err.message, /Cell Ranger/);
      return true;
    });
  } finally {
    await cleanup();
  }
});

// A walkthrough: a 10x user who picked filtered_feature_bc_matrix/barcodes.tsv.gz was told "only one column was
// found: the values must be separated by commas, tabs or semicolons", and features.tsv.gz "no numeric (gene)
// columns were found" — as if they were broken tables.
test('a Cell Ranger folder’s barcodes or features file given as the data names the folder and matrix to open', async () => {
  const formats = join(packageRoot(), 'test', 'fixtures', 'formats');
  for (const [folder, file, what, matrix] of [
    ['tenx_v3', 'barcodes.tsv.gz', 'cell barcodes', 'matrix.mtx.gz'],
    ['tenx_v3', 'features.tsv.gz', 'gene names', 'matrix.mtx.gz'],
    ['tenx_v2', 'genes.tsv', 'gene names', 'matrix.mtx'],
  ]) {
    const path = join(formats, folder, file);
    await assert.rejects(importTable(path), (err: unknown) => {
      assert.ok(err instanceof DataImportError, String(err));
      assert.equal(err.kind, 'unsupported-format');
      assert.equal(
        err.message,
        `${path}: this is the ${what} file of a Cell Ranger matrix, not the expression data: open its folder ` +
          `(${join(formats, folder)}) or its matrix file (${matrix}), which reads the barcodes and gene names with it.`,
      );
      return true;
    });
  }
  // a plain MatrixMarket's name file (cells.barcodes.tsv beside cells.mtx) names no 10x matrix: read as text
  await assert.rejects(importTable(join(formats, 'plain', 'cells.barcodes.tsv')), (err: unknown) => {
    assert.ok(err instanceof DataImportError);
    assert.doesNotMatch(err.message, /Cell Ranger/);
    return true;
  });
});

// An audit: `tripletlens train results/ --label cell_type` (a folder where a file was meant) was told only that
// the folder "holds no matrix.mtx.gz or matrix.mtx, so it is not a Cell Ranger matrix folder" — not what to
// give instead, nor the data files the folder does hold.
test('a folder of no Cell Ranger matrix says what to give: its data files by name, else a file or 10x folder', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const plain = join(dir, 'results');
    await mkdir(plain);
    await writeFile(join(plain, 'notes.md'), 'x');
    await assert.rejects(importTable(plain), (err: unknown) => {
      assert.ok(err instanceof DataImportError);
      assert.equal(err.kind, 'not-found');
      assert.match(
        err.message,
        /not a Cell Ranger matrix folder\. Give a data file \(CSV\/TSV, \.h5ad, \.loom, Cell Ranger \.h5, MatrixMarket \.mtx\), or a folder holding matrix\.mtx\.gz, features\.tsv\.gz and barcodes\.tsv\.gz\.$/,
      );
      // the page's words: it opens, where the CLI is given a file
      assert.match(err.appMessage ?? '', /not a Cell Ranger matrix folder\. Open a data file \(CSV/);
      return true;
    });
    const data = join(dir, 'run1');
    await mkdir(data);
    for (const name of ['cells.csv', 'atlas.h5ad', 'notes.md']) await writeFile(join(data, name), 'x');
    await assert.rejects(importTable(data), (err: unknown) => {
      assert.ok(err instanceof DataImportError);
      assert.match(
        err.message,
        /not a Cell Ranger matrix folder\. It holds atlas\.h5ad and cells\.csv: give one of them as the input file\.$/,
      );
      assert.match(err.appMessage ?? '', /It holds atlas\.h5ad and cells\.csv: open one of them\.$/);
      return true;
    });
  } finally {
    await cleanup();
  }
});

// A Cell Ranger run's folders given as the data: `outs/` holding only the HDF5 matrices was told to "Open the
// filtered_feature_bc_matrix.h5 folder inside it" (a file), `outs/` could be pointed at raw_feature_bc_matrix
// (every droplet, empty ones too) when the listing put it first, and the sample's own folder, whose matrices
// sit under outs/, was told only the formats.
test("a Cell Ranger run's outs or sample folder points to its filtered matrix folder, else names its .h5 files", async () => {
  const { dir, cleanup } = await tempDir();
  const refusal = async (folder: string): Promise<string> => {
    let message = '';
    await assert.rejects(importTable(folder), (err: unknown) => {
      assert.ok(err instanceof DataImportError, String(err));
      assert.equal(err.kind, 'not-found');
      message = err.message;
      return true;
    });
    return message;
  };
  try {
    const sample = join(dir, 'sampleA');
    const outs = join(sample, 'outs');
    // raw's folder only, and both .h5 files: the files are named, the filtered one among them
    await mkdir(join(outs, 'raw_feature_bc_matrix'), { recursive: true });
    for (const name of ['filtered_feature_bc_matrix.h5', 'raw_feature_bc_matrix.h5', 'web_summary.html']) {
      await writeFile(join(outs, name), 'x');
    }
    assert.match(
      await refusal(outs),
      /not a Cell Ranger matrix folder\. It holds filtered_feature_bc_matrix\.h5 and raw_feature_bc_matrix\.h5: give one of them as the input file\.$/,
    );
    // with its filtered folder, that one — whatever order the folder lists them in
    await mkdir(join(outs, 'filtered_feature_bc_matrix'));
    const filtered =
      /not a Cell Ranger matrix folder\. Open the filtered_feature_bc_matrix folder inside it\.$/;
    assert.match(await refusal(outs), filtered);
    assert.match(
      await refusal(sample),
      /not a Cell Ranger matrix folder\. Open the outs\/filtered_feature_bc_matrix folder inside it\.$/,
    );
  } finally {
    await cleanup();
  }
});
