import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fitPca, matrixSource, projectRows } from '../../src/preprocess/index.js';
import { SKLEARN_X } from '../evaluate/reference-data.js';
import { assertClose, randomMatrix, useCpuBackend } from './helpers.js';

before(useCpuBackend);

// The 14 × 5 reference matrix the metric tests use too (see ../evaluate/reference-data.ts: numpy default_rng(7),
// normal, rounded to 2 decimals); the expected numbers are scikit-learn 1.9.1's PCA(n_components=3,
// svd_solver='full') on it: explained_variance_, explained_variance_ratio_, components_ (here transposed) and
// transform(X). Computed in a throwaway venv:
//   p = PCA(3, svd_solver='full').fit(X); p.explained_variance_, p.components_, p.transform(X)
const SKLEARN_VARIANCE = [1.45070620002207, 1.1149129412196814, 0.7153134658290189];
const SKLEARN_RATIO = [0.3723856358792264, 0.2861899704845498, 0.18361571751858516];
const SKLEARN_COMPONENTS = [
  [-0.5987855756445587, 0.25614632341038207, -0.31385299333641337, 0.09415898408952116, 0.6844525401314261],
  [-0.16928709658653196, 0.7275088415078529, 0.5622285367109232, -0.33528618162076124, -0.1164259995845783],
  [0.16022043018961513, 0.21870554465700842, 0.3210357343398065, 0.9037923093491796, 0.08119616569958117],
];
const SKLEARN_SCORES_FIRST_ROWS = [
  [-0.29963477402560945, 0.4211272738132542, -0.33308608428860687],
  [-0.3523088292141476, 1.2049852688576963, 0.3203874669638236],
];

test('matches scikit-learn PCA on a 14 × 5 matrix (variance, loadings, scores)', () => {
  const source = matrixSource(SKLEARN_X);
  const fit = fitPca(source, 3, { seed: 0 });
  assertClose(fit.explainedVariance, SKLEARN_VARIANCE, 1e-5);
  assertClose(fit.explainedVarianceRatio, SKLEARN_RATIO, 1e-6);
  // Sign convention here: each component's largest-magnitude loading is positive — scikit-learn's happen
  // to satisfy it too on this matrix, so the loadings compare directly.
  const transposed = SKLEARN_COMPONENTS[0].flatMap((_, g) => SKLEARN_COMPONENTS.map((c) => c[g]));
  assertClose(fit.loadings, transposed, 1e-5);
  const scores = projectRows(source, fit.mean, fit.loadings, 3);
  assertClose(scores.subarray(0, 6), SKLEARN_SCORES_FIRST_ROWS.flat(), 1e-5);
});

function alignment(a: Float64Array, b: Float64Array, genes: number, k: number, c: number): number {
  let dot = 0;
  for (let g = 0; g < genes; g++) dot += a[g * k + c] * b[g * k + c];
  return Math.abs(dot);
}

test('randomised subspace iteration agrees with the exact decomposition', () => {
  // 300 × 80 with a planted rank-3 signal: K = 3 with the default oversampling (13 of 80 directions,
  // 7 iterations) against oversampling 77 (the whole space: Rayleigh–Ritz alone, exact).
  const source = matrixSource(randomMatrix(300, 80, 9));
  const fast = fitPca(source, 3, { seed: 1 });
  const exact = fitPca(source, 3, { seed: 1, oversample: 77 });
  assert.equal(exact.iterations, 0);
  assert.equal(fast.iterations, 7);
  assertClose(
    fast.explainedVariance.map((v, i) => v / exact.explainedVariance[i]),
    [1, 1, 1],
    1e-5,
  );
  for (let c = 0; c < 3; c++) assert.ok(alignment(fast.loadings, exact.loadings, 80, 3, c) > 0.99999);
});

