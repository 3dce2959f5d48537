/**
 * PCA by randomised subspace iteration (Halko, Martinsson & Tropp 2011, alg. 4.4) on the covariance, never
 * forming it: each iteration computes Z = Xcᵀ(Xc·Q) block by block with tfjs matMuls (the heavy part),
 * then re-orthonormalises the small genes × l block Q in JS. A final Rayleigh–Ritz step B = (XcQ)ᵀ(XcQ)
 * (l × l) is diagonalised exactly by Jacobi. Memory is one block of rows plus a few genes × l arrays, so
 * 100 000 × 2 000 inputs never need a second copy. The start is seeded, and each component's sign is fixed
 * (largest-magnitude loading positive), so a seed gives the same components on the same backend.
 *
 * tfjs detail: on wasm, matMul with a transpose flag is ~20× slower than a plain one, so Xcᵀ is formed with
 * an explicit tf.transpose (see ../shared/notes/tfjs-performance.md).
 */
import * as tf from '@tensorflow/tfjs';
import { randomNormal, seededRandom } from '../util/random.js';
import { symmetricEigen } from './jacobi-eigen.js';
import { orthonormalizeColumns } from './orthonormalize.js';
import { blockSteps, type RowSource } from './row-transform.js';
import { mapPauses, runNow, type Paced } from './paced.js';
import type { StageStep } from '../api/stage-step.js';

export interface PcaFitOptions {
  /** Seed of the random start. Default 0. */
  seed?: number;
  /** Subspace iterations. Default 'auto': 7 when K < 10% of min(rows, cols), else 4 (scikit-learn's rule). */
  iterations?: number | 'auto';
  /** Extra directions carried beside the K wanted (improves accuracy). Default 10. */
  oversample?: number;
}

export interface PcaFit {
  components: number;
  /** Column means of the input (float64). */
  mean: Float64Array;
  /** cols × K row-major. */
  loadings: Float64Array;
  /** Variance (ddof 1) along each component, descending. */
  explainedVariance: number[];
  explainedVarianceRatio: number[];
  iterations: number;
}

/** The mean as a 1 × cols float32 tensor: blocks are centred inside tfjs (x − mean, float32). */
function meanTensor(mean: Float64Array): tf.Tensor2D {
  return tf.tensor2d(Float32Array.from(mean), [1, mean.length]);
}

/** A block of rows as a centred tensor (caller disposes or runs inside tf.tidy). */
function centredBlock(block: Float32Array, rows: number, mu: tf.Tensor2D): tf.Tensor2D {
  return tf.sub(tf.tensor2d(block, [rows, mu.shape[1]]), mu);
}

function* columnMeans(source: RowSource): Paced<Float64Array, number> {
  const g = source.cols;
  const mean = new Float64Array(g);
  yield* blockSteps(source, (block) => {
    for (let i = 0; i < block.length; i += g) for (let j = 0; j < g; j++) mean[j] += block[i + j];
  });
  for (let j = 0; j < g; j++) mean[j] /= source.rows;
  return mean;
}

/**
 * `total` plus Σ (x − mean)² over the block's values, row by row. The total variance needs a pass of its own
 * only in name: it is summed during the first product pass (one pass fewer over rows that may be recomputed
 * from the input each time), block by block in row order, so it has the bits a separate pass would give.
 */
function addSquaredDeviations(block: Float32Array, mean: Float64Array, total: number): number {
  const g = mean.length;
  for (let i = 0; i < block.length; i += g) {
    for (let j = 0; j < g; j++) {
      const d = block[i + j] - mean[j];
      total += d * d;
    }
  }
  return total;
}

/** A pass's pauses (counted in rows) as pauses of the PCA at `step` (its pass of all). */
function passSteps<T>(work: Paced<T, number>, step: StageStep): Paced<T> {
  return mapPauses(work, () => step);
}

/** Called with each block of a pass before its product (the total variance's sum rides along). */
type BlockVisitor = (block: Float32Array) => void;

/** Σ over blocks of Xcᵀ(Xc·Q) (genes × l) — the covariance times Q, unscaled. */
function* covarianceTimes(
  source: RowSource,
  mean: Float64Array,
  q: Float64Array,
  l: number,
  visit?: BlockVisitor,
): Paced<Float64Array, number> {
  const g = source.cols;
  const z = new Float64Array(g * l);
  const qt = tf.tensor2d(Float32Array.from(q), [g, l]);
  const mu = meanTensor(mean);
  try {
    yield* blockSteps(source, (block, r0, r1) => {
      visit?.(block);
      const part = tf.tidy(() => {
        const x = centredBlock(block, r1 - r0, mu);
        return tf.matMul(tf.transpose(x), tf.matMul(x, qt));
      });
      let values: Float32Array | Int32Array | Uint8Array;
      try {
        values = part.dataSync();
      } finally {
        part.dispose();
      }
      for (let i = 0; i < values.length; i++) z[i] += values[i];
    });
  } finally {
    qt.dispose();
    mu.dispose();
  }
  return z;
}

