/**
 * Sparse input: a CsrMatrix and its dense copy must give bit-identical recipes and outputs (fitting and
 * re-applying, counts and non-counts, every step on or off), bad values must be reported the same way, and a
 * malformed CSR is refused before it is read.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { csrToDense, denseToCsr } from '../../src/data/sparse.js';
import type { CsrMatrix, DenseMatrix } from '../../src/api/matrix.js';
import { applyRecipe, fitPreprocess, PreprocessError } from '../../src/preprocess/index.js';
import type { PreprocessOptions } from '../../src/api/preprocess-options.js';
import { seededRandom, type Random } from '../../src/util/random.js';
import { geneNames, useCpuBackend } from './helpers.js';

before(useCpuBackend);

function sameBits(a: Float32Array, b: Float32Array): boolean {
  return (
    a.length === b.length &&
    Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
      Buffer.from(b.buffer, b.byteOffset, b.byteLength),
    )
  );
}

/**
 * Random sparse counts (or signed non-counts) with the awkward cases planted: an all-zero cell, an all-zero
 * gene, a constant non-zero gene, a gene non-zero in a single cell.
 */
function randomSparse(random: Random, counts: boolean): DenseMatrix {
  const rows = 5 + Math.floor(random() * 60);
  const cols = 4 + Math.floor(random() * 80);
  const density = 0.02 + random() * 0.5;
  const data = new Float32Array(rows * cols);
  for (let i = 0; i < data.length; i++) {
    if (random() >= density) continue;
    data[i] = counts ? 1 + Math.floor(-Math.log(1 - random()) * 5) : Math.fround((random() - 0.3) * 7);
  }
  const zeroRow = Math.floor(random() * rows);
  for (let c = 0; c < cols; c++) data[zeroRow * cols + c] = 0;
  for (let r = 0; r < rows; r++) data[r * cols + 0] = 0;
  if (cols > 2) for (let r = 0; r < rows; r++) data[r * cols + 1] = r === zeroRow ? 0 : 3;
  if (cols > 3) for (let r = 0; r < rows; r++) data[r * cols + 2] = r === rows - 1 ? 4 : 0;
  return { data, rows, cols };
}

const OPTION_SETS: PreprocessOptions[] = [
  { topGenes: 10, pcaComponents: 3 },
  { topGenes: 0, pcaComponents: 0 },
  { topGenes: 7, zscore: false, pcaComponents: 0 },
  { topGenes: 12, clip: 0.5, pcaComponents: 0 },
  { normalize: false, log1p: true, topGenes: 9, pcaComponents: 2 },
  { normalize: true, log1p: false, targetSum: 1000, topGenes: 0, pcaComponents: 4 },
];

test('property: a CSR matrix and its dense copy give bit-identical recipes and outputs', async () => {
  const random = seededRandom(12);
  for (let trial = 0; trial < 36; trial++) {
    const counts = trial % 3 !== 2;
    const dense = randomSparse(random, counts);
    const csr = denseToCsr(dense);
    const genes = geneNames(dense.cols);
    const options = counts ? OPTION_SETS[trial % OPTION_SETS.length] : { topGenes: 8, pcaComponents: 3 };
    const what = `trial ${trial}: ${dense.rows} × ${dense.cols}, ${JSON.stringify(options)}`;
    const fromDense = await fitPreprocess(dense, genes, { ...options, seed: trial });
    const fromCsr = await fitPreprocess(csr, genes, { ...options, seed: trial });
    assert.deepStrictEqual(fromCsr.recipe, fromDense.recipe, what);
    assert.ok(sameBits(fromCsr.matrix.data, fromDense.matrix.data), `${what}: fitted output`);
    assert.ok(fromCsr.matrix.data.every(Number.isFinite), what);

    // Re-applied to new cells in the other format, genes reordered, one missing and one extra: the same.
    const other = randomSparse(random, counts);
    const cols = Math.min(other.cols, dense.cols);
    const order = Array.from({ length: cols }, (_, i) => cols - 1 - i).filter((c) => c !== 1);
    const newGenes = [...order.map((c) => genes[c]), 'EXTRA'];
    const newDense = selectColumns(other, [...order, 0]);
    const a = applyRecipe(fromDense.recipe, newDense, newGenes);
    const b = applyRecipe(JSON.parse(JSON.stringify(fromCsr.recipe)), denseToCsr(newDense), newGenes);
    assert.deepEqual(b.missingGenes, a.missingGenes, what);
    assert.ok(sameBits(b.matrix.data, a.matrix.data), `${what}: re-applied output`);
  }
});

