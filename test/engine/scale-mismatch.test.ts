// embed warns when the new file's values are not on the scale the model was trained on: a counts model
// (normalise + log1p) fed log-normalised values, or a model of transformed values fed raw counts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countsHint, scaleMismatch } from '../../src/engine/scale-mismatch.js';
import type { DenseMatrix } from '../../src/api/matrix.js';
import type { PreprocessRecipe } from '../../src/preprocess/types.js';
import { zscoredByGene } from './scaled-by-gene.js';

const dense = (values: number[]): DenseMatrix => ({
  rows: values.length / 2,
  cols: 2,
  data: Float32Array.from(values),
});

type ScaleRecipe = Pick<PreprocessRecipe, 'normalize' | 'log1p' | 'means' | 'scales' | 'spreads'>;

/** A recipe whose training input was not centred per gene (means a few spreads above 0), as log data's. */
function recipe(normalize: boolean, log1p: boolean): ScaleRecipe {
  return { normalize: normalize ? { targetSum: 10_000 } : null, log1p, means: [1, 0.8], scales: [0.6, 0.5] };
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

test("counts onto a model of transformed values: the warning names the log-normalising choice in each side's words", () => {
  const cli = scaleMismatch(recipe(false, false), COUNTS, 'counts.csv', 'cli', 'text');
  assert.match(
    cli ?? '',
    /or, if the training data was log-normalised \(scanpy's normalize_total \+ log1p\), add --log-normalize to normalise these counts the same way\.$/,
  );
  const app = scaleMismatch(recipe(false, false), COUNTS, 'counts.csv', 'app', 'text');
  assert.match(app ?? '', /tick Project another file ▸ Log-normalise counts and project the file again\.$/);
  assert.doesNotMatch(app ?? '', /--log-normalize/);
  // a counts model given log values is told to give counts: no log-normalising to offer
  assert.doesNotMatch(scaleMismatch(recipe(true, true), LOGGED, 'x.csv', 'cli') ?? '', /--log-normalize/);
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
      /Give values transformed as the training data was, or, if the training data was log-normalised .*, tick Project another file ▸ Log-normalise counts and project the file again\.$/,
      String(format),
    );
  }
});

// A query the user scaled per gene (sc.pp.scale) onto a model of log-normalised values: the model z-scores with
// the training's means, so the cells land off the map without an error (bench/README.md, 'scaled itself').
const LOG_CELLS = dense([0, 1.386, 1.792, 0.693, 2.303, 0, 0.693, 1.099, 1.386, 2.079, 0, 0.405]);

const SCALED = zscoredByGene(LOG_CELLS);
const CENTRED_MODEL: ScaleRecipe = { normalize: null, log1p: false, means: [1e-8, -2e-8], scales: [1, 1] };

test('a query scaled per gene onto a model of log values is warned about, saying what to give instead', () => {
  const message = scaleMismatch(recipe(false, false), SCALED, 'scaled.h5ad', 'cli', 'h5ad');
  assert.ok(message);
  assert.match(message, /scaled\.h5ad holds values centred per gene/);
  assert.match(
    message,
    /Give the log-normalised matrix, not a scaled one \(in an h5ad often raw\/X: --layer raw\)\.$/,
  );
  const app = scaleMismatch(recipe(false, false), SCALED, 'scaled.h5ad', 'app', 'h5ad');
  assert.match(app ?? '', /choose raw under Project another file ▸ Matrix\)\.$/);
  assert.match(scaleMismatch(recipe(false, false), SCALED, 'scaled.csv') ?? '', /not a scaled one\.$/);
  // the same cells as they were: no warning
  assert.equal(scaleMismatch(recipe(false, false), LOG_CELLS, 'log.csv'), undefined);
});

