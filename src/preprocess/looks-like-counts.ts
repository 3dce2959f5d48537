/**
 * Whether a matrix looks like raw counts (UMI or read counts): every value a finite non-negative integer.
 * Decides the 'auto' normalisation and log1p. Log-normalised or standardised data have fractions or
 * negative values and fail the test on the first one.
 */
import type { DenseMatrix } from '../data/types.js';

export function looksLikeCounts(matrix: DenseMatrix): boolean {
  const data = matrix.data;
  if (data.length === 0) return false;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    // NaN fails `v >= 0`; Infinity fails the integer test.
    if (!(v >= 0) || !Number.isInteger(v)) return false;
  }
  return true;
}
