/**
 * The neighbour-graph weight against the quality metrics (issue 13): trains each dataset at engine defaults
 * with every `graphWeight` given and every seed, and prints one JSON line per run (held-out kNN-5, its
 * PCA-3D and input baselines, the training cells' own kNN-5, silhouette, trustworthiness, epochs, wall and CPU seconds with the 1-minute load). The measurements behind
 * GRAPH_WEIGHT_DEFAULT; not part of `npm run bench`.
 *
 * `npx tsx bench/objective-sweep.ts --datasets pbmc68k_reduced_lognorm,sklearn_digits --weights 0,0.5,1 --seeds 0,1`
 * (extra settings as JSON: `--settings '{"neighbourShare":0}'`). `--then '{"graphWeight":0,"epochs":3}'` runs a
 * second stage from each run's trained weights with those settings on top (the app's fine-tuning: the same
 * seed, so the same split) and reports its map, with the first stage's metrics under `first` and the CPU
 * seconds of both. A triplet-only polish no longer needs it: `--settings '{…,"polishEpochs":1}'` (the
 * trainer's polishEpochs / polishLearningRate) gives the same map in one run, but no `first`.
 * `--settings '{"objective":"neighbourhoods"}'` runs the engine's recipe (src/engine/objective.ts; the line
 * names it under `recipe`) and `--weights` then only labels the line. `--help` prints this.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { runTraining } from '../src/engine/run-training.js';
import type { TrainSettings, TrainingRun } from '../src/engine/types.js';
import { comparisonTable } from './lib/datasets.js';

const { values } = parseArgs({
  options: {
    datasets: { type: 'string', default: 'pbmc68k_reduced_lognorm' },
    weights: { type: 'string', default: '0,1' },
    seeds: { type: 'string', default: '0' },
    settings: { type: 'string', default: '{}' },
    then: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(
    'npx tsx bench/objective-sweep.ts [--datasets a,b] [--weights 0,20] [--seeds 0,1,2] ' +
      "[--settings '{…TrainSettings}'] [--then '{…TrainSettings of a second stage}']\n" +
      'A triplet-only polish in the same run: --settings \'{…,"polishEpochs":1,"polishLearningRate":0.0002}\'.',
  );
  process.exit(0);
}
const list = (s: string): string[] => s.split(',').filter(Boolean);
const extra = JSON.parse(values.settings) as Partial<TrainSettings>;
const then = values.then === undefined ? undefined : (JSON.parse(values.then) as Partial<TrainSettings>);
const r3 = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 1000);
const quality = (run: TrainingRun) => ({
  knn: r3(run.metrics.knn_holdout),
  // the training cells' own leave-one-out kNN-5: whether a low hold-out kNN-5 is the classes or the encoder's reach
  train: r3(run.metrics.knn_train),
  pca: r3(run.metrics.knn_holdout_pca),
  input: r3(run.metrics.knn_holdout_input),
  sil: r3(run.metrics.silhouette),
  trust: r3(run.metrics.trustworthiness),
  epochs: run.report.training.epochs,
  ...(run.report.objectiveRecipe ? { recipe: run.report.objectiveRecipe } : {}),
});
for (const name of list(values.datasets)) {
  const table = await comparisonTable(name);
  for (const weight of list(values.weights).map(Number)) {
    for (const seed of list(values.seeds).map(Number)) {
      const cpuStart = process.cpuUsage();
      // with an objective recipe the recipe sets the graph weight: --weights then only labels the line
      const recipeSetsWeight = extra.objective !== undefined && extra.objective !== 'triplet';
      const settings: TrainSettings = {
        labelColumn: 'label',
        dims: 3,
        seed,
        ...(recipeSetsWeight ? {} : { graphWeight: weight }),
        ...extra,
      };
      const run = await runTraining(table, settings);
      let last = run;
      if (then) {
        const initialWeights = run.encoder.weightValues();
        run.encoder.dispose();
        last = await runTraining(table, { ...settings, ...then }, { initialWeights });
      }
      const cpu = process.cpuUsage(cpuStart);
      last.encoder.dispose();
      console.log(
        JSON.stringify({
          dataset: name,
          weight,
          seed,
          ...extra,
          ...(then ? { then, first: quality(run) } : {}),
          ...quality(last),
          s: Math.round((run.report.timings.totalMs + (then ? last.report.timings.totalMs : 0)) / 100) / 10,
          cpuS: Math.round((cpu.user + cpu.system) / 1e5) / 10,
          load: Math.round(loadavg()[0] * 10) / 10,
        }),
      );
    }
  }
}
