/**
 * Triplet loss on matched rows: L = max(d(A, P) − d(A, N) + margin, 0), one value per triplet.
 * The 'pn' variant (as in ivis) replaces d(A, N) with min(d(A, N), d(P, N)), so the negative must be far from
 * both the anchor and the positive.
 */
import * as tf from '@tensorflow/tfjs';
import { rowDistance, type DistanceKind } from './distance.js';

export type TripletVariant = 'triplet' | 'pn';

export interface TripletLossOptions {
  /** Distance between embeddings. Default 'euclidean'. */
  distance?: DistanceKind;
  /** Required gap between d(A, N) and d(A, P). Default 1. */
  margin?: number;
  /** 'triplet' or 'pn'. Default 'triplet'. */
  variant?: TripletVariant;
}

/** Per-triplet losses, shape [n], for anchors, positives and negatives of shape [n, d]. */
export function tripletLoss(
  anchor: tf.Tensor2D,
  positive: tf.Tensor2D,
  negative: tf.Tensor2D,
  options: TripletLossOptions = {},
): tf.Tensor1D {
  const distance = options.distance ?? 'euclidean';
  const margin = options.margin ?? 1;
  return tf.tidy(() => {
    const ap = rowDistance(anchor, positive, distance);
    let an = rowDistance(anchor, negative, distance);
    if ((options.variant ?? 'triplet') === 'pn')
      an = tf.minimum(an, rowDistance(positive, negative, distance));
    return tf.relu(tf.add(tf.sub(ap, an), margin)) as tf.Tensor1D;
  });
}
