/**
 * Adam over all variables at once, its arithmetic on the host: the gradients are concatenated into one
 * flat vector and read back with the weights, the moments live in two Float32Arrays, and each variable is
 * assigned its new values.
 *
 * tf.train.adam runs its ~13 elementwise kernels once per variable (8 variables for the default encoder:
 * ~110 kernels a step, most on tensors of a few hundred values, where dispatch costs more than the
 * arithmetic); over one flat vector it is still 13 passes over every parameter (~290 000 at 2 000
 * inputs: 4–5 ms of CPU a step on tensorflow). Here it is one pass in JS. Every operation is rounded to
 * float32 (Math.fround) in tf.train.adam's order — +, −, ×, ÷ and √ of float32 values rounded from float64
 * are the correctly rounded float32 results the backends' kernels give — and on tensorflow denormal
 * results are flushed to zero as its kernels do, so the result is bit-identical (test/train/flat-adam).
 */
import * as tf from '@tensorflow/tfjs';

const BETA1 = 0.9;
const BETA2 = 0.999;
const f = Math.fround;
/** The smallest normal float32. */
const MIN_NORMAL = 1.1754943508222875e-38;
/** Rounds to float32 and flushes a denormal to a zero of its sign, as TensorFlow's CPU kernels do. */
const flushed = (x: number): number => {
  const y = f(x);
  return Math.abs(y) < MIN_NORMAL ? y * 0 : y;
};

export class FlatAdamOptimizer extends tf.Optimizer {
  static get className(): string {
    return 'FlatAdam';
  }

  private firstMoment: Float32Array | null = null;
  private secondMoment: Float32Array | null = null;
  private names: string[] = [];
  // β^t in float32, updated after every step (as tf.train.adam's accBeta1/accBeta2 variables)
  private accBeta1 = f(BETA1);
  private accBeta2 = f(BETA2);
  private readonly epsilon = tf.backend().epsilon();

  /** Adam with tf.train.adam's defaults (β1 0.9, β2 0.999, the backend's epsilon), step `learningRate`. */
  constructor(private readonly learningRate: number) {
    super();
  }

  override applyGradients(
    variableGradients: tf.NamedTensorMap | { name: string; tensor: tf.Tensor }[],
  ): void {
    const grads: tf.NamedTensorMap = Array.isArray(variableGradients)
      ? Object.fromEntries(variableGradients.map((g) => [g.name, g.tensor]))
      : variableGradients;
    // the variable list is fixed at the first step; a variable with no gradient in a later step (not
    // connected to that step's loss) gets a zero gradient, so its moments decay as Adam's would
    if (this.names.length === 0) this.names = Object.keys(grads);
    const names = this.names;
    const variables = names.map((n) => tf.engine().registeredVariables[n]);
    const sizes = variables.map((v) => v.size);
    // one read-back: [gradient; weights]
    const both = tf.tidy(() =>
      tf.concat([
        ...names.map((n, i) => (grads[n] ? tf.reshape(grads[n], [-1]) : tf.zeros([sizes[i]]))),
        ...variables.map((v) => tf.reshape(v, [-1])),
      ]),
    );
    const values = both.dataSync() as Float32Array;
    both.dispose();
    const total = values.length / 2;
    const weights = values.subarray(total);
    this.firstMoment ??= new Float32Array(total);
    this.secondMoment ??= new Float32Array(total);
    this.update(values.subarray(0, total), weights, this.firstMoment, this.secondMoment);
    let offset = 0;
    variables.forEach((v, i) => {
      const piece = weights.slice(offset, offset + sizes[i]);
      offset += sizes[i];
      tf.tidy(() => v.assign(tf.tensor(piece, v.shape)));
    });
    this.accBeta1 = f(this.accBeta1 * f(BETA1));
    this.accBeta2 = f(this.accBeta2 * f(BETA2));
    this.incrementIterations();
  }

  /** tf.train.adam's arithmetic, element for element, each operation rounded to float32; w in place. */
  private update(g: Float32Array, w: Float32Array, m: Float32Array, v: Float32Array): void {
    // TensorFlow's CPU kernels flush denormal inputs and results to zero; wasm's and cpu's keep them
    const r = tf.getBackend() === 'tensorflow' ? flushed : f;
    const [b1, b2, c1, c2] = [f(BETA1), f(BETA2), f(1 - BETA1), f(1 - BETA2)];
    const oneMinusAccBeta1 = f(1 - this.accBeta1);
    const oneMinusAccBeta2 = f(1 - this.accBeta2);
    const eps = f(this.epsilon);
    const negLr = f(-this.learningRate);
    for (let i = 0; i < g.length; i++) {
      const gi = r(g[i]);
      const mi = r(r(r(m[i]) * b1) + r(gi * c1));
      const vi = r(r(r(v[i]) * b2) + r(r(gi * gi) * c2));
      m[i] = mi;
      v[i] = vi;
      const mHat = r(mi / oneMinusAccBeta1);
      const vHat = r(vi / oneMinusAccBeta2);
      const step = r(r(mHat / r(r(Math.sqrt(vHat)) + eps)) * negLr);
      w[i] = r(step + r(w[i]));
    }
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { learningRate: this.learningRate, beta1: BETA1, beta2: BETA2, epsilon: this.epsilon };
  }

  override dispose(): void {
    super.dispose();
    this.firstMoment = null;
    this.secondMoment = null;
  }
}
