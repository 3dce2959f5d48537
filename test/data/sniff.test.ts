import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { packageRoot } from '../../src/util/paths.js';
import { importTable } from '../../src/data/import-table.js';
import { DataImportError } from '../../src/data/errors.js';
import { explainByteKind } from '../../src/data/sniff.js';

test('binary bytes: the message lists every format TripletLens reads, not only text tables', () => {
  const message = explainByteKind('binary', 'blob.dat');
  assert.match(message, /comma-, tab- or semicolon-separated text/);
  assert.match(message, /\.h5ad/);
  assert.match(message, /\.loom/);
  assert.match(message, /\.mtx/);
});

test('a file named .h5ad/.h5/.loom that is not HDF5 is called a damaged or mislabelled HDF5 file', () => {
  for (const name of ['x.h5ad', 'filtered_feature_bc_matrix.h5', 'cells.loom', 'a.hdf5']) {
    const message = explainByteKind('binary', name);
    assert.match(message, /does not start with the HDF5 signature/, name);
    assert.doesNotMatch(message, /text table/, name);
  }
});

test('importing a non-HDF5 .h5ad says so, naming the file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tl-sniff-'));
  try {
    const file = join(dir, 'bad.h5ad');
    writeFileSync(file, Buffer.from('this is not\u0000 a matrix\n\u0001\u0002'));
    await assert.rejects(importTable(file), (err: unknown) => {
      assert.ok(err instanceof DataImportError);
      assert.match(err.message, /bad\.h5ad/);
      assert.match(err.message, /named like an HDF5 file .* does not start with the HDF5 signature/);
      return true;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a gzip-compressed h5ad is told to be decompressed, not exported to CSV', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tl-sniff-'));
  try {
    const file = join(dir, 'cells.h5ad.gz');
    const h5ad = readFileSync(join(packageRoot(), 'test', 'fixtures', 'formats', 'csr.h5ad'));
    writeFileSync(file, gzipSync(h5ad));
    await assert.rejects(importTable(file), (err: unknown) => {
      assert.ok(err instanceof DataImportError);
      assert.match(err.message, /cells\.h5ad\.gz: this is a gzip-compressed HDF5 file/);
      assert.match(err.message, /gunzip/);
      assert.doesNotMatch(err.message, /to_csv/);
      return true;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
