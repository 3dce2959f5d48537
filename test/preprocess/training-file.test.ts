import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { asDense, importTable } from '../../src/data/index.js';
import {
  applyRecipe,
  describeRecipe,
  fitPreprocess,
  type PreprocessRecipe,
} from '../../src/preprocess/index.js';
import { sharedDataPath } from '../../src/util/paths.js';
import { useCpuBackend } from './helpers.js';

before(useCpuBackend);

for (const name of ['pbmc_small_counts.csv', 'golub_leukemia.csv']) {
  test(`${name}: the recipe re-applied to a fresh import of the training file reproduces it exactly`, async () => {
    // Default options: counts are normalised and log-transformed, golub (3 051 genes, 38 cells) keeps the
    // top 2 000 genes and its PCA is capped at 37 components.
    const first = await importTable(sharedDataPath(name));
    const { matrix, recipe } = await fitPreprocess(asDense(first.values), first.genes);
    assert.ok(matrix.data.every(Number.isFinite));
    const stored = JSON.parse(JSON.stringify(recipe)) as PreprocessRecipe;
    const second = await importTable(sharedDataPath(name));
    const again = applyRecipe(stored, asDense(second.values), second.genes);
    assert.deepEqual(again.missingGenes, []);
    assert.equal(again.matrix.rows, matrix.rows);
    assert.equal(again.matrix.cols, matrix.cols);
    assert.ok(
      again.matrix.data.every((v, i) => Object.is(v, matrix.data[i])),
      `bit-exact (${describeRecipe(recipe)})`,
    );
  });
}
