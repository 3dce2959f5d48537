// One optimisation step releases every tensor it made on every path, including a loss that throws.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { CoreError } from '../../src/api/core-error.js';
import { EncoderNet } from '../../src/model/encoder-net.js';
import { resolveArchitecture } from '../../src/model/encoder-architecture.js';
import type { Batch } from '../../src/triplets/batch.js';
import { trainStep, type StepModel } from '../../src/train/train-step.js';
import { seededRandom } from '../../src/util/random.js';
import { blobs } from './blobs.js';
import { TEST_BACKENDS } from './backends.js';

const batch: Batch = {
  rows: Int32Array.from([0, 1, 2, 3]),
  labels: Int32Array.from([0, 1, 0, 1]),
  fixed: { anchor: new Int32Array(0), positive: new Int32Array(0), negative: new Int32Array(0) },
};

for (const { name, load } of TEST_BACKENDS) {
  test(`${name}: a loss that throws leaks neither the batch tensor nor its own tensors`, async () => {
    await load();
    const { x } = blobs(8, 5, 2, 3);
    const net = EncoderNet.create(x.cols, resolveArchitecture([8], 2), seededRandom(1));
    const optimizer = tf.train.adam(0.01);
    let fail = false;
    const model: StepModel = {
      optimizer,
      variables: net.variables(),
      batchLoss: (xb) => {
        const embedded = net.forward(xb, 'stock');
        if (fail) throw new CoreError('internal', 'the loss broke after embedding the batch');
        return { loss: tf.mean(tf.square(embedded)) as tf.Scalar, active: 3, total: 4 };
      },
    };
    try {
      // a first step creates Adam's slot variables, which live as long as the optimizer
      const first = await trainStep(model, x, batch);
      assert.deepEqual([first.active, first.total], [3, 4]);
      assert.ok(Number.isFinite(first.loss));
      const before = tf.memory().numTensors;
      fail = true;
      await assert.rejects(trainStep(model, x, batch), /the loss broke after embedding/);
      assert.equal(tf.memory().numTensors, before, 'tensors left behind by the failed step');
      fail = false;
      await trainStep(model, x, batch);
      assert.equal(tf.memory().numTensors, before, 'tensors left behind by a good step');
    } finally {
      optimizer.dispose();
      net.dispose();
    }
  });
}
