import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeRecipe, fitPreprocess, PreprocessError } from '../../src/preprocess/index.js';
import { rowWords } from '../../src/api/file-format.js';
import { column, geneNames, matrix, randomMatrix, useCpuBackend } from './helpers.js';

before(useCpuBackend);

const f32 = Math.fround;

test('library-size normalisation then log1p, worked by hand', async () => {
  // targetSum 10 keeps the arithmetic readable:
  //   [2, 3, 0, 5]  total 10 → ×1 → [2, 3, 0, 5] → log1p → [ln 3, ln 4, 0, ln 6]
  //   [1, 1, 0, 0]  total 2  → ×5 → [5, 5, 0, 0] → log1p → [ln 6, ln 6, 0, 0]
  //   [0, 0, 0, 0]  total 0  → a cell without counts stays 0 (no division by zero)
  const m = matrix([
    [2, 3, 0, 5],
    [1, 1, 0, 0],
    [0, 0, 0, 0],
  ]);
  const { matrix: out, recipe } = await fitPreprocess(m, geneNames(4), {
    targetSum: 10,
    topGenes: 0,
    zscore: false,
    pcaComponents: 0,
  });
  assert.deepEqual(recipe.normalize, { targetSum: 10 });
  assert.equal(recipe.log1p, true, 'integer data → auto log1p');
  assert.deepEqual(
    Array.from(out.data),
    [Math.log(3), Math.log(4), 0, Math.log(6), Math.log(6), Math.log(6), 0, 0, 0, 0, 0, 0].map(f32),
  );
  // Means of the log values per gene, taken over the float32 values the later steps see: gene 0 is
  // (ln 3 + ln 6 + 0) / 3.
  assert.ok(Math.abs(recipe.means[0] - (f32(Math.log(3)) + f32(Math.log(6))) / 3) < 1e-12);
});

test("'auto' leaves non-count data alone and says why", async () => {
  const m = matrix([
    [0.5, 1.25],
    [2.5, 0],
  ]);
  const { matrix: out, recipe } = await fitPreprocess(m, ['a', 'b'], { zscore: false, pcaComponents: 0 });
  assert.equal(recipe.normalize, null);
  assert.equal(recipe.log1p, false);
  assert.deepEqual(Array.from(out.data), [0.5, 1.25, 2.5, 0]);
  assert.match(recipe.notes.join('\n'), /do not look like raw counts/);
});

test('z-score with population sd, clipping, and a constant gene giving 0 (never NaN)', async () => {
  // gene x: [1, 2, 3, 4]   mean 2.5, var (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25, sd √1.25 = 1.118034
  //         z = [−1.341641, −0.447214, 0.447214, 1.341641]
  // gene k: [7, 7, 7, 7]   constant → 0
  // gene y: [0, 0, 0, 100] mean 25, var (3 · 625 + 5625) / 4 = 1875, sd 43.30127
  //         z = [−0.577350, −0.577350, −0.577350, 1.732051] → clip 1.5 → last is 1.5
  const m = matrix([
    [1, 7, 0],
    [2, 7, 0],
    [3, 7, 0],
    [4, 7, 100],
  ]);
  const { matrix: out, recipe } = await fitPreprocess(m, ['x', 'k', 'y'], {
    normalize: false,
    log1p: false,
    clip: 1.5,
    pcaComponents: 0,
  });
  const sd = Math.sqrt(1.25);
  assert.deepEqual(column(out, 0), [-1.5 / sd, -0.5 / sd, 0.5 / sd, 1.5 / sd].map(f32));
  assert.deepEqual(column(out, 1), [0, 0, 0, 0]);
  const z = -25 / Math.sqrt(1875);
  assert.deepEqual(column(out, 2), [z, z, z, 1.5].map(f32));
  assert.deepEqual(recipe.scales, [sd, 0, Math.sqrt(1875)]);
  assert.equal(recipe.clip, 1.5);
  assert.ok(out.data.every(Number.isFinite));
  // the scales are the spreads: none stored twice
  assert.equal('spreads' in recipe, false);
});

// the scale check (engine/centring.ts) judges the training's centring by its means against these spreads
test('without z-score the recipe keeps the population sd of each kept gene as its spreads, 0 if constant', async () => {
  const m = matrix([
    [1, 7, 0],
    [2, 7, 0],
    [3, 7, 0],
    [4, 7, 100],
  ]);
  const { matrix: out, recipe } = await fitPreprocess(m, ['x', 'k', 'y'], {
    normalize: false,
    log1p: false,
    zscore: false,
    pcaComponents: 0,
  });
  assert.equal(recipe.scales, null);
  assert.deepEqual(recipe.spreads, [Math.sqrt(1.25), 0, Math.sqrt(1875)]);
  assert.deepEqual(column(out, 2), [0, 0, 0, 100], 'the spreads do not scale the values');
});

test('top-N variable genes ranks by variance and keeps input order', async () => {
  // Variances: a 0, b 2/9 ([0,0,1] → mean 1/3), c 8/9 ([0,0,2]), d 0.2222… ties b? no: d [1,0,0] = 2/9 too.
  // Top 2 by variance: c (8/9), then b and d tie at 2/9 → the earlier gene, b. Kept in input order: b, c.
  const m = matrix([
    [5, 0, 0, 1],
    [5, 0, 0, 0],
    [5, 1, 2, 0],
  ]);
  const { matrix: out, recipe } = await fitPreprocess(m, ['a', 'b', 'c', 'd'], {
    normalize: false,
    log1p: false,
    topGenes: 2,
    zscore: false,
    pcaComponents: 0,
  });
  assert.deepEqual(recipe.genes, ['b', 'c']);
  assert.deepEqual(recipe.topGenes, { requested: 2, ranking: 'variance' });
  assert.deepEqual(Array.from(out.data), [0, 0, 0, 0, 1, 2]);
});

