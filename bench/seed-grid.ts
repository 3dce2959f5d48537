/**
 * Issue 13 goal (b) asks the quality test's bar to hold on 8 of 8 seeds. One seed draws the hold-out split and
 * the training run together, so one run a split cannot tell a recipe from its luck: this grid keeps each
 * split (`splitSeed` s) and trains it with several training seeds (s + 1000·j; j = 0 is the quality test's own
 * run), and reports each split's pass rate, the splits one run each is expected to pass, and the chance that
 * all pass (bench/lib/seed-grid-summary.ts). Raw lines are appended to bench/results/seed-grid.jsonl under
 * `--tag`; `--report TAG` prints a tag's table again without training. Not part of `npm run bench`.
 *
 * `npx tsx bench/seed-grid.ts --tag default [--datasets pbmc68k_reduced_lognorm] [--splits 0,…,7] [--runs 8]
 *  [--first-run 0] [--settings '{…TrainSettings}']` — `--first-run 8 --runs 8` replicates a grid on eight other
 *  training seeds a split (then no run is the quality test's own).
 */
import { appendFile, readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runTraining } from '../src/engine/run-training.js';
import type { TrainSettings } from '../src/engine/types.js';
import { comparisonTable } from './lib/datasets.js';
import { machineInfo } from './lib/machine.js';
import { resultsDir } from './lib/results.js';
import { gridTable, summariseGrid, trainingSeed, type GridRun } from './lib/seed-grid-summary.js';

const { values } = parseArgs({
  options: {
    tag: { type: 'string' },
    datasets: { type: 'string', default: 'pbmc68k_reduced_lognorm' },
    splits: { type: 'string', default: '0,1,2,3,4,5,6,7' },
    runs: { type: 'string', default: '8' },
    'first-run': { type: 'string', default: '0' },
    settings: { type: 'string', default: '{}' },
    report: { type: 'string' },
  },
});
const RESULTS = join(resultsDir(), 'seed-grid.jsonl');
const numbers = (s: string): number[] => s.split(',').filter(Boolean).map(Number);
// three places keep every verdict under 1 000 held-out cells (the quality test's have 38–360): a count's step
// is then over 0.001, and the bar's offsets (0.02, 0.05) are whole thousandths (bench/lib/quality-bar.ts)
const r3 = (v: number | null): number => (v === null ? NaN : Math.round(v * 1000) / 1000);

type Line = GridRun & { tag: string; dataset: string };

async function printReport(tag: string): Promise<void> {
  const lines = (await readFile(RESULTS, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Line)
    .filter((l) => l.tag === tag);
  for (const dataset of [...new Set(lines.map((l) => l.dataset))]) {
    console.log(`\n${dataset}, tag ${tag}:\n`);
    console.log(gridTable(summariseGrid(lines.filter((l) => l.dataset === dataset))));
  }
}

if (values.report !== undefined) {
  await printReport(values.report);
} else {
  if (!values.tag)
    throw new Error('seed-grid: --tag NAME labels the raw lines (or --report TAG to print one)');
  const extra = JSON.parse(values.settings) as Partial<TrainSettings>;
  const { gitCommit, date } = machineInfo();
  const first = Number(values['first-run']);
  for (const dataset of values.datasets.split(',').filter(Boolean)) {
    const table = await comparisonTable(dataset);
    for (const split of numbers(values.splits)) {
      for (let run = first; run < first + Number(values.runs); run++) {
        const seed = trainingSeed(split, run);
        const cpuStart = process.cpuUsage();
        const result = await runTraining(table, {
          labelColumn: 'label',
          dims: 3,
          ...extra,
          seed,
          splitSeed: split,
        });
        result.encoder.dispose();
        const cpu = process.cpuUsage(cpuStart);
        const m = result.metrics;
        const line = {
          tag: values.tag,
          dataset,
          split,
          run,
          seed,
          settings: extra,
          knn: r3(m.knn_holdout),
          input: r3(m.knn_holdout_input),
          pca: r3(m.knn_holdout_pca),
          sil: r3(m.silhouette),
          trust: r3(m.trustworthiness),
          epochs: result.report.training.epochs,
          backend: result.report.backend.backend,
          cpuS: Math.round((cpu.user + cpu.system) / 1e5) / 10,
          load: Math.round(loadavg()[0] * 10) / 10,
          commit: gitCommit,
          date,
        };
        await appendFile(RESULTS, `${JSON.stringify(line)}\n`);
        console.log(JSON.stringify(line));
      }
    }
  }
  await printReport(values.tag);
}
