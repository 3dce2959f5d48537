/**
 * Contrastive loss on pairs (Hadsell, Chopra & LeCun 2006): a pair of the same class is pulled together,
 * L = d², a pair of different classes is pushed to at least `margin` apart, L = max(margin − d, 0)².
 */
import * as tf from '@tensorflow/tfjs';
import { rowDistance, type DistanceKind } from './distance.js';

export interface ContrastiveLossOptions {
  /** Distance between embeddings. Default 'euclidean'. */
  distance?: DistanceKind;
  /** How far apart different-class pairs must be before they stop contributing. Default 1. */
  margin?: number;
}

/**
 * Per-pair losses, shape [n]. `same[i]` is 1 when pair i shares a class and 0 otherwise.
 */
export function contrastiveLoss(
  x1: tf.Tensor2D,
  x2: tf.Tensor2D,
  same: tf.Tensor1D,
  options: ContrastiveLossOptions = {},
): tf.Tensor1D {
  const margin = options.margin ?? 1;
  return tf.tidy(() => {
    const d = rowDistance(x1, x2, options.distance ?? 'euclidean');
    const pull = tf.mul(same, tf.square(d));
    const push = tf.mul(tf.sub(1, same), tf.square(tf.relu(tf.sub(margin, d))));
    return tf.add(pull, push) as tf.Tensor1D;
  });
}
