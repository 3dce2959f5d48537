import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import type { DenseMatrix } from '../../src/api/matrix.js';
import {
  applyRecipe,
  fitPreprocess,
  PreprocessError,
  type PreprocessRecipe,
} from '../../src/preprocess/index.js';
import { assertClose, column, geneNames, randomMatrix, readSharedCsv, useCpuBackend } from './helpers.js';

before(useCpuBackend);

function sameBits(a: Float32Array, b: Float32Array): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}

function selectColumns(m: DenseMatrix, columns: number[]): DenseMatrix {
  const data = new Float32Array(m.rows * columns.length);
  for (let r = 0; r < m.rows; r++)
    columns.forEach((c, j) => (data[r * columns.length + j] = m.data[r * m.cols + c]));
  return { data, rows: m.rows, cols: columns.length };
}

test('a recipe re-applied to its training file (after a JSON round trip) reproduces it bit for bit', async () => {
  // Counts: every step runs (normalise, log1p, top genes, z-score, PCA). Re-application goes through the
  // same float64 row arithmetic and the same fixed tfjs blocks, so on one backend the bits match exactly.
  const { matrix, genes } = readSharedCsv('pbmc_small_counts.csv');
  const { matrix: trained, recipe } = await fitPreprocess(matrix, genes, {
    topGenes: 200,
    pcaComponents: 20,
  });
  assert.equal(trained.cols, 20);
  assert.equal(recipe.genes.length, 200);
  const stored = JSON.parse(JSON.stringify(recipe)) as PreprocessRecipe;
  const again = applyRecipe(stored, matrix, genes);
  assert.deepEqual(again.missingGenes, []);
  assert.ok(sameBits(again.matrix.data, trained.data), 'bit-exact');
  assert.ok(trained.data.every(Number.isFinite));
});

test('genes are aligned by name: reordered and extra columns give the same result', async () => {
  const { matrix, genes } = readSharedCsv('pbmc68k_reduced_lognorm.csv');
  const { matrix: trained, recipe } = await fitPreprocess(matrix, genes, {
    topGenes: 300,
    pcaComponents: 10,
  });
  // Reverse the gene order and append a gene the recipe never saw.
  const order = genes.map((_, i) => genes.length - 1 - i);
  const reversed = selectColumns(matrix, [...order, 0]);
  const names = [...order.map((i) => genes[i]), 'NOT_A_GENE'];
  const again = applyRecipe(recipe, reversed, names);
  assert.deepEqual(again.missingGenes, []);
  // Without normalisation each kept value goes through the same arithmetic wherever its column sits, and
  // the PCA blocks see the same numbers, so the result is identical.
  assert.ok(sameBits(again.matrix.data, trained.data));
});

test('missing genes are reported and filled with the training mean (0 after z-scoring)', async () => {
  const { matrix, genes } = readSharedCsv('pbmc68k_reduced_lognorm.csv');
  const { matrix: trained, recipe } = await fitPreprocess(matrix, genes, { topGenes: 50, pcaComponents: 0 });
  const dropped = [recipe.genes[3], recipe.genes[10]];
  const keep = genes.map((_, i) => i).filter((i) => !dropped.includes(genes[i]));
  const partial = applyRecipe(
    recipe,
    selectColumns(matrix, keep),
    keep.map((i) => genes[i]),
  );
  assert.deepEqual(partial.missingGenes, dropped);
  assert.deepEqual(column(partial.matrix, 3), new Array(matrix.rows).fill(0));
  assert.deepEqual(column(partial.matrix, 10), new Array(matrix.rows).fill(0));
  assert.deepEqual(column(partial.matrix, 4), column(trained, 4));

  // Without z-score the fill is the gene's training mean.
  const raw = await fitPreprocess(matrix, genes, { topGenes: 50, zscore: false, pcaComponents: 0 });
  const rawPartial = applyRecipe(
    raw.recipe,
    selectColumns(matrix, keep),
    keep.map((i) => genes[i]),
  );
  assert.deepEqual(
    column(rawPartial.matrix, 3),
    new Array(matrix.rows).fill(Math.fround(raw.recipe.means[3])),
  );
});

test('rows are transformed independently across block boundaries', async () => {
  // 3 000 × 1 400: blocks of ⌊2²² / 1 400⌋ = 2 995 rows, so the last 5 rows form a second block.
  const m = randomMatrix(3000, 1400, 11);
  const genes = geneNames(1400);
  const { matrix: all, recipe } = await fitPreprocess(m, genes, { pcaComponents: 0 });
  const tail: DenseMatrix = { data: m.data.slice(2990 * 1400), rows: 10, cols: 1400 };
  const alone = applyRecipe(recipe, tail, genes);
  assert.ok(sameBits(alone.matrix.data, all.data.subarray(2990 * 1400)));
});

test('PCA output of a subset matches the full run (different block shapes, float32 tolerance)', async () => {
  const m = randomMatrix(400, 120, 5);
  const genes = geneNames(120);
  const { matrix: all, recipe } = await fitPreprocess(m, genes, { pcaComponents: 8 });
  const head: DenseMatrix = { data: m.data.slice(0, 7 * 120), rows: 7, cols: 120 };
  assertClose(applyRecipe(recipe, head, genes).matrix.data, all.data.subarray(0, 7 * 8), 1e-4);
});

test('damaged recipes and mismatched inputs are refused clearly', async () => {
  const m = randomMatrix(30, 12, 2);
  const genes = geneNames(12);
  const { recipe } = await fitPreprocess(m, genes, { pcaComponents: 4 });
  const broken = { ...recipe, means: recipe.means.slice(1) };
  assert.throws(
    () => applyRecipe(broken, m, genes),
    (e: unknown) => e instanceof PreprocessError && e.kind === 'recipe',
  );
  assert.throws(() => applyRecipe(recipe, m, genes.slice(1)), /11 gene names for a matrix with 12/);
  // A matrix sharing no gene is still transformed (every gene filled); callers decide whether to refuse
  // it — embedWithModel does, with its own message.
  const strangers = applyRecipe(
    recipe,
    m,
    genes.map((g) => `ENSG_${g}`),
  );
  assert.equal(strangers.missingGenes.length, 12);
  const nan = { ...m, data: m.data.slice() };
  nan.data[5 * 12 + 2] = Infinity;
  assert.throws(() => applyRecipe(recipe, nan, genes), /row 6, gene 'g2' holds Infinity/);
});

test('tf.memory().numTensors does not grow across fits and applications', async () => {
  const m = randomMatrix(200, 80, 3);
  const genes = geneNames(80);
  const { recipe } = await fitPreprocess(m, genes, { pcaComponents: 5 });
  applyRecipe(recipe, m, genes);
  const before = tf.memory().numTensors;
  for (let i = 0; i < 3; i++) {
    const fitted = await fitPreprocess(m, genes, { pcaComponents: 5, seed: i });
    applyRecipe(fitted.recipe, m, genes);
  }
  assert.equal(tf.memory().numTensors, before);
});
