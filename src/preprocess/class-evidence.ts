/**
 * The class-evidence step (issue 13 goal b): a strongly regularised linear classifier, fitted on the labelled
 * training cells only, whose centred logits are appended to the encoder's input. A 3 × 128 network trained on
 * a few hundred labelled cells places unseen cells worse than a linear model classifies them (pbmc68k:
 * held-out kNN-5 0.816 against logistic regression's 0.830 on the same 50 PCs); with the classifier's
 * evidence as extra columns the encoder learns from both (bench/README.md, "Class evidence").
 *
 * What the classifier reads: with a PCA, the z-scored kept genes before it (`space` 'genes') — on pbmc68k's
 * splits logistic regression classifies unseen cells better from the genes than from the 50 PCs (0.843
 * against 0.830), and the map follows it; without a PCA the genes are the input. Every cell, the training
 * cells included, gets the one model's evidence, which the recipe keeps: training cells once got evidence
 * cross-fitted from models without them, and the encoder then trusted the evidence less and placed unseen
 * cells worse (bench/README.md, "2026-12-01: class evidence from the genes, without cross-fitting").
 */
import type { DenseMatrix } from '../api/matrix.js';
import type { Random } from '../util/random.js';
import { subsampleRows } from '../util/subsample.js';
import { centredLogits, fitSoftmaxRegressionSteps, type SoftmaxRegression } from './softmax-regression.js';
import { runNow, type Paced } from './paced.js';

/** The fitted step, as stored in a preprocessing recipe (plain JSON). */
export interface ClassEvidenceRecipe {
  /** The classes, in the order of the appended columns. */
  classes: string[];
  /** The classifier's weights, classes × input columns (row-major). */
  weights: number[];
  /** The classifier's bias, one per class. */
  bias: number[];
  /** What each centred logit is multiplied by before it is appended. */
  factor: number;
  /** The classifier's inverse penalty (scikit-learn's C). */
  c: number;
  /**
   * What the classifier reads: 'genes', the recipe's z-scored kept genes before its PCA (then `weights` is
   * classes × kept genes); absent, the recipe's output without the step — the only kind in recipes saved by earlier versions,
   * and the kind of every recipe without a PCA.
   */
  space?: 'genes';
}

/** How the step is fitted. */
export interface ClassEvidenceOptions {
  /**
   * Root-mean-square of the appended columns over the fitted cells, as a multiple of `inputRms` (so the
   * evidence weighs the same whatever the input's scale); logits spread less than one nat are scaled as if
   * they spread one, so weak evidence stays weak. Must be > 0.
   */
  scale: number;
  /**
   * Root-mean-square of the input the columns are appended to. Default: that of `x` (right when the
   * classifier reads the encoder's input itself; with `space` 'genes' the caller passes the PCs').
   */
  inputRms?: number;
  /** The classifier's inverse penalty. Default 0.01 (the best of 0.001–10 on pbmc68k's splits). */
  c?: number;
  /** What `x` holds: 'genes' (the z-scored kept genes before a PCA) or the recipe's output (absent). */
  space?: 'genes';
}

/**
 * Most training cells the classifier is fitted on (a seeded sample beyond it; the other cells get its evidence
 * all the same): on 5 000 of fashion-MNIST's 8 000 training cells the fits took 8.5 s of a 47 s run, on 2 000
 * 2.2 s; a larger table's encoder needs the help less.
 */
export const EVIDENCE_MAX_FIT_CELLS = 2000;

/** The training rows the classifier is fitted on: all of them up to `maxFitCells`, else a seeded sample. */
export function evidenceFitRows(
  trainRows: readonly number[],
  random: Random,
  maxFitCells = EVIDENCE_MAX_FIT_CELLS,
): number[] {
  return Array.from(subsampleRows(Int32Array.from(trainRows), maxFitCells, random));
}

function toRecipe(
  model: SoftmaxRegression,
  classes: readonly string[],
  factor: number,
  options: ClassEvidenceOptions,
): ClassEvidenceRecipe {
  return {
    classes: [...classes],
    weights: Array.from(model.weights),
    bias: Array.from(model.bias),
    factor,
    c: options.c ?? 0.01,
    ...(options.space ? { space: options.space } : {}),
  };
}

