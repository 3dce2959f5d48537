import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DenseMatrix } from '../../src/api/matrix.js';
import { selectRows } from '../../src/data/select-rows.js';
import {
  applyRecipe,
  classEvidenceColumns,
  describeRecipe,
  EVIDENCE_MAX_FIT_CELLS,
  evidenceFitRows,
  evidenceLoadings,
  fitClassEvidence,
  fitPreprocess,
  inputSpaceRecipe,
  keptGenesSource,
  readRows,
  type ClassEvidenceRecipe,
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

/** `classes(seed)` as genes, through the preprocessing without normalisation, PCA to `components`. */
async function preprocessed(seed: number, components: number) {
  const { x, labels } = classes(seed);
  const genes = geneNames(6);
  const fit = await fitPreprocess(x, genes, { normalize: false, log1p: false, pcaComponents: components });
  return { x, labels, genes, ...fit };
}

/** `recipe` with `step` appended, through JSON as a saved model keeps it. */
function savedWithStep(recipe: PreprocessRecipe, step: ClassEvidenceRecipe): PreprocessRecipe {
  const k = step.classes.length;
  return JSON.parse(
    JSON.stringify({ ...recipe, classEvidence: step, outputColumns: recipe.outputColumns + k }),
  ) as PreprocessRecipe;
}

/** The rows `rows` of `x` and their labels, what the step is fitted on. */
function fitted(x: DenseMatrix, labels: Int32Array, rows: number[]) {
  return { x: selectRows(x, rows), labels: Int32Array.from(rows, (r) => labels[r]) };
}

test('every cell gets the one model’s evidence, at `scale` × the input’s RMS over the fitted cells; it points at the class', () => {
  const { x, labels } = classes(1);
  const fit = fitted(x, labels, train);
  const recipe = fitClassEvidence(fit.x, fit.labels, names, { scale: 10, c: 1 });
  assert.ok(Math.abs(rms(classEvidenceColumns(recipe, fit.x)) / rms(fit.x.data) - 10) < 1e-9);
  // `inputRms` scales to another input (the PCs, when the classifier reads the genes)
  const scaled = fitClassEvidence(fit.x, fit.labels, names, { scale: 10, c: 1, inputRms: 2 });
  assert.ok(Math.abs(rms(classEvidenceColumns(scaled, fit.x)) - 20) < 1e-9);
  const all = classEvidenceColumns(recipe, x);
  let hits = 0;
  for (let r = 90; r < 120; r++) {
    const row = Array.from(all.subarray(r * 3, r * 3 + 3));
    if (row.indexOf(Math.max(...row)) === labels[r]) hits++;
  }
  assert.ok(hits >= 27, `${hits} of 30 held-out cells`);
});

test('above the fitting cap a seeded sample of the training rows is fitted; below it, all of them', () => {
  assert.deepEqual(evidenceFitRows(train, seededRandom(6), 200), train);
  const sample = evidenceFitRows(train, seededRandom(6), 30);
  assert.equal(sample.length, 30);
  assert.equal(new Set(sample).size, 30);
  assert.ok(sample.every((r) => train.includes(r)));
  assert.deepEqual(
    evidenceFitRows(train, seededRandom(6), 30),
    sample,
    'the same seed draws the same sample',
  );
  assert.equal(EVIDENCE_MAX_FIT_CELLS, 2000);
});

test('the step as a linear map: z · loadings + offsets is its scaled centred logits (worked by hand)', () => {
  // two classes, two columns: logits (1·z1, 3·z2 + 2); centred: ±(z1 − 3·z2 − 2)/2; × factor 2
  const recipe = { classes: ['p', 'q'], weights: [1, 0, 0, 3], bias: [0, 2], factor: 2, c: 1 };
  const { loadings, offsets } = evidenceLoadings(recipe, 2);
  assert.deepEqual(Array.from(loadings), [1, -1, -3, 3]);
  assert.deepEqual(Array.from(offsets), [-2, 2]);
  const z: DenseMatrix = { data: Float32Array.from([1, 1]), rows: 1, cols: 2 };
  // (1 − 3 − 2) / 2 × 2 = −4 for p, +4 for q
  assert.deepEqual(Array.from(classEvidenceColumns(recipe, z)), [-4, 4]);
});

test('a classifier that learns nothing (identical cells) adds weak columns, not noise amplified to the input’s scale', () => {
  const x: DenseMatrix = { data: new Float32Array(60 * 4).fill(1), rows: 60, cols: 4 };
  const labels = Int32Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? 0 : 1));
  const recipe = fitClassEvidence(x, labels, ['p', 'q'], { scale: 10 });
  // the class counts (1 : 2) give logits under a nat, which stay at that size × scale × RMS(x) / 1 nat
  assert.equal(recipe.factor, 10);
  const columns = classEvidenceColumns(recipe, x);
  assert.ok(rms(columns) < 0.5 * 10, `RMS ${rms(columns)}`);
});

