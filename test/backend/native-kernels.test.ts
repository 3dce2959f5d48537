// TensorFlow's SeluGrad and BiasAddGrad as kernels of the native backend (native-kernels.ts): used only
// there, equal to tfjs's own SELU gradient and column sums to float32 rounding, leak-free.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import {
  biasGradient,
  nativeKernels,
  registerNativeKernels,
  seluGradFromOutput,
} from '../../src/backend/native-kernels.js';
import { TEST_BACKENDS } from '../train/backends.js';

const Z = [-30, -8, -3, -0.5, -1e-3, 1e-3, 0.5, 2, 9];
const DY = [0.5, -1, 2, 0.25, -3, 1, -0.75, 4, 1.5];

for (const { name, load } of TEST_BACKENDS) {
  test(`${name}: the native kernels are used ${name === 'tensorflow' ? '' : 'only '}on the native backend`, async () => {
    await load();
    assert.equal(nativeKernels(), name === 'tensorflow');
  });
}

const native = TEST_BACKENDS.find((b) => b.name === 'tensorflow');
if (native) {
  test('tensorflow: SeluGrad from SELU’s output equals tfjs’s gradient of selu to float32 rounding', async () => {
    await native.load();
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const z = tf.tensor2d(Z, [3, 3]);
      const dy = tf.tensor2d(DY, [3, 3]);
      const expected = tf
        .grad((x: tf.Tensor) => tf.sum(tf.mul(tf.selu(x), dy)))(z)
        .dataSync();
      const got = seluGradFromOutput(dy, tf.selu(z) as tf.Tensor2D).dataSync();
      for (let i = 0; i < Z.length; i++) {
        // y + λα cancels where eᶻ is tiny: an absolute error of about λα's last bit times dy
        const tolerance = 1e-6 * Math.abs(expected[i]) + 4e-7 * Math.abs(DY[i]);
        assert.ok(Math.abs(got[i] - expected[i]) <= tolerance, `z ${Z[i]}: ${got[i]} vs ${expected[i]}`);
      }
      assert.ok(Math.abs(got[7] - 4 * 1.0507009873554805) < 1e-5, 'λ·dy above zero');
    });
    assert.equal(tf.memory().numTensors, before, 'no tensor leaks');
  });

  test('tensorflow: BiasAddGrad is the column sums of a [rows, units] gradient', async () => {
    await native.load();
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const g = tf.tensor2d([1, -2, 0.5, 3, 4, -1.5, 0.25, 8, -7], [3, 3]);
      assert.deepEqual(Array.from(biasGradient(g).dataSync()), [4.25, 10, -8]);
      assert.deepEqual(biasGradient(g).shape, [3]);
    });
    assert.equal(tf.memory().numTensors, before, 'no tensor leaks');
  });

  test('tensorflow: an op the TensorFlow build lacks leaves tfjs’s kernels in place, saying why', async () => {
    await native.load();
    const before = tf.memory().numTensors;
    try {
      const note = registerNativeKernels({ seluGrad: 'NoSuchSeluGradOp', biasAddGrad: 'BiasAddGrad' });
      assert.match(note ?? '', /SeluGrad or BiasAddGrad did not run .*tfjs's kernels/);
      assert.equal(nativeKernels(), false, 'the kernels were removed');
    } finally {
      assert.equal(registerNativeKernels(), undefined, 'the real ops prove themselves');
    }
    assert.equal(nativeKernels(), true);
    assert.equal(tf.memory().numTensors, before, 'the proof leaks no tensors');
  });
}
