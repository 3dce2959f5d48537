// Building the inference model frees every tensor it made, also when the weights do not fit the layers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { loadCpu } from '../../src/backend/loaders.js';
import { resolveArchitecture } from '../../src/model/encoder-architecture.js';
import { buildLayersModel } from '../../src/model/trained-encoder.js';

test('weights that do not fit the layer specs are refused without leaking a tensor', async () => {
  await loadCpu();
  const specs = resolveArchitecture([4], 2);
  const fits = [
    { kernel: new Float32Array(3 * 4), bias: new Float32Array(4) },
    { kernel: new Float32Array(4 * 2), bias: new Float32Array(2) },
  ];
  buildLayersModel(3, specs, fits).dispose();
  const before = tf.memory().numTensors;
  const wrong = [fits[0], { kernel: new Float32Array(5), bias: new Float32Array(2) }];
  assert.throws(() => buildLayersModel(3, specs, wrong));
  assert.equal(tf.memory().numTensors, before, 'tensors left after a refused build');
  buildLayersModel(3, specs, fits).dispose();
  assert.equal(tf.memory().numTensors, before, 'tensors left after a good build');
});
