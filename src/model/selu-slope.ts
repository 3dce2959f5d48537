/**
 * SELU and its slope from wasm's fast kernels. On wasm, tfjs's Selu, Exp and Greater kernels run a scalar
 * loop with libm's exp (768 × 128 values: Selu 1.16, Exp 0.86, Greater 0.57 ms CPU), while Elu, Relu,
 * Step and the arithmetic ops run XNNPack's vectorised kernels (0.02–0.12 ms): SELU and its gradient were
 * over a third of the wasm training step (bench/README.md, "Training step").
 *
 * With e = elu(z) (z, or eᶻ − 1 below 0) and r = relu(z), e − r is exactly 0 above 0 and eᶻ − 1 below, so
 *   selu(z) = λ·r + λα·(e − r)
 *   selu'(z) = λα·(e − r + 1) + (λ − λα)·step(z)   (λ above 0; λα·eᶻ below)
 * The slope is computed in the forward pass from the same e and kept for the backward pass, which is then
 * one multiply. XNNPack's exp differs from libm's in the last bits, so wasm's numbers change slightly (the
 * quality check is in bench/README.md); the other backends keep tfjs's own kernels and their bits.
 */
import * as tf from '@tensorflow/tfjs';

const SELU_SCALE = 1.0507009873554805;
const SELU_SCALE_ALPHA = 1.7580993408473766;
/** λ − λα in float32, exact (Sterbenz: λα/2 ≤ λ ≤ 2λα), so λα + (λ − λα) is λ to the bit. */
const SCALE_MINUS_SCALE_ALPHA = Math.fround(SELU_SCALE) - Math.fround(SELU_SCALE_ALPHA);

/** Whether SELU goes through the fast kernels here (wasm only; see the module comment). */
export function seluFromElu(): boolean {
  return tf.getBackend() === 'wasm';
}

/**
 * scale·selu(z) and scale·dselu/dz at z, from elu, relu and step. `scale` (default 1) is AlphaDropout's
 * multiplier folded into the constants: the kept elements' a·selu(z) and a·selu'(z) for the price of
 * selu's own kernels (with scale 1 the same bits as before).
 */
export function seluWithSlope(z: tf.Tensor2D, scale = 1): { value: tf.Tensor2D; slope: tf.Tensor2D } {
  return tf.tidy(() => {
    const f = Math.fround;
    const [l, la, lMinusLa] =
      scale === 1
        ? [SELU_SCALE, SELU_SCALE_ALPHA, SCALE_MINUS_SCALE_ALPHA]
        : [f(f(SELU_SCALE) * scale), f(f(SELU_SCALE_ALPHA) * scale), f(SCALE_MINUS_SCALE_ALPHA * scale)];
    const r = tf.relu(z);
    const below = tf.sub(tf.elu(z), r);
    const value: tf.Tensor2D = tf.add(tf.mul(r, l), tf.mul(below, la));
    // λα·(e − r + 1) + step(z)·(λ − λα): five kernels, the same bits as λ·step + λα·(e − r + 1 − step)
    // (below 0 the second term is 0; above, e − r = 0 and λα + (λ − λα) is exactly λ in float32; scaled,
    // the two constants are each rounded, so a·λ to float32 rounding)
    const slope: tf.Tensor2D = tf.add(tf.mul(tf.add(below, 1), la), tf.mul(tf.step(z), lMinusLa));
    return { value, slope };
  });
}
