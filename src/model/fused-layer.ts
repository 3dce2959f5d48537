/**
 * One encoder layer — dense, activation, AlphaDropout — as a single op with a hand-written gradient.
 *
 * Autodiff of the same layer records a tape node (and a saved copy of its inputs) for every small op and
 * backpropagates through each: the SELU gradient alone is seven kernels, the dropout's affine map several,
 * the bias broadcast a reshape and a sum. Here the forward pass saves three tensors (x, W, the
 * pre-activation z) and the backward pass is: g = dy·scale (dropout), g = g·act'(z), dW = xᵀg, db = Σg, dX = gWᵀ —
 * about half the kernels. On cpu, act' is computed from the saved pre-activation z exactly as tfjs's own
 * gradients do it, and the dropout's multiplier is the unfolded form's product, so every value is
 * bit-identical to autodiff's. On wasm SELU and its slope come from XNNPack's kernels (selu-slope.ts); on the
 * native backend SELU's gradient is TensorFlow's SeluGrad from the saved output (backend/native-kernels.ts)
 * and the dropout's gradient a Select: six elementwise passes a layer fewer, the same values to float32
 * rounding. The layer's input gradient is skipped when the input is data (first layer).
 *
 * Transposes: on wasm, matMul with transpose flags is ~20× slower than a plain matMul, so the gradient uses
 * an explicit tf.transpose there; on the native and cpu backends the flags are cheaper than a copy.
 */
import * as tf from '@tensorflow/tfjs';
import { biasGradient, nativeKernels, seluGradFromOutput } from '../backend/native-kernels.js';
import {
  applyDropout,
  applyScaledDropout,
  dropoutGradient,
  type AlphaDropoutMasks,
} from './alpha-dropout.js';
import type { LayerSpec } from './encoder-architecture.js';
import { select } from './select.js';
import { seluFromElu, seluWithSlope } from './selu-slope.js';

const SELU_SCALE = 1.0507009873554805;
const SELU_SCALE_ALPHA = 1.7580993408473766;

function activate(z: tf.Tensor2D, activation: LayerSpec['activation']): tf.Tensor2D {
  if (activation === 'selu') return tf.selu(z);
  if (activation === 'relu') return tf.relu(z);
  return z;
}

/**
 * dL/dz from dL/ds for s = act(z): the same kernels in the same order as tfjs's own Selu and Relu gradients,
 * so the fused path's numbers are bit-identical to autodiff's and seeded runs keep their results.
 */
function activationGradient(
  g: tf.Tensor2D,
  z: tf.Tensor2D,
  activation: LayerSpec['activation'],
): tf.Tensor2D {
  if (activation === 'selu') {
    const below: tf.Tensor2D = tf.mul(tf.mul(g, SELU_SCALE_ALPHA), tf.exp(z));
    return select(tf.greater(z, 0), tf.mul(g, SELU_SCALE) as tf.Tensor2D, below);
  }
  if (activation === 'relu') return tf.mul(g, tf.step(z));
  return g;
}

/** a·bᵀ or aᵀ·b, with flags or an explicit transpose depending on the backend (see the module comment). */
export function matMulT(
  a: tf.Tensor2D,
  b: tf.Tensor2D,
  transposeA: boolean,
  transposeB: boolean,
): tf.Tensor2D {
  if (tf.getBackend() !== 'wasm') return tf.matMul(a, b, transposeA, transposeB);
  return tf.matMul(transposeA ? tf.transpose(a) : a, transposeB ? tf.transpose(b) : b);
}

/**
 * dW = xᵀg and db = Σ_rows g. On wasm db is a sum along an explicit gᵀ's rows, where wasm's axis-0 sum would
 * transpose g again inside, and dW = (gᵀx)ᵀ reuses that gᵀ (transposing a small [out, in] result) — except
 * where x is wider than g, see below. On the native backend TensorFlow's BiasAddGrad (native-kernels.ts); on
 * cpu the flags, whose kernels match autodiff's bits.
 */
export function weightGradients(x: tf.Tensor2D, g: tf.Tensor2D): tf.Tensor[] {
  if (nativeKernels()) return [tf.matMul(x, g, true, false), biasGradient(g)];
  if (tf.getBackend() !== 'wasm') return [tf.matMul(x, g, true, false), tf.sum(g, 0)];
  const gT = tf.transpose(g);
  // a layer wider in than out (the first, whose input is the data): XNNPack packs matMul's second operand
  // each call, and x's columns outnumber g's, so xᵀ explicitly and g packed is cheaper than packing x
  // (500 → 128 at 768 rows: 4.1 against 4.8 ms)
  if (x.shape[1] > g.shape[1]) return [tf.matMul(tf.transpose(x), g), tf.sum(gT, 1)];
  return [tf.transpose(tf.matMul(gT, x)), tf.sum(gT, 1)];
}

