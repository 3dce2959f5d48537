/**
 * A dense layer y = xW + b with two gradient paths.
 *
 * On the wasm backend, matMul with transpose flags runs ~20× slower than a plain matMul, and the stock
 * gradient of matMul uses those flags (~760 ms of a 1.1 s step at 2 000 inputs). The custom path writes the
 * gradient with tf.customGrad using an explicit tf.transpose followed by a plain matMul: dX = dY·Wᵀ,
 * dW = Xᵀ·dY, db = Σ dY. On the pure-JS cpu backend the explicit transpose is a net loss, so the stock path
 * (ordinary autodiff) is kept there. Both compute the same gradient (checked in test/model/dense-gradient).
 */
import * as tf from '@tensorflow/tfjs';

export type DenseGradientMode = 'custom' | 'stock';

/**
 * The mode to use on a backend: 'custom' on wasm and tensorflow, where the encoder then runs each layer as
 * one op with a hand-written gradient (fused-layer.ts) and the aligned triplet loss on the host — a third
 * of the kernels a step (bench/README.md, "Training step"); 'stock' on the pure-JS cpu backend (unmeasured
 * with the fused layers; the last fallback).
 */
export function defaultDenseGradient(backend: string): DenseGradientMode {
  return backend === 'wasm' || backend === 'tensorflow' ? 'custom' : 'stock';
}

/**
 * xW + b. `inputNeedsGradient` false (the first layer, whose input is data) lets the custom path skip the
 * dX matMul, which the engine would discard anyway.
 */
export function dense(
  x: tf.Tensor2D,
  w: tf.Tensor2D,
  b: tf.Tensor1D,
  mode: DenseGradientMode,
  inputNeedsGradient = true,
): tf.Tensor2D {
  if (mode === 'stock') return tf.add(tf.matMul(x, w), b) as tf.Tensor2D;
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xi, wi, bi] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D];
    const save = args[3] as tf.GradSaveFunc;
    save([xi, wi]);
    return {
      value: tf.add(tf.matMul(xi, wi), bi) as tf.Tensor2D,
      gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) => {
        const [xs, ws] = saved as [tf.Tensor2D, tf.Tensor2D];
        const dx = inputNeedsGradient ? tf.matMul(dy, tf.transpose(ws)) : tf.zerosLike(xs);
        return [dx, tf.matMul(tf.transpose(xs), dy), tf.sum(dy, 0)];
      },
    };
  });
  return op(x, w, b) as tf.Tensor2D;
}
