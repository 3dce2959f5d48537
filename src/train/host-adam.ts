/**
 * Adam's update computed in JavaScript over one flat Float32Array, for the wasm backend.
 *
 * On wasm every kernel costs tens of microseconds of dispatch: flat Adam's ~20 elementwise kernels, its
 * concat and the split back (a read, an upload and an add a variable) were ~30 kernels a step for ~0.1 M
 * values, which one JavaScript loop updates in less time. Each value goes through the same float32
 * operations in the same order as tf.train.adam's kernels (Math.fround after every operation; a single
 * +, −, ×, ÷ or √ computed in double and rounded to float32 is the correctly rounded float32 result), so the
 * weights are bit-identical (test/train/flat-adam.test.ts compares them with tf.train.adam's on wasm).
 */
const f = Math.fround;

/** Adam's moments and β powers, one flat array a moment. */
export class HostAdam {
  private readonly m: Float32Array;
  private readonly v: Float32Array;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly oneMinusBeta1: number;
  private readonly oneMinusBeta2: number;
  // β^t as float32, updated after every step (as tf.train.adam's accBeta1/accBeta2)
  private accBeta1: number;
  private accBeta2: number;

  /** Moments of `size` values (zero), β1 and β2 as tf.train.adam takes them. */
  constructor(size: number, beta1: number, beta2: number) {
    this.m = new Float32Array(size);
    this.v = new Float32Array(size);
    [this.beta1, this.beta2] = [f(beta1), f(beta2)];
    // the scalars tf.train.adam multiplies by: 1 − β computed in double, then float32
    [this.oneMinusBeta1, this.oneMinusBeta2] = [f(1 - beta1), f(1 - beta2)];
    [this.accBeta1, this.accBeta2] = [this.beta1, this.beta2];
  }

  /** The number of values it updates. */
  get size(): number {
    return this.m.length;
  }

  /**
   * Adds Adam's step for `gradient` to `weights` (both flat, in place) with step size `learningRate` and
   * the backend's `epsilon`, then advances the β powers.
   */
  step(gradient: Float32Array, weights: Float32Array, learningRate: number, epsilon: number): void {
    const { m, v, beta1, beta2, oneMinusBeta1, oneMinusBeta2 } = this;
    const correction1 = f(1 - this.accBeta1);
    const correction2 = f(1 - this.accBeta2);
    const eps = f(epsilon);
    const negativeRate = f(-learningRate);
    for (let i = 0; i < m.length; i++) {
      const g = gradient[i];
      const mi = f(f(m[i] * beta1) + f(g * oneMinusBeta1));
      const vi = f(f(v[i] * beta2) + f(f(g * g) * oneMinusBeta2));
      m[i] = mi;
      v[i] = vi;
      const mHat = f(mi / correction1);
      const vHat = f(vi / correction2);
      const update = f(f(mHat / f(f(Math.sqrt(vHat)) + eps)) * negativeRate);
      weights[i] = f(update + weights[i]);
    }
    this.accBeta1 = f(this.accBeta1 * beta1);
    this.accBeta2 = f(this.accBeta2 * beta2);
  }
}
