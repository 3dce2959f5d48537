/**
 * Quadruplet loss (Chen et al. 2017): the triplet term plus a second term asking that an anchor–positive
 * distance be smaller than the distance between two negatives of two other classes:
 *   L = max(d(A,P) − d(A,N) + m1, 0) + max(d(A,P) − d(N,N2) + m2, 0),
 * where N2's class differs from both A's and N's. m2 is usually smaller than m1.
 */
import * as tf from '@tensorflow/tfjs';
import { rowDistance, type DistanceKind } from './distance.js';

export interface QuadrupletLossOptions {
  /** Distance between embeddings. Default 'euclidean'. */
  distance?: DistanceKind;
  /** Margin of the triplet term. Default 1. */
  margin?: number;
  /** Margin of the negative–negative term. Default margin / 2. */
  secondMargin?: number;
}

/** Per-quadruplet losses, shape [n]; all inputs [n, d]. */
export function quadrupletLoss(
  anchor: tf.Tensor2D,
  positive: tf.Tensor2D,
  negative: tf.Tensor2D,
  negative2: tf.Tensor2D,
  options: QuadrupletLossOptions = {},
): tf.Tensor1D {
  const distance = options.distance ?? 'euclidean';
  const m1 = options.margin ?? 1;
  const m2 = options.secondMargin ?? m1 / 2;
  return tf.tidy(() => {
    const ap = rowDistance(anchor, positive, distance);
    const an = rowDistance(anchor, negative, distance);
    const nn = rowDistance(negative, negative2, distance);
    return tf.add(tf.relu(tf.add(tf.sub(ap, an), m1)), tf.relu(tf.add(tf.sub(ap, nn), m2))) as tf.Tensor1D;
  });
}
