/**
 * AlphaDropout (Klambauer et al. 2017), the dropout that keeps SELU activations self-normalising: dropped
 * units are set to SELU's negative saturation value α' = −λα, then an affine map restores mean and
 * variance. The mask is drawn in JS from the seeded generator, so training is reproducible.
 *
 * The mask and the affine map fold into one multiplier and one offset per element (kept: a·x + b; dropped:
 * a·α' + b), so the layer costs two elementwise ops and its gradient one, instead of six and several.
 */
import * as tf from '@tensorflow/tfjs';
import { fillRandom, type Random } from '../util/random.js';

const SELU_ALPHA_PRIME = -1.7580993408473766;

/** The per-element multiplier and offset of one AlphaDropout draw: out = x·scale + shift. */
export interface AlphaDropoutMasks {
  scale: tf.Tensor2D;
  shift: tf.Tensor2D;
}

/**
 * Draws one AlphaDropout mask for a [rows, cols] activation (one draw of `random` per element, kept when
 * ≥ rate) as its multiplier and offset tensors. The caller disposes them (or makes them inside a tidy).
 * Both are float32 values of the same products the unfolded form computes (kept: x·a + b, dropped:
 * α'·a + b), so the result is bit-identical to it and seeded runs keep their numbers.
 */
export function alphaDropoutMasks(
  rows: number,
  cols: number,
  rate: number,
  random: Random,
): AlphaDropoutMasks {
  const f = Math.fround;
  const a64 = 1 / Math.sqrt((1 - rate) * (1 + rate * SELU_ALPHA_PRIME * SELU_ALPHA_PRIME));
  const [a, b] = [f(a64), f(-a64 * SELU_ALPHA_PRIME * rate)];
  const dropped = f(f(f(SELU_ALPHA_PRIME) * a) + b);
  const draws = new Float64Array(rows * cols);
  fillRandom(random, draws);
  const scale = new Float32Array(rows * cols);
  const shift = new Float32Array(rows * cols);
  for (let i = 0; i < scale.length; i++) {
    const keep = draws[i] >= rate;
    scale[i] = keep ? a : 0;
    shift[i] = keep ? b : dropped;
  }
  return { scale: tf.tensor2d(scale, [rows, cols]), shift: tf.tensor2d(shift, [rows, cols]) };
}

/** Applies AlphaDropout with `rate` to x (training only; at inference it is the identity). */
export function alphaDropout(x: tf.Tensor2D, rate: number, random: Random): tf.Tensor2D {
  if (rate <= 0) return x;
  return tf.tidy(() => {
    const { scale, shift } = alphaDropoutMasks(x.shape[0], x.shape[1], rate, random);
    return tf.add(tf.mul(x, scale), shift) as tf.Tensor2D;
  });
}
