/**
 * Parametric UMAP's cross-entropy (Sainburg, McInnes & Gentner 2021; umap-learn's parametric_umap.py) between
 * the input-space fuzzy graph and the map: an embedded pair at squared distance s is a neighbour with
 * probability q(s) = 1 / (1 + a·s^b). A sampled graph edge (weight 1 after edge sampling) costs −log q, a
 * negative sample −log(1 − q). Written with u = log a + b·log s as softplus(u) and softplus(−u), which is the
 * same value without the log of a rounded-off probability.
 */
import * as tf from '@tensorflow/tfjs';

/** a and b of umap-learn's find_ab_params for min_dist 0.1, spread 1 (its defaults). */
export const UMAP_A = 1.5769434603113077;
export const UMAP_B = 0.8950608779109733;

/**
 * Floor under the squared map distance (a distance of 0.1, umap-learn's min_dist): below it the term has no
 * gradient, as parametric UMAP's clip of q to [1e-4, 1] does, so a negative sample landing on its head
 * cannot produce a 1/s gradient spike.
 */
export const UMAP_MIN_SQUARED_DISTANCE = 0.01;

export interface UmapCurve {
  /** Default UMAP_A. */
  a?: number;
  /** Default UMAP_B. */
  b?: number;
}

/** u = log a + b·log(max(s, floor)) for squared distances s. */
function logit(squared: tf.Tensor1D, curve: UmapCurve): tf.Tensor1D {
  const floored = tf.add(tf.relu(tf.sub(squared, UMAP_MIN_SQUARED_DISTANCE)), UMAP_MIN_SQUARED_DISTANCE);
  return tf.add(tf.mul(tf.log(floored), curve.b ?? UMAP_B), Math.log(curve.a ?? UMAP_A)) as tf.Tensor1D;
}

/** Squared euclidean distance between row i of `x` and row i of `y`. */
function squaredRows(x: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor1D {
  return tf.sum(tf.square(tf.sub(x, y)), 1) as tf.Tensor1D;
}

/** The rows of `t` rolled up by `shift`: row i of the result is row (i + shift) mod n of `t`. */
function roll(t: tf.Tensor2D, shift: number): tf.Tensor2D {
  const n = t.shape[0];
  const s = ((shift % n) + n) % n;
  if (s === 0) return t;
  return tf.concat([tf.slice(t, [s, 0], [n - s, -1]), tf.slice(t, [0, 0], [s, -1])]);
}

/** `t` as a constant of the gradient: the same values, no gradient flowing back through it. */
function detached(t: tf.Tensor2D): tf.Tensor2D {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => ({
    value: tf.clone(args[0] as tf.Tensor),
    gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy),
  }));
  return op(t) as tf.Tensor2D;
}

/**
 * The mean cross-entropy over E positive pairs (heads[i], tails[i]) and E·shifts.length negative pairs
 * (heads[i], tails[(i + shift) mod E]), as parametric UMAP's mean over its concatenated pairs. With
 * `negatives` (E rows drawn uniformly over all cells) the negative pairs are (heads[i],
 * negatives[(i + shift) mod E]) and move only the head, as umap-learn's layout moves only the head.
 */
export function umapCrossEntropy(
  heads: tf.Tensor2D,
  tails: tf.Tensor2D,
  shifts: ArrayLike<number>,
  curve: UmapCurve = {},
  negatives?: tf.Tensor2D,
): tf.Scalar {
  return tf.tidy(() => {
    const attraction = tf.sum(tf.softplus(logit(squaredRows(heads, tails), curve)));
    const pushed = negatives ? detached(negatives) : tails;
    let repulsion: tf.Tensor = tf.scalar(0);
    for (let r = 0; r < shifts.length; r++) {
      const u = logit(squaredRows(heads, roll(pushed, shifts[r])), curve);
      repulsion = tf.add(repulsion, tf.sum(tf.softplus(tf.neg(u))));
    }
    const pairs = heads.shape[0] * (1 + shifts.length);
    return tf.div(tf.add(attraction, repulsion), pairs) as tf.Scalar;
  });
}
