// looksLikeCounts, describeValues and nonZeroFraction read a CSR matrix without densifying it, counting its
// implicit zeros as values: the answers equal those for the same matrix held dense.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  describeValues,
  LOG1P_MAX,
  looksLikeCounts,
  looksLogTransformed,
  nonZeroFraction,
} from '../../src/data/counts.js';
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
    says: /^already transformed \(negative values: centred or scaled, as sc\.pp\.scale leaves X, or log-ratios; values -3 to 0\)$/,
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

/** A cells × genes matrix of counts from a fixed pattern: mostly zeros, a few larger counts (as UMI data). */
function countsMatrix(rows: number, cols: number): DenseMatrix {
  const values = Array.from({ length: rows * cols }, (_, i) => ((i * 7) % 10 < 6 ? 0 : ((i * 13) % 40) + 1));
  return dense(rows, cols, values);
}

/** log1p of each row normalised to `target` counts (sc.pp.normalize_total then sc.pp.log1p), in `log`'s base. */
function logNormalised(m: DenseMatrix, target: number, log: (x: number) => number): DenseMatrix {
  const out: number[] = [];
  for (let r = 0; r < m.rows; r++) {
    const row = Array.from(m.data.subarray(r * m.cols, (r + 1) * m.cols));
    const total = row.reduce((a, b) => a + b, 0);
    for (const v of row) out.push(log(1 + (v * target) / total));
  }
  return dense(m.rows, m.cols, out);
}

// A colleague's walkthrough: iris's measurements (0.1 to 7.9) were said to be "already log-transformed" on the
// Import screen and "log or normalised data" by inspect. Only values with log1p's marks — zeros kept, the
// largest between 1 and LOG1P_MAX — are called log; others are said to be neither counts nor log1p-like.
test('log1p of counts looks log-transformed; measurements, pixels and counts do not', () => {
  const counts = countsMatrix(6, 8);
  const cases: { name: string; m: DenseMatrix; log: boolean; says: RegExp }[] = [
    // iris-like: sepal and petal measurements in cm, one decimal, none zero
    {
      name: 'measurements',
      m: dense(3, 4, [5.1, 3.5, 1.4, 0.2, 7.0, 3.2, 4.7, 1.4, 6.3, 3.3, 6.0, 2.5]),
      log: false,
      says: /^non-negative values that are neither whole counts nor like log1p of counts \(no zeros; /,
    },
    // pixels scaled to 0…1 (x / 255): zeros, but no value above 1
    {
      name: 'pixels / 255',
      m: dense(2, 4, [0, 0, 0.2, 1, 0, 0.5, 0.75, 0]),
      log: false,
      says: /\(none above 1; values 0 to 1\)$/,
    },
    // intensities beyond any log of counts
    {
      name: 'intensities',
      m: dense(2, 3, [0, 120.5, 3000.25, 0, 0, LOG1P_MAX + 0.5]),
      log: false,
      says: new RegExp(`\\(values above ${LOG1P_MAX}; `),
    },
    { name: 'counts', m: counts, log: false, says: /^counts / },
    {
      name: 'log1p of normalised counts',
      m: logNormalised(counts, 10_000, Math.log),
      log: true,
      says: /^log or normalised data \(non-integer values, zeros kept/,
    },
    {
      name: 'log2(1 + x) of counts',
      m: logNormalised(counts, 10_000, Math.log2),
      log: true,
      says: /^log or/,
    },
  ];
  for (const c of cases) {
    for (const m of [c.m, denseToCsr(c.m)]) {
      assert.equal(looksLogTransformed(m), c.log, c.name);
      assert.match(describeValues(m), c.says, c.name);
    }
  }
});

// fashion-MNIST's pixels (whole numbers 0–255) are whole numbers ≥ 0: no rule here tells them from counts.
test('whole-number pixels read as counts, not as log data', () => {
  const pixels = dense(2, 4, [0, 0, 255, 17, 0, 128, 255, 0]);
  assert.equal(looksLikeCounts(pixels), true);
  assert.equal(looksLogTransformed(pixels), false);
});
