/**
 * What a CsrMatrix promises downstream (columns ascending within a row, never repeated; finite values),
 * enforced on matrices read from files that may not keep it: scipy writes "non-canonical" matrices with
 * unsorted or repeated indices, which it treats as sums.
 */
import type { CsrMatrix } from '../../api/matrix.js';

function rowIsCanonical(indices: Int32Array, start: number, end: number): boolean {
  for (let k = start + 1; k < end; k++) if (indices[k] <= indices[k - 1]) return false;
  return true;
}

/**
 * Makes the error for repeated entries of one place whose sum overflows float32 although each is finite:
 * `row` and `col` 0-based, `entries` how many the row stores there.
 */
export type RepeatOverflow = (row: number, col: number, entries: number) => Error;

/** Sorts one row's (column, value) pairs and sums repeats; writes them from `w`, returns the new end. */
function compactRow(
  m: CsrMatrix,
  row: number,
  range: [start: number, end: number],
  w: number,
  overflow: RepeatOverflow | undefined,
): number {
  const [start, end] = range;
  const order = Array.from({ length: end - start }, (_, i) => start + i);
  order.sort((a, b) => m.indices[a] - m.indices[b]);
  const cols = order.map((k) => m.indices[k]);
  const values = order.map((k) => m.data[k]);
  for (let i = 0; i < cols.length; i++) {
    if (i > 0 && cols[i] === cols[i - 1]) {
      const sum = m.data[w - 1] + values[i];
      // finite parts adding up to ±Infinity in float32: no stored value is infinite, the sum is
      if (overflow && Number.isFinite(m.data[w - 1]) && Number.isFinite(values[i])) {
        if (!Number.isFinite(Math.fround(sum))) throw overflow(row, cols[i], runLength(cols, i));
      }
      m.data[w - 1] = sum;
      continue;
    }
    m.indices[w] = cols[i];
    m.data[w++] = values[i];
  }
  return w;
}

/** How many of the sorted `cols` equal `cols[i]`. */
function runLength(cols: number[], i: number): number {
  let first = i;
  while (first > 0 && cols[first - 1] === cols[i]) first--;
  let last = i;
  while (last + 1 < cols.length && cols[last + 1] === cols[i]) last++;
  return last - first + 1;
}

/**
 * The matrix with every row's columns ascending and unique (repeats summed, as scipy reads them). Rows
 * already in order (the usual case) are left untouched; the check itself is one pass over the indices.
 * `overflow` makes the error for repeats whose sum a float32 cannot hold; default: none, the sum becomes
 * ±Infinity (for the caller's finite check).
 */
export function canonicalRows(m: CsrMatrix, overflow?: RepeatOverflow): CsrMatrix {
  let firstBad = -1;
  for (let r = 0; r < m.rows && firstBad < 0; r++) {
    if (!rowIsCanonical(m.indices, m.indptr[r], m.indptr[r + 1])) firstBad = r;
  }
  if (firstBad < 0) return m;
  let w = m.indptr[firstBad];
  let start = w;
  for (let r = firstBad; r < m.rows; r++) {
    const end = m.indptr[r + 1];
    if (rowIsCanonical(m.indices, start, end) && w === start) {
      w = end;
    } else if (rowIsCanonical(m.indices, start, end)) {
      m.indices.copyWithin(w, start, end);
      m.data.copyWithin(w, start, end);
      w += end - start;
    } else {
      w = compactRow(m, r, [start, end], w, overflow);
    }
    start = end;
    m.indptr[r + 1] = w;
  }
  const nnz = m.indptr[m.rows];
  return nnz === m.indices.length
    ? m
    : { ...m, indices: m.indices.slice(0, nnz), data: m.data.slice(0, nnz) };
}

/**
 * A non-finite value as read into float32, for a message: an infinity may have been a finite float64 beyond
 * float32's range in the file (1e300), which numpy's isinf would not find there.
 */
export function describeNonFinite(value: number): string {
  return Number.isNaN(value)
    ? 'NaN'
    : `${value} (or a number beyond ±3.4e38, which a 32-bit float cannot hold)`;
}

/** The position of the first NaN or ±Infinity in `values`, or -1. */
export function firstNonFinite(values: Float32Array): number {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return i;
  return -1;
}

/** The row holding stored value `k` of a CSR matrix (binary search over indptr). */
export function rowOfValue(indptr: Float64Array, k: number): number {
  let lo = 0;
  let hi = indptr.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (indptr[mid] <= k) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
