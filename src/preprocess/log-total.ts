/**
 * The total per cell that log-normalised values were normalised to (scanpy's `normalize_total` target_sum
 * before `log1p`): expm1 of a cell's values gives back its counts scaled to that total, so over all the genes
 * the normalisation summed, every cell's expm1 sum is the same number. A model trained on such values records
 * it, so a new sample given as raw counts can be log-normalised the same way (`embed --log-normalize`, the
 * page's Project another file ▸ Log-normalise counts).
 */
import type { ExpressionMatrix } from '../api/matrix.js';
import { looksLogTransformed } from '../data/counts.js';
import { isCsr } from '../data/sparse.js';

/**
 * How far apart (relative to their median) the cells' expm1 sums may be and still be taken for one total: a
 * file's values rounded to 3 decimals (pbmc68k's) move a sum by well under 0.1 %; a file that kept only some of
 * the genes the normalisation summed (the highly variable ones) spreads them by tens of percent.
 */
export const TOTAL_TOLERANCE = 0.01;

/** The significant digits the detected total is given to: 9 999.97 (float32 rounding of 10⁴) is 10 000. */
const TOTAL_DIGITS = 4;

/** expm1 of every value of row `r`, summed in float64 (a CSR row's implicit zeros add 0). */
function rowExpm1Sum(matrix: ExpressionMatrix, r: number): number {
  let sum = 0;
  if (isCsr(matrix)) {
    for (let k = matrix.indptr[r]; k < matrix.indptr[r + 1]; k++) sum += Math.expm1(matrix.data[k]);
  } else {
    const start = r * matrix.cols;
    for (let j = 0; j < matrix.cols; j++) sum += Math.expm1(matrix.data[start + j]);
  }
  return sum;
}

/** The middle of `values` (sorted in place). */
function median(values: Float64Array): number {
  values.sort();
  const mid = values.length >> 1;
  return values.length % 2 === 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

/**
 * The common total of `matrix`'s cells after expm1 — the target sum its values were log-normalised to over all
 * their genes —, to `TOTAL_DIGITS` significant digits; null when there is none to find: values that do not look
 * like log1p of counts (`looksLogTransformed`), fewer than two cells with a non-zero value (one sum agrees with
 * itself), or sums further apart than `TOTAL_TOLERANCE` (only some genes kept, log2, or per-gene transforms).
 */
export function logNormalisedTotal(matrix: ExpressionMatrix): number | null {
  if (!looksLogTransformed(matrix)) return null;
  const sums: number[] = [];
  for (let r = 0; r < matrix.rows; r++) {
    const sum = rowExpm1Sum(matrix, r);
    // an empty cell (all zeros) has no total to agree with: the import already warned of it
    if (sum > 0) sums.push(sum);
  }
  if (sums.length < 2) return null;
  const sorted = Float64Array.from(sums);
  const middle = median(sorted);
  const spread = (sorted[sorted.length - 1] - sorted[0]) / middle;
  if (!(spread <= TOTAL_TOLERANCE)) return null;
  return Number(middle.toPrecision(TOTAL_DIGITS));
}