/**
 * act(xW + b), then x·scale + shift when `dropout` is given. `inputNeedsGradient` false (the first layer,
 * whose input is data) leaves x out of the differentiated inputs, so no dX is computed. `w`, and `x` when
 * it is data, must stay alive until the backward pass has run (the encoder's variables and the step's
 * rows do): the backward pass reads them rather than copies of them.
 */
export function fusedLayer(
  x: tf.Tensor2D,
  w: tf.Tensor2D,
  b: tf.Tensor1D,
  activation: LayerSpec['activation'],
  dropout: AlphaDropoutMasks | undefined,
  inputNeedsGradient: boolean,
): tf.Tensor2D {
  // on wasm, SELU from its fast kernels with the slope kept for the backward pass (selu-slope.ts); else z
  // is kept and the slope recomputed as autodiff does
  const keepSlope = activation === 'selu' && seluFromElu();
  // on the native backend, TensorFlow's SeluGrad (native-kernels.ts) and the dropout's gradient by a Select
  const native = nativeKernels();
  const nativeSelu = native && activation === 'selu';
  const forward = (xi: tf.Tensor2D, wi: tf.Tensor2D, bi: tf.Tensor1D, save: tf.GradSaveFunc): tf.Tensor2D => {
    const z = tf.add(tf.matMul(xi, wi), bi) as tf.Tensor2D;
    // the tape clones what is saved (an Identity kernel and a copy each): W (a variable, unchanged until
    // the optimizer's update after the backward pass) and a data input (the caller's tensor, alive as
    // long) are read from the closure instead; an inner layer's input is a tensor of the forward pass
    const inputs = inputNeedsGradient ? [xi] : [];
    if (keepSlope && dropout) {
      // the dropout's multiplier folded into SELU's constants, and the slope of what the dropout keeps
      // (0 where it drops) saved as one tensor: the backward pass is then one multiply
      const { value, slope } = seluWithSlope(z, dropout.scale);
      save([...inputs, tf.mul(slope, tf.cast(dropout.keep, 'float32'))]);
      return applyScaledDropout(value, dropout);
    }
    const { value: s, slope } = keepSlope ? seluWithSlope(z) : { value: activate(z, activation), slope: z };
    // with TensorFlow's SeluGrad the backward pass needs SELU's output, not z
    save([...inputs, nativeSelu ? s : slope, ...(dropout ? [dropout.keep] : [])]);
    return dropout ? applyDropout(s, dropout) : s;
  };
  // g = dL/dz of the layer's pre-activation, then dW, db and (when wanted) dX
  const backward = (dy: tf.Tensor2D, saved: tf.Tensor[]): tf.Tensor[] => {
    // z, SELU's output (native) or its slope (wasm)
    const [xs, zOrSlope, keep] = (inputNeedsGradient ? saved : [x, ...saved]) as tf.Tensor2D[];
    const ws = w;
    // dy·scale, the per-element multiplier rebuilt from the saved mask (dy·0 where dropped, as before);
    // with the folded wasm SELU the saved slope already holds it
    const scaled = dropout && keep ? dropoutGradient(dy, { ...dropout, keep }, native) : dy;
    let g: tf.Tensor2D;
    if (keepSlope) g = tf.mul(scaled, zOrSlope);
    else if (nativeSelu) g = seluGradFromOutput(scaled, zOrSlope);
    else g = activationGradient(scaled, zOrSlope, activation);
    const dwdb = weightGradients(xs, g);
    return inputNeedsGradient ? [matMulT(g, ws, false, true), ...dwdb] : dwdb;
  };
  if (inputNeedsGradient) {
    const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const [xi, wi, bi] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D];
      const value = forward(xi, wi, bi, args[3] as tf.GradSaveFunc);
      return { value, gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) => backward(dy, saved) };
    });
    return op(x, w, b) as tf.Tensor2D;
  }
  // the data input is a closure, not an input: the tape asks for W and b gradients only
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [wi, bi] = args as [tf.Tensor2D, tf.Tensor1D];
    const value = forward(x, wi, bi, args[2] as tf.GradSaveFunc);
    return { value, gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) => backward(dy, saved) };
  });
  return op(w, b) as tf.Tensor2D;
}
