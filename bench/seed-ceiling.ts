/**
 * What the quality bar asks of each seed's split, against what 3-D maps reach on that same split (issue 13
 * goal b). A seed of the quality test draws both the hold-out split and the training run; here the split
 * seed is kept and the training seed varied, and other maps are fitted on the same training rows:
 * - the input space itself and PCA-3D (the bar's two sides, computed as the engine's metrics do),
 * - LDA to 3-D and umap-learn supervised (bench/peers/seed_ceiling.py, the peers' venv bench/.venv or PYTHON),
 *   and as a ceiling for any map, logistic regression and an RBF SVM on the whole input (no map),
 * - TripletLens at engine defaults with training seeds `split seed + 1000·j`, j from `--first-run` (default 0:
 *   the split seed itself, i.e. the quality test's own run) for `--runs` runs, each with training-only criteria a restart could be chosen by without a
 *   hold-out: the last epoch's loss, the leave-one-out kNN-5 of the training cells in the map, and the share
 *   of each training cell's 10 map neighbours that are among its 10 input neighbours.
 * `--recipe` (JSON settings over the defaults) judges a recipe by its pass rate over split × training seeds
 * (`--no-peers` skips the Python maps). Prints one JSON line per (dataset, split seed). Not part of
 * `npm run bench`.
 *
 * `npx tsx bench/seed-ceiling.ts --datasets pbmc68k_reduced_lognorm --seeds 0,3 --runs 4`
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { DenseMatrix } from '../src/api/matrix.js';
import { importTable } from '../src/data/index.js';
import { selectRows } from '../src/data/select-rows.js';
import { indexLabelColumn, labelStrings } from '../src/data/label-index.js';
import { KNN_K } from '../src/engine/index.js';
import { resolveSettings } from '../src/engine/settings.js';
import type { TrainSettings } from '../src/engine/types.js';
import { chooseRegime, regimeOptions } from '../src/engine/regime.js';
import { knnAccuracy, pcaBaseline, stratifiedSplit } from '../src/evaluate/index.js';
import { nearestNeighbours } from '../src/neighbours/nearest-neighbours.js';
import { fitPreprocess } from '../src/preprocess/index.js';
import { trainEncoder } from '../src/train/index.js';
import { initBackend } from '../src/backend/index.js';
import { deriveSeed, seededRandom } from '../src/util/random.js';
import { sharedDataPath } from '../src/util/paths.js';
import { readF32, readPrepared, writePrepared } from './lib/prepared.js';
import { venvPython } from './lib/python.js';
import { qualityBar } from './lib/quality-bar.js';
import { trainingSeed } from './lib/seed-grid-summary.js';

const FILES: Record<string, string> = {
  pbmc68k_reduced_lognorm: 'pbmc68k_reduced_lognorm.csv',
  tissue_gene_expression: 'tissue_gene_expression.csv',
  sklearn_digits: 'sklearn_digits.csv',
};
const AGREEMENT_K = 10;
const r3 = (v: number): number => Math.round(v * 1000) / 1000;

/** Share of each row's AGREEMENT_K map neighbours that are among its AGREEMENT_K input neighbours. */
function neighbourAgreement(input: DenseMatrix, map: DenseMatrix): number {
  const exclude = Int32Array.from({ length: input.rows }, (_, i) => i);
  const a = nearestNeighbours(input, input, AGREEMENT_K, { exclude });
  const b = nearestNeighbours(map, map, AGREEMENT_K, { exclude });
  let shared = 0;
  for (let r = 0; r < input.rows; r++) {
    const mine = new Set(a.indices.subarray(r * a.k, (r + 1) * a.k));
    for (const j of b.indices.subarray(r * b.k, (r + 1) * b.k)) if (mine.has(j)) shared++;
  }
  return shared / (input.rows * a.k);
}

interface Split {
  matrix: DenseMatrix;
  codes: Int32Array;
  labels: string[];
  train: number[];
  holdout: number[];
}

const holdoutKnn = (s: Split, space: DenseMatrix): number =>
  knnAccuracy(
    selectRows(space, s.train),
    s.train.map((r) => s.labels[r]),
    selectRows(space, s.holdout),
    s.holdout.map((r) => s.labels[r]),
    KNN_K,
  );

