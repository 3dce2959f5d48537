/**
 * Procrustes disparity between two maps of the same cells, as scipy.spatial.procrustes computes it: both
 * are centred and scaled to unit Frobenius norm, the second is rotated/reflected (orthogonal Procrustes) and
 * scaled onto the first, and the disparity is the sum of squared differences that remain — 0 for maps equal
 * up to translation, rotation, reflection and scale, at most 1. With A, B standardised and
 * M = Aᵀ B = U Σ Vᵀ the optimal rotation is U Vᵀ, the optimal scale Σσᵢ, and the disparity 1 − (Σσᵢ)², so
 * only the singular values of the small d × d matrix M are needed (the PCA's Jacobi on MᵀM).
 */
import type { DenseMatrix } from '../api/matrix.js';
import { CoreError } from '../api/core-error.js';
import { symmetricEigen } from '../preprocess/jacobi-eigen.js';

/** Centres the columns and scales to unit Frobenius norm, in float64; null when every row is the same. */
function standardise(m: DenseMatrix): Float64Array | null {
  const { rows, cols } = m;
  const out = new Float64Array(rows * cols);
  for (let c = 0; c < cols; c++) {
    let mean = 0;
    for (let r = 0; r < rows; r++) mean += m.data[r * cols + c];
    mean /= rows;
    for (let r = 0; r < rows; r++) out[r * cols + c] = m.data[r * cols + c] - mean;
  }
  let norm = 0;
  for (const v of out) norm += v * v;
  if (!(norm > 0)) return null;
  const scale = 1 / Math.sqrt(norm);
  for (let i = 0; i < out.length; i++) out[i] *= scale;
  return out;
}

/**
 * scipy.spatial.procrustes's disparity of `b` aligned onto `a` (same rows and columns). Throws on a shape
 * mismatch or when either map has all its rows in one point (nothing to align).
 */
export function procrustesDisparity(a: DenseMatrix, b: DenseMatrix): number {
  if (a.rows !== b.rows || a.cols !== b.cols) {
    throw new CoreError(
      'bad-input',
      `Procrustes needs two maps of the same shape; got ${a.rows}×${a.cols} and ${b.rows}×${b.cols}`,
    );
  }
  const x = standardise(a);
  const y = standardise(b);
  if (!x || !y) throw new CoreError('numeric', 'Procrustes needs maps whose points are not all identical');
  const d = a.cols;
  // M = Xᵀ Y (d × d), then MᵀM, whose eigenvalues are the squared singular values of M
  const m = new Float64Array(d * d);
  for (let r = 0; r < a.rows; r++)
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) m[i * d + j] += x[r * d + i] * y[r * d + j];
  const mtm = new Float64Array(d * d);
  for (let i = 0; i < d; i++)
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += m[k * d + i] * m[k * d + j];
      mtm[i * d + j] = s;
    }
  const trace = symmetricEigen(mtm, d).values.reduce((s, e) => s + Math.sqrt(Math.max(e, 0)), 0);
  return Math.min(1, Math.max(0, 1 - trace * trace));
}
