/**
 * AlphaDropout (Klambauer et al. 2017), the dropout that keeps SELU activations self-normalising: dropped
 * units are set to SELU's negative saturation value α' = −λα, then an affine map restores mean and
 * variance. The mask is drawn in JS from the seeded generator, so training is reproducible.
 */
import * as tf from '@tensorflow/tfjs';
import type { Random } from '../util/random.js';

const SELU_ALPHA_PRIME = -1.7580993408473766;

/** Applies AlphaDropout with `rate` to x (training only; at inference it is the identity). */
export function alphaDropout(x: tf.Tensor2D, rate: number, random: Random): tf.Tensor2D {
  if (rate <= 0) return x;
  const [rows, cols] = x.shape;
  const mask = new Float32Array(rows * cols);
  for (let i = 0; i < mask.length; i++) mask[i] = random() < rate ? 0 : 1;
  const a = 1 / Math.sqrt((1 - rate) * (1 + rate * SELU_ALPHA_PRIME * SELU_ALPHA_PRIME));
  const b = -a * SELU_ALPHA_PRIME * rate;
  return tf.tidy(() => {
    const keep = tf.tensor2d(mask, [rows, cols]);
    // kept units keep their value, dropped ones become α': x·keep + α'(1 − keep)
    const kept = tf.add(tf.mul(x, keep), tf.mul(tf.sub(1, keep), SELU_ALPHA_PRIME));
    return tf.add(tf.mul(kept, a), b) as tf.Tensor2D;
  });
}
