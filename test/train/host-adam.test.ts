// Adam in JavaScript (the wasm path of flat Adam) must give tf.train.adam's float32 weights to the bit, on
// every backend's kernels, including gradients that are 0, tiny (near epsilon) or large.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { HostAdam } from '../../src/train/host-adam.js';
import { randomNormal, seededRandom } from '../../src/util/random.js';
import { TEST_BACKENDS } from './backends.js';

for (const { name, load } of TEST_BACKENDS) {
  test(`${name}: HostAdam's weights equal tf.train.adam's bit for bit over several steps`, async () => {
    await load();
    const random = seededRandom(3);
    const size = 4096;
    const start = Float32Array.from({ length: size }, () => randomNormal(random));
    const weights = start.slice();
    const variable = tf.variable(tf.tensor1d(start), true, `hostadam_${name}_${Date.now()}`);
    const adam = tf.train.adam(0.01);
    const host = new HostAdam(size, 0.9, 0.999);
    try {
      for (let step = 0; step < 6; step++) {
        const gradient = Float32Array.from({ length: size }, (_, i) =>
          i % 7 === 0 ? 0 : randomNormal(random) * 10 ** ((i % 11) - 9),
        );
        tf.tidy(() => adam.applyGradients({ [variable.name]: tf.tensor1d(gradient) }));
        host.step(gradient, weights, 0.01, tf.backend().epsilon());
        const expected = variable.dataSync();
        assert.ok(
          weights.every((w, i) => Object.is(w, expected[i])),
          `step ${step}: weights differ from tf.train.adam's`,
        );
      }
      assert.notDeepEqual(Array.from(weights), Array.from(start), 'the weights moved');
    } finally {
      adam.dispose();
      variable.dispose();
    }
  });
}