function selectColumns(m: DenseMatrix, columns: number[]): DenseMatrix {
  const data = new Float32Array(m.rows * columns.length);
  for (let r = 0; r < m.rows; r++)
    columns.forEach((c, j) => (data[r * columns.length + j] = m.data[r * m.cols + c]));
  return { data, rows: m.rows, cols: columns.length };
}

test('explicitly stored zeros read like implicit ones', async () => {
  const dense = randomSparse(seededRandom(3), true);
  const csr = denseToCsr(dense);
  // Store every zero of row 0 explicitly.
  const extra = dense.cols - (csr.indptr[1] - csr.indptr[0]);
  const padded: CsrMatrix = {
    ...csr,
    indptr: Float64Array.from(csr.indptr, (p, r) => (r === 0 ? 0 : p + extra)),
    indices: new Int32Array(csr.indices.length + extra),
    data: new Float32Array(csr.data.length + extra),
  };
  padded.indices.set(Int32Array.from({ length: dense.cols }, (_, c) => c));
  padded.data.set(dense.data.subarray(0, dense.cols));
  padded.indices.set(csr.indices.subarray(csr.indptr[1]), dense.cols);
  padded.data.set(csr.data.subarray(csr.indptr[1]), dense.cols);
  assert.deepEqual(csrToDense(padded).data, dense.data);
  const options = { topGenes: 10, pcaComponents: 3 };
  const a = await fitPreprocess(dense, geneNames(dense.cols), options);
  const b = await fitPreprocess(padded, geneNames(dense.cols), options);
  assert.deepStrictEqual(b.recipe, a.recipe);
  assert.ok(sameBits(b.matrix.data, a.matrix.data));
});

test('bad values in CSR input get the same message as in dense input', async () => {
  const dense: DenseMatrix = { data: Float32Array.from([1, 0, 2, 0, -3, 0, 0, 5, NaN]), rows: 3, cols: 3 };
  const genes = ['a', 'b', 'c'];
  for (const options of [{}, { normalize: false, log1p: false }] as PreprocessOptions[]) {
    const message = await fitPreprocess(dense, genes, options).then(
      () => 'no error',
      (e: unknown) => (e instanceof PreprocessError ? `${e.kind}: ${e.message}` : String(e)),
    );
    assert.match(message, /^(negative|not-finite): .*row [23], gene '[bc]'/);
    await assert.rejects(fitPreprocess(denseToCsr(dense), genes, options), (e: unknown) => {
      assert.ok(e instanceof PreprocessError);
      assert.equal(`${e.kind}: ${e.message}`, message);
      return true;
    });
  }
});

test('a malformed CSR is refused as a shape error before it is read', async () => {
  const good = denseToCsr({ data: Float32Array.from([1, 0, 2, 0, 3, 4]), rows: 2, cols: 3 });
  const genes = ['a', 'b', 'c'];
  const cases: [string, CsrMatrix, RegExp][] = [
    ['index out of range', { ...good, indices: Int32Array.from([0, 2, 1, 3]) }, /column index 3 outside 0…2/],
    ['unsorted row', { ...good, indices: Int32Array.from([2, 0, 1, 2]) }, /row 1 .*out of ascending order/],
    ['short indptr', { ...good, indptr: Float64Array.from([0, 2]) }, /2 rows but has 2 row offsets/],
    ['too few values', { ...good, data: new Float32Array(2) }, /claims 4 stored values but holds 2/],
    ['decreasing offsets', { ...good, indptr: Float64Array.from([0, 2, 1]) }, /offsets decrease at row 2/],
  ];
  for (const [what, m, pattern] of cases) {
    await assert.rejects(fitPreprocess(m, genes), (e: unknown) => {
      assert.ok(e instanceof PreprocessError && e.kind === 'shape', what);
      assert.match(e.message, pattern, what);
      return true;
    });
  }
});
