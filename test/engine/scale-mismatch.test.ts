// embed warns when the new file's values are not on the scale the model was trained on: a counts model
// (normalise + log1p) fed log-normalised values, or a model of transformed values fed raw counts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scaleMismatch } from '../../src/engine/scale-mismatch.js';
import type { DenseMatrix } from '../../src/api/matrix.js';
import type { PreprocessRecipe } from '../../src/preprocess/types.js';

const dense = (values: number[]): DenseMatrix => ({
  rows: values.length / 2,
  cols: 2,
  data: Float32Array.from(values),
});

function recipe(normalize: boolean, log1p: boolean): Pick<PreprocessRecipe, 'normalize' | 'log1p'> {
  return { normalize: normalize ? { targetSum: 10_000 } : null, log1p };
}

const COUNTS = dense([0, 3, 5, 1]);
const LOGGED = dense([0, 1.386, 1.792, 0.693]);

test('a counts model fed log-normalised values is warned about, naming the file and --layer counts', () => {
  const message = scaleMismatch(recipe(true, true), LOGGED, 'pbmc.h5ad', 'cli', 'h5ad');
  assert.ok(message);
  assert.match(message, /trained on raw counts/);
  assert.match(message, /pbmc\.h5ad holds log or normalised data/);
  assert.match(message, /--layer counts/);
  assert.ok(scaleMismatch(recipe(false, true), LOGGED, 'x.csv'), 'log1p alone expects counts too');
});

test('a model of transformed values fed raw counts is warned about', () => {
  const message = scaleMismatch(recipe(false, false), COUNTS, 'tenx');
  assert.ok(message);
  assert.match(message, /tenx holds raw counts/);
});

test('matching scales give no warning', () => {
  assert.equal(scaleMismatch(recipe(true, true), COUNTS, 'a'), undefined);
  assert.equal(scaleMismatch(recipe(false, false), LOGGED, 'b'), undefined);
});

test("the app's wording names its Matrix field, not the CLI's --layer", () => {
  const counts = scaleMismatch(recipe(true, true), LOGGED, 'new.h5ad', 'app', 'h5ad');
  assert.ok(counts);
  assert.match(counts, /its layers\/counts: choose it under Project another file ▸ Matrix/);
  assert.doesNotMatch(counts, /--layer/);
  const other = scaleMismatch(recipe(false, false), COUNTS, 'new.h5ad', 'app', 'h5ad');
  assert.ok(other);
  assert.match(other, /choose that matrix under Project another file ▸ Matrix/);
  assert.doesNotMatch(other, /--layer/);
});

test("the hint is worded per format: a loom's own matrix names, none for a format of one matrix", () => {
  for (const words of ['cli', 'app'] as const) {
    const counts = scaleMismatch(recipe(true, true), LOGGED, 'new.loom', words, 'loom');
    assert.ok(counts);
    // a loom has no layers/counts: its counts are usually its main matrix, 'matrix'
    assert.doesNotMatch(counts, /h5ad|layers\/counts|--layer counts/);
    assert.match(
      counts,
      words === 'cli' ? /in a loom usually its main matrix, --layer matrix\)\.$/ : /choose matrix under/,
    );
    const other = scaleMismatch(recipe(false, false), COUNTS, 'new.loom', words, 'loom');
    assert.ok(other);
    assert.doesNotMatch(other, /h5ad/);
    assert.match(other, /in a loom, choose that layer/);
  }
  for (const format of ['text', '10x-h5', '10x-mtx', 'mtx', undefined] as const) {
    assert.match(
      scaleMismatch(recipe(true, true), LOGGED, 'new', 'cli', format) ?? '',
      /the map will be wrong\. Give the raw counts\.$/,
      String(format),
    );
    assert.match(
      scaleMismatch(recipe(false, false), COUNTS, 'new', 'app', format) ?? '',
      /Give values transformed as the training data was\.$/,
      String(format),
    );
  }
});
