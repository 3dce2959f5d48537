/**
 * AlphaDropout (Klambauer et al. 2017), the dropout that keeps SELU activations self-normalising: dropped
 * units are set to SELU's negative saturation value α' = −λα, then an affine map restores mean and
 * variance. The mask is drawn in JS from the seeded generator, so training is reproducible.
 *
 * The mask and the affine map fold into one multiplier a and one offset b (kept: a·x + b; dropped: the
 * constant a·α' + b). Only the keep mask crosses to the backend, one byte an element, drawn straight from
 * the generator's integers: building two float arrays in JS and uploading them cost more than the layer's
 * matMul at 2 000 inputs (bench/README.md, "The step near the hardware"). The device expands it.
 */
import * as tf from '@tensorflow/tfjs';
import { fillAtLeast, type Random } from '../util/random.js';
import { select } from './select.js';

const SELU_ALPHA_PRIME = -1.7580993408473766;

/** One AlphaDropout draw: which elements are kept, and the float32 constants of the affine map. */
export interface AlphaDropoutMasks {
  /** bool [rows, cols]: true where the element is kept. */
  keep: tf.Tensor2D;
  /** The multiplier a of kept elements (dropped ones are multiplied by 0). */
  scale: number;
  /** The offset b of kept elements. */
  shift: number;
  /** The value of a dropped element: a·α' + b in float32. */
  dropped: number;
}

/**
 * Draws one AlphaDropout mask for a [rows, cols] activation (one draw of `random` per element, kept when
 * ≥ rate). The caller disposes `keep` (or makes it inside a tidy). The constants are the float32 values of
 * the products the unfolded form computes, so the result is bit-identical to it and seeded runs keep their
 * numbers.
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
  const keep = new Uint8Array(rows * cols);
  fillAtLeast(random, rate, keep);
  return {
    keep: tf.tensor2d(keep, [rows, cols], 'bool'),
    scale: a,
    shift: b,
    dropped: f(f(f(SELU_ALPHA_PRIME) * a) + b),
  };
}

/** The per-element multiplier: a where kept, 0 where dropped (exact: 1·a and 0·a). */
export function dropoutScale(masks: AlphaDropoutMasks): tf.Tensor2D {
  return tf.mul(tf.cast(masks.keep, 'float32'), masks.scale);
}

/**
 * dL/dx of the dropout from dL/dy: dy·a where kept, 0 where dropped. With `useSelect` (the native backend) a
 * Select against zeros: TensorFlow's bool → float Cast costs more than a Fill and a Select together
 * (3 072 × 128: 0.47 against 0.12 + 0.32 ms). Else dy times the multiplier rebuilt from the mask. The same
 * values but for the sign of a dropped element's zero.
 */
export function dropoutGradient(dy: tf.Tensor2D, masks: AlphaDropoutMasks, useSelect: boolean): tf.Tensor2D {
  if (useSelect) return select(masks.keep, tf.mul(dy, masks.scale), tf.zerosLike(dy));
  return tf.mul(dy, dropoutScale(masks));
}

/**
 * x·a + b where kept, the dropped value elsewhere: the same float32 values as x·scale + shift with the
 * per-element arrays (x·0 + dropped = dropped for every finite x).
 */
export function applyDropout(x: tf.Tensor2D, masks: AlphaDropoutMasks): tf.Tensor2D {
  const kept: tf.Tensor2D = tf.add(tf.mul(x, masks.scale), masks.shift);
  return select(masks.keep, kept, tf.fill<tf.Rank.R2>(x.shape, masks.dropped));
}

/**
 * The dropout's output from an input already multiplied by a (`scaledX` = a·x, e.g. selu-slope.ts's scaled
 * SELU): a·x + b where kept, the dropped value elsewhere.
 */
export function applyScaledDropout(scaledX: tf.Tensor2D, masks: AlphaDropoutMasks): tf.Tensor2D {
  const kept: tf.Tensor2D = tf.add(scaledX, masks.shift);
  return select(masks.keep, kept, tf.fill<tf.Rank.R2>(scaledX.shape, masks.dropped));
}

/** Applies AlphaDropout with `rate` to x (training only; at inference it is the identity). */
export function alphaDropout(x: tf.Tensor2D, rate: number, random: Random): tf.Tensor2D {
  if (rate <= 0) return x;
  return tf.tidy(() => applyDropout(x, alphaDropoutMasks(x.shape[0], x.shape[1], rate, random)));
}
