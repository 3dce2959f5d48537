// columnOf reads one gene of a dense or CSR matrix, equal to the dense matrix's column, without densifying.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { columnOf, denseToCsr } from '../../src/data/sparse.js';
import type { CsrMatrix, DenseMatrix } from '../../src/api/matrix.js';

test('columnOf: every column of a CSR matrix equals the dense one (empty rows, first and last columns)', () => {
  const rows = 7;
  const cols = 6;
  const data = new Float32Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = (i * 37) % 5 === 0 ? 0 : (i % 9) - 2;
  data.fill(0, 2 * cols, 3 * cols); // an empty row
  const dense: DenseMatrix = { format: 'dense', rows, cols, data };
  const csr = denseToCsr(dense);
  for (let c = 0; c < cols; c++) {
    const expected = Float32Array.from({ length: rows }, (_, r) => data[r * cols + c]);
    assert.deepEqual(columnOf(dense, c), expected, `dense column ${c}`);
    assert.deepEqual(columnOf(csr, c), expected, `csr column ${c}`);
  }
});

test('columnOf on a 1 000 000 × 1 000 000 CSR matrix with 3 values reads them (a dense copy would be 4 TB)', () => {
  const rows = 1_000_000;
  const indptr = new Float64Array(rows + 1);
  for (let r = 0; r < rows; r++) indptr[r + 1] = indptr[r] + (r === 5 || r === 999_999 ? 1 : 0);
  indptr[rows] = 2;
  const m: CsrMatrix = {
    format: 'csr',
    rows,
    cols: 1_000_000,
    indptr,
    indices: Int32Array.from([123_456, 999_999]),
    data: Float32Array.from([4, 7]),
  };
  const column = columnOf(m, 999_999);
  assert.equal(column[999_999], 7);
  assert.equal(column[5], 0);
  assert.equal(columnOf(m, 123_456)[5], 4);
});
