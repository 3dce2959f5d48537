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
  {
    file: 'lognorm.h5ad',
    options: { layer: 'spliced' },
    message: /--layer spliced names no matrix of this file/,
  },
  {
    file: 'csr.h5ad',
    options: { input: 'obsm:X_tsne' },
    message: /--input obsm:X_tsne names no embedding of this file; it offers obsm:X_pca, obsm:X_umap/,
  },
  { file: 'cells.loom', options: { input: 'obsm:X_pca' }, message: /need an h5ad file/ },
  { file: 'tenx-v3.h5', options: { layer: 'counts' }, message: /one count matrix/ },
];

for (const { file, options, message } of REFUSED) {
  test(`${file} with ${JSON.stringify(options)}: refused, naming the option and the format`, async () => {
    await assert.rejects(importTable(at(file), options), (err: unknown) => {
      assert.ok(err instanceof DataImportError);
      const matrix = options.layer !== undefined || options.input !== undefined;
      assert.equal(err.kind, matrix ? 'no-such-matrix' : 'unknown-column');
      assert.match(err.message, message);
      // the page's words name its settings, never a flag it has no field for
      if (err.appMessage !== undefined) {
        // the same place as the CLI's message: the file, and an HDF5 file's object
        const place = err.message.slice(0, err.message.indexOf(': ') + 2);
        assert.ok(place.startsWith(err.file), err.message);
        assert.ok(err.appMessage.startsWith(place), err.appMessage);
        assert.doesNotMatch(err.appMessage, /--[a-z]/, err.appMessage);
      }
      return true;
    });
  });
}

// A walkthrough: the page's Import settings ▸ Delimiter left set to comma before opening an h5ad was refused
// with "--delimiter does not apply … Leave --delimiter out." — a flag the page has no field for.
test('a refusal of an option names the CLI flag, and the page setting in the words the page gets', async () => {
  const cases: { file: string; options: ImportOptions; cli: RegExp; app: RegExp }[] = [
    {
      file: 'csr.h5ad',
      options: { delimiter: ',' },
      cli: /--delimiter does not apply to an AnnData \.h5ad file: .* Leave --delimiter out\.$/,
      app: /: Import settings ▸ Delimiter does not apply to an AnnData \.h5ad file: .* Set it back to auto\.$/,
    },
    {
      file: 'cells.loom',
      options: { decimal: ',' },
      cli: /--decimal does not apply/,
      app: /: Import settings ▸ Decimal separator does not apply to a loom file: .* Set it back to auto\.$/,
    },
    {
      file: 'csr.h5ad',
      options: { missing: 'drop-row' },
      cli: /--missing drop-row does not apply/,
      app: /: Import settings ▸ Missing values \(leave the cell out\) does not apply .* Set it back to stop with an error\.$/,
    },
    {
      file: 'csr.h5ad',
      options: { genesFrom: 'GENE00' },
      cli: /--genes-from does not apply/,
      app: /: Import settings ▸ Genes start at does not apply .* Set it back to detected\.$/,
    },
    {
      file: 'csr.h5ad',
      options: { transpose: true },
      cli: /--transpose does not apply/,
      app: /: Orientation: genes are rows \(transpose\) does not apply .* Set Orientation back to its default\.$/,
    },
    {
      file: 'csr.h5ad',
      options: { idColumn: 'cell_type' },
      cli: /--id "cell_type" does not apply/,
      app: /: Import settings ▸ Id column \("cell_type"\) does not apply .* Choose "obs_names"\.$/,
    },
    {
      file: 'csr.h5ad',
      options: { metaColumns: ['donr'] },
      cli: /--meta "donr" is not a metadata column/,
      app: /: Import settings ▸ Metadata columns: "donr" is not a metadata column of an AnnData/,
    },
    {
      file: 'cells.csv',
      options: { layer: 'counts' },
      cli: /--layer "counts" does not apply .* Leave --layer out\.$/,
      app: /: The matrix chosen \("counts"\) does not apply to a delimited text .* Choose its default under Matrix/,
    },
    {
      file: 'cells.csv',
      options: { input: 'obsm:X_pca' },
      cli: /--input "obsm:X_pca" does not apply/,
      app: /: The matrix chosen \("obsm:X_pca"\) does not apply/,
    },
    // a loom's and a Cell Ranger .h5's refusals named "the layer and input options", neither side's word
    {
      file: 'cells.loom',
      options: { input: 'obsm:X_pca' },
      cli: /--input "obsm:X_pca" does not apply to a loom file: .* its main matrix and its layers, chosen with --layer\. Leave --input out\.$/,
      app: /: The matrix chosen \("obsm:X_pca"\) does not apply to a loom file: .* its layers, chosen under Matrix\. Choose its default under Matrix/,
    },
    {
      file: 'tenx-v3.h5',
      options: { layer: 'counts' },
      cli: /--layer "counts" does not apply to a Cell Ranger \.h5 file: it holds one count matrix.* Leave --layer out\.$/,
      app: /: The matrix chosen \("counts"\) does not apply to a Cell Ranger \.h5 file: it holds one count matrix.* Choose its default under Matrix/,
    },
    {
      file: 'tenx-v3.h5',
      options: { input: 'obsm:X_pca' },
      cli: /--input "obsm:X_pca" does not apply to a Cell Ranger \.h5 file: .* Leave --input out\.$/,
      app: /: The matrix chosen \("obsm:X_pca"\) does not apply to a Cell Ranger \.h5 file/,
    },
    {
      file: 'plain/cells.mtx',
      options: { layer: 'counts' },
      cli: /--layer "counts": a MatrixMarket file holds one matrix and no layers; leave --layer out\./,
      app: /: The matrix chosen \("counts"\): a MatrixMarket file holds one matrix and no layers; choose its default under Matrix/,
    },
  ];
  for (const { file, options, cli, app } of cases) {
    await assert.rejects(importTable(at(file), options), (err: unknown) => {
      assert.ok(err instanceof DataImportError);
      assert.match(err.message, cli);
      assert.match(err.appMessage ?? '', app, `${file} ${JSON.stringify(options)}: ${err.appMessage}`);
      assert.doesNotMatch(err.appMessage ?? '', /--[a-z]/);
      assert.doesNotMatch(err.message, /Import settings|under Matrix|layer and input option/);
      assert.doesNotMatch(err.appMessage ?? '', /layer and input option/);
      return true;
    });
  }
});

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
