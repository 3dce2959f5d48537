// Every HDF5 fixture (written by anndata, loompy, or h5py in Cell Ranger's layout from cells.py) must import
// to exactly the matrix, gene names and labels of cells.csv, the same cells as text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { importTable, type ExpressionTable, type ImportOptions } from '../../../src/data/index.js';
import { asDense, isCsr } from '../../../src/data/sparse.js';
import { packageRoot } from '../../../src/util/paths.js';

const FORMATS = join(packageRoot(), 'test', 'fixtures', 'formats');
const CSV = join(FORMATS, 'cells.csv');

interface Case {
  file: string;
  options?: ImportOptions;
  kind: string;
  matrix: string;
  sparse: boolean;
  /** Genes of cells.csv the matrix holds (all 30 unless X was filtered). */
  genes?: number;
  /** Where the cell type comes from when the file has no labels of its own. */
  labelsFromCsv?: boolean;
}

const CASES: Case[] = [
  { file: 'dense.h5ad', kind: 'h5ad', matrix: 'X', sparse: false },
  { file: 'csr.h5ad', kind: 'h5ad', matrix: 'X', sparse: true },
  { file: 'csc.h5ad', kind: 'h5ad', matrix: 'X', sparse: true },
  { file: 'csc.h5ad', options: { chunkBytes: 28 }, kind: 'h5ad', matrix: 'X', sparse: true },
  { file: 'csr.h5ad', options: { chunkBytes: 20 }, kind: 'h5ad', matrix: 'X', sparse: true },
  { file: 'dense.h5ad', options: { chunkBytes: 200 }, kind: 'h5ad', matrix: 'X', sparse: false },
  { file: 'old-encoding.h5ad', kind: 'h5ad', matrix: 'X', sparse: true },
  // half floats (float16), decoded to float32: dense X, CSR X, a CSC layer, each also in tiny chunks
  { file: 'float16-dense.h5ad', kind: 'h5ad', matrix: 'X', sparse: false },
  { file: 'float16-dense.h5ad', options: { chunkBytes: 200 }, kind: 'h5ad', matrix: 'X', sparse: false },
  { file: 'float16-csr.h5ad', kind: 'h5ad', matrix: 'X', sparse: true },
  { file: 'float16-csr.h5ad', options: { chunkBytes: 20 }, kind: 'h5ad', matrix: 'X', sparse: true },
  {
    file: 'float16-dense.h5ad',
    options: { layer: 'counts_csc', chunkBytes: 28 },
    kind: 'h5ad',
    matrix: 'layers/counts_csc',
    sparse: true,
  },
  {
    file: 'lognorm.h5ad',
    options: { layer: 'counts' },
    kind: 'h5ad',
    matrix: 'layers/counts',
    sparse: true,
    genes: 25,
  },
  { file: 'lognorm.h5ad', options: { layer: 'raw' }, kind: 'h5ad', matrix: 'raw/X', sparse: true },
  { file: 'cells.loom', kind: 'loom', matrix: 'matrix', sparse: true },
  { file: 'cells.loom', options: { chunkBytes: 400 }, kind: 'loom', matrix: 'matrix', sparse: true },
  { file: 'cells.loom', options: { layer: 'spliced' }, kind: 'loom', matrix: 'layers/spliced', sparse: true },
  { file: 'tenx-v3.h5', kind: '10x-h5', matrix: 'matrix', sparse: true, labelsFromCsv: true },
  {
    file: 'tenx-v3.h5',
    options: { chunkBytes: 12 },
    kind: '10x-h5',
    matrix: 'matrix',
    sparse: true,
    labelsFromCsv: true,
  },
  { file: 'tenx-v2.h5', kind: '10x-h5', matrix: 'GRCh38', sparse: true, labelsFromCsv: true },
];

let reference: ExpressionTable | undefined;
async function csv(): Promise<ExpressionTable> {
  reference ??= await importTable(CSV);
  return reference;
}

function column(table: ExpressionTable, name: string): string[] {
  const found = table.metadata.find((m) => m.name === name);
  assert.ok(found, `no metadata column ${name} in ${table.metadata.map((m) => m.name).join(', ')}`);
  return found.values;
}

/** The first `genes` columns of the reference, row-major. */
function referenceValues(ref: ExpressionTable, genes: number): Float32Array {
  const dense = asDense(ref.values);
  const out = new Float32Array(dense.rows * genes);
  for (let r = 0; r < dense.rows; r++) {
    out.set(dense.data.subarray(r * dense.cols, r * dense.cols + genes), r * genes);
  }
  return out;
}

for (const c of CASES) {
  test(`${c.file} ${JSON.stringify(c.options ?? {})} imports as cells.csv`, async () => {
    const ref = await csv();
    const options: ImportOptions = { ...c.options };
    if (c.labelsFromCsv) options.metaFile = CSV;
    const table = await importTable(join(FORMATS, c.file), options);
    const genes = c.genes ?? ref.genes.length;
    assert.equal(table.format?.kind, c.kind);
    assert.equal(table.format?.matrix, c.matrix);
    assert.equal(isCsr(table.values), c.sparse);
    assert.deepEqual(table.ids, ref.ids);
    assert.deepEqual(table.genes, ref.genes.slice(0, genes));
    assert.deepEqual(column(table, 'cell_type'), column(ref, 'cell_type'));
    assert.equal(table.values.rows, ref.ids.length);
    assert.equal(table.values.cols, genes);
    assert.deepEqual(asDense(table.values).data, referenceValues(ref, genes));
  });
}

test('a CSR import stores only the non-zeros, with ascending columns in every row', async () => {
  const ref = asDense((await csv()).values);
  const nonZeros = ref.data.filter((v) => v !== 0).length;
  for (const file of ['csr.h5ad', 'csc.h5ad', 'cells.loom', 'tenx-v3.h5']) {
    const table = await importTable(join(FORMATS, file));
    assert.ok(isCsr(table.values));
    const m = table.values;
    assert.equal(m.indptr[m.rows], nonZeros, file);
    assert.equal(m.indices.length, nonZeros, file);
    for (let r = 0; r < m.rows; r++) {
      for (let k = m.indptr[r] + 1; k < m.indptr[r + 1]; k++)
        assert.ok(m.indices[k] > m.indices[k - 1], file);
    }
  }
});

test('the log-normalised X of lognorm.h5ad is log1p(counts / total × 10 000) of the kept genes', async () => {
  const ref = asDense((await csv()).values);
  const table = await importTable(join(FORMATS, 'lognorm.h5ad'));
  assert.equal(table.format?.matrix, 'X');
  assert.deepEqual(table.format?.layers, ['layers/counts', 'raw/X']);
  const x = asDense(table.values);
  for (let r = 0; r < ref.rows; r++) {
    let total = 0;
    for (let g = 0; g < ref.cols; g++) total += ref.data[r * ref.cols + g];
    for (let g = 0; g < x.cols; g++) {
      const expected = Math.log1p((ref.data[r * ref.cols + g] / total) * 1e4);
      assert.ok(Math.abs(x.data[r * x.cols + g] - expected) < 1e-5, `cell ${r}, gene ${g}`);
    }
  }
});
