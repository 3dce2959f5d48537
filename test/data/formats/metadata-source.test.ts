// A metadata file in an expression format (h5ad, loom, Cell Ranger .h5 or matrix, a folder) is refused with
// the format detected and what to do — no longer "export the expression matrix to CSV" for an h5ad — and
// before the expression file is read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { DataImportError, importTable } from '../../../src/data/index.js';
import { packageRoot } from '../../../src/util/paths.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');
const CSV = join(FORMATS, 'cells.csv');

const CASES: { meta: string; detected: RegExp }[] = [
  {
    meta: 'csr.h5ad',
    detected: /this is an AnnData \.h5ad file\. Open the \.h5ad itself .*adata\.obs\.to_csv/,
  },
  { meta: 'cells.loom', detected: /this is a loom file\. Open the loom file itself .*col_attrs/ },
  {
    meta: 'tenx-v3.h5',
    detected: /this is a Cell Ranger \.h5 matrix; it holds expression values, not per-cell labels/,
  },
  {
    meta: 'plain/cells.mtx',
    detected: /this is a MatrixMarket matrix \(\.mtx\); it holds expression values/,
  },
  { meta: 'tenx_v3/matrix.mtx.gz', detected: /this is a MatrixMarket matrix/ },
  { meta: 'tenx_v3', detected: /this is a folder, not a file/ },
  // an audit: a binary file was told the data formats TripletLens reads (.h5ad, .loom, a Cell Ranger folder…),
  // none of which a metadata file can be
  { meta: '../bad/binary.dat', detected: /; it holds binary bytes, not text\.$/ },
];

for (const { meta, detected } of CASES) {
  test(`--meta-file ${meta}: a 'metadata-file' error naming the detected format`, async () => {
    for (const main of [CSV, join(FORMATS, 'csr.h5ad'), join(FORMATS, 'tenx_v2')]) {
      await assert.rejects(importTable(main, { metaFile: join(FORMATS, meta) }), (err: unknown) => {
        assert.ok(err instanceof DataImportError);
        assert.equal(err.kind, 'metadata-file');
        assert.equal(err.file, join(FORMATS, meta));
        assert.match(err.message, /a metadata file must be delimited text \(CSV\/TSV, optionally gzip\)/);
        assert.match(err.message, detected);
        assert.doesNotMatch(err.message, /Export the expression matrix|a Cell Ranger \.h5 or folder/);
        return true;
      });
    }
  });
}

test('an uploaded h5ad given as the metadata file is named by its upload name', async () => {
  const bytes = new Uint8Array(readFileSync(join(FORMATS, 'csr.h5ad')));
  await assert.rejects(
    importTable(CSV, { metaFile: { name: 'obs.h5ad', bytes } }),
    /^DataImportError: obs\.h5ad: a metadata file must be delimited text.*AnnData \.h5ad file/,
  );
});

test('a CSV metadata file still joins (the check passes text through)', async () => {
  const table = await importTable(join(FORMATS, 'tenx_v2'), { metaFile: join(FORMATS, 'cells_meta.csv') });
  assert.ok(table.metadata.some((m) => m.name === 'cell_type'));
});
