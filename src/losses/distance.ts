/**
 * Distances between embeddings, as differentiable tensor ops. Two shapes are needed: matched rows (row i of
 * `a` against row i of `b`, used by the per-triplet losses) and the full pairwise matrix of one batch (used by
 * the trainer, which mines triplets from it and reads every loss term out of it).
 */
import * as tf from '@tensorflow/tfjs';
import type { DistanceKind } from './distance-kinds.js';

// the names live in a tfjs-free module so the CLI can check them without loading TensorFlow
export { DISTANCE_KINDS, type DistanceKind } from './distance-kinds.js';

/** Floor under squared norms and squared distances before a sqrt or a division (keeps gradients finite). */
export const DISTANCE_EPS = 1e-12;

/**
 * sqrt(max(v, eps)), written as sqrt(relu(v − eps) + eps): the same value and gradient, but relu is a fast
 * kernel everywhere while tf.maximum is ~50× slower than relu on the wasm backend (measured, 768² elements).
 */
export function safeSqrt(v: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.sqrt(tf.add(tf.relu(tf.sub(v, DISTANCE_EPS)), DISTANCE_EPS)));
}

/** True for the distances that only see the direction of an embedding (outputs are L2-normalised). */
export function isDirectional(kind: DistanceKind): boolean {
  return kind === 'cosine' || kind === 'angular';
}

/** Scales each row to unit length (rows of zeros stay finite thanks to the eps floor). */
export function l2NormalizeRows(x: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const norm = safeSqrt(tf.sum(tf.square(x), 1, true));
    return tf.div(x, norm) as tf.Tensor2D;
  });
}

/** Distance between row i of `a` and row i of `b`, for every i. Shapes: [n, d] × [n, d] → [n]. */
export function rowDistance(a: tf.Tensor2D, b: tf.Tensor2D, kind: DistanceKind): tf.Tensor1D {
  return tf.tidy(() => {
    if (kind === 'cosine') {
      return tf.sub(1, tf.sum(tf.mul(l2NormalizeRows(a), l2NormalizeRows(b)), 1)) as tf.Tensor1D;
    }
    const [x, y] = kind === 'angular' ? [l2NormalizeRows(a), l2NormalizeRows(b)] : [a, b];
    const squared = tf.sum(tf.square(tf.sub(x, y)), 1) as tf.Tensor1D;
    return kind === 'squared' ? squared : (safeSqrt(squared) as tf.Tensor1D);
  });
}

/**
 * All pairwise distances between the rows of `e`: [n, d] → [n, n]. The Gram matrix is formed with an explicit
 * transpose and a plain matMul (matMul's transpose flags are ~20× slower on the wasm backend).
 */
export function pairwiseDistances(e: tf.Tensor2D, kind: DistanceKind): tf.Tensor2D {
  return tf.tidy(() => {
    const x = isDirectional(kind) ? l2NormalizeRows(e) : e;
    const gram = tf.matMul(x, tf.transpose(x));
    if (kind === 'cosine') return tf.sub(1, gram) as tf.Tensor2D;
    const norms = tf.sum(tf.square(x), 1);
    // ‖xi‖² + ‖xj‖² − 2 xi·xj can come out slightly negative in float32; relu clamps that rounding error.
    const squared = tf.relu(
      tf.sub(tf.add(tf.reshape(norms, [-1, 1]), tf.reshape(norms, [1, -1])), tf.mul(2, gram)),
    ) as tf.Tensor2D;
    return kind === 'squared' ? squared : (safeSqrt(squared) as tf.Tensor2D);
  });
}
