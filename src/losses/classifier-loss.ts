/**
 * A softmax classifier on the map's coordinates as an auxiliary term (ivis's supervised mode): logits =
 * e·W + b, L = mean over the labelled rows of −log softmax(logits)_y. W ([dims, classes]) and b ([classes]) are
 * learnt with the encoder and discarded after training. The term asks that classes occupy regions of the map a
 * linear rule can tell apart: beside the neighbour-keeping terms, which pull cells of two classes together when
 * their input neighbourhoods mix, it keeps the classes apart (bench/README.md, "a classifier on the map").
 * Labels are picked with a one-hot product (oneHotRows) rather than tf.gather, whose gradient wasm lacks.
 */
import * as tf from '@tensorflow/tfjs';

/** The classifier's learnt weights: W [dims, classes] and b [classes]. */
export interface ClassifierHead {
  weights: tf.Variable;
  bias: tf.Variable;
}

/** A zero-initialised head (the logistic-regression start: every class equally likely). */
export function createClassifierHead(dims: number, classes: number): ClassifierHead {
  return tf.tidy(() => ({
    weights: tf.variable(tf.zeros([dims, classes]), true),
    bias: tf.variable(tf.zeros([classes]), true),
  }));
}

/**
 * Mean over the labelled rows of the softmax cross-entropy of `embeddings` ([n, dims]) under the head. `oneHot`
 * is [n, classes] (all-zero rows for unlabelled cells add nothing). Returns 0, still connected to the inputs,
 * when no row is labelled.
 */
export function classifierLoss(
  embeddings: tf.Tensor2D,
  oneHot: tf.Tensor2D,
  head: ClassifierHead,
): tf.Scalar {
  return tf.tidy(() => {
    const logits = tf.add(tf.matMul(embeddings, head.weights as tf.Tensor2D), head.bias);
    const logProbabilities = tf.sub(logits, tf.logSumExp(logits, 1, true));
    const picked = tf.sum(tf.mul(oneHot, logProbabilities), 1);
    const labelled = tf.sum(oneHot);
    return tf.div(tf.neg(tf.sum(picked)), tf.maximum(labelled, 1)) as tf.Scalar;
  });
}
