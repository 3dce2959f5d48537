/**
 * The class-evidence step (issue 13 goal b): a strongly regularised linear classifier of the preprocessed
 * input, fitted on the labelled training cells only, whose centred logits are appended to the encoder's input.
 * A 3 × 128 network trained on a few hundred labelled cells places unseen cells worse than a linear model of
 * the same input classifies them (pbmc68k: held-out kNN-5 0.816 against logistic regression's 0.830); with
 * the classifier's evidence as extra columns the encoder learns from both (bench/README.md, "Class evidence").
 *
 * A training cell's own columns come from a model fitted without it (k-fold cross-fitting), so the encoder
 * trains on evidence as noisy as an unseen cell's; every other cell (held out, unlabelled, new data through
 * `embed`) gets the model fitted on all training cells, which the recipe keeps.
 */
import type { DenseMatrix } from '../api/matrix.js';
import type { Random } from '../util/random.js';
import { subsampleRows } from '../util/subsample.js';
import { centredLogits, fitSoftmaxRegression, type SoftmaxRegression } from './softmax-regression.js';

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
}

/** How the step is fitted. */
export interface ClassEvidenceOptions {
  /**
   * Root-mean-square of the appended columns over the training cells, as a multiple of the input's (so
   * the evidence weighs the same whatever the input's scale); logits spread less than one nat are scaled
   * as if they spread one, so weak evidence stays weak. Must be > 0.
   */
  scale: number;
  /** The classifier's inverse penalty. Default 0.01 (the best of 0.001–10 on pbmc68k's splits). */
  c?: number;
  /** Folds of the cross-fitting. Default 5. */
  folds?: number;
  /**
   * Most training cells the classifiers are fitted on (a seeded sample beyond it; the others get the full
   * model's evidence, which has not seen them either). Default 2 000: on 5 000 of fashion-MNIST's 8 000
   * training cells the six fits took 8.5 s of a 47 s run, on 2 000 (at 100 iterations a fit) 2.2 s; a larger
   * table's encoder needs the help less.
   */
  maxFitCells?: number;
}

/** The fitted step and the appended columns of the cells it was asked for. */
export interface FittedClassEvidence {
  recipe: ClassEvidenceRecipe;
  /**
   * The scaled evidence columns of `rows` (rows.length × classes): cross-fitted for the cells the
   * classifiers were fitted on, the full model's for the rest.
   */
  columnsFor(rows: readonly number[]): Float64Array;
}

function toRecipe(
  model: SoftmaxRegression,
  classes: readonly string[],
  factor: number,
  c: number,
): ClassEvidenceRecipe {
  return {
    classes: [...classes],
    weights: Array.from(model.weights),
    bias: Array.from(model.bias),
    factor,
    c,
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

function rootMeanSquare(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i] * values[i];
  return values.length ? Math.sqrt(s / values.length) : 0;
}

/**
 * Fits the step on `trainRows` of `x` (labels[row] in 0 … classes.length − 1). The cross-fitting folds
 * and the sample are drawn from `random`.
 */
export function fitClassEvidence(
  x: DenseMatrix,
  labels: ArrayLike<number>,
  trainRows: readonly number[],
  classes: readonly string[],
  options: ClassEvidenceOptions,
  random: Random,
): FittedClassEvidence {
  const { scale, c = 0.01, folds = 5, maxFitCells = 2000 } = options;
  const k = classes.length;
  const fitRows = Array.from(subsampleRows(Int32Array.from(trainRows), maxFitCells, random));
  // at most 100 L-BFGS iterations, to a largest gradient component of 1e-4: pbmc68k's logits then match a
  // 1 000-iteration fit's to 4 decimals (105 ms a fit on the native backend), fashion-MNIST's to 4 % (240 ms)
  const fit = { c, maxIterations: 100, tolerance: 1e-4 };
  const full = fitSoftmaxRegression(x, labels, fitRows, k, fit);
  // cross-fitting: each fitted cell's evidence from the model of the other folds
  const fold = fitRows.map(() => Math.floor(random() * folds));
  const crossFitted = new Map<number, Float64Array>();
  for (let f = 0; f < folds; f++) {
    const held = fitRows.filter((_, i) => fold[i] === f);
    if (!held.length) continue;
    // from zero weights, not from the full model: that one has seen this fold's cells, and a fit stopped
    // before its optimum keeps part of its start (tried: fashion-MNIST's held-out kNN-5 fell by 0.008)
    const model = fitSoftmaxRegression(
      x,
      labels,
      fitRows.filter((_, i) => fold[i] !== f),
      k,
      fit,
    );
    const logits = centredLogits(model, x, held);
    held.forEach((row, i) => crossFitted.set(row, logits.slice(i * k, (i + 1) * k)));
  }
  const raw = (rows: readonly number[]): Float64Array => {
    const out = centredLogits(full, x, rows);
    rows.forEach((row, i) => {
      const own = crossFitted.get(row);
      if (own) out.set(own, i * k);
    });
    return out;
  };
  // logits are in nats: a spread under one nat is weak evidence (a classifier that learnt only the folds'
  // class counts), and it is scaled as if it were one nat rather than amplified into a strong signal
  const spread = Math.max(1, rootMeanSquare(raw(trainRows)));
  const factor = (scale * rootMeanSquare(x.data)) / spread;
  return {
    recipe: toRecipe(full, classes, factor, c),
    columnsFor: (rows) => raw(rows).map((v) => v * factor),
  };
}

/** The scaled evidence columns of every row of `x` (x.rows × classes) from a fitted recipe step. */
export function classEvidenceColumns(recipe: ClassEvidenceRecipe, x: DenseMatrix): Float64Array {
  const rows = Array.from({ length: x.rows }, (_, i) => i);
  return centredLogits(modelOf(recipe, x.cols), x, rows).map((v) => v * recipe.factor);
}

/** `x` with the step's evidence columns appended: what the encoder reads for the rows `x` of the input. */
export function withClassEvidence(recipe: ClassEvidenceRecipe, x: DenseMatrix): DenseMatrix {
  return appendColumns(x, classEvidenceColumns(recipe, x), recipe.classes.length);
}

/** `x` with `columns` (x.rows × k) appended on the right. */
function appendColumns(x: DenseMatrix, columns: Float64Array, k: number): DenseMatrix {
  const cols = x.cols + k;
  const data = new Float32Array(x.rows * cols);
  for (let r = 0; r < x.rows; r++) {
    data.set(x.data.subarray(r * x.cols, (r + 1) * x.cols), r * cols);
    for (let c = 0; c < k; c++) data[r * cols + x.cols + c] = columns[r * k + c];
  }
  return { data, rows: x.rows, cols };
}
