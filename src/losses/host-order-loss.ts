/**
 * The within-class neighbour-order loss (issue 13, `orderWeight`) of an aligned block [anchors; positives;
 * negatives] of U triplets, on the host with its gradient written out, as one differentiable op:
 *
 *   L = (1/U) Σ max(0, ln d(a,p) − ln d(a,n) + ln ratio),  d(x,y)² = ‖x − y‖² + eps
 *
 * A ratio of distances, so the term is the same at any scale: it orders a class's cells by their input
 * neighbours without asking the class to grow (the triplet loss's margin sets the classes' spacing). With
 * s = ‖u‖² + eps, ∂(½ ln s)/∂u = u / s, so an active triplet adds (a − p)/s_ap − (a − n)/s_an to a's gradient,
 * −(a − p)/s_ap to p's and (a − n)/s_an to n's (each over U).
 */
import * as tf from '@tensorflow/tfjs';
import { allFinite } from './host-triplet-loss.js';

/** Keeps ln d finite when two cells share a position; small against any map's spacing (margin ~1). */
export const ORDER_EPS = 1e-6;

/** Squared distance between rows i and j of e plus ORDER_EPS, and their difference into `diff`. */
function squaredGap(e: Float32Array, dims: number, i: number, j: number, diff: Float64Array): number {
  let s = ORDER_EPS;
  for (let c = 0; c < dims; c++) {
    const u = e[i * dims + c] - e[j * dims + c];
    diff[c] = u;
    s += u * u;
  }
  return s;
}

/**
 * The order loss's value and its gradient over the rows of `e`: [U anchors; U positives; then blocks of U
 * negative candidates]. Each triplet's negative is its candidate nearest the anchor (the hardest one).
 */
export function orderLossAndGradient(
  e: Float32Array,
  u: number,
  dims: number,
  ratio: number,
): { value: number; active: number; grad: Float32Array } {
  const rows = e.length / dims;
  const candidates = rows / u - 2;
  const grad = new Float64Array(rows * dims);
  const ap = new Float64Array(dims);
  const an = new Float64Array(dims);
  const logRatio = Math.log(ratio);
  let sum = 0;
  let active = 0;
  for (let q = 0; q < u; q++) {
    const [a, p] = [q, u + q];
    let n = 2 * u + q;
    let sAn = squaredGap(e, dims, a, n, an);
    for (let j = 1; j < candidates; j++) {
      const s = squaredGap(e, dims, a, (2 + j) * u + q, ap);
      if (s < sAn) [n, sAn] = [(2 + j) * u + q, s];
    }
    if (candidates > 1) sAn = squaredGap(e, dims, a, n, an);
    const sAp = squaredGap(e, dims, a, p, ap);
    const v = 0.5 * (Math.log(sAp) - Math.log(sAn)) + logRatio;
    if (!(v > 0)) continue;
    sum += v;
    active++;
    for (let c = 0; c < dims; c++) {
      const gp = ap[c] / sAp;
      const gn = an[c] / sAn;
      grad[a * dims + c] += (gp - gn) / u;
      grad[p * dims + c] -= gp / u;
      grad[n * dims + c] += gn / u;
    }
  }
  return { value: sum / u, active, grad: Float32Array.from(grad) };
}

/**
 * The order loss of `embedded` (U anchors, U positives, then blocks of U negative candidates) as a scalar
 * connected to it.
 */
export function hostOrderLoss(
  embedded: tf.Tensor2D,
  u: number,
  ratio: number,
): { loss: tf.Scalar; active: number } {
  let active = 0;
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const e = args[0] as tf.Tensor2D;
    const [rows, dims] = e.shape;
    const values = e.dataSync() as Float32Array;
    const result = orderLossAndGradient(values, u, dims, ratio);
    active = result.active;
    return {
      // a non-finite embedding must show in the loss (the trainer's NaN guard)
      value: tf.scalar(allFinite(values) ? result.value : Number.NaN),
      gradFunc: (dy: tf.Tensor) => [tf.mul(dy, tf.tensor2d(result.grad, [rows, dims]))],
    };
  });
  const loss = op(embedded) as tf.Scalar;
  return { loss, active };
}
