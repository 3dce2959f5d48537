// An h5ad matrix's encoding: one TripletLens cannot read gets the advice to re-save; bytes that are no text
// are damage, which re-saving cannot mend.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataImportError, importTable } from '../../../src/data/index.js';
import { loadH5wasm } from '../../../src/engine/h5ad/h5wasm-module.js';
import { writeTinySparseH5ad } from './tiny-hdf5.js';

type H5File = InstanceType<Awaited<ReturnType<typeof loadH5wasm>>['File']>;
type H5Dataset = Extract<ReturnType<H5File['get']>, { write_slice: unknown }>;

/** A 2 × 2 CSR h5ad whose X's encoding-type attribute reads `encoding`. */
async function writeWithEncoding(path: string, encoding: string): Promise<void> {
  await writeTinySparseH5ad(path, ['c1', 'c2'], ['G1', 'G2'], {
    encoding: 'csr_matrix',
    shape: [2, 2],
    data: Float32Array.of(1, 2),
    indices: Int32Array.of(0, 1),
    indptr: Int32Array.of(0, 1, 2),
  });
  const h5wasm = await loadH5wasm();
  const f = new h5wasm.File(path, 'a');
  try {
    const x = f.get('X') as H5Dataset;
    x.delete_attribute('encoding-type');
    x.create_attribute('encoding-type', encoding);
  } finally {
    f.close();
  }
}

function refusal(path: string): Promise<DataImportError> {
  return importTable(path).then(
    () => assert.fail('the import should have failed'),
    (err: unknown) => {
      assert.ok(err instanceof DataImportError, String(err));
      return err;
    },
  );
}

// The corruption test: an encoding-type HDF5 read as "csr_ma\u0003rix" got "Save it with anndata's write_h5ad".
test("an encoding-type attribute that is not text is damage, without write_h5ad's advice", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tripletlens-encoding-'));
  try {
    for (const encoding of ['csr_ma\u0003rix', 'csr_\ufffd\ufffdtrix']) {
      const path = join(dir, 'garbled.h5ad');
      await writeWithEncoding(path, encoding);
      const err = await refusal(path);
      assert.equal(err.kind, 'bad-structure');
      assert.equal(
        err.message,
        `${path}, group /X: the encoding-type attribute of this matrix is not text (HDF5 read bytes that are no encoding): the file is damaged. Copy it again.`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an encoding that is text but not one TripletLens reads still gets the advice to re-save', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tripletlens-encoding-'));
  try {
    const path = join(dir, 'other.h5ad');
    await writeWithEncoding(path, 'coo_matrix');
    const err = await refusal(path);
    assert.equal(err.kind, 'unsupported-format');
    assert.match(
      err.message,
      /group \/X: this matrix has encoding "coo_matrix", which TripletLens cannot read .* write_h5ad/,
    );
    // a long one is quoted cut, as every value from the file is
    await writeWithEncoding(path, 'x'.repeat(500));
    assert.match((await refusal(path)).message, new RegExp(`encoding "${'x'.repeat(40)}…", which`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
