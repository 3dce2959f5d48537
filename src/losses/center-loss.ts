/**
 * Center loss (Wen et al. 2016) as an auxiliary term: half the squared distance between each labelled
 * embedding and its class centre, averaged over rows, L = ½ mean_i ‖e_i − c_{y_i}‖². The centres are learnt
 * along with the encoder. Centres are picked with a one-hot matMul rather than tf.gather, whose gradient is
 * missing on the wasm backend.
 */
import * as tf from '@tensorflow/tfjs';

/**
 * Builds the [n, classes] one-hot matrix for `labels` in JS (rows with label −1 are all zero, so they add
 * nothing to the loss).
 */
export function oneHotRows(labels: Int32Array, classes: number): tf.Tensor2D {
  const data = new Float32Array(labels.length * classes);
  labels.forEach((label, row) => {
    if (label >= 0) data[row * classes + label] = 1;
  });
  return tf.tensor2d(data, [labels.length, classes]);
}

/**
 * Mean over the labelled rows of ½‖e_i − c_{y_i}‖². `oneHot` is [n, classes] (see oneHotRows), `centers`
 * [classes, d]. Returns 0 (still connected to the inputs) when no row is labelled.
 */
export function centerLoss(embeddings: tf.Tensor2D, oneHot: tf.Tensor2D, centers: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const assigned = tf.matMul(oneHot, centers);
    const labelled = tf.sum(oneHot, 1);
    const perRow = tf.mul(labelled, tf.mul(0.5, tf.sum(tf.square(tf.sub(embeddings, assigned)), 1)));
    return tf.div(tf.sum(perRow), tf.maximum(tf.sum(labelled), 1)) as tf.Scalar;
  });
}
