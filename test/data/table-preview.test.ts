import assert from 'node:assert/strict';
import { test } from 'node:test';
import { previewTable } from '../../src/data/table-preview.js';
import { float32Text } from '../../src/util/float32-text.js';
import type { ExpressionTable } from '../../src/data/types.js';
import { seededRandom } from '../../src/util/random.js';

test('float32 values show as their shortest decimal, as numpy prints them, not the float64 expansion', () => {
  const stored = Math.fround(0.3827478);
  assert.equal(String(stored), '0.3827477991580963', 'what String() shows');
  assert.equal(float32Text(stored), '0.3827478');
  assert.equal(float32Text(Math.fround(4.527049)), '4.527049');
  assert.equal(float32Text(Math.fround(0.1)), '0.1');
  // some float32 values need all 9 digits
  assert.equal(float32Text(Math.fround(0.10742149502038956)), '0.107421495');
  const random = seededRandom(3);
  const many = Array.from({ length: 2000 }, () => (random() - 0.5) * 10 ** Math.floor(random() * 12 - 6));
  for (const v of many) {
    const value = Math.fround(v);
    const text = float32Text(value);
    assert.equal(Math.fround(Number(text)), value, `${text} reads back as ${value}`);
    const digits = text.replace(/e.*$/, '').replace(/[-.]/g, '').replace(/^0+/, '');
    assert.ok(digits.length <= 9, `${text}: at most float32's 9 significant digits`);
  }
  for (const v of [0, 3, -2.5, 1e-7, 123456789, Math.fround(1 / 3), 3.4028234663852886e38]) {
    const value = Math.fround(v);
    assert.equal(Math.fround(Number(float32Text(value))), value, `${v} reads back`);
  }
});

test('the preview of an embedding (dense float32) and of log data (CSR) is readable', () => {
  const data = Float32Array.from([0.3827478, -1.25, 4.527049, 2]);
  const table = {
    source: 'x.h5ad',
    idColumn: 'obs_names',
    ids: ['c1', 'c2'],
    genes: ['X_pca_1', 'X_pca_2'],
    values: { rows: 2, cols: 2, data },
    metadata: [],
    warnings: [],
  } as unknown as ExpressionTable;
  assert.deepEqual(previewTable(table).rows, [
    ['c1', '0.3827478', '-1.25'],
    ['c2', '4.527049', '2'],
  ]);
  const csr = {
    ...table,
    values: {
      format: 'csr',
      rows: 2,
      cols: 2,
      indptr: Float64Array.from([0, 1, 2]),
      indices: Int32Array.from([1, 0]),
      data: Float32Array.from([Math.log1p(3), 0.7]),
    },
  } as unknown as ExpressionTable;
  assert.deepEqual(previewTable(csr).rows, [
    ['c1', '0', '1.3862944'],
    ['c2', '0.7', '0'],
  ]);
});
