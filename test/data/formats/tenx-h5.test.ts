// Cell Ranger .h5 values: UMI counts, which cannot be below 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataImportError, importTable } from '../../../src/data/index.js';
import { loadH5wasm } from '../../../src/engine/h5ad/h5wasm-module.js';
import { writeTinyTenxH5 } from './tiny-hdf5.js';

type H5File = InstanceType<Awaited<ReturnType<typeof loadH5wasm>>['File']>;
type H5Dataset = Extract<ReturnType<H5File['get']>, { write_slice: unknown }>;

// The corruption test: a negative value in matrix/data was read as an expression value, while a MatrixMarket
// integer file refuses a negative count.
test('a negative count in a Cell Ranger .h5 is refused naming the entry, its barcode and its gene', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tripletlens-tenx-'));
  try {
    const path = join(dir, 'negative.h5');
    // one count a cell: cell 2's is entry 2 of data, in gene 2
    await writeTinyTenxH5(path, ['AAAC-1', 'AAAG-1', 'AACT-1'], ['G1', 'G2']);
    const h5wasm = await loadH5wasm();
    const f = new h5wasm.File(path, 'a');
    try {
      (f.get('matrix/data') as H5Dataset).write_slice([[1, 2]], Int32Array.of(-3));
    } finally {
      f.close();
    }
    await assert.rejects(importTable(path), (err: unknown) => {
      assert.ok(err instanceof DataImportError, String(err));
      assert.equal(err.kind, 'bad-structure');
      assert.equal(err.dataset, '/matrix/data');
      assert.equal(
        err.message,
        `${path}, dataset /matrix/data: the count -3 at entry 2 (cell 2, barcode "AAAG-1"; gene 2, "G2") is negative; Cell Ranger's values are UMI counts, which cannot be below 0.`,
      );
      return true;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// A walkthrough: a negative count of an antibody was named as a plain "feature 3", where the import's warning
// and scanpy's feature_types call it Antibody Capture; the message now names the feature's type.
test('a negative count of an Antibody Capture feature is named by its type, not as a gene', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tripletlens-tenx-'));
  try {
    const path = join(dir, 'antibody.h5');
    // one count a cell: cell 3's is entry 3 of data, in feature 3 (CD3, an antibody)
    await writeTinyTenxH5(path, ['AAAC-1', 'AAAG-1', 'AACT-1'], ['G1', 'G2', 'CD3'], 'features', [
      'Gene Expression',
      'Gene Expression',
      'Antibody Capture',
    ]);
    const h5wasm = await loadH5wasm();
    const f = new h5wasm.File(path, 'a');
    try {
      (f.get('matrix/data') as H5Dataset).write_slice([[2, 3]], Int32Array.of(-5));
    } finally {
      f.close();
    }
    await assert.rejects(importTable(path), (err: unknown) => {
      assert.ok(err instanceof DataImportError, String(err));
      assert.equal(err.dataset, '/matrix/data');
      assert.equal(
        err.message,
        `${path}, dataset /matrix/data: the count -5 at entry 3 (cell 3, barcode "AACT-1"; Antibody Capture feature 3, "CD3") is negative; Cell Ranger's values are UMI counts, which cannot be below 0.`,
      );
      return true;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
