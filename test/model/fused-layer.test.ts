// The fused layers (one op per dense + activation + AlphaDropout, hand-written gradient) must give the
// stock autodiff encoder's output and gradients, with and without dropout, for SELU, ReLU and linear layers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { alphaDropoutMasks, applyDropout } from '../../src/model/alpha-dropout.js';
import { EncoderNet } from '../../src/model/encoder-net.js';
import { fusedLayer } from '../../src/model/fused-layer.js';
import { resolveArchitecture, type EncoderPreset } from '../../src/model/encoder-architecture.js';
import { randomNormal, seededRandom } from '../../src/util/random.js';
import { TEST_BACKENDS } from '../train/backends.js';

const values = (n: number, seed: number): Float32Array => {
  const random = seededRandom(seed);
  return Float32Array.from({ length: n }, () => randomNormal(random));
};

/** Max |a − b| over the max |a| (or 1): a relative difference that stays meaningful near zero. */
function relativeDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => {
    const diff = tf.max(tf.abs(tf.sub(a, b))).dataSync()[0];
    return diff / Math.max(1, tf.max(tf.abs(a)).dataSync()[0]);
  });
}

/** The kernels of one forward and backward pass of a small SELU encoder ([6, 5], 7 inputs, 9 rows, dropout). */
async function profiledStep(): Promise<Awaited<ReturnType<typeof tf.profile>>['kernels']> {
  const net = EncoderNet.create(7, resolveArchitecture([6, 5], 3), seededRandom(11));
  const x = tf.tensor2d(values(9 * 7, 1), [9, 7]);
  try {
    const profile = await tf.profile(() => {
      const { value, grads } = tf.variableGrads(
        () => tf.sum(tf.square(net.forward(x, 'custom', seededRandom(5)))) as tf.Scalar,
        net.variables(),
      );
      tf.dispose([value, ...Object.values(grads)]);
    });
    return profile.kernels;
  } finally {
    net.dispose();
    x.dispose();
  }
}

const CASES: { name: string; preset: EncoderPreset; dropout: boolean }[] = [
  { name: 'SELU + AlphaDropout (default)', preset: [6, 5], dropout: true },
  { name: 'SELU, dropout off (inference)', preset: [6, 5], dropout: false },
  { name: 'ReLU (wide)', preset: 'wide', dropout: true },
];

