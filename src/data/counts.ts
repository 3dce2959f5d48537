/** Telling raw counts from already-transformed values, which decides whether normalisation is proposed. */
import { isCsr, storedValues } from './sparse.js';
import type { ExpressionMatrix } from '../api/matrix.js';
import { negativeValuesText } from '../api/value-words.js';

/** The values to scan: every cell of a dense matrix, the stored values of a CSR one (never densified). */
function scanned(matrix: ExpressionMatrix): { data: Float32Array; n: number; implicitZeros: boolean } {
  const n = storedValues(matrix);
  return { data: matrix.data, n, implicitZeros: isCsr(matrix) && n < matrix.rows * matrix.cols };
}

/**
 * True when every value is a non-negative integer and at least one is positive: what raw UMI / read counts
 * look like. Log-normalised, scaled or microarray values (fractions, negatives) are not counts. A CSR
 * matrix's implicit zeros are counts too, so only its stored values need checking.
 */
export function looksLikeCounts(matrix: ExpressionMatrix): boolean {
  const { data, n } = scanned(matrix);
  let positive = false;
  for (let i = 0; i < n; i++) {
    const v = data[i];
    if (v < 0 || v !== Math.floor(v)) return false;
    if (v > 0) positive = true;
  }
  return positive;
}

/**
 * True when a stored value is negative: centred data, such as the X that scanpy's sc.pp.scale leaves (or
 * log-ratios), which is neither counts nor plain log-normalised expression. Stops at the first one.
 */
export function hasNegativeValues(matrix: ExpressionMatrix): boolean {
  const { data, n } = scanned(matrix);
  for (let i = 0; i < n; i++) if (data[i] < 0) return true;
  return false;
}

/** The smallest and largest value (a CSR matrix's implicit zeros count as values). */
function valueRange(matrix: ExpressionMatrix): { min: number; max: number } {
  const { data, n, implicitZeros } = scanned(matrix);
  let min = implicitZeros ? 0 : Infinity;
  let max = implicitZeros ? 0 : -Infinity;
  for (let i = 0; i < n; i++) {
    const v = data[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

/**
 * The least share of zeros among the values that `looksLogTransformed` takes for log1p of counts: log1p keeps
 * a count's zero at 0, and expression tables are mostly zeros (pbmc's log-normalised 67–76 %); a table of
 * measurements (iris: 0.1 to 7.9) has none or few.
 */
export const LOG1P_ZERO_SHARE = 0.1;
/**
 * The largest value log1p of counts gives: ln(1 + 10⁶) ≈ 13.8, log2(1 + 10⁶) ≈ 19.9; beyond it values are not
 * a log of counts (an image's 0–255 pixels, intensities).
 */
export const LOG1P_MAX = 20;

/**
 * Why values that are neither counts nor negative do not look like log1p of counts, for people ('no zeros',
 * 'values above 20'…), or null when they do: zeros kept (at least LOG1P_ZERO_SHARE of the values, a CSR
 * matrix's implicit ones included), the largest above 1 (log1p of normalised counts reaches several units —
 * values of at most 1 are a 0–1 scale, such as pixels / 255) and at most LOG1P_MAX.
 */
function notLog1p(matrix: ExpressionMatrix, max: number): string | null {
  const { data, n } = scanned(matrix);
  let storedZeros = 0;
  for (let i = 0; i < n; i++) if (data[i] === 0) storedZeros++;
  const total = matrix.rows * matrix.cols;
  const zeros = storedZeros + (total - n);
  if (zeros === 0) return 'no zeros';
  if (zeros < LOG1P_ZERO_SHARE * total) return 'few zeros';
  if (max <= 1) return 'none above 1';
  if (max > LOG1P_MAX) return `values above ${LOG1P_MAX}`;
  return null;
}

/**
 * True when values look like log1p of (normalised) counts: not counts, none negative, and `notLog1p`'s evidence
 * — zeros kept, the largest between 1 and LOG1P_MAX. Values without it (measurements, intensities) are only
 * "not counts": a walkthrough's iris table (0.1 to 7.9) was said to be "already log-transformed".
 */
export function looksLogTransformed(matrix: ExpressionMatrix): boolean {
  if (looksLikeCounts(matrix)) return false;
  const { min, max } = valueRange(matrix);
  return min >= 0 && notLog1p(matrix, max) === null;
}

/** A one-line description of the value scale for people (a CSR matrix's implicit zeros count as values). */
export function describeValues(matrix: ExpressionMatrix): string {
  const { min, max } = valueRange(matrix);
  // all zero (every cell an empty droplet): neither counts nor "non-integer" data
  if (min === 0 && max === 0) return 'all zero (every value is 0)';
  const range = `values ${formatNumber(min)} to ${formatNumber(max)}`;
  if (looksLikeCounts(matrix)) return `counts (non-negative integers; ${range})`;
  if (min < 0) return negativeValuesText(range);
  const why = notLog1p(matrix, max);
  if (why === null)
    return `log or normalised data (non-integer values, zeros kept as log1p of counts keeps them; ${range})`;
  return `non-negative values that are neither whole counts nor like log1p of counts (${why}; ${range})`;
}

/**
 * The values of an embedding read as the input (obsm/X_pca), for people: its coordinates and their range —
 * not "already transformed … scaled or log-ratio data", which describes expression values.
 */
export function describeEmbeddingValues(matrix: ExpressionMatrix): string {
  const { min, max } = valueRange(matrix);
  return `the embedding's coordinates (values ${formatNumber(min)} to ${formatNumber(max)})`;
}

/** The most column names `describeCoordinateValues` lists before "…" and the last one. */
const COORDINATE_NAMES_SHOWN = 3;

/**
 * The values of a text table that holds a map's or an embedding's coordinates (`holdsCoordinates`: the CSV
 * `train` writes, an exported UMAP or PCA), for people: what they are, their columns and their range — not
 * "log or normalised data … not raw counts" (a walkthrough: `inspect` of a coordinates CSV said so, or
 * "already transformed … scaled or log-ratio data" when a coordinate was negative).
 */
export function describeCoordinateValues(matrix: ExpressionMatrix, columns: readonly string[]): string {
  const { min, max } = valueRange(matrix);
  // at most 3 columns of any names, or up to 100 named as components (PC1 … PC50): the first few and the last
  const names = columns.map((c) => (c.length > 40 ? `${c.slice(0, 40)}…` : c));
  const shown =
    names.length <= COORDINATE_NAMES_SHOWN + 1
      ? names.join(', ')
      : `${names.slice(0, COORDINATE_NAMES_SHOWN).join(', ')}, … ${names[names.length - 1]}`;
  return `a map's or an embedding's coordinates (${shown}; values ${formatNumber(min)} to ${formatNumber(max)})`;
}

/** The fraction of values that are not zero (0 for an empty matrix); a CSR matrix's stored zeros do not count. */
export function nonZeroFraction(matrix: ExpressionMatrix): number {
  const { data, n } = scanned(matrix);
  const total = matrix.rows * matrix.cols;
  if (total === 0) return 0;
  let nonZero = 0;
  for (let i = 0; i < n; i++) if (data[i] !== 0) nonZero++;
  return nonZero / total;
}

function formatNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(4);
}
