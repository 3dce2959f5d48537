/**
 * Aligning and averaging maps of the same cells, for the ensemble bench (bench/ensemble-maps.ts, issue 13
 * goal b). Two encoders trained with different seeds give maps that differ at least by a translation, a
 * rotation or reflection and a scale; before their coordinates can be averaged, each is moved onto a reference
 * map by the similarity transform that best matches it on a set of fit rows (the training cells — the held-out
 * cells must not choose the alignment that is then scored on them), and the transform is applied to every row.
 *
 * Orthogonal Procrustes: with B and A the moving and the reference map's fit rows, each centred on its own fit
 * rows' mean, M = Bᵀ A = U Σ Vᵀ, the rotation/reflection minimising ‖B R − A‖ is R = U Vᵀ, and the best scale is
 * s = trace(Σ) / ‖B‖². R is computed as the polar factor M (MᵀM)^(−1/2) from the eigen-decomposition of the
 * small d × d matrix MᵀM (the PCA's cyclic Jacobi, src/preprocess/jacobi-eigen.ts), which needs M of full rank — any map whose fit rows span all its axes (σ² over 1e-12 of the largest).
 * Pure float64 loops: maps here are a few thousand rows of 2–3 columns. Tested in
 * test/bench/procrustes-align.test.ts.
 */
import type { DenseMatrix } from '../../src/api/matrix.js';
import { symmetricEigen } from '../../src/preprocess/jacobi-eigen.js';

/** The similarity transform x ↦ scale · (x − from) · rotation + to (rotation row-major d × d). */
export interface Alignment {
  rotation: Float64Array;
  scale: number;
  /** The moving map's fit-row mean. */
  from: Float64Array;
  /** The reference map's fit-row mean. */
  to: Float64Array;
}

/** Column means of `m` over `rows`. */
function rowMean(m: DenseMatrix, rows: readonly number[]): Float64Array {
  const mean = new Float64Array(m.cols);
  for (const r of rows) for (let c = 0; c < m.cols; c++) mean[c] += m.data[r * m.cols + c];
  for (let c = 0; c < m.cols; c++) mean[c] /= rows.length;
  return mean;
}

export interface AlignOptions {
  /** Fit a scale as well as the rotation (else 1). Default true: two seeds' maps need not share a spread. */
  scale?: boolean;
}

/**
 * The transform moving `moving` onto `reference`, fitted on `fitRows` (rows of both). Throws on a shape
 * mismatch, fewer fit rows than columns + 1, or fit rows that do not span every axis of either map.
 */
export function fitAlignment(
  reference: DenseMatrix,
  moving: DenseMatrix,
  fitRows: readonly number[],
  options: AlignOptions = {},
): Alignment {
  const d = reference.cols;
  if (moving.cols !== d || moving.rows !== reference.rows)
    throw new RangeError(
      `Procrustes alignment needs maps of one shape; got ${reference.rows}×${d} and ${moving.rows}×${moving.cols}`,
    );
  if (fitRows.length <= d) throw new RangeError(`Procrustes alignment needs more than ${d} fit rows`);
  const to = rowMean(reference, fitRows);
  const from = rowMean(moving, fitRows);
  const m = new Float64Array(d * d); // Bᵀ A over the centred fit rows
  let norm = 0;
  for (const r of fitRows) {
    for (let i = 0; i < d; i++) {
      const b = moving.data[r * d + i] - from[i];
      norm += b * b;
      for (let j = 0; j < d; j++) m[i * d + j] += b * (reference.data[r * d + j] - to[j]);
    }
  }
  const mtm = new Float64Array(d * d);
  for (let i = 0; i < d; i++)
    for (let j = 0; j < d; j++) for (let k = 0; k < d; k++) mtm[i * d + j] += m[k * d + i] * m[k * d + j];
  const { values, vectors } = symmetricEigen(mtm, d);
  const largest = Math.max(...values);
  if (!(largest > 0) || values.some((e) => !(e > largest * 1e-12)))
    throw new RangeError('Procrustes alignment needs fit rows that span every axis of both maps');
  // (MᵀM)^(−1/2) = V diag(1/√λ) Vᵀ, then R = M (MᵀM)^(−1/2)
  const inverseRoot = new Float64Array(d * d);
  for (let i = 0; i < d; i++)
    for (let j = 0; j < d; j++)
      for (let k = 0; k < d; k++)
        inverseRoot[i * d + j] += (vectors[i * d + k] * vectors[j * d + k]) / Math.sqrt(values[k]);
  const rotation = new Float64Array(d * d);
  for (let i = 0; i < d; i++)
    for (let j = 0; j < d; j++)
      for (let k = 0; k < d; k++) rotation[i * d + j] += m[i * d + k] * inverseRoot[k * d + j];
  // trace(Σ) = trace(Rᵀ M) = Σ √λ
  const traceSigma = values.reduce((sum, e) => sum + Math.sqrt(e), 0);
  return { rotation, scale: options.scale === false ? 1 : traceSigma / norm, from, to };
}

/** Every row of `m` moved by `t`, as float64 (the caller rounds once, after averaging). */
export function applyAlignment(m: DenseMatrix, t: Alignment): Float64Array {
  const d = m.cols;
  const out = new Float64Array(m.rows * d);
  for (let r = 0; r < m.rows; r++)
    for (let j = 0; j < d; j++) {
      let sum = 0;
      for (let i = 0; i < d; i++) sum += (m.data[r * d + i] - t.from[i]) * t.rotation[i * d + j];
      out[r * d + j] = t.scale * sum + t.to[j];
    }
  return out;
}

/**
 * The ensemble map: each of `maps` aligned onto the first on `fitRows`, and every row's coordinates averaged
 * over the maps (the first enters as it is). One map gives that map back.
 */
export function averageAligned(
  maps: readonly DenseMatrix[],
  fitRows: readonly number[],
  options: AlignOptions = {},
): DenseMatrix {
  if (maps.length === 0) throw new RangeError('averageAligned needs at least one map');
  const [reference] = maps;
  const sum = Float64Array.from(reference.data);
  for (const moving of maps.slice(1)) {
    const aligned = applyAlignment(moving, fitAlignment(reference, moving, fitRows, options));
    for (let i = 0; i < sum.length; i++) sum[i] += aligned[i];
  }
  const data = new Float32Array(sum.length);
  for (let i = 0; i < sum.length; i++) data[i] = sum[i] / maps.length;
  return { rows: reference.rows, cols: reference.cols, data };
}
