/**
 * Time to quality (issue 3, "Quality" and "Benchmark"): how long the engine's default training takes to
 * reach the quality bar on sklearn_digits and fashion_mnist_test — a 3-D map whose held-out kNN-5 accuracy
 * is ≥ the preprocessed input space's − 0.02 and ≥ PCA-3D's + 0.05. Each dataset is trained with growing
 * epoch budgets (same seed) until a run meets the bar; the time reported is that run's (preprocessing,
 * training, embedding and metrics; import timed separately). Also the three quality-test datasets at
 * defaults, and how many of seeds 0–7 meet the bar on them (each seed: another split and initialisation).
 *
 * Runnable alone: `npx tsx bench/quality.ts [dataset…]`. Writes bench/results/quality.json and the
 * "Quality" section of bench/README.md.
 */
import { pathToFileURL } from 'node:url';
import { importTable } from '../src/data/index.js';
import { initBackend } from '../src/backend/index.js';
import { runTraining } from '../src/engine/run-training.js';
import type { RunMetrics, TrainSettings } from '../src/engine/types.js';
import { resolveSettings } from '../src/engine/settings.js';
import { machineInfo, type MachineInfo } from './lib/machine.js';
import { markdownTable, num, updateReadmeSection } from './lib/markdown.js';
import { barMargin as margin, meetsBar, type BarInputs } from './lib/quality-bar.js';
import { writeResult } from './lib/results.js';
import { formatMs, timed } from './lib/timing.js';
import { sharedDataPath } from '../src/util/paths.js';

/** The bar's three accuracies of a run, or null when one is missing. */
function barInputs(m: RunMetrics): BarInputs | null {
  const { knn_holdout: knn, knn_holdout_input: input, knn_holdout_pca: pca } = m;
  return knn === null || input === null || pca === null ? null : { knn, input, pca };
}

export function meetsQualityBar(m: RunMetrics): boolean {
  const r = barInputs(m);
  return r !== null && meetsBar(r);
}

export interface QualityDataset {
  name: string;
  file: string;
  labelColumn: string;
  /** Epoch budgets tried in order until one meets the bar; undefined = the engine default. */
  epochLadder: (number | undefined)[];
  /** One of the quality test's datasets: also checked at defaults over several seeds. */
  qualityTest: boolean;
}

/** Time-to-quality datasets (the issue's benchmark) and the quality-test datasets at defaults. */
export const QUALITY_DATASETS: QualityDataset[] = [
  {
    name: 'sklearn_digits',
    file: 'sklearn_digits.csv',
    labelColumn: 'label',
    epochLadder: [2, 5, 10, 15, 20, undefined],
    qualityTest: true,
  },
  {
    name: 'fashion_mnist_test',
    file: 'fashion_mnist_test.csv.gz',
    labelColumn: 'label',
    epochLadder: [2, 5, 10, 15, 20, undefined],
    qualityTest: false,
  },
  {
    name: 'pbmc68k_reduced_lognorm',
    file: 'pbmc68k_reduced_lognorm.csv',
    labelColumn: 'label',
    epochLadder: [undefined],
    qualityTest: true,
  },
  {
    name: 'tissue_gene_expression',
    file: 'tissue_gene_expression.csv',
    labelColumn: 'label',
    epochLadder: [undefined],
    qualityTest: true,
  },
];

export interface QualityAttempt {
  epochs: number;
  epochsRun: number;
  stoppedReason: string;
  /** Preprocess + train + embed + metrics, from the run's own timings. */
  runMs: number;
  trainMs: number;
  metrics: RunMetrics;
  meetsBar: boolean;
}

export interface QualityRow {
  dataset: string;
  rows: number;
  genes: number;
  importMs: number;
  backend: string;
  attempts: QualityAttempt[];
  /** The run time of the first attempt that met the bar, or null when none did. */
  timeToQualityMs: number | null;
}

/** The quality test's datasets at engine defaults over several seeds (each seed: another split and init). */
export interface SeedRobustnessRow {
  dataset: string;
  seeds: number[];
  /** Per seed: held-out kNN-5 and the smaller of the two margins over the bar (≥ 0 passes). */
  knnHoldout: number[];
  margin: number[];
  passed: number;
}

export interface QualityResults {
  machine: MachineInfo;
  seed: number;
  dims: number;
  rows: QualityRow[];
  seedRobustness: SeedRobustnessRow[];
}

/** How far a run clears the bar (the smaller of its two margins); negative when it misses. */
export function barMargin(m: RunMetrics): number {
  const r = barInputs(m);
  return r === null ? -Infinity : margin(r);
}

async function seedRobustness(
  dataset: QualityDataset,
  seeds: number[],
  log: (s: string) => void,
): Promise<SeedRobustnessRow> {
  const table = await importTable(sharedDataPath(dataset.file), {});
  const row: SeedRobustnessRow = { dataset: dataset.name, seeds, knnHoldout: [], margin: [], passed: 0 };
  for (const seed of seeds) {
    const run = await runTraining(table, { labelColumn: dataset.labelColumn, dims: 3, seed });
    run.encoder.dispose();
    row.knnHoldout.push(run.metrics.knn_holdout ?? NaN);
    row.margin.push(barMargin(run.metrics));
    if (meetsQualityBar(run.metrics)) row.passed++;
  }
  log(`${dataset.name}: bar met at ${row.passed}/${seeds.length} seeds`);
  return row;
}

