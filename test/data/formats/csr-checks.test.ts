// canonicalRows puts scipy's non-canonical rows (unsorted, repeated columns) into the order CsrMatrix
// promises, summing repeats as scipy does; int64 indices are narrowed without wrapping round.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  canonicalRows,
  describeNonFinite,
  firstNonFinite,
  rowOfValue,
} from '../../../src/data/formats/csr-checks.js';
import { copyToFloat64, copyToInt32 } from '../../../src/data/formats/h5-file.js';
import { csrToDense } from '../../../src/data/sparse.js';
import type { CsrMatrix } from '../../../src/api/matrix.js';

function csr(rows: number, cols: number, indptr: number[], indices: number[], data: number[]): CsrMatrix {
  return {
    format: 'csr',
    rows,
    cols,
    indptr: Float64Array.from(indptr),
    indices: Int32Array.from(indices),
    data: Float32Array.from(data),
  };
}

test('canonical rows are returned untouched', () => {
  const m = csr(2, 3, [0, 2, 3], [0, 2, 1], [1, 2, 3]);
  assert.equal(canonicalRows(m), m);
});

test('unsorted and repeated columns are sorted and summed; later rows move up', () => {
  // row 0: cols 2,0 (unsorted); row 1: col 1 twice (repeat); row 2: canonical, must shift left by one.
  const m = csr(3, 3, [0, 2, 4, 6], [2, 0, 1, 1, 0, 2], [5, 1, 2, 3, 7, 8]);
  const fixed = canonicalRows(m);
  assert.deepEqual(Array.from(fixed.indptr), [0, 2, 3, 5]);
  assert.deepEqual(Array.from(fixed.indices), [0, 2, 1, 0, 2]);
  assert.deepEqual(Array.from(fixed.data), [1, 5, 5, 7, 8]);
  assert.deepEqual(Array.from(csrToDense(fixed).data), [1, 0, 5, 0, 5, 0, 7, 0, 8]);
});

test('rowOfValue finds the row of a stored value across empty rows', () => {
  const indptr = Float64Array.from([0, 2, 2, 2, 5]);
  assert.deepEqual(
    [0, 1, 2, 3, 4].map((k) => rowOfValue(indptr, k)),
    [0, 0, 3, 3, 3],
  );
});

test('firstNonFinite finds NaN and infinities', () => {
  assert.equal(firstNonFinite(Float32Array.from([1, 2, 3])), -1);
  assert.equal(firstNonFinite(Float32Array.from([1, NaN, Infinity])), 1);
  assert.equal(firstNonFinite(Float32Array.from([1, 2, -Infinity])), 2);
});

test('int64 indices narrow to int32, and values beyond int32 become -1 (then reported out of range)', () => {
  const out = new Int32Array(4);
  copyToInt32(BigInt64Array.from([0n, 7n, 2n ** 32n + 5n, -3n]), out, 0);
  assert.deepEqual(Array.from(out), [0, 7, -1, -1]);
  const wide = new Float64Array(3);
  copyToFloat64(BigInt64Array.from([2n ** 40n + 1n, -2n, 9n]), wide, 0);
  assert.deepEqual(Array.from(wide), [2 ** 40 + 1, -2, 9]);
});

test('describeNonFinite: NaN as is, an infinity also as a number beyond float32', () => {
  assert.equal(describeNonFinite(NaN), 'NaN');
  assert.equal(
    describeNonFinite(-Infinity),
    '-Infinity (or a number beyond ±3.4e38, which a 32-bit float cannot hold)',
  );
});

test('repeats whose sum overflows float32 go to the overflow error, stored infinities do not', () => {
  const overflow = (row: number, col: number, entries: number) =>
    new Error(`row ${row} col ${col} × ${entries}`);
  // row 1: column 2 three times, the first two already beyond float32 together
  const m = csr(2, 3, [0, 1, 4], [0, 2, 2, 2], [1, 3e38, 3e38, -3e38]);
  assert.throws(() => canonicalRows(m, overflow), /^Error: row 1 col 2 × 3$/);
  // a stored Infinity is no overflow: the sum stays Infinity for the finite check to name
  const stored = canonicalRows(csr(1, 2, [0, 2], [1, 1], [Infinity, 1]), overflow);
  assert.deepEqual(Array.from(stored.data), [Infinity]);
});
