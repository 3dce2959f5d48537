/**
 * Adam over all variables at once: the gradients are concatenated into one flat vector, the moments live in
 * two flat variables, and the update is split back onto the variables.
 *
 * tf.train.adam runs its ~13 elementwise kernels once per variable (8 variables for the default encoder:
 * ~110 kernels a step, most on tensors of a few hundred values, where dispatch costs more than the
 * arithmetic). The same arithmetic over one flat vector is ~13 kernels plus a concat, a split and one add
 * per variable. Each element goes through exactly the same float32 operations in the same order as
 * tf.train.adam, so the result is bit-identical (checked in test/train/flat-adam).
 */
import * as tf from '@tensorflow/tfjs';

const BETA1 = 0.9;
const BETA2 = 0.999;

/**
 * The flat vector cut into pieces of the variables' shapes. On wasm tf.split copies the whole input once per
 * piece (its Slice kernel reads the input back first): 1.6 ms CPU for the default encoder's 97 539 values, as
 * much as all of Adam's arithmetic; one read and one upload per piece cost a tenth. Same values either way.
 */
function splitInto(flat: tf.Tensor, variables: tf.Variable[]): tf.Tensor[] {
  if (tf.getBackend() !== 'wasm') {
    return tf
      .split(
        flat,
        variables.map((v) => v.size),
      )
      .map((piece, i) => tf.reshape(piece, variables[i].shape));
  }
  const values = flat.dataSync() as Float32Array;
  let offset = 0;
  return variables.map((v) => {
    const piece = tf.tensor(values.subarray(offset, offset + v.size), v.shape, 'float32');
    offset += v.size;
    return piece;
  });
}

export class FlatAdamOptimizer extends tf.Optimizer {
  static get className(): string {
    return 'FlatAdam';
  }

  private firstMoment: tf.Variable | null = null;
  private secondMoment: tf.Variable | null = null;
  private names: string[] = [];
  // β^t in float32, updated after every step (as tf.train.adam's accBeta1/accBeta2): kept as numbers, the
  // same float32 arithmetic as its scalar kernels (Math.fround), four kernels a step less
  private accBeta1 = Math.fround(BETA1);
  private accBeta2 = Math.fround(BETA2);
  private readonly epsilon = tf.backend().epsilon();

  /** Adam with tf.train.adam's defaults (β1 0.9, β2 0.999, the backend's epsilon), step `learningRate`. */
  constructor(private learningRate: number) {
    super();
  }

  /** Changes the step size from the next step on (a schedule, e.g. graph-schedule.ts's decay). */
  setLearningRate(learningRate: number): void {
    this.learningRate = learningRate;
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
    tf.tidy(() => {
      const gradient = tf.concat(
        names.map((n, i) => (grads[n] ? tf.reshape(grads[n], [-1]) : tf.zeros([sizes[i]]))),
      );
      const total = gradient.size;
      this.firstMoment ??= tf.variable(tf.zeros([total]), false);
      this.secondMoment ??= tf.variable(tf.zeros([total]), false);
      const oneMinusAccBeta1 = Math.fround(1 - this.accBeta1);
      const oneMinusAccBeta2 = Math.fround(1 - this.accBeta2);
      // the arithmetic of tf.train.adam's applyGradients, element for element
      const m = tf.add(tf.mul(this.firstMoment, BETA1), tf.mul(gradient, 1 - BETA1));
      const v = tf.add(tf.mul(this.secondMoment, BETA2), tf.mul(tf.square(gradient), 1 - BETA2));
      const mHat = tf.div(m, oneMinusAccBeta1);
      const vHat = tf.div(v, oneMinusAccBeta2);
      this.firstMoment.assign(m);
      this.secondMoment.assign(v);
      const step = tf.mul(tf.div(mHat, tf.add(tf.sqrt(vHat), this.epsilon)), -this.learningRate);
      splitInto(step, variables).forEach((piece, i) => {
        variables[i].assign(tf.add(piece, variables[i]));
      });
      this.accBeta1 = Math.fround(this.accBeta1 * Math.fround(BETA1));
      this.accBeta2 = Math.fround(this.accBeta2 * Math.fround(BETA2));
    });
    this.incrementIterations();
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { learningRate: this.learningRate, beta1: BETA1, beta2: BETA2, epsilon: this.epsilon };
  }

  override dispose(): void {
    super.dispose();
    this.firstMoment?.dispose();
    this.secondMoment?.dispose();
  }
}