/** One TripletLens run at engine defaults on the split, trained with `trainSeed`. */
async function ourRun(
  s: Split,
  splitSeed: number,
  trainSeed: number,
  classes: string[],
  recipe: Partial<TrainSettings>,
) {
  const given = { labelColumn: 'label', dims: 3, ...recipe, seed: trainSeed };
  const resolved = resolveSettings(given);
  const used = regimeOptions(chooseRegime(resolved.regime, s.train.length), resolved, given);
  const trainX = selectRows(s.matrix, s.train);
  const trainLabels = Int32Array.from(s.train, (r) => s.codes[r]);
  const encoder = await trainEncoder(trainX, trainLabels, { ...used, classNames: classes });
  try {
    const coords = encoder.embed(s.matrix);
    const trainMap = selectRows(coords, s.train);
    const names = s.train.map((r) => s.labels[r]);
    return {
      trainSeed,
      knn: r3(holdoutKnn(s, coords)),
      loss: r3(encoder.history.at(-1)?.loss ?? NaN),
      epochs: encoder.history.length,
      trainLoo: r3(knnAccuracy(trainMap, names, trainMap, names, KNN_K, { leaveOneOut: true })),
      agreement: r3(neighbourAgreement(trainX, trainMap)),
      coords,
      splitSeed,
    };
  } finally {
    encoder.dispose();
  }
}

const { values } = parseArgs({
  options: {
    datasets: { type: 'string', default: 'pbmc68k_reduced_lognorm' },
    seeds: { type: 'string', default: '0,1,2,3,4,5,6,7' },
    runs: { type: 'string', default: '4' },
    'first-run': { type: 'string', default: '0' },
    peers: { type: 'boolean', default: true },
    recipe: { type: 'string', default: '{}' },
  },
  allowNegative: true,
});
const list = (s: string): string[] => s.split(',').filter(Boolean);
const recipe = JSON.parse(values.recipe) as Partial<TrainSettings>;
await initBackend();
const dir = mkdtempSync(join(tmpdir(), 'seed-ceiling-'));
const lines: Record<string, unknown>[] = [];
const prefixes: string[] = [];
for (const name of list(values.datasets)) {
  const table = await importTable(sharedDataPath(FILES[name] ?? `${name}.csv`), {});
  const index = indexLabelColumn(table, 'label');
  const labels = labelStrings(index);
  for (const seed of list(values.seeds).map(Number)) {
    const pre = await fitPreprocess(table.values, table.genes, { seed });
    const parts = stratifiedSplit(index.indices, 0.2, seededRandom(deriveSeed(seed, 'split')));
    const s: Split = { matrix: pre.matrix, codes: index.indices, labels, ...parts };
    const input = holdoutKnn(s, pre.matrix);
    const pca = holdoutKnn(s, pcaBaseline(pre.matrix, 3, deriveSeed(seed, 'metrics-pca')));
    const bar = qualityBar({ input, pca });
    const runs = [];
    const first = Number(values['first-run']);
    for (let j = first; j < first + Number(values.runs); j++) {
      const { coords: _c, ...run } = await ourRun(s, seed, trainingSeed(seed, j), index.classes, recipe);
      runs.push(run);
    }
    const prefix = join(dir, `${name}-${seed}`);
    const meta = { dataset: name, source: name, rows: pre.matrix.rows, cols: pre.matrix.cols, labels };
    await writePrepared(prefix, pre.matrix, {
      ...meta,
      classes: index.classes,
      classIndex: Array.from(index.indices),
      train: parts.train,
      holdout: parts.holdout,
      seed,
      preprocessing: 'engine defaults',
    });
    prefixes.push(prefix);
    lines.push({
      dataset: name,
      recipe,
      seed,
      holdout: parts.holdout.length,
      input: r3(input),
      pca: r3(pca),
      bar: r3(bar),
      runs,
      prefix,
    });
  }
}
if (values.peers) {
  const python = process.env.PYTHON ?? venvPython();
  execFileSync(python, ['bench/peers/seed_ceiling.py', ...prefixes], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, PYTHONWARNINGS: 'ignore' },
  });
}
for (const line of lines) {
  const prefix = line.prefix as string;
  const { matrix, meta } = await readPrepared(prefix);
  const s: Split = {
    matrix,
    codes: Int32Array.from(meta.classIndex),
    labels: meta.labels,
    train: meta.train,
    holdout: meta.holdout,
  };
  const peers = values.peers
    ? {
        lda: r3(holdoutKnn(s, await readF32(`${prefix}.lda.f32`, matrix.rows, 3))),
        umap: r3(holdoutKnn(s, await readF32(`${prefix}.umap.f32`, matrix.rows, 3))),
        inputClassifiers: JSON.parse(await readFile(`${prefix}.classifiers.json`, 'utf8')) as unknown,
      }
    : {};
  const { prefix: _p, ...rest } = line;
  console.log(JSON.stringify({ ...rest, ...peers, load: r3(loadavg()[0]) }));
}
