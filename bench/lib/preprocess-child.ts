/**
 * One preprocessing + metrics measurement in its own process (so GNU time's peak RSS is its own). Builds a
 * synthetic count matrix in memory (ROWS × COLS, 10 cell types with their own gene profiles), fits the
 * default preprocessing (normalise, log1p, top 2 000 genes, z-score, PCA 50) on the backend initBackend
 * picks, re-applies the recipe, then times the evaluation metrics on it: kNN-5 of 20 000 queries against
 * the rest at 50-D (the PCA output) and 3-D (its first three components), silhouette and trustworthiness.
 * Usage: preprocess-child.ts ROWS COLS [SEED]. Prints one JSON line.
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src/backend/index.js';
import type { DenseMatrix } from '../../src/api/matrix.js';
import { knnAccuracy, silhouette, trustworthiness } from '../../src/evaluate/index.js';
import { applyRecipe, fitPreprocess } from '../../src/preprocess/index.js';
import { randomNormal, seededRandom } from '../../src/util/random.js';
import { timed } from './timing.js';

const TYPES = 10;

function syntheticCounts(
  rows: number,
  cols: number,
  seed: number,
): { matrix: DenseMatrix; labels: string[] } {
  const random = seededRandom(seed);
  const base = Array.from({ length: cols }, () => Math.exp(randomNormal(random) - 1));
  // Each type scales a random 10% of genes up or down fourfold.
  const profiles = Array.from({ length: TYPES }, () =>
    Float64Array.from(base, (m) => (random() < 0.1 ? m * (random() < 0.5 ? 4 : 0.25) : m)),
  );
  const data = new Float32Array(rows * cols);
  const labels: string[] = [];
  for (let r = 0; r < rows; r++) {
    const type = Math.floor(random() * TYPES);
    labels.push(`type${type}`);
    const depth = 0.5 + random();
    const profile = profiles[type];
    for (let c = 0; c < cols; c++) {
      // Exponential noise rounded down: a cheap over-dispersed count.
      data[r * cols + c] = Math.floor(-Math.log(1 - random()) * profile[c] * depth);
    }
  }
  return { matrix: { data, rows, cols }, labels };
}

function slice(m: DenseMatrix, r0: number, r1: number, cols = m.cols): DenseMatrix {
  const data = new Float32Array((r1 - r0) * cols);
  for (let r = r0; r < r1; r++) data.set(m.data.subarray(r * m.cols, r * m.cols + cols), (r - r0) * cols);
  return { data, rows: r1 - r0, cols };
}

async function main(): Promise<void> {
  const [rowsArg, colsArg, seedArg] = process.argv.slice(2);
  const rows = Number(rowsArg);
  const cols = Number(colsArg);
  const seed = Number(seedArg ?? 0);
  if (!(rows > 0 && cols > 0)) throw new Error('usage: preprocess-child.ts ROWS COLS [SEED]');
  const backend = await initBackend();
  const generated = await timed(() => syntheticCounts(rows, cols, seed));
  const { matrix, labels } = generated.result;
  const genes = Array.from({ length: cols }, (_, i) => `gene${i}`);
  const rssAfterData = process.memoryUsage().rss / 2 ** 20;
  const fit = await timed(() => fitPreprocess(matrix, genes, { seed }));
  const { matrix: x, recipe } = fit.result;
  const reapplied = await timed(() => applyRecipe(recipe, matrix, genes));
  const exact = reapplied.result.matrix.data.every((v, i) => Object.is(v, x.data[i]));

  const queries = Math.min(20_000, Math.floor(rows / 5));
  const testX = slice(x, 0, queries);
  const trainX = slice(x, queries, rows);
  const testL = labels.slice(0, queries);
  const trainL = labels.slice(queries);
  const knn50 = await timed(() => knnAccuracy(trainX, trainL, testX, testL, 5));
  const x3 = slice(x, 0, rows, 3);
  const knn3 = await timed(() =>
    knnAccuracy(slice(x3, queries, rows), trainL, slice(x3, 0, queries), testL, 5),
  );
  const sil = await timed(() => silhouette(x3, labels, seededRandom(seed)));
  const trust = await timed(() => trustworthiness(x, x3, 15, seededRandom(seed)));
  console.log(
    JSON.stringify({
      rows,
      cols,
      backend: backend.backend,
      generateMs: generated.ms,
      rssAfterDataMb: rssAfterData,
      inputMb: matrix.data.byteLength / 2 ** 20,
      preprocessMs: fit.ms,
      reapplyMs: reapplied.ms,
      reapplyBitExact: exact,
      recipe: {
        normalize: recipe.normalize !== null,
        log1p: recipe.log1p,
        genes: recipe.genes.length,
        components: recipe.pca?.components ?? 0,
        iterations: recipe.pca?.iterations ?? 0,
        varianceCaptured: recipe.pca?.explainedVarianceRatio.reduce((a, b) => a + b, 0) ?? null,
      },
      knn: {
        queries,
        references: rows - queries,
        ms50: knn50.ms,
        acc50: knn50.result,
        ms3: knn3.ms,
        acc3: knn3.result,
      },
      silhouette: { ms: sil.ms, value: sil.result },
      trustworthiness: { ms: trust.ms, value: trust.result },
      tensorsLeft: tf.memory().numTensors,
    }),
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
