import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import type { DenseMatrix } from '../../src/api/matrix.js';
import { centredLogits, fitSoftmaxRegression } from '../../src/preprocess/index.js';
import { randomNormal, seededRandom } from '../../src/util/random.js';
import { useCpuBackend } from './helpers.js';

before(useCpuBackend);

const matrix = (rows: number[][]): DenseMatrix => ({
  data: Float32Array.from(rows.flat()),
  rows: rows.length,
  cols: rows[0].length,
});

test('two cells at x = −1 and +1 of two classes: the weights solve the penalised optimum worked out by hand', () => {
  // By symmetry w₀ = −a, w₁ = +a and the biases are 0. Each cell's cross-entropy is log(1 + e^(−2a)); with
  // n = 2 and C = 1 the penalty is ‖W‖² / (2·C·n) = a² / 2. Setting the derivative −2 / (1 + e^(2a)) + a
  // to 0 gives a · (1 + e^(2a)) = 2, whose root is a = 0.521298… (bisection).
  const x = matrix([[-1], [1]]);
  const tensors = tf.memory().numTensors;
  const model = fitSoftmaxRegression(x, [0, 1], [0, 1], 2, { c: 1, maxIterations: 2000, tolerance: 1e-12 });
  assert.equal(tf.memory().numTensors, tensors, 'no tensor left behind');
  assert.ok(Math.abs(model.weights[1] - 0.5212985) < 1e-5, `w₁ = ${model.weights[1]}`);
  assert.ok(Math.abs(model.weights[0] + 0.5212985) < 1e-5, `w₀ = ${model.weights[0]}`);
  assert.ok(Math.abs(model.bias[0]) < 1e-6 && Math.abs(model.bias[1]) < 1e-6);
  // the centred logits of x = 1: ±a
  const logits = centredLogits(model, x, [1]);
  assert.ok(Math.abs(logits[1] - 0.5212985) < 1e-5 && Math.abs(logits[0] + 0.5212985) < 1e-5);
});

test('only the given rows are fitted, and a stronger penalty shrinks the weights', () => {
  const random = seededRandom(3);
  const rows: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < 90; i++) {
    const c = i % 3;
    labels.push(c);
    rows.push([c * 2 + randomNormal(random), -c + randomNormal(random), randomNormal(random)]);
  }
  const x = matrix(rows);
  const fitted = Array.from({ length: 60 }, (_, i) => i);
  const norm = (w: Float64Array) => Math.sqrt(w.reduce((s, v) => s + v * v, 0));
  const loose = fitSoftmaxRegression(x, labels, fitted, 3, { c: 1 });
  const tight = fitSoftmaxRegression(x, labels, fitted, 3, { c: 0.01 });
  assert.ok(
    norm(tight.weights) < norm(loose.weights) / 2,
    `${norm(tight.weights)} vs ${norm(loose.weights)}`,
  );
  // the rows outside the fit are unseen: changing their labels changes nothing
  const changed = labels.map((l, i) => (i >= 60 ? (l + 1) % 3 : l));
  assert.deepEqual(fitSoftmaxRegression(x, changed, fitted, 3, { c: 1 }).weights, loose.weights);
  // and they are classified well: the classes are 2 standard deviations apart
  const held = Array.from({ length: 30 }, (_, i) => 60 + i);
  const logits = centredLogits(loose, x, held);
  let hits = 0;
  held.forEach((r, i) => {
    const row = Array.from(logits.subarray(i * 3, i * 3 + 3));
    if (row.indexOf(Math.max(...row)) === labels[r]) hits++;
    assert.ok(Math.abs(row.reduce((s, v) => s + v, 0)) < 1e-9, 'centred logits sum to 0');
  });
  assert.ok(hits >= 18, `${hits} of 30 held-out cells classified`);
});
