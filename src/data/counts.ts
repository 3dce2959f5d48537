/** Telling raw counts from already-transformed values, which decides whether normalisation is proposed. */
import type { DenseMatrix } from './types.js';

/**
 * True when every value is a non-negative integer and at least one is positive: what raw UMI / read counts
 * look like. Log-normalised, scaled or microarray values (fractions, negatives) are not counts.
 */
export function looksLikeCounts(matrix: DenseMatrix): boolean {
  const { data } = matrix;
  const n = matrix.rows * matrix.cols;
  let positive = false;
  for (let i = 0; i < n; i++) {
    const v = data[i];
    if (v < 0 || v !== Math.floor(v)) return false;
    if (v > 0) positive = true;
  }
  return positive;
}

/** A one-line description of the value scale for people. */
export function describeValues(matrix: DenseMatrix): string {
  const { data } = matrix;
  const n = matrix.rows * matrix.cols;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = data[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const range = `values ${formatNumber(min)} to ${formatNumber(max)}`;
  if (looksLikeCounts(matrix)) return `counts (non-negative integers; ${range})`;
  if (min < 0) return `already transformed (negative values, e.g. scaled or log-ratio data; ${range})`;
  return `log or normalised data (non-integer values; ${range})`;
}

function formatNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(4);
}