for (const { name, load } of TEST_BACKENDS) {
  for (const c of CASES) {
    test(`${name}: fused layers equal the stock encoder, value and every gradient — ${c.name}`, async () => {
      await load();
      const before = tf.memory().numTensors;
      const net = EncoderNet.create(7, resolveArchitecture(c.preset, 3), seededRandom(11));
      try {
        tf.tidy(() => {
          const x = tf.tensor2d(values(9 * 7, 1), [9, 7]);
          const target = tf.tensor2d(values(9 * 3, 2), [9, 3]);
          // the same dropout seed on both paths draws the same masks
          const loss = (mode: 'custom' | 'stock') => () =>
            tf.sum(tf.square(tf.sub(net.forward(x, mode, c.dropout ? seededRandom(5) : undefined), target)));
          const stock = tf.variableGrads(loss('stock') as () => tf.Scalar, net.variables());
          const custom = tf.variableGrads(loss('custom') as () => tf.Scalar, net.variables());
          const [cv, sv] = [custom.value.dataSync()[0], stock.value.dataSync()[0]];
          // wasm builds SELU from XNNPack's kernels with AlphaDropout's multiplier folded into its constants
          // (selu-slope.ts), tensorflow takes SELU's and the bias's gradients from TensorFlow's SeluGrad and
          // BiasAddGrad (native-kernels.ts):
          // the same value to float32 rounding; on cpu the same bits. The forward pass is the same on
          // tensorflow: its loss is bit-identical
          if (name === 'wasm') assert.ok(Math.abs(cv - sv) <= 1e-6 * Math.abs(sv), `loss ${cv} vs ${sv}`);
          else assert.equal(cv, sv, 'loss values differ');
          for (const v of net.variables()) {
            const d = relativeDiff(stock.grads[v.name], custom.grads[v.name]);
            assert.ok(d < 1e-5, `gradient of ${v.name}: relative difference ${d}`);
            // where both paths use the same kernels (cpu), the fused layer runs autodiff's arithmetic: the
            // same bits, so seeded runs keep their results
            if (name === 'cpu') {
              const [a, b] = [stock.grads[v.name].dataSync(), custom.grads[v.name].dataSync()];
              assert.ok(
                a.every((value, i) => value === b[i]),
                `gradient of ${v.name} is not bit-identical`,
              );
            }
          }
          // the gradient is not trivially zero
          assert.ok(tf.max(tf.abs(custom.grads[net.variables()[0].name])).dataSync()[0] > 1e-4);
        });
      } finally {
        net.dispose();
      }
      assert.equal(tf.memory().numTensors, before, 'no tensors leak from the fused layers');
    });
  }

  test(`${name}: a fused layer's input gradient (inner layers) equals the stock one`, async () => {
    await load();
    tf.tidy(() => {
      const x = tf.tensor2d(values(6 * 4, 4), [6, 4]);
      const w = tf.tensor2d(values(4 * 5, 5), [4, 5]);
      const b = tf.tensor1d(values(5, 6));
      const masks = () => alphaDropoutMasks(6, 5, 0.3, seededRandom(9));
      const stock = (xi: tf.Tensor) => {
        return tf.sum(
          tf.square(
            applyDropout(tf.selu(tf.add(tf.matMul(xi as tf.Tensor2D, w), b)) as tf.Tensor2D, masks()),
          ),
        );
      };
      const custom = (xi: tf.Tensor) =>
        tf.sum(tf.square(fusedLayer(xi as tf.Tensor2D, w, b, 'selu', masks(), true)));
      const [gs] = tf.grads(stock)([x]);
      const [gc] = tf.grads(custom)([x]);
      assert.ok(relativeDiff(gs, gc) < 1e-5);
      assert.ok(tf.max(tf.abs(gc)).dataSync()[0] > 1e-4);
    });
  });

  test(`${name}: the fused layers' tape copies neither the weights nor the data input`, async () => {
    await load();
    // each tensor the tape saves is cloned by an Identity kernel: W (a variable) and x (the step's rows)
    // outlive the backward pass, so the backward pass reads them and they are not saved
    const copied = (await profiledStep())
      .filter((k) => k.name === 'Identity')
      .map((k) => JSON.stringify(k.inputShapes[0]));
    for (const shape of [
      [9, 7],
      [7, 6],
      [6, 5],
      [5, 3],
    ]) {
      assert.ok(!copied.includes(JSON.stringify(shape)), `a [${shape.join(', ')}] tensor was copied`);
    }
    assert.ok(copied.includes(JSON.stringify([9, 6])), 'the inner layer still saves its input');
  });

  test(`${name}: SELU's and the bias's gradients ${name === 'tensorflow' ? 'are' : 'are not'} TensorFlow's SeluGrad and BiasAddGrad, without Cast, Exp or Greater`, async () => {
    await load();
    const kernels = await profiledStep();
    const count = (kernel: string) => kernels.filter((k) => k.name === kernel).length;
    // two SELU layers, each with AlphaDropout: one SeluGrad each; three layers, one bias gradient each
    assert.equal(count('TripletLensSeluGrad'), name === 'tensorflow' ? 2 : 0);
    assert.equal(count('TripletLensBiasAddGrad'), name === 'tensorflow' ? 3 : 0);
    if (name === 'tensorflow') {
      // over the hidden layers' activations (the loss's own kernels aside)
      const hidden = kernels
        .filter((k) => ['[9,6]', '[9,5]'].includes(JSON.stringify(k.outputShapes[0])))
        .map((k) => k.name);
      for (const gone of ['Exp', 'Greater', 'Cast']) assert.ok(!hidden.includes(gone), `${gone} still runs`);
      assert.ok(hidden.includes('Selu'), 'the hidden kernels were found');
    }
  });
}
