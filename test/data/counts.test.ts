// looksLikeCounts, describeValues and nonZeroFraction read a CSR matrix without densifying it, counting its
// implicit zeros as values: the answers equal those for the same matrix held dense.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeValues, looksLikeCounts, nonZeroFraction } from '../../src/data/counts.js';
import { denseToCsr } from '../../src/data/sparse.js';
import type { CsrMatrix, DenseMatrix } from '../../src/api/matrix.js';

const dense = (rows: number, cols: number, values: number[]): DenseMatrix => ({
  data: Float32Array.from(values),
  rows,
  cols,
});

const CASES: { name: string; m: DenseMatrix; counts: boolean; says: RegExp; nonZero: number }[] = [
  {
    name: 'counts with zeros',
    m: dense(2, 3, [0, 5, 0, 9, 0, 1]),
    counts: true,
    says: /^counts .*values 0 to 9\)$/,
    nonZero: 0.5,
  },
  {
    name: 'all-positive log values',
    m: dense(2, 2, [0, 1.5, 2.25, 0]),
    counts: false,
    says: /^log or normalised.*values 0 to 2\.250/,
    nonZero: 0.5,
  },
  // Stored values all negative: the implicit zeros make the maximum 0, not -1.
  {
    name: 'negatives',
    m: dense(2, 2, [-3, 0, 0, -1]),
    counts: false,
    says: /^already transformed.*values -3 to 0\)$/,
    nonZero: 0.5,
  },
  // a user audit: an all-zero matrix was described as "non-integer values; values 0 to 0"
  {
    name: 'only zeros',
    m: dense(1, 3, [0, 0, 0]),
    counts: false,
    says: /^all zero \(every value is 0\)$/,
    nonZero: 0,
  },
];

for (const c of CASES) {
  test(`${c.name}: CSR and dense give the same answers`, () => {
    const csr = denseToCsr(c.m);
    for (const m of [c.m, csr]) {
      assert.equal(looksLikeCounts(m), c.counts);
      assert.match(describeValues(m), c.says);
      assert.equal(nonZeroFraction(m), c.nonZero);
    }
  });
}

test('a CSR matrix with stored zeros and a fraction is not counts; stored zeros are not non-zero', () => {
  const csr: CsrMatrix = {
    format: 'csr',
    rows: 2,
    cols: 4,
    indptr: Float64Array.from([0, 2, 3]),
    indices: Int32Array.from([0, 3, 1]),
    data: Float32Array.from([0, 4, 0.5]),
  };
  assert.equal(looksLikeCounts(csr), false);
  assert.equal(nonZeroFraction(csr), 2 / 8);
  assert.match(describeValues(csr), /values 0 to 4/);
});
