// Adam over one flat vector must update every variable exactly as tf.train.adam does, step after step,
// and keep no tensors beyond its two moment vectors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { FlatAdamOptimizer } from '../../src/train/flat-adam.js';
import { randomNormal, seededRandom } from '../../src/util/random.js';
import { TEST_BACKENDS } from './backends.js';

const SHAPES = [[5, 4], [4], [4, 3], [3]];

function makeVariables(tag: string): tf.Variable[] {
  const random = seededRandom(1);
  return SHAPES.map((shape, i) => {
    const size = shape.reduce((a, b) => a * b, 1);
    return tf.tidy(() =>
      tf.variable(
        tf.tensor(
          Float32Array.from({ length: size }, () => randomNormal(random)),
          shape,
        ),
        true,
        `flatadam_${tag}_${i}_${Date.now()}`,
      ),
    );
  });
}

/** A loss that couples the variables non-linearly, so every gradient changes from step to step. */
function loss(vars: tf.Variable[], x: tf.Tensor2D): tf.Scalar {
  const [w1, b1, w2, b2] = vars as [
    tf.Variable<tf.Rank.R2>,
    tf.Variable<tf.Rank.R1>,
    tf.Variable<tf.Rank.R2>,
    tf.Variable<tf.Rank.R1>,
  ];
  const h = tf.tanh(tf.add(tf.matMul(x, w1), b1));
  return tf.sum(tf.square(tf.add(tf.matMul(h, w2), b2))) as tf.Scalar;
}

for (const { name, load } of TEST_BACKENDS) {
  test(`${name}: flat Adam gives tf.train.adam's variables after every step, leak-free`, async () => {
    await load();
    const reference = makeVariables('ref');
    const flat = makeVariables('flat');
    const x = tf.tensor2d(
      Float32Array.from({ length: 6 * 5 }, (_, i) => Math.sin(i)),
      [6, 5],
    );
    const adam = tf.train.adam(0.05);
    const flatAdam = new FlatAdamOptimizer(0.05);
    try {
      let tensorsAfterFirst = -1;
      for (let step = 0; step < 5; step++) {
        adam.minimize(() => loss(reference, x), true, reference)?.dispose();
        flatAdam.minimize(() => loss(flat, x), true, flat)?.dispose();
        if (step === 0) tensorsAfterFirst = tf.memory().numTensors;
        reference.forEach((v, i) => {
          const a = v.dataSync();
          const b = flat[i].dataSync();
          assert.deepEqual(Array.from(b), Array.from(a), `variable ${i} after step ${step}`);
        });
      }
      assert.equal(tf.memory().numTensors, tensorsAfterFirst, 'tensors grew over steps');
      // the variables moved (the comparison is not between two untouched copies)
      const start = makeVariables('start');
      assert.notDeepEqual(Array.from(flat[0].dataSync()), Array.from(start[0].dataSync()));
      tf.dispose(start);
    } finally {
      adam.dispose();
      flatAdam.dispose();
      tf.dispose([...reference, ...flat, x]);
    }
  });
}

test('a disposed flat Adam leaves no tensor behind, whether or not it took a step', async () => {
  await TEST_BACKENDS[0].load();
  const start = tf.memory().numTensors;
  new FlatAdamOptimizer(0.1).dispose();
  assert.equal(tf.memory().numTensors, start, 'an unused optimizer leaked');
  const v = tf.tidy(() => tf.variable(tf.tensor1d([1, 2, 3]), true, `flatadam_dispose_${Date.now()}`));
  const optimizer = new FlatAdamOptimizer(0.1);
  optimizer.minimize(() => tf.sum(tf.square(v)) as tf.Scalar, false, [v]);
  optimizer.dispose();
  v.dispose();
  assert.equal(tf.memory().numTensors, start, 'a used optimizer leaked');
});
