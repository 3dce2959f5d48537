/**
 * The triplet (or 'pn') loss of an aligned batch [anchors; positives; negatives] of embeddings, computed on
 * the host with its gradient written out, as one differentiable op.
 *
 * The embeddings are tiny (3·T rows × 2–10 dims) and the trainer reads the per-triplet losses back anyway
 * to count active triplets; expressed as tensor ops the same loss is ~60 kernels forward and ~70 backward
 * on 256-element tensors, each costing more in dispatch than in arithmetic. Here it is one read-back, a
 * loop over the triplets, and one upload of the gradient: for triplet i (when its hinge is active),
 * ∂L/∂a = (∂d(a,p) − ∂d(a,n'))/T and so on, with ∂‖u‖/∂u = u/‖u‖ (0 where ‖u‖² ≤ eps, like safeSqrt's
 * relu floor) for 'euclidean' and 2u for 'squared'. 'pn' takes n' = whichever of a and p is nearer to n
 * (ties to a, as tf.minimum's gradient). Same value and gradient as triplet-loss.ts (checked in
 * test/losses/host-triplet-loss).
 */
import * as tf from '@tensorflow/tfjs';
import { DISTANCE_EPS } from './distance.js';
import type { TripletVariant } from './triplet-loss.js';

export type HostDistance = 'euclidean' | 'squared';

/** The host loss's result: the mean loss as a scalar connected to `embedded`, and its active count. */
export interface HostTripletLoss {
  loss: tf.Scalar;
  active: number;
  total: number;
}

/** Whether every value is finite: a NaN or ±Infinity makes every hinge comparison false (inactive). */
export function allFinite(values: Float32Array): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return false;
  return true;
}

/**
 * Distance between rows i and j of e (dims columns), and writes ∂d/∂(row i) into `grad` (length dims; row j's
 * is its negative). Shared with the loss over a batch's distances (host-matrix-loss.ts).
 */
export function distanceAndGradient(
  e: Float32Array,
  dims: number,
  i: number,
  j: number,
  kind: HostDistance,
  grad: Float64Array,
): number {
  let squared = 0;
  for (let c = 0; c < dims; c++) {
    const u = e[i * dims + c] - e[j * dims + c];
    grad[c] = u;
    squared += u * u;
  }
  if (kind === 'squared') {
    for (let c = 0; c < dims; c++) grad[c] *= 2;
    return squared;
  }
  const d = Math.sqrt(Math.max(squared - DISTANCE_EPS, 0) + DISTANCE_EPS);
  const factor = squared > DISTANCE_EPS ? 1 / d : 0;
  for (let c = 0; c < dims; c++) grad[c] *= factor;
  return d;
}

/** Value (mean over triplets), per-triplet hinge values, and gradient w.r.t. every embedded value. */
function hostLossAndGradient(
  e: Float32Array,
  rows: number,
  dims: number,
  t: number,
  margin: number,
  kind: HostDistance,
  variant: TripletVariant,
): { mean: number; active: number; grad: Float32Array } {
  const grad = new Float32Array(rows * dims);
  const gp = new Float64Array(dims);
  const gn = new Float64Array(dims);
  const gpn = new Float64Array(dims);
  let sum = 0;
  let active = 0;
  for (let i = 0; i < t; i++) {
    const [a, p, n] = [i, t + i, 2 * t + i];
    const dap = distanceAndGradient(e, dims, a, p, kind, gp);
    const dan = distanceAndGradient(e, dims, a, n, kind, gn);
    // 'pn': the negative's distance is min(d(a,n), d(p,n)); d(p,n) wins only when strictly smaller
    const dpn = variant === 'pn' ? distanceAndGradient(e, dims, p, n, kind, gpn) : Infinity;
    const usePn = dpn < dan;
    const dneg = usePn ? dpn : dan;
    const hinge = dap - dneg + margin;
    if (!(hinge > 0)) continue;
    sum += hinge;
    active++;
    for (let c = 0; c < dims; c++) {
      // d(a,p) pulls a towards p; the negative term pushes a (or p, for 'pn') away from n
      grad[a * dims + c] += (gp[c] - (usePn ? 0 : gn[c])) / t;
      grad[p * dims + c] += (-gp[c] - (usePn ? gpn[c] : 0)) / t;
      grad[n * dims + c] += (usePn ? gpn[c] : gn[c]) / t;
    }
  }
  return { mean: sum / t, active, grad };
}

/**
 * Mean triplet loss of the first 3·t rows of `embedded` ([A; P; N], t rows each); rows after them (a
 * second negative block) get zero gradient.
 */
export function hostTripletLoss(
  embedded: tf.Tensor2D,
  t: number,
  options: { distance: HostDistance; margin: number; variant: TripletVariant },
): HostTripletLoss {
  let active = 0;
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const e = args[0] as tf.Tensor2D;
    const [rows, dims] = e.shape;
    const values = e.dataSync() as Float32Array;
    const result = hostLossAndGradient(
      values,
      rows,
      dims,
      t,
      options.margin,
      options.distance,
      options.variant,
    );
    active = result.active;
    return {
      // a non-finite embedding must show in the loss (the trainer's NaN guard), not hide in inactive terms
      value: tf.scalar(allFinite(values) ? result.mean : Number.NaN),
      gradFunc: (dy: tf.Tensor) => [tf.mul(dy, tf.tensor2d(result.grad, [rows, dims]))],
    };
  });
  return { loss: op(embedded) as tf.Scalar, active, total: t };
}
