/**
 * The hinge losses over a batch's pairwise distances (matrix-loss.ts) — what the mining samplers train with
 * — computed on the host with the gradient written out, as one differentiable op.
 *
 * The batch's embeddings are tiny (n cells × 2–10 dims; 130 × 3 for the default step) while the tensor-op
 * form is the distance matrix (Gram matrix, norms, clamp, sqrt), its read-back, the n × n weight upload
 * and the gradient back through all of it: ~80 of the default step's ~215 kernels, each costing more in
 * dispatch than in arithmetic. Here: one read-back of the embeddings, the n² distances in float64 (rounded
 * to float32 for the mining, as the device's values were float32), the terms, and one upload of the gradient
 * ∂L/∂e_i = Σ_j (W_ij + W_ji) ∂D_ij/∂e_i / denominator, with ∂D_ij/∂e_i = (e_i − e_j)/D_ij for 'euclidean'
 * (0 under the eps floor, as safeSqrt's relu) and 2(e_i − e_j) for 'squared'. Same value and gradient as
 * hingeLossFromDistances over pairwiseDistances up to float32 rounding (test/losses/host-matrix-loss).
 */
import * as tf from '@tensorflow/tfjs';
import { DISTANCE_EPS } from './distance.js';
import { allFinite, distanceAndGradient, type HostDistance } from './host-triplet-loss.js';
import { hingeWeights, type BatchLoss, type HingeTerms } from './matrix-loss.js';

/** The n × n distances between the rows of e (row-major, dims columns), as float32 values. */
export function hostPairwiseDistances(
  e: Float32Array,
  n: number,
  dims: number,
  kind: HostDistance,
): Float32Array {
  const d = new Float32Array(n * n);
  const direction = new Float64Array(dims);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const value = distanceAndGradient(e, dims, i, j, kind, direction);
      d[i * n + j] = value;
      d[j * n + i] = value;
    }
    if (kind === 'euclidean') d[i * n + i] = Math.fround(Math.sqrt(DISTANCE_EPS));
  }
  return d;
}

/** ∂L/∂e for L = (Σ W ⊙ D + c) / denominator, and L itself. */
function lossAndGradient(
  e: Float32Array,
  n: number,
  dims: number,
  kind: HostDistance,
  w: Float32Array,
  constant: number,
  denominator: number,
): { value: number; grad: Float32Array } {
  const grad = new Float64Array(n * dims);
  const dDistance = new Float64Array(dims);
  let sum = constant;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const weight = w[i * n + j] + w[j * n + i];
      if (weight === 0) continue;
      sum += weight * distanceAndGradient(e, dims, i, j, kind, dDistance);
      // ∂D/∂e_i is dDistance; e_j gets the opposite
      for (let c = 0; c < dims; c++) {
        grad[i * dims + c] += weight * dDistance[c];
        grad[j * dims + c] -= weight * dDistance[c];
      }
    }
  }
  const out = new Float32Array(n * dims);
  for (let k = 0; k < out.length; k++) out[k] = grad[k] / denominator;
  return { value: sum / denominator, grad: out };
}

/**
 * The hinge loss of the terms `termsFor(D)` chooses from the batch's distances D (mining happens there),
 * averaged as `average`, as a scalar connected to `embedded`.
 */
export function hostHingeLoss(
  embedded: tf.Tensor2D,
  kind: HostDistance,
  termsFor: (dValues: Float32Array, n: number) => HingeTerms,
  average: 'all' | 'active' = 'all',
): BatchLoss {
  let active = 0;
  let total = 0;
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const e = args[0] as tf.Tensor2D;
    const [n, dims] = e.shape;
    const values = e.dataSync() as Float32Array;
    const dValues = hostPairwiseDistances(values, n, dims, kind);
    const weights = hingeWeights(n, dValues, termsFor(dValues, n), average);
    active = weights.active;
    total = weights.total;
    const result = lossAndGradient(
      values,
      n,
      dims,
      kind,
      weights.weights,
      weights.constant,
      weights.denominator,
    );
    return {
      // a non-finite embedding must show in the loss (the trainer's NaN guard), not hide in inactive terms
      value: tf.scalar(allFinite(values) ? result.value : Number.NaN),
      gradFunc: (dy: tf.Tensor) => [tf.mul(dy, tf.tensor2d(result.grad, [n, dims]))],
    };
  });
  const loss = op(embedded) as tf.Scalar;
  return { loss, active, total };
}
