// The place an HDF5 reader's message names (src/data/formats/h5-file.ts `fail`, `where`): a group — the root,
// obs, a sparse X — is named "group /obs", a dataset "dataset /X"; an object that is not there is named as
// what the reader expected (a dataframe is a group). Messages said "dataset /obs" and "dataset /" before.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Hdf5File } from '../../../src/data/formats/h5-file.js';
import { importTable } from '../../../src/data/index.js';
import { DataImportError } from '../../../src/data/errors.js';
import { loadH5wasm } from '../../../src/engine/h5ad/h5wasm-module.js';
import { writeTinyH5ad } from './tiny-hdf5.js';

test('a group is named as a group, a dataset as a dataset, a missing object as what was expected', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tl-h5-file-'));
  try {
    const path = join(dir, 'tiny.h5ad');
    await writeTinyH5ad(path, ['c1', 'c2']);
    const h5 = await Hdf5File.open(path);
    try {
      const place = (p: string, absent?: 'group' | 'dataset') =>
        h5.fail(p, 'why.', 'bad-structure', absent).message.slice(path.length + 2);
      assert.equal(place('/'), 'group /: why.');
      assert.equal(place('/obs'), 'group /obs: why.');
      assert.equal(place('/X'), 'dataset /X: why.');
      assert.equal(place('/obs/_index'), 'dataset /obs/_index: why.');
      assert.equal(place('/layers/counts'), 'dataset /layers/counts: why.');
      assert.equal(place('/obsm', 'group'), 'group /obsm: why.');
      assert.deepEqual(h5.where('/var'), { dataset: '/var', objectKind: 'group' });
    } finally {
      await h5.close();
    }
    // a file without obs: the dataframe the reader expected is a group
    const bare = join(dir, 'no-obs.h5ad');
    const h5wasm = await loadH5wasm();
    const file = new h5wasm.File(bare, 'w');
    try {
      file.create_attribute('encoding-type', 'anndata');
      file.create_attribute('encoding-version', '0.1.0');
      const x = file.create_dataset({ name: 'X', data: new Float32Array(4), shape: [2, 2] });
      x.create_attribute('encoding-type', 'array');
      x.create_attribute('encoding-version', '0.2.0');
    } finally {
      file.close();
    }
    await assert.rejects(importTable(bare), (err: unknown) => {
      assert.ok(err instanceof DataImportError, String(err));
      assert.match(err.message, /no-obs\.h5ad, group \/obs: this dataframe is missing/);
      return true;
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
