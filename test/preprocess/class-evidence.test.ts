import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DenseMatrix } from '../../src/api/matrix.js';
import {
  applyRecipe,
  classEvidenceColumns,
  describeRecipe,
  fitClassEvidence,
  fitPreprocess,
  inputSpaceRecipe,
  type PreprocessRecipe,
} from '../../src/preprocess/index.js';
import { randomNormal, seededRandom } from '../../src/util/random.js';
import { geneNames, useCpuBackend } from './helpers.js';

before(useCpuBackend);

/** Three Gaussian classes in 6 columns, 40 cells each, 4 standard deviations from the origin on their own axis. */
function classes(seed: number): { x: DenseMatrix; labels: Int32Array } {
  const random = seededRandom(seed);
  const rows = 120;
  const data = new Float32Array(rows * 6);
  const labels = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    labels[r] = r % 3;
    for (let j = 0; j < 6; j++) data[r * 6 + j] = randomNormal(random) + (j === labels[r] ? 4 : 0);
  }
  return { x: { data, rows, cols: 6 }, labels };
}

const rms = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((s, x) => s + x * x, 0) / v.length);
const names = ['a', 'b', 'c'];
const train = Array.from({ length: 90 }, (_, i) => i);

test('the training cells get cross-fitted evidence at `scale` × the input’s RMS; other cells the full model’s', () => {
  const { x, labels } = classes(1);
  const fitted = fitClassEvidence(x, labels, train, names, { scale: 10, c: 1 }, seededRandom(2));
  const trainColumns = fitted.columnsFor(train);
  assert.ok(Math.abs(rms(trainColumns) / rms(x.data) - 10) < 1e-9);
  const full = classEvidenceColumns(fitted.recipe, x);
  // a training cell's own evidence is from a model fitted without it, so it differs from the full model's
  assert.ok(train.every((r) => Math.abs(trainColumns[r * 3] - full[r * 3]) > 1e-12));
  // a held-out cell's is the full model's, which the recipe reproduces
  const held = [90, 100, 119];
  const heldColumns = fitted.columnsFor(held);
  held.forEach((r, i) => {
    for (let c = 0; c < 3; c++) assert.equal(heldColumns[i * 3 + c], full[r * 3 + c]);
  });
  // the evidence points at the class: most held-out cells' largest column is their own
  let hits = 0;
  for (let r = 90; r < 120; r++) {
    const row = Array.from(full.subarray(r * 3, r * 3 + 3));
    if (row.indexOf(Math.max(...row)) === labels[r]) hits++;
  }
  assert.ok(hits >= 18, `${hits} of 30`);
});

test('above maxFitCells a seeded sample is fitted: its cells are cross-fitted, the other training cells get the full model’s evidence', () => {
  const { x, labels } = classes(2);
  const fit = () =>
    fitClassEvidence(x, labels, train, names, { scale: 10, c: 1, maxFitCells: 30 }, seededRandom(6));
  const fitted = fit();
  const own = fitted.columnsFor(train);
  const full = classEvidenceColumns(fitted.recipe, x);
  const crossFitted = train.filter((r) => own[r * 3] !== full[r * 3]);
  assert.equal(crossFitted.length, 30);
  const again = fit();
  assert.deepEqual(again.recipe, fitted.recipe, 'the same seed draws the same sample');
});

test('the hold-out’s labels never reach the step, and the same seed fits the same step', () => {
  const { x, labels } = classes(4);
  const a = fitClassEvidence(x, labels, train, names, { scale: 10 }, seededRandom(7));
  const relabelled = labels.map((l, i) => (i >= 90 ? (l + 1) % 3 : l));
  const b = fitClassEvidence(x, relabelled, train, names, { scale: 10 }, seededRandom(7));
  assert.deepEqual(b.recipe, a.recipe);
  assert.deepEqual(b.columnsFor(train), a.columnsFor(train));
});

test('a classifier that learns nothing (identical cells) adds weak columns, not noise amplified to the input’s scale', () => {
  const x: DenseMatrix = { data: new Float32Array(60 * 4).fill(1), rows: 60, cols: 4 };
  const labels = Int32Array.from({ length: 60 }, (_, i) => i % 2);
  const fitted = fitClassEvidence(
    x,
    labels,
    [...Array(60).keys()],
    ['p', 'q'],
    { scale: 10 },
    seededRandom(1),
  );
  // the folds' class counts give logits of well under a nat, which stay at that size × scale × RMS(x) / 1 nat
  const columns = fitted.columnsFor([...Array(60).keys()]);
  assert.equal(fitted.recipe.factor, 10);
  assert.ok(rms(columns) < 0.1 * 10, `RMS ${rms(columns)}`);
});

test('a recipe with the step, after a JSON round trip, appends the same columns to new cells; its input space drops them', async () => {
  const { x, labels } = classes(5);
  const genes = geneNames(6);
  const { matrix, recipe } = await fitPreprocess(x, genes, {
    normalize: false,
    log1p: false,
    pcaComponents: 4,
  });
  const fitted = fitClassEvidence(matrix, labels, train, names, { scale: 10 }, seededRandom(3));
  const withStep: PreprocessRecipe = JSON.parse(
    JSON.stringify({ ...recipe, classEvidence: fitted.recipe, outputColumns: recipe.outputColumns + 3 }),
  );
  const applied = applyRecipe(withStep, x, genes).matrix;
  assert.equal(applied.cols, 7);
  const evidence = classEvidenceColumns(fitted.recipe, matrix);
  for (let r = 0; r < x.rows; r++) {
    for (let j = 0; j < 4; j++) assert.equal(applied.data[r * 7 + j], matrix.data[r * 4 + j]);
    for (let c = 0; c < 3; c++) {
      assert.ok(
        Math.abs(applied.data[r * 7 + 4 + c] - evidence[r * 3 + c]) <=
          1e-5 * Math.abs(evidence[r * 3 + c]) + 1e-6,
      );
    }
  }
  assert.deepEqual(
    applyRecipe(inputSpaceRecipe(withStep), x, genes).matrix,
    applyRecipe(recipe, x, genes).matrix,
  );
  assert.match(describeRecipe(withStep), /\+ class evidence \(3 classes\) ⇒ 7 features/);
  // a step whose width does not match what it reads is refused as a damaged recipe
  const damaged = {
    ...withStep,
    classEvidence: { ...fitted.recipe, weights: fitted.recipe.weights.slice(1) },
  };
  assert.throws(() => applyRecipe(damaged, x, genes), /damaged or from an incompatible version/);
});