/** (XcQ)ᵀ(XcQ) (l × l), the Rayleigh–Ritz matrix, unscaled. */
function* projectedGram(
  source: RowSource,
  mean: Float64Array,
  q: Float64Array,
  l: number,
  visit?: BlockVisitor,
): Paced<Float64Array, number> {
  const g = source.cols;
  const b = new Float64Array(l * l);
  const qt = tf.tensor2d(Float32Array.from(q), [g, l]);
  const mu = meanTensor(mean);
  try {
    yield* blockSteps(source, (block, r0, r1) => {
      visit?.(block);
      const y = tf.tidy(() => tf.matMul(centredBlock(block, r1 - r0, mu), qt));
      let values: Float32Array | Int32Array | Uint8Array;
      try {
        values = y.dataSync();
      } finally {
        y.dispose();
      }
      // l is small (≈ K + 10): accumulate YᵀY in float64 in JS.
      const rows = r1 - r0;
      for (let r = 0; r < rows; r++) {
        const o = r * l;
        for (let a = 0; a < l; a++) {
          const ya = values[o + a];
          if (ya === 0) continue;
          for (let c = a; c < l; c++) b[a * l + c] += ya * values[o + c];
        }
      }
    });
  } finally {
    qt.dispose();
    mu.dispose();
  }
  for (let a = 0; a < l; a++) for (let c = 0; c < a; c++) b[a * l + c] = b[c * l + a];
  return b;
}

/** Fits K principal components of the rows of `source` (needs 1 ≤ K ≤ min(rows, cols)). */
export function fitPca(source: RowSource, components: number, options: PcaFitOptions = {}): PcaFit {
  return runNow(pcaSteps(source, components, options));
}

/**
 * fitPca, pausing after each block of rows with its pass and the number of passes: on 300 000 cells a pass takes
 * seconds (~20 s when the input is recomputed from a CSR matrix each time) and the PCA 9 of them, so a caller
 * can say how far it is and take messages (a Stop) within a pass. The same numbers as fitPca.
 */
export function* pcaSteps(source: RowSource, components: number, options: PcaFitOptions): Paced<PcaFit> {
  const n = source.rows;
  const g = source.cols;
  const k = components;
  if (!(k >= 1 && k <= g && k <= n)) {
    throw new RangeError(`PCA: cannot fit ${k} components to ${n} rows × ${g} columns`);
  }
  const random = seededRandom(options.seed ?? 0);
  const l = Math.min(g, k + (options.oversample ?? 10));
  const iterations =
    options.iterations === undefined || options.iterations === 'auto'
      ? k < 0.1 * Math.min(n, g)
        ? 7
        : 4
      : options.iterations;

  // With l === g the basis already spans everything: Rayleigh–Ritz alone is exact.
  const steps = l === g ? 0 : iterations;
  // the mean, each iteration, the Rayleigh–Ritz step
  const passes = steps + 2;
  const pass = (done: number) => ({ name: 'pca' as const, done, total: passes, unit: 'passes' as const });
  yield pass(0);
  const mean = yield* passSteps(columnMeans(source), pass(0));
  let squares = 0;
  const addSquares: BlockVisitor = (block) => (squares = addSquaredDeviations(block, mean, squares));
  let q: Float64Array = new Float64Array(g * l);
  for (let i = 0; i < q.length; i++) q[i] = randomNormal(random);
  orthonormalizeColumns(q, g, l, random);
  for (let it = 0; it < steps; it++) {
    const visit = it === 0 ? addSquares : undefined;
    q = yield* passSteps(covarianceTimes(source, mean, q, l, visit), pass(it + 1));
    orthonormalizeColumns(q, g, l, random);
  }
  const gram = projectedGram(source, mean, q, l, steps === 0 ? addSquares : undefined);
  const b = yield* passSteps(gram, pass(steps + 1));
  const total = squares / Math.max(1, n - 1);
  const eig = symmetricEigen(b, l);
  const scale = 1 / Math.max(1, n - 1);

  const loadings = new Float64Array(g * k);
  for (let i = 0; i < g; i++) {
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let a = 0; a < l; a++) s += q[i * l + a] * eig.vectors[a * l + c];
      loadings[i * k + c] = s;
    }
  }
  for (let c = 0; c < k; c++) {
    let best = 0;
    for (let i = 1; i < g; i++)
      if (Math.abs(loadings[i * k + c]) > Math.abs(loadings[best * k + c])) best = i;
    if (loadings[best * k + c] < 0) for (let i = 0; i < g; i++) loadings[i * k + c] = -loadings[i * k + c];
  }
  const explainedVariance = Array.from(eig.values.subarray(0, k), (v) => Math.max(0, v * scale));
  return {
    components: k,
    mean,
    loadings,
    explainedVariance,
    explainedVarianceRatio: explainedVariance.map((v) => (total > 0 ? v / total : 0)),
    iterations: steps,
  };
}

/**
 * Scores (rows × K, float32) of every row of `source`: (x − mean)·loadings, block by block with tfjs.
 * Fixed block sizes make the result depend only on the input and the backend.
 */
export function projectRows(
  source: RowSource,
  mean: Float64Array,
  loadings: ArrayLike<number>,
  components: number,
): Float32Array {
  return runNow(projectRowSteps(source, mean, loadings, components));
}

/** `projectRows`, pausing after each block with the rows projected. */
export function* projectRowSteps(
  source: RowSource,
  mean: Float64Array,
  loadings: ArrayLike<number>,
  components: number,
): Paced<Float32Array, number> {
  const g = source.cols;
  const out = new Float32Array(source.rows * components);
  const w = tf.tensor2d(Float32Array.from(loadings), [g, components]);
  const mu = meanTensor(mean);
  try {
    yield* blockSteps(source, (block, r0, r1) => {
      const scores = tf.tidy(() => tf.matMul(centredBlock(block, r1 - r0, mu), w));
      try {
        out.set(scores.dataSync(), r0 * components);
      } finally {
        scores.dispose();
      }
    });
  } finally {
    w.dispose();
    mu.dispose();
  }
  return out;
}