test('the reverse: a model of centred values given uncentred ones is warned about; centred ones are not', () => {
  const message = scaleMismatch(CENTRED_MODEL, LOG_CELLS, 'log.csv');
  assert.ok(message);
  assert.match(message, /trained on values centred per gene .* but log\.csv holds log or normalised data/);
  assert.equal(scaleMismatch(CENTRED_MODEL, SCALED, 'scaled.csv'), undefined);
});

test('a model trained without z-score is judged by its stored spreads, as the z-scored one', () => {
  const unscaled: ScaleRecipe = { ...recipe(false, false), scales: null, spreads: [0.6, 0.5] };
  const message = scaleMismatch(unscaled, SCALED, 'scaled.h5ad', 'cli', 'h5ad');
  assert.ok(message);
  // it does not z-score new cells: the warning does not say it does
  assert.match(
    message,
    /^the model was trained on values not centred per gene \(it takes new cells' values as/,
  );
  assert.match(message, /scaled\.h5ad holds values centred per gene .* --layer raw\)\.$/);
  assert.equal(scaleMismatch(unscaled, LOG_CELLS, 'log.csv'), undefined);
  const centred: ScaleRecipe = { ...CENTRED_MODEL, scales: null, spreads: [1, 1] };
  assert.match(scaleMismatch(centred, LOG_CELLS, 'log.csv') ?? '', /trained on values centred per gene/);
  assert.equal(scaleMismatch(centred, SCALED, 'scaled.csv'), undefined);
});

test('no centring warning without the means to judge by, nor for negative values that are not centred', () => {
  // no z-score, saved before the spreads were stored: its means have no yardstick
  assert.equal(scaleMismatch({ ...recipe(false, false), scales: null }, SCALED, 'a'), undefined);
  assert.equal(scaleMismatch({ ...CENTRED_MODEL, scales: null }, LOG_CELLS, 'b'), undefined);
  // log-ratios around 1 (negatives, but each gene's mean well off 0) onto a model of log values
  const shifted = dense(Array.from(LOG_CELLS.data, (v) => v - 0.5));
  assert.equal(scaleMismatch(recipe(false, false), shifted, 'c'), undefined);
});

// QA: an h5ad that has layers/counts was told where counts "often" are; the page's words name its Matrix field.
test("a file that has layers/counts is told so, in each side's words; one without gets the usual hint", () => {
  const format = { kind: 'h5ad' as const, layers: ['layers/counts', 'raw/X'] };
  const app = scaleMismatch(recipe(true, true), LOGGED, 'new.h5ad', 'app', format) ?? '';
  assert.match(
    app,
    /Give the raw counts \(new\.h5ad has layers\/counts: choose layers\/counts under Project another file ▸ Matrix\)\.$/,
  );
  assert.doesNotMatch(app, /--layer/);
  const cli = scaleMismatch(recipe(true, true), LOGGED, 'new.h5ad', 'cli', format) ?? '';
  assert.match(cli, /Give the raw counts \(new\.h5ad has layers\/counts: give --layer counts\)\.$/);
  const without = scaleMismatch(recipe(true, true), LOGGED, 'new.h5ad', 'cli', {
    kind: 'h5ad',
    layers: ['raw/X'],
  });
  assert.match(without ?? '', /\(in an h5ad often --layer counts\)\.$/);
});

// Some pipelines keep an h5ad's counts only in raw/X: a file whose raw/X holds counts is told to read it.
test("a file whose raw/X holds counts (no layers/counts) is told so, in each side's words", () => {
  const format = { kind: 'h5ad' as const, layers: ['raw/X'], rawCounts: true };
  assert.equal(
    countsHint(format, 'cli', 'sample.h5ad'),
    ' (sample.h5ad has counts in raw/X: give --layer raw)',
  );
  assert.equal(
    countsHint(format, 'app', 'sample.h5ad'),
    ' (sample.h5ad has counts in raw/X: choose raw/X under Project another file ▸ Matrix)',
  );
  // raw/X of log values: the usual hint
  assert.equal(countsHint({ ...format, rawCounts: false }, 'cli'), ' (in an h5ad often --layer counts)');
});
