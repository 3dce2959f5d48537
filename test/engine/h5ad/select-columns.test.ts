import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csrToDense, denseToCsr, isCsr } from '../../../src/data/sparse.js';
import type { DenseMatrix } from '../../../src/api/matrix.js';
import { selectColumns } from './select-columns.js';

const m: DenseMatrix = { rows: 3, cols: 4, data: Float32Array.from([1, 0, 2, 3, 0, 0, 0, 4, 5, 6, 0, 0]) };

test('dense and CSR select the same columns; CSR stays CSR', () => {
  const dense = selectColumns(m, [0, 2, 3]);
  assert.deepEqual(Array.from((dense as DenseMatrix).data), [1, 2, 3, 0, 0, 4, 5, 0, 0]);
  const sparse = selectColumns(denseToCsr(m), [0, 2, 3]);
  assert.ok(isCsr(sparse));
  if (!isCsr(sparse)) return;
  assert.deepEqual(Array.from(csrToDense(sparse).data), Array.from((dense as DenseMatrix).data));
  assert.deepEqual(Array.from(sparse.indptr), [0, 3, 4, 5]);
});

test('columns must ascend', () => {
  assert.throws(() => selectColumns(m, [2, 0]), /ascend/);
});
