/**
 * The PCA's input (the z-scored kept genes) is kept in memory when the memory guard says it fits and
 * recomputed from the input on every pass when it does not: both routes must give the same bits (dense or CSR
 * input, re-applied or not), and a Stop at any pause must end either one without leaving a tensor behind.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { denseToCsr } from '../../src/data/sparse.js';
import type { DenseMatrix } from '../../src/api/matrix.js';
import { applyRecipe, fitPreprocess } from '../../src/preprocess/index.js';
import { keepsPcaInput } from '../../src/preprocess/kept-input.js';
import { seededRandom } from '../../src/util/random.js';
import { geneNames, useCpuBackend } from './helpers.js';

before(useCpuBackend);

const GIB = 2 ** 30;

/** Counts of two cell groups with a few outliers (which the clip at ±2 cuts), ~30 % stored. */
function counts(rows: number, cols: number, seed: number): DenseMatrix {
  const random = seededRandom(seed);
  const data = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const rate = (r % 2 === c % 3 ? 0.5 : 0.2) + (c < 4 ? 0.3 : 0);
      if (random() < rate) data[r * cols + c] = 1 + Math.floor(random() * (random() < 0.02 ? 60 : 4));
    }
  }
  return { data, rows, cols };
}

function bits(a: Float32Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

test('an atlas-sized PCA input is kept when the memory guard has room for it, not above half of it', () => {
  // 200 000 cells × 2 000 kept genes: 1.6 GB of float32, recomputed on every pass under the old fixed 1 GiB rule
  assert.equal(keepsPcaInput(200_000, 2_000, 17 * GIB), true);
  assert.equal(keepsPcaInput(200_000, 2_000, 2.9 * GIB), false);
  assert.equal(keepsPcaInput(200_000, 2_000, 3.2 * GIB), true);
  // 3 million cells × 2 000 genes fit in 64 GB of memory but not in one Float32Array (2³² elements)
  assert.equal(keepsPcaInput(3_000_000, 2_000, 64 * GIB), false);
  assert.equal(keepsPcaInput(2_000_000, 2_000, 64 * GIB), true);
});

test('a kept and a recomputed PCA input give the same bits, from dense and CSR input', async () => {
  const dense = counts(150, 60, 3);
  const genes = geneNames(60);
  const options = { topGenes: 40, pcaComponents: 6, clip: 2, seed: 5 };
  const kept = await fitPreprocess(dense, genes, options, undefined, 64 * GIB);
  const recomputed = await fitPreprocess(dense, genes, options, undefined, 0);
  const csrRecomputed = await fitPreprocess(denseToCsr(dense), genes, options, undefined, 0);
  const csrKept = await fitPreprocess(denseToCsr(dense), genes, options, undefined, 64 * GIB);
  assert.ok(kept.recipe.pca && kept.recipe.pca.iterations > 0);
  for (const other of [recomputed, csrRecomputed, csrKept]) {
    assert.deepStrictEqual(other.recipe, kept.recipe);
    assert.ok(bits(other.matrix.data).equals(bits(kept.matrix.data)));
  }
  const reapplied = applyRecipe(JSON.parse(JSON.stringify(kept.recipe)), denseToCsr(dense), genes);
  assert.ok(bits(reapplied.matrix.data).equals(bits(kept.matrix.data)));
});

test('a Stop at any pause ends the fit on either route and leaves no tensor behind', async () => {
  const dense = counts(80, 30, 4);
  const csr = denseToCsr(dense);
  const genes = geneNames(30);
  const options = { topGenes: 20, pcaComponents: 3, seed: 1 };
  const pausesOf = async (available: number) => {
    let pauses = 0;
    await fitPreprocess(csr, genes, options, () => Promise.resolve(void pauses++), available);
    return pauses;
  };
  const keptPauses = await pausesOf(64 * GIB);
  const recomputedPauses = await pausesOf(0);
  // the kept route pauses twice more: as it starts computing the input it keeps, and after its one block
  assert.equal(keptPauses, recomputedPauses + 2);
  const tensors = tf.memory().numTensors;
  for (const [available, pauses] of [
    [64 * GIB, keptPauses],
    [0, recomputedPauses],
  ]) {
    for (let stopAt = 1; stopAt <= pauses; stopAt++) {
      let seen = 0;
      const stopping = () => (++seen === stopAt ? Promise.reject(new Error('stopped')) : Promise.resolve());
      await assert.rejects(fitPreprocess(csr, genes, options, stopping, available), /stopped/);
      assert.equal(tf.memory().numTensors, tensors, `tensors left after a stop at pause ${stopAt}`);
    }
  }
});
