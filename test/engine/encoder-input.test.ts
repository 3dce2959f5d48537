import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { encoderInput, encoderInputSteps, type EvidenceRequest } from '../../src/engine/encoder-input.js';
import { applyRecipe, fitPreprocess, runPaced } from '../../src/preprocess/index.js';
import { blobTable } from './helpers.js';

before(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

/** 90 blobs of 60 genes (a PCA to 50 then runs), the first 60 cells training, the rest held out. */
async function setting() {
  const table = blobTable({ classes: 3, perClass: 30, genes: 60 });
  const pre = await fitPreprocess(table.values, table.genes, { seed: 1 });
  const labels = Int32Array.from({ length: 90 }, (_, r) => r % 3);
  const parts = {
    train: Array.from({ length: 60 }, (_, r) => r),
    holdout: Array.from({ length: 30 }, (_, r) => 60 + r),
    unlabeled: [],
  };
  /** The encoder's input of the setting's table, with `indices` as its label codes. */
  const build = (indices: Int32Array, request: EvidenceRequest, classes = ['a', 'b', 'c']) =>
    encoderInput(pre, table, { indices, classes }, parts, parts.train, request);
  return { table, pre, labels, parts, build };
}

test('the class evidence is fitted on the training cells’ genes: the hold-out’s labels never reach it', async () => {
  const { labels, build } = await setting();
  const a = build(labels, { scale: 10, seed: 3 });
  const b = build(
    labels.map((l, r) => (r >= 60 ? (l + 1) % 3 : l)),
    { scale: 10, seed: 3 },
  );
  assert.equal(a.recipe.classEvidence?.space, 'genes');
  assert.deepEqual(b.recipe, a.recipe);
  assert.deepEqual(b.all, a.all);
});

test('every cell’s input, the training cells’ too, is the recipe’s: the PCs, then the evidence columns', async () => {
  const { table, pre, labels, build } = await setting();
  const run = build(labels, { scale: 10, seed: 3 });
  const k = 3;
  const width = pre.matrix.cols + k;
  assert.deepEqual([run.all.rows, run.all.cols], [90, width]);
  const again = applyRecipe(run.recipe, table.values, table.genes).matrix;
  for (let i = 0; i < again.data.length; i++) {
    assert.ok(Math.abs(again.data[i] - run.all.data[i]) <= 1e-5 * Math.abs(again.data[i]) + 1e-5);
  }
  for (let r = 0; r < 90; r++) {
    for (let j = 0; j < pre.matrix.cols; j++)
      assert.equal(run.all.data[r * width + j], pre.matrix.data[r * pre.matrix.cols + j]);
  }
  assert.deepEqual(run.trainX.data, run.all.data.subarray(0, 60 * width));
  assert.deepEqual(run.neighbourSpace?.data, pre.matrix.data.subarray(0, 60 * pre.matrix.cols));
});

test('scale 0 leaves the input as it is; a fixed step (fine-tuning) is used as it is', async () => {
  const { pre, labels, build } = await setting();
  const off = build(labels, { scale: 0, seed: 3 });
  assert.equal(off.all, pre.matrix);
  assert.equal(off.neighbourSpace, undefined);
  const first = build(labels, { scale: 10, seed: 3 });
  const step = first.recipe.classEvidence!;
  const merged = labels.map((l) => Math.min(l, 1));
  const tuned = build(merged, { scale: 10, seed: 9, fixed: step }, ['a', 'b']);
  assert.equal(tuned.recipe.classEvidence, step);
  assert.deepEqual(tuned.all, first.all);
});

test('evidence noise: sd × each evidence column’s spread over the training rows, none on the PCs, none when off', async () => {
  const { pre, labels, build } = await setting();
  const run = build(labels, { scale: 10, seed: 3, noise: 0.5 });
  const noise = run.inputNoise!;
  const cols = run.trainX.cols;
  assert.equal(noise.length, cols);
  for (let c = 0; c < pre.matrix.cols; c++) assert.equal(noise[c], 0);
  for (let c = pre.matrix.cols; c < cols; c++) {
    const v = Array.from({ length: run.trainX.rows }, (_, r) => run.trainX.data[r * cols + c]);
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length);
    assert.ok(sd > 0);
    assert.ok(Math.abs(noise[c] - 0.5 * sd) <= 1e-5 * sd, `column ${c}: ${noise[c]} against ${0.5 * sd}`);
  }
  assert.equal(build(labels, { scale: 10, seed: 3 }).inputNoise, undefined);
  assert.equal(build(labels, { scale: 10, seed: 3, noise: 0 }).inputNoise, undefined);
  assert.equal(build(labels, { scale: 0, seed: 3, noise: 0.5 }).inputNoise, undefined);
});

test('the paced input says the fit, then the class evidence of the cells as they go, and is the same input', async () => {
  const { table, pre, labels, parts, build } = await setting();
  const request = { scale: 10, seed: 3 };
  const steps: string[] = [];
  const paced = await runPaced(
    encoderInputSteps(pre, table, { indices: labels, classes: ['a', 'b', 'c'] }, parts, parts.train, request),
    (step) => {
      steps.push(step.done === undefined ? step.name : `${step.name} ${step.done}/${step.total}`);
      return Promise.resolve();
    },
  );
  // the fit's L-BFGS iterations, counting up from 0 of at most 100, then the pass over every cell
  const fit = steps.filter((s) => s.startsWith('class-evidence '));
  assert.ok(fit.length > 2, steps.join(', '));
  assert.deepEqual(
    fit,
    fit.map((_, i) => `class-evidence ${i}/100`),
  );
  assert.deepEqual(steps.slice(fit.length), ['evidence-rows 0/90', 'evidence-rows 90/90']);
  const plain = build(labels, request);
  assert.deepEqual(paced.recipe, plain.recipe);
  assert.deepEqual(paced.all, plain.all);
});
