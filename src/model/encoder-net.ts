/**
 * The encoder while it trains: one weight and one bias variable per layer, and a forward pass built from
 * fused layers with a hand-written gradient ('custom', fused-layer.ts) or from dense(), SELU/ReLU and
 * AlphaDropout under autodiff ('stock'). After training the weights move into a
 * standard tfjs Layers model (trained-encoder.ts) for inference and saving.
 */
import * as tf from '@tensorflow/tfjs';
import { CoreError } from '../api/core-error.js';
import type { Random } from '../util/random.js';
import { alphaDropout, alphaDropoutMasks } from './alpha-dropout.js';
import { dense, type DenseGradientMode } from './dense-gradient.js';
import type { LayerSpec } from './encoder-architecture.js';
import { fusedLayer } from './fused-layer.js';
import { varianceScalingNormal } from './weight-init.js';

export interface EncoderLayer {
  spec: LayerSpec;
  kernel: tf.Variable<tf.Rank.R2>;
  bias: tf.Variable<tf.Rank.R1>;
}

// tfjs registers variables by name globally; a counter keeps names unique across networks in one process
let created = 0;

export class EncoderNet {
  private constructor(
    readonly inputDim: number,
    readonly layers: EncoderLayer[],
  ) {}

  /** Initialises a network for `inputDim` inputs with seeded weights (biases start at 0). */
  static create(inputDim: number, specs: LayerSpec[], random: Random, name = 'encoder'): EncoderNet {
    created++;
    let fanIn = inputDim;
    const layers = specs.map((spec, i) => {
      const scale = spec.init === 'he-normal' ? 2 : 1;
      // tf.variable copies its initial value; the tidy frees those copies' sources
      const [kernel, bias] = tf.tidy(() => [
        tf.variable(
          tf.tensor2d(varianceScalingNormal(fanIn, spec.units, scale, random), [fanIn, spec.units]),
          true,
          `${name}${created}_${i}_kernel`,
        ),
        tf.variable(tf.zeros([spec.units]), true, `${name}${created}_${i}_bias`),
      ]);
      fanIn = spec.units;
      return { spec, kernel: kernel as tf.Variable<tf.Rank.R2>, bias: bias as tf.Variable<tf.Rank.R1> };
    });
    return new EncoderNet(inputDim, layers);
  }

  get outputDim(): number {
    return this.layers[this.layers.length - 1].spec.units;
  }

  variables(): tf.Variable[] {
    return this.layers.flatMap((l) => [l.kernel, l.bias]);
  }

  /**
   * Embeds x ([rows, inputDim]). With `dropoutRandom` the AlphaDropout layers are active (training);
   * without it they are the identity (inference). 'custom' runs each layer as one op with a hand-written
   * gradient (fused-layer.ts); 'stock' composes tfjs ops and lets autodiff differentiate them (the
   * reference). Both draw the same dropout masks from `dropoutRandom`.
   */
  forward(x: tf.Tensor2D, mode: DenseGradientMode, dropoutRandom?: Random): tf.Tensor2D {
    return tf.tidy(() => {
      let h = x;
      if (mode === 'custom') {
        this.layers.forEach((layer, i) => {
          const { units, activation, dropout } = layer.spec;
          const masks =
            dropoutRandom && dropout > 0
              ? alphaDropoutMasks(h.shape[0], units, dropout, dropoutRandom)
              : undefined;
          h = fusedLayer(h, layer.kernel, layer.bias, activation, masks, i > 0);
        });
        return h;
      }
      this.layers.forEach((layer, i) => {
        h = dense(h, layer.kernel, layer.bias, mode, i > 0);
        if (layer.spec.activation === 'selu') h = tf.selu(h);
        else if (layer.spec.activation === 'relu') h = tf.relu(h);
        if (dropoutRandom && layer.spec.dropout > 0) h = alphaDropout(h, layer.spec.dropout, dropoutRandom);
      });
      return h;
    });
  }

  /**
   * Replaces the weights with `weights` ([kernel, bias] per layer): fine-tuning starts from an earlier
   * encoder. Throws a readable error when the shapes differ (another architecture or input width).
   */
  assign(weights: readonly { kernel: Float32Array; bias: Float32Array }[]): void {
    const expected = this.layers.map((l) => `${l.kernel.shape.join('×')}+${l.bias.shape[0]}`).join(', ');
    const given = weights.map((w, i) => {
      const fanIn = i === 0 ? this.inputDim : (weights[i - 1]?.bias.length ?? 0);
      return `${fanIn}×${w.kernel.length / Math.max(1, fanIn)}+${w.bias.length}`;
    });
    const fits =
      weights.length === this.layers.length &&
      this.layers.every(
        (l, i) => weights[i].kernel.length === l.kernel.size && weights[i].bias.length === l.bias.size,
      );
    if (!fits) {
      throw new CoreError(
        'bad-request',
        `The starting weights (${given.join(', ')}) do not fit this encoder (${expected}): ` +
          'train from scratch, or keep the earlier run’s network, dimensions and preprocessing',
      );
    }
    this.layers.forEach((l, i) => {
      tf.tidy(() => {
        l.kernel.assign(tf.tensor2d(weights[i].kernel, l.kernel.shape));
        l.bias.assign(tf.tensor1d(weights[i].bias));
      });
    });
  }

  /** The current weights as plain arrays: [kernel, bias] per layer. */
  weightValues(): { kernel: Float32Array; bias: Float32Array }[] {
    return this.layers.map((l) => ({
      kernel: l.kernel.dataSync() as Float32Array,
      bias: l.bias.dataSync() as Float32Array,
    }));
  }

  dispose(): void {
    for (const v of this.variables()) v.dispose();
  }
}
