// Import options a format cannot honour are errors naming the option and the format (kind 'unknown-column',
// 'no-such-matrix' for a layer or input the file lacks; a usage error: CLI exit 2), never silently ignored — and options that agree with the format still work.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DataImportError, importTable } from '../../src/data/index.js';
import type { ImportOptions } from '../../src/data/options.js';
import { packageRoot } from '../../src/util/paths.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');
const at = (name: string) => join(FORMATS, name);

const REFUSED: { file: string; options: ImportOptions; message: RegExp }[] = [
  {
    file: 'cells.csv',
    options: { layer: 'counts' },
    message: /--layer "counts" does not apply to a delimited text \(CSV\/TSV\) file/,
  },
  {
    file: 'cells.csv',
    options: { input: 'obsm:X_pca' },
    message: /--input "obsm:X_pca" does not apply to a delimited text/,
  },
  {
    file: 'csr.h5ad',
    options: { transpose: true },
    message: /--transpose does not apply to an AnnData \.h5ad file/,
  },
  {
    file: 'csr.h5ad',
    options: { genesFrom: 'GENE00' },
    message: /--genes-from does not apply to an AnnData \.h5ad file/,
  },
  {
    file: 'csr.h5ad',
    options: { missing: 'zero' },
    message: /--missing zero does not apply to an AnnData \.h5ad file/,
  },
  {
    file: 'csr.h5ad',
    options: { idColumn: 'cell_type' },
    message: /--id "cell_type" does not apply to an AnnData \.h5ad file.*"obs_names"/,
  },
  {
    file: 'csr.h5ad',
    options: { metaColumns: ['nope'] },
    message: /--meta "nope" is not a metadata column of an AnnData \.h5ad file; it has: cell_type/,
  },
  { file: 'cells.loom', options: { transpose: true }, message: /--transpose does not apply to a loom file/ },
  { file: 'cells.loom', options: { delimiter: ',' }, message: /--delimiter does not apply to a loom file/ },
  { file: 'cells.loom', options: { decimal: ',' }, message: /--decimal does not apply to a loom file/ },
  {
    file: 'tenx-v3.h5',
    options: { genesFrom: 'x' },
    message: /--genes-from does not apply to a Cell Ranger \.h5 file/,
  },
  {
    file: 'plain/cells.mtx',
    options: { genesFrom: 'x' },
    message: /cells\.mtx: --genes-from does not apply to a MatrixMarket file/,
  },
  {
    file: 'tenx_v3',
    options: { missing: 'drop-row' },
    message: /matrix\.mtx\.gz: --missing drop-row does not apply to a MatrixMarket \(Cell Ranger\) matrix/,
  },
  {
    file: 'tenx_v3',
    options: { metaColumns: ['cell_type'] },
    message: /--meta "cell_type" is not a metadata column.*it has: none/,
  },
  {
    file: 'tenx_v3',
    options: { transpose: false },
    message: /cells as rows \(transpose off\) does not apply to a Cell Ranger matrix/,
  },
  // An unknown layer or obsm entry was 'bad-structure' (exit 1) for h5ad; it is the user's choice at fault.
  { file: 'lognorm.h5ad', options: { layer: 'spliced' }, message: /no matrix "spliced"/ },
  { file: 'csr.h5ad', options: { input: 'obsm:X_tsne' }, message: /obsm:X_pca, obsm:X_umap/ },
  { file: 'cells.loom', options: { input: 'obsm:X_pca' }, message: /needs an h5ad file/ },
  { file: 'tenx-v3.h5', options: { layer: 'counts' }, message: /one count matrix/ },
];

for (const { file, options, message } of REFUSED) {
  test(`${file} with ${JSON.stringify(options)}: refused, naming the option and the format`, async () => {
    await assert.rejects(importTable(at(file), options), (err: unknown) => {
      assert.ok(err instanceof DataImportError);
      const matrix = options.layer !== undefined || options.input !== undefined;
      assert.equal(err.kind, matrix ? 'no-such-matrix' : 'unknown-column');
      assert.match(err.message, message);
      return true;
    });
  });
}

test('options that agree with the format are accepted: --layer X, --input genes, cells-as-rows, --missing error', async () => {
  const csv = await importTable(at('cells.csv'), { layer: 'X', input: 'genes' });
  assert.equal(csv.values.rows, 40);
  const h5ad = await importTable(at('csr.h5ad'), {
    transpose: false,
    missing: 'error',
    idColumn: 'obs_names',
  });
  assert.equal(h5ad.values.rows, 40);
  const mtx = await importTable(at('plain/cells.mtx'), { transpose: false });
  assert.equal(mtx.values.rows, 40);
});

test('--meta on an h5ad keeps exactly the obs columns named, as for a text table', async () => {
  const all = await importTable(at('csr.h5ad'));
  assert.ok(all.metadata.length > 2);
  const two = await importTable(at('csr.h5ad'), { metaColumns: ['donor', 'cell_type'] });
  assert.deepEqual(
    two.metadata.map((m) => m.name),
    all.metadata.map((m) => m.name).filter((n) => n === 'donor' || n === 'cell_type'),
  );
});