async function benchDataset(
  dataset: QualityDataset,
  seed: number,
  log: (s: string) => void,
): Promise<QualityRow> {
  const path = sharedDataPath(dataset.file);
  const { ms: importMs, result: table } = await timed(() => importTable(path, {}));
  const backend = await initBackend();
  const row: QualityRow = {
    dataset: dataset.name,
    rows: table.ids.length,
    genes: table.genes.length,
    importMs,
    backend: backend.backend,
    attempts: [],
    timeToQualityMs: null,
  };
  for (const epochs of dataset.epochLadder) {
    const settings: TrainSettings = { labelColumn: dataset.labelColumn, dims: 3, seed, epochs };
    const run = await runTraining(table, settings);
    run.encoder.dispose();
    const t = run.report.timings;
    const attempt: QualityAttempt = {
      epochs: resolveSettings(settings).epochs,
      epochsRun: run.report.training.epochs,
      stoppedReason: run.report.training.stoppedReason,
      runMs: t.totalMs,
      trainMs: t.trainMs,
      metrics: run.metrics,
      meetsBar: meetsQualityBar(run.metrics),
    };
    row.attempts.push(attempt);
    log(
      `${dataset.name}: ${attempt.epochsRun}/${attempt.epochs} epochs, ${formatMs(attempt.runMs)}, ` +
        `kNN holdout ${num(run.metrics.knn_holdout, 3)} (input ${num(run.metrics.knn_holdout_input, 3)}, PCA ${num(run.metrics.knn_holdout_pca, 3)})` +
        (attempt.meetsBar ? ' — meets the bar' : ''),
    );
    if (attempt.meetsBar) {
      row.timeToQualityMs = attempt.runMs;
      break;
    }
  }
  return row;
}

function readmeSection(results: QualityResults): string {
  const rows = results.rows.flatMap((r) =>
    r.attempts.map((a) => [
      r.dataset,
      `${r.rows} × ${r.genes}`,
      r.backend,
      `${a.epochsRun}/${a.epochs}`,
      num(a.metrics.knn_holdout, 3),
      num(a.metrics.knn_holdout_input, 3),
      num(a.metrics.knn_holdout_pca, 3),
      num(a.metrics.knn_train, 3),
      num(a.metrics.silhouette, 3),
      num(a.metrics.trustworthiness, 3),
      formatMs(a.runMs),
      a.meetsBar ? 'yes' : 'no',
    ]),
  );
  const m = results.machine;
  return [
    '## Quality',
    '',
    `\`npx tsx bench/quality.ts\` — ${m.date.slice(0, 10)}, ${m.cpuModel}, ${m.cores} cores, Node ${m.node}, commit ${m.gitCommit ?? '?'}, ` +
      `load average ${m.loadAverage.join(' / ')}. 3-D maps, seed ${results.seed}, 20% of each class held out; engine defaults ` +
      'except the epoch budget. The bar (issue 3): held-out kNN-5 ≥ input-space kNN-5 − 0.02 and ≥ PCA-3D kNN-5 + 0.05. ' +
      'Time = preprocessing + training + embedding + metrics of that run (import not included). ' +
      'Budgets are tried in order and the first run meeting the bar stops the ladder.',
    '',
    markdownTable(
      [
        'dataset',
        'cells × features',
        'backend',
        'epochs run/budget',
        'kNN holdout',
        'kNN input',
        'kNN PCA-3D',
        'kNN train',
        'silhouette',
        'trustw.',
        'time',
        'meets bar',
      ],
      rows,
    ),
    '',
    ...results.rows.map(
      (r) =>
        `- ${r.dataset}: ${r.timeToQualityMs === null ? 'did not reach the bar in the budgets tried' : `time to quality ${formatMs(r.timeToQualityMs)}`} (import ${formatMs(r.importMs)}).`,
    ),
    '',
    `Seed robustness of the quality test's datasets at engine defaults (the test itself uses seed ${results.seed}; ` +
      'every seed draws another hold-out split and initialisation). Margin = the smaller of the two distances ' +
      'above the bar; negative misses it.',
    '',
    markdownTable(
      ['dataset', 'seeds meeting the bar', 'kNN holdout per seed', 'margin: min / mean'],
      results.seedRobustness.map((r) => [
        r.dataset,
        `${r.passed}/${r.seeds.length}`,
        r.knnHoldout.map((v) => num(v, 3)).join(' '),
        `${num(Math.min(...r.margin), 3)} / ${num(r.margin.reduce((a, b) => a + b, 0) / r.margin.length, 3)}`,
      ]),
    ),
  ].join('\n');
}

/**
 * Runs the benchmark. @param options.datasets names to run (default: all of QUALITY_DATASETS);
 * @param options.seed run seed (default 0); @param options.writeReadme update bench/README.md (default true);
 * @param options.robustnessSeeds seeds for the quality datasets' robustness table (default 0–7).
 */
export async function runQualityBench(
  options: {
    datasets?: string[];
    seed?: number;
    writeReadme?: boolean;
    robustnessSeeds?: number[];
    log?: (s: string) => void;
  } = {},
): Promise<QualityResults> {
  const {
    seed = 0,
    writeReadme = true,
    robustnessSeeds = [0, 1, 2, 3, 4, 5, 6, 7],
    log = (s: string) => process.stderr.write(`${s}\n`),
  } = options;
  const chosen = options.datasets?.length
    ? QUALITY_DATASETS.filter((d) => options.datasets!.includes(d.name))
    : QUALITY_DATASETS;
  const results: QualityResults = { machine: machineInfo(), seed, dims: 3, rows: [], seedRobustness: [] };
  for (const dataset of chosen) results.rows.push(await benchDataset(dataset, seed, log));
  for (const dataset of chosen.filter((d) => d.qualityTest)) {
    results.seedRobustness.push(await seedRobustness(dataset, robustnessSeeds, log));
  }
  await writeResult('quality', results);
  if (writeReadme) await updateReadmeSection('quality', readmeSection(results));
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runQualityBench({ datasets: process.argv.slice(2) });
}
