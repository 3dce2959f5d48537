import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import type { DenseMatrix } from '../../src/api/matrix.js';
import {
  LOOP_MAX_WORK,
  loopObjective,
  softmaxObjective,
  tensorObjective,
} from '../../src/preprocess/softmax-objective.js';
import { minimiseLbfgs } from '../../src/preprocess/lbfgs.js';
import { randomNormal, seededRandom } from '../../src/util/random.js';
import { useCpuBackend } from './helpers.js';

before(useCpuBackend);

/** n rows of d normal columns, classes drawn in turn, with the class shifting the first column. */
function problem(n: number, d: number, classes: number, seed: number) {
  const random = seededRandom(seed);
  const data = new Float32Array(n * d);
  const ys = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    ys[i] = i % classes;
    for (let j = 0; j < d; j++) data[i * d + j] = randomNormal(random) + (j === 0 ? ys[i] : 0);
  }
  const xs: DenseMatrix = { data, rows: n, cols: d };
  const theta = Float64Array.from({ length: d * classes + classes }, () => randomNormal(random) * 0.3);
  return { xs, ys, theta };
}

test('the loops and the tensor products give the same value and gradient', () => {
  const { xs, ys, theta } = problem(40, 6, 4, 1);
  const tensors = tf.memory().numTensors;
  const products = tensorObjective({ xs, ys, classes: 4, penalty: 0.05 });
  const loops = loopObjective({ xs, ys, classes: 4, penalty: 0.05 });
  const a = products.evaluate(theta);
  const b = loops.evaluate(theta);
  products.dispose();
  assert.equal(tf.memory().numTensors, tensors, 'no tensor left behind');
  assert.ok(Math.abs(a.value - b.value) < 1e-5 * Math.abs(b.value), `${a.value} vs ${b.value}`);
  const gap = Math.max(...a.gradient.map((g, i) => Math.abs(g - b.gradient[i])));
  assert.ok(gap < 1e-5, `largest gradient difference ${gap}`);
});

test('the loops’ gradient is the value’s slope (central differences)', () => {
  const { xs, ys, theta } = problem(12, 3, 3, 2);
  const { evaluate } = loopObjective({ xs, ys, classes: 3, penalty: 0.1 });
  const { gradient } = evaluate(theta);
  const h = 1e-6;
  for (let q = 0; q < theta.length; q++) {
    const up = theta.slice();
    const down = theta.slice();
    up[q] += h;
    down[q] -= h;
    const slope = (evaluate(up).value - evaluate(down).value) / (2 * h);
    assert.ok(Math.abs(slope - gradient[q]) < 1e-6, `θ[${q}]: ${slope} vs ${gradient[q]}`);
  }
});

test('small problems take the loops, big ones the tensor products; both reach the same optimum', () => {
  const tensors = tf.memory().numTensors;
  const small = softmaxObjective({
    xs: problem(10, 5, 2, 3).xs,
    ys: new Int32Array(10),
    classes: 2,
    penalty: 0.1,
  });
  assert.equal(tf.memory().numTensors, tensors, 'the loops hold no tensors');
  small.dispose();
  const rows = Math.floor(LOOP_MAX_WORK / (10 * 4)) + 1;
  const big = softmaxObjective({
    xs: problem(rows, 10, 4, 4).xs,
    ys: new Int32Array(rows),
    classes: 4,
    penalty: 0.1,
  });
  assert.ok(tf.memory().numTensors > tensors, 'the products hold the rows as tensors');
  big.dispose();
  assert.equal(tf.memory().numTensors, tensors);

  const { xs, ys } = problem(90, 3, 3, 5);
  const start = new Float64Array(3 * 3 + 3);
  const fit = (o: { evaluate: Parameters<typeof minimiseLbfgs>[0]; dispose(): void }) => {
    try {
      return minimiseLbfgs(o.evaluate, start, { maxIterations: 500, tolerance: 1e-6 });
    } finally {
      o.dispose();
    }
  };
  const a = fit(tensorObjective({ xs, ys, classes: 3, penalty: 1 / 90 }));
  const b = fit(loopObjective({ xs, ys, classes: 3, penalty: 1 / 90 }));
  const gap = Math.max(...a.map((v, i) => Math.abs(v - b[i])));
  assert.ok(gap < 1e-3, `largest weight difference ${gap}`);
});
