/**
 * AlphaDropout (Klambauer et al. 2017), the dropout that keeps SELU activations self-normalising: dropped
 * units are set to SELU's negative saturation value α' = −λα, then an affine map restores mean and
 * variance. The mask is drawn in JS from the seeded generator, so training is reproducible.
 *
 * The mask and the affine map fold into one multiplier a and one offset b (kept: a·x + b; dropped: the
 * constant a·α' + b). Only the keep mask crosses to the backend, one byte an element, drawn straight from
 * the generator's integers: building two float arrays in JS and uploading them cost more than the layer's
 * matMul at 2 000 inputs (bench/README.md, "The step near the hardware"). The device expands it.
 *
 * On wasm the other way round: its Select is a scalar loop (0.22 ms CPU on 768 × 128 values) and every
 * kernel costs tens of microseconds of dispatch, so there the multiplier and the offset go up as two float
 * arrays (floatDropoutMasks): the layer is then x·multiplier + offset, two kernels instead of cast,
 * multiply, add, fill and select — with the same bits.
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
  const keep = new Uint8Array(rows * cols);
  fillAtLeast(random, rate, keep);
  return { keep: tf.tensor2d(keep, [rows, cols], 'bool'), ...dropoutConstants(rate) };
}

/** The float32 constants of the affine map at `rate`: multiplier, offset, and a dropped element's value. */
function dropoutConstants(rate: number): Omit<AlphaDropoutMasks, 'keep'> {
  const f = Math.fround;
  const a64 = 1 / Math.sqrt((1 - rate) * (1 + rate * SELU_ALPHA_PRIME * SELU_ALPHA_PRIME));
  const [a, b] = [f(a64), f(-a64 * SELU_ALPHA_PRIME * rate)];
  return { scale: a, shift: b, dropped: f(f(f(SELU_ALPHA_PRIME) * a) + b) };
}

/**
 * One AlphaDropout draw as float32 arrays: `multiplier` is a where kept and 0 where dropped, `offset` b where
 * kept and the dropped value elsewhere. The same draws as alphaDropoutMasks, and the same values:
 * x·a + b where kept, x·0 + dropped = dropped elsewhere (finite x), and dy·multiplier is dy·scale.
 */
export interface FloatDropoutMasks {
  /** float32 [rows, cols]: a where kept, 0 where dropped. */
  multiplier: tf.Tensor2D;
  /** float32 [rows, cols]: b where kept, a·α' + b where dropped. */
  offset: tf.Tensor2D;
}

/** Whether dropout masks go to the backend as float arrays here (wasm only; see the module comment). */
export function dropoutAsFloats(): boolean {
  return tf.getBackend() === 'wasm';
}

/** Draws one mask as alphaDropoutMasks does (same draws), as float arrays. The caller disposes them. */
export function floatDropoutMasks(
  rows: number,
  cols: number,
  rate: number,
  random: Random,
): FloatDropoutMasks {
  const { scale, shift, dropped } = dropoutConstants(rate);
  const keep = new Uint8Array(rows * cols);
  fillAtLeast(random, rate, keep);
  const multiplier = new Float32Array(keep.length);
  const offset = new Float32Array(keep.length).fill(dropped);
  for (let i = 0; i < keep.length; i++) {
    if (keep[i] === 0) continue;
    multiplier[i] = scale;
    offset[i] = shift;
  }
  return {
    multiplier: tf.tensor2d(multiplier, [rows, cols], 'float32'),
    offset: tf.tensor2d(offset, [rows, cols], 'float32'),
  };
}

/** The per-element multiplier: a where kept, 0 where dropped (exact: 1·a and 0·a). */
export function dropoutScale(masks: AlphaDropoutMasks): tf.Tensor2D {
  return tf.mul(tf.cast(masks.keep, 'float32'), masks.scale);
}

/**
 * x·a + b where kept, the dropped value elsewhere: the same float32 values as x·scale + shift with the
 * per-element arrays (x·0 + dropped = dropped for every finite x).
 */
export function applyDropout(x: tf.Tensor2D, masks: AlphaDropoutMasks): tf.Tensor2D {
  const kept: tf.Tensor2D = tf.add(tf.mul(x, masks.scale), masks.shift);
  return select(masks.keep, kept, tf.fill<tf.Rank.R2>(x.shape, masks.dropped));
}

/** Applies AlphaDropout with `rate` to x (training only; at inference it is the identity). */
export function alphaDropout(x: tf.Tensor2D, rate: number, random: Random): tf.Tensor2D {
  if (rate <= 0) return x;
  return tf.tidy(() => applyDropout(x, alphaDropoutMasks(x.shape[0], x.shape[1], rate, random)));
}
