/**
 * Two TensorFlow ops that tfjs does not expose, registered as kernels of the native ('tensorflow') backend so
 * the engine tracks, tidies and profiles them like its own (bench/README.md, "The step near the hardware,
 * sixth pass"; times at 3 072 × 128):
 * - SeluGrad(dy, y): SELU's gradient from its output y in one kernel (TensorFlow's own, what Keras trains
 *   with: dy·λ where y ≥ 0, dy·(y + λα) below), where tfjs's takes six (Mul, Mul, Exp, Greater, Mul, Select)
 *   from the pre-activation: 0.27 against ~1.6 ms. The values differ in the last bits (y + λα rounds where
 *   λα·eᶻ does not).
 * - BiasAddGrad(g): a dense layer's bias gradient, the column sums, 0.08 against Sum's 0.18 ms (another
 *   summation order: float32 rounding).
 * (TensorFlow's SelectV2 with a scalar branch was tried for the dropout: slower than tfjs's Fill and Select
 * together, 0.54 against 0.44 ms.)
 */
import * as tf from '@tensorflow/tfjs';
import { CoreError } from '../api/core-error.js';
import { shortenError } from './shorten-error.js';

const SELU_GRAD = 'TripletLensSeluGrad';
const BIAS_GRAD = 'TripletLensBiasAddGrad';
const BACKEND = 'tensorflow';

/** What these kernels use of tfjs-node's backend (its NodeJSKernelBackend). */
interface NativeBackend {
  binding: { TF_ATTR_TYPE: number; TF_ATTR_STRING: number; TF_FLOAT: number };
  executeSingleOutput(
    name: string,
    attrs: { name: string; type: number; value: unknown }[],
    inputs: tf.TensorInfo[],
  ): tf.TensorInfo;
}

/** Runs TensorFlow's float32 op `name`; `dataFormat` for the ops that take one (rows × channels: NHWC). */
function floatOp(
  backend: unknown,
  name: string,
  inputs: tf.TensorInfo[],
  dataFormat?: 'NHWC',
): tf.TensorInfo {
  const native = backend as NativeBackend;
  const attrs = [{ name: 'T', type: native.binding.TF_ATTR_TYPE, value: native.binding.TF_FLOAT as unknown }];
  if (dataFormat) attrs.push({ name: 'data_format', type: native.binding.TF_ATTR_STRING, value: dataFormat });
  return native.executeSingleOutput(name, attrs, inputs);
}

/** The kernel's inputs in the op's order (runKernel below always passes them all). */
function named(inputs: tf.NamedTensorInfoMap, names: string[]): tf.TensorInfo[] {
  return names.map((name) => {
    const input = inputs[name];
    if (!input) throw new CoreError('internal', `native kernel input '${name}' is missing`);
    return input;
  });
}

/** TensorFlow's op names behind the kernels (a test swaps one for a missing op). */
export interface NativeOps {
  seluGrad: string;
  biasAddGrad: string;
}

const TENSORFLOW_OPS: NativeOps = { seluGrad: 'SeluGrad', biasAddGrad: 'BiasAddGrad' };

/**
 * Registers the kernels (call after the native backend is active) and proves them on a few values. When the
 * TensorFlow build lacks an op or computes it wrongly, the kernels are removed again, so the layers keep tfjs's
 * own kernels, and the reason is returned for the backend's notes.
 */
export function registerNativeKernels(ops: NativeOps = TENSORFLOW_OPS): string | undefined {
  unregisterNativeKernels();
  const kernels: [string, tf.KernelFunc][] = [
    [SELU_GRAD, ({ inputs, backend }) => floatOp(backend, ops.seluGrad, named(inputs, ['dy', 'y']))],
    [BIAS_GRAD, ({ inputs, backend }) => floatOp(backend, ops.biasAddGrad, named(inputs, ['g']), 'NHWC')],
  ];
  for (const [kernelName, kernelFunc] of kernels)
    tf.registerKernel({ kernelName, backendName: BACKEND, kernelFunc });
  try {
    if (kernelsCompute()) return undefined;
    unregisterNativeKernels();
    return "TensorFlow's SeluGrad or BiasAddGrad computed a wrong value; the training step uses tfjs's kernels";
  } catch (err) {
    unregisterNativeKernels();
    // TensorFlow's status comes first and its message on the next line: one line of both
    const reason = shortenError((err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' '));
    return `TensorFlow's SeluGrad or BiasAddGrad did not run (${reason}); the training step uses tfjs's kernels`;
  }
}

/** Removes the kernels (the layers then use tfjs's own). */
export function unregisterNativeKernels(): void {
  for (const name of [SELU_GRAD, BIAS_GRAD])
    if (tf.getKernel(name, BACKEND)) tf.unregisterKernel(name, BACKEND);
}

/** Both kernels on values worked out by hand: selu'(−1) = λα·e⁻¹, selu'(2) = λ; column sums [4, 6]. */
function kernelsCompute(): boolean {
  const [grad, bias] = tf.tidy(() => [
    seluGradFromOutput(tf.ones([1, 2]), tf.selu(tf.tensor2d([-1, 2], [1, 2])) as tf.Tensor2D).dataSync(),
    biasGradient(tf.tensor2d([1, 2, 3, 4], [2, 2])).dataSync(),
  ]);
  const near = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.abs(b);
  return (
    near(grad[0], 1.7580993408473766 * Math.exp(-1)) &&
    near(grad[1], 1.0507009873554805) &&
    bias[0] === 4 &&
    bias[1] === 6
  );
}

/** Whether the active backend runs these kernels (the native backend, once registered). */
export function nativeKernels(): boolean {
  return (
    tf.getBackend() === BACKEND &&
    tf.getKernel(SELU_GRAD, BACKEND) !== undefined &&
    tf.getKernel(BIAS_GRAD, BACKEND) !== undefined
  );
}

/** dL/dz of y = selu(z) from dy = dL/dy and the output y (only where nativeKernels()). */
export function seluGradFromOutput(dy: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor2D {
  return tf.engine().runKernel(SELU_GRAD, { dy, y }) as tf.Tensor2D;
}

/** Σ over rows of g ([rows, units] → [units]): a dense layer's bias gradient (only where nativeKernels()). */
export function biasGradient(g: tf.Tensor2D): tf.Tensor1D {
  return tf.engine().runKernel(BIAS_GRAD, { g }) as tf.Tensor1D;
}
