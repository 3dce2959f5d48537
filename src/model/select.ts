/**
 * tf.where for operands of one shape, without its broadcasting: tf.where passes each of its three inputs
 * through broadcastTo, which copies a tensor of the same shape (an Identity kernel, a full copy on wasm:
 * ~1 ms each at 3 072 × 128). The Select kernel itself, with its registered gradient, is the same.
 */
import * as tf from '@tensorflow/tfjs';

/** `a` where `condition` is true, else `b`; all three of one shape (checked). */
export function select<T extends tf.Tensor>(condition: tf.Tensor, a: T, b: T): T {
  if (!tf.util.arraysEqual(condition.shape, a.shape) || !tf.util.arraysEqual(a.shape, b.shape)) {
    return tf.where(condition, a, b);
  }
  return tf.engine().runKernel('Select', { condition, t: a, e: b }) as T;
}
