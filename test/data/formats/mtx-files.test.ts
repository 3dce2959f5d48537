// A folder that is not a Cell Ranger folder but an AnnData zarr store is told what it is and how to make an
// .h5ad of it (it was told only that it holds no matrix.mtx.gz).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataImportError } from '../../../src/data/errors.js';
import { importTable } from '../../../src/data/index.js';
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
