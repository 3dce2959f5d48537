import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stageStepText } from '../../src/api/stage-step.js';
import { rowWords } from '../../src/api/file-format.js';

test("a step's words say its count in its own unit, the table's rows by their name", () => {
  const cells = rowWords('h5ad');
  assert.equal(stageStepText({ name: 'neighbours' }, cells), 'finding input-space neighbours');
  assert.equal(
    stageStepText({ name: 'library-sizes', done: 1, total: 1 }, rowWords('text')),
    'library sizes, 1 of 1 row',
  );
  assert.equal(stageStepText({ name: 'pca', done: 8, total: 9, unit: 'passes' }, cells), 'PCA, pass 9 of 9');
  assert.equal(
    stageStepText({ name: 'class-evidence', done: 12, total: 100, unit: 'iterations' }, cells),
    'fitting the class evidence, iteration 12 of at most 100',
  );
  assert.equal(
    stageStepText({ name: 'neighbours', done: 2048, total: 240_000, unit: 'queries' }, cells),
    'finding input-space neighbours, 2\u202f048 of 240\u202f000 queries',
  );
  assert.equal(
    stageStepText({ name: 'knn-input', done: 4096, total: 15_000 }, cells),
    'kNN accuracy in the input space, 4\u202f096 of 15\u202f000 cells',
  );
  assert.equal(stageStepText({ name: 'trustworthiness' }, cells), 'trustworthiness');
  assert.equal(
    stageStepText({ name: 'neighbour-trees', done: 2, total: 6, unit: 'trees' }, cells),
    "building the neighbour search's trees, 2 of 6 trees",
  );
  assert.equal(
    stageStepText({ name: 'encoder', done: 0, total: 5000, unit: 'whole' }, cells),
    'the encoder (5\u202f000 cells)',
  );
});
