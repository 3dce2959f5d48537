/**
 * Multinomial logistic regression with an L2 penalty, fitted in plain TypeScript: the class-evidence step
 * (class-evidence.ts) needs a linear classifier of the encoder's input that is strongly regularised — what
 * a 3 × 128 network trained on a few hundred cells lacks (bench/README.md, "What the input supports").
 * The problem is convex and small (input columns × classes weights): L-BFGS converges in tens of iterations;
 * the logits of a fitted model are plain loops.
 */
import type { DenseMatrix } from '../api/matrix.js';
import { selectRows } from '../data/select-rows.js';
import { minimiseLbfgsSteps } from './lbfgs.js';
import { runNow, type Paced } from './paced.js';
import { softmaxObjective } from './softmax-objective.js';

/** A fitted softmax regression: logit_c(x) = bias[c] + Σ_j x_j · weights[c·cols + j]. */
export interface SoftmaxRegression {
  /** Input columns. */
  cols: number;
  classes: number;
  /** classes × cols, row-major (a class's weights are contiguous). */
  weights: Float64Array;
  bias: Float64Array;
}

/** How the regression is fitted. */
export interface SoftmaxFitOptions {
  /**
   * Inverse penalty strength, as scikit-learn's `C`: the objective is C · Σ cross-entropy + ½‖W‖²
   * (the bias is not penalised). Default 0.01.
   */
  c?: number;
  /** Most L-BFGS iterations. Default 200. */
  maxIterations?: number;
  /** Stops when the largest gradient component falls below this. Default 1e-5. */
  tolerance?: number;
}

/**
 * Fits the regression on `rows` of `x`, whose classes are `labels[row]` (0 … classes − 1), by L-BFGS
 * (lbfgs.ts) from zero weights.
 */
export function fitSoftmaxRegression(
  x: DenseMatrix,
  labels: ArrayLike<number>,
  rows: ArrayLike<number>,
  classes: number,
  options: SoftmaxFitOptions = {},
): SoftmaxRegression {
  return runNow(fitSoftmaxRegressionSteps(x, labels, rows, classes, options));
}

/** `fitSoftmaxRegression`, pausing after each L-BFGS iteration with the iterations done. */
export function* fitSoftmaxRegressionSteps(
  x: DenseMatrix,
  labels: ArrayLike<number>,
  rows: ArrayLike<number>,
  classes: number,
  options: SoftmaxFitOptions = {},
): Paced<SoftmaxRegression, number> {
  const { c = 0.01, maxIterations = 200, tolerance = 1e-5 } = options;
  const d = x.cols;
  const n = rows.length;
  const weights = new Float64Array(classes * d);
  if (n === 0) return { cols: d, classes, weights, bias: new Float64Array(classes) };
  const objective = softmaxObjective({
    xs: selectRows(x, rows),
    ys: Int32Array.from({ length: n }, (_, i) => labels[rows[i]]),
    classes,
    penalty: 1 / (c * n),
  });
  try {
    // C · Σ CE + ½‖W‖², divided by C·n: mean CE + (λ/2)‖W‖² with λ = 1 / (C·n)
    const theta = yield* minimiseLbfgsSteps(objective.evaluate, new Float64Array(d * classes + classes), {
      maxIterations,
      tolerance,
    });
    // θ holds W as cols × classes; the model keeps a class's weights contiguous
    for (let j = 0; j < d; j++) for (let k = 0; k < classes; k++) weights[k * d + j] = theta[j * classes + k];
    return { cols: d, classes, weights, bias: theta.slice(d * classes) };
  } finally {
    objective.dispose();
  }
}

/** The logits of `rows` of x (rows × classes), each row centred to mean 0 (softmax ignores a shift). */
export function centredLogits(
  model: SoftmaxRegression,
  x: DenseMatrix,
  rows: ArrayLike<number>,
): Float64Array {
  const { cols: d, classes: k, weights: w, bias: b } = model;
  const out = new Float64Array(rows.length * k);
  for (let i = 0; i < rows.length; i++) {
    const o = rows[i] * d;
    let mean = 0;
    for (let c = 0; c < k; c++) {
      let s = b[c];
      const wo = c * d;
      for (let j = 0; j < d; j++) s += x.data[o + j] * w[wo + j];
      out[i * k + c] = s;
      mean += s;
    }
    mean /= k;
    for (let c = 0; c < k; c++) out[i * k + c] -= mean;
  }
  return out;
}
