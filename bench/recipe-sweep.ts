/**
 * Training recipes against time-to-quality and the quality bar, over seeds (issues 13 and 15 goal 1): each
 * dataset is preprocessed with the engine defaults (once per seed: the seed draws the split), then trained
 * with every recipe given; after every epoch the training and hold-out cells are mapped and the held-out
 * kNN-5 recorded (that evaluation's time left out). Prints one JSON line per run: the final held-out kNN-5,
 * its input-space and PCA-3D baselines and the quality bar's margin, the epoch (and step) whose map is first
 * within 0.01 of the final kNN-5, the process CPU seconds to it and to the end of training, and the 1-minute
 * load. Load-independent figures: epochs, steps, kNN-5; CPU seconds are steadier than wall time. Not part of
 * `npm run bench`.
 *
 * `npx tsx bench/recipe-sweep.ts --datasets pbmc68k_reduced_lognorm --seeds 0,1 --recipes '[{},{"learningRate":0.003}]'`
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { importTable } from '../src/data/index.js';
import type { ExpressionTable } from '../src/data/types.js';
import { indexLabels, KNN_K, runTraining } from '../src/engine/index.js';
import { labelValues } from '../src/engine/coordinates-csv.js';
import { labelStrings } from '../src/data/label-index.js';
import { deriveSeed, seededRandom } from '../src/util/random.js';
import type { TrainSettings } from '../src/engine/types.js';
import { knnAccuracy, stratifiedSplit } from '../src/evaluate/index.js';
import { fitPreprocess } from '../src/preprocess/index.js';
import { comparisonDatasetPath } from './lib/datasets.js';
import { barMargin, meetsBar } from './lib/quality-bar.js';
import { timeToQuality, type QualityPoint } from './lib/time-to-quality.js';

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const r3 = (v: number | null | undefined): number | null =>
  v === null || v === undefined ? null : Math.round(v * 1000) / 1000;

/** The engine's seeded stratified split (run-training.ts), and its rows. */
function splitRows(table: ExpressionTable, seed: number) {
  const index = indexLabels(labelValues(table, 'label'));
  const labels = labelStrings(index);
  const parts = stratifiedSplit(index.indices, 0.2, seededRandom(deriveSeed(seed, 'split')));
  return {
    trainRows: parts.train,
    holdoutRows: parts.holdout,
    trainLabels: parts.train.map((r) => labels[r]),
    holdoutLabels: parts.holdout.map((r) => labels[r]),
  };
}

/** One run with the held-out kNN-5 after every epoch; evaluation time is left out of the CPU figures. */
async function sweepRun(
  table: ExpressionTable,
  seed: number,
  recipe: Partial<TrainSettings>,
): Promise<Record<string, unknown>> {
  const preprocess = { normalize: false, log1p: false, topGenes: 0, zscore: false, pcaComponents: 0 };
  let cpu0 = 0;
  let evalCpu = 0;
  let fitCpu = 0;
  const curve: QualityPoint[] = [];
  const rows = splitRows(table, seed);
  const run = await runTraining(
    table,
    { labelColumn: 'label', dims: 3, seed, holdout: 0.2, preprocess, ...recipe },
    {
      onStage: (stage) => {
        if (stage === 'train') cpu0 = cpuMs();
        if (stage === 'embed') fitCpu = cpuMs() - cpu0 - evalCpu;
      },
      snapshotEvery: 1,
      onCheckpoint: async (embed, epoch) => {
        const c = cpuMs();
        const point = { epoch, wallMs: 0, cpuMs: c - cpu0 - evalCpu };
        const knn = knnAccuracy(
          await embed(rows.trainRows),
          rows.trainLabels,
          await embed(rows.holdoutRows),
          rows.holdoutLabels,
          KNN_K,
        );
        curve.push({ ...point, knn });
        evalCpu += cpuMs() - c;
      },
    },
  );
  run.encoder.dispose();
  const trainRows = run.split.flatMap((s, r) => (s === 'train' ? [r] : []));
  if (trainRows.join() !== rows.trainRows.join()) throw new Error('the engine split the cells differently');
  const m = run.metrics;
  const final = m.knn_holdout ?? NaN;
  const reached = timeToQuality(curve, final);
  const barInputs = { knn: final, input: m.knn_holdout_input ?? 0, pca: m.knn_holdout_pca ?? 0 };
  const margin = barMargin(barInputs);
  return {
    knn: r3(final),
    input: r3(m.knn_holdout_input),
    pca: r3(m.knn_holdout_pca),
    margin: r3(margin),
    bar: meetsBar(barInputs),
    epochs: run.report.training.epochs,
    stepsPerEpoch: run.report.parameters.stepsPerEpoch,
    backend: run.report.backend.backend,
    ttqEpoch: reached?.epoch ?? null,
    ttqCpuS: reached ? r3(reached.cpuMs / 1000) : null,
    fitCpuS: r3(fitCpu / 1000),
    curve: curve.map((p) => r3(p.knn)).join(' '),
  };
}

const { values } = parseArgs({
  options: {
    datasets: { type: 'string', default: 'pbmc68k_reduced_lognorm' },
    seeds: { type: 'string', default: '0' },
    recipes: { type: 'string', default: '[{}]' },
  },
});
const list = (s: string): string[] => s.split(',').filter(Boolean);
const recipes = JSON.parse(values.recipes) as Partial<TrainSettings>[];
for (const name of list(values.datasets)) {
  const raw = await importTable(comparisonDatasetPath(name), {});
  for (const seed of list(values.seeds).map(Number)) {
    const pre = await fitPreprocess(raw.values, raw.genes, { seed });
    const table: ExpressionTable = {
      ...raw,
      values: pre.matrix,
      genes: Array.from({ length: pre.matrix.cols }, (_, c) => `pc${c + 1}`),
    };
    for (const recipe of recipes) {
      const out = await sweepRun(table, seed, recipe);
      console.log(JSON.stringify({ dataset: name, seed, recipe, ...out, load: r3(loadavg()[0]) }));
    }
  }
}