test('a recipe whose step reads its output (saved before the genes step, or without a PCA) still applies, through JSON; its input space drops the columns', async () => {
  const { x, labels, genes, matrix, recipe } = await preprocessed(5, 4);
  const fit = fitted(matrix, labels, train);
  const step = fitClassEvidence(fit.x, fit.labels, names, { scale: 10 });
  assert.equal(step.space, undefined);
  const withStep = savedWithStep(recipe, step);
  const applied = applyRecipe(withStep, x, genes).matrix;
  assert.equal(applied.cols, 7);
  const evidence = classEvidenceColumns(step, matrix);
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
  const damaged = { ...withStep, classEvidence: { ...step, weights: step.weights.slice(1) } };
  assert.throws(() => applyRecipe(damaged, x, genes), /damaged or from an incompatible version/);
});

test('a step reading the genes: fitted on the kept genes of the training rows, applied to new cells by name, after the PCA’s columns', async () => {
  const { x, labels, genes, matrix, recipe } = await preprocessed(6, 2);
  const kept = readRows(keptGenesSource(recipe, x, genes), train);
  assert.deepEqual([kept.rows, kept.cols], [90, 6]);
  const step = fitClassEvidence(
    kept,
    Int32Array.from(train, (r) => labels[r]),
    names,
    {
      scale: 10,
      space: 'genes',
    },
  );
  assert.equal(step.space, 'genes');
  const withStep = savedWithStep(recipe, step);
  // the same matrix with its genes in another order: the recipe reads them by name
  const order = [5, 3, 1, 0, 2, 4];
  const shuffled: DenseMatrix = {
    data: Float32Array.from({ length: x.rows * 6 }, (_, i) => x.data[Math.floor(i / 6) * 6 + order[i % 6]]),
    rows: x.rows,
    cols: 6,
  };
  const applied = applyRecipe(
    withStep,
    shuffled,
    order.map((j) => genes[j]),
  ).matrix;
  assert.equal(applied.cols, 5);
  const every = readRows(keptGenesSource(recipe, x, genes), [...Array(x.rows).keys()]);
  const evidence = classEvidenceColumns(step, every);
  for (let r = 0; r < x.rows; r++) {
    for (let j = 0; j < 2; j++) assert.equal(applied.data[r * 5 + j], matrix.data[r * 2 + j]);
    for (let c = 0; c < 3; c++) {
      const want = evidence[r * 3 + c];
      assert.ok(Math.abs(applied.data[r * 5 + 2 + c] - want) <= 1e-4 * Math.abs(want) + 1e-4);
    }
  }
  // its weights are one a class and kept gene: a step of the PCs' width is refused
  const damaged = { ...withStep, classEvidence: { ...step, weights: step.weights.slice(0, 3 * 2) } };
  assert.throws(() => applyRecipe(damaged, x, genes), /damaged or from an incompatible version/);
});
