/**
 * TensorFlow's SeluGrad, which tfjs does not expose, registered as a kernel of the native ('tensorflow')
 * backend so the engine tracks, tidies and profiles it like its own: SELU's gradient from its output y in one
 * kernel (TensorFlow's own, what Keras trains with: dy·λ where y ≥ 0, dy·(y + λα) below), where tfjs's takes
 * six (Mul, Mul, Exp, Greater, Mul, Select) from the pre-activation — 0.27 against ~1.6 ms at 3 072 × 128
 * (bench/README.md, "The step near the hardware, sixth pass"). The values differ from tfjs's in the last bits
 * (y + λα rounds where λα·eᶻ does not). (TensorFlow's SelectV2 with a scalar branch was tried for the dropout:
 * slower than tfjs's Fill and Select together, 0.54 against 0.44 ms.)
 */
import * as tf from '@tensorflow/tfjs';
import { CoreError } from '../api/core-error.js';

const SELU_GRAD = 'TripletLensSeluGrad';
const BACKEND = 'tensorflow';

/** What these kernels use of tfjs-node's backend (its NodeJSKernelBackend). */
interface NativeBackend {
  binding: { TF_ATTR_TYPE: number; TF_FLOAT: number };
  executeSingleOutput(
    name: string,
    attrs: { name: string; type: number; value: unknown }[],
    inputs: tf.TensorInfo[],
  ): tf.TensorInfo;
}

function floatOp(backend: unknown, name: string, inputs: tf.TensorInfo[]): tf.TensorInfo {
  const native = backend as NativeBackend;
  const type = { name: 'T', type: native.binding.TF_ATTR_TYPE, value: native.binding.TF_FLOAT };
  return native.executeSingleOutput(name, [type], inputs);
}

/** The kernel's inputs in the op's order (runKernel below always passes them all). */
function named(inputs: tf.NamedTensorInfoMap, names: string[]): tf.TensorInfo[] {
  return names.map((name) => {
    const input = inputs[name];
    if (!input) throw new CoreError('internal', `native kernel input '${name}' is missing`);
    return input;
  });
}

/** Registers the kernel once (call after the native backend is active; a second call does nothing). */
export function registerNativeKernels(): void {
  if (tf.getKernel(SELU_GRAD, BACKEND)) return;
  tf.registerKernel({
    kernelName: SELU_GRAD,
    backendName: BACKEND,
    kernelFunc: ({ inputs, backend }) => floatOp(backend, 'SeluGrad', named(inputs, ['dy', 'y'])),
  });
}

/** Whether the active backend runs this kernel (the native backend, once registered). */
export function nativeKernels(): boolean {
  return tf.getBackend() === BACKEND && tf.getKernel(SELU_GRAD, BACKEND) !== undefined;
}

/** dL/dz of y = selu(z) from dy = dL/dy and the output y (only where nativeKernels()). */
export function seluGradFromOutput(dy: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor2D {
  return tf.engine().runKernel(SELU_GRAD, { dy, y }) as tf.Tensor2D;
}
