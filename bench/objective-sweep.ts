/**
 * The neighbour-graph weight against the quality metrics (issue 13): trains each dataset at engine defaults
 * with every `graphWeight` given and every seed, and prints one JSON line per run (held-out kNN-5, its
 * PCA-3D and input baselines, silhouette, trustworthiness, epochs, wall and CPU seconds with the 1-minute load). The measurements behind
 * GRAPH_WEIGHT_DEFAULT; not part of `npm run bench`.
 *
 * `npx tsx bench/objective-sweep.ts --datasets pbmc68k_reduced_lognorm,sklearn_digits --weights 0,0.5,1 --seeds 0,1`
 * (extra settings as JSON: `--settings '{"neighbourShare":0}'`).
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { importTable } from '../src/data/index.js';
import { runTraining } from '../src/engine/run-training.js';
import type { TrainSettings } from '../src/engine/types.js';
import { comparisonDatasetPath } from './lib/datasets.js';

const { values } = parseArgs({
  options: {
    datasets: { type: 'string', default: 'pbmc68k_reduced_lognorm' },
    weights: { type: 'string', default: '0,1' },
    seeds: { type: 'string', default: '0' },
    settings: { type: 'string', default: '{}' },
  },
});
const list = (s: string): string[] => s.split(',').filter(Boolean);
const extra = JSON.parse(values.settings) as Partial<TrainSettings>;
for (const name of list(values.datasets)) {
  const table = await importTable(comparisonDatasetPath(name), {});
  for (const weight of list(values.weights).map(Number)) {
    for (const seed of list(values.seeds).map(Number)) {
      const cpuStart = process.cpuUsage();
      const run = await runTraining(table, {
        labelColumn: 'label',
        dims: 3,
        seed,
        graphWeight: weight,
        ...extra,
      });
      const cpu = process.cpuUsage(cpuStart);
      run.encoder.dispose();
      const m = run.metrics;
      const r3 = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 1000);
      console.log(
        JSON.stringify({
          dataset: name,
          weight,
          seed,
          ...extra,
          knn: r3(m.knn_holdout),
          pca: r3(m.knn_holdout_pca),
          input: r3(m.knn_holdout_input),
          sil: r3(m.silhouette),
          trust: r3(m.trustworthiness),
          epochs: run.report.training.epochs,
          s: Math.round(run.report.timings.totalMs / 100) / 10,
          cpuS: Math.round((cpu.user + cpu.system) / 1e5) / 10,
          load: Math.round(loadavg()[0] * 10) / 10,
        }),
      );
    }
  }
}