function modelOf(recipe: ClassEvidenceRecipe, cols: number): SoftmaxRegression {
  return {
    cols,
    classes: recipe.classes.length,
    weights: Float64Array.from(recipe.weights),
    bias: Float64Array.from(recipe.bias),
  };
}

/** The root-mean-square of `values` (0 when there are none). */
export function rootMeanSquare(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i] * values[i];
  return values.length ? Math.sqrt(s / values.length) : 0;
}

/**
 * Fits the step on every row of `x`, the fitted cells (`labels[i]`, in 0 … classes.length − 1, is row i's
 * class): the hold-out's rows are never among them.
 */
export function fitClassEvidence(
  x: DenseMatrix,
  labels: ArrayLike<number>,
  classes: readonly string[],
  options: ClassEvidenceOptions,
): ClassEvidenceRecipe {
  return runNow(fitClassEvidenceSteps(x, labels, classes, options));
}

/** Most L-BFGS iterations of the step's fit. */
export const EVIDENCE_FIT_ITERATIONS = 100;

/** `fitClassEvidence`, pausing after each L-BFGS iteration with the iterations done. */
export function* fitClassEvidenceSteps(
  x: DenseMatrix,
  labels: ArrayLike<number>,
  classes: readonly string[],
  options: ClassEvidenceOptions,
): Paced<ClassEvidenceRecipe, number> {
  const k = classes.length;
  const rows = Array.from({ length: x.rows }, (_, i) => i);
  // at most 100 L-BFGS iterations, to a largest gradient component of 1e-4: pbmc68k's logits then match a
  // 1 000-iteration fit's to 4 decimals (105 ms a fit on the native backend), fashion-MNIST's to 4 % (240 ms)
  const model = yield* fitSoftmaxRegressionSteps(x, labels, rows, k, {
    c: options.c ?? 0.01,
    maxIterations: EVIDENCE_FIT_ITERATIONS,
    tolerance: 1e-4,
  });
  // logits are in nats: a spread under one nat is weak evidence (a classifier that learnt only the class
  // counts), and it is scaled as if it were one nat rather than amplified into a strong signal
  const spread = Math.max(1, rootMeanSquare(centredLogits(model, x, rows)));
  const factor = (options.scale * (options.inputRms ?? rootMeanSquare(x.data))) / spread;
  return toRecipe(model, classes, factor, options);
}

/**
 * The step as a linear map of what it reads: the evidence of a row z is z · loadings + offsets (loadings
 * cols × classes, row-major) — the centred logits times the factor, folded into the weights so that a
 * matMul over the kept genes computes them in the same pass as any other projection.
 */
export function evidenceLoadings(
  recipe: ClassEvidenceRecipe,
  cols: number,
): {
  loadings: Float64Array;
  offsets: Float64Array;
} {
  const k = recipe.classes.length;
  const { weights: w, bias: b, factor } = recipe;
  const loadings = new Float64Array(cols * k);
  for (let j = 0; j < cols; j++) {
    let mean = 0;
    for (let c = 0; c < k; c++) mean += w[c * cols + j];
    mean /= k;
    for (let c = 0; c < k; c++) loadings[j * k + c] = (w[c * cols + j] - mean) * factor;
  }
  const meanBias = b.reduce((s, v) => s + v, 0) / k;
  return { loadings, offsets: Float64Array.from(b, (v) => (v - meanBias) * factor) };
}

/** The scaled evidence columns of every row of `x` (x.rows × classes) from a fitted recipe step. */
export function classEvidenceColumns(recipe: ClassEvidenceRecipe, x: DenseMatrix): Float64Array {
  const rows = Array.from({ length: x.rows }, (_, i) => i);
  return centredLogits(modelOf(recipe, x.cols), x, rows).map((v) => v * recipe.factor);
}

/** `x` with `columns` (x.rows × k) appended on the right. */
export function appendColumns(x: DenseMatrix, columns: Float64Array, k: number): DenseMatrix {
  const cols = x.cols + k;
  const data = new Float32Array(x.rows * cols);
  for (let r = 0; r < x.rows; r++) {
    data.set(x.data.subarray(r * x.cols, (r + 1) * x.cols), r * cols);
    for (let c = 0; c < k; c++) data[r * cols + x.cols + c] = columns[r * k + c];
  }
  return { data, rows: x.rows, cols };
}
