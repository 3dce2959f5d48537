import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { pcaBaseline } from '../../src/evaluate/index.js';
import { assertClose, useCpuBackend } from '../preprocess/helpers.js';
import { SKLEARN_X } from './reference-data.js';

before(useCpuBackend);

test('the first two principal-component scores match scikit-learn', () => {
  // PCA(n_components=3, svd_solver='full').fit(X).transform(X)[:, :2] for the first three rows.
  const scores = pcaBaseline(SKLEARN_X, 2, 0);
  assert.equal(scores.cols, 2);
  assert.equal(scores.rows, 14);
  assertClose(
    scores.data.subarray(0, 6),
    [
      -0.29963477402560945, 0.4211272738132542, -0.3523088292141476, 1.2049852688576963, -0.4132313566630393,
      0.5599864983657831,
    ],
    1e-5,
  );
  const before = tf.memory().numTensors;
  pcaBaseline(SKLEARN_X, 3, 1);
  assert.equal(tf.memory().numTensors, before);
});

test('dims larger than the data are capped; nothing to project is refused', () => {
  assert.equal(pcaBaseline(SKLEARN_X, 9, 0).cols, 5);
  assert.throws(() => pcaBaseline({ data: new Float32Array(0), rows: 0, cols: 3 }, 2), /cannot project/);
});