test('one seed gives identical components; components are orthonormal', () => {
  const source = matrixSource(randomMatrix(120, 40, 4));
  const a = fitPca(source, 5, { seed: 3 });
  const b = fitPca(source, 5, { seed: 3 });
  assert.deepEqual(Array.from(a.loadings), Array.from(b.loadings));
  for (let c = 0; c < 5; c++) {
    for (let d = 0; d < 5; d++) {
      let dot = 0;
      for (let g = 0; g < 40; g++) dot += a.loadings[g * 5 + c] * a.loadings[g * 5 + d];
      assert.ok(Math.abs(dot - (c === d ? 1 : 0)) < 1e-9);
    }
  }
});

test('fewer cells than directions (rank-deficient) still gives a full orthonormal basis', () => {
  // 6 cells × 40 genes: centred rank ≤ 5, while K + oversample = 15 directions are carried.
  const source = matrixSource(randomMatrix(6, 40, 8));
  const fit = fitPca(source, 5, { seed: 0 });
  assert.ok(fit.explainedVariance.every((v) => Number.isFinite(v) && v >= 0));
  assert.ok(fit.loadings.every(Number.isFinite));
  const total = fit.explainedVarianceRatio.reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(total - 1) < 1e-5, `5 components of rank-5 data explain everything (${total})`);
});

test('a row source that fails mid-fit or mid-projection leaves no tensor behind', async () => {
  const tf = await import('@tensorflow/tfjs');
  const m = randomMatrix(40, 20, 11);
  /** The matrix as a source whose read number `failAt` throws (1-based over the whole fit). */
  const failing = (failAt: number) => {
    let reads = 0;
    const source = matrixSource(m);
    return {
      ...source,
      read: (r0: number, r1: number, out: Float32Array) => {
        if (++reads === failAt) throw new Error(`disk gone at read ${failAt}`);
        source.read(r0, r1, out);
      },
    };
  };
  const fit = fitPca(matrixSource(m), 2, { seed: 1, iterations: 4 });
  const before = tf.memory().numTensors;
  // read 1: the mean; 2–5: the four power iterations (the first also sums the total variance); 6: Rayleigh–Ritz
  for (const failAt of [2, 5, 6]) {
    assert.throws(() => fitPca(failing(failAt), 2, { seed: 1, iterations: 4 }), /disk gone/);
    assert.equal(tf.memory().numTensors, before, `tensors left after failing at read ${failAt}`);
  }
  assert.throws(() => projectRows(failing(1), fit.mean, fit.loadings, 2), /disk gone/);
  assert.equal(tf.memory().numTensors, before, 'tensors left after a failed projection');
});

test('the PCA reads its input iterations + 2 times, the total variance summed during the first product', () => {
  const m = randomMatrix(90, 25, 12);
  const plain = matrixSource(m);
  let reads = 0;
  const counted = {
    ...plain,
    read: (r0: number, r1: number, out: Float32Array) => {
      if (r0 === 0) reads++;
      plain.read(r0, r1, out);
    },
  };
  const fit = fitPca(counted, 3, { seed: 2, iterations: 4 });
  // the mean, four products, the Rayleigh–Ritz matrix (a separate total-variance pass made it 7)
  assert.equal(reads, 6);
  // the total variance in float64, row by row, as one pass of its own sums it
  let total = 0;
  for (let i = 0; i < m.data.length; i += m.cols) {
    for (let j = 0; j < m.cols; j++) {
      const d = m.data[i + j] - fit.mean[j];
      total += d * d;
    }
  }
  total /= m.rows - 1;
  assert.deepEqual(
    fit.explainedVarianceRatio,
    fit.explainedVariance.map((v) => v / total),
  );
  reads = 0;
  const exact = fitPca(counted, 3, { seed: 2, oversample: 22 });
  assert.equal(exact.iterations, 0);
  assert.equal(reads, 2, 'without iterations the total rides with the Rayleigh–Ritz pass');
  assert.deepEqual(
    exact.explainedVarianceRatio,
    exact.explainedVariance.map((v) => v / total),
  );
});
