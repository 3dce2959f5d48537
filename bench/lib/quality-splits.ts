/**
 * The quality test's per-seed splits written as prepared prefixes (bench/lib/prepared.ts) for the Python
 * helpers that ask what the input supports on each split (bench/classifier-ceiling.ts,
 * bench/evidence-candidates.ts): each seed's stratified split as the engine draws it, one prefix per
 * preprocessing, and the quality bar computed as the test does from that preprocessing's input kNN-5 and
 * PCA-3D kNN-5.
 */
import { join } from 'node:path';
import type { DenseMatrix } from '../../src/api/matrix.js';
import type { PreprocessOptions } from '../../src/api/preprocess-options.js';
import { importTable } from '../../src/data/index.js';
import { selectRows } from '../../src/data/select-rows.js';
import { indexLabelColumn, labelStrings } from '../../src/data/label-index.js';
import { KNN_K } from '../../src/engine/index.js';
import { knnAccuracy, pcaBaseline, stratifiedSplit } from '../../src/evaluate/index.js';
import { fitPreprocess } from '../../src/preprocess/index.js';
import { deriveSeed, seededRandom } from '../../src/util/random.js';
import { sharedDataPath } from '../../src/util/paths.js';
import { writePrepared } from './prepared.js';
import { qualityBar } from './quality-bar.js';

/** One preprocessing of the table: `name` goes into the prefix; `options` are the engine's (seed added). */
export interface Preparation {
  name: string;
  options: PreprocessOptions;
}

/** One written prefix and what the quality test would compute on it. */
export interface PreparedSplit {
  prefix: string;
  dataset: string;
  preparation: Preparation;
  seed: number;
  holdout: number;
  /** Held-out kNN-5 in the preprocessed input. */
  input: number;
  /** Held-out kNN-5 of PCA-3D of the preprocessed input. */
  pca3d: number;
  /** max(input − 0.02, PCA-3D + 0.05), as bench/lib/quality-bar.ts defines it. */
  bar: number;
}

/** Held-out kNN-5 in `space`, as the engine's metrics compute it. */
function holdoutKnn(space: DenseMatrix, labels: string[], train: number[], holdout: number[]): number {
  return knnAccuracy(
    selectRows(space, train),
    train.map((r) => labels[r]),
    selectRows(space, holdout),
    holdout.map((r) => labels[r]),
    KNN_K,
  );
}

/**
 * Writes `dir/DATASET-PREPARATION-SEED.{f32,json}` for every dataset (a CSV in the shared data folder, label
 * column 'label'), split seed and preparation, in that order, and returns them in the same order. Seed s
 * draws the split and the preprocessing's randomised PCA, as the quality test's run with seed s does.
 */
export async function prepareQualitySplits(
  dir: string,
  datasets: readonly string[],
  seeds: readonly number[],
  preparations: readonly Preparation[],
): Promise<PreparedSplit[]> {
  const out: PreparedSplit[] = [];
  for (const dataset of datasets) {
    const table = await importTable(sharedDataPath(`${dataset}.csv`), {});
    const index = indexLabelColumn(table, 'label');
    const labels = labelStrings(index);
    for (const seed of seeds) {
      const { train, holdout } = stratifiedSplit(index.indices, 0.2, seededRandom(deriveSeed(seed, 'split')));
      for (const preparation of preparations) {
        const { name, options } = preparation;
        const pre = await fitPreprocess(table.values, table.genes, { ...options, seed });
        const input = holdoutKnn(pre.matrix, labels, train, holdout);
        const pcaMap = pcaBaseline(pre.matrix, 3, deriveSeed(seed, 'metrics-pca'));
        const pca3d = holdoutKnn(pcaMap, labels, train, holdout);
        const prefix = join(dir, `${dataset}-${name}-${seed}`);
        await writePrepared(prefix, pre.matrix, {
          dataset,
          source: dataset,
          rows: pre.matrix.rows,
          cols: pre.matrix.cols,
          labels,
          classes: index.classes,
          classIndex: Array.from(index.indices),
          train,
          holdout,
          seed,
          preprocessing: `engine defaults, ${name}: ${JSON.stringify(options)}`,
        });
        const bar = qualityBar({ input, pca: pca3d });
        out.push({ prefix, dataset, preparation, seed, holdout: holdout.length, input, pca3d, bar });
      }
    }
  }
  return out;
}
