/**
 * The softmax regression's objective (softmax-regression.ts): the penalised mean cross-entropy
 * mean CE + (λ/2)‖W‖² and its gradient at θ = (W as cols × classes, row-major; then the bias), on the fitted
 * rows. Two ways to compute it, chosen by the size of the problem: tfjs matrix products (float32) for big
 * ones, plain float64 loops for small ones, where a tensor op's fixed cost dominates — on the native backend
 * a dozen ops an evaluation took about 2 ms on tissue_gene_expression's 151 × 50 × 7 problem, 0.45 s for the
 * step's six fits of a run whose map trains in 0.3 s (bench/README.md, "The comparison after class
 * evidence").
 */
import * as tf from '@tensorflow/tfjs';
import type { DenseMatrix } from '../api/matrix.js';
import type { Objective } from './lbfgs.js';

/**
 * Largest rows × columns × classes computed with loops. Timed on the native backend, six fits a run: at
 * 151 × 50 × 7 (53 000) loops 0.15–0.2 s against tensors' 0.45–0.6 s; at 560 × 50 × 10 (280 000) loops 1.1–1.4 s
 * against 0.45–0.65 s.
 */
export const LOOP_MAX_WORK = 100_000;

/** The fitted rows `xs` with their classes `ys` (0 … classes − 1) and the penalty λ. */
export interface SoftmaxProblem {
  xs: DenseMatrix;
  ys: Int32Array;
  classes: number;
  penalty: number;
}

/** An objective for L-BFGS, and what frees its tensors (none for the loops). */
export interface SoftmaxObjective {
  evaluate: Objective;
  dispose(): void;
}

/** The problem's objective, computed the cheaper way for its size. */
export function softmaxObjective(problem: SoftmaxProblem): SoftmaxObjective {
  const { xs, classes } = problem;
  return xs.rows * xs.cols * classes <= LOOP_MAX_WORK ? loopObjective(problem) : tensorObjective(problem);
}

/** The objective with tfjs matrix products (float32); dispose() frees the rows' tensors. */
export function tensorObjective(problem: SoftmaxProblem): SoftmaxObjective {
  const { xs, ys, classes, penalty } = problem;
  const { rows: n, cols: d } = xs;
  const size = d * classes;
  const targets = new Float32Array(n * classes);
  for (let i = 0; i < n; i++) targets[i * classes + ys[i]] = 1;
  const x = tf.tensor2d(xs.data, [n, d]);
  const y = tf.tensor2d(targets, [n, classes]);
  const evaluate: Objective = (theta) => {
    const [value, gw, gb] = tf.tidy(() => {
      const w = tf.tensor2d(Float32Array.from(theta.subarray(0, size)), [d, classes]);
      const b = tf.tensor1d(Float32Array.from(theta.subarray(size)));
      const logp = tf.logSoftmax(tf.add(tf.matMul(x, w), b));
      const crossEntropy = tf.div(tf.neg(tf.sum(tf.mul(y, logp))), n);
      const f = tf.add(crossEntropy, tf.mul(tf.sum(tf.square(w)), penalty / 2));
      const g = tf.div(tf.sub(tf.exp(logp), y), n);
      return [f, tf.add(tf.matMul(x, g, true, false), tf.mul(w, penalty)), tf.sum(g, 0)];
    });
    const gradient = new Float64Array(size + classes);
    gradient.set(gw.dataSync());
    gradient.set(gb.dataSync(), size);
    const out = { value: value.dataSync()[0], gradient };
    tf.dispose([value, gw, gb]);
    return out;
  };
  return { evaluate, dispose: () => tf.dispose([x, y]) };
}

/** The objective in float64 loops: no tensors, the same figures on every backend. */
export function loopObjective(problem: SoftmaxProblem): SoftmaxObjective {
  const { xs, ys, classes, penalty } = problem;
  const { rows: n, cols: d } = xs;
  const x = Float64Array.from(xs.data);
  const size = d * classes;
  const logits = new Float64Array(classes);
  // W transposed (a class's weights contiguous) and its gradient, so the inner loops run over the inputs
  const wt = new Float64Array(size);
  const gt = new Float64Array(size);
  const evaluate: Objective = (theta) => {
    for (let j = 0; j < d; j++) for (let c = 0; c < classes; c++) wt[c * d + j] = theta[j * classes + c];
    gt.fill(0);
    const gradient = new Float64Array(size + classes);
    let crossEntropy = 0;
    for (let i = 0; i < n; i++) {
      const xo = i * d;
      let max = -Infinity;
      for (let c = 0; c < classes; c++) {
        let s = theta[size + c];
        for (let j = 0, wo = c * d; j < d; j++) s += x[xo + j] * wt[wo + j];
        logits[c] = s;
        if (s > max) max = s;
      }
      let sum = 0;
      for (let c = 0; c < classes; c++) sum += Math.exp(logits[c] - max);
      const logSum = max + Math.log(sum);
      crossEntropy -= logits[ys[i]] - logSum;
      // d CE / d logit = softmax − one-hot (over n), into the bias's gradient and, times x_i, W's
      for (let c = 0; c < classes; c++) {
        const g = (Math.exp(logits[c] - logSum) - (c === ys[i] ? 1 : 0)) / n;
        gradient[size + c] += g;
        for (let j = 0, go = c * d; j < d; j++) gt[go + j] += g * x[xo + j];
      }
    }
    let squares = 0;
    for (let j = 0; j < d; j++) {
      for (let c = 0; c < classes; c++) {
        const w = theta[j * classes + c];
        squares += w * w;
        gradient[j * classes + c] = gt[c * d + j] + penalty * w;
      }
    }
    return { value: crossEntropy / n + (penalty / 2) * squares, gradient };
  };
  return { evaluate, dispose: () => undefined };
}