// the recipe's notes are shown with the run: "of 1 200 genes" as the Import summary groups counts
test('the top-genes note groups the digits of its counts', async () => {
  const { recipe } = await fitPreprocess(randomMatrix(6, 1200, 3), geneNames(1200), {
    normalize: false,
    log1p: false,
    topGenes: 10,
    zscore: false,
    pcaComponents: 0,
  });
  assert.ok(recipe.notes.includes('kept the 10 most variable of 1\u202f200 genes'), recipe.notes.join('; '));
});

test('PCA is a no-op with no more genes than components, and runs otherwise', async () => {
  const m = matrix([
    [1, 2, 3],
    [2, 1, 0],
    [0, 1, 1],
    [3, 3, 1],
  ]);
  const skipped = await fitPreprocess(m, geneNames(3), { pcaComponents: 3, normalize: false, log1p: false });
  assert.equal(skipped.recipe.pca, null);
  assert.equal(skipped.matrix.cols, 3);
  const reduced = await fitPreprocess(m, geneNames(3), { pcaComponents: 2, normalize: false, log1p: false });
  assert.equal(reduced.recipe.pca?.components, 2);
  assert.equal(reduced.matrix.cols, 2);
  assert.equal(reduced.recipe.outputColumns, 2);
});

test('pausing between passes (a caller taking messages) gives the same bits, and its throw ends the fit', async () => {
  const m = randomMatrix(300, 40, 5);
  const options = { pcaComponents: 5, topGenes: 30, normalize: false, log1p: false } as const;
  const plain = await fitPreprocess(m, geneNames(40), options);
  let pauses = 0;
  const paused = await fitPreprocess(m, geneNames(40), options, async () => {
    pauses++;
    await new Promise<void>((resolve) => setImmediate(resolve));
  });
  assert.deepEqual(paused.matrix.data, plain.matrix.data);
  assert.deepEqual(paused.recipe, plain.recipe);
  // the gene statistics, the mean, each subspace iteration, before the projection
  assert.ok(pauses >= 4, String(pauses));
  await assert.rejects(
    fitPreprocess(m, geneNames(40), options, () => Promise.reject(new Error('stopped'))),
    /stopped/,
  );
});

test('describeRecipe is one line naming each step', async () => {
  const m = matrix([
    [1, 0, 3, 2],
    [0, 2, 1, 5],
    [4, 1, 0, 1],
  ]);
  const { recipe } = await fitPreprocess(m, geneNames(4), { topGenes: 3, pcaComponents: 2 });
  const line = describeRecipe(recipe);
  assert.doesNotMatch(line, /\n/);
  assert.match(
    line,
    /normalise to 10\u202f000 per cell → log1p → top 3 variable genes of 4 → z-score \(clip ±10\) → PCA 2/,
  );
});

test('bad input gives a PreprocessError naming the row and gene', async () => {
  const withNaN = matrix([
    [1, 2],
    [3, NaN],
  ]);
  await assert.rejects(fitPreprocess(withNaN, ['a', 'b']), (e: unknown) => {
    assert.ok(e instanceof PreprocessError);
    assert.equal(e.kind, 'not-finite');
    assert.match(e.message, /row 2, gene 'b'/);
    return true;
  });
  const negative = matrix([
    [1, -2],
    [3, 4],
  ]);
  await assert.rejects(fitPreprocess(negative, ['a', 'b'], { normalize: true }), (e: unknown) => {
    assert.ok(e instanceof PreprocessError && e.kind === 'negative' && /row 1, gene 'b'/.test(e.message));
    return true;
  });
  await assert.rejects(fitPreprocess(negative, ['a']), /2 gene columns/);
  await assert.rejects(fitPreprocess(negative, ['a', 'a']), /gene 'a' appears twice/);
  // the option schema's refusal, as the CLI and the page give it (test/preprocess/option-ranges.test.ts)
  await assert.rejects(
    fitPreprocess(negative, ['a', 'b'], { topGenes: -1 }),
    /--top-genes must be an integer from 0 to .*; got -1/,
  );
  await assert.rejects(fitPreprocess({ data: new Float32Array(0), rows: 0, cols: 0 }, []), /empty matrix/);
});

// A walkthrough (a 38-sample bulk panel as a CSV): run.json's recipe read "PCA capped at 37 components (only 38
// cells)". The notes name the rows in the caller's words (api/file-format.ts rowWords); default cells.
test('the PCA cap and skip notes count the rows in the words given, cells by default', async () => {
  const m = randomMatrix(5, 12, 3);
  const options = { topGenes: 0, pcaComponents: 8 };
  const rows = await fitPreprocess(m, geneNames(12), options, undefined, undefined, rowWords('text'));
  assert.ok(
    rows.recipe.notes.includes('PCA capped at 4 components (only 5 rows)'),
    rows.recipe.notes.join('; '),
  );
  const cells = await fitPreprocess(m, geneNames(12), options);
  assert.ok(
    cells.recipe.notes.includes('PCA capped at 4 components (only 5 cells)'),
    cells.recipe.notes.join('; '),
  );
  const one = await fitPreprocess(
    randomMatrix(1, 12, 3),
    geneNames(12),
    options,
    undefined,
    undefined,
    rowWords('text'),
  );
  assert.ok(
    one.recipe.notes.includes('PCA capped at 0 components (only 1 row)'),
    one.recipe.notes.join('; '),
  );
  assert.ok(
    one.recipe.notes.includes('PCA skipped: a single row has no variance'),
    one.recipe.notes.join('; '),
  );
});
