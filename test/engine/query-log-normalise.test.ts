// embed --log-normalize / Project another file ▸ Log-normalise counts: a query's counts normalised the way the
// model's log-normalised training values were, to the total the model recorded, else 10 000 said so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DenseMatrix } from '../../src/api/matrix.js';
import { applyRecipe, type PreprocessRecipe } from '../../src/preprocess/index.js';
import { logNormalisingRecipe } from '../../src/engine/query-log-normalise.js';
import { CoreError } from '../../src/api/core-error.js';

const GENES = ['a', 'b', 'c'];
const COUNTS: DenseMatrix = { rows: 3, cols: 3, data: Float32Array.from([1, 1, 0, 3, 1, 0, 0, 0, 4]) };

/** A recipe of log-normalised training values kept as they are (no z-score), with `logTotal`. */
function logModel(logTotal?: number | null): PreprocessRecipe {
  return {
    format: 'tripletlens-preprocess',
    version: 1,
    inputGenes: 3,
    fittedRows: 3,
    normalize: null,
    log1p: false,
    topGenes: null,
    genes: GENES,
    means: [0, 0, 0],
    scales: null,
    clip: null,
    pca: null,
    outputColumns: 3,
    notes: [],
    ...(logTotal === undefined ? {} : { logTotal }),
  };
}

const READ = { file: 'query.csv', matrix: '', words: 'cli' } as const;

test("counts are scaled to the model's recorded total per cell, then log1p", () => {
  const { recipe, done } = logNormalisingRecipe(logModel(10), COUNTS, READ);
  assert.equal(done.targetSum, 10);
  assert.equal(done.recorded, true);
  // worked by hand: [1,1,0] (total 2) → [5,5,0], [3,1,0] (total 4) → [7.5,2.5,0], [0,0,4] → [0,0,10]; log1p
  const expected = [6, 6, 1, 8.5, 3.5, 1, 1, 1, 11].map((v) => Math.fround(Math.log(v)));
  const { matrix } = applyRecipe(recipe, COUNTS, GENES);
  assert.deepEqual(Array.from(matrix.data), expected);
  assert.match(done.note, /query\.csv's counts were log-normalised \(--log-normalize\)/);
  assert.match(done.note, /scaled to 10 in total, then log1p/);
});

test('without a recorded total, 10 000 is used and the note says why', () => {
  const none = logNormalisingRecipe(logModel(null), COUNTS, READ).done;
  assert.equal(none.targetSum, 10_000);
  assert.equal(none.recorded, false);
  assert.match(
    none.note,
    /10\u202f000 is scanpy's usual target_sum, used because the model's training values share no total/,
  );
  const old = logNormalisingRecipe(logModel(), COUNTS, { ...READ, words: 'app' }).done;
  assert.equal(old.targetSum, 10_000);
  assert.match(old.note, /\(Project another file ▸ Log-normalise counts\)/);
  assert.match(old.note, /the map was saved before TripletLens recorded/);
});

test("refused, in each side's words, where there is nothing to normalise", () => {
  const countsModel = { ...logModel(), normalize: { targetSum: 10_000 }, log1p: true };
  assert.throws(
    () => logNormalisingRecipe(countsModel, COUNTS, READ),
    (err: unknown) =>
      err instanceof CoreError &&
      /^--log-normalize: the model was trained on raw counts.*; leave --log-normalize out\.$/.test(
        err.message,
      ),
  );
  const logged: DenseMatrix = { ...COUNTS, data: COUNTS.data.map((v) => Math.log1p(v)) };
  assert.throws(
    () => logNormalisingRecipe(logModel(10), logged, { ...READ, words: 'app' }),
    /query\.csv holds log or normalised data.*not raw counts.*; untick Project another file ▸ Log-normalise counts\.$/,
  );
  assert.throws(
    () => logNormalisingRecipe(logModel(), COUNTS, { ...READ, matrix: 'obsm/X_pca' }),
    /trained on an embedding \(obsm X_pca\)/,
  );
});

// A headless audit: `embed data.h5ad --log-normalize` on an h5ad whose X is log-normalised and whose
// layers['counts'] holds the counts (as scanpy users keep them) was told only to leave the flag out, though
// `--layer counts --log-normalize` was what they meant.
test('log values read from a file that holds counts elsewhere: refused, naming the counts and how to read them', () => {
  const logged: DenseMatrix = { ...COUNTS, data: COUNTS.data.map((v) => Math.log1p(v)) };
  const h5ad = { file: 'query.h5ad', matrix: 'X', layers: ['layers/counts', 'raw/X'] };
  assert.throws(
    () => logNormalisingRecipe(logModel(10), logged, { ...h5ad, words: 'cli' }),
    /query\.h5ad holds log or normalised data.*not raw counts, which this normalises; to normalise the file's counts, read layers\/counts with --layer counts; or leave --log-normalize out\.$/,
  );
  assert.throws(
    () => logNormalisingRecipe(logModel(10), logged, { ...h5ad, words: 'app' }),
    /read layers\/counts with Project another file ▸ Matrix layers\/counts; or untick Project another file ▸ Log-normalise counts\.$/,
  );
  // no matrix named as counts (raw/X holds scanpy's log values): only the flag is said
  assert.throws(
    () => logNormalisingRecipe(logModel(10), logged, { ...h5ad, layers: ['raw/X'], words: 'cli' }),
    /not raw counts, which this normalises; leave --log-normalize out\.$/,
  );
});
